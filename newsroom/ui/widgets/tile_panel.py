"""The picture of a tile's rounded panel, drawn once per size and colour set and shared by the tiles."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter, QPen, QPixmap

from newsroom.ui import theme

#: the panel's corner radius (px)
RADIUS = 10.0
_PanelKey = tuple[int, int, float, tuple[str, str, str, int]]
_panels: OrderedDict[_PanelKey, QPixmap] = OrderedDict()
#: panel pictures kept (tiles of one size share one per colour set: plain, alerted, and a theme change)
PANELS_KEPT = 6


def panel_picture(w: int, h: int, ratio: float, panel: tuple[str, str, str, int]) -> QPixmap:
    """A tile's panel at ``w`` × ``h`` (pixel ratio ``ratio``): the wall's colour in the corners, the
    rounded panel with its edge (antialiased), opaque."""
    key = (w, h, ratio, panel)
    picture = _panels.get(key)
    if picture is not None:
        _panels.move_to_end(key)
        return picture
    background, fill, edge, width = panel
    picture = QPixmap(max(1, round(w * ratio)), max(1, round(h * ratio)))
    picture.setDevicePixelRatio(ratio)
    picture.fill(theme.colour(background))
    painter = QPainter(picture)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(theme.colour(edge), width))
    painter.setBrush(theme.colour(fill))
    half = width / 2
    painter.drawRoundedRect(QRectF(0, 0, w, h).adjusted(half, half, -half, -half), RADIUS, RADIUS)
    painter.end()
    _panels[key] = picture
    while len(_panels) > PANELS_KEPT:
        _panels.popitem(last=False)
    return picture
