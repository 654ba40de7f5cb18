"""Which of a topic's terms a word cloud shows: not words that only say when ("uur", "vandaag"), not
elided stop words ("n'est", "qu'il", "c'est", "don't": French and English forms the tokeniser keeps as
one word), not set phrases or their words ("goed bezig"; "hand" of "wat is er aan de hand").

For clouds (and the crisis view's phrases) only: the topics' own tokens are not touched.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsroom.analysis.set_phrases import is_set_phrase, set_phrase_words
from newsroom.analysis.text import STOP_WORDS
from newsroom.analysis.time_words import is_time_term
from newsroom.analysis.words import fold

#: an elided French article, pronoun or particle before a word: n', l', d', qu', j', s', c', m', t'
_ELIDED = re.compile(r"^(?:n|l|d|qu|j|s|c|m|t|jusqu|lorsqu|puisqu)['’](.+)$", re.IGNORECASE)
#: an English contraction's ending: it's, don't, we're, I've, we'll, I'd, I'm
_CONTRACTION = re.compile(r"^(.+)['’](?:s|t|re|ve|ll|d|m)$", re.IGNORECASE)
_PHRASE_WORDS = set_phrase_words()


def _stop(word: str) -> bool:
    w = word.lower().replace("’", "'")
    return w in STOP_WORDS or fold(w) in STOP_WORDS


def elided_stop_word(word: str) -> bool:
    """``word`` is a stop word with an elided part: "n'est", "qu'il", "c'était", "don't", "it's"
    ("l'eau", "d'Anvers" are not: what follows the apostrophe says something)."""
    if "'" not in word and "’" not in word:
        return False
    if _stop(word):
        return True
    elided = _ELIDED.match(word)
    if elided is not None:
        return _stop(elided.group(1))
    contraction = _CONTRACTION.match(word)
    return contraction is not None and _stop(contraction.group(1))


@lru_cache(maxsize=8192)
def shown_in_cloud(term: str) -> bool:
    """A cloud shows ``term``: it says something of the story (see the module's docstring)."""
    words = term.split()
    if not words or is_time_term(term) or is_set_phrase(term):
        return False
    if all(elided_stop_word(w) for w in words):
        return False
    return not (len(words) == 1 and words[0].lower() in _PHRASE_WORDS)
