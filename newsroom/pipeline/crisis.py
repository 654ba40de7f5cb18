"""The crisis view's data for one event: gathered on the worker thread from the store's counts.

The volume runs in 5-minute buckets (15 for a window of more than 8 hours) from a few hours before the
spike started (at most 24 h) up to now, summed over the event's sub-stories, with the normal band of
the same time of day on the week before; the newest negative mentions of every sub-story feed the
view's live list.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from newsroom.analysis.cloud_filter import shown_in_cloud
from newsroom.domain import CrisisDetail, Series, SpikeAlert, Topic
from newsroom.pipeline.reply_context import reply_parents
from newsroom.pipeline.snapshot import normal_band
from newsroom.store import Store

STEP_S = 300
#: a window longer than this (a topic without an alert, a long crisis) is drawn in 15-minute buckets
LONG_WINDOW = timedelta(hours=8)
LONG_STEP_S = 900
HOURS_BEFORE = 3
MAX_HOURS = 24
BASELINE_DAYS = 7
NEGATIVE_MENTIONS = 12
PHRASES = 10


def _floor(t: datetime, step_s: int) -> datetime:
    ts = int(t.timestamp())
    return datetime.fromtimestamp(ts - ts % step_s, t.tzinfo)


def window(started: datetime, now: datetime) -> tuple[datetime, datetime, int]:
    """Whole buckets from ``HOURS_BEFORE`` before ``started`` (at most ``MAX_HOURS``) up to the one
    holding now, and their size: 5 minutes, or 15 for a window of more than 8 hours."""
    step = STEP_S
    if now - min(started, now) + timedelta(hours=HOURS_BEFORE) > LONG_WINDOW:
        step = LONG_STEP_S
    end = _floor(now, step) + timedelta(seconds=step)
    start = _floor(min(started, now) - timedelta(hours=HOURS_BEFORE), step)
    return max(start, end - timedelta(hours=MAX_HOURS)), end, step


def _summed(store: Store, ids: Sequence[int], since: datetime, until: datetime,
            step: int) -> tuple[Series, Series]:
    total: list[float] = []
    negative: list[float] = []
    first: Series | None = None
    for tid in ids:
        t, n = store.counts("topic", str(tid), since, until, step)
        if first is None:
            first, total, negative = t, list(t.values), list(n.values)
            continue
        for i, (a, b) in enumerate(zip(t.values, n.values, strict=True)):
            total[i] += a
            negative[i] += b
    assert first is not None
    return Series(first.start, step, tuple(total)), Series(first.start, step, tuple(negative))


def crisis_detail(store: Store, topic: Topic, alert: SpikeAlert | None, now: datetime) -> CrisisDetail:
    """Everything the crisis view shows of ``topic``'s event (its sub-stories, or the topic alone)."""
    ids = [s.topic_id for s in topic.substories] or [topic.id]
    started = alert.started if alert is not None else topic.first_seen
    start, end, step = window(started, now)
    volume, negative = _summed(store, ids, start, end, step)
    history, _ = _summed(store, ids, end - timedelta(days=BASELINE_DAYS + 1), end, step)
    low, high = normal_band(history, BASELINE_DAYS)
    n = len(volume.values)
    # the share negative of the event since its spike started (of the whole window without an alert)
    first = max(0, int((started - volume.start).total_seconds() // step)) if alert is not None else 0
    recent = sum(volume.values[first:])
    share = sum(negative.values[first:]) / recent if recent else topic.share_negative
    newest = tuple(store.latest_of_topics(ids, NEGATIVE_MENTIONS, label="negative"))
    return CrisisDetail(
        topic_id=topic.id, title=topic.label, started=started, volume=volume, negative=negative,
        baseline_low=low[-n:] if n else (), baseline_high=high[-n:] if n else (), size=topic.size,
        share_negative=share, per_hour=topic.per_hour, alert=alert,
        substories=topic.substories,
        phrases=tuple(t for t in topic.terms if shown_in_cloud(t.term))[:PHRASES],
        negative_mentions=newest, reply_parents=reply_parents(store, newest),
    )
