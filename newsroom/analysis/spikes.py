"""Causal spike scoring on bucketed counts: robust, seasonal, count-aware.

For each bucket the detector compares the value with a baseline built only from earlier buckets:
the median of a sliding window, blended with the median of the same time of day on earlier days
when there are enough of them (so a daily peak is normal), and a spread that is the larger of the
robust deviation (MAD) and the Poisson noise of the baseline (so 3 posts in a quiet town are not a
crisis). The excess in spreads is mapped to a score in [0, 1]; an alert fires at the onset of an
excursion above the sensitivity's threshold and not again until the series has calmed down.
When the total volume is given, a negative count that merely follows a rise in all talk (a
festival) is discounted.
"""

from __future__ import annotations

import math
import statistics
from collections import deque
from dataclasses import dataclass
from datetime import datetime

#: sensitivity -> (alert threshold in robust spreads, minimum value to alert)
SENSITIVITY: dict[str, tuple[float, float]] = {
    "fewer": (8.0, 5.0),
    "balanced": (6.0, 3.0),
    "more": (4.5, 2.0),
}
WARM_UP = 30  # buckets before the detector may alert
CALM = 0.5  # an excursion ends when the excess falls below this share of the threshold
COOLDOWN_S = 2 * 3600  # after an alert, the same series stays quiet this long


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

    def __init__(self, sensitivity: str = "balanced", *, window: int = 288, seasonal_days: int = 7,
                 bucket_s: int | None = None) -> None:
        if sensitivity not in SENSITIVITY:
            raise ValueError(f"sensitivity must be one of {', '.join(SENSITIVITY)}, not {sensitivity!r}")
        self.sensitivity = sensitivity
        self.threshold, self.min_value = SENSITIVITY[sensitivity]
        self._recent: deque[float] = deque(maxlen=window)
        self._ratio: deque[float] = deque(maxlen=window)
        self._seasonal: dict[int, deque[float]] = {}
        self._seasonal_days = seasonal_days
        self._bucket_s = bucket_s
        self._last_ts: datetime | None = None
        self._seen = 0
        self._in_excursion = False
        self._cooldown_until: datetime | None = None

    def _slot(self, ts: datetime) -> int:
        step = self._bucket_s or 60
        return (ts.hour * 3600 + ts.minute * 60 + ts.second) // step

    def baseline(self, ts: datetime) -> tuple[float, float]:
        """(expected value, spread) for bucket ``ts`` from earlier buckets only."""
        if not self._recent:
            return 0.0, 1.0
        recent = sorted(self._recent)
        med = statistics.median(recent)
        deviations = sorted(abs(v - med) for v in recent)
        mad = deviations[len(deviations) // 2] * 1.4826
        # heavy-tailed series (bursty talk): let the 90th percentile of deviations widen the spread
        tail = deviations[int(len(deviations) * 0.9)] / 1.645 if len(deviations) >= 20 else 0.0
        seasonal = self._seasonal.get(self._slot(ts))
        if seasonal is not None and len(seasonal) >= 2:
            expected = 0.5 * med + 0.5 * statistics.median(seasonal)
        else:
            expected = med
        spread = max(mad, tail, math.sqrt(max(expected, 0.0)), 1.0)
        return expected, spread

    def update(self, ts: datetime, value: float, total: float | None = None) -> SpikeStep:
        """Score bucket ``ts`` with ``value`` using only earlier buckets, then learn from it."""
        if self._bucket_s is None and self._last_ts is not None:
            gap = int((ts - self._last_ts).total_seconds())
            if gap > 0:
                self._bucket_s = gap
        self._last_ts = ts
        expected, spread = self.baseline(ts)
        excess = (value - expected) / spread
        if total is not None and total > 0 and self._ratio:
            # negative share against its normal: a festival doubles everything, not the share
            share = value / total
            normal_share = statistics.median(self._ratio)
            if normal_share > 0 and share <= normal_share * 1.5:
                excess *= 0.5
        # monotone, unsaturated: 0.5 at the threshold; damped inside an excursion already reported
        raw = excess * excess / (excess * excess + self.threshold * self.threshold) if excess > 0 else 0.0
        fire = (self._seen >= WARM_UP and excess >= self.threshold and value >= self.min_value)
        cooling = self._cooldown_until is not None and ts < self._cooldown_until
        alert = fire and not self._in_excursion and not cooling
        score = raw if not (self._in_excursion or cooling) else raw * 0.3
        if alert:
            from datetime import timedelta

            self._cooldown_until = ts + timedelta(seconds=COOLDOWN_S)
        if self._seen < WARM_UP:
            score *= 0.3
        if fire:
            self._in_excursion = True
        elif excess < self.threshold * CALM:
            self._in_excursion = False
        self._learn(ts, value, total)
        return SpikeStep(round(score, 6), alert, value, expected, spread)

    def _learn(self, ts: datetime, value: float, total: float | None) -> None:
        self._seen += 1
        self._recent.append(value)
        if total is not None and total > 0:
            self._ratio.append(value / total)
        slot = self._seasonal.setdefault(self._slot(ts), deque(maxlen=self._seasonal_days))
        slot.append(value)
