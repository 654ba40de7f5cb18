"""Persistence, magnitude-free: where each bucket falls in the Poisson of its own expected count (its
mid-p), summed over an hour and over two in units of its noise. The mid-p's moments, the scales'
wiring, an hour of buckets all a little high against one big bucket with the same excess, and the
cap at twice normal."""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from newsroom.analysis.spike_stats import PIT_EXACT, poisson_mid_p
from newsroom.analysis.spikes import DEFAULT_TUNING, SpikeDetector, SpikeTuning, _Run, _Scale
from tests.analysis.test_spikes import BRUSSELS, poisson, town


def poisson_pmf(mean: float, top: int) -> list[float]:
    p, out = math.exp(-mean), []
    for k in range(top):
        out.append(p)
        p *= mean / (k + 1)
    return out


@pytest.mark.parametrize("mean", [0.02, 0.3, 1.0, 4.0, 12.5, 29.0])
def test_the_mid_p_is_one_half_on_average_with_the_stated_variance(mean: float) -> None:
    pmf = poisson_pmf(mean, 200)
    below, first, second = 0.0, 0.0, 0.0
    for k, p in enumerate(pmf):
        u, var = poisson_mid_p(float(k), mean)
        assert u == pytest.approx(below + 0.5 * p, abs=0.02)  # the mean is rounded to a grid of 0.02
        below += p
        first += p * u
        second += p * (u - 0.5) ** 2
    assert first == pytest.approx(0.5, abs=1e-3)
    assert var == pytest.approx(second, rel=0.02)
    assert var == pytest.approx((1 - sum(p ** 3 for p in pmf)) / 12, rel=0.02)


def test_the_mid_p_grows_with_the_count_and_reaches_one_far_above() -> None:
    for mean in (0.3, 5.0, 80.0):
        us = [poisson_mid_p(float(k), mean)[0] for k in range(400)]
        assert all(a <= b for a, b in itertools.pairwise(us))
        assert us[-1] == pytest.approx(1.0)
    assert poisson_mid_p(100.0, PIT_EXACT + 20)[1] == pytest.approx(1 / 12)
    assert poisson_mid_p(0.0, 0.0) == (0.5, 0.0)  # nothing expected, nothing seen: as usual
    assert poisson_mid_p(1.0, 0.0)[0] == 1.0


def test_an_hour_all_a_little_high_weighs_more_than_one_big_bucket_with_the_same_excess() -> None:
    """The summed excess cannot tell them apart; the persistence scale can."""
    def last_excess(scale: _Scale, counts: list[float]) -> float:
        r = 0.0
        for x in counts:
            r = scale.push(x, 1.0, 1e9)
        return r

    spread, hour = 576, 12
    steady = [2.0] * hour  # twelve buckets one post above a normal of one
    single = [13.0] + [1.0] * (hour - 1)  # the same twelve extra posts in one bucket
    total = _Scale(hour, 300, spread, 4032, 1.0)
    assert last_excess(total, steady) == pytest.approx(last_excess(_Scale(hour, 300, spread, 4032, 1.0), single))
    run_steady = last_excess(_Run(hour, 300, spread, 4032, 1.0, 0, 1.0), steady)
    run_single = last_excess(_Run(hour, 300, spread, 4032, 1.0, 0, 1.0), single)
    assert run_steady > 2 * run_single
    assert run_steady == pytest.approx(hour * (poisson_mid_p(2.0, 1.0)[0] - 0.5)
                                       / math.sqrt(hour * poisson_mid_p(2.0, 1.0)[1]))


def test_a_quiet_night_bucket_counts_with_at_least_poissons_noise_at_one_post() -> None:
    """At 0.02 posts expected one post is far in the tail; the floor keeps one post at night from
    weighing like an hour's evidence."""
    floored = _Run(12, 300, 576, 4032, 1.0, 0, 1.0)
    bare = _Run(12, 300, 576, 4032, 1.0, 0, 0.0)
    counts = [0.0] * 11 + [1.0]
    r_floor = r_bare = 0.0
    for x in counts:
        r_floor, r_bare = floored.push(x, 0.02, 1e9), bare.push(x, 0.02, 1e9)
    assert r_bare > 1.5
    assert 0.0 < r_floor < 0.5


