"""The store at scale: fill a store in bulk with N mentions (and their per-minute counts) over 90 days,
then time what the collector and the walls do with it: inserting new batches (``Store.add_mentions``:
dedupe, insert, counts), a topic merge, a wall's snapshot as a reading wall builds it
(``SnapshotReader.snapshot``: 200 topic summaries as the collector writes them, an active alert and its
crisis view, the counts of the shown topics over 8 days, the newest mentions), the in-process build
(``SnapshotBuilder.build``), an acknowledgement, the change counter, and the retention of an average
day (``apply_retention`` in its slices) while a writer (another connection adding batches of 100, as a
collector or an import) and a reading wall (snapshots) work beside it: the longest single transaction
and the worst wait of either. Every statement issued meanwhile is traced and its plan read at that size
(SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN with the statement's first values): a full scan of
``mentions`` or ``counts`` is printed (tests/store/test_query_plans*.py fail on one on a small store;
here the planner sees the real sizes).

    python benchmarks/store.py                 # 1,000,000 rows, SQLite
    python benchmarks/store.py --rows 10000000 # 10 million (about 6 GB of temporary disk, ~20 minutes)
    python benchmarks/store.py --rows 1000000 --rows 10000000
    python benchmarks/store.py --rows 10000000 --keep /var/tmp/store10m.sqlite3  # filled once, reused
    python benchmarks/store.py --engine pg     # PostgreSQL: the tests' throwaway server (tests/pg_cluster.py:
                                               # a Unix socket, fsync off), or --url postgresql://… (empty db)

The SQLite fill is SQLite's own recursive CTE, the PostgreSQL fill the same formulas over
``generate_series`` (the same rows on both engines; on PostgreSQL the indexes are built after the fill).
Every size prints one block; the last line of each says the rows and the times. Prints, never asserts;
the load average is printed with the figures (the machine's 2 cores are shared).
"""

from __future__ import annotations

import argparse
import math
import os
import re
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsroom.domain import (
    AlertScope,
    AlertState,
    Mention,
    Polarity,
    Sentiment,
    SourceHealth,
    SpikeAlert,
    TermWeight,
    TopicState,
)
from newsroom.pipeline.reader import SnapshotReader
from newsroom.pipeline.snapshot import SnapshotBuilder
from newsroom.store import Store, open_store, retention
from newsroom.store.mention_rows import COLUMNS
from newsroom.store.plans import RecordingConnection, pg_full_reads, sqlite_full_scans

END = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)
DAYS = 90
TOPICS = 5000
SEARCHES = ("Lindeveld", "Kanaalweg", "Stationsstraat")
WORDS = ("brug", "Kanaalweg", "dicht", "storm", "brandweer", "file", "markt", "bus", "parkeerzone",
         "schandalig", "chapeau", "omleiding", "bewoners", "stad", "schepen", "burgemeester")
_LITERAL = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b")


def _u(k: int, pg: bool = False) -> str:
    """SQL for a pseudo-random number in [0, 1) from the row number ``i`` (same every run, the same
    double-precision arithmetic on both engines)."""
    cast = "::float8" if pg else ""
    return f"(((i * 2654435761 + {k} * 40503) % 1000003) / 1000003.0{cast})"


