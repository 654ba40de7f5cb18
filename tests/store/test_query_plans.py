"""No statement on the insert path or the wall's path scans ``mentions`` or ``counts``: every statement the
store issues while the pipeline ingests a small stream, merges topics, keeps retention and builds a
snapshot is traced (sqlite3 set_trace_callback on a real store file) and its EXPLAIN QUERY PLAN read."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from newsroom.paths import AppPaths
from newsroom.pipeline.factory import build_demo_pipeline
from newsroom.pipeline.reader import SnapshotReader
from newsroom.store.plans import sqlite_full_scans
from tests.clock import Clock
from tests.store.plan_workload import run_insert_and_wall_paths

_LITERAL = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b")


def test_the_scan_check_can_fail(tmp_path: Path) -> None:
    pipeline = build_demo_pipeline(AppPaths.under(tmp_path), store_file=tmp_path / "s.sqlite3")
    db = pipeline.store._db
    try:
        # what the store asked before issue 16: the canonical-URL index leaves out '' so it went unused
        assert sqlite_full_scans(db, "SELECT canonical_url FROM mentions WHERE canonical_url IN ('https://a.be/x')")
        assert sqlite_full_scans(db, "DELETE FROM counts WHERE total <= 0 AND negative <= 0")
        assert sqlite_full_scans(db, "SELECT COUNT(*) FROM mentions")
        assert not sqlite_full_scans(db, "SELECT id FROM mentions WHERE duplicate_of IS NULL "
                                  "ORDER BY published DESC, rowid DESC LIMIT 30")
    finally:
        pipeline.close()


def test_no_statement_of_the_insert_or_wall_path_scans_mentions_or_counts(tmp_path: Path) -> None:
    clock = Clock(datetime(2026, 11, 24, 13, 0, tzinfo=UTC))
    pipeline = build_demo_pipeline(AppPaths.under(tmp_path), clock=clock, store_file=tmp_path / "s.sqlite3")
    db = pipeline.store._db
    issued: list[str] = []
    db.set_trace_callback(issued.append)
    try:
        run_insert_and_wall_paths(pipeline, clock)
        pipeline.publish(force=True)              # what reading walls are given
        reader = SnapshotReader(pipeline.store, wall_name="Lindeveld", max_topics=12,
                                searches=("Lindeveld",), per_search=True, clock=clock)
        reader.snapshot()                         # the reading wall's path (the wall's own process)
        pipeline.store.wait_change(-1, 0.0)
    finally:
        db.set_trace_callback(None)
    shapes: dict[str, str] = {}
    for sql in issued:  # one EXPLAIN per statement shape (the values are written into the traced text)
        shapes.setdefault(_LITERAL.sub("?", sql), sql)
    words = " ".join(shapes)
    assert "INSERT INTO mentions" in words and "INSERT INTO counts" in words
    assert "UPDATE mentions SET topic" in words and "DELETE FROM mentions WHERE" in words
    assert "FROM counts WHERE scope" in words and "canonical_url IN" in words
    assert "FROM topic_summaries" in words  # the reading wall's statements
    scans = {}
    try:
        for sql in shapes.values():
            if not sql.lstrip().upper().startswith(("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")):
                continue
            found = sqlite_full_scans(db, sql)
            if found:
                scans[sql[:200]] = found
    finally:
        pipeline.close()
    assert scans == {}
