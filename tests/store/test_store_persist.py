"""What the store keeps across restarts and upgrades: the v2 -> v3 migration (backup first, nothing
lost), topic ids reserved in blocks, the delivery log, housekeeping (touched counts only, weekly
optimise and incremental vacuum) and a newer store left untouched."""

from __future__ import annotations

import sqlite3
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
from newsroom.store.deliveries import DeliveryLog, DeliveryRecord, Outcome
from newsroom.store.schema import MIGRATIONS, SCHEMA_VERSION, NewerSchemaError
from newsroom.store.topic_ids import HIGH_KEY, TopicIds

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
NEG = Sentiment(Polarity.NEGATIVE, -0.7, 0.9)
V2_TABLES = ("mentions", "counts", "source_state", "source_health", "alerts")


def mention(i: int, *, topic: int | None = None, minute: int = 0, text: str = "") -> Mention:
    return Mention(id=f"t:{i}", source="rss", text=text or f"bericht {i}", searches=("Kanaalweg",),
                   published=T0 + timedelta(minutes=minute), sentiment=NEG, topic=topic,
                   url=f"https://a.be/{i}", canonical_url=f"https://a.be/{i}")


def make_v2_store(path: Path) -> None:
    """A store as version 2 of the app wrote it: its schema steps, filled through the store's methods
    (which touch only the v2 tables)."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    for version in (1, 2):
        MIGRATIONS[version](db)
    db.execute("PRAGMA user_version = 2")
    old = Store(db, path)
    db.execute("ALTER TABLE mentions ADD COLUMN reply_to TEXT")  # the store writes the newest columns
    old.add_mentions([mention(1, topic=3), mention(2, topic=3, minute=1), mention(3, topic=41, minute=2)])
    db.execute("ALTER TABLE mentions DROP COLUMN reply_to")  # ... that v2 did not have
    old.save_source_state("rss", "Kanaalweg", SourceState({"etag": '"e1"'}, T0))
    old.save_health(SourceHealth("rss", "RSS", last_success=T0, items_last_poll=3))
    old.save_alert(SpikeAlert(id="a1", scope=AlertScope.TOPIC, key="41", title="Storm", state=AlertState.ONGOING,
                              severity=3, started=T0, updated=T0, window_min=30, observed=12, expected=1.0,
                              spread=1.0, score=0.9))
    db.close()  # a clean close leaves everything in the main file


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in V2_TABLES}
    finally:
        db.close()


def test_a_v2_store_is_backed_up_then_migrated_keeping_everything(tmp_path: Path) -> None:
    path = tmp_path / "newsroom.sqlite3"
    make_v2_store(path)
    before = dump(path)
    assert sum(len(rows) for rows in before.values()) > 5
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION == 7
        assert store.get_meta(HIGH_KEY) == "41"  # the highest topic id stored so far
        assert TopicIds(store)() == 42
        assert int(store._db.execute("PRAGMA auto_vacuum").fetchone()[0]) == 2  # incremental
        assert store.load_source_state("rss", "Kanaalweg") == SourceState({"etag": '"e1"'}, T0)
    after = dump(path)
    width = len(before["mentions"][0])
    assert {r[width:] for r in after["mentions"]} == {(None,)}  # v7's reply_to: none for the old rows
    assert {**after, "mentions": [r[:width] for r in after["mentions"]]} == before
    backups = sorted(tmp_path.glob("newsroom.sqlite3.v2-backup-*"))
    assert len(backups) == 1 and dump(backups[0]) == before
    db = sqlite3.connect(backups[0])
    assert db.execute("PRAGMA user_version").fetchone()[0] == 2
    db.close()
    with Store.open(path):  # no second backup once upgraded
        pass
    assert len(list(tmp_path.glob("newsroom.sqlite3.v2-backup-*"))) == 1


def test_a_newer_store_is_refused_in_a_sentence_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newsroom.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE future (x)")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 4}")
    db.commit()
    db.close()
    content = path.read_bytes()
    with pytest.raises(NewerSchemaError, match=rf"schema {SCHEMA_VERSION + 4}\); this version reads up to "
                                               rf"{SCHEMA_VERSION}: update the app or point --basedir"):
        Store.open(path)
    with pytest.raises(NewerSchemaError):
        Store.open_or_recover(path)  # not mistaken for a damaged file and moved aside
    assert path.read_bytes() == content and list(tmp_path.iterdir()) == [path]


def test_topic_ids_are_reserved_in_blocks_and_never_reused(store_location: str | Path) -> None:
    path = store_location
    with open_store(path) as store:
        ids = TopicIds(store, block=10)
        assert [ids() for _ in range(3)] == [1, 2, 3]
        assert store.get_meta(HIGH_KEY) == "10"  # one write for the block
        assert [ids() for _ in range(8)][-1] == 11 and store.get_meta(HIGH_KEY) == "20"
    with open_store(path) as store:  # a restart (or a kill) skips the rest of the block
        assert TopicIds(store, block=10)() == 21
        store.add_mentions([mention(1, topic=500)])  # a mark lower than a stored id never wins
        assert TopicIds(store, block=10)() == 501
    with pytest.raises(ValueError, match="block"):
        TopicIds(store, block=0)


def test_emptied_count_rows_go_and_only_the_keys_touched_are_looked_at(store_location: str | Path) -> None:
    with open_store(store_location) as store:
        store.add_mentions([mention(1, topic=1), mention(2, topic=1, minute=1)])
        store._db.execute("INSERT INTO counts VALUES ('search', 'elders', 0, 0, 0)")  # not ours to tidy
        store.set_topics({"t:1": 2, "t:2": 2})
        rows = store._db.execute("SELECT scope, key, minute, total FROM counts ORDER BY 1, 2, 3").fetchall()
        minute = int(T0.timestamp())
        assert ("topic", "1", minute, 0) not in rows and ("topic", "1", minute + 60, 0) not in rows
        assert ("topic", "2", minute, 1) in rows and ("search", "elders", 0, 0) in rows


def test_weekly_maintenance_gives_space_back(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with Store.open(path) as store:
        store.add_mentions([mention(i, minute=i, text="x" * 2000 + str(i)) for i in range(400)])
        store.apply_retention(T0 + timedelta(days=30), days=7)
        freed = int(store._db.execute("PRAGMA freelist_count").fetchone()[0])
        assert freed > 100
        now = T0 + timedelta(days=30)
        assert store.maintain(now)
        assert int(store._db.execute("PRAGMA freelist_count").fetchone()[0]) == 0
        assert not store.maintain(now + timedelta(days=6))  # once a week
        assert store.maintain(now + timedelta(days=7))
    pages = path.stat().st_size // 4096
    assert pages < 100  # the file shrank with the deleted mentions


def test_delivery_log_keeps_decisions_from_another_thread(store_location: str | Path) -> None:
    import threading

    path = store_location
    with open_store(path), DeliveryLog.open(path) as log:
        records = [DeliveryRecord("a1", "webhook", 3, "raised", T0, Outcome.SENT),
                   DeliveryRecord("a1", "email", 3, "raised", T0, Outcome.QUIET, "quiet hours")]
        worker = threading.Thread(target=lambda: [log.record(r) for r in records])
        worker.start()
        worker.join()
    with DeliveryLog.open(path) as log:
        assert log.since(T0) == records
        assert log.since(T0 + timedelta(seconds=1)) == []
        sending = log.record(DeliveryRecord("a2", "email", 4, "raised", T0, Outcome.SENDING))
        assert sending is not None
        log.settle(sending, Outcome.SENT, "250 OK")
        assert log.since(T0)[-1] == DeliveryRecord("a2", "email", 4, "raised", T0, Outcome.SENT, "250 OK")


def test_the_delivery_log_never_creates_a_store(tmp_path: Path) -> None:
    with pytest.raises(sqlite3.Error):
        DeliveryLog.open(tmp_path / "missing.sqlite3")  # never creates a store
    assert not (tmp_path / "missing.sqlite3").exists()


def test_a_store_that_cannot_be_opened_for_now_is_never_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "newsroom.sqlite3"
    path.mkdir()  # "unable to open database file": the file system's problem, not a damaged store
    with pytest.raises(sqlite3.OperationalError):
        Store.open_or_recover(path)
    assert path.is_dir() and list(tmp_path.iterdir()) == [path]
