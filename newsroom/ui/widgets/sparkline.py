"""24-hour sparkline whose recent hours are readable: the last :data:`RECENT_H` hours take
:data:`RECENT_SHARE` of the width, the hours before are the compressed context. Normal band shaded,
volume line, negative part stacked in the negative colour; :class:`SparkAxis` puts the time marks
("-24 h", "-6 h", "now") under it at the same places."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from newsroom.domain import Topic
from newsroom.ui import messages, theme

#: hours shown large at the right ...
RECENT_H = 6.0
#: ... over this share of the width
RECENT_SHARE = 0.7
SPAN_H = 24.0


def spark_x(hours_ago: np.ndarray | float) -> np.ndarray | float:
    """Position in [0, 1] of a time ``hours_ago`` hours before now (0 = 24 h ago, 1 = now)."""
    h = np.clip(np.asarray(hours_ago, dtype=float), 0.0, SPAN_H)
    context = (1 - RECENT_SHARE) * (SPAN_H - h) / (SPAN_H - RECENT_H)
    recent = 1 - RECENT_SHARE * h / RECENT_H
    out = np.where(h <= RECENT_H, recent, context)
    return float(out) if out.ndim == 0 else out


class Sparkline(pg.PlotWidget):  # type: ignore[misc]
    """A non-interactive pyqtgraph plot; curves are created once and updated in place."""

    def __init__(self, parent: pg.QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent, background=theme.PANEL)
        self.setObjectName("sparkline")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        item = self.getPlotItem()
        item.hideAxis("left")
        item.hideAxis("bottom")
        item.setMouseEnabled(x=False, y=False)
        item.hideButtons()
        item.setMenuEnabled(False)
        item.getViewBox().setDefaultPadding(0.0)
        self._band_low = pg.PlotDataItem(pen=pg.mkPen(None))
        self._band_high = pg.PlotDataItem(pen=pg.mkPen(theme.BAND_EDGE, width=1))
        self._band = pg.FillBetweenItem(self._band_low, self._band_high, brush=theme.colour(theme.BAND))
        self._zero = pg.PlotDataItem(pen=pg.mkPen(None))
        self._neg = pg.PlotDataItem(pen=pg.mkPen(theme.NEGATIVE, width=1))
        self._neg_fill = pg.FillBetweenItem(self._zero, self._neg, brush=theme.colour(theme.NEGATIVE, 210))
        self._line = pg.PlotDataItem(pen=pg.mkPen(theme.TEXT, width=2))
        self._dot = pg.ScatterPlotItem(size=9, brush=pg.mkBrush(theme.TEXT), pen=pg.mkPen(None))
        # where the recent hours begin: a faint vertical line
        self._split = pg.InfiniteLine(pos=1 - RECENT_SHARE, angle=90,
                                      pen=pg.mkPen(theme.PANEL_EDGE, width=1, style=Qt.PenStyle.DashLine))
        for it in (self._band_low, self._band_high, self._band, self._split, self._zero, self._neg,
                   self._neg_fill, self._line, self._dot):
            item.addItem(it)
        self.points = 0

    def sizeHint(self) -> QSize:
        """Small: the tile decides the width (pyqtgraph's default would widen the window)."""
        return QSize(120, self.height())

    def set_line_width(self, px: float) -> None:
        """Scale the line with the wall's type size."""
        self._line.setPen(pg.mkPen(theme.TEXT, width=max(1.5, px)))
        self._dot.setSize(max(6.0, px * 4))

    def set_topic(self, topic: Topic) -> None:
        """Show the topic's volume, negative volume and normal band on the compressed time axis."""
        volume = np.asarray(topic.volume.values, dtype=float)
        negative = np.asarray(topic.negative.values, dtype=float)
        n = len(volume)
        self.points = n
        step_h = topic.volume.step_s / 3600
        # the centre of each bucket, in hours before the end of the last one
        x = np.asarray(spark_x((n - np.arange(n, dtype=float) - 0.5) * step_h), dtype=float)
        if len(topic.baseline_high) == n and n:
            low = np.asarray(topic.baseline_low, dtype=float)
            high = np.asarray(topic.baseline_high, dtype=float)
        else:
            low = high = np.zeros_like(volume)
        self._band_low.setData(x, low)
        self._band_high.setData(x, high)
        self._zero.setData(x, np.zeros_like(volume))
        self._neg.setData(x, negative)
        self._line.setData(x, volume)
        if n:
            self._dot.setData([x[-1]], [volume[-1]])
            top = max(float(volume.max()), float(high.max()) if len(high) else 0.0, 1.0)
            self.getPlotItem().setRange(xRange=(0.0, 1.0), yRange=(0, top * 1.1), padding=0.0)


class SparkAxis(QWidget):
    """The time marks under a sparkline: '-24 h' at the left, '-6 h' where the recent hours begin,
    'now' at the right."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._font = QFont()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def apply_scale(self, scale: theme.TypeScale) -> None:
        """Marks at three quarters of the smallest size: an aid to the chart, not text to read."""
        self._font = theme.font(scale.base * 0.75)
        self.setFixedHeight(int(QFontMetricsF(self._font).height() + 1))
        self.update()

    def marks(self) -> list[tuple[float, str]]:
        """(position in [0, 1], text) of each mark."""
        return [(0.0, messages.spark_hours_ago(int(SPAN_H))),
                (float(spark_x(RECENT_H)), messages.spark_hours_ago(int(RECENT_H))),
                (1.0, messages.spark_now())]

    def sizeHint(self) -> QSize:
        """As wide as the sparkline."""
        return QSize(100, int(QFontMetricsF(self._font).height() + 1))

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the marks: the first left-aligned, the last right-aligned, the others centred."""
        painter = QPainter(self)
        painter.setFont(self._font)
        painter.setPen(QPen(theme.colour(theme.MUTED)))
        fm = QFontMetricsF(self._font)
        w = float(self.width())
        for pos, text in self.marks():
            tw = fm.horizontalAdvance(text) + 2
            left = min(max(pos * w - tw / 2, 0.0), w - tw)
            painter.drawText(QRectF(left, 0, tw, self.height()), int(Qt.AlignmentFlag.AlignCenter), text)
        painter.end()
