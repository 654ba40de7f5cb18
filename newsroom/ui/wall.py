"""The wall window: top bar, alert banner, topic tiles (most urgent first), newest mentions."""

from __future__ import annotations

import logging
import time
from datetime import datetime

from PySide6.QtCore import Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from newsroom.domain import AlertScope, AlertState, CrisisDetail, WallSnapshot, utcnow
from newsroom.ui import messages, theme
from newsroom.ui.crisis import CrisisView
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
        # the crisis view covers everything below the top bar while one event is shown (key C)
        self.crisis = CrisisView(self)
        self.crisis.follow(self.topbar)
        self.crisis_topic: int | None = None
        self._crisis_auto = True
        self._crisis_min_severity = 3
        self._crisis_dismissed: set[str] = set()
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
        self.crisis.apply_scale(self.scale)
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
        self._update_crisis(snapshot)
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
        """F11/Escape toggle fullscreen; Space acknowledges the alert on the banner; C toggles the
        crisis view."""
        key = event.key()
        if key in (Qt.Key.Key_F11, Qt.Key.Key_Escape):
            if self.isFullScreen():
                self.showNormal()
            elif key == Qt.Key.Key_F11:
                self.showFullScreen()
            return
        if key == Qt.Key.Key_Space and self.crisis_topic is not None and self.crisis.alert_id:
            log.info("alert %s acknowledged on the wall's crisis view", self.crisis.alert_id)
            self.acknowledge_requested.emit(self.crisis.alert_id)
            return
        if key == Qt.Key.Key_Space and self.banner.alert_id:
            self._acknowledge()
            return
        if key == Qt.Key.Key_C and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.toggle_crisis()
            return
        super().keyPressEvent(event)

    # --- crisis view ------------------------------------------------------------------------

    def set_crisis_options(self, *, auto: bool, min_severity: int) -> None:
        """``wall.auto_crisis_view`` and ``wall.crisis_min_severity``."""
        self._crisis_auto = auto
        self._crisis_min_severity = min_severity

    def _crisis_now(self, snap: WallSnapshot) -> datetime:
        return snap.created if self.frozen_clock else max(utcnow(), snap.created)

    def show_crisis(self, detail: CrisisDetail) -> None:
        """The crisis view of one event fills the screen below the top bar."""
        if self.snapshot is None:
            return
        self.crisis.set_detail(detail, self._crisis_now(self.snapshot))
        if self.crisis_topic is None:
            log.info("crisis view: %s", detail.title)
        self.crisis_topic = detail.topic_id
        self.crisis.place()
        self.crisis.setVisible(True)
        self.crisis.raise_()

    def hide_crisis(self) -> None:
        """Back to the overview."""
        if self.crisis_topic is not None:
            log.info("crisis view closed: back to the overview")
        self.crisis_topic = None
        self.crisis.setVisible(False)

    def toggle_crisis(self) -> None:
        """Key C: the crisis view of the most severe event, or back to the overview (an event left by
        hand is not switched to again by itself while its alert lasts)."""
        if self.crisis_topic is not None:
            if self.crisis.alert_id:
                self._crisis_dismissed.add(self.crisis.alert_id)
            self.hide_crisis()
            return
        snap = self.snapshot
        if snap is None or not snap.crises:
            self._notice = messages.tr("No event to show in the crisis view")
            self._notice_timer.start(NOTICE_MS // 3)
            self._tick()
            return
        self.show_crisis(snap.crises[0])

    def _update_crisis(self, snap: WallSnapshot) -> None:
        """Follow the shown event; back to the overview when its alert ended; switch by itself to a
        severe alert's event (``wall.auto_crisis_view``)."""
        self._crisis_dismissed &= {c.alert.id for c in snap.crises if c.alert is not None}
        if self.crisis_topic is not None:
            detail = next((c for c in snap.crises if c.topic_id == self.crisis_topic), None)
            if detail is None:
                self.hide_crisis()
            else:
                self.show_crisis(detail)
        if self.crisis_topic is None and self._crisis_auto:
            severe = next((c for c in snap.crises if c.alert is not None
                           and c.alert.severity >= self._crisis_min_severity
                           and c.alert.id not in self._crisis_dismissed), None)
            if severe is not None:
                self.show_crisis(severe)

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
