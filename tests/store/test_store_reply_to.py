"""A reply's link to the post it answers (``Mention.reply_to``) is kept by the store: the schema step that
adds the column (an old SQLite file and an old PostgreSQL database upgrade without losing a row), the
round trip on both engines, the private SQLite copy and the JSONL record of ``import``/``collect``."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsroom.domain import Mention, mention_from_record, mention_to_record
from newsroom.store import Store, open_store, pg_schema
from newsroom.store.copy import copy_to_sqlite
from newsroom.store.pg_connect import connect
from newsroom.store.pg_connection import PgConnection
from newsroom.store.postgres import migrate as pg_migrate
from newsroom.store.schema import MIGRATIONS, SCHEMA_VERSION

T0 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
OLD = 6  # the schema before reply links


def post(i: int, reply_to: str | None = None) -> Mention:
    return Mention(id=f"mastodon:{i}", source="mastodon", text=f"bericht {i} over de brug",
                   published=T0 + timedelta(minutes=i), searches=("Kanaalweg",), reply_to=reply_to,
                   url=f"https://m.be/{i}", canonical_url=f"https://m.be/{i}")


def _old_rows(db: sqlite3.Connection) -> list[tuple[object, ...]]:
    return sorted(db.execute("SELECT id, text, published, searches FROM mentions").fetchall())


def test_an_old_sqlite_store_gets_the_column_and_keeps_every_row(tmp_path: Path) -> None:
    path = tmp_path / "newsroom.sqlite3"
    db = sqlite3.connect(path, isolation_level=None)
    for version in range(1, OLD + 1):
        MIGRATIONS[version](db)
    db.execute(f"PRAGMA user_version = {OLD}")
    db.executemany("INSERT INTO mentions (id, source, text, published, searches) VALUES (?, 'rss', ?, ?, ?)",
                   [(f"rss:{i}", f"oud bericht {i}", 1_700_000_000 + i, "Kanaalweg") for i in range(5)])
    before = _old_rows(db)
    db.close()
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION > OLD
        old = store.get_mentions([f"rss:{i}" for i in range(5)])
        assert len(old) == 5 and {m.reply_to for m in old} == {None}
        assert store.add_mentions([post(1), post(2, reply_to="mastodon:1")]) == 2
        assert store.get_mentions(["mastodon:2"])[0].reply_to == "mastodon:1"
    db = sqlite3.connect(path)
    assert [r for r in _old_rows(db) if str(r[0]).startswith("rss:")] == before
    assert db.execute("SELECT reply_to FROM mentions WHERE id = 'mastodon:2'").fetchone() == ("mastodon:1",)
    db.close()
    assert len(list(tmp_path.glob(f"newsroom.sqlite3.v{OLD}-backup-*"))) == 1


def test_reply_links_round_trip_on_both_engines(any_store: Store) -> None:
    replies = [post(1), post(2, reply_to="mastodon:1"), post(3, reply_to="mastodon:2")]
    assert any_store.add_mentions(replies) == 3
    got = {m.id: m.reply_to for m in any_store.get_mentions([m.id for m in replies])}
    assert got == {"mastodon:1": None, "mastodon:2": "mastodon:1", "mastodon:3": "mastodon:2"}
    assert [m.reply_to for m in any_store.mentions_since(T0)] == [None, "mastodon:1", "mastodon:2"]


def test_an_old_postgresql_database_gets_the_column_and_keeps_every_row(pg_url: str) -> None:
    db = PgConnection(connect(pg_url))
    try:
        pg_migrate(db, "test", target=OLD)
        db.execute("INSERT INTO mentions (id, source, text, published) VALUES ('rss:1', 'rss', 'oud', 1700000000)")
    finally:
        db.raw.close()
    with open_store(pg_url) as store:
        assert store.schema_version == pg_schema.SCHEMA_VERSION > OLD
        assert [(m.id, m.text, m.reply_to) for m in store.get_mentions(["rss:1"])] == [("rss:1", "oud", None)]
        store.add_mentions([post(1), post(2, reply_to="mastodon:1")])
        assert store.get_mentions(["mastodon:2"])[0].reply_to == "mastodon:1"


def test_the_private_sqlite_copy_keeps_reply_links(store_location: str | Path, tmp_path: Path) -> None:
    with open_store(store_location) as store:
        store.add_mentions([post(1), post(2, reply_to="mastodon:1")])
        with copy_to_sqlite(store, tmp_path / "copy.sqlite3", mentions_since=T0) as copy:
            assert {m.id: m.reply_to for m in copy.mentions_since(T0)} == {
                "mastodon:1": None, "mastodon:2": "mastodon:1"}


def test_the_jsonl_record_carries_reply_to_only_when_there_is_one() -> None:
    record = mention_to_record(post(2, reply_to="mastodon:1"))
    assert record["reply_to"] == "mastodon:1"
    assert mention_from_record(record).reply_to == "mastodon:1"
    assert "reply_to" not in mention_to_record(post(1))
    assert mention_from_record({"text": "geen antwoord"}).reply_to is None


def test_newsroom_import_keeps_the_reply_link(tmp_path: Path) -> None:
    from newsroom.cli import main

    data = tmp_path / "in.jsonl"
    data.write_text('{"id": "a:1", "text": "De brug aan de Kanaalweg is weer dicht"}\n'
                    '{"id": "a:2", "text": "Schandalig, al drie weken", "reply_to": "a:1"}\n', encoding="utf-8")
    assert main(["import", str(data), "--basedir", str(tmp_path)]) == 0
    with Store.open(tmp_path / "data" / "newsroom.sqlite3") as store:
        assert {m.id: m.reply_to for m in store.get_mentions(["a:1", "a:2"])} == {"a:1": None, "a:2": "a:1"}