def _generated(pg: bool) -> str:
    """The SELECT list of one generated mention from its number ``i`` (literals only: the same text on
    both engines but for ``max``/``GREATEST`` and the casts; truncation is ``floor`` of a positive)."""
    start = int((END - timedelta(days=DAYS)).timestamp())
    span = int(END.timestamp()) - start
    words = " ".join(WORDS * 4)
    later = f"GREATEST({_u(1, pg)}, {_u(2, pg)})" if pg else f"max({_u(1)}, {_u(2)})"
    whole = "CAST(FLOOR({}) AS BIGINT)" if pg else "CAST({} AS INTEGER)"
    return (
        f"'b:' || i, 'rss', 'https://krant.example/' || i, 'https://krant.example/' || i, '', '', "
        f"substr('{words}', 1 + i % 97, 90), {start} + {whole.format(f'{span} * {later}')}, 'nl', "
        f"CASE i % 3 WHEN 0 THEN '{SEARCHES[0]}' WHEN 1 THEN '{SEARCHES[1]}' ELSE '{SEARCHES[2]}' END, "
        f"CASE WHEN {_u(3, pg)} < 0.3 THEN 'negative' ELSE 'neutral' END, "
        f"CASE WHEN {_u(3, pg)} < 0.3 THEN -0.5 ELSE 0.0 END, 0.8, "
        f"1 + {whole.format(f'{TOPICS} * {_u(4, pg)} * {_u(5, pg)}')}, "
        f"0, CASE WHEN i > 0 AND {_u(6, pg)} < 0.1 THEN 'b:' || (i - 1) END, '', NULL")


_COUNTS_FILL = [
    f"INSERT INTO counts (scope, key, minute, total, negative) SELECT {scope}, {key}, "
    "published - published % 60, COUNT(*), SUM(CASE WHEN sentiment_label = 'negative' THEN 1 ELSE 0 END) "
    "FROM mentions WHERE duplicate_of IS NULL GROUP BY 2, 3"
    for scope, key in (("'wall'", "'wall'"), ("'search'", "searches"), ("'topic'", "CAST(topic AS TEXT)"))]


def fill(store: Store, rows: int) -> None:
    """``rows`` mentions over the last 90 days (busier lately, a few topics large), with their counts,
    generated by the engine itself, a million rows per transaction (SQLite: a recursive CTE;
    PostgreSQL: ``generate_series``, the indexes dropped during the fill and built again after it)."""
    pg = store.engine == "postgresql"
    db = store._db
    chunk = 1_000_000
    began = time.perf_counter()
    rebuild = _drop_indexes(store) if pg else []
    for base in range(0, rows, chunk):
        last = min(rows, base + chunk) - 1
        source = (f"generate_series({base}, {last}) AS n(i)" if pg else
                  f"(WITH RECURSIVE n(i) AS (SELECT {base} UNION ALL SELECT i + 1 FROM n WHERE i < {last}) "
                  "SELECT i FROM n)")
        db.execute("BEGIN")
        db.execute(f"INSERT INTO mentions ({COLUMNS}) SELECT {_generated(pg)} FROM {source}")
        db.execute("COMMIT")
        print(f"  filled {last + 1:,} mentions ({time.perf_counter() - began:.0f} s)", file=sys.stderr)
    db.execute("BEGIN")
    for sql in _COUNTS_FILL:
        db.execute(sql)
    db.execute("COMMIT")
    print(f"  counted ({time.perf_counter() - began:.0f} s)", file=sys.stderr)
    if pg:
        db.execute("SET maintenance_work_mem = '512MB'")
        for sql in rebuild:
            db.execute(sql)
        print(f"  indexed ({time.perf_counter() - began:.0f} s)", file=sys.stderr)
        db.execute("VACUUM ANALYZE mentions")
        db.execute("VACUUM ANALYZE counts")
    else:
        db.execute("PRAGMA optimize")


