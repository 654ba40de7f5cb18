"""Words that say what happened in a town: the heads of a story's name ("brand", "wegenwerken").

A topic's name should hold what happened ("Wateroverlast in de Molenwijk"), not a word that happens to
be frequent in its posts ("Bewoners van de Molenwijk"). Dutch puts the head of a compound last, so a
word ending in a head is one too: "heidebrand", "stormschade", "waterleidingbreuk", "fietsdiefstal".
Dutch, French and English; compared folded (lower case, no accents).
"""

from __future__ import annotations

from functools import lru_cache

from newsroom.analysis.sentiment_lexicon import base_lexicon
from newsroom.analysis.words import fold

_NL = (
    "brand branden schade storm stormen overstroming overstromingen overlast wateroverlast evacuatie "
    "werken werkzaamheden werf heraanleg renovatie omleiding omleidingen afsluiting sluiting sluit "
    "panne pannes storing storingen uitval onderbreking breuk lek lekken tekort "
    "inbraak inbraken diefstal diefstallen overval overvallen vandalisme sluikstort sluikstorten "
    "ongeval ongevallen aanrijding botsing vechtpartij schietpartij steekpartij explosie bommelding "
    "ontruiming alarm oefening staking betoging protest petitie fusie verbod tarief tarieven "
    "belasting belastingen verhoging besparing besparingen ophaling inzameling kermis festival feest "
    "markt kerstmarkt braderie opening opendeurdag viering afscheid huldiging kampioen titel "
    "bomenkap kap hittegolf hitte droogte zwemverbod blauwalg vermist vermiste verdwenen gevonden "
    "woningbouw nieuwbouw verkiezing verkiezingen gemeenteraad begroting aanslag crisis noodweer "
    "file files vertraging vertragingen afval zwerfvuil parkeren faillissement sluitingsuur"
)
_FR = (
    "incendie incendies inondation inondations travaux panne pannes coupure fermeture grève accident "
    "accidents cambriolage cambriolages tempête dégâts manifestation collecte ramassage fête marché "
    "déviation canicule évacuation explosion fuite pollution vandalisme"
)
_EN = (
    "fire fires flood floods flooding roadworks works outage outages closure closures strike accident "
    "accidents theft thefts burglary burglaries storm damage festival market heatwave collection "
    "protest evacuation diversion leak explosion shooting stabbing crash"
)
HEADS = frozenset(fold(w) for w in f"{_NL} {_FR} {_EN}".split())
#: heads this short are whole words only ("kap" is no head of "schaap")
_WHOLE = 4
_LONGEST = max(len(h) for h in HEADS)


@lru_cache(maxsize=20_000)
def says_what_happened(word: str) -> bool:
    """True when ``word`` (as written) is a subject head or a compound ending in one ("heidebrand")."""
    w = fold(word).lstrip("#")
    return w in HEADS or any(w[-size:] in HEADS for size in range(_WHOLE + 1, min(len(w) - 2, _LONGEST) + 1))


#: A word whose sentiment score is at least this strong (any of our languages) judges.
JUDGING_SCORE = 0.3


@lru_cache(maxsize=20_000)
def judges(word: str) -> bool:
    """True when ``word`` says how people find something, not what it is ("vlot", "schandalig",
    "magnifique"): a word our sentiment lexicons score at least JUDGING_SCORE either way."""
    w = word.lower().lstrip("#")
    return any(abs(base_lexicon(lang).words.get(w, 0.0)) >= JUDGING_SCORE for lang in ("nl", "en", "fr"))
