"""PLACEHOLDER (replaced by the topics & clouds work): words of a short text."""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"[#@]?\w[\w'-]*", re.UNICODE)
_STOP = {"de", "het", "een", "en", "van", "in", "op", "is", "niet", "the", "and", "le", "la", "les"}


def tokenize(text: str) -> list[str]:
    """Tokens of ``text`` (lower-cased)."""
    return [t.lower() for t in _WORD.findall(text)]


def content_terms(text: str, lang: str | None = None, exclude: Iterable[str] = ()) -> list[str]:
    """Tokens worth showing in a cloud: no stop words, no excluded (query) terms."""
    skip = _STOP | {e.lower() for e in exclude}
    return [t for t in tokenize(text) if len(t) > 2 and t not in skip]
