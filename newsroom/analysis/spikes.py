"""Causal spike scoring on bucketed counts: seasonal, count-aware, calibrated on the series itself.

For each bucket the detector builds, from earlier buckets only:

* an **expected value**: a level times a time-of-day profile times a day-type factor. The level is
  the median of the last ``window`` buckets, each first divided by the factor of its own day type;
  the time-of-day profile is the median, over the same time of day (±10 min) on the last
  ``seasonal_days`` days, of each value relative to the level (and day type) of its time; the
  day-type factor says how much busier weekends are than weekdays (learned from complete past days
  once two weekends can be compared with the weekdays before them, else 1). A daily rhythm and a busy
  weekend are normal, and a level shift is absorbed as fast as the median moves (about half a
  ``window``); before two days of history the level alone;
* a **robust spread** (interquartile range of recent residuals, never below the Poisson noise
  ``sqrt(expected)``), giving a count-aware ``z``: 3 → 9 posts is noise, 300 → 900 is not.

The excess over the expected value is measured at three time scales — the bucket itself (a sudden
burst) and the means of the last 3 h and 12 h (a sustained or gradual rise) — and each is divided by
the largest excess of that scale during the last two weeks (never less than its Poisson noise). The
larger ratio ``r`` says how this moment compares with everything the series did recently: ``r = 1``
is a new two-week record. ``score = r / (1 + r)`` lies in [0, 1). The record restarts once the
time-of-day profile exists (excesses over the level alone, e.g. every daily peak of the first two
days, are no yardstick), followed by a new warm-up. Only the onset of an excursion keeps its full
score: while the series stays below a slowly decaying memory of its last peak (half-life 12 h),
scores are damped, so one event is one detection. An alert (:class:`AlertGate`) needs the onset, a
score above the sensitivity's threshold, a significant ``z`` and a minimum count, after the warm-up
and outside the cooldown of an earlier alert. With the total volume given, a negative count that
only follows a rise of all talk (its share is not raised 1.5×) is explained: damped, never alerted.
Weekends are Saturday and Sunday in the timestamps' own time zone.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from newsroom.analysis.spike_stats import (
    DayTypeFactor,
    MovingMean,
    RollingSorted,
    SlidingMax,
    TimeOfDayMemory,
)


@dataclass(frozen=True, slots=True)
class Sensitivity:
    """Documented alert parameters of one sensitivity level."""

    threshold: float  # the score must exceed this (0.5 = an excess equal to the recent record)
    min_value: float  # a bucket below this count never alerts (tiny counts are no crisis)
    min_z: float  # excess over the expected value, in robust spreads, needed to alert


SENSITIVITY: dict[str, Sensitivity] = {
    "fewer": Sensitivity(threshold=0.55, min_value=5.0, min_z=6.0),
    "balanced": Sensitivity(threshold=0.5, min_value=3.0, min_z=4.5),
    "more": Sensitivity(threshold=0.45, min_value=2.0, min_z=3.5),
}


@dataclass(frozen=True, slots=True)
class SpikeTuning:
    """Model parameters shared by every sensitivity (the defaults are the documented ones)."""

    record_s: int = 14 * 86400  # excesses are compared with those of this period
    scales_s: tuple[int, ...] = (3 * 3600, 12 * 3600)  # moving-mean scales beside the single bucket
    memory_half_life_s: int = 12 * 3600  # decay of the peak memory that damps an ongoing excursion
    cooldown_s: int = 6 * 3600  # after an alert, the same series stays quiet this long
    damping: float = 0.3  # score share kept inside an excursion already reported
    weekday: bool = True  # learn a weekend / weekday factor
    settled_record: bool = True  # the record restarts (with a new warm-up) once the time-of-day
    #                              profile exists: excesses over the level alone are no yardstick
    warm_up: int = 30  # buckets before the detector may alert


DEFAULT_TUNING = SpikeTuning()
WARM_UP = DEFAULT_TUNING.warm_up
SEASON_HALF_S = 600  # time-of-day neighbourhood used for the seasonal median
SHARE_RISE = 1.5  # with total volume given, a negative share below this × its normal is explained


#: where a rejected bucket's score is capped, as a share of the alert threshold
BELOW = 0.98


@dataclass(frozen=True, slots=True)
class SpikeStep:
    """The detector's verdict on one bucket."""

    score: float  # in [0, 1]
    alert: bool
    observed: float
    expected: float
    spread: float  # typical variation of ``observed`` around ``expected`` (same unit)
    z: float = 0.0  # (observed - expected) / spread
    ratio: float = 0.0  # excess relative to the recent record of excesses
    onset: bool = False  # the excess is above the decaying memory of the last peak
    explained: bool = False  # a rise of all talk explains it (total volume given)


