"""Set phrases that never name a story: questions, greetings, thanks, replies, fillers and news markers.

"Wat is er aan de hand?" is about a GFT container, not about a hand; "bij ons ook", "goeiemorgen",
"proficiat", "goed bezig", "merci", "stay safe", "BREAKING", "update" say nothing of what happened.
:func:`cut_set_phrases` replaces them by a break so that no name is made of their words (or runs across
them).
Dutch (with Flemish forms), French and English; matched case-insensitively on whole words.
"""

from __future__ import annotations

import re

_NL = (
    r"wat (?:is|was) (?:er )?(?:hier |daar |nu |toch )?(?:aan|mee|met) (?:de hand|die|dat)",
    r"wat (?:is|was) (?:er )?(?:hier |daar )?(?:gebeurd|aan het gebeuren)", r"wat gebeurt (?:er|hier|daar)",
    r"wa(?:t)? (?:is|es) (?:da|dat|dit)(?: hier| daar)?", r"aan de hand", r"hoe (?:lang|lank) nog",
    r"bij ons (?:ook|al|hier)(?: al)?", r"hier (?:ook|al)(?: al)?", r"(?:ik|wij|we) ook", r"ook hier",
    r"goe(?:i|d)e?(?:n)? ?(?:morgen|middag|avond|nacht|dag)(?: allemaal| iedereen)?", r"goedendag",
    r"dag allemaal",
    r"(?:hallo|hoi|hey|dag) (?:allemaal|iedereen|buren)",
    r"(?:heel |hartelijk |alvast )?(?:be)?dank(?:t|je|u)?(?: wel)?"
    r"(?: allemaal| iedereen| jullie| voor (?:de|het|jullie)(?: info| update| snelle reactie| reactie)?)?",
    r"merci(?: (?:aan|voor) (?:iedereen|allemaal)| beaucoup| à tous| pour l(?:'|’)info)?",
    r"proficiat", r"gefeliciteerd", r"chapeau", r"bravo",
    r"goed (?:bezig|gedaan|zo)", r"super(?: gedaan)?", r"top", r"respect", r"petje af",
    r"(?:veel )?succes(?: allemaal| ermee)?", r"sterkte(?: allemaal)?", r"courage",
    r"(?:veel |goede )?beterschap(?: gewenst)?", r"afspraak is afspraak",
    r"eerst zien,? dan geloven", r"geen idee", r"weet iemand (?:meer|iets|wat|hoe|waarom|wanneer|of)",
    r"iemand (?:meer )?info", r"meer info(?: volgt)?", r"(?:lees|meer) (?:meer|lezen|hier)",
    r"zie (?:foto|link|hieronder)", r"in de gaten(?: houden)?", r"op de hoogte(?: houden)?",
    r"hou(?:d|dt)? (?:het|jullie|u) (?:droog|veilig|warm|koel)", r"pas (?:goed )?op", r"let op", r"opgelet",
    r"ni(?:et)? normaal", r"da(?:'|’)?s (?:ni|niet) normaal", r"zo(?:'|’)?n toestand",
    r"wat een (?:toestand|miserie|schande|gedoe|zooi|chaos)", r"om zeep", r"in orde", r"ter plaatse",
    r"van de pot gerukt", r"de max", r"echt wel", r"zeker weten", r"nog (?:altijd|steeds) niks",
    # what kind of message it is, not what happened ("BREAKING: dak van de turnzaal weggewaaid")
    r"breaking(?: news)?", r"nieuwsflash", r"(?:laatste )?update",
)
_EN = (
    r"what(?:'|’)?s (?:going on|happening|up)", r"what is (?:going on|happening)", r"what happened",
    r"same here", r"me too", r"here too", r"good (?:morning|afternoon|evening|night|job)",
    r"thank(?:s| you)(?: so much| all| everyone| for the (?:update|info))?", r"well done",
    r"stay (?:safe|dry|cool|warm)", r"(?:be|stay) careful", r"any (?:news|idea|update|info)", r"read more",
    r"no idea", r"hang in there", r"news ?flash", r"just in", r"get well soon",
)
_FR = (
    r"qu(?:'|’)est-ce qui se passe", r"que se passe-t-il", r"qu(?:'|’)est-ce qu(?:'|’)il se passe",
    r"c(?:'|’)est quoi (?:ce|cette|ça)(?: \w+)?", r"chez nous aussi", r"ici aussi", r"moi aussi",
    r"bonjour(?: à tous)?", r"bonsoir",
    r"bonne (?:journée|soirée|nuit)", r"bon courage", r"bien joué", r"bravo", r"en savoir plus",
    r"lire la suite", r"n(?:'|’)importe quoi", r"c(?:'|’)est (?:pas )?normal", r"faites attention",
    r"flash info", r"derni[eè]re minute", r"mise à jour", r"(?:bon |prompt )rétablissement",
)
_SET = re.compile(r"(?<![\w'’-])(?:" + "|".join((*_NL, *_EN, *_FR)) + r")(?![\w'’-])", re.IGNORECASE)


def cut_set_phrases(text: str, mark: str = " | ") -> str:
    """``text`` with every set phrase replaced by ``mark`` (a break for phrase finding)."""
    return _SET.sub(mark, text)


#: set phrases whose one word of substance names no story by itself: "hand" of "wat is er aan de hand",
#: "gaten" of "in de gaten houden" (each is checked to be a set phrase above: ``set_phrase_words``)
_KERNELS = {"aan de hand": ("hand",), "in de gaten": ("gaten",), "op de hoogte": ("hoogte",),
            "om zeep": ("zeep",), "in orde": ("orde",), "ter plaatse": ("plaatse",),
            "van de pot gerukt": ("pot", "gerukt"), "petje af": ("petje",), "geen idee": ("idee",),
            "hang in there": ("hang",), "n'importe quoi": ("importe",)}


def set_phrase_words() -> frozenset[str]:
    """Words (lower case) that people write inside a set phrase and that say nothing of a story alone
    (for the cloud: a topic's word "hand" is "wat is er aan de hand"). Additive: names use
    :func:`cut_set_phrases`."""
    return frozenset(w for phrase, words in _KERNELS.items() if is_set_phrase(phrase) for w in words)


def is_set_phrase(text: str) -> bool:
    """``text`` is a set phrase as a whole ("goed bezig", "aan de hand", "stay safe")."""
    return bool(text.strip()) and _SET.fullmatch(text.strip()) is not None
