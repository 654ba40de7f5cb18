"""The database sums a topic's minutes into the buckets the wall draws (``Store.bucketed_count_rows``):
a reading wall's snapshot is the one the builder made from the raw minutes (``SnapshotBuilder.bucketed``
off), on a real SQLite file and a real PostgreSQL database, with counts over a week that spans the
summer-time changes, partial buckets at both ends, empty minutes, near-duplicates (stored, not counted)
and topics moved by a merge; wall clocks in UTC and in Brussels time."""

from __future__ import annotations

import random
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from newsroom.domain import (
    AlertScope,
    AlertState,
    Mention,
    Polarity,
    Sentiment,
    SpikeAlert,
    TermWeight,
    TopicState,
)
from newsroom.pipeline.reader import SnapshotReader
from newsroom.store import Store
from newsroom.store import store as store_module
from newsroom.store.buckets import bucket_range, series_of

BRUSSELS = ZoneInfo("Europe/Brussels")
NEG = Sentiment(Polarity.NEGATIVE, -0.6, 0.9)
POS = Sentiment(Polarity.POSITIVE, 0.5, 0.9)
SEARCHES = ("Kanaalweg", "Lindeveld", "Stationsstraat")
#: summer time began 2026-03-29 01:00 UTC and ends 2026-10-25 01:00 UTC in Brussels
NOWS = (
    datetime(2026, 3, 29, 3, 7, 23, tzinfo=BRUSSELS),     # an hour after the clocks went forward
    datetime(2026, 4, 2, 14, 0, tzinfo=BRUSSELS),         # the week before holds the change
    datetime(2026, 10, 25, 2, 31, 59, tzinfo=BRUSSELS),   # the repeated hour (first time round)
    datetime(2026, 10, 25, 2, 31, 59, fold=1, tzinfo=BRUSSELS),
    datetime(2026, 10, 27, 9, 50, tzinfo=UTC),            # on a bucket's edge
    datetime(2026, 10, 27, 9, 59, 59, 999_000, tzinfo=UTC),
)


def _mentions(now: datetime, rng: random.Random, prefix: str) -> list[Mention]:
    """Counts of 14 topics over the nine days before ``now`` (and a little after): sparse minutes, dense
    bursts, the minutes around two hours ago (where the wall's per-minute reading starts) and around
    bucket edges, copies that are not counted."""
    base = now.astimezone(UTC)
    offsets: list[float] = []
    offsets += [rng.uniform(-9 * 86400, 0) for _ in range(500)]         # anywhere in the nine days
    offsets += [rng.uniform(-3 * 3600, 0) for _ in range(250)]          # a burst in the last hours
    offsets += [-7200 + rng.uniform(-180, 180) for _ in range(80)]      # across the per-minute start
    offsets += [-86400 * d + rng.uniform(-90, 90) for d in range(1, 9) for _ in range(8)]  # the edges
    offsets += [rng.uniform(0, 300) for _ in range(10)]                 # just after now
    found = []
    for i, off in enumerate(offsets):
        topic = 1 + min(13, int(rng.expovariate(0.35)))
        found.append(Mention(
            id=f"{prefix}:{i}", source="rss", text=f"bericht {i}", published=base + timedelta(seconds=off),
            url=f"https://krant.example/{prefix}/{i}", canonical_url=f"https://krant.example/{prefix}/{i}",
            searches=(SEARCHES[i % 3],), sentiment=NEG if rng.random() < 0.35 else POS, topic=topic,
            duplicate_of=f"{prefix}:{i - 1}" if i and rng.random() < 0.05 else None))
    return found


def _summaries(now: datetime) -> list[TopicState]:
    terms = (TermWeight("brug", 1.0, -0.2), TermWeight("dicht", 0.5, -0.4))
    return [TopicState(id=tid, label=f"onderwerp {tid}", terms=terms, size=200 - 10 * tid, negative=40,
                       first_seen=now - timedelta(days=3 if tid % 2 else 9), last_seen=now,
                       representative_ids=()) for tid in range(1, 16)]


def _fill(store: Store, now: datetime, seed: int) -> None:
    rng = random.Random(seed)
    store.add_mentions(_mentions(now, rng, f"s{seed}"))
    store.merge_topics(13, 12)  # moved counts leave emptied minutes behind
    store.save_topic_summaries(_summaries(now), now)
    store.save_alert(SpikeAlert(
        id="a-3", scope=AlertScope.TOPIC, key="3", title="onderwerp 3", state=AlertState.ONGOING, severity=3,
        started=now - timedelta(hours=2), updated=now - timedelta(minutes=4), window_min=30, observed=40,
        expected=8.0, spread=3.0, score=0.98, top_terms=("brug",)))