def _drop_indexes(store: Store) -> list[str]:
    """PostgreSQL: drop the keys and indexes of ``mentions`` and ``counts``; the statements that make
    them again (exactly as they were: ``pg_get_constraintdef``/``pg_get_indexdef``)."""
    db = store._db
    tables = "('mentions'::regclass, 'counts'::regclass)"
    keys = db.execute("SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                      f"WHERE conrelid IN {tables} AND contype IN ('p', 'u') ORDER BY 1, 2").fetchall()
    indexes = db.execute(
        "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index "
        f"WHERE indrelid IN {tables} AND indexrelid NOT IN (SELECT conindid FROM pg_constraint) "
        "ORDER BY 1").fetchall()
    for name, _ in indexes:
        db.execute(f"DROP INDEX {name}")
    for table, name, _ in keys:
        db.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
    return ([f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}" for table, name, definition in keys]
            + [definition for _, definition in indexes])


def new_batch(prefix: str, first: int, n: int, at: datetime) -> list[Mention]:
    neg = Sentiment(Polarity.NEGATIVE, -0.5, 0.8)
    return [Mention(id=f"{prefix}:{first + i}", source="rss", text=f"nieuw bericht {first + i}",
                    published=at - timedelta(seconds=i % 600), url=f"https://nieuw.example/{prefix}/{first + i}",
                    canonical_url=f"https://nieuw.example/{prefix}/{first + i}", searches=(SEARCHES[i % 3],),
                    lang="nl", sentiment=neg if i % 3 == 0 else None, topic=1 + i % 50)
            for i in range(n)]


def summaries() -> list[TopicState]:
    """What a collector publishes: the 200 biggest live topics as walls show them (label, cloud terms)."""
    terms = tuple(TermWeight(w, 1.0 / (k + 1), -0.2) for k, w in enumerate(WORDS[:12]))
    return [TopicState(id=tid, label=f"onderwerp {tid}", terms=terms, size=5000 - 20 * tid, negative=300,
                       first_seen=END - timedelta(days=2), last_seen=END - timedelta(minutes=tid),
                       representative_ids=(f"b:{tid}",)) for tid in range(1, 201)]


def crisis_alert() -> SpikeAlert:
    """An active alert on topic 3 (the crisis view reads its newest negative posts and its counts)."""
    return SpikeAlert(id="bench-3", scope=AlertScope.TOPIC, key="3", title="onderwerp 3",
                      state=AlertState.ONGOING, severity=4, started=END - timedelta(hours=2),
                      updated=END - timedelta(minutes=5), window_min=30, observed=120, expected=12.0,
                      spread=4.0, score=0.99, top_terms=("brug", "dicht"))


class Tracer:
    """Every statement the store issues from ``start`` to ``stop`` (SQLite: the trace callback;
    PostgreSQL: a recording connection), and the full scans among them (``scans``)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.issued: list[str] = []
        self.recording: RecordingConnection | None = None

    def start(self) -> None:
        if self.store.engine == "sqlite":
            self.store._sqlite().set_trace_callback(self.issued.append)
        else:
            self.recording = self.recording or RecordingConnection(self.store._db)
            self.store._db = self.recording

    def stop(self) -> None:
        if self.store.engine == "sqlite":
            self.store._sqlite().set_trace_callback(None)
        elif self.recording is not None:
            self.store._db = self.recording.inner

    def scans(self) -> tuple[int, dict[str, list[str]]]:
        """(statement shapes checked, {statement: its full scans})."""
        verbs = ("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")
        found: dict[str, list[str]] = {}
        checked = 0
        if self.recording is None:
            shapes: dict[str, str] = {}
            for sql in self.issued:
                shapes.setdefault(_LITERAL.sub("?", sql), sql)
            for sql in shapes.values():
                if sql.lstrip().upper().startswith(verbs):
                    checked += 1
                    lines = sqlite_full_scans(self.store._sqlite(), sql)
                    if lines:
                        found[" ".join(sql.split())[:160]] = lines
            return checked, found
        for sql, params in self.recording.seen.values():
            if sql.lstrip().upper().startswith(verbs):
                checked += 1
                lines = pg_full_reads(self.store._db, sql, params)
                if lines:
                    found[" ".join(sql.split())[:160]] = lines
        return checked, found


def timed(fn: Callable[[], object], n: int) -> tuple[float, float]:
    """Median and max of ``n`` calls, in ms."""
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times), max(times)


def filled(target: Path | str, rows: int) -> Store:
    """The store at ``target`` (a file or a URL) with ``rows`` generated mentions (a kept store already
    filled is reused)."""
    store = open_store(target)
    if store.get_meta("bench_rows") == str(rows):
        print(f"rows {rows:,}: reusing {store.location}")
        return store
    if store.get_meta("bench_rows") is not None or store.newest_published() is not None:
        raise SystemExit(f"{store.location} holds other data; give --keep a new file (--url an empty database)")
    t = time.perf_counter()
    fill(store, rows)
    print(f"rows {rows:,}: filled in {time.perf_counter() - t:.0f} s, {size_mb(store):,.0f} MB")
    store.set_meta("bench_rows", str(rows))
    return store


def size_mb(store: Store) -> float:
    """The store's size on disk (SQLite: file and WAL; PostgreSQL: the database)."""
    if store.engine == "postgresql":
        return int(store._db.execute("SELECT pg_database_size(current_database())").fetchone()[0]) / 1e6
    wal = Path(f"{store.path}-wal")
    return (store.path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)) / 1e6


