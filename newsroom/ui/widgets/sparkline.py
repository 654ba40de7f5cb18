"""24-hour sparkline (square-root height) whose recent hours are readable: the last :data:`RECENT_H`
hours take :data:`RECENT_SHARE` of the width, the hours before are the compressed context. Normal band shaded,
volume line, negative part stacked in the negative colour; :class:`SparkAxis` puts the time marks
("-24 h", "-6 h", "now") under it at the same places."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QPen, QPolygonF
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


def _segments(points: list[QPointF]) -> list[QLineF]:
    """A polyline as separate segments (round caps join them)."""
    return [QLineF(a, b) for a, b in pairwise(points)]


class Sparkline(QWidget):
    """Drawn with QPainter: the normal band, the negative part stacked from zero, the volume line and a
    dot at "now", on the compressed time axis. (pyqtgraph drew the same at several times the cost:
    twelve tiles at 4K missed the 50 ms budget; the crisis view keeps pyqtgraph for its large chart.)"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sparkline")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.points = 0
        self._line_px = 2.0
        self._x = np.zeros(0)
        self._volume = np.zeros(0)
        self._negative = np.zeros(0)
        self._low = np.zeros(0)
        self._high = np.zeros(0)
        self._top = 1.0
        #: shapes in pixels for one size: (width, height, band, band top, negative, line segments)
        self._cache: tuple[float, float, QPolygonF, QPolygonF, QPolygonF, list[QLineF]] | None = None

    def sizeHint(self) -> QSize:
        """Small: the tile decides the width."""
        return QSize(120, self.height())

    def set_line_width(self, px: float) -> None:
        """Scale the line with the wall's type size."""
        self._line_px = max(1.5, px)
        self.update()

    def set_topic(self, topic: Topic) -> None:
        """Show the topic's volume, negative volume and normal band on the compressed time axis."""
        volume = np.asarray(topic.volume.values, dtype=float)
        n = len(volume)
        self.points = n
        step_h = topic.volume.step_s / 3600
        # the centre of each bucket, in hours before the end of the last one
        self._x = np.asarray(spark_x((n - np.arange(n, dtype=float) - 0.5) * step_h), dtype=float)
        self._volume = volume
        self._negative = np.minimum(np.asarray(topic.negative.values, dtype=float), volume)
        if len(topic.baseline_high) == n and n:
            self._low = np.asarray(topic.baseline_low, dtype=float)
            self._high = np.asarray(topic.baseline_high, dtype=float)
        else:
            self._low = self._high = np.zeros(n)
        self._top = max(float(volume.max()) if n else 0.0, float(self._high.max()) if n else 0.0, 1.0) * 1.1
        self._cache = None
        self.update()

    def _points(self, values: np.ndarray, w: float, h: float, pad: float) -> list[QPointF]:
        xs = pad + self._x * (w - 2 * pad)
        # square-root height: a crisis peak still towers, yet the normal band and an ordinary hour stay
        # visible under it (on a linear scale both were a flat line at the bottom)
        ys = h - pad - np.sqrt(np.maximum(values, 0.0) / self._top) * (h - 2 * pad)
        return [QPointF(float(x), float(y)) for x, y in zip(xs, ys, strict=True)]

    def _polygons(self, w: float, h: float,
                  pad: float) -> tuple[QPolygonF, QPolygonF, QPolygonF, list[QLineF]]:
        """The shapes in pixels, made once per data and size."""
        if self._cache is None or self._cache[:2] != (w, h):
            high = self._points(self._high, w, h, pad)
            zero = self._points(np.zeros(self.points), w, h, pad)
            self._cache = (w, h, QPolygonF(high + self._points(self._low, w, h, pad)[::-1]), QPolygonF(high),
                           QPolygonF(self._points(self._negative, w, h, pad) + zero[::-1]),
                           _segments(self._points(self._volume, w, h, pad)))
        return self._cache[2:]

    def paintEvent(self, event: QPaintEvent) -> None:
        """Band, split line, negative area, volume line, dot (only the line and dot antialiased: the
        filled areas look the same without, at a fraction of the cost)."""
        painter = QPainter(self)
        w, h = float(self.width()), float(self.height())
        pad = self._line_px * 2
        split = pad + float(spark_x(RECENT_H)) * (w - 2 * pad)
        if self.points:
            band, band_top, negative, line = self._polygons(w, h, pad)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.colour(theme.BAND))
            painter.drawPolygon(band)
            painter.setPen(QPen(theme.colour(theme.BAND_EDGE), 1))
            painter.drawPolyline(band_top)
        painter.setPen(QPen(theme.colour(theme.PANEL_EDGE), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(split, 0), QPointF(split, h))
        if self.points:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.colour(theme.NEGATIVE, 210))
            painter.drawPolygon(negative)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(theme.colour(theme.TEXT), self._line_px, Qt.PenStyle.SolidLine,
                                Qt.PenCapStyle.RoundCap))
            painter.drawLines(line)  # separate segments: an antialiased polyline costs ~20 × more
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.colour(theme.TEXT))
            r = max(3.0, self._line_px * 2)
            painter.drawEllipse(line[-1].p2() if line else QPointF(w - pad, h - pad), r, r)
        painter.end()


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
