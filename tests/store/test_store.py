"""The store on both engines (a real SQLite file, a real PostgreSQL database): dedupe, counts, topics,
retention, alerts, reopen; SQLite's own WAL mode, migration and recovery."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from newsroom.domain import (
    AlertScope,
    AlertState,
    Mention,
    Polarity,
    Sentiment,
    SourceHealth,
    SpikeAlert,
)
from newsroom.sources.base import SourceState
from newsroom.store import Store, open_store
from newsroom.store.schema import SCHEMA_VERSION

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
NEG = Sentiment(Polarity.NEGATIVE, -0.7, 0.9)
POS = Sentiment(Polarity.POSITIVE, 0.6, 0.9)


def mention(i: int, *, minute: int = 0, url: str = "", neg: bool = False, topic: int | None = None,
            dup: str | None = None) -> Mention:
    return Mention(id=f"t:{i}", source="rss", text=f"bericht {i}", published=T0 + timedelta(minutes=minute),
                   url=url, canonical_url=url, searches=("Kanaalweg",), sentiment=NEG if neg else POS,
                   topic=topic, duplicate_of=dup)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "data" / "store.sqlite3")
    yield s
    s.close()


def test_wal_mode_and_schema_version(store: Store) -> None:
    mode = store._db.execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    assert store.schema_version == SCHEMA_VERSION


def test_dedupes_on_id_and_canonical_url(any_store: Store) -> None:
    assert any_store.add_mentions([mention(1, url="https://a.be/x"), mention(2, url="https://a.be/y")]) == 2
    again = [mention(1, url="https://a.be/other"), mention(3, url="https://a.be/x"), mention(4)]
    assert [m.id for m in any_store.filter_new(again)] == ["t:4"]
    assert any_store.add_mentions(again) == 1
    assert any_store.mention_count() == 3


def test_duplicates_inside_one_batch_count_once(any_store: Store) -> None:
    assert any_store.add_mentions([mention(1, url="https://a.be/x"), mention(2, url="https://a.be/x")]) == 1


def test_minute_counts_per_scope_with_negatives(any_store: Store) -> None:
    any_store.add_mentions([mention(1, minute=0, neg=True, topic=7), mention(2, minute=0, topic=7),
                            mention(3, minute=2, neg=True, topic=8)])
    total, negative = any_store.counts("wall", "wall", T0, T0 + timedelta(minutes=3))
    assert total.values == (2, 0, 1)
    assert negative.values == (1, 0, 1)
    total, negative = any_store.counts("topic", "7", T0, T0 + timedelta(minutes=3))
    assert (total.values, negative.values) == ((2, 0, 0), (1, 0, 0))
    total, _ = any_store.counts("search", "Kanaalweg", T0, T0 + timedelta(minutes=4), step_s=120)
    assert total.values == (2, 1)


def test_near_duplicate_copies_are_stored_but_not_counted(any_store: Store) -> None:
    any_store.add_mentions([mention(1, neg=True), mention(2, neg=True, dup="t:1")])
    total, negative = any_store.counts("wall", "wall", T0, T0 + timedelta(minutes=1))
    assert (total.values, negative.values) == ((1,), (1,))
    assert any_store.mention_count() == 2
    assert [m.id for m in any_store.latest_mentions(5)] == ["t:1"]


def test_topic_reassignment_and_merge_move_counts(any_store: Store) -> None:
    any_store.add_mentions([mention(1, neg=True, topic=1), mention(2, topic=1), mention(3, topic=2)])
    any_store.merge_topics(1, 2)
    t1, _ = any_store.counts("topic", "1", T0, T0 + timedelta(minutes=1))
    t2, n2 = any_store.counts("topic", "2", T0, T0 + timedelta(minutes=1))
    assert (t1.values, t2.values, n2.values) == ((0,), (3,), (1,))
    assert {m.topic for m in any_store.get_mentions(["t:1", "t:2", "t:3"])} == {2}


def test_retention_really_deletes(any_store: Store) -> None:
    any_store.add_mentions([mention(1, minute=0), mention(2, minute=60 * 24 * 10)])
    now = T0 + timedelta(days=10)
    deleted = any_store.apply_retention(now, days=5)
    assert deleted >= 2  # one mention and its counts
    assert [m.id for m in any_store.mentions_since(T0 - timedelta(days=1))] == ["t:2"]
    total, _ = any_store.counts("wall", "wall", T0, T0 + timedelta(minutes=1))
    assert total.values == (0,)


def test_reopen_after_close_keeps_everything(store_location: str | Path) -> None:
    path = store_location
    with open_store(path) as s:
        s.add_mentions([mention(1, neg=True)])
        s.save_source_state("rss", "Kanaalweg", SourceState({"etag": '"abc"'}, T0))
        s.save_health(SourceHealth("rss", "RSS", last_success=T0, items_last_poll=4))
    with open_store(path) as s, s.reopen(read_only=True) as again:
        assert again.engine == s.engine and again.location == s.location
        assert again.get_mentions(["t:1"])[0].sentiment == NEG
        assert s.load_source_state("rss", "Kanaalweg") == SourceState({"etag": '"abc"'}, T0)
        assert s.load_health()[0].items_last_poll == 4


def test_alerts_survive_and_acknowledge(store_location: str | Path) -> None:
    path = store_location
    alert = SpikeAlert(id="a1", scope=AlertScope.TOPIC, key="3", title="Storm", state=AlertState.RAISED,
                       severity=4, started=T0, updated=T0, window_min=30, observed=48, expected=3.0,
                       spread=2.0, score=0.97, top_terms=("storm",), mention_ids=("t:1",))
    with open_store(path) as s:
        s.save_alert(alert)
    with open_store(path) as s:
        assert s.active_alerts() == [alert]
        acked = s.acknowledge_alert("a1", "Els", T0 + timedelta(minutes=3))
        assert acked is not None and acked.acknowledged_by == "Els"
        assert s.acknowledge_alert("nope", "Els", T0) is None
        s.save_alert(replace(acked, state=AlertState.RESOLVED))
        assert s.active_alerts() == []


def test_migrates_a_version_1_store(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    from newsroom.store.schema import MIGRATIONS

    MIGRATIONS[1](db)
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO mentions (id, source, text, published) VALUES ('old:1', 'rss', 'oud', 1)")
    db.commit()
    db.close()
    with Store.open(path) as s:
        assert s.schema_version == SCHEMA_VERSION
        assert s.get_mentions(["old:1"])[0].duplicate_of is None


def test_refuses_a_store_from_a_newer_version(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(RuntimeError, match="newer"):
        Store.open(path)


def test_a_damaged_store_is_kept_aside_and_a_new_one_started(tmp_path: Path) -> None:
    path = tmp_path / "newsroom.sqlite3"
    path.write_bytes(b"not a database" * 200)
    store, kept = Store.open_or_recover(path)
    with store:
        assert store.mention_count() == 0
    assert kept is not None and kept.read_bytes() == b"not a database" * 200  # nothing deleted
    again, none = Store.open_or_recover(path)
    again.close()
    assert none is None


def test_retention_forgets_sources_and_searches_no_longer_configured(any_store: Store) -> None:
    for source, search in (("rss", "Kanaalweg"), ("gdelt", "Kanaalweg"), ("rss", "Markt")):
        any_store.save_source_state(source, search, SourceState({"n": 1}, T0))
        any_store.save_health(SourceHealth(source, source.upper(), last_success=T0))
    assert any_store.apply_retention(T0, days=5, sources=["rss"], searches=["Kanaalweg"]) == 3
    assert [h.source for h in any_store.load_health()] == ["rss"]
    assert any_store.load_source_state("rss", "Markt") == SourceState()
    assert any_store.load_source_state("rss", "Kanaalweg") == SourceState({"n": 1}, T0)
    assert any_store.apply_retention(T0, days=5, sources=[], searches=[]) == 2  # nothing configured
    assert any_store.load_health() == []


def test_the_newest_mentions_of_topics_newest_first_across_topics(any_store: Store) -> None:
    """Each topic is read from its newest back (an index, not the whole topic); together they are the
    newest first, ties in the order stored, copies left out, only the label asked for."""
    rows = [mention(1, minute=1, topic=7, neg=True), mention(2, minute=5, topic=8, neg=True),
            mention(3, minute=5, topic=7, neg=True), mention(4, minute=9, topic=7),
            mention(5, minute=3, topic=8, neg=True, dup="t:2"), mention(6, minute=4, topic=9, neg=True),
            mention(7, minute=2, topic=8, neg=True)]
    any_store.add_mentions(rows)
    newest = any_store.latest_of_topics([8, 7, 7], 10, label="negative")
    assert [m.id for m in newest] == ["t:3", "t:2", "t:7", "t:1"]  # t:3 stored after t:2, same minute
    assert [m.id for m in any_store.latest_of_topics([7, 8], 2)] == ["t:4", "t:3"]
    assert any_store.latest_of_topics([], 5) == []


def test_one_read_of_a_topic_s_minutes_cut_three_ways_is_what_three_reads_give(any_store: Store) -> None:
    """The wall reads a topic's minutes once and cuts its week, day and last two hours from them."""
    from newsroom.store.buckets import bucket_range, series_of

    any_store.add_mentions([mention(i, minute=(i * 37) % 3000, topic=5, neg=i % 3 == 0) for i in range(400)])
    now = T0 + timedelta(minutes=2999, seconds=17)
    rows = any_store.count_rows("topic", "5", *bucket_range(T0 - timedelta(days=2), now, 600))
    for since, step in ((T0 - timedelta(days=2), 600), (now - timedelta(hours=24), 600),
                        (now - timedelta(hours=2), 60)):
        assert series_of(rows, since, now, step) == any_store.counts("topic", "5", since, now, step)
    total, _ = any_store.counts("topic", "5", now - timedelta(hours=2), now, 60)
    assert sum(total.values) > 0
