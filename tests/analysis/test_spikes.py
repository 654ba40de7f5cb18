"""Spike detector on constructed series: bursts fire early and once; normal rhythms stay quiet."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta

import pytest

from newsroom.analysis.spikes import SpikeDetector

T0 = datetime(2026, 1, 5, tzinfo=UTC)


def daily(minute: int, base: float) -> float:
    hour = (minute / 60) % 24
    return base * (0.2 + math.exp(-((hour - 12.5) ** 2) / 8) + math.exp(-((hour - 20) ** 2) / 6))


def run(values: list[float], step_min: int = 5, sensitivity: str = "balanced") -> list[bool]:
    det = SpikeDetector(sensitivity)
    return [det.update(T0 + timedelta(minutes=i * step_min), v).alert for i, v in enumerate(values)]


def poisson_series(days: int, base: float, seed: int = 3, step_min: int = 5) -> list[float]:
    rng = random.Random(seed)
    out = []
    for i in range(days * 24 * 60 // step_min):
        lam = daily(i * step_min, base)
        # Poisson draw by inversion (small lambdas)
        k, p, u = 0, math.exp(-lam), rng.random()
        cum = p
        while u > cum and k < 500:
            k += 1
            p *= lam / k
            cum += p
        out.append(float(k))
    return out


def test_flood_burst_fires_within_two_buckets_and_once() -> None:
    values = poisson_series(3, 4.0)
    start = len(values) - 40
    for i in range(start, start + 20):
        values[i] += 60
    alerts = run(values)
    fired = [i for i, a in enumerate(alerts) if a]
    assert fired, "the burst must raise an alert"
    assert start <= fired[-1] <= start + 1
    assert sum(1 for i in fired if i >= start) == 1


def test_benign_daily_rhythm_stays_quiet() -> None:
    values = poisson_series(4, 6.0, seed=11)
    alerts = run(values)
    assert sum(alerts[288:]) == 0


def test_tiny_counts_are_not_a_crisis() -> None:
    values = [0.0] * 500
    values[400] = 2.0
    assert not any(run(values))


def test_festival_that_raises_all_talk_is_discounted() -> None:
    det = SpikeDetector("balanced")
    fired = False
    for i in range(600):
        total = 100.0 if not 500 <= i < 520 else 250.0
        negative = total * 0.1
        fired |= det.update(T0 + timedelta(minutes=i), negative, total).alert
    assert not fired


def test_scores_are_in_range_and_causal() -> None:
    values = poisson_series(2, 5.0)
    det_a, det_b = SpikeDetector(), SpikeDetector()
    a = [det_a.update(T0 + timedelta(minutes=5 * i), v).score for i, v in enumerate(values)]
    changed = [*values[:300], *[v + 50 for v in values[300:]]]
    b = [det_b.update(T0 + timedelta(minutes=5 * i), v).score for i, v in enumerate(changed)]
    assert all(0.0 <= s <= 1.0 for s in a + b)
    assert a[:300] == b[:300]


def test_rejects_an_unknown_sensitivity() -> None:
    with pytest.raises(ValueError, match="sensitivity must be one of"):
        SpikeDetector("paranoid")
