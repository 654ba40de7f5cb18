"""The pipeline thread: builds the pipeline there, polls on a timer, emits a snapshot when something changed
(throttled; at least every IDLE_REFRESH_S, since parts of the wall move with the clock).

Polling never waits for the network (the poller's requests run on fetch threads), so an
acknowledgement or a snapshot waits at most for one analysis step, and ``stop`` ends the thread
promptly: requests still in flight are left to end on their own and their results are dropped.
A pipeline that cannot be built (an unwritable data folder, a store of a newer version) is tried again
on the worker thread after a growing pause (5 s, 10 s, … 5 min): each failure is emitted as a
``StartProblem`` for the wall's full-screen notice, a later success as ``started``.
Qt must never destroy a running QThread (that aborts the process): a worker whose thread is running
is kept referenced (newsroom.ui.thread_keeper) until it has stopped, and one still running at
interpreter exit is stopped then.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from newsroom.config import Config, ConfigDiff, config_diff
from newsroom.domain import WallSnapshot
from newsroom.pipeline.runner import Pipeline
from newsroom.pipeline.start_problem import BACKOFF_S, StartProblem, classify, retry_delay
from newsroom.sources.poller import Poller
from newsroom.ui import thread_keeper
from newsroom.ui.thread_keeper import STOP_TIMEOUT_MS, end_thread

log = logging.getLogger("newsroom.ui.worker")

#: a snapshot is built at least this often when nothing arrived: the sparklines' window, the last hour's
#: count and the age of the newest data move with the clock
IDLE_REFRESH_S = 60.0


class PipelineWorker(QObject):
    """Lives on its own QThread; never touches a widget. Only frozen snapshots leave it."""

    snapshot_ready = Signal(object)
    error = Signal(str)
    #: the pipeline could not be built: a StartProblem (what, and when the next attempt comes)
    start_failed = Signal(object)
    #: the pipeline is built (after failed attempts too): polling has begun
    started = Signal()
    stopped = Signal()
    #: (Config, ConfigDiff) once a configuration is applied (apply_config): display keys for the window
    config_applied = Signal(object, object)
    _ack = Signal(str, str)
    _wake = Signal()
    _apply = Signal(object)
    _call = Signal(object)
    _retry = Signal()

    def __init__(self, build: Callable[[], Pipeline], *, poll_ms: int = 1000,
                 min_snapshot_interval_s: float = 2.0, retry_delays_s: Sequence[float] = BACKOFF_S,
                 data_dir: Path | None = None,
                 rebuild: Callable[[Config], Pipeline] | None = None,
                 idle_refresh_s: float = IDLE_REFRESH_S) -> None:
        super().__init__()
        self._retry_delays = tuple(retry_delays_s)
        self._data_dir = data_dir
        #: failed attempts to build the pipeline since the last success
        self.failed_starts = 0
        self._retry_timer: QTimer | None = None
        self._build = build
        self._rebuild = rebuild
        self._poll_ms = poll_ms
        self._min_interval = min_snapshot_interval_s
        self._pipeline: Pipeline | None = None
        self._timer: QTimer | None = None
        self._last_emit = 0.0
        self._idle_refresh = idle_refresh_s
        self._dirty = True  # something changed since the last snapshot: build one when the interval allows
        #: poll cycles run so far (read by tests from the GUI thread)
        self.polls = 0
        self._woken = threading.Event()
        self.worker_thread = QThread()
        self.worker_thread.setObjectName("newsroom-worker")
        self.moveToThread(self.worker_thread)
        self.worker_thread.started.connect(self._start)
        self._ack.connect(self._acknowledge)
        self._wake.connect(self._poll)
        self._apply.connect(self._apply_config)
        self._call.connect(self._run_call)
        self._retry.connect(self._retry_now)

    def start(self) -> None:
        """Start the thread; the pipeline is built there."""
        thread_keeper.live.add(self)
        self.worker_thread.start()

    @Slot()
    def _start(self) -> None:
        try:
            self._pipeline = self._build()
        except Exception as exc:
            self._start_failed(exc)
            return
        if self.failed_starts:
            log.info("the pipeline started after %d failed attempts", self.failed_starts)
        self.failed_starts = 0
        self.started.emit()
        if isinstance(self._pipeline.poller, Poller):  # a fetch that ends is taken in at once
            self._pipeline.poller.set_listener(self._fetch_ended)
        self._timer = QTimer()
        self._timer.setInterval(self._poll_ms)
        self._timer.timeout.connect(self._poll)
        self._timer.start()
        self._poll()

    def _start_failed(self, exc: Exception) -> None:
        """Say why, and try again after the next pause of the back-off (the thread keeps running)."""
        self.failed_starts += 1
        code, detail = classify(exc, self._data_dir)
        delay = retry_delay(self.failed_starts, self._retry_delays)
        if self.failed_starts == 1:
            log.exception("could not start the pipeline (%s); trying again in %.0f s", code, delay)
        else:
            log.warning("could not start the pipeline (attempt %d, %s: %s); trying again in %.0f s",
                        self.failed_starts, code, exc, delay)
        if self._retry_timer is None:
            self._retry_timer = QTimer()
            self._retry_timer.setSingleShot(True)
            self._retry_timer.timeout.connect(self._start)
        self._retry_timer.start(max(1, round(delay * 1000)))
        self.start_failed.emit(StartProblem(code, detail, self.failed_starts, delay))

    def retry_now(self) -> None:
        """Try to build the pipeline at once instead of after the pause (thread-safe; no-op once it runs)."""
        self._retry.emit()

    @Slot()
    def _retry_now(self) -> None:
        if self._pipeline is None and self._retry_timer is not None and self._retry_timer.isActive():
            self._retry_timer.stop()
            self._start()

    def _fetch_ended(self) -> None:
        """Called on a fetch thread: one queued poll for any number of fetches that end meanwhile."""
        if not self._woken.is_set():
            self._woken.set()
            self._wake.emit()

    @Slot()
    def _poll(self) -> None:
        self._woken.clear()
        pipeline = self._pipeline
        if pipeline is None:
            return
        try:
            report = pipeline.poll_once()
            self.polls += 1
            # a fetch that ended changed the sources' health even when it brought nothing new
            self._dirty = self._dirty or report.results > 0 or report.new > 0 or report.errors > 0
            now = time.monotonic()
            since = now - self._last_emit
            if since >= self._min_interval and (self._dirty or since >= self._idle_refresh):
                snapshot: WallSnapshot = pipeline.snapshot()
                self._last_emit = now
                self._dirty = False
                self.snapshot_ready.emit(snapshot)
        except Exception as exc:  # keep polling: the next cycle may work
            log.exception("poll cycle failed")
            self.error.emit(str(exc))

    def acknowledge(self, alert_id: str, by: str = "wall") -> None:
        """Ask the worker (thread-safe) to record an acknowledgement."""
        self._ack.emit(alert_id, by)

    @Slot(str, str)
    def _acknowledge(self, alert_id: str, by: str) -> None:
        if self._pipeline is not None:
            self._pipeline.acknowledge(alert_id, by)
            self._last_emit = 0.0
            self._dirty = True
            self._poll()

    def apply_config(self, config: Config) -> None:
        """Ask the worker (thread-safe, queued) to run on ``config`` from now on, without a restart:
        ``Pipeline.reconfigure`` (new searches poll, removed ones and their topics go, thresholds at
        once). A demo wall given a configuration with searches is rebuilt on it (``rebuild``). Then
        ``config_applied(config, diff)`` is emitted and a fresh snapshot follows at once."""
        self._apply.emit(config)

    @Slot(object)
    def _apply_config(self, config: Config) -> None:
        pipeline = self._pipeline
        if pipeline is None:  # not running: the next start reads the saved file
            return
        try:
            old_poller = pipeline.poller
            if pipeline.demo and self._rebuild is not None and config.searches:
                diff: ConfigDiff = config_diff(pipeline.config, config)
                built = self._rebuild(config)  # first: should it fail, the demo goes on
                self._pipeline = None
                pipeline.close()
                pipeline = self._pipeline = built
                log.info("the demo made way for the configured wall")
            else:
                diff = pipeline.reconfigure(config)
            if pipeline.poller is not old_poller:
                if isinstance(old_poller, Poller):
                    old_poller.set_listener(None)
                if isinstance(pipeline.poller, Poller):
                    pipeline.poller.set_listener(self._fetch_ended)
            self._min_interval = float(config.get("display.refresh_s"))
            self.config_applied.emit(config, diff)
        except Exception as exc:
            log.exception("applying the new settings failed")
            self.error.emit(f"the new settings could not be applied: {exc}")
            return
        self._last_emit = 0.0
        self._dirty = True
        self._poll()

    def call(self, fn: Callable[[Pipeline], object]) -> None:
        """Run ``fn(pipeline)`` on the worker thread, between two polls (thread-safe; e.g. gathering the
        briefing from the store). Dropped when the pipeline is not running; an exception is logged."""
        self._call.emit(fn)

    @Slot(object)
    def _run_call(self, fn: Callable[[Pipeline], object]) -> None:
        if self._pipeline is None:
            log.info("a job for the pipeline was dropped: it is not running")
            return
        try:
            fn(self._pipeline)
        except Exception:
            log.exception("a job on the pipeline thread failed")

    @Slot()
    def _shutdown(self) -> None:
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer.deleteLater()
            self._retry_timer = None
        if self._timer is not None:
            self._timer.stop()
            self._timer.deleteLater()
            self._timer = None
        pipeline, self._pipeline = self._pipeline, None
        try:
            if pipeline is not None:
                pipeline.close()  # the poller first: it does not wait for requests in flight
        except Exception:
            log.exception("closing the pipeline failed")
        finally:
            self.worker_thread.quit()

    def stop(self, timeout_ms: int = STOP_TIMEOUT_MS) -> bool:
        """Stop the timer and close the pipeline on the worker thread, then end the thread.

        True when the thread has ended. False when it is still busy after ``timeout_ms``: it is then
        kept (never destroyed while running) and ends on its own; the caller may call ``stop`` again.
        """
        if not end_thread(self, self.worker_thread, "pipeline", timeout_ms):
            return False
        self.stopped.emit()
        return True

