"""The one worker thread: builds the pipeline there, polls on a timer, emits snapshots (throttled)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from newsroom.domain import WallSnapshot
from newsroom.pipeline.runner import Pipeline

log = logging.getLogger("newsroom.ui.worker")


class PipelineWorker(QObject):
    """Lives on its own QThread; never touches a widget. Only frozen snapshots leave it."""

    snapshot_ready = Signal(object)
    error = Signal(str)
    stopped = Signal()
    _ack = Signal(str, str)

    def __init__(self, build: Callable[[], Pipeline], *, poll_ms: int = 1000,
                 min_snapshot_interval_s: float = 2.0) -> None:
        super().__init__()
        self._build = build
        self._poll_ms = poll_ms
        self._min_interval = min_snapshot_interval_s
        self._pipeline: Pipeline | None = None
        self._timer: QTimer | None = None
        self._last_emit = 0.0
        self._dirty = True
        self.worker_thread = QThread()
        self.worker_thread.setObjectName("newsroom-worker")
        self.moveToThread(self.worker_thread)
        self.worker_thread.started.connect(self._start)
        self._ack.connect(self._acknowledge)

    def start(self) -> None:
        """Start the thread; the pipeline is built there."""
        self.worker_thread.start()

    @Slot()
    def _start(self) -> None:
        try:
            self._pipeline = self._build()
        except Exception as exc:
            log.exception("could not start the pipeline")
            self.error.emit(str(exc))
            return
        self._timer = QTimer()
        self._timer.setInterval(self._poll_ms)
        self._timer.timeout.connect(self._poll)
        self._timer.start()
        self._poll()

    @Slot()
    def _poll(self) -> None:
        pipeline = self._pipeline
        if pipeline is None:
            return
        try:
            report = pipeline.poll_once()
            self._dirty = self._dirty or report.new > 0 or report.errors > 0
            now = time.monotonic()
            if now - self._last_emit >= self._min_interval:
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
            self._poll()

    @Slot()
    def _shutdown(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer.deleteLater()
            self._timer = None
        if self._pipeline is not None:
            self._pipeline.close()
            self._pipeline = None
        self.worker_thread.quit()

    def stop(self, timeout_ms: int = 10_000) -> bool:
        """Stop the timer and close the pipeline on the worker thread, then end the thread."""
        if self.worker_thread.isRunning():
            from PySide6.QtCore import QMetaObject, Qt

            QMetaObject.invokeMethod(self, "_shutdown", Qt.ConnectionType.QueuedConnection)
            finished = self.worker_thread.wait(timeout_ms)
        else:
            finished = True
        self.stopped.emit()
        return bool(finished)
