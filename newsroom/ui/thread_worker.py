"""What the wall's two workers share: the pipeline's (newsroom.ui.worker) and the store reader's
(newsroom.ui.reader_worker).

The same signals and public methods, so that the window, the instance lock and the settings dialog use
either alike; their own QThread, kept referenced by newsroom.ui.thread_keeper while it runs; a start
that is tried again after growing pauses (each failure a ``StartProblem`` for the wall's full-screen
notice, a later success ``started``); the snapshot throttle; jobs run on that thread between two steps;
and a stop that closes what the worker opened, on its own thread. A subclass says what it opens
(``_open``), what it does once that is open (``_begin``: its repeating step, ``_run_steps``) and how it
takes an acknowledgement and a new configuration. Nothing of the analysis is imported here: a reading
wall imports none of it.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import ClassVar, Generic, Protocol, TypeVar

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from newsroom.config import Config
from newsroom.pipeline.start_problem import BACKOFF_S, StartProblem, classify, retry_delay
from newsroom.ui import thread_keeper
from newsroom.ui.thread_keeper import STOP_TIMEOUT_MS, end_thread


class Closable(Protocol):
    def close(self) -> None: ...


#: what a worker opens and works on: the pipeline, or the snapshot reader of a store
T = TypeVar("T", bound=Closable)


class ThreadWorker(QObject, Generic[T]):
    """Lives on its own QThread; never touches a widget. Only frozen snapshots leave it."""

    snapshot_ready = Signal(object)
    error = Signal(str)
    #: the worker could not start: a StartProblem (what, and when the next attempt comes)
    start_failed = Signal(object)
    #: the worker has started (after failed attempts too): snapshots follow
    started = Signal()
    stopped = Signal()
    #: (Config, ConfigDiff) once a configuration is applied (apply_config): display keys for the window
    config_applied = Signal(object, object)
    _ack = Signal(str, str)
    _apply = Signal(object)
    _call = Signal(object)
    _retry = Signal()

    #: the subclass's logger
    log: ClassVar[logging.Logger]
    #: the QThread's object name
    thread_name: ClassVar[str]
    #: the worker in the log: "pipeline", "reader"
    kind: ClassVar[str]
    #: what it opens, and the words for opening it, in the log: "pipeline", "start", "started"
    target_name: ClassVar[str]
    open_verb: ClassVar[tuple[str, str]]

    def __init__(self, *, min_snapshot_interval_s: float, idle_refresh_s: float,
                 retry_delays_s: Sequence[float] = BACKOFF_S, data_dir: Path | None = None) -> None:
        super().__init__()
        self._min_interval = min_snapshot_interval_s
        self._idle_refresh = idle_refresh_s
        self._retry_delays = tuple(retry_delays_s)
        self._data_dir = data_dir
        #: what ``_open`` gave; None before the start, after a failed one and once stopped
        self._target: T | None = None
        #: failed attempts to start since the last success
        self.failed_starts = 0
        self._retry_timer: QTimer | None = None
        self._step_timer: QTimer | None = None
        #: time.monotonic() of the last snapshot sent; None: none yet, or the next one is due at once
        self._last_emit: float | None = None
        self._dirty = True  # something changed since the last snapshot: build one when the throttle allows
        self.worker_thread = QThread()
        self.worker_thread.setObjectName(self.thread_name)
        self.moveToThread(self.worker_thread)
        self.worker_thread.started.connect(self._start)
        self._ack.connect(self._acknowledge)
        self._apply.connect(self._apply_config)
        self._call.connect(self._run_call)
        self._retry.connect(self._retry_now)

    def start(self) -> None:
        """Start the thread; the worker opens what it works on there."""
        thread_keeper.live.add(self)
        self.worker_thread.start()

    # --- what a subclass does -----------------------------------------------------------------------

    def _open(self) -> T:
        """Build or open what the worker works on (on its thread; an exception is a failed start)."""
        raise NotImplementedError

    def _begin(self, target: T) -> None:
        """Called once ``target`` is open and ``started`` emitted: begin the steps."""
        raise NotImplementedError

    @Slot(str, str)
    def _acknowledge(self, alert_id: str, by: str) -> None:
        raise NotImplementedError

    @Slot(object)
    def _apply_config(self, config: Config) -> None:
        raise NotImplementedError

    # --- starting, and trying again -----------------------------------------------------------------

    @Slot()
    def _start(self) -> None:
        try:
            target = self._open()
        except Exception as exc:
            self._start_failed(exc)
            return
        self._target = target
        if self.failed_starts:
            self.log.info("the %s %s after %d failed attempts", self.target_name, self.open_verb[1],
                          self.failed_starts)
        self.failed_starts = 0
        self.started.emit()
        self._begin(target)

    def _start_failed(self, exc: Exception) -> None:
        """Say why, and try again after the next pause of the back-off (the thread keeps running)."""
        self.failed_starts += 1
        code, detail = classify(exc, self._data_dir)
        delay = retry_delay(self.failed_starts, self._retry_delays)
        self._log_start_failed(exc, code, delay)
        self._retry_in(delay)
        self.start_failed.emit(StartProblem(code, detail, self.failed_starts, delay))

    def _log_start_failed(self, exc: Exception, code: str, delay: float) -> None:
        self.log.warning("could not %s the %s (attempt %d, %s: %s); trying again in %.0f s",
                         self.open_verb[0], self.target_name, self.failed_starts, code, exc, delay)

    def _retry_in(self, delay_s: float) -> None:
        """The next attempt (``_retry_due``) after ``delay_s``."""
        if self._retry_timer is None:
            self._retry_timer = QTimer()
            self._retry_timer.setSingleShot(True)
            self._retry_timer.timeout.connect(self._retry_due)
        self._retry_timer.start(max(1, round(delay_s * 1000)))

    @Slot()
    def _retry_due(self) -> None:
        self._start()

    def retry_now(self) -> None:
        """Try again at once instead of after the pause (thread-safe; no-op while the worker runs)."""
        self._retry.emit()

    @Slot()
    def _retry_now(self) -> None:
        if self._target is None and self._retry_timer is not None and self._retry_timer.isActive():
            self._retry_timer.stop()
            self._retry_due()

    # --- steps and the snapshot throttle ------------------------------------------------------------

    def _run_steps(self, step: Callable[[], None], interval_ms: int) -> None:
        """Call ``step`` every ``interval_ms`` on this thread until the worker stops."""
        self._step_timer = QTimer()
        self._step_timer.setInterval(interval_ms)
        self._step_timer.timeout.connect(step)
        self._step_timer.start()

    def _snapshot_due(self, now: float) -> bool:
        """True when a snapshot is to be built at ``now`` (time.monotonic): something changed and the
        throttle allows, or nothing did for the idle refresh (parts of the wall move with the clock)."""
        # (not 0.0 for "never": time.monotonic() counts from the machine's start, so a wall started less
        # than the throttle after a kiosk boots would have waited for its first picture)
        since = math.inf if self._last_emit is None else now - self._last_emit
        return since >= self._min_interval and (self._dirty or since >= self._idle_refresh)

    def _refresh_at_once(self) -> None:
        """The next snapshot is built whatever the throttle says (an acknowledgement, new settings)."""
        self._last_emit = None
        self._dirty = True

    # --- requests from other threads ----------------------------------------------------------------

    def acknowledge(self, alert_id: str, by: str = "wall") -> None:
        """Ask the worker (thread-safe) to record an acknowledgement."""
        self._ack.emit(alert_id, by)

    def apply_config(self, config: Config) -> None:
        """Ask the worker (thread-safe, queued) to run on ``config`` from now on; then
        ``config_applied(config, diff)`` is emitted and a fresh snapshot follows."""
        self._apply.emit(config)

    def call(self, fn: Callable[[T], object]) -> None:
        """Run ``fn(target)`` on the worker thread, between two steps (thread-safe; e.g. gathering the
        briefing from the store). Dropped when the worker is not running; an exception is logged."""
        self._call.emit(fn)

    @Slot(object)
    def _run_call(self, fn: Callable[[T], object]) -> None:
        if self._target is None:
            self.log.info("a job for the %s was dropped: it is not running", self.kind)
            return
        try:
            fn(self._target)
        except Exception:
            self.log.exception("a job on the %s thread failed", self.kind)

    # --- stopping -----------------------------------------------------------------------------------

    @Slot()
    def _shutdown(self) -> None:
        for timer in (self._retry_timer, self._step_timer):
            if timer is not None:
                timer.stop()
                timer.deleteLater()
        self._retry_timer = self._step_timer = None
        target, self._target = self._target, None
        try:
            if target is not None:
                target.close()
        except Exception:
            self.log.exception("closing the %s failed", self.target_name)
        finally:
            self.worker_thread.quit()

    def stop(self, timeout_ms: int = STOP_TIMEOUT_MS) -> bool:
        """Close what the worker opened, on its thread, then end the thread.

        True when the thread has ended. False when it is still busy after ``timeout_ms``: it is then
        kept (never destroyed while running) and ends on its own; the caller may call ``stop`` again.
        """
        if not end_thread(self, self.worker_thread, self.kind, timeout_ms):
            return False
        self.stopped.emit()
        return True
