"""The wall's worker when the wall only reads the store a collector writes (``newsroom --store …``).

Same signals and public methods as :class:`newsroom.ui.worker.PipelineWorker`, so the window, the
instance lock and the settings dialog use it alike; but nothing is polled or analysed here. On its own
QThread it waits for the store's change counter in short slices (``Store.wait_change``: a poll of the
counter on SQLite, LISTEN/NOTIFY on PostgreSQL), so ``stop`` is prompt, and builds a snapshot with a
:class:`~newsroom.pipeline.reader.SnapshotReader` when something changed (throttled like the pipeline's)
or at least every IDLE_REFRESH_S (parts of the wall move with the clock). Acknowledgements are written
to the store, where every wall sees them.

A store that cannot be reached once the wall showed data (a database server gone, a share unmounted)
leaves the last picture on the wall with the notice "connection to the database lost since HH:MM", and
the worker reconnects by itself after growing pauses (RECONNECT_S); acknowledgements made meanwhile are
written then. A store that cannot be opened at the start is a start problem, as for the pipeline.
This module imports none of the analysis (tests/ui/test_reader_worker.py checks it in a subprocess).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from newsroom.config import Config, ConfigDiff, config_diff
from newsroom.domain import WallSnapshot, utcnow
from newsroom.localtime import to_local
from newsroom.pipeline.reader import SnapshotReader
from newsroom.pipeline.start_problem import BACKOFF_S, StartProblem, classify, retry_delay
from newsroom.ui import thread_keeper
from newsroom.ui.thread_keeper import STOP_TIMEOUT_MS, end_thread
from newsroom.ui.widgets.spark_ahead import SparkAhead, draw_ahead

log = logging.getLogger("newsroom.ui.reader_worker")

#: the longest a wait for the store's change counter blocks the thread (acks and stop wait this at most)
SLICE_S = 0.25
#: a snapshot at least this often when nothing changed (the clock-driven parts of the wall, and a
#: fallback should a change signal be missed)
IDLE_REFRESH_S = 10.0
#: pauses before the next attempt to reach a store that was lost
RECONNECT_S: tuple[float, ...] = (1, 2, 5, 10, 20, 30)
#: the notice code of a lost store (``newsroom.ui.messages.notice``); its detail is the local HH:MM
STORE_LOST = "store_lost"


class ReaderWorker(QObject):
    """Lives on its own QThread; never touches a widget. Only frozen snapshots leave it."""

    snapshot_ready = Signal(object)
    error = Signal(str)
    #: the store could not be opened at the start: a StartProblem (what, and when the next attempt comes)
    start_failed = Signal(object)
    #: the store is open (after failed attempts too): snapshots follow
    started = Signal()
    stopped = Signal()
    #: (Config, ConfigDiff) once a configuration is applied (apply_config): display keys for the window
    config_applied = Signal(object, object)
    _ack = Signal(str, str)
    _apply = Signal(object)
    _call = Signal(object)
    _retry = Signal()
    _reopen = Signal()

    def __init__(self, open_reader: Callable[[], SnapshotReader], *, config: Config | None = None,
                 min_snapshot_interval_s: float = 2.0, idle_refresh_s: float = IDLE_REFRESH_S,
                 slice_s: float = SLICE_S, retry_delays_s: Sequence[float] = BACKOFF_S,
                 reconnect_delays_s: Sequence[float] = RECONNECT_S, data_dir: Path | None = None) -> None:
        super().__init__()
        self._open_reader = open_reader
        self._config = config
        self._min_interval = min_snapshot_interval_s
        self._idle_refresh = idle_refresh_s
        self._slice_s = slice_s
        self._retry_delays = tuple(retry_delays_s)
        self._reconnect_delays = tuple(reconnect_delays_s)
        self._data_dir = data_dir
        self._reader: SnapshotReader | None = None
        self._seen = -1  # the change counter the last snapshot showed (-1: none yet)
        self._dirty = True
        self._last_emit = 0.0
        self._last: WallSnapshot | None = None
        #: failed attempts to open the store at the start (since the last success)
        self.failed_starts = 0
        #: failed attempts to reach the store again since it was lost
        self.failed_reconnects = 0
        #: the local time the store was lost ("HH:MM"); None while it is reachable
        self.lost_since: str | None = None
        #: snapshots emitted so far (read by tests from the GUI thread)
        self.polls = 0
        self._pending_acks: list[tuple[str, str]] = []
        self._ever_started = False
        self._tick_timer: QTimer | None = None
        self._retry_timer: QTimer | None = None
        #: the wall's sparkline pictures, drawn here after each snapshot for the tiles' sizes
        #: (newsroom.ui.widgets.spark_ahead; set by ``connect_worker`` before ``start``)
        self.spark_ahead: SparkAhead | None = None
        self.worker_thread = QThread()
        self.worker_thread.setObjectName("newsroom-reader")
        self.moveToThread(self.worker_thread)
        self.worker_thread.started.connect(self._start)
        self._ack.connect(self._acknowledge)
        self._apply.connect(self._apply_config)
        self._call.connect(self._run_call)
        self._retry.connect(self._retry_now)
        self._reopen.connect(self._reopen_now)

    def start(self) -> None:
        """Start the thread; the store is opened there."""
        thread_keeper.live.add(self)
        self.worker_thread.start()

    # --- opening and reopening the store -------------------------------------------------------

    def _open(self) -> SnapshotReader:
        reader = self._open_reader()
        if self._config is not None:
            reader.apply_config(self._config)
        return reader

    @Slot()
    def _start(self) -> None:
        try:
            self._reader = self._open()
        except Exception as exc:
            self._start_failed(exc)
            return
        if self.failed_starts:
            log.info("the store opened after %d failed attempts", self.failed_starts)
        self.failed_starts = 0
        self._ever_started = True
        self.started.emit()
        self._tick_timer = QTimer()
        self._tick_timer.setInterval(0)  # each tick waits up to one slice for a change
        self._tick_timer.timeout.connect(self._tick)
        self._tick_timer.start()

    def _start_failed(self, exc: Exception) -> None:
        self.failed_starts += 1
        code, detail = classify(exc, self._data_dir)
        delay = retry_delay(self.failed_starts, self._retry_delays)
        log.warning("could not open the store (attempt %d, %s: %s); trying again in %.0f s",
                    self.failed_starts, code, exc, delay)
        self._retry_in(delay)
        self.start_failed.emit(StartProblem(code, detail, self.failed_starts, delay))

    def _retry_in(self, delay_s: float) -> None:
        """The next attempt to open the store (at the start) or to reach it again (once it was lost)."""
        if self._retry_timer is None:
            self._retry_timer = QTimer()
            self._retry_timer.setSingleShot(True)
            self._retry_timer.timeout.connect(self._retry_due)
        self._retry_timer.start(max(1, round(delay_s * 1000)))

    @Slot()
    def _retry_due(self) -> None:
        (self._reconnect if self._ever_started else self._start)()

    def retry_now(self) -> None:
        """Try to open the store at once instead of after the pause (thread-safe)."""
        self._retry.emit()

    @Slot()
    def _retry_now(self) -> None:
        if self._reader is None and self._retry_timer is not None and self._retry_timer.isActive():
            self._retry_timer.stop()
            self._retry_due()

    def reopen(self) -> None:
        """Close the store and open it again through the opener (thread-safe): the opener now leads to
        another store (a demo wall given a configuration reads the configured collector's store)."""
        self._reopen.emit()

    @Slot()
    def _reopen_now(self) -> None:
        for timer in (self._retry_timer, self._tick_timer):
            if timer is not None:
                timer.stop()
        reader, self._reader = self._reader, None
        if reader is not None:
            with contextlib.suppress(Exception):
                reader.close()
        if self._tick_timer is not None:
            self._tick_timer.deleteLater()
            self._tick_timer = None
        self._ever_started = False
        self.failed_starts = self.failed_reconnects = 0
        self.lost_since = None
        self._seen, self._last_emit, self._dirty = -1, 0.0, True
        self._start()

    def _lost(self, exc: Exception) -> None:
        """The store cannot be reached: the last picture stays, with a notice; reconnect later."""
        reader, self._reader = self._reader, None
        if reader is not None:
            with contextlib.suppress(Exception):
                reader.close()
        if self._tick_timer is not None:  # no ticks until the store is back (a tick would find no reader)
            self._tick_timer.stop()
        if self.lost_since is None:
            self.lost_since = f"{to_local(utcnow()):%H:%M}"
            log.error("the store cannot be reached (%s: %s); the wall keeps its last picture and "
                      "reconnects by itself", type(exc).__name__, exc)
            if self._last is not None:
                notices = (*self._last.notices, (STORE_LOST, self.lost_since))
                self.snapshot_ready.emit(replace(self._last, notices=notices))
        delay = retry_delay(self.failed_reconnects + 1, self._reconnect_delays)
        self._retry_in(delay)

    @Slot()
    def _reconnect(self) -> None:
        try:
            self._reader = self._open()
            for alert_id, by in self._pending_acks:
                self._reader.acknowledge(alert_id, by)
        except Exception as exc:
            self.failed_reconnects += 1
            log.warning("the store is still out of reach (attempt %d: %s)", self.failed_reconnects, exc)
            self._lost(exc)
            return
        log.info("the store is reachable again (lost since %s, %d attempts)", self.lost_since,
                 self.failed_reconnects + 1)
        self._pending_acks.clear()
        self.lost_since = None
        self.failed_reconnects = 0
        self._seen = -1
        self._last_emit = 0.0
        self._dirty = True
        if self._tick_timer is not None:
            self._tick_timer.start()

    # --- snapshots ------------------------------------------------------------------------------

    @Slot()
    def _tick(self) -> None:
        reader = self._reader
        if reader is None:
            return
        try:
            counter = reader.store.wait_change(self._seen, self._slice_s)
            acked = False
            if counter != self._seen:
                self._seen = counter
                self._dirty = True
                acked = self._acknowledged_elsewhere(reader)
            now = time.monotonic()
            since = now - self._last_emit
            if acked or (since >= self._min_interval and (self._dirty or since >= self._idle_refresh)):
                snapshot = reader.snapshot()
                self._draw_ahead(snapshot)
                self._last, self._last_emit, self._dirty = snapshot, now, False
                self.polls += 1
                self.snapshot_ready.emit(snapshot)
        except Exception as exc:  # sqlite3.Error, psycopg.Error, OSError: the store is out of reach
            self._lost(exc)

    def _draw_ahead(self, snapshot: WallSnapshot) -> None:
        """The sparkline pictures of ``snapshot``'s tiles, drawn here so that the GUI thread only copies
        them (a failure leaves the GUI to draw them itself)."""
        ahead = self.spark_ahead
        if ahead is None:
            return
        try:
            draw_ahead(ahead, snapshot.topics)
        except Exception:
            log.exception("drawing the sparklines ahead failed; the wall draws them itself")

    def _acknowledged_elsewhere(self, reader: SnapshotReader) -> bool:
        """True when an alert the wall shows as unseen was acknowledged since (on another wall): its
        banner must clear within a second, not after the refresh throttle. One small read per change."""
        last = self._last
        if last is None or self._last_emit == 0.0:
            return False
        unseen = {a.id for a in last.alerts if a.acknowledged_by is None}
        if not unseen:
            return False
        return any(a.id in unseen and a.acknowledged_by is not None for a in reader.store.active_alerts())

    def acknowledge(self, alert_id: str, by: str = "wall") -> None:
        """Ask the worker (thread-safe) to record an acknowledgement in the store."""
        self._ack.emit(alert_id, by)

    @Slot(str, str)
    def _acknowledge(self, alert_id: str, by: str) -> None:
        reader = self._reader
        if reader is None:  # written once the store is back
            self._pending_acks.append((alert_id, by))
            return
        try:
            reader.acknowledge(alert_id, by)
        except Exception as exc:
            self._pending_acks.append((alert_id, by))
            self._lost(exc)
            return
        self._last_emit = 0.0  # the banner clears at once, not after the throttle
        self._dirty = True

    def apply_config(self, config: Config) -> None:
        """Ask the worker (thread-safe, queued) to show the wall with ``config``'s display settings; then
        ``config_applied(config, diff)`` is emitted and a fresh snapshot follows."""
        self._apply.emit(config)

    @Slot(object)
    def _apply_config(self, config: Config) -> None:
        diff: ConfigDiff = config_diff(self._config or Config(), config)
        self._config = config
        self._min_interval = float(config.get("display.refresh_s"))
        if self._reader is not None:
            self._reader.apply_config(config)
        self.config_applied.emit(config, diff)
        self._last_emit = 0.0
        self._dirty = True

    def call(self, fn: Callable[[SnapshotReader], object]) -> None:
        """Run ``fn(reader)`` on the worker thread (thread-safe). Dropped when the store is not open."""
        self._call.emit(fn)

    @Slot(object)
    def _run_call(self, fn: Callable[[SnapshotReader], object]) -> None:
        if self._reader is None:
            log.info("a job for the reader was dropped: the store is not open")
            return
        try:
            fn(self._reader)
        except Exception:
            log.exception("a job on the reader thread failed")

    # --- stopping -------------------------------------------------------------------------------

    @Slot()
    def _shutdown(self) -> None:
        for timer in (self._retry_timer, self._tick_timer):
            if timer is not None:
                timer.stop()
                timer.deleteLater()
        self._retry_timer = self._tick_timer = None
        reader, self._reader = self._reader, None
        try:
            if reader is not None:
                reader.close()
        except Exception:
            log.exception("closing the store failed")
        finally:
            self.worker_thread.quit()

    def stop(self, timeout_ms: int = STOP_TIMEOUT_MS) -> bool:
        """Close the store on the worker thread and end the thread; True when it has ended (False: still
        busy after ``timeout_ms``; it is kept referenced and ends on its own)."""
        if not end_thread(self, self.worker_thread, "reader", timeout_ms):
            return False
        self.stopped.emit()
        return True

