"""Words of a short text: a first tokeniser with nl/en/fr/de stop words.

The topics & clouds work (TweetTokenizer, stemming, phrases) replaces it with the same interface.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[#@]?\w[\w'-]*", re.UNICODE)

def _stop_words() -> frozenset[str]:
    import stopwordsiso

    words: set[str] = set()
    for lang in ("nl", "en", "fr", "de"):
        words |= set(stopwordsiso.stopwords(lang))
    return frozenset(words | {"amai", "aub", "echt", "weer", "nog", "altijd", "gewoon", "sinds"})


_STOP = _stop_words()


def tokenize(text: str) -> list[str]:
    """Tokens of ``text`` (lower-cased)."""
    return [t.lower() for t in _WORD.findall(text)]


def content_terms(text: str, lang: str | None = None, exclude: Iterable[str] = ()) -> list[str]:
    """Tokens worth showing in a cloud: no stop words, no excluded (query) terms."""
    skip = _STOP | {e.lower() for e in exclude}
    return [t for t in tokenize(text) if len(t) > 2 and t not in skip and not t.isdigit()]