def test_the_detector_keeps_its_hour_and_two_hour_persistence_scales_off_the_safety_net() -> None:
    times, values, _ = town(3, 2.0, seed=12)
    det = SpikeDetector("balanced", tz=BRUSSELS)
    for t, v in zip(times, values, strict=True):
        det.update(t, v)
    runs = [s for s in det._scales if isinstance(s, _Run)]
    assert [s.seconds for s in runs] == [3600, 7200]
    assert not [s for s in det._net_scales if isinstance(s, _Run)]
    assert all(r.spread() >= 1.0 and len(r.residuals) > 24 for r in runs)
    off = SpikeDetector("balanced", tz=BRUSSELS, tuning=replace(DEFAULT_TUNING, runs_s=()))
    off.update(datetime(2026, 3, 2, tzinfo=UTC), 0.0)
    off.update(datetime(2026, 3, 2, tzinfo=UTC) + timedelta(minutes=5), 0.0)
    assert not [s for s in off._scales if isinstance(s, _Run)]


@pytest.mark.parametrize("seed", [2, 4])
def test_persistence_counts_for_no_more_than_twice_normal_allows(seed: int) -> None:
    """A quiet series (one post per 5 min) drifts to 1.7 times its usual talk for four hours: many
    buckets a little high, which persistence sees clearly. Its excess is capped so that score 0.5
    (four spreads) needs twice normal; a sum's cap stays at 1.5 times normal."""
    rng = random.Random(seed)
    start = datetime(2026, 3, 2, tzinfo=UTC)
    det = SpikeDetector("balanced", tz=BRUSSELS)
    rang = []
    for i in range(3 * 288 + 48):
        step = det.update(start + timedelta(minutes=5 * i), poisson(rng, 1.0 if i < 3 * 288 else 1.7))
        if i >= 3 * 288 and step.scale_s in (3600, 7200):
            rang.append(step)
    assert rang  # persistence had the largest excess at some buckets of the drift
    for step in rang:
        assert step.z <= 4.0 * (step.ratio - 1.0) + 1e-5


def test_a_busier_days_morning_swing_is_not_lifted_over_the_bar_and_the_outage_after_it_still_alerts() -> None:
    """Each persistence run's spread looks back at least 72 of its own periods (three days for the hour,
    five for two hours at 5 min; ``SpikeTuning.run_spread_periods``) instead of two days. A town at
    three posts per 5 min at its peak, a Tuesday 60 % busier all day, an outage (2.2x for four hours)
    on the Thursday after it: with the runs' spread over two days, the learned lift read the runs'
    excess and took the busier day's 8:25 swing (3.9 spreads on 40 min) over the bar; now it stays
    below, and the outage is alerted as before."""
    times, values, rates = town(12, 3.0, seed=58)
    rng = random.Random(58 * 7)
    day = 8 * 288  # Tuesday: every hour 60 % busier
    values[day:day + 288] = [poisson(rng, 1.6 * r) for r in rates[day:day + 288]]
    at = next(i for i, t in enumerate(times) if i >= 9 * 288 and (local := t.astimezone(BRUSSELS)).weekday() == 3
              and local.hour == 10 and local.minute == 0)
    for i in range(at, at + 48):
        values[i] = poisson(rng, 2.2 * rates[i])

    def fired(tuning: SpikeTuning) -> list[int]:
        det = SpikeDetector("balanced", tz=BRUSSELS, tuning=tuning)
        return [i for i, (t, v) in enumerate(zip(times, values, strict=True))
                if det.update(t, v).alert and i >= 7 * 288]

    assert DEFAULT_TUNING.run_spread_periods == 72
    now = fired(DEFAULT_TUNING)
    assert len(now) == 1 and at <= now[0] < at + 48
    before = fired(replace(DEFAULT_TUNING, run_spread_periods=0))  # two days, like the sums
    assert [i for i in before if day <= i < day + 288]  # the busier day's false alert
    assert [i for i in before if at <= i < at + 48] == now


def test_each_runs_spread_looks_back_at_least_72_of_its_own_periods() -> None:
    det = SpikeDetector("balanced", bucket_s=300)
    runs = [s for s in det._scales if isinstance(s, _Run)]
    assert [(s.seconds, s.residuals.size) for s in runs] == [(3600, 864), (7200, 1440)]
    sums = [s for s in det._scales if not isinstance(s, _Run)]
    assert {s.residuals.size for s in sums} == {576}  # the sums keep two days
    wall = SpikeDetector("balanced", bucket_s=60)  # a day of minutes, the cap, as before
    assert {s.residuals.size for s in wall._scales} == {1440}