class AlertGate:
    """The alert rule on top of the scores: onset, threshold, ``z``, minimum count, warm-up, cooldown.

    Kept apart from the scoring so that the same scores can be replayed under other alert parameters.
    """

    def __init__(self, params: Sensitivity, tuning: SpikeTuning = DEFAULT_TUNING) -> None:
        self.params = params
        self.cooldown = timedelta(seconds=tuning.cooldown_s)
        self.warm_up = tuning.warm_up
        self._seen = 0
        self._cooldown_until: datetime | None = None

    @property
    def warm(self) -> bool:
        """Whether the warm-up is over."""
        return self._seen >= self.warm_up

    def rewarm(self) -> None:
        """Start the warm-up again (the scores' yardstick was reset)."""
        self._seen = 0

    def decide(self, ts: datetime, step: SpikeStep) -> bool:
        """Whether ``step`` (bucket ``ts``) raises an alert; call once per bucket, in order."""
        warm = self._seen >= self.warm_up
        self._seen += 1
        if not (warm and step.onset and not step.explained):
            return False
        if self._cooldown_until is not None and ts < self._cooldown_until:
            return False
        p = self.params
        if step.ratio / (1.0 + step.ratio) <= p.threshold or step.z < p.min_z or step.observed < p.min_value:
            return False
        self._cooldown_until = ts + self.cooldown
        return True


class _Scale:
    """One time scale: moving means of observed and expected values and the record of the observed."""

    def __init__(self, buckets: int, record: int) -> None:
        self.buckets = buckets
        self.observed = MovingMean(buckets)
        self.expected = MovingMean(buckets)
        self.record = SlidingMax(record)
        self._last = 0.0

    def ratio(self, observed: float, expected: float) -> float:
        """Excess of the moving mean including this bucket over the excess of its recent record."""
        xs = self.observed.push(observed)
        es = self.expected.push(expected)
        self._last = xs
        noise = math.sqrt((max(es, 0.0) + 1.0) / self.buckets)
        peak = self.record.max(default=es)
        return max(0.0, (xs - es) / max(peak - es, noise))

    def learn(self) -> None:
        """Add this bucket's moving mean to the record window (after it was scored)."""
        self.record.push(self._last)

    def forget(self) -> None:
        """Empty the record."""
        self.record = SlidingMax(self.record.size)


