"""Time buckets of the per-minute counts: the range of whole buckets over a period, and count rows
summed into zero-filled series."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from newsroom.domain import Series


def minute_of(dt: datetime) -> int:
    """Unix seconds of the whole minute ``dt`` falls in."""
    ts = int(dt.timestamp())
    return ts - ts % 60


def bucket_range(since: datetime, until: datetime, step_s: int) -> tuple[int, int]:
    """The unix seconds ``[start, end)`` of the whole ``step_s`` buckets from ``since``'s minute on
    that hold everything up to ``until``."""
    start = minute_of(since)
    n = max(0, -(-(int(until.timestamp()) - start) // step_s))
    return start, start + n * step_s


def series_of(rows: Iterable[tuple[int, int, int]], since: datetime, until: datetime,
              step_s: int) -> tuple[Series, Series]:
    """(total, negative) series in ``step_s`` buckets from ``since`` up to ``until``, zero-filled, from
    count rows (``Store.count_rows``) that may reach beyond that range."""
    start, end = bucket_range(since, until, step_s)
    n = (end - start) // step_s
    total = [0.0] * n
    negative = [0.0] * n
    for minute, t, neg in rows:
        if start <= minute < end:
            i = (minute - start) // step_s
            total[i] += t
            negative[i] += neg
    begin = datetime.fromtimestamp(start, UTC)
    return Series(begin, step_s, tuple(total)), Series(begin, step_s, tuple(negative))
