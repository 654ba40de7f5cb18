"""PLACEHOLDER (replaced by the language & sentiment work): sentiment of a short text."""

from __future__ import annotations

from collections.abc import Mapping

from newsroom.domain import Polarity, Sentiment

_NEG = {"schandalig", "belachelijk", "slecht", "boos", "kapot", "gevaarlijk", "bad", "mauvais"}
_POS = {"chapeau", "goed", "mooi", "top", "bedankt", "good", "great", "bien"}


class SentimentScorer:
    """Scores text in [-1, 1]; ``user_lexicon`` maps language -> term -> score."""

    def __init__(self, user_lexicon: Mapping[str, Mapping[str, float]] | None = None) -> None:
        self._user = user_lexicon or {}

    def score(self, text: str, lang: str | None = None) -> Sentiment:
        """Label, score and confidence of ``text``."""
        words = text.lower().split()
        s = sum(1 for w in words if w in _POS) - sum(1 for w in words if w in _NEG)
        value = max(-1.0, min(1.0, s / 2))
        label = Polarity.NEUTRAL
        if value:
            label = Polarity.NEGATIVE if value < 0 else Polarity.POSITIVE
        return Sentiment(label, value, 0.5)
