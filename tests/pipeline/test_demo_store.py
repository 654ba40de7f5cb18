"""A demo never touches another instance's files: ``screenshot --demo`` keeps its store in memory."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from newsroom.paths import AppPaths
from newsroom.pipeline.factory import DEMO_STORE, PRIVATE_STORE, build_demo_pipeline, build_pipeline


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_a_private_demo_leaves_the_running_walls_demo_store_alone(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path)
    paths.ensure()
    running = paths.data_dir / DEMO_STORE  # as a wall on the demo has it open
    running.write_bytes(b"the running wall's demo store")
    (paths.data_dir / f"{DEMO_STORE}-wal").write_bytes(b"its write-ahead log")
    before = _files(paths.data_dir)

    pipeline = build_pipeline(paths, None, demo=True, demo_store=PRIVATE_STORE,
                              clock=lambda: datetime(2026, 11, 24, 13, 0, tzinfo=UTC))
    try:
        report = pipeline.poll_once()
        assert report.new > 1000  # the whole scenario went into the private store
        assert pipeline.snapshot().topics
    finally:
        pipeline.close()
    assert _files(paths.data_dir) == before


def test_the_walls_demo_starts_from_a_fresh_store_file(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path)
    paths.ensure()
    (paths.data_dir / DEMO_STORE).write_bytes(b"not a database: left from an older run")
    pipeline = build_demo_pipeline(paths, clock=lambda: datetime(2026, 11, 24, 13, 0, tzinfo=UTC))
    try:
        assert pipeline.store.path == paths.data_dir / DEMO_STORE
    finally:
        pipeline.close()
    assert (paths.data_dir / DEMO_STORE).read_bytes().startswith(b"SQLite format 3")
