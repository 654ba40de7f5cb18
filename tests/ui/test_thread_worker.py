"""ThreadWorker, the shape the wall's two workers share, on a worker of its own: what it opens fails
twice and then opens; its steps, jobs and the closing all happen on the worker's thread."""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QThread
from pytestqt.qtbot import QtBot

from newsroom.config import Config
from newsroom.errors import UsageError
from newsroom.pipeline.start_problem import StartProblem
from newsroom.ui import thread_keeper
from newsroom.ui.app import make_app
from newsroom.ui.thread_worker import ThreadWorker

WAIT_MS = 10_000


class Ledger:
    """What the test worker opens: it notes the thread that closes it."""

    def __init__(self) -> None:
        self.closed_on: QThread | None = None

    def close(self) -> None:
        self.closed_on = QThread.currentThread()


class LedgerWorker(ThreadWorker[Ledger]):
    log = logging.getLogger("tests.ledger_worker")
    thread_name = "test-ledger"
    kind = "ledger"
    target_name = "ledger"
    open_verb = ("open", "opened")

    def __init__(self, failures: int, retry_delays_s: tuple[float, ...]) -> None:
        super().__init__(min_snapshot_interval_s=0.0, idle_refresh_s=60.0, retry_delays_s=retry_delays_s)
        self.failures = failures
        self.opened: Ledger | None = None
        self.step_threads: set[QThread] = set()
        self.lock = threading.Lock()

    def _open(self) -> Ledger:
        if self.failures:
            self.failures -= 1
            raise UsageError("the ledger is not there yet")
        self.opened = Ledger()
        return self.opened

    def _begin(self, target: Ledger) -> None:
        self._run_steps(self._step, 5)

    def _step(self) -> None:
        with self.lock:
            self.step_threads.add(QThread.currentThread())

    def _acknowledge(self, alert_id: str, by: str) -> None:
        pass

    def _apply_config(self, config: Config) -> None:
        pass


def test_a_start_is_tried_again_and_steps_jobs_and_close_run_on_the_worker_thread(qtbot: QtBot) -> None:
    make_app("nl")
    worker = LedgerWorker(failures=2, retry_delays_s=(0.01, 60.0))
    problems: list[StartProblem] = []
    started: list[bool] = []
    worker.start_failed.connect(problems.append)  # direct: a list append is safe from any thread
    worker.started.connect(lambda: started.append(True))
    worker.start()
    try:
        qtbot.waitUntil(lambda: len(problems) == 2, timeout=WAIT_MS)
        assert [(p.code, p.attempt, p.retry_in_s) for p in problems] == [("config", 1, 0.01), ("config", 2, 60.0)]
        assert not started and worker.opened is None, "the second pause is a minute: nothing opened yet"
        worker.retry_now()  # at once instead of after the pause
        qtbot.waitUntil(lambda: bool(started), timeout=WAIT_MS)
        assert worker.failed_starts == 0
        qtbot.waitUntil(lambda: bool(worker.step_threads), timeout=WAIT_MS)
        ran_on: list[QThread] = []
        worker.call(lambda ledger: ran_on.append(QThread.currentThread()))
        qtbot.waitUntil(lambda: bool(ran_on), timeout=WAIT_MS)
    finally:
        assert worker.stop()
    ledger = worker.opened
    assert ledger is not None and ledger.closed_on is worker.worker_thread
    with worker.lock:
        assert worker.step_threads == {worker.worker_thread}
    assert ran_on == [worker.worker_thread]
    assert worker not in thread_keeper.live and not worker.worker_thread.isRunning()
    assert worker._target is None and worker._step_timer is None and worker._retry_timer is None
