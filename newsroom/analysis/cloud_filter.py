"""Which of a topic's terms a word cloud shows: not words that only say when ("uur", "vandaag"), not
elided stop words ("n'est", "qu'il", "c'est", "don't": French and English forms the tokeniser keeps as
one word), not set phrases or their words ("goed bezig"; "hand" of "wat is er aan de hand"), no swear
words ("kut", "klotebus": :mod:`newsroom.analysis.swear_words`).

For clouds (and the crisis view's phrases) only: the topics' own tokens are not touched.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsroom.analysis.set_phrases import is_set_phrase, set_phrase_words
from newsroom.analysis.swear_words import holds_swear_word
from newsroom.analysis.time_words import is_time_term

#: an elided French article, pronoun or particle before a word: n', l', d', qu', j', s', c', m', t'
_ELIDED = re.compile(r"^(?:n|l|d|qu|j|s|c|m|t|jusqu|lorsqu|puisqu|quelqu)'(.+)$", re.IGNORECASE)
#: what follows such an elision when the whole says nothing: a verb of being or having, a pronoun
#: (a list of its own: the wall does not load the analysis' stop words, see tests/ui/test_reader_worker)
_FR_WORDS = ("""est es était étais etait etais étaient etaient ai as a avait avais avaient ont
    avons avez sont suis sommes êtes etes être etre avoir aurait aurais serait il ils elle elles on en y
    un une eux ici où ou ça ce cela ceci autre autres importe entre""")
_FR_AFTER = frozenset(_FR_WORDS.split())
#: an English contraction's ending (it's, don't, we're, I've, we'll, I'd, I'm) and the words before it
#: that make it a stop word
_CONTRACTION = re.compile(r"^(.+)'(?:s|t|re|ve|ll|d|m)$", re.IGNORECASE)
_EN_WORDS = ("""don doesn didn isn aren wasn weren can couldn won wouldn shouldn haven hasn
    hadn ain mustn needn it that there here what who he she we they you i let where how when this""")
_EN_BEFORE = frozenset(_EN_WORDS.split())
_PHRASE_WORDS = set_phrase_words()


def elided_stop_word(word: str) -> bool:
    """``word`` is a stop word with an elided part: "n'est", "qu'il", "c'était", "don't", "it's"
    ("l'eau", "d'Anvers" are not: what follows the apostrophe says something)."""
    w = word.lower().replace("’", "'")
    if "'" not in w:
        return False
    elided = _ELIDED.match(w)
    if elided is not None:
        return elided.group(1) in _FR_AFTER
    contraction = _CONTRACTION.match(w)
    return contraction is not None and contraction.group(1) in _EN_BEFORE


@lru_cache(maxsize=8192)
def shown_in_cloud(term: str) -> bool:
    """A cloud shows ``term``: it says something of the story (see the module's docstring)."""
    words = term.split()
    if not words or is_time_term(term) or is_set_phrase(term) or holds_swear_word(term):
        return False
    if all(elided_stop_word(w) for w in words):
        return False
    return not (len(words) == 1 and words[0].lower() in _PHRASE_WORDS)
