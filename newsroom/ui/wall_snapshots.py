"""How the wall shows a snapshot: the view this wall shows of it (privacy, the rotation's page), shown
part by part (its alerts and banner, each tile, the feed an item at a time, then the rest) either at once
or a part per slice on a held picture, and the new picture painted in one turn. A part of
:class:`~newsroom.ui.wall.WallWindow` (whose ``receive_snapshot`` and ``apply_snapshot`` start it)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, SignalInstance

from newsroom.domain import AlertScope, AlertState, WallSnapshot
from newsroom.ui import messages
from newsroom.ui.crisis import CrisisView
from newsroom.ui.hold import PictureHold
from newsroom.ui.rotation import Rotation, page_snapshot
from newsroom.ui.slices import Slices
from newsroom.ui.wall_part import WallPart
from newsroom.ui.widgets.banner import AlertBanner, queue
from newsroom.ui.widgets.spark_ahead import SparkAhead, spec_of

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel

    from newsroom.ui.widgets.ticker import Ticker
    from newsroom.ui.widgets.tile import TopicTile

log = logging.getLogger("newsroom.ui.wall")


class WallSnapshots(WallPart):
    """The snapshots' part of the wall window (the window makes the parts and the state below)."""

    snapshot: WallSnapshot | None
    raw_snapshot: WallSnapshot | None
    privacy: bool
    mask_swearing: bool
    rotation: Rotation | None
    apply_ms: float
    slices: Slices
    picture_hold: PictureHold
    spark_ahead: SparkAhead
    banner: AlertBanner
    tiles: list[TopicTile]
    ticker: Ticker
    empty: QLabel
    crisis: CrisisView
    _acked: set[str]
    _clock: QTimer
    _viewed: tuple[WallSnapshot, WallSnapshot] | None

    if TYPE_CHECKING:
        snapshot_shown: SignalInstance

        def _own_view(self, snapshot: WallSnapshot) -> WallSnapshot: ...

        @property
        def held(self) -> bool: ...
        def _hold(self) -> None: ...
        def _tick(self) -> None: ...
        def _shape(self) -> tuple[object, ...]: ...
        def _settle_or_release(self, before: tuple[object, ...], unsettled: bool) -> None: ...
        def _kiosk_view(self, snapshot: WallSnapshot) -> WallSnapshot: ...
        def _kiosk_after(self, snapshot: WallSnapshot) -> None: ...
        def _update_crisis(self, snap: WallSnapshot) -> None: ...

    def _show_in_turn(self, snapshot: WallSnapshot) -> None:
        """The end of a sliced snapshot: shown on a held picture (newsroom.ui.hold), a part per slice
        (the banner, each tile, the feed, the rest: ``_show_parts``), then painted in one turn. When it
        changed the wall's shape (tiles shown or hidden, the banner, a tile's title lines, the crisis
        view, the first snapshot) the new shape is laid out first, its clouds and sparklines made at
        their new sizes, the crisis view filled and its parts painted once into scratch images (their
        glyphs cached), a few per slice (``_settle_steps``); then what changed is painted in one turn
        (``_release``). The screen shows the old picture until then."""
        before = self._shape()
        unsettled = self.snapshot is None or self.held  # the first snapshot, or a hold cut short
        self._hold()  # clouds not prepared for their size and the crisis view wait for the slices
        parts = self._show_parts(snapshot)
        parts[0]()  # its alerts and banner now (what Space acknowledges)
        self.slices.start([*parts[1:], partial(self._settle_or_release, before, unsettled)], self._release)

    def _release(self) -> None:
        """Paint the held picture's successor: everything that changed, in one turn."""
        self.picture_hold.release()
        self._publish_spark_specs()
        if self.snapshot is not None:
            self.snapshot_shown.emit(self.snapshot)

    def _publish_spark_specs(self) -> None:
        """Tell the worker how each tile's sparkline is drawn now (it draws the next pictures ahead; none
        while the crisis view covers the tiles)."""
        covered = not self.crisis.isHidden()
        for tile in self.tiles:
            tile.spark.ahead = self.spark_ahead
        self.spark_ahead.set_specs([None if covered else spec_of(tile.spark) for tile in self.tiles])

    def _prepared_view(self, snapshot: WallSnapshot) -> WallSnapshot:
        """The topics as the tiles will show them (privacy, swear words, the rotation's page), changing
        nothing."""
        view = self._own_view(snapshot)
        self._viewed = (snapshot, view)  # the show takes it, also when nothing changed (no second pass)
        if self.rotation is not None:
            view = page_snapshot(view, self.rotation.page)
        return view

    def _show_again(self) -> None:
        """Show the newest snapshot again (new settings, an acknowledgement, the rotation's next page):
        a pending one at once, else the last one shown."""
        pending = self.slices.pending_snapshot
        self.slices.flush()  # a pending snapshot is shown, one being shown or laid out is painted
        if self.raw_snapshot is not None and not pending:
            self._show(self.raw_snapshot)

    def _show(self, snapshot: WallSnapshot) -> None:
        """Show ``snapshot`` now, all its parts in this turn."""
        for part in self._show_parts(snapshot):
            part()

    def _show_parts(self, snapshot: WallSnapshot) -> list[Callable[[], None]]:
        """Showing ``snapshot`` in parts, to run in this order (at once, or a part per slice on a held
        picture): its alerts and banner, each tile, the feed (an item per part), then the snapshot
        becomes the wall's (``snapshot``, ``raw_snapshot``) with the crisis view, the top bar and the
        kiosk's parts.
        ``apply_ms`` adds up their time."""
        showing = _Showing(self, snapshot)
        tiles = [partial(showing.tile, i) for i in range(len(self.tiles))]
        feed_steps = [partial(showing.feed_step, i) for i in range(len(self.ticker.items) + 1)]
        parts: list[Callable[[], None]] = [showing.head, *tiles, showing.feed, *feed_steps, showing.tail]
        return [partial(showing.timed, part) for part in parts]


