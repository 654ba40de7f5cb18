"""Words that only say when ("uur", "vandaag", "maandag", "14u", "17/11"): no use among an event's words
and never in a topic's name.

Pure: a term is a time term when every word of it is a time word, a time of day or a date.
"""

from __future__ import annotations

import re

_NL = ("uur uren u min minuut minuten sec seconde seconden kwartier halfuur vandaag gisteren morgen "
       "overmorgen eergisteren vanochtend vanmorgen vanmiddag vanavond vannacht ochtend middag avond nacht "
       "dag dagen week weken weekend maand maanden jaar jaren tijd straks nu daarnet zonet "
       "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag "
       "januari februari maart april mei juni juli augustus september oktober november december "
       "feb mrt apr jun jul aug sep sept okt nov dec voormiddag namiddag gisteravond gisterenavond "
       "morgenvroeg morgenavond morgenochtend overdag morgens middags avonds nachts eergisteravond kwart")
_EN = ("hour hours hr hrs minute minutes mins second seconds today yesterday tomorrow tonight morning "
       "afternoon evening night day days week weeks weekend month months year years time now "
       "monday tuesday wednesday thursday friday saturday sunday noon midnight tonight's yesterday's "
       "january february march june july august october december mins secs")
_FR = ("heure heures h minute minutes aujourd'hui hier demain matin soir nuit jour jours semaine "
       "semaines mois an ans année lundi mardi mercredi jeudi vendredi samedi dimanche l'heure "
       "après-midi minuit hier-soir ce-soir janvier février mars avril mai juin "
       "juillet août septembre octobre novembre décembre")
TIME_WORDS = frozenset(" ".join((_NL, _EN, _FR)).split())
#: "14u", "14u30", "14:05", "14.05u", "14h", "5min", "17/11", "17-11-2026", "2026-11-17" (a bare number
#: such as 112 or 2026 is no time: it stays)
_CLOCK = re.compile(r"^\d{1,2}(?::\d{2}|[uh](?:\d{2})?|\.\d{2}u?)$|^\d{1,3}(?:min|sec|u|h|uur)$"
                    r"|^\d{1,2}[/-]\d{1,2}(?:[/-]\d{2,4})?$|^\d{4}-\d{1,2}-\d{1,2}$")


#: The shortest time word that makes up half of a glued one ("dag" of "zaterdagochtend").
_PART = 3


def is_time_word(word: str) -> bool:
    """True for a word that only says when (any case), or a time of day ("14u"), or two time words
    written as one, as Dutch does ("zaterdagochtend", "zondagavond", "maandagmorgen")."""
    w = word.strip(".,;:!?()\"'’").lower().replace("’", "'")
    return w in TIME_WORDS or bool(_CLOCK.match(w)) or _glued(w)


def _glued(word: str) -> bool:
    """Whether ``word`` is two time words glued together."""
    return any(word[:i] in TIME_WORDS and word[i:] in TIME_WORDS
               for i in range(_PART, len(word) - _PART + 1))


def is_time_term(term: str) -> bool:
    """True when every word of ``term`` only says when ("uur", "vandaag 14u"): "uur wachten" is not."""
    words = term.split()
    return bool(words) and all(is_time_word(w) for w in words)
