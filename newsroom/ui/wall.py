"""The wall window: top bar, alert banner, topic tiles (most urgent first), newest mentions."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLayout, QVBoxLayout, QWidget

from newsroom.domain import AlertScope, AlertState, WallSnapshot, utcnow
from newsroom.ui import messages, theme
from newsroom.ui.widgets.banner import AlertBanner, queue
from newsroom.ui.widgets.text import plain_label
from newsroom.ui.widgets.ticker import Ticker
from newsroom.ui.widgets.tile import TopicTile
from newsroom.ui.widgets.topbar import TopBar

log = logging.getLogger("newsroom.ui.wall")

COLUMNS = 3
MAX_TILES = 6
NOTICE_MS = 30_000


def columns(tiles: int) -> int:
    """Three columns up to six tiles, four for more (twelve tiles: three rows that still fit 1080p)."""
    return COLUMNS if tiles <= 2 * COLUMNS else COLUMNS + 1


def connect_worker(wall: WallWindow, worker: object) -> None:
    """Queued connections from the worker's signals to the wall (never a direct call across threads)."""
    queued = Qt.ConnectionType.QueuedConnection
    worker.snapshot_ready.connect(wall.apply_snapshot, queued)  # type: ignore[attr-defined]
    worker.error.connect(wall.show_error, queued)  # type: ignore[attr-defined]
    wall.acknowledge_requested.connect(lambda alert_id: worker.acknowledge(alert_id, "wall"))  # type: ignore[attr-defined]


