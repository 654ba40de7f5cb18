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
The thread, the start and its retries, jobs and the stop are newsroom.ui.thread_worker's, shared with
the pipeline's worker. This module imports none of the analysis (tests/ui/test_reader_worker.py checks
it in a subprocess).
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal, Slot

from newsroom.config import Config, ConfigDiff, config_diff
from newsroom.domain import WallSnapshot, utcnow
from newsroom.localtime import to_local
from newsroom.pipeline.reader import SnapshotReader
from newsroom.pipeline.start_problem import BACKOFF_S, retry_delay
from newsroom.ui.thread_worker import ThreadWorker
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


class ReaderWorker(ThreadWorker[SnapshotReader]):
    """Lives on its own QThread; never touches a widget. Only frozen snapshots leave it."""

    log = log
    thread_name = "newsroom-reader"
    kind = "reader"
    target_name = "store"
    open_verb = ("open", "opened")
    _reopen = Signal()

    def __init__(self, open_reader: Callable[[], SnapshotReader], *, config: Config | None = None,
                 min_snapshot_interval_s: float = 2.0, idle_refresh_s: float = IDLE_REFRESH_S,
                 slice_s: float = SLICE_S, retry_delays_s: Sequence[float] = BACKOFF_S,
                 reconnect_delays_s: Sequence[float] = RECONNECT_S, data_dir: Path | None = None) -> None:
        super().__init__(min_snapshot_interval_s=min_snapshot_interval_s, idle_refresh_s=idle_refresh_s,
                         retry_delays_s=retry_delays_s, data_dir=data_dir)
        self._open_reader = open_reader
        self._config = config
        self._slice_s = slice_s
        self._reconnect_delays = tuple(reconnect_delays_s)
        self._seen = -1  # the change counter the last snapshot showed (-1: none yet)
        self._last: WallSnapshot | None = None
        #: failed attempts to reach the store again since it was lost
        self.failed_reconnects = 0
        #: the local time the store was lost ("HH:MM"); None while it is reachable
        self.lost_since: str | None = None
        #: snapshots emitted so far (read by tests from the GUI thread)
        self.polls = 0
        self._pending_acks: list[tuple[str, str]] = []
        self._ever_started = False
        #: the wall's sparkline pictures, drawn here after each snapshot for the tiles' sizes
        #: (newsroom.ui.widgets.spark_ahead; set by ``connect_worker`` before ``start``)
        self.spark_ahead: SparkAhead | None = None
        self._reopen.connect(self._reopen_now)

    # --- opening and reopening the store -------------------------------------------------------

    def _open(self) -> SnapshotReader:
        reader = self._open_reader()
        if self._config is not None:
            reader.apply_config(self._config)
        return reader

    def _begin(self, target: SnapshotReader) -> None:
        self._ever_started = True
        self._run_steps(self._tick, 0)  # each tick waits up to one slice for a change

    @Slot()
    def _retry_due(self) -> None:
        """The next attempt to open the store (at the start) or to reach it again (once it was lost)."""
        (self._reconnect if self._ever_started else self._start)()

    def reopen(self) -> None:
        """Close the store and open it again through the opener (thread-safe): the opener now leads to
        another store (a demo wall given a configuration reads the configured collector's store)."""
        self._reopen.emit()

    def _close_quietly(self) -> None:
        """Let go of the store without a word (it may be out of reach already)."""
        reader, self._target = self._target, None
        if reader is not None:
            with contextlib.suppress(Exception):
                reader.close()

    @Slot()
    def _reopen_now(self) -> None:
        for timer in (self._retry_timer, self._step_timer):
            if timer is not None:
                timer.stop()
        self._close_quietly()
        if self._step_timer is not None:
            self._step_timer.deleteLater()
            self._step_timer = None
        self._ever_started = False
        self.failed_starts = self.failed_reconnects = 0
        self.lost_since = None
        self._seen = -1
        self._refresh_at_once()
        self._start()

    def _lost(self, exc: Exception) -> None:
        """The store cannot be reached: the last picture stays, with a notice; reconnect later."""
        self._close_quietly()
        if self._step_timer is not None:  # no ticks until the store is back (a tick would find no reader)
            self._step_timer.stop()
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
            self._target = self._open()
            for alert_id, by in self._pending_acks:
                self._target.acknowledge(alert_id, by)
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
        self._refresh_at_once()
        if self._step_timer is not None:
            self._step_timer.start()

    # --- snapshots ------------------------------------------------------------------------------

    @Slot()
    def _tick(self) -> None:
        reader = self._target
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
            if acked or self._snapshot_due(now):
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
        if last is None or self._last_emit is None:
            return False
        unseen = {a.id for a in last.alerts if a.acknowledged_by is None}
        if not unseen:
            return False
        return any(a.id in unseen and a.acknowledged_by is not None for a in reader.store.active_alerts())

    @Slot(str, str)
    def _acknowledge(self, alert_id: str, by: str) -> None:
        """Record an acknowledgement in the store, where every wall sees it; while the store is out of
        reach, once it is back."""
        reader = self._target
        if reader is None:  # written once the store is back
            self._pending_acks.append((alert_id, by))
            return
        try:
            reader.acknowledge(alert_id, by)
        except Exception as exc:
            self._pending_acks.append((alert_id, by))
            self._lost(exc)
            return
        self._refresh_at_once()  # the banner clears at once, not after the throttle

    @Slot(object)
    def _apply_config(self, config: Config) -> None:
        """Show the wall with ``config``'s display settings."""
        diff: ConfigDiff = config_diff(self._config or Config(), config)
        self._config = config
        self._min_interval = float(config.get("display.refresh_s"))
        if self._target is not None:
            self._target.apply_config(config)
        self.config_applied.emit(config, diff)
        self._refresh_at_once()
