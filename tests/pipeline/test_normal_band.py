"""The sparklines' normal band: the same time of day on earlier days; buckets before a topic existed
are unknown (not zero); with fewer than two earlier days the same day's earlier hours count too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsroom.domain import Series
from newsroom.pipeline.snapshot import normal_band

START = datetime(2026, 1, 1, tzinfo=UTC)
PER_DAY = 144


def test_seven_earlier_days_give_their_quartiles_whatever_the_fallback() -> None:
    values = tuple(float(d + 1) for d in range(8) for _ in range(PER_DAY))  # day d: d + 1 per bucket
    history = Series(START, 600, values)
    for fallback in (False, True):
        low, high = normal_band(history, 7, fallback=fallback, known_since=START)
        assert len(low) == PER_DAY
        assert set(low) == {2.5} and set(high) == {5.5}  # quartiles of 1..7


def test_a_topic_first_seen_today_has_a_band_from_its_earlier_hours() -> None:
    today = START + timedelta(days=7)
    # zero-filled before today (as the store returns it), three mentions per bucket from today on
    values = tuple(0.0 for _ in range(7 * PER_DAY)) + tuple(3.0 for _ in range(PER_DAY))
    history = Series(START, 600, values)
    _, zero_high = normal_band(history, 7)  # the zeros of the week before count as normal
    assert set(zero_high) == {0.0}
    low, high = normal_band(history, 7, fallback=True, known_since=today)
    # the first hour of today has nothing earlier; from an hour on, the hours before give the band
    assert high[:6] == (0.0,) * 6
    assert set(high[7:]) == {3.0} and set(low[7:]) == {3.0}
    _, without = normal_band(history, 7, known_since=today)  # no fallback: nothing known, no band
    assert set(without) == {0.0}


def test_the_quartiles_are_numpys_nanpercentile_exactly() -> None:
    """The band's quartiles are taken for all buckets at once; they equal numpy's nanpercentile (linear)
    bit for bit, whatever is unknown."""
    import numpy as np

    from newsroom.pipeline.snapshot import _row_quantile

    rng = np.random.default_rng(16)
    for trial in range(60):
        rows = rng.integers(0, 40, size=(int(rng.integers(1, 150)), int(rng.integers(2, 40)))).astype(float)
        if trial % 2:
            rows = rng.random(rows.shape) * 1000
        rows[rng.random(rows.shape) < rng.random()] = np.nan
        known = np.sum(~np.isnan(rows), axis=1)
        rows, known = rows[known >= 2], known[known >= 2]
        if not len(rows):
            continue
        expected = np.nanpercentile(rows, [25, 75], axis=1, method="linear")
        assert np.array_equal(_row_quantile(np, rows, known, 0.25), expected[0])
        assert np.array_equal(_row_quantile(np, rows, known, 0.75), expected[1])
