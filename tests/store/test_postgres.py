"""What only the PostgreSQL engine has, on the session's real throwaway server (tests/pg_cluster.py):
placeholder translation, connection errors in one sentence without the password, the keyring's password,
versioned migrations (concurrent starts, a newer schema refused), read-only sessions, LISTEN/NOTIFY and
advisory locks."""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest

from newsroom.domain import Mention
from newsroom.store import Store, StoreUnavailable, open_store, pg_schema, schema
from newsroom.store.opening import StoreReadOnly, hide_password, parse_location
from newsroom.store.pg_connection import translate
from newsroom.store.postgres import PgStore
from newsroom.store.schema import NewerSchemaError
from tests.pg_cluster import Cluster, database_of

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def test_locations_name_their_engine_and_hide_the_password(tmp_path: Path) -> None:
    assert parse_location(tmp_path / "s.sqlite3").engine == "sqlite"
    assert parse_location(str(tmp_path / "s.sqlite3")).path == tmp_path / "s.sqlite3"
    assert parse_location("sqlite:///var/lib/newsroom/s.sqlite3").path == Path("/var/lib/newsroom/s.sqlite3")
    for url in ("postgresql://wall:geheim@db.stad.be/newsroom", "postgres://wall:geheim@db/newsroom"):
        where = parse_location(url)
        assert where.engine == "postgresql" and "geheim" not in where.shown
    assert hide_password("postgresql://wall:geheim@db:5432/nr?password=ook&sslmode=require") == (
        "postgresql://wall:***@db:5432/nr?password=***&sslmode=require")
    with pytest.raises(StoreUnavailable, match="neither a file nor a postgresql:// URL"):
        parse_location("mysql://root:x@db/newsroom")


def test_placeholders_are_numbered_and_a_literal_percent_stays() -> None:
    assert translate("SELECT x FROM t WHERE a = ? AND b LIKE '10%' AND c IN (?, ?)") == (
        "SELECT x FROM t WHERE a = $1 AND b LIKE '10%' AND c IN ($2, $3)")


def test_many_rows_go_as_multi_row_inserts_and_other_statements_one_by_one(pg_url: str) -> None:
    with open_store(pg_url) as store:
        db = store._db
        db.execute("CREATE TABLE t (k BIGINT PRIMARY KEY, v TEXT)")
        db.executemany("INSERT INTO t (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v",
                       [(k, f"{k}%") for k in range(1234)])
        db.executemany("INSERT INTO t (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v",
                       [(5, "vyf"), (2000, "nieuw"), (5, "vijf")])  # a key twice: row by row, last wins
        db.executemany("UPDATE t SET v = ? WHERE k = ?", [("een", 1), ("twee", 2)])
        rows = dict(db.execute("SELECT k, v FROM t").fetchall())
        assert len(rows) == 1235 and rows[5] == "vijf" and rows[2000] == "nieuw" and rows[1233] == "1233%"
        assert (rows[1], rows[2]) == ("een", "twee")


def test_a_batch_sent_in_one_pipeline_stores_what_sqlite_stores(pg_url: str, tmp_path: Path) -> None:
    """add_mentions' multi-row chunks go in one pipeline: the same mentions and counts as SQLite's."""
    from datetime import timedelta

    from newsroom.domain import Polarity, Sentiment

    neg = Sentiment(Polarity.NEGATIVE, -0.5, 0.8)
    batch = [Mention(id=f"p:{i}", source="rss", text=f"bericht {i}" + ("\x00" if i == 7 else ""),
                     published=T0 + timedelta(seconds=37 * i), url=f"https://k.be/{i}",
                     canonical_url=f"https://k.be/{i}" if i % 5 else "", searches=("Kanaalweg",),
                     sentiment=neg if i % 3 == 0 else None, topic=1 + i % 4,
                     duplicate_of="p:0" if i % 11 == 10 else None) for i in range(450)]  # 3 chunks
    stored = []
    for location in (pg_url, tmp_path / "s.sqlite3"):
        with open_store(location) as store:
            assert store.add_mentions(batch) == 450
            assert store.add_mentions(batch[:300]) == 0
            got = store.get_mentions([m.id for m in batch])
            counts = [store.count_rows(scope, key, 0, 2**40)
                      for scope, key in (("wall", "wall"), ("topic", "1"), ("topic", "4"))]
            stored.append((sorted(got, key=lambda m: m.id), counts))
    pg, lite = stored
    assert pg[1] == lite[1] and sum(t for _, t, _ in pg[1][0]) == 450 - 40  # the copies are not counted
    assert [replace(m, text=m.text.replace("\x00", "\ufffd")) for m in lite[0]] == pg[0]