@pytest.mark.parametrize("now", NOWS, ids=lambda n: n.isoformat() + ("/fold" if n.fold else ""))
def test_the_bucketed_snapshot_is_the_one_made_from_the_minutes(any_store: Store, now: datetime) -> None:
    _fill(any_store, now, seed=NOWS.index(now))
    for tiles, pages in ((6, False), (12, True)):
        readers = [SnapshotReader(any_store, wall_name="Lindeveld", max_topics=tiles, searches=SEARCHES,
                                  per_search=pages, clock=lambda: now) for _ in range(2)]
        readers[1]._builder.bucketed = False  # the builder sums the week's raw minutes, as before
        for _ in range(2):  # the second snapshot: the tiles' order as kept from the first
            new, old = (r.snapshot() for r in readers)
            assert len(new.topics) >= 5 and new.crises
            assert sum(sum(t.volume.values) for t in new.topics) > 0
            assert any(sum(t.baseline_high) > 0 for t in new.topics)
            assert any(t.per_hour > 0 for t in new.topics)
            assert [t.volume for t in new.topics] == [t.volume for t in old.topics]
            assert [(t.baseline_low, t.baseline_high) for t in new.topics] == \
                [(t.baseline_low, t.baseline_high) for t in old.topics]
            assert new == old
            if pages:
                assert any(p.topics for p in new.search_pages)


def test_bucketed_rows_give_every_aligned_series_the_raw_minutes_give(any_store: Store,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    now = datetime(2026, 10, 27, 9, 43, 17, tzinfo=UTC)
    _fill(any_store, now, seed=11)
    monkeypatch.setattr(store_module, "KEYS_PER_READ", 4)  # several statements for the 16 keys
    keys = [str(k) for k in range(16)]  # 0, 13 and 15 have no counts (13 was merged away)
    first, last = bucket_range(now - timedelta(days=8, hours=1), now + timedelta(minutes=20), 600)
    fine_from = bucket_range(now - timedelta(hours=2), now, 60)[0]
    read = any_store.bucketed_count_rows("topic", [*keys, "3"], first, last, 600, fine_from)
    assert sorted(read) == sorted([str(k) for k in range(1, 13)] + ["14"])
    raw = {k: any_store.count_rows("topic", k, first, last) for k in keys}
    assert sum(len(v) for v in read.values()) < sum(len(v) for v in raw.values())
    on_grid = [datetime.fromtimestamp(first + 600 * k, UTC) for k in (0, 1, 1007, 1150)]
    windows = [(since, until, 600) for since in on_grid for until in (now, now + timedelta(minutes=20))]
    windows += [(now - timedelta(hours=2), now, 60), (now - timedelta(minutes=61, seconds=30), now, 60),
                (now - timedelta(hours=1), now + timedelta(minutes=5), 60)]
    for key in keys:
        for since, until, step in windows:
            assert series_of(read.get(key, []), since, until, step) == series_of(raw[key], since, until, step)
    # the wall's own series (Store.counts sums in the database too) against the raw minutes
    for since, step in ((now - timedelta(hours=24), 600), (now - timedelta(hours=1), 60),
                        (now - timedelta(days=3, minutes=7), 3600)):
        start, end = bucket_range(since, now, step)
        assert any_store.counts("wall", "wall", since, now, step) == \
            series_of(any_store.count_rows("wall", "wall", start, end), since, now, step)
        assert sum(any_store.counts("topic", "2", since, now, step)[0].values) > 0


def test_the_tiles_counts_are_one_statement_not_one_per_tile(tmp_path: Path) -> None:
    now = datetime(2026, 10, 27, 9, 43, 17, tzinfo=UTC)
    with Store.open(tmp_path / "s.sqlite3") as store:
        _fill(store, now, seed=3)
        issued: dict[bool, list[str]] = {}
        for bucketed in (False, True):
            reader = SnapshotReader(store, wall_name="Lindeveld", max_topics=6, searches=SEARCHES,
                                    clock=lambda: now)
            reader._builder.bucketed = bucketed
            seen: list[str] = []
            store._sqlite().set_trace_callback(seen.append)
            try:
                reader.snapshot()
            finally:
                store._sqlite().set_trace_callback(None)
            issued[bucketed] = [sql for sql in seen if "FROM counts WHERE scope = 'topic'" in sql]
        tiles = [sql for sql in issued[False] if sql.startswith("SELECT minute, total, negative")]
        assert len(tiles) >= 14  # the raw minutes: a read per candidate tile
        many = [sql for sql in issued[True] if re.search(r"key IN \('[^)]*', '", sql)]
        assert len(many) == 1 and not any(sql.startswith("SELECT minute, total") for sql in issued[True])
        assert len(issued[True]) == len(issued[False]) - len(tiles) + 1  # the crisis view's own reads stay