class _Showing:
    """One snapshot being shown on ``wall`` part by part (:meth:`WallSnapshots._show_parts`): the view the
    head works out is what the later parts show."""

    def __init__(self, wall: WallSnapshots, snapshot: WallSnapshot) -> None:
        self.wall = wall
        self.snapshot = snapshot
        self.view = snapshot
        self.alerted: set[str] = set()   # topics with an alert
        self.waiting: set[str] = set()   # those whose alert still waits in the banner's queue
        self.filling: list[Callable[[], None]] = []  # the feed's steps (``Ticker.fill_steps``)

    def timed(self, part: Callable[[], None]) -> None:
        """Run ``part``, adding its time to the wall's ``apply_ms``."""
        started = time.perf_counter()
        part()
        self.wall.apply_ms += (time.perf_counter() - started) * 1000

    def head(self) -> None:
        """The view this wall shows, its alerts and the banner."""
        wall = self.wall
        wall.apply_ms = 0.0
        raw = wall.raw_snapshot
        self.view = wall._kiosk_view(self.snapshot)
        wall.raw_snapshot = raw  # ``snapshot`` and ``raw_snapshot`` change with the last part
        alerts = [a for a in self.view.alerts if a.state is not AlertState.RESOLVED]
        wall._acked &= {a.id for a in alerts if a.acknowledged_by is None}
        wall.banner.set_alerts(alerts, wall._acked)
        self.alerted = {a.key for a in alerts if a.scope is AlertScope.TOPIC}
        self.waiting = {a.key for a in queue(alerts, wall._acked) if a.scope is AlertScope.TOPIC}

    def tile(self, i: int) -> None:
        """Tile ``i``: its topic, or cleared."""
        tiles = self.wall.tiles
        if i >= len(tiles):
            return
        tile = tiles[i]
        if i < len(self.view.topics):
            topic = self.view.topics[i]
            tile.setVisible(True)
            key = str(topic.id)
            alerted = key in self.alerted
            tile.set_topic(topic, alerted=alerted, seen=alerted and key not in self.waiting)
        else:
            tile.clear()

    def feed(self) -> None:
        """The empty-wall message, and the feed's steps to come."""
        wall, view = self.wall, self.view
        wall.empty.setVisible(not view.topics)
        if not view.topics:
            working = sum(1 for h in view.health if h.ok)
            wall.empty.setText(messages.no_topics_yet(view.mentions_last_hour, working, len(view.health)))
        if wall.ticker.isHidden() == bool(view.latest):  # no mentions at all: no empty feed column
            wall.ticker.setVisible(bool(view.latest))
        self.filling.extend(wall.ticker.fill_steps(view.latest, view.created, view.reply_parents))

    def feed_step(self, i: int) -> None:
        """The feed's item ``i`` (a crisis's long posts took 68 ms at once)."""
        if i < len(self.filling):
            self.filling[i]()

    def tail(self) -> None:
        """The snapshot becomes the wall's: the crisis view, the top bar, the kiosk's parts."""
        wall, view = self.wall, self.view
        wall.raw_snapshot, wall.snapshot = self.snapshot, view
        wall._update_crisis(view)
        wall._tick()
        if not wall._clock.isActive():
            wall._clock.start()
        wall._kiosk_after(view)
        if wall.apply_ms > 50:
            log.debug("applying a snapshot took %.0f ms", wall.apply_ms)
