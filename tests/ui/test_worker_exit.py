"""A real process exits promptly and cleanly: a request still in flight never keeps it alive, and a
worker whose ``stop`` was skipped (an exception in the start-up path) is stopped at exit instead of
Qt aborting the process ('QThread: Destroyed while thread is still running')."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_a_request_in_flight_does_not_keep_the_process_alive(tmp_path: Path) -> None:
    done = run("""
        import threading
        from newsroom.domain import Search
        from newsroom.sources.poller import MemoryStateStore, Poller

        entered, never = threading.Event(), threading.Event()

        class Hanging:
            name, title, interval_s = "rss", "RSS", 600.0

            def fetch(self, search, state, now):
                entered.set()
                never.wait()  # a server that never answers

        poller = Poller([Hanging()], [Search("s", "woord")], MemoryStateStore())
        poller.poll_due()
        assert entered.wait(30)
        poller.close()
        print("closed")
        """, tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "closed\n"


def test_a_worker_left_running_is_stopped_at_exit_instead_of_aborting(tmp_path: Path) -> None:
    done = run("""
        import time
        from pathlib import Path
        from PySide6.QtCore import QCoreApplication
        from newsroom.paths import AppPaths
        from newsroom.pipeline.factory import build_demo_pipeline
        from newsroom.ui.worker import PipelineWorker

        app = QCoreApplication([])
        snapshots = []
        worker = PipelineWorker(lambda: build_demo_pipeline(AppPaths.under(Path("."))), poll_ms=50,
                                min_snapshot_interval_s=0.0)
        worker.snapshot_ready.connect(snapshots.append)
        worker.error.connect(snapshots.append)
        worker.start()
        deadline = time.monotonic() + 90
        while not snapshots and time.monotonic() < deadline:
            time.sleep(0.05)
        assert snapshots and not isinstance(snapshots[0], str), snapshots
        del worker
        raise RuntimeError("the wall failed to start")  # stop() is never called
        """, tmp_path)
    assert "QThread: Destroyed while thread" not in done.stderr
    assert done.returncode == 1, done.stderr  # the exception's exit code, not an abort (-6, 134)
    assert "RuntimeError: the wall failed to start" in done.stderr