def test_ended_topics_names_are_kept_and_replaced_as_in_sqlite(pg_url: str, tmp_path: Path) -> None:
    """The stories pass's names of ended topics (schema 6): the newest name of a topic wins, on both engines."""
    seen = []
    for location in (pg_url, tmp_path / "names.sqlite3"):
        with open_store(location) as store:
            store.save_topic_names({7: "Brug Kanaalweg", 9: "Stormschade"}, at=T0)
            store.save_topic_names({7: "Brug Kanaalweg weer dicht"}, at=T0)
            seen.append(store.topic_names([9, 7, 12]))
    assert seen[0] == seen[1] == {7: "Brug Kanaalweg weer dicht", 9: "Stormschade"}


def test_a_failing_chunk_of_a_pipelined_insert_raises_and_rolls_back(pg_url: str) -> None:
    with open_store(pg_url) as store:
        db = store._db
        db.execute("CREATE TABLE t (k BIGINT PRIMARY KEY, v TEXT NOT NULL)")
        db.execute("BEGIN")
        with pytest.raises(psycopg.errors.NotNullViolation):
            db.executemany("INSERT INTO t (k, v) VALUES (?, ?)", [(k, None if k == 950 else "x")
                                                                   for k in range(1000)])
        db.execute("ROLLBACK")
        assert db.execute("SELECT COUNT(*) FROM t").fetchone() == (0,)
        db.executemany("INSERT INTO t (k, v) VALUES (?, ?)", [(k, "y") for k in range(500)])
        assert db.execute("SELECT COUNT(*), MIN(v) FROM t").fetchone() == (500, "y")


def test_a_literal_percent_and_a_nul_character_reach_the_server(pg_url: str) -> None:
    with open_store(pg_url) as store:
        assert store._db.execute("SELECT '100%' || ?", ("x",)).fetchone() == ("100%x",)
        store.add_mentions([Mention(id="nul:1", source="rss", text="voor\x00na", published=T0)])
        assert store.get_mentions(["nul:1"])[0].text == "voor\ufffdna"  # text cannot hold NUL: kept, marked


def test_the_schema_versions_of_both_engines_agree() -> None:
    assert pg_schema.SCHEMA_VERSION == schema.SCHEMA_VERSION  # port each SQLite step to pg_schema.STEPS


def test_two_stores_starting_at_once_migrate_an_empty_database_once(pg_url: str) -> None:
    opened: list[Store] = []
    errors: list[BaseException] = []

    def start() -> None:
        try:
            opened.append(open_store(pg_url))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(opened) == 3
    assert {s.schema_version for s in opened} == {pg_schema.SCHEMA_VERSION}
    assert opened[0].engine == "postgresql" and isinstance(opened[0], PgStore)
    for s in opened:
        s.close()


def test_a_newer_schema_is_refused_with_the_same_sentence(pg_url: str) -> None:
    with open_store(pg_url) as store:
        store._db.execute(f"UPDATE newsroom_schema SET version = {pg_schema.SCHEMA_VERSION + 2}")
    with pytest.raises(NewerSchemaError, match=r"newer Newsroom Wall \(schema \d+\); this version reads up to"):
        open_store(pg_url)
    with pytest.raises(NewerSchemaError):
        open_store(pg_url, read_only=True)


def test_read_only_needs_the_schema_and_never_writes(pg_url: str) -> None:
    with pytest.raises(StoreUnavailable, match="has no Newsroom tables yet; run the collector"):
        open_store(pg_url, read_only=True)
    with open_store(pg_url) as writer:
        writer.add_mentions([Mention(id="m:1", source="rss", text="Kanaalbrug dicht", published=T0)])
    with open_store(pg_url, read_only=True) as reader:
        assert [m.id for m in reader.latest_mentions(5)] == ["m:1"]
        with pytest.raises(StoreReadOnly):
            reader.set_meta("x", "y")


def _role(cluster: Cluster, name: str, password: str) -> None:
    cluster.admin(f"DROP ROLE IF EXISTS {name}")
    cluster.admin(f"CREATE ROLE {name} LOGIN PASSWORD '{password}'")


