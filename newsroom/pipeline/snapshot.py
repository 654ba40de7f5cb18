"""Builds the immutable WallSnapshot from live topics and the store's counts.

The live topics come as plain ``TopicState``s with their labels and terms as the wall shows them
(phrases applied): from the clusterer in the collecting process (``Pipeline.snapshot``), or from the
store's topic summaries in a wall that only reads (``newsroom.pipeline.reader``). Nothing here loads
the analysis (no nltk or scipy; numpy only once a normal band is computed, which a wall has loaded
for its charts anyway).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from newsroom.analysis.events import MIN_RECENT, EventAnchor, group_events
from newsroom.domain import (
    AlertScope,
    AlertState,
    CrisisDetail,
    SearchPage,
    Series,
    SourceHealth,
    SpikeAlert,
    Topic,
    TopicState,
    WallSnapshot,
)
from newsroom.pipeline.ordering import TileOrder
from newsroom.pipeline.reply_context import reply_parents
from newsroom.store import Store
from newsroom.store.buckets import bucket_range, series_of

SPARK_HOURS = 24
SPARK_STEP_S = 600  # 10-minute buckets: 144 points in 24 h
BASELINE_DAYS = 7
LATEST = 30
#: at most this many live topics (biggest first) are looked at for the searches' rotation pages
PAGE_POOL = 200
#: which searches a topic belongs to is looked up again after this long
PAGE_TTL = timedelta(seconds=60)
#: a wall of fewer tiles still looks for an event's fragments among this many tiles' worth of topics
EVENT_POOL = 6


def _window(now: datetime, step_s: int) -> tuple[datetime, datetime]:
    """The 24 h of whole buckets whose last bucket holds ``now``."""
    ts = int(now.timestamp())
    end = datetime.fromtimestamp(ts - ts % step_s + step_s, now.tzinfo)
    return end - timedelta(hours=SPARK_HOURS), end


#: without two earlier days at a time of day, the band is drawn from the same day's earlier hours: the
#: hours from FALLBACK_FROM_H to FALLBACK_LAG_H before each bucket (a spike's own first hour stays out)
FALLBACK_FROM_H = 6.0
FALLBACK_LAG_H = 1.0


def normal_band(history: Series, days: int, *, fallback: bool = False,
                known_since: datetime | None = None) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Per bucket of the last day: the 25th–75th percentile of the same time of day on earlier days
    (one earlier day: that day's value; none: 0). ``known_since``: buckets before it are unknown, not
    zero (the store fills every bucket; a topic first seen yesterday had no "normal" the week before).
    ``fallback``: where fewer than two earlier days are known (a new topic, a new wall, the demo's
    second day), the same day's earlier hours count too (see FALLBACK_FROM_H). Computed for all
    buckets at once (numpy; the worker builds it for every tile of every snapshot)."""
    import numpy as np  # here, not at the top: importing the reader (a wall) loads no numpy by itself
    per_day = int(86400 // history.step_s)
    values = np.asarray(history.values, dtype=float)
    n = len(values)
    idx = np.arange(n - min(per_day, n), n)
    back = [d * per_day for d in range(1, days + 1)]
    if fallback:
        step = history.step_s
        back += list(range(int(FALLBACK_LAG_H * 3600 // step), int(FALLBACK_FROM_H * 3600 // step) + 1))
    offsets = np.asarray(back, dtype=int)
    at = idx[:, None] - offsets[None, :]
    first = 0
    if known_since is not None:
        first = max(0, -(-int((known_since - history.start).total_seconds()) // history.step_s))
    candidates = np.where(at >= first, values[np.maximum(at, 0)], np.nan)
    known_days = np.sum(at[:, :days] >= first, axis=1)
    if fallback:  # the same day's hours only where fewer than two earlier days are known
        candidates[:, days:][known_days >= 2] = np.nan
    count = np.sum(~np.isnan(candidates), axis=1)
    low = np.zeros(len(idx))
    high = np.zeros(len(idx))
    some = count >= 2
    if some.any():
        known = candidates[some]
        low[some] = np.maximum(0.0, _row_quantile(np, known, count[some], 0.25))
        high[some] = _row_quantile(np, known, count[some], 0.75)
    one = count == 1
    if one.any():
        low[one] = high[one] = np.nanmax(candidates[one], axis=1)
    return tuple(float(v) for v in low), tuple(float(v) for v in high)


def _row_quantile(np: Any, rows: Any, known: Any, q: float) -> Any:
    """Per row, the ``q`` quantile of its ``known`` non-NaN values, exactly as
    ``np.nanpercentile(rows, 100 * q, axis=1, method="linear")`` (numpy's own linear interpolation),
    for all rows at once: nanpercentile walks a 2-D array a row at a time in Python (4 ms a topic,
    most of a reading wall's snapshot at 10 million stored mentions)."""
    ordered = np.sort(rows, axis=1)  # NaN sorts last: each row's known values come first
    index = (known - 1) * q
    below = np.floor(index).astype(np.intp)
    above = np.minimum(below + 1, known - 1)
    gamma = index - below
    at = np.arange(len(ordered))
    a, b = ordered[at, below], ordered[at, above]
    diff = b - a
    return np.where(gamma >= 0.5, b - diff * (1 - gamma), a + diff * gamma)


def _urgency(tp: Topic, alerted: set[str]) -> tuple[bool, float, float, int]:
    """The overview's order: alerted first, then negative volume, volume, size."""
    return (str(tp.id) not in alerted, -(tp.per_hour * tp.share_negative), -tp.per_hour, -tp.size)


class SnapshotBuilder:
    """Turns live topics (labels and terms as shown) and counts into a WallSnapshot; cheap enough to call
    every few seconds."""

    def __init__(self, store: Store, *, max_topics: int = 6) -> None:
        self.store = store
        self.max_topics = max_topics
        #: names of the configured searches (the Pipeline sets them)
        self.searches: tuple[str, ...] = ()
        #: build one page per search (``display.rotation``)
        self.per_search = False
        self._topic_search_cache: dict[int, tuple[datetime, tuple[str, ...]]] = {}
        #: the members of each event so far, by its alert's id: they stay while the alert lasts
        self._joined: dict[str, set[int]] = {}
        self.order = TileOrder()
        #: the database sums a topic's minutes into the buckets the wall draws (off: the builder sums
        #: the week's minutes itself, as before issue 16; the same snapshot, kept to compare)
        self.bucketed = True

    def _count_reads(self, keys: Sequence[str], now: datetime, start: datetime,
                     end: datetime) -> dict[str, list[tuple[int, int, int]]]:
        """The count rows the tiles of ``keys`` are cut from, in one read: the normal band's week and the
        sparkline's day in SPARK_STEP_S buckets summed by the database, the last two hours per minute
        (the raw minutes of the whole week when ``bucketed`` is off or the two grids differ)."""
        hist_start = start - timedelta(days=BASELINE_DAYS)
        first, last = bucket_range(hist_start, end, SPARK_STEP_S)
        last = max(last, bucket_range(now, now, 60)[1])
        if not self.bucketed or (bucket_range(start, end, SPARK_STEP_S)[0] - first) % SPARK_STEP_S:
            return {key: self.store.count_rows("topic", key, first, last) for key in keys}
        fine_from = bucket_range(now - timedelta(hours=2), now, 60)[0]
        return self.store.bucketed_count_rows("topic", keys, first, last, SPARK_STEP_S, fine_from)

    def _topic(self, t: TopicState, now: datetime, start: datetime, end: datetime,
               read: Mapping[str, list[tuple[int, int, int]]] | None = None) -> Topic:
        key = str(t.id)
        hist_start = start - timedelta(days=BASELINE_DAYS)
        # one read of the topic's counts, cut three ways (a round trip to a busy server costs more
        # than the cutting): the normal band's week, the sparkline's day, the last two hours
        if read is None:
            read = self._count_reads([key], now, start, end)
        rows = read.get(key, [])
        total_hist, _ = series_of(rows, hist_start, end, SPARK_STEP_S)
        total, negative = series_of(rows, start, end, SPARK_STEP_S)
        low, high = normal_band(total_hist, BASELINE_DAYS, fallback=True, known_since=t.first_seen)
        minute_total, _ = series_of(rows, now - timedelta(hours=2), now, 60)
        last_hour = sum(minute_total.values[-60:])
        hour_before = sum(minute_total.values[-120:-60])
        trend = 0
        if last_hour > max(hour_before * 1.25, hour_before + 2):
            trend = 1
        elif last_hour < min(hour_before * 0.8, hour_before - 2):
            trend = -1
        size = max(t.size, 1)
        return Topic(
            id=t.id, label=t.label, terms=t.terms,
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
        # which topics go on which pages first (that depends on the searches alone), then the counts
        # of those not built yet in one read
        filled: dict[str, int] = dict.fromkeys(self.searches, 0)
        placed: list[tuple[TopicState, list[str]]] = []
        for state in topics[:PAGE_POOL]:
            wanting = [n for n in self._searches_of(state.id, now)
                       if n in filled and filled[n] < self.max_topics * 3]
            if not wanting:
                if all(v >= self.max_topics * 3 for v in filled.values()):
                    break
                continue
            placed.append((state, wanting))
            for name in wanting:
                filled[name] += 1
        missing = list(dict.fromkeys(str(state.id) for state, _ in placed if state.id not in ready))
        read = self._count_reads(missing, now, start, end) if missing else {}
        pages: dict[str, list[Topic]] = {name: [] for name in self.searches}
        for state, wanting in placed:
            topic = ready.get(state.id) or self._topic(state, now, start, end, read)
            ready[state.id] = topic
            for name in wanting:
                pages[name].append(topic)
        live = {t.id for t in topics}
        self._topic_search_cache = {k: v for k, v in self._topic_search_cache.items() if k in live}
        order = {name: sorted(found, key=lambda tp: _urgency(tp, alerted)) for name, found in pages.items()}
        return tuple(SearchPage(name, tuple(found[:self.max_topics])) for name, found in order.items())

    def build(self, now: datetime, wall_name: str, topics: Sequence[TopicState],
              health: Sequence[SourceHealth], *, demo: bool = False,
              notices: tuple[tuple[str, str], ...] = (), focus: str | None = None) -> WallSnapshot:
        """The snapshot at ``now``; ``focus`` (a topic id or words of its name, "" for the default) puts
        that event's crisis view first (``LookupError`` when nothing matches)."""
        start, end = _window(now, SPARK_STEP_S)
        alerts = tuple(self.store.active_alerts())
        alerted = {a.key for a in alerts if a.scope is AlertScope.TOPIC}
        shown = self.order.shown()  # the tiles on the wall stay candidates, however small they became
        # an event's fragments are looked for among at least 18 topics, also on a wall of few tiles
        first = max(self.max_topics, EVENT_POOL) * 3
        pool = list(topics[:first]) + [t for t in topics[first:] if t.id in shown]
        read = self._count_reads([str(t.id) for t in pool], now, start, end)  # one statement for all
        candidates = [self._topic(t, now, start, end, read) for t in pool]
        events = anchor_wide_alert(alerts, candidates)  # the snapshot keeps the alerts as they are
        alerted |= {str(a.topic_id) for a in event_anchors(events)}
        anchors = event_anchors(events)
        live = {a.alert.id: a.topic_id for a in anchors if a.alert is not None}
        self._joined = {k: v for k, v in self._joined.items() if k in live}
        candidates = group_events(candidates, anchors,
                                  {live[k]: members for k, members in sorted(self._joined.items())})
        for t in candidates:
            alert_id = next((k for k, tid in live.items() if tid == t.id), None)
            if alert_id is not None:
                self._joined.setdefault(alert_id, set()).update(s.topic_id for s in t.substories)
        chosen = self.order.arrange(candidates, frozenset(alerted), now, self.max_topics)
        crises = self._crises(chosen, events, now)
        if focus is not None:
            crises = self._focus(focus, chosen, candidates, events, crises, now)
        total, negative = self.store.counts("wall", "wall", start, end, SPARK_STEP_S)
        minute_total, _ = self.store.counts("wall", "wall", now - timedelta(hours=1), now, 60)
        latest = tuple(self.store.latest_mentions(LATEST))
        return WallSnapshot(
            created=now, wall_name=wall_name, topics=chosen, latest=latest,
            reply_parents=reply_parents(self.store, latest), alerts=alerts, health=tuple(health),
            newest_data=self.store.newest_published(), demo=demo, total=total, negative=negative,
            mentions_last_hour=int(sum(minute_total.values)), notices=notices, crises=crises,
            searches=self.searches,
            search_pages=self.search_pages(topics, candidates, alerted, now, start, end) if self.per_search
            else (),
        )

    def _crises(self, chosen: Sequence[Topic], alerts: Sequence[SpikeAlert],
                now: datetime) -> tuple[CrisisDetail, ...]:
        """The crisis view's data of each shown event with an active topic alert, most severe first."""
        from newsroom.pipeline.crisis import crisis_detail

        by_key = {str(a.topic_id): a.alert for a in event_anchors(alerts) if a.alert is not None}
        shown = [(by_key[str(t.id)], t) for t in chosen if str(t.id) in by_key]
        shown.sort(key=lambda at: (-at[0].severity, at[0].started, at[1].id))
        return tuple(crisis_detail(self.store, t, a, now) for a, t in shown)

    def _focus(self, focus: str, chosen: Sequence[Topic], candidates: Sequence[Topic],
               alerts: Sequence[SpikeAlert], crises: tuple[CrisisDetail, ...],
               now: datetime) -> tuple[CrisisDetail, ...]:
        """``crises`` with the event ``focus`` names first (the most severe, else the first tile, for "")."""
        from newsroom.pipeline.crisis import crisis_detail

        topic = find_topic(focus, [*chosen, *candidates])
        if topic is None:
            if focus.strip():
                names = ", ".join(f"{t.id} ({t.label})" for t in chosen) or "none yet"
                raise LookupError(f"no topic on the wall matches {focus!r}; the topics now: {names}")
            if crises or not chosen:
                return crises
            topic = chosen[0]
        rest = tuple(c for c in crises if c.topic_id != topic.id)
        alert = next((a.alert for a in event_anchors(alerts) if a.topic_id == topic.id), None)
        return (crisis_detail(self.store, topic, alert, now), *rest)


def event_anchors(alerts: Sequence[SpikeAlert]) -> list[EventAnchor]:
    """The topics of active topic alerts, most severe first, as events' anchors."""
    active = [a for a in alerts if a.scope is AlertScope.TOPIC and a.state is not AlertState.RESOLVED
              and a.key.isdigit()]
    active.sort(key=lambda a: (-a.severity, a.started, a.key))
    return [EventAnchor(int(a.key), a.started, a) for a in active]


def anchor_wide_alert(alerts: tuple[SpikeAlert, ...], topics: Sequence[Topic]) -> tuple[SpikeAlert, ...]:
    """When only a wall or search alert is active (a crisis told in fragments too small to alert on
    their own), its event is anchored on the topic with the most negative mentions since it started:
    returned as an extra topic-scope copy of that alert (same id, so acknowledging it is the same)."""
    active = [a for a in alerts if a.state is not AlertState.RESOLVED]
    if not active or any(a.scope is AlertScope.TOPIC for a in active) or not topics:
        return alerts
    wide = min(active, key=lambda a: (-a.severity, a.started, a.id))

    def negative_since(t: Topic) -> float:
        offset = int((wide.started - t.negative.start).total_seconds() // t.negative.step_s)
        return sum(t.negative.values[max(offset, 0):])

    best = max(topics, key=lambda t: (negative_since(t), -t.id))
    if negative_since(best) < MIN_RECENT:
        return alerts
    return (*alerts, replace(wide, scope=AlertScope.TOPIC, key=str(best.id)))


def find_topic(query: str, topics: Sequence[Topic]) -> Topic | None:
    """The topic ``query`` names: its id, or words all found in its name or a sub-story's name (the
    event holding that sub-story); the first match in ``topics`` order."""
    text = query.strip().lower()
    if not text:
        return None
    if text.isdigit():
        tid = int(text)
        return next((t for t in topics if t.id == tid or any(s.topic_id == tid for s in t.substories)),
                    None)
    words = text.split()
    for t in topics:
        names = [t.label, *(s.label for s in t.substories)]
        if any(all(w in name.lower() for w in words) for name in names):
            return t
    return None
