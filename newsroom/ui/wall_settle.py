"""A new shape of the wall settled on a held picture: when a snapshot changes which parts show or how
they are divided, the new shape is laid out, its clouds and sparklines made at their new sizes, the
crisis view filled, and each part painted once into a scratch image (its glyphs cached), a few per
slice; the screen shows the old picture until then. A part of :class:`~newsroom.ui.wall.WallWindow`."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtGui import QImage, QRegion
from PySide6.QtWidgets import QWidget

from newsroom.domain import CrisisDetail
from newsroom.ui.crisis import CrisisView
from newsroom.ui.hold import PictureHold
from newsroom.ui.slices import Slices
from newsroom.ui.wall_part import WallPart

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel

    from newsroom.ui.rotation import PageBar
    from newsroom.ui.widgets.banner import AlertBanner
    from newsroom.ui.widgets.ticker import Ticker
    from newsroom.ui.widgets.tile import TopicTile
    from newsroom.ui.widgets.topbar import TopBar


class WallSettling(WallPart):
    """The held picture's part of the wall window (see ``WallWindow._show_in_turn``)."""

    slices: Slices
    picture_hold: PictureHold
    crisis: CrisisView
    _crisis_pending: CrisisDetail | None
    tiles: list[TopicTile]
    banner: AlertBanner
    ticker: Ticker
    topbar: TopBar
    empty: QLabel
    page_bar: PageBar
    setup_hint: QLabel

    if TYPE_CHECKING:
        def _fill_crisis(self) -> None: ...
        def _open_crisis(self) -> None: ...

    def _settle_or_release(self, before: tuple[object, ...], unsettled: bool) -> None:
        """After the parts are shown: the same shape is painted at once, a new one settled first."""
        if unsettled or self._shape() != before:
            self.slices.then(self._settle_steps())

    def _settle_steps(self) -> list[Callable[[], None]]:
        """The slices after a new shape was shown on a held picture (see ``_show_in_turn``)."""
        steps: list[Callable[[], None]] = [self._settle_layout]
        if self._crisis_pending is not None:
            steps += [self._fill_crisis, self._open_crisis]
            if self.crisis.isHidden():  # opening: laid out and its glyphs cached before the paint, a part
                steps.append(self._settle_layout)  # per slice (at 4K the whole view's first paint: 45 ms)
                parts = self.crisis.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
                steps += [step for part in parts for step in self._rehearsals(part)]
        else:  # the tiles (under an open crisis view they wait until it closes)
            for tile in self.tiles:
                if not tile.isHidden() and self.crisis.isHidden():
                    steps += [tile.catch_up, *self._rehearsals(tile)]
        steps += [step for part in (self.banner, self.ticker, self.topbar) for step in self._rehearsals(part)]
        return steps

    def _rehearsals(self, part: QWidget) -> list[Callable[[], None]]:
        """``part`` painted into scratch images a piece per step (``_rehearse``): itself without its
        children, then each direct child with its own (a tile's cloud, its sparkline, a feed's item: a
        whole tile at once took up to 66 ms under load)."""
        children = part.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if not children:
            return [partial(self._rehearse, part)]
        return [partial(self._rehearse, part, alone=True), *(partial(self._rehearse, c) for c in children)]

    def _shape(self) -> tuple[object, ...]:
        """What decides the sizes of the wall's parts: which parts show, how the tiles are divided, a
        crisis view to fill."""
        parts = (self.banner, self.empty, self.page_bar, self.setup_hint, self.crisis)
        return (tuple(w.isHidden() for w in parts), tuple(t.shape() for t in self.tiles),
                self._crisis_pending is not None)

    @property
    def held(self) -> bool:
        """The old picture is held while a new shape is laid out (``_show_in_turn``)."""
        return self.picture_hold.active

    def _hold(self) -> None:
        self.picture_hold.hold()

    def _settle_layout(self) -> None:
        """Lay the new shape out now (the window's layout, then the tiles' and the feed's), so that the
        next slices find every part at its new size."""
        layout = self.layout()
        if layout is not None:
            layout.activate()
        for _ in range(3):  # a resized part may ask for another pass (a title taking a second line)
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def _rehearse(self, part: QWidget, *, alone: bool = False) -> None:
        """Paint ``part`` once into a scratch image while the picture is held: the glyphs of its new
        texts (titles shrunk to fit, cloud words at new sizes) are rasterised and cached now, a part per
        slice, instead of all in the turn that paints the window (at 4K the first paint of six new
        tiles cost twice a warm one). ``alone``: without its children (they have steps of their own).
        Nothing on screen changes."""
        if not shiboken6.isValid(part) or part.isHidden() or part.width() <= 0 or part.height() <= 0:
            return
        ratio = self.devicePixelRatioF()
        scratch = QImage(round(part.width() * ratio), round(part.height() * ratio),
                         QImage.Format.Format_ARGB32_Premultiplied)
        scratch.setDevicePixelRatio(ratio)
        flags = QWidget.RenderFlag.DrawWindowBackground
        if not alone:
            flags |= QWidget.RenderFlag.DrawChildren
        # (not an override: a chart view renders onto a painter only)
        QWidget.render(part, scratch, QPoint(), QRegion(), flags)
