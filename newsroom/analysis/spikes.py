"""Causal spike scoring, first version: a robust z-score (median/MAD) over a sliding window.

The alerts issue replaces it with a seasonal, count-aware detector with the same interface.
"""

from __future__ import annotations

import statistics
from collections import deque
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class SpikeStep:
    """The detector's verdict on one bucket."""

    score: float  # in [0, 1]
    alert: bool
    observed: float
    expected: float
    spread: float


class SpikeDetector:
    """Feeds one bucket at a time (causal); ``sensitivity`` is "fewer", "balanced" or "more"."""

    def __init__(self, sensitivity: str = "balanced", *, window: int = 120) -> None:
        self.sensitivity = sensitivity
        self._history: deque[float] = deque(maxlen=window)

    def update(self, ts: datetime, value: float, total: float | None = None) -> SpikeStep:
        """Score bucket ``ts`` with ``value`` using only earlier buckets."""
        hist = list(self._history)
        self._history.append(value)
        if len(hist) < 10:
            return SpikeStep(0.0, False, value, value, 0.0)
        med = statistics.median(hist)
        mad = statistics.median(abs(h - med) for h in hist) * 1.4826 or 1.0
        z = (value - med) / mad
        score = max(0.0, min(1.0, z / 10))
        return SpikeStep(score, z > 6 and value >= 3, value, med, mad)