class Beside:
    """A writer (another connection adding batches of 100 new mentions, as a collector or an import)
    and a reading wall (another connection building snapshots) working beside the main thread; the
    time of each call, before and during what the main thread does."""

    def __init__(self, store: Store, prefix: str) -> None:
        self.writer = store.reopen()
        self.reader = store.reopen(read_only=True)
        self.prefix = prefix
        self.during = False
        self.stop = threading.Event()
        self.times: dict[tuple[str, bool], list[float]] = {}
        self.threads = [threading.Thread(target=self._write, daemon=True),
                        threading.Thread(target=self._read, daemon=True)]

    def _note(self, what: str, t: float) -> None:
        self.times.setdefault((what, self.during), []).append((time.perf_counter() - t) * 1000)

    def _write(self) -> None:
        b = 0
        while not self.stop.is_set():
            t = time.perf_counter()
            self.writer.add_mentions(new_batch(self.prefix, b * 100, 100, END - timedelta(seconds=b)))
            self._note("write", t)
            b += 1
            time.sleep(0.02)

    def _read(self) -> None:
        wall = SnapshotReader(self.reader, wall_name="Lindeveld", max_topics=6, searches=SEARCHES,
                              clock=lambda: END)
        while not self.stop.is_set():
            t = time.perf_counter()
            wall.snapshot()
            self._note("read", t)
            time.sleep(0.02)

    def __enter__(self) -> Beside:
        for thread in self.threads:
            thread.start()
        time.sleep(3.0)  # their times before
        self.during = True
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join()
        self.writer.close()
        self.reader.close()

    def summary(self, what: str) -> str:
        before = self.times.get((what, False), [0.0])
        during = self.times.get((what, True), [0.0])
        return (f"{what} median {statistics.median(before):.0f} ms before, during: median "
                f"{statistics.median(during):.0f} ms, worst {max(during):.0f} ms ({len(during)} calls)")

    def worst(self, what: str) -> float:
        return max(self.times.get((what, True), [0.0]))


