"""The wall window: top bar, alert banner, topic tiles (most urgent first), newest mentions; its sizing,
snapshots received and notices. Its other parts: the keys (``wall_keys``), the crisis view
(``wall_crisis``), the kiosk (``wall_kiosk``), a snapshot shown part by part (``wall_snapshots``), a new
shape settled on a held picture (``wall_settle``), the tiles' grid (``wall_grid``)."""

from __future__ import annotations

import logging
import socket
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLayout, QVBoxLayout, QWidget

from newsroom.domain import CrisisDetail, WallSnapshot, utcnow
from newsroom.pipeline.start_problem import StartProblem
from newsroom.ui import messages, theme
from newsroom.ui.crisis import CrisisView
from newsroom.ui.hold import PictureHold
from newsroom.ui.later import LaterPictures
from newsroom.ui.slices import Slices
from newsroom.ui.wall_crisis import WallCrisis
from newsroom.ui.wall_grid import COLUMNS, MAX_TILES, columns
from newsroom.ui.wall_keys import WallKeys
from newsroom.ui.wall_kiosk import WallKiosk
from newsroom.ui.wall_settle import WallSettling
from newsroom.ui.wall_snapshots import WallSnapshots
from newsroom.ui.warmup import warm_steps
from newsroom.ui.widgets.banner import AlertBanner
from newsroom.ui.widgets.spark_ahead import SparkAhead
from newsroom.ui.widgets.text import plain_label
from newsroom.ui.widgets.ticker import Ticker
from newsroom.ui.widgets.tile import TopicTile
from newsroom.ui.widgets.topbar import TopBar

if TYPE_CHECKING:
    from newsroom.ui.thread_worker import ThreadWorker

log = logging.getLogger("newsroom.ui.wall")

#: how long a notice stays in the top bar (ms)
NOTICE_MS = 30_000
#: the fonts are made ready this long after the window first shows, in turns of at most this budget
WARM_AFTER_MS = 200
WARM_BUDGET_MS = 4.0


def acknowledger() -> str:
    """Who acknowledges an alert on this wall, as the store records it and the banner and the briefing
    show it: the machine's name (the walls sharing one store all show the town's ``wall.name``; this
    tells them apart), "wall" on a machine without one."""
    return socket.gethostname().strip() or "wall"


def connect_worker(wall: WallWindow, worker: ThreadWorker[Any]) -> None:
    """Queued connections from the worker's signals to the wall (never a direct call across threads)."""
    queued = Qt.ConnectionType.QueuedConnection
    worker.snapshot_ready.connect(wall.receive_snapshot, queued)
    worker.error.connect(wall.show_error, queued)
    wall.acknowledge_requested.connect(lambda alert_id: worker.acknowledge(alert_id, acknowledger()))
    worker.config_applied.connect(wall.apply_config, queued)
    worker.start_failed.connect(wall.show_start_problem, queued)
    worker.started.connect(wall.start_recovered, queued)
    if hasattr(worker, "spark_ahead"):  # its sparkline pictures drawn off the GUI thread
        worker.spark_ahead = wall.spark_ahead


