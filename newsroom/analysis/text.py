"""Words of a short text: a first tokeniser with nl/en/fr/de stop words.

The topics & clouds work (TweetTokenizer, stemming, phrases) replaces it with the same interface.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

_WORD = re.compile(r"[#@]?\w[\w'-]*", re.UNICODE)

def _stop_words() -> frozenset[str]:
    import stopwordsiso

    words: set[str] = set()
    for lang in ("nl", "en", "fr", "de"):
        words |= set(stopwordsiso.stopwords(lang))
    extra = Path(__file__).resolve().parent / "lexicons" / "cloud_stop.txt"
    for line in extra.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            words.add(line.strip().lower())
    return frozenset(words | {"amai", "aub", "weer", "nog", "altijd", "sinds"})


_STOP = _stop_words()
#: nl/en/fr/de stop words plus cloud noise, lower case
STOP_WORDS = _STOP


def tokenize(text: str) -> list[str]:
    """Tokens of ``text`` (lower-cased)."""
    return [t.lower() for t in _WORD.findall(text)]


def content_terms(text: str, lang: str | None = None, exclude: Iterable[str] = ()) -> list[str]:
    """Tokens worth showing in a cloud: no stop words, no excluded (query) terms."""
    extra = {e.lower() for e in exclude}  # small; the stop-word set is not copied per call
    return [t for t in tokenize(text)
            if len(t) > 2 and t not in _STOP and t not in extra and not t.isdigit()]