class WallWindow(QWidget):
    """Renders WallSnapshots; never does I/O or analysis."""

    acknowledge_requested = Signal(str)

    def __init__(self, *, diagonal_in: float = 55.0, distance_m: float = 5.0, tiles: int = MAX_TILES) -> None:
        super().__init__()
        self.setObjectName("wall")
        self.setWindowTitle("Newsroom Wall")
        self.setStyleSheet(f"#wall {{ background: {theme.BACKGROUND}; }}")
        self.setAutoFillBackground(True)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), theme.colour(theme.BACKGROUND))
        self.setPalette(pal)
        self.diagonal_in = diagonal_in
        self.distance_m = distance_m
        self.snapshot: WallSnapshot | None = None
        #: render times as of the snapshot (screenshots) instead of the wall clock
        self.frozen_clock = False
        self.apply_ms: float = 0.0
        self.topbar = TopBar(self)
        self.banner = AlertBanner(self)
        self.banner.clicked.connect(self._acknowledge)
        #: alerts acknowledged here whose acknowledgement the store has not confirmed yet
        self._acked: set[str] = set()
        self.tiles = [TopicTile(self) for _ in range(tiles)]
        for tile in self.tiles:  # titles line up across tiles
            tile.peers = self.tiles
        self.ticker = Ticker(self)
        self._grid = QGridLayout()
        for i, tile in enumerate(self.tiles):
            self._grid.addWidget(tile, i // columns(tiles), i % columns(tiles))
        for column in range(columns(tiles)):  # equal tiles, whatever their contents ask for
            self._grid.setColumnStretch(column, 1)
        # Before the first topic forms: say so, and why, instead of an empty screen.
        self.empty = plain_label("", self, object_name="wallEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setVisible(False)
        # the empty-wall text sits beside the grid, not in it: a hidden widget spanning the grid's
        # cells takes the gaps between the tiles away (they would touch as one slab)
        left = QVBoxLayout()
        left.setContentsMargins(0, 0, 0, 0)
        left.addLayout(self._grid)
        left.addWidget(self.empty)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addWidget(self.ticker, 1)
        self._body = body
        root = QVBoxLayout(self)
        # the screen decides the window's size, never its contents: a minimum taller than the screen
        # (twelve tiles and a banner at 1080p) grew the window, the type scale with it, and so on
        root.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        root.addWidget(self.topbar)
        root.addWidget(self.banner)
        root.addLayout(body, 1)
        self._root = root
        self._notice = ""
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self._clear_notice)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)
        self.scale = theme.TypeScale(27.0)
        self._apply_scale(1080)

    # --- sizing ---------------------------------------------------------------------------

    def _apply_scale(self, height: int) -> None:
        self.scale = theme.TypeScale.for_screen(height, self.diagonal_in, self.distance_m)
        gap = self.scale.spacing
        self._root.setContentsMargins(gap * 2, gap, gap * 2, gap * 2)
        self._root.setSpacing(gap)
        self._body.setSpacing(gap)
        self._grid.setSpacing(gap)
        self.topbar.apply_scale(self.scale)
        self.banner.apply_scale(self.scale)
        for tile in self.tiles:
            tile.apply_scale(self.scale)
        self.ticker.apply_scale(self.scale)
        self.empty.setFont(theme.font(self.scale.title))
        self.empty.setStyleSheet(f"#wallEmpty {{ color: {theme.MUTED}; }}")

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Everything scales from the window's pixel height."""
        if event.size().height() != event.oldSize().height():
            self._apply_scale(event.size().height())
        super().resizeEvent(event)

    # --- snapshots ------------------------------------------------------------------------

    @Slot(object)
    def apply_snapshot(self, snapshot: WallSnapshot) -> None:
        """Show a snapshot, reusing every widget (GUI thread only)."""
        if QThread.currentThread() is not self.thread():
            raise RuntimeError("apply_snapshot must run on the GUI thread")
        started = time.perf_counter()
        self.snapshot = snapshot
        alerts = [a for a in snapshot.alerts if a.state is not AlertState.RESOLVED]
        self._acked &= {a.id for a in alerts if a.acknowledged_by is None}
        self.banner.set_alerts(alerts, self._acked)
        alerted = {a.key for a in alerts if a.scope is AlertScope.TOPIC}
        waiting = {a.key for a in queue(alerts, self._acked) if a.scope is AlertScope.TOPIC}
        for i, tile in enumerate(self.tiles):
            if i < len(snapshot.topics):
                topic = snapshot.topics[i]
                tile.setVisible(True)
                key = str(topic.id)
                tile.set_topic(topic, alerted=key in alerted, seen=key in alerted and key not in waiting)
            else:
                tile.clear()
        self.empty.setVisible(not snapshot.topics)
        if not snapshot.topics:
            working = sum(1 for h in snapshot.health if h.ok)
            self.empty.setText(messages.no_topics_yet(snapshot.mentions_last_hour, working,
                                                      len(snapshot.health)))
        self.ticker.set_mentions(snapshot.latest, snapshot.created)
        self._tick()
        if not self._clock.isActive():
            self._clock.start()
        self.apply_ms = (time.perf_counter() - started) * 1000
        if self.apply_ms > 50:
            log.debug("applying a snapshot took %.0f ms", self.apply_ms)

    def _notice_text(self) -> str:
        if self._notice:
            return self._notice
        snap = self.snapshot
        if snap is None:
            return ""
        texts = [messages.notice(code, detail) for code, detail in snap.notices]
        if snap.demo and not any(code == "no_config" for code, _ in snap.notices):
            texts.insert(0, messages.notice("demo", ""))
        return " · ".join(texts)

    def _tick(self) -> None:
        snap = self.snapshot
        if snap is None:
            return
        now = snap.created if self.frozen_clock else max(utcnow(), snap.created)
        self.topbar.set_state(snap.wall_name, snap.newest_data, now, snap.health, self._notice_text())

    @Slot(str)
    def show_error(self, text: str) -> None:
        """A non-modal message in the top bar that clears itself after 30 s."""
        self._notice = messages.notice("worker_error", text)
        self._notice_timer.start(NOTICE_MS)
        self._tick()

    def _clear_notice(self) -> None:
        self._notice = ""
        self._tick()

    # --- keys -----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """F11/Escape toggle fullscreen; Space acknowledges the alert on the banner."""
        key = event.key()
        if key in (Qt.Key.Key_F11, Qt.Key.Key_Escape):
            if self.isFullScreen():
                self.showNormal()
            elif key == Qt.Key.Key_F11:
                self.showFullScreen()
            return
        if key == Qt.Key.Key_Space and self.banner.alert_id:
            self._acknowledge()
            return
        super().keyPressEvent(event)

    def _acknowledge(self) -> None:
        """Acknowledge the alert on the banner (Space or a click); logged with the time. The banner moves
        on to the next alert at once (the store confirms with the next snapshot)."""
        alert_id = self.banner.alert_id
        if alert_id:
            at = utcnow().isoformat(timespec="seconds")
            log.info("alert %s acknowledged on the wall at %s", alert_id, at)
            self._acked.add(alert_id)
            self.acknowledge_requested.emit(alert_id)
            if self.snapshot is not None:
                self.apply_snapshot(self.snapshot)

    @Slot()
    def bring_forward(self) -> None:
        """Show the wall on top and give it the focus (a second start asked for it); keeps fullscreen."""
        if self.isMinimized():
            self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.show()
        self.raise_()
        self.activateWindow()
        log.info("wall brought to the front")

    def stop(self) -> None:
        """Stop every timer and animation (before shutdown)."""
        self._clock.stop()
        self._notice_timer.stop()
        for tile in self.tiles:
            tile.stop()
