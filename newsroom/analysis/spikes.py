"""Causal spike scoring on bucketed counts: seasonal, count-aware, calibrated on the series itself.

For each bucket the detector builds, from earlier buckets only:

* an **expected value**: the median of the last ``window`` buckets (the level) times a time-of-day
  profile — the median, over the same time of day (±10 min) on the last ``seasonal_days`` days, of
  each value relative to the level of its own day — so a daily rhythm is normal and a level shift
  is absorbed as fast as the median moves (within about half a ``window``); before two days of
  history the level alone;
* a **robust spread** (interquartile range of recent residuals, never below the Poisson noise
  ``sqrt(expected)``), giving a count-aware ``z``: 3 → 9 posts is noise, 300 → 900 is not.

The excess over the expected value is measured at two time scales — the bucket itself (a sudden
burst) and the mean of the last three hours (a sustained rise) — and each is divided by the largest
excess of that scale during the last two weeks (never less than its Poisson noise). The larger
ratio ``r`` says how this moment compares with everything the series did recently: ``r = 1`` is a
new two-week record. ``score = r / (1 + r)`` lies in [0, 1). Only the onset of an excursion keeps
its full score: while the series stays below a slowly decaying memory of its last peak (half-life
12 h), scores are damped, so one event is one detection. An alert needs the onset, a score at or
above the sensitivity's threshold, a significant ``z`` and a minimum count, after a warm-up and
outside the cooldown of an earlier alert. With the total volume given, a negative count that only
follows a rise of all talk (its share is not raised 1.5×) is explained: damped, never alerted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from newsroom.analysis.spike_stats import MovingMean, RollingSorted, SlidingMax, TimeOfDayMemory


@dataclass(frozen=True, slots=True)
class Sensitivity:
    """Documented alert parameters of one sensitivity level."""

    threshold: float  # the score must exceed this (0.5 = equal to the largest excess of the last two weeks)
    min_value: float  # a bucket below this count never alerts (tiny counts are no crisis)
    min_z: float  # excess over the expected value, in robust spreads, needed to alert


SENSITIVITY: dict[str, Sensitivity] = {
    "fewer": Sensitivity(threshold=0.55, min_value=5.0, min_z=6.0),
    "balanced": Sensitivity(threshold=0.5, min_value=3.0, min_z=4.5),
    "more": Sensitivity(threshold=0.45, min_value=2.0, min_z=3.5),
}
WARM_UP = 30  # buckets before the detector may alert
RECORD_S = 14 * 86400  # excesses are compared with the largest of this period
SLOW_S = 3 * 3600  # the sustained-rise scale
SEASON_HALF_S = 600  # time-of-day neighbourhood used for the seasonal median
MEMORY_HALF_LIFE_S = 12 * 3600  # decay of the peak memory that damps an ongoing excursion
COOLDOWN_S = 6 * 3600  # after an alert, the same series stays quiet this long
DAMPING = 0.3  # score share kept inside an excursion already reported
SHARE_RISE = 1.5  # with total volume given, a negative share below this × its normal is explained


@dataclass(frozen=True, slots=True)
class SpikeStep:
    """The detector's verdict on one bucket."""

    score: float  # in [0, 1]
    alert: bool
    observed: float
    expected: float
    spread: float
    z: float = 0.0  # (observed - expected) / spread
    ratio: float = 0.0  # excess relative to the largest excess of the last two weeks


class _Scale:
    """One time scale: moving means of observed and expected values and the record of their gap."""

    def __init__(self, buckets: int, record: int) -> None:
        self.buckets = buckets
        self.observed = MovingMean(buckets)
        self.expected = MovingMean(buckets)
        self.record = SlidingMax(record)
        self._last = 0.0

    def ratio(self, observed: float, expected: float) -> float:
        """Excess of the moving mean including this bucket over its two-week record."""
        xs = self.observed.push(observed)
        es = self.expected.push(expected)
        self._last = xs
        noise = math.sqrt((max(es, 0.0) + 1.0) / self.buckets)
        peak = self.record.max(default=es)
        return max(0.0, (xs - es) / max(peak - es, noise))

    def learn(self) -> None:
        """Add this bucket's moving mean to the record window (after it was scored)."""
        self.record.push(self._last)


