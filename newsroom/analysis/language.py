"""PLACEHOLDER (replaced by the language & sentiment work): language of a short text."""

from __future__ import annotations

from collections.abc import Sequence

LANGUAGES = ("nl", "en", "fr", "de")

_HINTS = {
    "nl": {"de", "het", "een", "en", "niet", "van", "is", "op", "wat", "voor"},
    "en": {"the", "and", "is", "of", "to", "in", "not", "what", "for", "on"},
    "fr": {"le", "la", "les", "et", "est", "pas", "des", "une", "pour", "du"},
    "de": {"der", "die", "das", "und", "ist", "nicht", "ein", "für", "auf", "mit"},
}


def detect_language(text: str, prior: Sequence[str] = ()) -> str:
    """Return "nl", "en", "fr", "de" or "other"; ``prior`` lists the search's languages."""
    words = set(text.lower().split())
    best, hits = "other", 0
    for lang, hints in _HINTS.items():
        n = len(words & hints) + (1 if lang in prior else 0)
        if n > hits:
            best, hits = lang, n
    return best
