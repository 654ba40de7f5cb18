"""Builds the immutable WallSnapshot from the clusterer's live topics and the store's counts."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from datetime import datetime, timedelta

from newsroom.analysis.cloud_terms import phrase_label, with_phrases
from newsroom.analysis.topics import TopicState
from newsroom.analysis.words import PhraseFinder
from newsroom.domain import AlertScope, Series, SourceHealth, Topic, WallSnapshot
from newsroom.pipeline.ordering import TileOrder
from newsroom.store import Store

SPARK_HOURS = 24
SPARK_STEP_S = 600  # 10-minute buckets: 144 points in 24 h
BASELINE_DAYS = 7
LATEST = 30


def _window(now: datetime, step_s: int) -> tuple[datetime, datetime]:
    """The 24 h of whole buckets whose last bucket holds ``now``."""
    ts = int(now.timestamp())
    end = datetime.fromtimestamp(ts - ts % step_s + step_s, now.tzinfo)
    return end - timedelta(hours=SPARK_HOURS), end


def normal_band(history: Series, days: int) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Per bucket of the last day: the 25th–75th percentile of the same time of day on earlier days."""
    per_day = int(86400 // history.step_s)
    values = history.values
    last_day = values[-per_day:]
    low: list[float] = []
    high: list[float] = []
    for i in range(len(last_day)):
        idx = len(values) - per_day + i
        earlier = [values[idx - d * per_day] for d in range(1, days + 1) if idx - d * per_day >= 0]
        if len(earlier) < 2:
            low.append(min(earlier, default=0.0))
            high.append(max(earlier, default=0.0))
            continue
        q = statistics.quantiles(earlier, n=4, method="inclusive")
        low.append(max(0.0, q[0]))
        high.append(q[2])
    return tuple(low), tuple(high)


class SnapshotBuilder:
    """Turns live topics and counts into a WallSnapshot; cheap enough to call every few seconds."""

    def __init__(self, store: Store, *, max_topics: int = 6, phrases: PhraseFinder | None = None) -> None:
        self.store = store
        self.max_topics = max_topics
        self.phrases = phrases
        self.order = TileOrder()

    def _topic(self, t: TopicState, now: datetime, start: datetime, end: datetime) -> Topic:
        key = str(t.id)
        hist_start = start - timedelta(days=BASELINE_DAYS)
        total_hist, _ = self.store.counts("topic", key, hist_start, end, SPARK_STEP_S)
        total, negative = self.store.counts("topic", key, start, end, SPARK_STEP_S)
        low, high = normal_band(total_hist, BASELINE_DAYS)
        minute_total, _ = self.store.counts("topic", key, now - timedelta(hours=2), now, 60)
        last_hour = sum(minute_total.values[-60:])
        hour_before = sum(minute_total.values[-120:-60])
        trend = 0
        if last_hour > max(hour_before * 1.25, hour_before + 2):
            trend = 1
        elif last_hour < min(hour_before * 0.8, hour_before - 2):
            trend = -1
        size = max(t.size, 1)
        return Topic(
            id=t.id, label=phrase_label(t.label, self.phrases) if self.phrases else t.label,
            terms=with_phrases(t.terms, self.phrases) if self.phrases else t.terms,
            volume=total, negative=negative, size=t.size,
            share_negative=t.negative / size, first_seen=t.first_seen, last_seen=t.last_seen,
            representative_ids=t.representative_ids, baseline_low=low[-len(total.values):],
            baseline_high=high[-len(total.values):], per_hour=float(last_hour), trend=trend,
        )

    def build(self, now: datetime, wall_name: str, topics: Sequence[TopicState],
              health: Sequence[SourceHealth], *, demo: bool = False,
              notices: tuple[tuple[str, str], ...] = ()) -> WallSnapshot:
        """The snapshot at ``now``."""
        start, end = _window(now, SPARK_STEP_S)
        alerts = tuple(self.store.active_alerts())
        alerted = frozenset(a.key for a in alerts if a.scope is AlertScope.TOPIC)
        shown = self.order.shown()  # the tiles on the wall stay candidates, however small they became
        first = self.max_topics * 3
        pool = list(topics[:first]) + [t for t in topics[first:] if t.id in shown]
        candidates = [self._topic(t, now, start, end) for t in pool]
        chosen = self.order.arrange(candidates, alerted, now, self.max_topics)
        total, negative = self.store.counts("wall", "wall", start, end, SPARK_STEP_S)
        minute_total, _ = self.store.counts("wall", "wall", now - timedelta(hours=1), now, 60)
        return WallSnapshot(
            created=now, wall_name=wall_name, topics=chosen,
            latest=tuple(self.store.latest_mentions(LATEST)), alerts=alerts, health=tuple(health),
            newest_data=self.store.newest_published(), demo=demo, total=total, negative=negative,
            mentions_last_hour=int(sum(minute_total.values)), notices=notices,
        )
