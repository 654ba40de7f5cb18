"""The record raised to the two-week maximum its own daily maxima promise (a Gumbel fit): the block
maxima and their return level, the detector's wiring, and fewer false alerts on benign towns."""

from __future__ import annotations

import math
import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from newsroom.analysis.spike_stats import EULER_GAMMA, BlockMaxima
from newsroom.analysis.spikes import DEFAULT_TUNING, TAIL_MIN_DAYS, Z_HALF, SpikeDetector, SpikeTuning
from tests.analysis.test_spikes import BRUSSELS, poisson, town_rate


def gumbel_level(maxima: list[float], period: float) -> float:
    """The return level by moments, written out independently of the module."""
    n = len(maxima)
    mean = sum(maxima) / n
    sd = math.sqrt(sum((m - mean) ** 2 for m in maxima) / (n - 1))
    beta = sd * math.sqrt(6) / math.pi
    mu = mean - EULER_GAMMA * beta
    return mu - beta * math.log(-math.log(1 - 1 / period))


def test_block_maxima_keep_the_last_complete_blocks_and_skip_uncounted_steps() -> None:
    blocks = BlockMaxima(block=3, count=3)
    closed = [blocks.push(v) for v in (1.0, 5.0, 2.0)]  # block 1: max 5
    assert closed == [False, False, True]
    for v in (None, None, None):  # block 2: nothing counted, no maximum
        blocks.push(v)
    assert len(blocks) == 1
    for v in (0.5, None, 4.0, 3.0, 3.5, 1.0, 9.0, 2.0, 2.0):  # blocks 3-5: 4, 3.5, 9
        blocks.push(v)
    assert len(blocks) == 3  # block 1 (5) left: only the last three are kept
    assert blocks.return_level(14, minimum=3) == pytest.approx(gumbel_level([4.0, 3.5, 9.0], 14))
    assert blocks.return_level(14, minimum=4) == 0.0  # too few maxima to fit
    assert blocks.return_level(1.0) == 0.0


def test_the_return_level_of_gumbel_maxima_is_near_the_true_one() -> None:
    rng = random.Random(11)
    mu, beta = 10.0, 2.0
    blocks = BlockMaxima(block=1, count=400)
    for _ in range(400):
        blocks.push(mu - beta * math.log(-math.log(rng.random())))
    true = mu - beta * math.log(-math.log(1 - 1 / 14))
    assert blocks.return_level(14) == pytest.approx(true, rel=0.05)


def clustered_town(days: int, peak: float, seed: int, dispersion: float = 0.25) -> tuple[list[datetime], list[float]]:
    """A benign town whose talk comes in clusters (gamma-Poisson counts, an hourly AR(1) factor):
    its busy hours swing more than Poisson's noise, and nothing abnormal happens."""
    rng = random.Random(seed)
    start = datetime(2026, 3, 2).replace(tzinfo=BRUSSELS).astimezone(UTC)
    times = [start + timedelta(minutes=5 * i) for i in range(days * 288)]
    values, log_f = [], 0.0
    for i, t in enumerate(times):
        if i % 12 == 0:
            log_f = 0.7 * log_f + rng.gauss(0.0, 0.12)
        mu = town_rate(t.astimezone(BRUSSELS), peak) * math.exp(log_f)
        values.append(poisson(rng, rng.gammavariate(1 / dispersion, mu * dispersion)))
    return times, values


def test_each_scale_bar_is_at_least_what_its_daily_maxima_promise() -> None:
    times, values = clustered_town(5, 6.0, seed=3)
    det = SpikeDetector("balanced", tz=BRUSSELS)
    raised = 0
    for t, v in zip(times, values, strict=True):
        det.update(t, v)
    for scale in det._scales:
        assert len(scale.daily) >= TAIL_MIN_DAYS
        level = scale.daily.return_level(14)
        assert scale.tail == pytest.approx(level)
        iqr = (scale.residuals.quantile(0.75) - scale.residuals.quantile(0.25)) / 1.349
        record = scale.record.max(0.0)
        assert scale.spread() == pytest.approx(max(1.0, iqr, max(record, level) / Z_HALF))
        raised += level / Z_HALF > max(1.0, iqr, record / Z_HALF)
    assert raised  # a young record (days, not weeks) is below what its days promise: the bar moved
    off = SpikeDetector("balanced", tz=BRUSSELS, tuning=replace(DEFAULT_TUNING, tail_s=0))
    for t, v in zip(times, values, strict=True):
        off.update(t, v)
    assert all(s.tail == 0.0 for s in off._scales)


def false_alerts(tuning: SpikeTuning, seeds: range) -> int:
    count = 0
    for seed in seeds:
        times, values = clustered_town(10, 6.0, seed)
        det = SpikeDetector("balanced", tz=BRUSSELS, tuning=tuning)
        count += sum(det.update(t, v).alert for t, v in zip(times, values, strict=True))
    return count


def test_benign_clustered_towns_raise_fewer_false_alerts_with_the_fit() -> None:
    seeds = range(1, 13)
    with_fit, without = false_alerts(DEFAULT_TUNING, seeds), false_alerts(replace(DEFAULT_TUNING, tail_s=0), seeds)
    assert with_fit < without
