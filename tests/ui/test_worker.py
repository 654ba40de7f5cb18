"""The worker thread delivers snapshots, is never held up by a slow source, and shuts down without
leaving a thread or timer running, also when the pipeline cannot be built."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QThread, QTimer
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot
from werkzeug import Request, Response

from newsroom.domain import AlertScope, AlertState, SpikeAlert, WallSnapshot, utcnow
from newsroom.errors import UsageError
from newsroom.paths import AppPaths
from newsroom.pipeline.factory import build_demo_pipeline, build_pipeline
from newsroom.pipeline.runner import Pipeline
from newsroom.pipeline.start_problem import StartProblem
from newsroom.sources.fetcher import THREAD_PREFIX
from newsroom.ui import thread_keeper
from newsroom.ui.app import make_app
from newsroom.ui.wall import WallWindow, connect_worker
from newsroom.ui.worker import PipelineWorker

DATA = Path(__file__).resolve().parents[1] / "data" / "sources"
#: only a safety net so that a broken worker fails a test instead of hanging it
NEVER = 30.0


def fetch_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith(THREAD_PREFIX)]


def ours() -> set[threading.Thread]:
    """Python's live threads, less the local server's own (one per connection, open while a client keeps
    it) and the placeholders Python keeps for ever for threads it did not start ("Dummy-N": the QThread,
    whose state is checked through Qt)."""
    return {t for t in threading.enumerate()
            if not t.name.endswith("(process_request_thread)") and not t.name.startswith("Dummy-")}


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
    assert worker._step_timer is None and worker._target is None
    assert worker not in thread_keeper.live


def write_config(tmp_path: Path, server: HTTPServer) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        '[wall]\nname = "Lindeveld"\n\n[[searches]]\nname = "Lindeveld"\n'
        "query = '\"Kanaalweg\" OR #lindeveld -voetbal'\nsources = [\"rss\", \"gnews\"]\n\n"
        f'[sources.rss]\nfeeds = ["{server.url_for("/fast.xml")}"]\n\n'
        f'[sources.gnews]\nbase_url = "{server.url_for("/slow")}"\n', encoding="utf-8")
    return path


ALERT = SpikeAlert(id="alert:test", scope=AlertScope.WALL, key="wall", title="Stormschade",
                   state=AlertState.RAISED, severity=3, started=utcnow() - timedelta(minutes=20),
                   updated=utcnow(), window_min=30, observed=40, expected=3.0, spread=2.0, score=0.97,
                   weekday=1, hour=14)


def test_a_slow_source_holds_up_nothing_and_stop_does_not_wait_for_it(
        qtbot: QtBot, tmp_path: Path, server: HTTPServer) -> None:
    make_app("nl")
    entered, release = threading.Event(), threading.Event()

    def slow(request: Request) -> Response:
        entered.set()
        release.wait(NEVER)
        return Response((DATA / "gnews_search.xml").read_bytes(), content_type="application/rss+xml")

    server.expect_request("/fast.xml").respond_with_data((DATA / "lindeveld_rss.xml").read_bytes(),
                                                         content_type="application/rss+xml")
    server.expect_request("/slow/rss/search").respond_with_handler(slow)
    config = write_config(tmp_path, server)
    paths = AppPaths.under(tmp_path)

    def build() -> Pipeline:
        pipeline = build_pipeline(paths, config, demo=False)
        pipeline.store.save_alert(ALERT)
        return pipeline

    worker = PipelineWorker(build, poll_ms=50, min_snapshot_interval_s=0.0)
    snapshots: list[WallSnapshot] = []
    errors: list[str] = []
    worker.snapshot_ready.connect(snapshots.append)  # direct: a list append is safe from any thread
    worker.error.connect(errors.append)
    before = ours()
    try:
        worker.start()
        qtbot.waitUntil(entered.is_set, timeout=int(NEVER * 1000))

        def fast_mentions_shown() -> bool:
            return bool(snapshots) and any(m.source == "rss" for m in snapshots[-1].latest)

        qtbot.waitUntil(fast_mentions_shown, timeout=int(NEVER * 1000))
        assert not release.is_set(), "the slow source is still answering"
        latest = snapshots[-1]
        assert {m.title for m in latest.latest} == {"Brug aan de Kanaalweg opnieuw afgesloten",
                                                    "Lindeveld opent noodopvang na storm"}
        health = {h.source: h for h in latest.health}
        assert health["rss"].ok and health["rss"].last_success is not None
        assert health["gnews"].last_success is None and health["gnews"].last_error is None

        worker.acknowledge(ALERT.id, "Els")

        def acknowledged() -> bool:
            return any(a.id == ALERT.id and a.acknowledged_by == "Els" for a in snapshots[-1].alerts)

        qtbot.waitUntil(acknowledged, timeout=int(NEVER * 1000))
        assert not release.is_set()

        assert worker.stop(), "the thread ends although a request is in flight"
        assert not release.is_set()
        assert worker.worker_thread.isFinished()
        assert worker._step_timer is None and worker._target is None
        assert not any(t.isActive() for t in worker.findChildren(QTimer))
        assert worker not in thread_keeper.live
        assert len(fetch_threads()) == 1, "the slow request ends on its own thread"
    finally:
        release.set()
        worker.stop()
    qtbot.waitUntil(lambda: ours() <= before, timeout=int(NEVER * 1000))
    assert not fetch_threads() and not worker.worker_thread.isRunning(), "no thread survives shutdown"
    assert errors == []
    assert [r.path for r, _ in server.log].count("/slow/rss/search") == 1


def test_a_build_failure_is_told_and_tried_again_until_stopped(qtbot: QtBot) -> None:
    make_app("nl")
    attempts: list[float] = []

    def build() -> Pipeline:
        attempts.append(time.monotonic())
        raise UsageError("config.toml line 3: 'searches' must be a list")

    worker = PipelineWorker(build, poll_ms=50, retry_delays_s=(0.01, 0.02, 0.04))
    problems: list[StartProblem] = []
    worker.start_failed.connect(problems.append)  # direct: a list append is safe from any thread
    worker.start()
    qtbot.waitUntil(lambda: len(problems) >= 4, timeout=int(NEVER * 1000))
    assert worker.worker_thread.isRunning(), "the thread waits for the next attempt"
    assert [p.attempt for p in problems[:4]] == [1, 2, 3, 4]
    assert [p.retry_in_s for p in problems[:4]] == [0.01, 0.02, 0.04, 0.04], "the last pause repeats"
    assert {(p.code, p.detail) for p in problems} == {("config", "config.toml line 3: 'searches' must be a list")}
    assert worker.stop() and worker not in thread_keeper.live
    assert worker._step_timer is None and worker._target is None and worker._retry_timer is None
    assert not worker.worker_thread.isRunning() and len(attempts) >= 4


def test_an_unexpected_build_failure_is_a_readable_sentence_too(qtbot: QtBot) -> None:
    make_app("nl")

    def build() -> Pipeline:
        raise OSError("disk full")

    worker = PipelineWorker(build, poll_ms=50, retry_delays_s=(60,))
    problems: list[StartProblem] = []
    worker.start_failed.connect(problems.append)
    worker.start()
    qtbot.waitUntil(lambda: bool(problems), timeout=int(NEVER * 1000))
    assert (problems[0].code, problems[0].detail, problems[0].retry_in_s) == ("other", "OSError: disk full", 60)
    assert worker.stop()
