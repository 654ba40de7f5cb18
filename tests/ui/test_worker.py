"""The worker thread delivers snapshots and shuts down without leaving a thread or timer running."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QThread, QTimer
from pytestqt.qtbot import QtBot

from newsroom.domain import WallSnapshot
from newsroom.paths import AppPaths
from newsroom.pipeline.factory import build_demo_pipeline
from newsroom.ui.app import make_app
from newsroom.ui.wall import WallWindow, connect_worker
from newsroom.ui.worker import PipelineWorker


def test_worker_feeds_the_wall_and_stops_cleanly(qtbot: QtBot, tmp_path: Path) -> None:
    make_app("nl")
    clock_now = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)
    built: list[object] = []

    def build():  # type: ignore[no-untyped-def]
        built.append(QThread.currentThread())
        return build_demo_pipeline(AppPaths.under(tmp_path), clock=lambda: clock_now)

    worker = PipelineWorker(build, poll_ms=50, min_snapshot_interval_s=0.0)
    w = WallWindow()
    qtbot.addWidget(w)
    connect_worker(w, worker)
    # waitSignal on a signal emitted from another thread would stop qtbot's timer from that thread,
    # so wait for the wall's own state instead.
    worker.start()
    qtbot.waitUntil(lambda: w.snapshot is not None, timeout=90_000)  # generous: CI machines are shared
    assert isinstance(w.snapshot, WallSnapshot) and w.snapshot.topics
    assert built and built[0] is worker.worker_thread, "the pipeline is built on the worker thread"
    w.stop()
    assert worker.stop()
    assert not worker.worker_thread.isRunning()
    assert not any(t.isActive() for t in w.findChildren(QTimer))
    assert not any(t.isActive() for t in worker.findChildren(QTimer))
    assert worker._timer is None and worker._pipeline is None
