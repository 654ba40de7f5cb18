"""The wall window: top bar, alert banner, topic tiles (most urgent first), newest mentions."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from newsroom.domain import AlertScope, AlertState, WallSnapshot, utcnow
from newsroom.ui import messages, theme
from newsroom.ui.widgets.banner import AlertBanner
from newsroom.ui.widgets.text import plain_label
from newsroom.ui.widgets.ticker import Ticker
from newsroom.ui.widgets.tile import TopicTile
from newsroom.ui.widgets.topbar import TopBar

log = logging.getLogger("newsroom.ui.wall")

COLUMNS = 3
MAX_TILES = 6
NOTICE_MS = 30_000


def connect_worker(wall: WallWindow, worker: object) -> None:
    """Queued connections from the worker's signals to the wall (never a direct call across threads)."""
    queued = Qt.ConnectionType.QueuedConnection
    worker.snapshot_ready.connect(wall.apply_snapshot, queued)  # type: ignore[attr-defined]
    worker.error.connect(wall.show_error, queued)  # type: ignore[attr-defined]
    wall.acknowledge_requested.connect(lambda alert_id: worker.acknowledge(alert_id, "wall"))  # type: ignore[attr-defined]
    if hasattr(worker, "config_applied"):
        worker.config_applied.connect(wall.apply_config, queued)


class WallWindow(QWidget):
    """Renders WallSnapshots; never does I/O or analysis."""

    acknowledge_requested = Signal(str)
    #: Ctrl+, or F2 (a key a small remote keyboard has): the operator asks for the settings
    settings_requested = Signal()
    #: the key B: write the daily briefing (newsroom.ui.briefing_service)
    briefing_requested = Signal()

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
        self.tiles = [TopicTile(self) for _ in range(tiles)]
        self.ticker = Ticker(self)
        self._grid = QGridLayout()
        for i, tile in enumerate(self.tiles):
            self._grid.addWidget(tile, i // COLUMNS, i % COLUMNS)
        # Before the first topic forms: say so, and why, instead of an empty screen.
        self.empty = plain_label("", self, object_name="wallEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self._grid.addWidget(self.empty, 0, 0, max(1, (tiles + COLUMNS - 1) // COLUMNS), COLUMNS)
        self.empty.setVisible(False)
        body = QHBoxLayout()
        body.addLayout(self._grid, 3)
        body.addWidget(self.ticker, 1)
        self._body = body
        root = QVBoxLayout(self)
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

    def set_viewing(self, diagonal_in: float, distance_m: float) -> None:
        """A new screen diagonal or viewing distance (the settings): the type size follows at once."""
        self.diagonal_in, self.distance_m = diagonal_in, distance_m
        self._apply_scale(self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Everything scales from the window's pixel height."""
        if event.size().height() != event.oldSize().height():
            self._apply_scale(event.size().height())
        super().resizeEvent(event)

    def apply_display(self, *, diagonal_in: float, distance_m: float, tiles: int) -> None:
        """New display settings, at once: the type size follows the diagonal and distance; tiles are
        added or taken away (the last snapshot is shown again on them)."""
        self.diagonal_in, self.distance_m = diagonal_in, distance_m
        tiles = max(1, tiles)
        while len(self.tiles) > tiles:
            tile = self.tiles.pop()
            tile.stop()
            self._grid.removeWidget(tile)
            tile.hide()
            tile.deleteLater()
        while len(self.tiles) < tiles:
            tile = TopicTile(self)
            i = len(self.tiles)
            self._grid.addWidget(tile, i // COLUMNS, i % COLUMNS)
            self.tiles.append(tile)
        self._grid.removeWidget(self.empty)
        self._grid.addWidget(self.empty, 0, 0, max(1, (tiles + COLUMNS - 1) // COLUMNS), COLUMNS)
        self._apply_scale(self.height() if self.height() > 0 else 1080)
        if self.snapshot is not None:
            self.apply_snapshot(self.snapshot)

    @Slot(object, object)
    def apply_config(self, config: object, diff: object) -> None:
        """A configuration the worker has applied (PipelineWorker.config_applied): display settings
        now; settings that need a restart are named in the top bar."""
        get = config.get  # type: ignore[attr-defined]
        self.apply_display(diagonal_in=float(get("display.screen_diagonal_in")),
                           distance_m=float(get("display.viewing_distance_m")),
                           tiles=int(get("wall.max_topics")))
        later = tuple(getattr(diff, "restart_needed", ()))
        if later:
            self._notice = messages.notice("restart_needed", ", ".join(later))
            self._notice_timer.start(NOTICE_MS)
            self._tick()

    # --- snapshots ------------------------------------------------------------------------

    @Slot(object)
    def apply_snapshot(self, snapshot: WallSnapshot) -> None:
        """Show a snapshot, reusing every widget (GUI thread only)."""
        if QThread.currentThread() is not self.thread():
            raise RuntimeError("apply_snapshot must run on the GUI thread")
        started = time.perf_counter()
        self.snapshot = snapshot
        alerts = [a for a in snapshot.alerts if a.state is not AlertState.RESOLVED]
        self.banner.set_alert(alerts[0] if alerts else None)
        alerted = {a.key for a in alerts if a.scope is AlertScope.TOPIC}
        for i, tile in enumerate(self.tiles):
            if i < len(snapshot.topics):
                topic = snapshot.topics[i]
                tile.setVisible(True)
                tile.set_topic(topic, alerted=str(topic.id) in alerted)
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

    @Slot(str)
    def show_notice(self, text: str) -> None:
        """A short non-modal sentence in the top bar (e.g. where the briefing went), cleared after 30 s."""
        self._notice = text
        self._notice_timer.start(NOTICE_MS)
        self._tick()

    def _clear_notice(self) -> None:
        self._notice = ""
        self._tick()

    # --- keys -----------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """F11/Escape toggle fullscreen; Space acknowledges the alert on the banner; Ctrl+, and F2 ask
        for the settings."""
        key = event.key()
        if key == Qt.Key.Key_F2 or (key == Qt.Key.Key_Comma
                                    and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.settings_requested.emit()
            return
        if key in (Qt.Key.Key_F11, Qt.Key.Key_Escape):
            if self.isFullScreen():
                self.showNormal()
            elif key == Qt.Key.Key_F11:
                self.showFullScreen()
            return
        if key == Qt.Key.Key_Space and self.banner.alert_id:
            self._acknowledge()
            return
        if key == Qt.Key.Key_B and not event.isAutoRepeat():
            log.info("briefing asked for on the wall")
            self.briefing_requested.emit()
            return
        super().keyPressEvent(event)

    def _acknowledge(self) -> None:
        """Acknowledge the alert on the banner (Space or a click); logged."""
        if self.banner.alert_id:
            log.info("alert %s acknowledged on the wall", self.banner.alert_id)
            self.acknowledge_requested.emit(self.banner.alert_id)

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