def raw_minutes(store: Store, snapshots: int) -> tuple[float, float, float, float]:
    """A reading wall's snapshot times (6 tiles; 12 tiles and a page per search) when the builder reads
    every minute of the tiles' week and sums it itself (what the database's buckets replaced)."""
    times: list[float] = []
    for tiles, pages, n in ((6, False, snapshots), (12, True, max(3, snapshots // 2))):
        reader = SnapshotReader(store, wall_name="Lindeveld", max_topics=tiles, searches=SEARCHES,
                                per_search=pages, clock=lambda: END)
        reader._builder.bucketed = False
        reader.snapshot()  # the searches' pages are looked up once (as the other readers had)
        times += timed(reader.snapshot, n)
    return times[0], times[1], times[2], times[3]


def run(rows: int, batches: int, snapshots: int, target: Path | str) -> None:
    store = filled(target, rows)
    engine = store.engine
    tracer = Tracer(store)
    tracer.start()
    prefix = f"new{time.time_ns()}"  # a kept store gets new ids on every run

    t = time.perf_counter()
    for b in range(batches):
        store.add_mentions(new_batch(prefix, b * 1000, 1000, END - timedelta(minutes=b)))
    insert_s = time.perf_counter() - t
    rate = batches * 1000 / insert_s
    print(f"  insert: {batches} batches of 1,000 new mentions in {insert_s:.2f} s = {rate:,.0f} mentions/s")

    t = time.perf_counter()
    store.merge_topics(4007, 4008)
    print(f"  merge of topic 4007 into 4008: {time.perf_counter() - t:.3f} s")

    t = time.perf_counter()
    store.save_topic_summaries(summaries(), END)
    store.save_health(SourceHealth("rss", "RSS", last_success=END, items_last_poll=40))
    store.save_alert(crisis_alert())
    store.bump_change()
    publish_ms = (time.perf_counter() - t) * 1000
    print(f"  publish (200 summaries, health, an alert, the counter): {publish_ms:.0f} ms")

    reader = SnapshotReader(store, wall_name="Lindeveld", max_topics=6, searches=SEARCHES, clock=lambda: END)
    first_ms = timed(reader.snapshot, 1)[0]
    med, top = timed(reader.snapshot, snapshots)
    print(f"  reading wall's snapshot (SnapshotReader, 6 tiles, 200 summaries, 1 crisis view): first "
          f"{first_ms:.0f} ms, then median {med:.0f} ms, max {top:.0f} ms over {snapshots}")
    reader12 = SnapshotReader(store, wall_name="Lindeveld", max_topics=12, searches=SEARCHES,
                              per_search=True, clock=lambda: END)
    med12, top12 = timed(reader12.snapshot, max(3, snapshots // 2))
    print(f"  the same with 12 tiles and a page per search: median {med12:.0f} ms, max {top12:.0f} ms")
    raw_med, raw_top, raw12_med, raw12_top = raw_minutes(store, snapshots)
    print(f"  the same from the raw minutes (SnapshotBuilder.bucketed off: the week's minutes summed in "
          f"Python, as before): 6 tiles median {raw_med:.0f} ms, max {raw_top:.0f} ms; 12 tiles and pages "
          f"median {raw12_med:.0f} ms, max {raw12_top:.0f} ms")

    topics = [TopicState(id=tid, label=f"topic {tid}", terms=(), size=100, negative=30,
                         first_seen=END - timedelta(days=2), last_seen=END) for tid in range(1, 19)]
    builder = SnapshotBuilder(store, max_topics=6)
    in_med, in_top = timed(lambda: builder.build(END, "Lindeveld", topics, []), snapshots)
    print(f"  in-process build (18 topics, 8 days of counts, 30 newest): median {in_med:.0f} ms, "
          f"max {in_top:.0f} ms over {snapshots}")

    ack_ms = timed(lambda: store.acknowledge_alert("bench-3", "wand", END), 1)[0]
    change_ms = timed(lambda: store.wait_change(-1, 0.0), 20)[0]
    alerts_ms = timed(store.active_alerts, 20)[0]
    print(f"  acknowledgement {ack_ms:.1f} ms; change counter {change_ms:.2f} ms; active alerts "
          f"{alerts_ms:.2f} ms (medians)")

    retention_s = longest_ms = worst_write = worst_read = float("nan")
    day = int(store.get_meta("bench_retained") or 0) + 1  # a kept store: its next oldest day
    tracer.stop()  # the threads' connections are not traced; the retention's statements are
    with Beside(store, prefix + "w") as beside:
        tracer.start()
        t = time.perf_counter()
        # mentions are spread as the larger of two uniform draws: the oldest sqrt(k/90) of the span
        # holds k/90 of them; the k-th run deletes the k-th average day (what the hourly retention
        # deletes in a day)
        deleted = store.apply_retention(END + timedelta(days=DAYS * math.sqrt(day / DAYS)), DAYS)
        retention_s = time.perf_counter() - t
    done = store.last_retention
    assert done is not None
    longest_ms = done.longest_s * 1000
    worst_write, worst_read = beside.worst("write"), beside.worst("read")
    print(f"  retention of an average day (day {day}, 1/{DAYS} of the store): {deleted:,} rows in "
          f"{retention_s:.1f} s = {deleted / retention_s:,.0f} rows/s, {done.slices:,} slices of up to "
          f"{retention.SLICE_ROWS:,} rows (pauses up to {retention.MAX_PAUSE_S * 1000:.0f} ms), the longest "
          f"transaction {longest_ms:.0f} ms")
    print(f"    beside it, another connection's {beside.summary('write')}")
    print(f"    and a reading wall's snapshot: {beside.summary('read')}")
    store.set_meta("bench_retained", str(day))
    tracer.stop()

    checked, scans = tracer.scans()
    print(f"  query plans: {checked} statement shapes of the insert, publish, reading and retention "
          f"paths; full scans of mentions or counts: {len(scans)}")
    for sql, lines in scans.items():
        print(f"    SCAN: {sql} -> {'; '.join(lines)}")
    store.close()
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"RESULT engine={engine} rows={rows:,} insert={rate:,.0f}/s publish={publish_ms:.0f}ms "
          f"reader_snapshot_median={med:.0f}ms reader_snapshot_max={top:.0f}ms reader12_median={med12:.0f}ms "
          f"raw_minutes_median={raw_med:.0f}ms raw_minutes12_median={raw12_med:.0f}ms "
          f"inprocess_median={in_med:.0f}ms ack={ack_ms:.1f}ms retention={retention_s:.1f}s "
          f"longest_transaction={longest_ms:.0f}ms worst_write={worst_write:.0f}ms worst_read={worst_read:.0f}ms "
          f"full_scans={len(scans)} load={load}")


def main() -> None:
    p = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    p.add_argument("--rows", type=int, action="append", help="mentions in the store (repeatable)")
    p.add_argument("--engine", choices=("sqlite", "pg"), default="sqlite")
    p.add_argument("--url", help="PostgreSQL: an empty database to fill (default: a throwaway server)")
    p.add_argument("--batches", type=int, default=20, help="batches of 1,000 new mentions to insert")
    p.add_argument("--snapshots", type=int, default=10, help="snapshot builds to time")
    p.add_argument("--slice-rows", type=int, default=retention.SLICE_ROWS,
                   help="rows per retention slice (newsroom.store.retention.SLICE_ROWS)")
    p.add_argument("--max-pause-ms", type=float, default=retention.MAX_PAUSE_S * 1000,
                   help="the longest pause between two retention slices (retention.MAX_PAUSE_S)")
    p.add_argument("--keep", type=Path, help="SQLite: the store file to fill (once) and keep, instead of a "
                                             "temporary one (with one --rows)")
    args = p.parse_args()
    retention.SLICE_ROWS = args.slice_rows
    retention.MAX_PAUSE_S = args.max_pause_ms / 1000
    sizes = args.rows or [1_000_000]
    if (args.keep is not None or args.url) and len(sizes) > 1:
        p.error("--keep and --url take one --rows")
    for rows in sizes:
        if args.engine == "sqlite":
            with tempfile.TemporaryDirectory(prefix="newsroom-store-bench-") as tmp:
                run(rows, args.batches, args.snapshots, args.keep or Path(tmp) / "store.sqlite3")
        elif args.url:
            run(rows, args.batches, args.snapshots, args.url)
        else:
            from tests.pg_cluster import throwaway_database

            with throwaway_database("--url") as url:
                print("PostgreSQL 15, the tests' throwaway server (Unix socket, fsync off, shared_buffers "
                      "at its default)")
                run(rows, args.batches, args.snapshots, url)


if __name__ == "__main__":
    main()
