"""How common a word is in general Dutch, French and English: a background beside the stream's own idf.

A stream's idf says how rare a word is in the stream; on a few hundred posts a general word ("tip",
"lang", "zin", "vandaag") is as rare there as a story's own ("zandzakjes", "Hoogveld") and ties posts of
different stories together. The small word lists of ``wordfreq`` (general frequencies of Dutch, French
and English from subtitles, Wikipedia, news and social media) lower the weight of words common in any
of the three languages, from the first post on: a word at most COMMON_FROM on the Zipf scale keeps its
idf, a word of ALWAYS_FROM or more keeps FLOOR of it, in between in proportion.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

from newsroom.analysis.topic_concepts import is_concept

#: Zipf frequency (log10 of occurrences per billion words): up to COMMON_FROM a word is rare enough to
#: keep its full weight ("zandzak" 1.9, "kelder" 4.1 is lowered a little); from ALWAYS_FROM on ("nog"
#: 6.6, "vandaag" 5.6 is lowered most) it keeps FLOOR (chosen on the seven development streams)
COMMON_FROM = 3.0
ALWAYS_FROM = 6.5
FLOOR = 0.3
LANGUAGES = ("nl", "fr", "en")


@lru_cache(maxsize=1)
def _frequencies() -> tuple[dict[str, float], ...]:
    from wordfreq import get_frequency_dict  # imported when first needed: the batch's story steps

    return tuple(get_frequency_dict(lang, wordlist="small") for lang in LANGUAGES)


def zipf(word: str) -> float:
    """The highest Zipf frequency of a (lower-case) word in Dutch, French or English (0: unknown)."""
    best = max(table.get(word, 0.0) for table in _frequencies())
    return math.log10(best * 1e9) if best > 0.0 else 0.0


def factor(word: str) -> float:
    """The share of its idf a word keeps: 1 for a rare word, FLOOR for one of the commonest."""
    z = zipf(word)
    if z <= COMMON_FROM:
        return 1.0
    return max(FLOOR, 1.0 - (1.0 - FLOOR) * (z - COMMON_FROM) / (ALWAYS_FROM - COMMON_FROM))


def with_background(idf: Callable[[str], float], written: Callable[[str], str]) -> Callable[[str], float]:
    """``idf`` times the :func:`factor` of the form people wrote a key in (``written``; cached per key).
    Keys that are no word (a concept's, see :mod:`~newsroom.analysis.topic_concepts`) keep their idf."""
    factors: dict[str, float] = {}

    def weighted(key: str) -> float:
        f = factors.get(key)
        if f is None:
            f = factors[key] = factor(written(key).lower()) if not is_concept(key) else 1.0
        return idf(key) * f

    return weighted
