"""Causal spike detection on bucketed counts in a town's rhythm: the one decision the wall and
``newsroom spikes`` make.

For each bucket the detector builds, from earlier buckets only:

* an **expected count**: the weekly rhythm (:class:`~newsroom.analysis.seasonal.SeasonalProfile`:
  half hours of the local day × weekday/weekend, in the wall's time zone, so daylight saving moves
  nothing) times a **level** that follows today's volume with a half-life of a few hours (a busier
  day, all hours somewhat higher, is absorbed while it builds; a sudden excess is not). What is
  learnt is clipped at a few noise units above normal, so an event never becomes its own normal,
  and the level starts from ``level_prior`` posts of "as usual": a quiet town's few extra posts an
  hour are too little evidence to be today's level and stay an excess. From ten complete local hours
  of the day on, the level is at least the **broad day's factor** (``day_hours``): a third of those
  hours were at least this much above the rhythm (a busier day is high in most of its hours; an
  event, even an outage of a few hours, in a few);
* the **excess at several time scales** (10 min to 5 h 20, :attr:`SpikeTuning.scales_s`): observed
  against expected sums in count-aware noise units ``(x - e) / sqrt(e + 1 + e² / support)`` (Poisson
  noise plus the uncertainty of a normal learnt from ``support`` buckets: 3 → 9 posts is noise,
  300 → 900 is not), each divided by the larger of its robust spread over the last two days (never
  below 1, Poisson's own) and its largest excess of the last two weeks outside alerts (from 12 h
  after the start: the first hours, before any rhythm is learnt, are no yardstick), scaled by
  ``Z_HALF`` (a series with big ordinary swings needs a bigger one). That record is at least what
  the series' own daily maxima promise for two weeks (``tail_s``: a Gumbel fit of them, from three
  days on), so a record that holds only a few days, or two quiet weeks, does not let the next
  ordinary busy evening through. It is capped so that score 0.5
  also needs a multiple of normal (``ratio_half``). A sharp **burst** shows on the short scales, a
  **plateau** (an outage) on 20-80 min, a slow **ramp** on the hours;
* **persistence** over the last hour and two (:attr:`SpikeTuning.runs_s`), magnitude-free: where each bucket
  falls in the Poisson of its own expected count (its mid-p, 0.5 on average as usual, near 1 far
  above), summed in units of its noise (each bucket's at least Poisson's at one post, so a single
  post on a quiet night is no hour's evidence) and measured against its own spread and two-week
  record like the sums (that spread over at least 72 of the run's own periods, three and five days at
  5 minutes, where the sums look back two; capped by a multiple of normal, twice normal for score 0.5: a slow
  drift of the talk a little above its usual level is no news): many buckets all a little high
  (a quiet town's slow rise) weigh more than one big bucket with the same excess. ``z`` is the
  largest of them all.

``score = z / (z + Z_HALF)`` lies in [0, 1); only the onset of an excursion keeps it in full: while
``z`` stays below a decaying memory of its last peak, scores are damped, so one event is one
detection; after an hour within one noise unit (``calm_s``) the excursion is over and the memory is
forgotten: the next excess is a new event. The alert (:class:`AlertGate`) needs a score at or
above the sensitivity's threshold at an onset and a minimum excess count, after two days of
history and outside the cooldown of an earlier alert; right after a calm bucket it waits one
bucket and alerts only if the excess still holds (``confirm``) on a time scale no longer than the
one that rang (a longer sum still holds the bucket that rang, whether or not the excess goes on).
From 2.5 spreads on, the **shape of the evidence** may lower the bar a little
(:mod:`~newsroom.analysis.spike_shape`, ``SpikeTuning.learned_lift``): a logistic regression fitted on
development series reads every scale's excess, how long the excursion has held and how it rose, and
the gate reads ``z`` times a lift of at most 1.16 (never below 1). Beside it, the **safety net**
(:func:`obvious`): an excess far above the noise *and* a multiple of normal over 10 or 20 min
alerts when it starts to hold, also during the warm-up. With the total
volume given, a count that only follows a rise of all talk (its share of the last half hour is not
raised 1.5×) is explained: never alerted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta, tzinfo

from newsroom.analysis.seasonal import SeasonalProfile
from newsroom.analysis.spike_shape import LIFT_FROM, LiftModel, ShapeTracker, shipped_model
from newsroom.analysis.spike_stats import BlockMaxima, MovingMean, RollingSorted, SlidingMax, poisson_mid_p

Z_HALF = 4.0  # score 0.5 is an excess of this many spreads
TAIL_MIN_DAYS = 3  # daily maxima needed before their fit may raise the record


@dataclass(frozen=True, slots=True)
class Sensitivity:
    """Documented alert parameters of one sensitivity level."""

    threshold: float  # the score must reach this (0.5 = an excess of Z_HALF spreads)
    min_excess: float  # fewer extra posts than this on the alerting scale never alert
    net_z: float  # safety net: excess in Poisson noise units ...
    net_ratio: float  # ... and multiple of normal, both needed


#: the safety net per sensitivity: (noise units, multiple of normal). It skips the warm-up and the
#: cooldown, so its multiple is one no ordinary day reaches: on real volumes, four or five times
#: normal for ten or twenty minutes is an ordinary retweet storm, a few times a month
OBVIOUS = {"fewer": (8.0, 6.0), "balanced": (6.0, 6.0), "more": (4.5, 3.0)}

SENSITIVITY: dict[str, Sensitivity] = {
    "fewer": Sensitivity(0.55, 6.0, *OBVIOUS["fewer"]),
    "balanced": Sensitivity(0.5, 4.0, *OBVIOUS["balanced"]),
    "more": Sensitivity(0.45, 3.0, *OBVIOUS["more"]),
}


@dataclass(frozen=True, slots=True)
class SpikeTuning:
    """Model parameters shared by every sensitivity (the defaults are the documented ones)."""

    scales_s: tuple[int, ...] = (600, 1200, 2400, 4800, 9600, 19200)  # sums over these periods
    net_scales_s: int = 1800  # the safety net looks at scales up to this long
    spread_s: int = 2 * 86400  # history of each scale's robust spread
    record_s: int = 14 * 86400  # an excess is also measured against the largest of this period
    ratio_half: float = 1.5  # ... and a multiple of normal of at least this (an excess of 20 % is no crisis)
    record_weight: float = 1.0  # the record counts as this many Z_HALF spreads (0: ignore it)
    level_half_life_s: int = 3 * 3600  # how fast the level follows today's volume
    slot_s: int = 1800  # time-of-day slot of the weekly rhythm
    profile_days: float = 7.0  # memory of the weekly rhythm
    support_weight: float = 3.0  # the expectation's uncertainty: as if learnt from this × its buckets
    clip_z: float = 3.0  # learning clips a bucket at this many noise units above normal
    memory_half_life_s: int = 12 * 3600  # decay of the peak memory that damps an ongoing excursion
    damping: float = 0.3  # score share kept inside an excursion already reported
    cooldown_s: int = 6 * 3600  # after an alert, the score stays quiet this long
    net_cooldown_s: int = 3600  # the safety net: this long after an alert, and after it last held
    warm_up_s: int = 2 * 86400  # history needed before the score may alert (the net needs none)
    record_after_s: int = 12 * 3600  # the record of each scale's excess starts after this much history
    confirm: float = 0.75  # an alert needs the bucket before or after at this share of Z_HALF (0: off)
    level_prior: float = 100.0  # posts: the level stays near 1 until today's counts say otherwise
    calm_s: int = 3600  # the peak memory is forgotten after this long within one noise unit (0: never)
    tail_s: int = 14 * 86400  # the record is at least what its daily maxima expect once in this long (0: off)
    #: persistence: how high in their own Poisson these periods' buckets sit
    runs_s: tuple[int, ...] = (3600, 7200)
    #: ... capped like the sums, but at this multiple of normal for score 0.5 (0: ``ratio_half``): many
    #: buckets a little high for an hour or two are news only at twice the usual talk
    run_ratio_half: float = 2.0
    run_floor: float = 1.0  # ... each bucket's mid-p variance at least Poisson's at this mean (quiet nights)
    #: ... and each run's spread over at least this many of its own periods (at most ``MAX_SPREAD_BUCKETS``
    #: buckets; 0: ``spread_s`` like the sums): an hour-long run's excess moves slowly, and two days hold
    #: few independent hours, one benign busier day among them
    run_spread_periods: int = 72
    #: the learned lift of the bar from the evidence's shape (``spike_shape``, ``lexicons/spike_lift.json``)
    learned_lift: bool = True
    #: a broad day: from this many complete local hours of today on (0: off), a low quantile
    #: (``day_quantile``) of those hours' (learnt count + ``day_prior``) / (the rhythm's + ``day_prior``)
    #: raises the level where it is above 1 (at most ``day_max``; never lowers it): a benign busier day is
    #: high in most of its hours, an event, even an outage of a few hours, in a few
    day_hours: int = 10
    day_prior: float = 2.0
    day_max: float = 2.0
    day_quantile: float = 0.33


DEFAULT_TUNING = SpikeTuning()
QUIET_DAYS = 2.0  # the silent history a new series (quiet_before) starts with
#: how far today's level may stray from the rhythm (a factor either way): wide enough for a week in the
#: news at ten times the usual talk, where a cap of 4 kept the normal too low until the rhythm caught up
LEVEL_RANGE = 8.0
MAX_SPREAD_BUCKETS = 1440  # memory bound of each scale's spread (a day of minutes on the wall)
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
    z: float = 0.0  # largest excess over the scales, in robust spreads
    ratio: float = 0.0  # observed / expected on the scale of ``z``
    onset: bool = False  # ``z`` is above the decaying memory of the last peak
    explained: bool = False  # a rise of all talk explains it (total volume given)
    excess: float = 0.0  # extra posts on the scale of ``z``
    net: bool = False  # the safety net holds (far above noise and a multiple of normal)
    scale_s: int = 0  # the time scale of ``z``
    #: the largest excess on the scales no longer than the one of ``z`` at the bucket before: what a
    #: confirmation reads (a longer sum still holds the bucket that rang, whether or not it goes on)
    z_confirm: float = 0.0
    lift: float = 1.0  # the gate reads ``z * lift`` (the learned lift of the bar, ``spike_shape``; 1: none)


def obvious(observed: float, expected: float, spread: float, sensitivity: str | Sensitivity) -> bool:
    """True for an excess nobody would call normal: far above the noise (count-aware) and a multiple."""
    p = sensitivity if isinstance(sensitivity, Sensitivity) else SENSITIVITY.get(sensitivity,
                                                                                 SENSITIVITY["balanced"])
    noise = max(spread, math.sqrt(max(expected, 0.0) + 1.0))
    return (observed - expected) / noise >= p.net_z and observed >= p.net_ratio * max(expected, 1.0)


class AlertGate:
    """The alert rule on top of the scores: onset, threshold, minimum excess, warm-up, cooldown, and
    the safety net. Kept apart from the scoring so that scores can be replayed under other parameters."""

    def __init__(self, params: Sensitivity, tuning: SpikeTuning = DEFAULT_TUNING) -> None:
        self.params = params
        self.cooldown = timedelta(seconds=tuning.cooldown_s)
        self.warm_up = timedelta(seconds=tuning.warm_up_s)
        self._first: datetime | None = None
        self._cooldown_until: datetime | None = None
        self._last_alert: datetime | None = None
        self.net_cooldown = timedelta(seconds=tuning.net_cooldown_s)
        self.confirm = tuning.confirm * Z_HALF
        self._last_z = 0.0
        self._pending = False  # an alert that waits for the next bucket to confirm it

    def warm(self, ts: datetime) -> bool:
        """Whether the warm-up is over at ``ts``."""
        return self._first is not None and ts - self._first >= self.warm_up

    def history(self, ts: datetime) -> timedelta:
        """How long the series has been followed at ``ts``."""
        return timedelta(0) if self._first is None else ts - self._first

    def cooling(self, ts: datetime) -> bool:
        """Whether ``ts`` is within the cooldown of an earlier alert."""
        return self._cooldown_until is not None and ts < self._cooldown_until

    def decide(self, ts: datetime, step: SpikeStep) -> bool:
        """Whether ``step`` (bucket ``ts``) raises an alert; call once per bucket, in order."""
        if self._first is None:
            self._first = ts
        if step.explained:
            return False
        p = self.params
        z = step.z * step.lift
        above = z / (z + Z_HALF) >= p.threshold and step.excess >= p.min_excess
        scored = self.warm(ts) and step.onset and above and not self.cooling(ts)
        if self.confirm > 0:
            last, self._last_z = self._last_z, z
            pending, self._pending = self._pending, False
            if scored and last < self.confirm:  # one bucket alone after a calm one: wait for the next
                self._pending, scored = True, False
            elif (pending and step.z_confirm >= self.confirm and step.excess >= p.min_excess
                  and not self.cooling(ts)):
                scored = True
        net = step.net and (self._last_alert is None or ts - self._last_alert >= self.net_cooldown)
        if not (scored or net):
            return False
        self._cooldown_until = ts + self.cooldown
        self._last_alert = ts
        return True


class _Scale:
    """One time scale: moving sums of observed and expected counts and the robust spread of their
    Poisson-standardised difference."""

    def __init__(self, buckets: int, bucket_s: int, spread_buckets: int, record_buckets: int,
                 record_weight: float, tail_s: int = 0) -> None:
        self.buckets = buckets
        self.record = SlidingMax(record_buckets)
        self.record_weight = record_weight
        day = max(1, 86400 // bucket_s)
        self.daily = BlockMaxima(day, max(1, record_buckets // day))  # daily maxima of what the record saw
        self.tail_days = tail_s / 86400
        self.tail = 0.0  # the excess those maxima expect once in ``tail_s``
        self.seconds = buckets * bucket_s
        self.observed = MovingMean(buckets)
        self.expected = MovingMean(buckets)
        self.residuals = RollingSorted(spread_buckets)
        self.obs = self.exp = self.r = 0.0
        self.sd = 1.0  # the spread, computed once per bucket learnt

    def push(self, observed: float, expected: float, support: float) -> float:
        """Excess of the window ending with this bucket in noise units: Poisson's, plus the
        uncertainty of an expectation learnt from ``support`` buckets."""
        self.obs = self.observed.push(observed) * self.buckets
        self.exp = self.expected.push(expected) * self.buckets
        self.r = (self.obs - self.exp) / math.sqrt(self.exp + 1.0 + self.exp * self.exp / support)
        return self.r

    def spread(self) -> float:
        """Robust spread of the standardised excess (never below 1, Poisson's own), as of the last
        bucket learnt."""
        return self.sd

    def _spread(self) -> float:
        if len(self.residuals) < 24:
            return 1.0
        iqr = self.residuals.quantile(0.75) - self.residuals.quantile(0.25)
        record = max(self.record.max(0.0), self.tail)
        return max(1.0, iqr / 1.349, record * self.record_weight / Z_HALF)

    def learn(self, recording: bool) -> None:
        self.residuals.push(self.r)
        if recording:
            self.record.push(self.r)
        if self.tail_days and self.daily.push(self.r if recording else None):
            self.tail = self.daily.return_level(self.tail_days, TAIL_MIN_DAYS)
        self.sd = self._spread()


class _Run(_Scale):
    """Persistence over one period, magnitude-free: where each bucket falls in the Poisson of its own
    expected count (its mid-p, 0.5 on average as usual), summed over the period in units of its
    noise. An outage's plateau is many buckets all a little high."""

    def __init__(self, buckets: int, bucket_s: int, spread_buckets: int, record_buckets: int,
                 record_weight: float, tail_s: int, floor: float) -> None:
        super().__init__(buckets, bucket_s, spread_buckets, record_buckets, record_weight, tail_s)
        self.mid = MovingMean(buckets)
        self.var = MovingMean(buckets)
        self.floor = poisson_mid_p(0.0, floor)[1] if floor > 0 else 0.0

    def push(self, observed: float, expected: float, support: float) -> float:
        self.obs = self.observed.push(observed) * self.buckets
        self.exp = self.expected.push(expected) * self.buckets
        u, var = poisson_mid_p(observed, expected)
        above = self.mid.push(u - 0.5) * self.buckets
        noise = self.var.push(max(var, self.floor)) * self.buckets
        self.r = above / math.sqrt(noise) if noise > 0 else 0.0
        return self.r


class SpikeDetector:
    """Feeds one bucket at a time (causal); ``sensitivity`` is "fewer", "balanced" or "more" (or a
    :class:`Sensitivity`). ``bucket_s`` is inferred from the first two timestamps when not given;
    ``tz`` is the local time zone of the rhythm (default: the wall's, ``newsroom.localtime``);
    ``quiet_before`` starts as if the series had been silent for two days (a new topic)."""

    def __init__(self, sensitivity: str | Sensitivity = "balanced", *, bucket_s: int | None = None,
                 tz: tzinfo | None = None, tuning: SpikeTuning = DEFAULT_TUNING,
                 quiet_before: bool = False, lift_model: LiftModel | None = None,
                 shape: bool = False) -> None:
        if isinstance(sensitivity, Sensitivity):
            self.sensitivity, self.params = "custom", sensitivity
        elif sensitivity in SENSITIVITY:
            self.sensitivity, self.params = sensitivity, SENSITIVITY[sensitivity]
        else:
            raise ValueError(f"sensitivity must be one of {', '.join(SENSITIVITY)}, not {sensitivity!r}")
        if tz is None:
            from newsroom.localtime import zone

            tz = zone()
        self.tz = tz
        self.tuning = tuning
        self._quiet_before = quiet_before
        self.threshold = self.params.threshold
        self.gate = AlertGate(self.params, tuning)
        self._bucket_s = bucket_s
        self._profile: SeasonalProfile | None = None
        self._scales: tuple[_Scale, ...] = ()
        self._net_scales: tuple[_Scale, ...] = ()
        self._pending: list[tuple[datetime, float]] = []
        self._last_ts: datetime | None = None
        self._level_x = 0.0  # exponential means of learnt counts and of the rhythm's expectation
        self._level_e = 0.0
        self._level_decay = 1.0
        self._day = -1  # today's local date (ordinal), the hour being summed, its sums, the complete hours
        self._hour = -1
        self._hour_x = 0.0
        self._hour_e = 0.0
        self._hour_n = 0
        self._hours: list[float] = []
        self._day_factor = 0.0  # the broad day's factor (0: none, it does not hold)
        self._memory = 0.0
        self._memory_decay = 1.0
        self._calm = 0  # buckets in a row within one noise unit
        self._calm_buckets = 0
        self._share = RollingSorted(288)
        self._share_values = MovingMean(1)
        self._share_totals = MovingMean(1)
        self._net_last: datetime | None = None
        self._rang_s = 0  # the time scale of the largest excess at the bucket before
        if lift_model is None and tuning.learned_lift:
            lift_model = shipped_model()
        self._lift_model = lift_model
        self._track_shape = shape or self._lift_model is not None
        self.shape: ShapeTracker | None = None  # the features of the evidence's shape, when tracked
        if bucket_s:
            self._setup(bucket_s)

    # -- set-up ---------------------------------------------------------------------------------
    def _setup(self, bucket_s: int) -> None:
        self._bucket_s = bucket_s
        t = self.tuning
        self._profile = SeasonalProfile(bucket_s, t.slot_s, t.profile_days)
        if self._quiet_before:
            self._profile.assume_quiet(QUIET_DAYS)
        spread = min(MAX_SPREAD_BUCKETS, max(24, t.spread_s // bucket_s))
        sizes = sorted({max(1, round(s / bucket_s)) for s in t.scales_s})
        record = max(1, t.record_s // bucket_s)
        runs = sorted({max(1, round(s / bucket_s)) for s in t.runs_s})
        sums = (_Scale(n, bucket_s, spread, record, t.record_weight, t.tail_s) for n in sizes)
        run_spread = {n: min(MAX_SPREAD_BUCKETS, max(spread, t.run_spread_periods * n)) for n in runs}
        persistence = (_Run(n, bucket_s, run_spread[n], record, t.record_weight, t.tail_s, t.run_floor)
                       for n in runs)
        self._scales = (*sums, *persistence)
        share = max(1, 1800 // bucket_s)
        self._share_values, self._share_totals = MovingMean(share), MovingMean(share)
        self._share = RollingSorted(max(12, 86400 // bucket_s))
        net_s = max(t.net_scales_s, bucket_s)  # the net reads sums only
        self._net_scales = tuple(s for s in self._scales if not isinstance(s, _Run) and s.seconds <= net_s)
        self._level_decay = 0.5 ** (bucket_s / t.level_half_life_s)
        self._memory_decay = 0.5 ** (bucket_s / t.memory_half_life_s)
        self._calm_buckets = max(1, t.calm_s // bucket_s) if t.calm_s else 0
        self.shape = ShapeTracker(bucket_s) if self._track_shape else None
        pending, self._pending = self._pending, []
        for ts, value in pending:  # rows seen before the bucket length was known (never an alert)
            self.gate.decide(ts, self._score(ts, value, None))

    def _local(self, ts: datetime) -> tuple[bool, int, int]:
        local = (ts if ts.tzinfo is not None else ts.replace(tzinfo=UTC)).astimezone(self.tz)
        return local.weekday() >= 5, local.hour * 3600 + local.minute * 60 + local.second, local.toordinal()

    # -- baseline -------------------------------------------------------------------------------
    def _rhythm(self, weekend: bool, seconds: int) -> tuple[int, float | None]:
        if self._profile is None:
            return 0, None
        slot = self._profile.slot(seconds)
        return slot, self._profile.expected(weekend, slot)

    def _level(self) -> float:
        """Today's volume relative to the rhythm (recent learnt counts / their expectation)."""
        prior = self.tuning.level_prior
        return min(LEVEL_RANGE, max(1.0 / LEVEL_RANGE, (self._level_x + prior) / (self._level_e + prior)))

    def _day_step(self, day: int, seconds: int) -> None:
        """Close the local hour that ended before this bucket (a whole hour of learnt buckets: its ratio to
        the rhythm joins today's; from ``day_hours`` of them a low quantile is the broad day's factor
        where above 1); a new local day starts with no hours and no factor."""
        hour = seconds // 3600
        if day == self._day and hour == self._hour:
            return
        assert self._bucket_s is not None
        t = self.tuning
        if self._hour_n * self._bucket_s >= 3600 and day == self._day:
            self._hours.append((self._hour_x + t.day_prior) / (self._hour_e + t.day_prior))
            if len(self._hours) >= t.day_hours:
                ranked = sorted(self._hours)
                q = ranked[min(len(ranked) - 1, int(t.day_quantile * len(ranked)))]
                self._day_factor = min(t.day_max, q) if q > 1.0 else 0.0
        if day != self._day:
            self._hours.clear()
            self._day_factor = 0.0
        self._day, self._hour = day, hour
        self._hour_x = self._hour_e = 0.0
        self._hour_n = 0

    # -- stepping -------------------------------------------------------------------------------
    def update(self, ts: datetime, value: float, total: float | None = None) -> SpikeStep:
        """Score bucket ``ts`` with ``value`` using only earlier buckets, then learn from it."""
        if self._bucket_s is None and self._last_ts is not None:
            gap = int((ts - self._last_ts).total_seconds())
            if gap > 0:
                self._setup(gap)
        self._last_ts = ts
        if self._bucket_s is None:
            self._pending.append((ts, value))
            return SpikeStep(0.0, False, value, 0.0, 1.0)
        step = self._score(ts, value, total)
        if self.gate.decide(ts, step):  # the safety net may alert below the score's threshold
            return replace(step, alert=True, score=max(step.score, self.threshold))
        if step.score >= self.threshold:
            # Calibrated: a score at or above the sensitivity's threshold means "alert". A bucket the
            # gate rejects (not an onset, too small, cooling down) keeps its rank just below it.
            return replace(step, score=round(self.threshold * BELOW, 6))
        return step

    def _score(self, ts: datetime, value: float, total: float | None) -> SpikeStep:
        weekend, seconds, day = self._local(ts)
        if self.tuning.day_hours:
            self._day_step(day, seconds)
        slot, rhythm = self._rhythm(weekend, seconds)
        assert self._profile is not None
        support = self.tuning.support_weight * self._profile.support(weekend, slot)
        # today's level, raised by the broad day's factor where that holds (the rhythm learns the day
        # divided by it: a busier day is not the usual)
        level = max(self._level(), self._day_factor)
        expected = 0.0 if rhythm is None else rhythm * level
        z, best_scale, confirm, zs = self._excess(value, expected, support)
        net_edge = self._net_edge(ts, rhythm is not None)
        explained = self._explained(value, total)
        onset, warm = self._onset(ts, z)
        ratio = round(best_scale.obs / max(best_scale.exp, 1e-9), 6) if best_scale.exp > 0 else 0.0
        excess = best_scale.obs - best_scale.exp
        lift = 1.0
        if self.shape is not None:
            self.shape.step(z)
            if z >= LIFT_FROM:
                days = self.gate.history(ts).total_seconds() / 86400
                features = self.shape.features(z, zs, best_scale.seconds, ratio, expected, excess, weekend,
                                               seconds, days)
                if self._lift_model is not None:
                    lift = round(self._lift_model.lift(features, Z_HALF), 6)
        raw = z * lift / (z * lift + Z_HALF)
        score = raw if onset and warm else raw * self.tuning.damping
        first = self._scales[0]
        step = SpikeStep(round(min(1.0, max(0.0, score)), 6), False, value, expected,
                         math.sqrt(expected + 1.0) * first.spread(), round(z, 6), ratio, onset, explained,
                         excess, net_edge, best_scale.seconds, round(confirm, 6), lift)
        # an event that alerted is no yardstick for the next one: its cooldown stays out of the record
        cooling = self.gate.cooling(ts)
        # the first hours (no rhythm learnt yet) are no yardstick either
        recording = self.gate.history(ts) >= timedelta(seconds=self.tuning.record_after_s)
        self._learn(weekend, slot, value, expected, rhythm, level, recording and not cooling)
        return step

    def _excess(self, value: float, expected: float,
                support: float) -> tuple[float, _Scale, float, list[float]]:
        """Push the bucket into every time scale: the largest scaled excess and its scale, the excess on the
        scales no longer than the one that rang at the bucket before (the confirmation), every scale's."""
        best, best_scale = 0.0, self._scales[0]
        ratio_unit = Z_HALF / (self.tuning.ratio_half - 1.0)
        run_half = self.tuning.run_ratio_half
        run_unit = Z_HALF / (run_half - 1.0) if run_half > 1.0 else ratio_unit
        confirm = 0.0
        zs: list[float] = []
        for scale in self._scales:
            scale.push(value, expected, support)
            unit = run_unit if isinstance(scale, _Run) else ratio_unit
            z = min(scale.r / scale.spread(), unit * (scale.obs - scale.exp) / max(scale.exp, 1.0))
            zs.append(z)
            if z > best:
                best, best_scale = z, scale
            if scale.seconds <= self._rang_s:
                confirm = max(confirm, z)
        self._rang_s = best_scale.seconds
        return best, best_scale, confirm, zs

    def _net_edge(self, ts: datetime, has_rhythm: bool) -> bool:
        """Whether the safety net starts to hold now: it fires when it holds after a calm hour, not all
        along one flood."""
        net = has_rhythm and any(
            obvious(s.obs, s.exp, math.sqrt(s.exp + 1.0) * s.spread(), self.params) for s in self._net_scales)
        quiet = timedelta(seconds=self.tuning.net_cooldown_s)
        net_edge = net and (self._net_last is None or ts - self._net_last > quiet)
        if net:
            self._net_last = ts
        return net_edge

    def _onset(self, ts: datetime, z: float) -> tuple[bool, bool]:
        """(the excess ``z`` starts an excursion, the detector is warm); keeps the decaying memory of the
        excursion's peak, forgotten after an hour of calm (the next excursion is news)."""
        if self._calm_buckets:
            self._calm = self._calm + 1 if z < 1.0 else 0
            if self._calm >= self._calm_buckets:
                self._memory = 0.0
        onset = z > self._memory
        warm = self.gate.warm(ts)
        if warm:
            self._memory = max(z, self._memory * self._memory_decay)
        return onset, warm

    def _explained(self, value: float, total: float | None) -> bool:
        """With total volume given: the negative share over the last half hour has not risen
        ``SHARE_RISE`` × its normal, so a rise of all talk (a festival) explains the count."""
        if total is None:
            return False
        values, totals = self._share_values.push(value), self._share_totals.push(total)
        if totals <= 0:
            return False
        share = values / totals
        normal = self._share.median() if len(self._share) else None
        self._share.push(share)
        return normal is not None and normal > 0 and share <= normal * SHARE_RISE

    def _learn(self, weekend: bool, slot: int, value: float, expected: float, rhythm: float | None,
               level: float, recording: bool) -> None:
        for scale in self._scales:
            scale.learn(recording)
        assert self._profile is not None
        if rhythm is None:
            clipped = value
        else:
            noise = math.sqrt(expected + 1.0) * self._scales[0].spread()
            clipped = min(value, expected + self.tuning.clip_z * noise + 1.0)
        self._profile.add(weekend, slot, clipped / level)
        if self.tuning.day_hours and rhythm is not None:
            self._hour_x += clipped
            self._hour_e += rhythm
            self._hour_n += 1
        d = self._level_decay
        self._level_x = self._level_x * d + clipped
        self._level_e = self._level_e * d + (rhythm if rhythm is not None else clipped)
