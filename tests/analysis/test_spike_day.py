"""The broad day's factor (``SpikeTuning.day_hours``): from ten complete local hours of today on, a low
quantile (a third) of the hours' ratios of learnt counts to the rhythm raises the level when above 1.
A benign busier day is high in most hours; an event, even hours long, in a few."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from newsroom.analysis.spikes import DEFAULT_TUNING, SpikeDetector, SpikeTuning
from tests.analysis.test_spikes import BRUSSELS, poisson, town

OFF = replace(DEFAULT_TUNING, day_hours=0)


def fired(times: list[datetime], values: list[float], tuning: SpikeTuning) -> list[int]:
    det = SpikeDetector("balanced", tz=BRUSSELS, tuning=tuning)
    return [i for i, (t, v) in enumerate(zip(times, values, strict=True))
            if det.update(t, v).alert and i >= 7 * 288]


def test_the_default_reads_a_third_of_ten_hours() -> None:
    assert (DEFAULT_TUNING.day_hours, DEFAULT_TUNING.day_quantile, DEFAULT_TUNING.day_prior) == (10, 0.33, 2.0)


def test_a_busier_days_evening_is_measured_against_the_day_not_the_usual() -> None:
    """A town at eight posts per 5 min at its peak, a Tuesday 80 % busier all day: without the factor
    its 18:20 swing rings (the level, with its prior of 100 posts and its half-life of 3 h, has followed
    the day only part of the way); with it the day has no alert, and the rest is the same."""
    times, values, rates = town(11, 8.0, seed=9)
    rng = random.Random(9 * 7)
    day = 8 * 288  # Tuesday: every hour 80 % busier
    values[day:day + 288] = [poisson(rng, 1.8 * r) for r in rates[day:day + 288]]
    before = fired(times, values, OFF)
    now = fired(times, values, DEFAULT_TUNING)
    assert [i for i in before if day <= i < day + 288]  # the busier day's false alert
    assert not [i for i in now if day <= i < day + 288]
    assert [i for i in now if not day <= i < day + 288] == [i for i in before if not day <= i < day + 288]


def test_the_factor_holds_on_a_busier_day_and_not_on_an_ordinary_one_or_under_an_outage() -> None:
    times, values, rates = town(11, 8.0, seed=9)
    rng = random.Random(5)
    busy = 8 * 288
    values[busy:busy + 288] = [poisson(rng, 1.8 * r) for r in rates[busy:busy + 288]]
    outage = 9 * 288 + 10 * 12  # Wednesday 10:00: three times the usual for four hours
    for i in range(outage, outage + 48):
        values[i] = poisson(rng, 3.0 * rates[i])
    det = SpikeDetector("balanced", tz=BRUSSELS)
    factor: dict[int, float] = {}
    for i, (t, v) in enumerate(zip(times, values, strict=True)):
        det.update(t, v)
        factor[i] = det._day_factor
    assert factor[busy + 12 * 12] > 1.3  # 12:00 on the busier day
    assert factor[busy + 23 * 12] > 1.3
    assert factor[busy + 9 * 12] == 0.0  # before ten complete hours: no factor
    assert factor[7 * 288 + 20 * 12] == 0.0  # an ordinary Monday
    assert factor[outage + 47] == 0.0  # four hours of outage are not most of the day


def test_the_factor_needs_whole_hours_and_restarts_each_local_day() -> None:
    start = datetime(2026, 3, 2, tzinfo=BRUSSELS).astimezone(UTC)
    det = SpikeDetector("balanced", tz=BRUSSELS, bucket_s=300)
    for i in range(3 * 288):
        det.update(start + timedelta(minutes=5 * i), 2.0 if i >= 2 * 288 else 1.0)
    assert det._day_factor > 1.5  # the third day at twice the first two's
    det.update(start + timedelta(minutes=5 * 3 * 288), 2.0)  # local midnight: a new day
    assert det._day_factor == 0.0