class SpikeDetector:
    """Feeds one bucket at a time (causal); ``sensitivity`` is "fewer", "balanced" or "more".

    ``window`` is the number of buckets of the recent median and spread; ``seasonal_days`` how many
    earlier days the time-of-day baseline uses; ``bucket_s`` the bucket length (inferred from the
    first two timestamps when not given).
    """

    def __init__(self, sensitivity: str = "balanced", *, window: int = 288, seasonal_days: int = 7,
                 bucket_s: int | None = None) -> None:
        if sensitivity not in SENSITIVITY:
            raise ValueError(f"sensitivity must be one of {', '.join(SENSITIVITY)}, not {sensitivity!r}")
        self.sensitivity = sensitivity
        self.params = SENSITIVITY[sensitivity]
        self.threshold = self.params.threshold
        self.min_value = self.params.min_value
        self._window = max(3, window)
        self._seasonal_days = seasonal_days
        self._bucket_s = bucket_s
        self._recent = RollingSorted(self._window)  # observed values
        self._residuals = RollingSorted(self._window)
        self._ratio_share = RollingSorted(self._window)
        self._season: TimeOfDayMemory | None = None
        self._scales: tuple[_Scale, ...] = ()
        self._decay = 1.0
        self._pending: list[tuple[datetime, float]] = []
        self._last_ts: datetime | None = None
        self._seen = 0
        self._memory = 0.0
        self._cooldown_until: datetime | None = None
        if bucket_s:
            self._setup(bucket_s)

    # -- set-up ---------------------------------------------------------------------------------
    def _setup(self, bucket_s: int) -> None:
        self._bucket_s = bucket_s
        if self._seasonal_days > 0:
            self._season = TimeOfDayMemory(bucket_s, self._seasonal_days)
        record = max(1, RECORD_S // bucket_s)
        slow = max(2, round(SLOW_S / bucket_s))
        self._scales = (_Scale(1, record), _Scale(slow, record))
        self._decay = 0.5 ** (bucket_s / MEMORY_HALF_LIFE_S)
        pending, self._pending = self._pending, []
        for ts, value in pending:  # the first row, seen before the bucket length was known
            expected = self._expected(ts)
            for scale in self._scales:
                scale.ratio(value, expected)
                scale.learn()
            self._learn_season(ts, 1.0)

    def _bucket(self, ts: datetime) -> int:
        return int(ts.timestamp()) // (self._bucket_s or 60)

    # -- baseline -------------------------------------------------------------------------------
    def _seasonal(self, ts: datetime) -> float | None:
        if self._season is None or self._bucket_s is None:
            return None
        half = round(SEASON_HALF_S / self._bucket_s)
        value, count = self._season.median(self._bucket(ts), half)
        return value if count >= 2 * (2 * half + 1) else None

    def _expected(self, ts: datetime) -> float:
        """Expected value of bucket ``ts``: the recent level times the time-of-day profile."""
        if not len(self._recent):
            return 0.0
        level = self._recent.median()
        shape = self._seasonal(ts)
        if shape is None:
            return level
        return max(0.0, shape * (level + 1.0) - 1.0)

    def _spread(self, expected: float) -> float:
        robust = 0.0
        if len(self._residuals) >= 8:
            robust = (self._residuals.quantile(0.75) - self._residuals.quantile(0.25)) / 1.349
        return max(robust, math.sqrt(max(expected, 0.0)), 1.0)

    def baseline(self, ts: datetime) -> tuple[float, float]:
        """(expected value, spread) for bucket ``ts`` from earlier buckets only."""
        expected = self._expected(ts)
        return expected, self._spread(expected)

    # -- stepping -------------------------------------------------------------------------------
    def update(self, ts: datetime, value: float, total: float | None = None) -> SpikeStep:
        """Score bucket ``ts`` with ``value`` using only earlier buckets, then learn from it."""
        if self._bucket_s is None and self._last_ts is not None:
            gap = int((ts - self._last_ts).total_seconds())
            if gap > 0:
                self._setup(gap)
        self._last_ts = ts
        expected = self._expected(ts)
        spread = self._spread(expected)
        z = (value - expected) / spread
        ratio = max((scale.ratio(value, expected) for scale in self._scales), default=0.0)
        explained = False
        if total is not None and total > 0 and len(self._ratio_share):
            # negative share against its normal: a festival doubles everything, not the share
            normal_share = self._ratio_share.median()
            if normal_share > 0 and value / total <= normal_share * SHARE_RISE:
                explained = True
                ratio *= DAMPING
        raw = ratio / (1.0 + ratio)
        onset = ratio > self._memory
        self._memory = max(ratio, self._memory * self._decay)
        score = raw if onset else raw * DAMPING
        if self._seen < WARM_UP:
            score *= DAMPING
        cooling = self._cooldown_until is not None and ts < self._cooldown_until
        alert = (onset and not cooling and not explained and self._seen >= WARM_UP
                 and raw > self.params.threshold and z >= self.params.min_z
                 and value >= self.params.min_value)
        if alert:
            self._cooldown_until = ts + timedelta(seconds=COOLDOWN_S)
        self._learn(ts, value, total, expected)
        return SpikeStep(round(min(1.0, max(0.0, score)), 6), alert, value, expected, spread,
                         round(z, 6), round(ratio, 6))

    def _learn(self, ts: datetime, value: float, total: float | None, expected: float) -> None:
        self._seen += 1
        if self._bucket_s is None:
            self._pending.append((ts, value))
        for scale in self._scales:
            scale.learn()
        # the time-of-day profile stores values relative to the level of their day
        shape = (value + 1.0) / (self._recent.median() + 1.0) if len(self._recent) else 1.0
        self._residuals.push(value - expected)
        self._recent.push(value)
        if total is not None and total > 0:
            self._ratio_share.push(value / total)
        self._learn_season(ts, shape)

    def _learn_season(self, ts: datetime, shape: float) -> None:
        if self._season is not None:
            self._season.add(self._bucket(ts), shape)