class SpikeDetector:
    """Feeds one bucket at a time (causal); ``sensitivity`` is "fewer", "balanced" or "more" (or a
    :class:`Sensitivity`).

    ``window`` is the number of buckets of the recent median and spread; ``seasonal_days`` how many
    earlier days the time-of-day baseline uses; ``bucket_s`` the bucket length (inferred from the
    first two timestamps when not given); ``tuning`` the model parameters (:class:`SpikeTuning`).
    """

    def __init__(self, sensitivity: str | Sensitivity = "balanced", *, window: int = 288,
                 seasonal_days: int = 7, bucket_s: int | None = None,
                 tuning: SpikeTuning = DEFAULT_TUNING) -> None:
        if isinstance(sensitivity, Sensitivity):
            self.sensitivity, self.params = "custom", sensitivity
        elif sensitivity in SENSITIVITY:
            self.sensitivity, self.params = sensitivity, SENSITIVITY[sensitivity]
        else:
            raise ValueError(f"sensitivity must be one of {', '.join(SENSITIVITY)}, not {sensitivity!r}")
        self.tuning = tuning
        self.threshold = self.params.threshold
        self.min_value = self.params.min_value
        self.gate = AlertGate(self.params, tuning)
        self._window = max(3, window)
        self._seasonal_days = seasonal_days
        self._bucket_s = bucket_s
        self._recent = RollingSorted(self._window)  # (value + 1) / day-type factor
        self._residuals = RollingSorted(self._window)
        self._ratio_share = RollingSorted(self._window)
        self._season: TimeOfDayMemory | None = None
        self._days: DayTypeFactor | None = None
        self._scales: tuple[_Scale, ...] = ()
        self._decay = 1.0
        self._pending: list[tuple[datetime, float]] = []
        self._last_ts: datetime | None = None
        self._memory = 0.0
        self._settled = False  # the time-of-day profile exists
        if bucket_s:
            self._setup(bucket_s)

    # -- set-up ---------------------------------------------------------------------------------
    def _setup(self, bucket_s: int) -> None:
        self._bucket_s = bucket_s
        t = self.tuning
        if self._seasonal_days > 0:
            self._season = TimeOfDayMemory(bucket_s, self._seasonal_days)
        if t.weekday:
            self._days = DayTypeFactor(bucket_s)
        record = max(1, t.record_s // bucket_s)
        sizes = sorted({1, *(max(2, round(s / bucket_s)) for s in t.scales_s)})
        self._scales = tuple(_Scale(n, record) for n in sizes)
        self._decay = 0.5 ** (bucket_s / t.memory_half_life_s)
        pending, self._pending = self._pending, []
        for ts, value in pending:  # the first row, seen before the bucket length was known
            expected = self._expected(ts)
            for scale in self._scales:
                scale.ratio(value, expected)
                scale.learn()
            self._learn_season(ts, value, 1.0)

    def _bucket(self, ts: datetime) -> int:
        return int(ts.timestamp()) // (self._bucket_s or 60)

    # -- baseline -------------------------------------------------------------------------------
    def _seasonal(self, ts: datetime) -> float | None:
        if self._season is None or self._bucket_s is None:
            return None
        half = round(SEASON_HALF_S / self._bucket_s)
        value, count = self._season.median(self._bucket(ts), half)
        return value if count >= 2 * (2 * half + 1) else None

    def _factor(self, ts: datetime) -> float:
        return self._days.factor(ts) if self._days is not None else 1.0

    def _expected(self, ts: datetime) -> float:
        """Expected value of bucket ``ts``: level × time-of-day profile × day-type factor."""
        if not len(self._recent):
            return 0.0
        level = self._recent.median() * self._factor(ts)  # in value + 1
        shape = self._seasonal(ts)
        return max(0.0, (shape if shape is not None else 1.0) * level - 1.0)

    def _settle(self) -> None:
        """The time-of-day profile exists from now on: earlier excesses were measured without it."""
        self._settled = True
        if self.tuning.settled_record:
            for scale in self._scales:
                scale.forget()
            self.gate.rewarm()

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
        damping = self.tuning.damping
        if not self._settled and self._seasonal(ts) is not None:
            self._settle()
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
                ratio *= damping
        raw = ratio / (1.0 + ratio)
        onset = ratio > self._memory
        if self.gate.warm:  # ratios against a yardstick still filling up are no peak to remember
            self._memory = max(ratio, self._memory * self._decay)
        score = raw if onset else raw * damping
        if not self.gate.warm:
            score *= damping
        step = SpikeStep(round(min(1.0, max(0.0, score)), 6), False, value, expected, spread,
                         round(z, 6), round(ratio, 6), onset, explained)
        if self.gate.decide(ts, step):
            step = SpikeStep(step.score, True, value, expected, spread, step.z, step.ratio, onset, explained)
        elif step.score >= self.threshold:
            # Calibrated: a score at or above the sensitivity's threshold means "alert". A bucket the
            # gate rejects (not an onset, too small, cooling down) keeps its rank just below it.
            step = replace(step, score=round(self.threshold * BELOW, 6))
        self._learn(ts, value, total, expected)
        return step

    def _learn(self, ts: datetime, value: float, total: float | None, expected: float) -> None:
        if self._bucket_s is None:
            self._pending.append((ts, value))
        for scale in self._scales:
            scale.learn()
        factor = self._factor(ts)
        level = self._recent.median() if len(self._recent) else (value + 1.0) / factor
        self._residuals.push(value - expected)
        self._recent.push((value + 1.0) / factor)
        if total is not None and total > 0:
            self._ratio_share.push(value / total)
        # the time-of-day profile stores values relative to the level and day type of their time
        self._learn_season(ts, value, (value + 1.0) / (level * factor))

    def _learn_season(self, ts: datetime, value: float, shape: float) -> None:
        if self._season is not None:
            self._season.add(self._bucket(ts), shape)
        if self._days is not None:
            self._days.add(ts, value)