class WallWindow(WallKeys, WallSnapshots, WallKiosk, WallCrisis, WallSettling, QWidget):
    """Renders WallSnapshots; never does I/O or analysis."""

    acknowledge_requested = Signal(str)
    #: Ctrl+, or F2 (a key a small remote keyboard has): the operator asks for the settings
    settings_requested = Signal()
    #: the key B: write the daily briefing (newsroom.ui.briefing_service)
    briefing_requested = Signal()
    #: the snapshot shown, once its picture is painted (the last turn of ``receive_snapshot``'s slices)
    snapshot_shown = Signal(object)

    def __init__(self, *, diagonal_in: float = 55.0, distance_m: float = 5.0, tiles: int = MAX_TILES,
                 privacy: bool = True) -> None:
        super().__init__()
        self.setObjectName("wall")
        self.setWindowTitle("Newsroom Wall")
        self.setAutoFillBackground(True)
        self._style_window()
        self.diagonal_in = diagonal_in
        self.distance_m = distance_m
        self.snapshot: WallSnapshot | None = None
        #: render times as of the snapshot (screenshots) instead of the wall clock
        self.frozen_clock = False
        #: how long the last snapshot took to show (the final turn of a sliced apply)
        self.apply_ms: float = 0.0
        #: the theme this window is styled in (``apply_theme``)
        self.theme_name = theme.current().name
        #: snapshots from the worker are prepared in slices and shown in one turn (``receive_snapshot``)
        self.slices = Slices(self)
        #: holds the old picture while a new shape is laid out (``_show_in_turn``)
        self.picture_hold = PictureHold(self)
        #: after a resize the clouds and sparklines make their new pictures in slices (newsroom.ui.later)
        self.later_pictures = LaterPictures(self)
        #: the fonts made ready in slices once the window shows (newsroom.ui.warmup)
        self.warmup = Slices(self, budget_ms=WARM_BUDGET_MS)
        self._warmed = False
        #: (snapshot, the view this wall shows of it: privacy, swear words) made while preparing: the show
        #: uses it instead of a second one
        self._viewed: tuple[WallSnapshot, WallSnapshot] | None = None
        self._make_parts(tiles)
        self._lay_out()
        self._init_crisis_state()
        self._init_timers()
        self._init_kiosk(privacy)
        self.scale = theme.TypeScale(27.0)
        self._apply_scale(1080)

    def _make_parts(self, tiles: int) -> None:
        """The top bar, the banner, ``tiles`` tiles, the feed and the empty-wall line (hidden parts
        until the first snapshot)."""
        self.topbar = TopBar(self)
        self.banner = AlertBanner(self)
        self.banner.clicked.connect(self._acknowledge)
        #: alerts acknowledged here whose acknowledgement the store has not confirmed yet
        self._acked: set[str] = set()
        self.tiles = [TopicTile(self) for _ in range(tiles)]
        #: the tiles' sparkline pictures drawn ahead by the worker (``connect_worker``) for the sizes the
        #: tiles had at the last snapshot shown (``_publish_spark_specs``)
        self.spark_ahead = SparkAhead()
        self.ticker = Ticker(self)
        self._grid = QGridLayout()
        self._arrange_tiles()
        # Before the first topic forms: say so, and why, instead of an empty screen.
        self.empty = plain_label("", self, object_name="wallEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        # until the first snapshot: one line that says the wall is loading, no empty tiles and feed
        # (and the window's first paint is small: the first snapshot lays the rest out while held)
        self.empty.setText(messages.tr("Loading the first data …"))
        for part in (*self.tiles, self.ticker):
            part.setVisible(False)

    def _lay_out(self) -> None:
        """The top bar and banner above the tiles' grid (with the empty-wall line) beside the feed."""
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

    def _init_crisis_state(self) -> None:
        """The crisis view over everything below the top bar, closed, and its options' defaults."""
        # the crisis view covers everything below the top bar while one event is shown (key C)
        self.crisis = CrisisView(self)
        self.crisis.follow(self.topbar)
        self.crisis_topic: int | None = None
        #: the event the crisis view is to show once filled (``show_crisis`` on a held picture)
        self._crisis_pending: CrisisDetail | None = None
        self._crisis_auto = True
        self._crisis_min_severity = 3
        self._crisis_dismissed: set[str] = set()

    def _init_timers(self) -> None:
        """The top bar's notice timer and its once-a-second clock."""
        self._notice = ""
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self._clear_notice)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._tick)

    # --- sizing and theme -------------------------------------------------------------------

    def _style_window(self) -> None:
        sheet = f"#wall {{ background: {theme.BACKGROUND}; }}"
        if sheet != self.styleSheet():
            self.setStyleSheet(sheet)
        pal = self.palette()
        pal.setColor(self.backgroundRole(), theme.colour(theme.BACKGROUND))
        self.setPalette(pal)

    def apply_theme(self, name: str) -> None:
        """Draw with the theme ``name`` (``display.theme``: "donker", "licht", "hoog contrast") from
        now on: every part is styled again and the shown snapshot drawn again in the new colours."""
        palette = theme.use(name)
        if palette.name == self.theme_name:
            return
        self.theme_name = palette.name
        log.info("theme: %s", palette.name)
        self._style_window()
        self.crisis.restyle()
        self._apply_scale(self.height() if self.height() > 0 else 1080)
        for tile in self.tiles:
            tile.cloud.restyle()
        self._show_again()
        self.update()

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
        self._scale_kiosk()

    def set_viewing(self, diagonal_in: float, distance_m: float) -> None:
        """A new screen diagonal or viewing distance (the settings): the type size follows at once."""
        self.diagonal_in, self.distance_m = diagonal_in, distance_m
        self._apply_scale(self.height())

    def showEvent(self, event: QShowEvent) -> None:
        """The first time the window shows: its fonts are made ready in slices, once its first paint is
        done (and the window has its size: the type scale comes from it)."""
        super().showEvent(event)
        if not self._warmed:
            self._warmed = True
            QTimer.singleShot(WARM_AFTER_MS, self, self._warm_fonts)

    def _warm_fonts(self) -> None:
        if self.isVisible():
            self.warmup.start(warm_steps(self.scale), lambda: None)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Everything scales from the window's pixel height."""
        if event.size().height() != event.oldSize().height():
            self._apply_scale(event.size().height())
        super().resizeEvent(event)
        self._fit_overlays(event.size().width(), event.size().height())

    def apply_display(self, *, diagonal_in: float, distance_m: float, tiles: int) -> None:
        """New display settings, at once: the type size follows the diagonal and distance; tiles are
        added or taken away (the last snapshot is shown again on them)."""
        tiles = max(1, tiles)
        if tiles == len(self.tiles) and (diagonal_in, distance_m) == (self.diagonal_in, self.distance_m):
            return  # nothing to do: the same display settings saved again
        self.diagonal_in, self.distance_m = diagonal_in, distance_m
        while len(self.tiles) > tiles:
            tile = self.tiles.pop()
            tile.stop()
            self._grid.removeWidget(tile)
            tile.hide()
            tile.deleteLater()
        while len(self.tiles) < tiles:
            self.tiles.append(TopicTile(self))
        self._arrange_tiles()
        self._apply_scale(self.height() if self.height() > 0 else 1080)
        self._show_again()

    def _arrange_tiles(self) -> None:
        """The tiles in rows of ``columns(n)``, equal columns whatever their contents ask for; titles
        line up within a row (a row of short names keeps its second title line for the cloud)."""
        n = len(self.tiles)
        cols = columns(n)
        for tile in self.tiles:
            self._grid.removeWidget(tile)
        for column in range(COLUMNS + 1):
            self._grid.setColumnStretch(column, 1 if column < cols else 0)
        for i, tile in enumerate(self.tiles):
            self._grid.addWidget(tile, i // cols, i % cols)
            row = i // cols
            tile.peers = self.tiles[row * cols:(row + 1) * cols]
            tile.set_compact(n > MAX_TILES)  # more than six: three rows of four, the dense variant

    @Slot(object, object)
    def apply_config(self, config: object, diff: object) -> None:
        """A configuration the worker has applied (PipelineWorker.config_applied): display settings
        now; settings that need a restart are named in the top bar."""
        get = config.get  # type: ignore[attr-defined]
        self.apply_display(diagonal_in=float(get("display.screen_diagonal_in")),
                           distance_m=float(get("display.viewing_distance_m")),
                           tiles=int(get("wall.max_topics")))
        self.apply_wall_settings(config)
        later = tuple(getattr(diff, "restart_needed", ()))
        if later:
            self._say(messages.notice("restart_needed", ", ".join(later)))

    # --- snapshots ------------------------------------------------------------------------

    @Slot(object)
    def receive_snapshot(self, snapshot: WallSnapshot) -> None:
        """A snapshot from the worker: what is costly to show (clouds' layouts, sparklines' pictures)
        is prepared a few tiles per event-loop turn, then the snapshot is shown in one turn, so no turn
        is long and the old picture stays whole until the new one replaces it. A newer snapshot
        arriving meanwhile replaces this one."""
        if QThread.currentThread() is not self.thread():
            raise RuntimeError("receive_snapshot must run on the GUI thread")
        view = self._prepared_view(snapshot)
        # a hidden tile has no size yet: it is prepared once the new shape is laid out (``catch_up``)
        steps = [partial(tile.prepare, topic) for tile, topic in zip(self.tiles, view.topics, strict=False)
                 if not tile.isHidden()]
        self.slices.start(steps, partial(self._show_in_turn, snapshot))
        self.slices.pending_snapshot = True

    @Slot(object)
    def apply_snapshot(self, snapshot: WallSnapshot) -> None:
        """Show a snapshot now, in this turn, reusing every widget (GUI thread only); a pending sliced
        one is dropped (this one is the caller's choice)."""
        if QThread.currentThread() is not self.thread():
            raise RuntimeError("apply_snapshot must run on the GUI thread")
        self.slices.cancel()
        self._release()  # a hold cut short ends: this snapshot is shown and painted as it comes
        self._show(snapshot)
        if self._crisis_pending is not None:
            self._fill_crisis()
            self._open_crisis()

    def _notice_text(self) -> str:
        if self._notice:
            return self._notice
        snap = self.snapshot
        if snap is None:
            return ""
        # "no searches yet" is said once, by the setup line above the tiles (``_kiosk_after``); the top
        # bar then says the demo is shown (it said the same sentence twice, once elided)
        texts = [messages.notice(code, detail) for code, detail in snap.notices if code != "no_config"]
        if snap.demo:
            texts.insert(0, messages.notice("demo", ""))
        return " · ".join(texts)

    def _tick(self) -> None:
        snap = self.snapshot
        if snap is None:
            return
        self.topbar.set_state(snap.wall_name, snap.newest_data, self.wall_time(snap), snap.health,
                              self._notice_text())

    def wall_time(self, snap: WallSnapshot) -> datetime:
        """The time the wall shows ``snap`` at: the snapshot's own when the clock is frozen (screenshots),
        else now (never before the snapshot)."""
        return snap.created if self.frozen_clock else max(utcnow(), snap.created)

    @Slot(str)
    def show_error(self, text: str) -> None:
        """A non-modal message in the top bar that clears itself after 30 s."""
        self._say(messages.notice("worker_error", text))

    @Slot(str)
    def show_notice(self, text: str) -> None:
        """A short non-modal sentence in the top bar (e.g. where the briefing went), cleared after 30 s."""
        self._say(text)

    def _say(self, text: str, ms: int = NOTICE_MS) -> None:
        """``text`` in the top bar for ``ms``, then the snapshot's own notices again."""
        self._notice = text
        self._notice_timer.start(ms)
        self._tick()

    def _clear_notice(self) -> None:
        self._notice = ""
        self._tick()

    # --- settings, lifetime --------------------------------------------------

    def apply_wall_settings(self, config: object) -> None:
        """The wall's own settings that apply at once: privacy, swear words masked, the crisis view's
        switch, the stale threshold and burn-in protection (night dimming and rotation take a restart:
        config.diff)."""
        get = config.get  # type: ignore[attr-defined]
        self.set_crisis_options(auto=bool(get("wall.auto_crisis_view")),
                                min_severity=int(get("wall.crisis_min_severity")))
        self.topbar.stale_after = timedelta(minutes=float(get("display.stale_after_min")))
        logo = str(get("wall.logo")).strip()
        if not self.topbar.set_logo(logo):
            log.warning("the logo %s cannot be read as an image; the wall goes on without it", logo)
        if self.cursor_hider is not None:  # the kiosk runs (the wall command started it)
            self.set_burn_in(bool(get("display.burn_in")))
        shown = (bool(get("display.privacy")), bool(get("display.mask_swearing")))
        if shown != (self.privacy, self.mask_swearing):
            self.privacy, self.mask_swearing = shown
            self._show_again()
        self.apply_theme(str(get("display.theme")))

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
        self.slices.cancel()
        self.warmup.cancel()
        self.later_pictures.cancel()
        self._release()
        for tile in self.tiles:
            tile.stop()
        self._stop_kiosk()

    # --- the start notice ----------------------------------------------------------------------

    @Slot(object)
    def show_start_problem(self, problem: StartProblem) -> None:
        """The pipeline could not start: a full-screen notice says why and when it tries again."""
        self.start_notice.show_problem(problem)

    @Slot()
    def start_recovered(self) -> None:
        """The pipeline started: the notice goes."""
        if self.start_notice.isVisible():
            log.info("the pipeline started; the start notice is cleared")
        self.start_notice.clear()
