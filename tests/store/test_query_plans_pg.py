"""The idea of test_query_plans.py on PostgreSQL: every statement the store issues while the demo
pipeline ingests, merges topics, keeps retention and builds a snapshot is recorded (at the engine's one
translation point) and EXPLAINed with ``enable_seqscan = off``: a plan that still reads all of
``mentions`` or ``counts`` has no index to use. A full index walk counts too, unless a LIMIT stops it
(the newest 30 mentions)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsroom.paths import AppPaths
from newsroom.pipeline.factory import build_demo_pipeline
from newsroom.store.pg_connection import PgConnection
from newsroom.store.plans import RecordingConnection, pg_full_reads
from newsroom.store.postgres import PgStore
from tests.clock import Clock
from tests.store.plan_workload import run_insert_and_wall_paths


def full_reads(db: PgConnection, sql: str, params: list[Any]) -> list[str]:
    """The plan nodes of ``sql`` that read all of ``mentions`` or ``counts``, sequential scans discouraged
    (these tables are small: could an index serve the statement?)."""
    return pg_full_reads(db, sql, params, seqscan=False)


def test_the_read_check_can_fail(tmp_path: Path, pg_url: str) -> None:
    pipeline = build_demo_pipeline(AppPaths.under(tmp_path), store_file=pg_url)
    store = pipeline.store
    assert isinstance(store, PgStore)
    try:
        assert full_reads(store._pg, "SELECT COUNT(*) FROM mentions WHERE engagement > ?", [3])
        assert full_reads(store._pg, "DELETE FROM counts WHERE total <= 0 AND negative <= 0", [])
        assert not full_reads(store._pg, "SELECT id FROM mentions WHERE duplicate_of IS NULL "
                                         "ORDER BY published DESC, seq DESC LIMIT ?", [30])
    finally:
        pipeline.close()


def test_no_statement_of_the_insert_or_wall_path_reads_all_of_mentions_or_counts(tmp_path: Path,
                                                                                 pg_url: str) -> None:
    clock = Clock(datetime(2026, 11, 24, 13, 0, tzinfo=UTC))
    pipeline = build_demo_pipeline(AppPaths.under(tmp_path), clock=clock, store_file=pg_url)
    store = pipeline.store
    assert isinstance(store, PgStore)
    recording = RecordingConnection(store._pg)
    store._db = recording
    try:
        run_insert_and_wall_paths(pipeline, clock)
        store._db = store._pg
        words = " ".join(recording.seen)
        assert "INSERT INTO mentions" in words and "INSERT INTO counts" in words
        assert "UPDATE mentions SET topic" in words and "DELETE FROM mentions WHERE" in words
        assert "FROM counts WHERE scope" in words and "canonical_url IN" in words
        reads = {}
        for sql, params in recording.seen.values():
            if sql.lstrip().upper().startswith(("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")):
                found = full_reads(store._pg, sql, params)
                if found:
                    reads[sql[:200]] = found
    finally:
        store._db = store._pg
        pipeline.close()
    assert len(recording.seen) > 20
    assert reads == {}
