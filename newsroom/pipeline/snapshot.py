"""Builds the immutable WallSnapshot from the clusterer's live topics and the store's counts."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from datetime import datetime, timedelta

from newsroom.analysis.cloud_terms import phrase_label, with_phrases
from newsroom.analysis.topics import TopicState
from newsroom.analysis.words import PhraseFinder
from newsroom.domain import AlertScope, SearchPage, Series, SourceHealth, Topic, WallSnapshot
from newsroom.store import Store

SPARK_HOURS = 24
SPARK_STEP_S = 600  # 10-minute buckets: 144 points in 24 h
BASELINE_DAYS = 7
LATEST = 30
#: at most this many live topics (biggest first) are looked at for the searches' rotation pages
PAGE_POOL = 200
#: which searches a topic belongs to is looked up again after this long
PAGE_TTL = timedelta(seconds=60)


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


def _urgency(tp: Topic, alerted: set[str]) -> tuple[bool, float, float, int]:
    """The overview's order: alerted first, then negative volume, volume, size."""
    return (str(tp.id) not in alerted, -(tp.per_hour * tp.share_negative), -tp.per_hour, -tp.size)


class SnapshotBuilder:
    """Turns live topics and counts into a WallSnapshot; cheap enough to call every few seconds."""

    def __init__(self, store: Store, *, max_topics: int = 6, phrases: PhraseFinder | None = None) -> None:
        self.store = store
        self.max_topics = max_topics
        self.phrases = phrases
        #: names of the configured searches (the Pipeline sets them)
        self.searches: tuple[str, ...] = ()
        #: build one page per search (``display.rotation``)
        self.per_search = False
        self._topic_search_cache: dict[int, tuple[datetime, tuple[str, ...]]] = {}

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

    def _searches_of(self, topic: int, now: datetime) -> tuple[str, ...]:
        """The searches that found a topic's recent mentions, most first (cached for PAGE_TTL)."""
        cached = self._topic_search_cache.get(topic)
        if cached is not None and now - cached[0] < PAGE_TTL:
            return cached[1]
        found = self.store.topic_searches(topic)
        names = tuple(sorted(found, key=lambda n: (-found[n], n)))
        self._topic_search_cache[topic] = (now, names)
        return names

    def search_pages(self, topics: Sequence[TopicState], built: Sequence[Topic], alerted: set[str],
                     now: datetime, start: datetime, end: datetime) -> tuple[SearchPage, ...]:
        """One page per configured search: the live topics its mentions are in, ordered as on the
        overview; topics already built for the overview are reused."""
        if not self.searches:
            return ()
        ready = {t.id: t for t in built}
        pages: dict[str, list[Topic]] = {name: [] for name in self.searches}
        for state in topics[:PAGE_POOL]:
            wanting = [n for n in self._searches_of(state.id, now)
                       if n in pages and len(pages[n]) < self.max_topics * 3]
            if not wanting:
                if all(len(v) >= self.max_topics * 3 for v in pages.values()):
                    break
                continue
            topic = ready.get(state.id) or self._topic(state, now, start, end)
            ready[state.id] = topic
            for name in wanting:
                pages[name].append(topic)
        live = {t.id for t in topics}
        self._topic_search_cache = {k: v for k, v in self._topic_search_cache.items() if k in live}
        order = {name: sorted(found, key=lambda tp: _urgency(tp, alerted)) for name, found in pages.items()}
        return tuple(SearchPage(name, tuple(found[:self.max_topics])) for name, found in order.items())

    def build(self, now: datetime, wall_name: str, topics: Sequence[TopicState],
              health: Sequence[SourceHealth], *, demo: bool = False,
              notices: tuple[tuple[str, str], ...] = ()) -> WallSnapshot:
        """The snapshot at ``now``."""
        start, end = _window(now, SPARK_STEP_S)
        alerts = tuple(self.store.active_alerts())
        alerted = {a.key for a in alerts if a.scope is AlertScope.TOPIC}
        candidates = [self._topic(t, now, start, end) for t in topics[: self.max_topics * 3]]
        candidates.sort(key=lambda tp: (str(tp.id) not in alerted,
                                        -(tp.per_hour * tp.share_negative), -tp.per_hour, -tp.size))
        chosen = tuple(candidates[: self.max_topics])
        total, negative = self.store.counts("wall", "wall", start, end, SPARK_STEP_S)
        minute_total, _ = self.store.counts("wall", "wall", now - timedelta(hours=1), now, 60)
        return WallSnapshot(
            created=now, wall_name=wall_name, topics=chosen,
            latest=tuple(self.store.latest_mentions(LATEST)), alerts=alerts, health=tuple(health),
            newest_data=self.store.newest_published(), demo=demo, total=total, negative=negative,
            mentions_last_hour=int(sum(minute_total.values)), notices=notices,
            searches=self.searches,
            search_pages=self.search_pages(topics, candidates, alerted, now, start, end) if self.per_search
            else (),
        )