def test_connection_failures_are_one_sentence_without_the_password(pg_cluster: Cluster, pg_url: str,
                                                                   tmp_path: Path) -> None:
    database = database_of(pg_url)
    _role(pg_cluster, "muur", "juist-wachtwoord")
    pg_cluster.admin(f"GRANT ALL ON DATABASE {database} TO muur")
    wrong = pg_cluster.url(database, user="muur", password="fout-wachtwoord")
    with pytest.raises(StoreUnavailable) as refused:
        open_store(wrong)
    assert "refused the login of user muur" in str(refused.value)
    assert "newsroom secret set store.password" in str(refused.value)
    missing = pg_cluster.url("bestaat_niet")
    with pytest.raises(StoreUnavailable, match=r"the database bestaat_niet of the store .* does not exist"):
        open_store(missing)
    nowhere = f"postgresql://muur:fout-wachtwoord@/x?host={tmp_path}"
    with pytest.raises(StoreUnavailable, match=r"cannot be reached .*check that it runs"):
        open_store(nowhere)
    for exc in (refused.value,):
        assert "fout-wachtwoord" not in str(exc) and "\n" not in str(exc)


def test_the_password_comes_from_the_keyring_and_is_never_shown(pg_cluster: Cluster, pg_url: str,
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    database = database_of(pg_url)
    _role(pg_cluster, "verzamelaar", "s3cret-pw")
    pg_cluster.admin(f"GRANT ALL ON DATABASE {database} TO verzamelaar")
    pg_cluster.admin(f"ALTER DATABASE {database} OWNER TO verzamelaar")
    caplog.set_level(logging.DEBUG)
    with open_store(pg_cluster.url(database, user="verzamelaar", password="s3cret-pw")) as store:
        assert "s3cret-pw" not in store.location and "verzamelaar:***@" in store.location
    monkeypatch.setenv("NEWSROOM_SECRET_STORE_PASSWORD", "s3cret-pw")  # what the keyring would answer
    with open_store(pg_cluster.url(database, user="verzamelaar")) as store:
        assert store.schema_version == pg_schema.SCHEMA_VERSION
    assert "s3cret-pw" not in caplog.text


def test_a_bump_wakes_a_waiting_wall_through_notify(pg_url: str) -> None:
    with open_store(pg_url) as collector, open_store(pg_url) as wall:
        assert isinstance(collector, PgStore) and isinstance(wall, PgStore)
        assert wall.change_counter() == 0
        assert wall.wait_change(0, 0.2) == 0  # nothing changed: back after the timeout
        woke: list[int] = []
        waiter = threading.Thread(target=lambda: woke.append(wall.wait_change(0, 60)))
        waiter.start()
        collector.bump_change()
        waiter.join(timeout=60)
        assert woke == [1]
        collector.bump_change()
        assert wall.wait_change(1, 60) == 2  # a change before the call returns at once
        raw = psycopg.connect(pg_url, autocommit=True)
        raw.execute("LISTEN newsroom_change")
        collector.bump_change()
        assert [n.payload for n in raw.notifies(timeout=10, stop_after=1)] == ["3"]
        raw.close()


def test_a_lost_connection_is_a_sentence_and_the_store_opens_again(pg_cluster: Cluster, pg_url: str) -> None:
    store = open_store(pg_url)
    try:
        store.add_mentions([Mention(id="m:1", source="rss", text="Kanaalbrug dicht", published=T0)])
        assert isinstance(store, PgStore)
        pid = store._pg.raw.info.backend_pid
        pg_cluster.admin(f"SELECT pg_terminate_backend({pid})")  # the server goes away under the store
        with pytest.raises(StoreUnavailable, match=r"the connection to the store .* was lost"):
            store.mention_count()
        with store.reopen() as again:
            assert again.mention_count() == 1
    finally:
        store.close()


def test_statistics_are_refreshed_after_an_import_so_a_crisis_topic_is_read_by_its_index(pg_url: str) -> None:
    """After a bulk import the planner must know a topic is big: the crisis view's newest posts walk an
    index backwards instead of sorting the whole topic (the plan without fresh statistics)."""
    t0 = datetime(2026, 3, 1, tzinfo=UTC)
    with open_store(pg_url) as store:
        store.add_mentions([Mention(id=f"m{i}", source="rss", text=f"storm {i}", topic=3,
                                    published=datetime.fromtimestamp(t0.timestamp() + i, UTC))
                            for i in range(3000)])
        store.refresh_statistics()
        analysed = store._db.execute("SELECT last_analyze FROM pg_stat_user_tables WHERE relname = ?",
                                     ("mentions",)).fetchone()
        assert analysed is not None and analysed[0] is not None
        plan = "\n".join(r[0] for r in store._db.execute(
            "EXPLAIN SELECT id FROM mentions WHERE topic = ? AND duplicate_of IS NULL "
            "ORDER BY published DESC, seq DESC LIMIT ?", (3, 20)).fetchall())
        # an index walked from the newest back, stopping after 20 (not a bitmap of the topic, then a sort)
        assert "Index Scan Backward using mentions_" in plan and "Bitmap" not in plan, plan
