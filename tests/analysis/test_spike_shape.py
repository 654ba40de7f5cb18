"""The shape of the spike detector's evidence and the learned lift of its alert bar (pass 20)."""

from __future__ import annotations

import math
import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from newsroom.analysis.spike_shape import (
    FEATURES,
    LIFT_FROM,
    LiftModel,
    ShapeTracker,
    from_json,
    shipped_model,
)
from newsroom.analysis.spikes import DEFAULT_TUNING, SENSITIVITY, Z_HALF, AlertGate, SpikeDetector, SpikeStep
from tests.analysis.test_spikes import poisson

T0 = datetime(2026, 3, 2, tzinfo=UTC)


def features(tracker: ShapeTracker, z: float, expected: float = 1.0) -> list[float]:
    tracker.step(z)
    return tracker.features(z, [z] * 8, 1200, 2.0, expected, 10.0, False, 12 * 3600, 3.0)


def test_the_tracker_measures_how_long_and_how_steeply_the_excursion_rose() -> None:
    tracker = ShapeTracker(300)
    for z in [0.5] * 12 + [3.5] * 6:
        row = features(tracker, z)
    named = dict(zip(FEATURES, row, strict=True))
    assert named["hours_3"] == pytest.approx(0.5)  # six buckets of five minutes at 3 or more
    assert named["hours_up"] == pytest.approx(0.5)
    assert named["slope"] == pytest.approx(3.0)  # against the bucket an hour before: 0.5
    assert named["zmax1h"] == pytest.approx(3.5)  # the peak of the hour before this bucket
    assert named["n3"] == 8.0
    assert named["logz"] == pytest.approx(math.log(3.5))


def test_the_tracker_reads_counts_per_five_minutes_whatever_the_bucket() -> None:
    five, one = ShapeTracker(300), ShapeTracker(60)
    by_five = dict(zip(FEATURES, features(five, 3.0, expected=5.0), strict=True))
    by_one = dict(zip(FEATURES, features(one, 3.0, expected=1.0), strict=True))
    assert by_one["log_exp"] == pytest.approx(by_five["log_exp"])


def test_the_lift_lowers_the_bar_only_and_at_most_by_its_cap() -> None:
    row = [0.0] * len(FEATURES)
    weights = (2.0, *[0.0] * (len(FEATURES) - 1))
    assert LiftModel(weights, 10.0, 0.0, 0.15).lift(row, Z_HALF) == pytest.approx(math.exp(0.15))
    assert LiftModel(weights, -10.0, 0.0, 0.15).lift(row, Z_HALF) == 1.0
    assert LiftModel(weights, 10.0, 0.0, 0.0).lift(row, Z_HALF) == 1.0
    # in between: the logit reaches theta exactly at the lowered bar, z * lift = Z_HALF
    model = LiftModel(weights, -2.0 * math.log(3.8), 0.0, 0.15)
    assert 3.8 * model.lift(row, Z_HALF) == pytest.approx(Z_HALF)


def test_the_model_is_kept_as_json_and_refuses_other_features() -> None:
    model = shipped_model()
    assert len(model.weights) == len(FEATURES) and model.max_lift > 0
    assert from_json(model.to_json()) == model
    other = model.to_json().replace('"logz"', '"log_z"')
    with pytest.raises(ValueError, match="other features"):
        from_json(other)


def test_the_gate_reads_the_excess_times_its_lift() -> None:
    def alerts(lift: float) -> bool:
        gate = AlertGate(SENSITIVITY["balanced"])
        gate.decide(T0 - timedelta(days=3), SpikeStep(0.0, False, 0.0, 0.0, 1.0))
        held = SpikeStep(0.0, False, 0.0, 0.0, 1.0, 3.5, 0.0, False, False, 20.0, False, 1200, 3.5, lift)
        gate.decide(T0, held)  # three spreads up already: no wait for confirmation
        step = SpikeStep(0.0, False, 0.0, 0.0, 1.0, 3.6, 0.0, True, False, 20.0, False, 1200, 3.6, lift)
        return gate.decide(T0 + timedelta(minutes=5), step)

    assert not alerts(1.0)  # 3.6 spreads: below the bar of 4
    assert alerts(1.15)  # 3.6 x 1.15 = 4.14: the shape says an event


def town(days: int, peak: float, seed: int) -> list[float]:
    rng = random.Random(seed)
    out = []
    for i in range(days * 288):
        hour = (i % 288) / 12
        lam = peak * (0.1 + math.exp(-((hour - 8.5) ** 2) / 2) + math.exp(-((hour - 19.0) ** 2) / 5))
        if 8 * 288 + 120 <= i < 8 * 288 + 180:  # an outage's plateau at 2.5x on day 9
            lam *= 2.5
        out.append(poisson(rng, lam))
    return out


def steps(values: list[float], **kwargs: object) -> list[SpikeStep]:
    det = SpikeDetector("balanced", **kwargs)  # type: ignore[arg-type]
    return [det.update(T0 + timedelta(minutes=5 * i), v) for i, v in enumerate(values)]


def test_the_shipped_lift_is_capped_applies_near_the_bar_only_and_keeps_the_score_calibrated() -> None:
    values = town(10, 1.5, seed=5)
    lifted = steps(values)
    cap = math.exp(shipped_model().max_lift)
    assert all(1.0 <= s.lift <= cap + 1e-6 for s in lifted)
    assert all(s.lift == 1.0 for s in lifted if s.z < LIFT_FROM)
    assert any(s.lift > 1.0 for s in lifted)
    assert all((s.score >= 0.5) == s.alert for s in lifted)


def test_a_lift_of_one_is_the_detector_without_the_model() -> None:
    values = town(10, 1.5, seed=6)
    off = steps(values, tuning=replace(DEFAULT_TUNING, learned_lift=False))
    none = LiftModel(shipped_model().weights, shipped_model().intercept, 0.0, 0.0)
    assert steps(values, lift_model=none) == off
    assert all(s.lift == 1.0 for s in off)
