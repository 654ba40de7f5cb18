"""24-hour sparkline (square-root height) whose recent hours are readable: the last :data:`RECENT_H`
hours take :data:`RECENT_SHARE` of the width, the hours before are the compressed context. Normal band shaded,
volume line, negative part stacked in the negative colour; :class:`SparkAxis` puts the time marks
("-24 h", "-6 h", "now") under it at the same places."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import starmap
from typing import TYPE_CHECKING

import numpy as np
from pyqtgraph.functions import create_qpolygonf, ndarray_from_qpolygonf
from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from newsroom.domain import Topic
from newsroom.ui import messages, theme
from newsroom.ui.later import later

if TYPE_CHECKING:
    from newsroom.ui.widgets.spark_ahead import SparkAhead

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


#: pictures a sparkline keeps (the one shown and the one prepared for the next snapshot, per size)
PICTURES_KEPT = 4


@dataclass(frozen=True, slots=True)
class SparkData:
    """What a sparkline shows: the series as the topic carries them (compared and hashed as they are)."""

    volume: tuple[float, ...]
    negative: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]
    step_s: int

    @classmethod
    def empty(cls) -> SparkData:
        """No series."""
        return cls((), (), (), (), 600)

    @classmethod
    def of(cls, topic: Topic) -> SparkData:
        """The topic's series (a normal band only when it has one value per bucket)."""
        volume = tuple(topic.volume.values)
        band = len(topic.baseline_high) == len(volume) == len(topic.baseline_low)
        return cls(volume, tuple(topic.negative.values), tuple(topic.baseline_low) if band else (),
                   tuple(topic.baseline_high) if band else (), int(topic.volume.step_s))


def _polygon(xs: np.ndarray, ys: np.ndarray) -> QPolygonF:
    """A QPolygonF filled from two arrays at once (no Python object per point)."""
    polygon: QPolygonF = create_qpolygonf(len(xs))
    if len(xs):
        points = ndarray_from_qpolygonf(polygon)
        points[:, 0] = xs
        points[:, 1] = ys
    return polygon


def _bars(edges: np.ndarray, tops: np.ndarray, bottoms: np.ndarray) -> list[QRectF]:
    """One rectangle per bucket between ``edges[i]`` and ``edges[i + 1]``, from ``tops`` down to
    ``bottoms`` (empty buckets left out)."""
    widths, heights = np.diff(edges), bottoms - tops
    keep = heights > 0.25
    return list(starmap(QRectF, zip(edges[:-1][keep].tolist(), tops[keep].tolist(), widths[keep].tolist(),
                                    heights[keep].tolist(), strict=True)))


def _segments(xs: np.ndarray, ys: np.ndarray) -> list[QLineF]:
    """The line through the points as separate segments (drawn with flat caps, the joints as dots: a
    round-capped or antialiased wide polyline costs about ten times as much)."""
    x, y = xs.tolist(), ys.tolist()
    return list(starmap(QLineF, zip(x[:-1], y[:-1], x[1:], y[1:], strict=True)))


class _Shapes:
    """A sparkline's shapes in pixels for one size."""

    def __init__(self, data: SparkData, w: float, h: float, pad: float) -> None:
        n = len(data.volume)
        volume = np.asarray(data.volume, dtype=float)
        negative = np.minimum(np.asarray(data.negative, dtype=float)[:n], volume)
        if len(negative) < n:
            negative = np.concatenate([negative, np.zeros(n - len(negative))])
        high = np.asarray(data.high, dtype=float) if data.high else np.zeros(n)
        low = np.asarray(data.low, dtype=float) if data.low else np.zeros(n)
        top = max(float(volume.max()) if n else 0.0, float(high.max()) if n else 0.0, 1.0) * 1.1
        step_h = data.step_s / 3600
        # the centre of each bucket, in hours before the end of the last one
        xs = pad + np.asarray(spark_x((n - np.arange(n, dtype=float) - 0.5) * step_h)) * (w - 2 * pad)

        def ys(values: np.ndarray) -> np.ndarray:
            # square-root height: a crisis peak still towers, yet the normal band and an ordinary hour
            # stay visible under it (on a linear scale both were a flat line at the bottom)
            return np.asarray(h - pad - np.sqrt(np.maximum(values, 0.0) / top) * (h - 2 * pad))

        # the filled parts as one bar per bucket, edge to edge (the middles between bucket centres): the
        # raster engine fills rectangles about ten times as fast as a polygon of the same outline
        edges = np.concatenate([[xs[0] - (xs[1] - xs[0]) / 2 if n > 1 else pad], (xs[:-1] + xs[1:]) / 2,
                                [xs[-1] + (xs[-1] - xs[-2]) / 2 if n > 1 else w - pad]]) if n else xs
        self.band = _bars(edges, ys(high), ys(low))
        self.band_top = _polygon(xs, ys(high))
        self.negative = _bars(edges, ys(negative), ys(np.zeros(n)))
        vy = ys(volume)
        recent = max(0, n - 1 - int(RECENT_H * 3600 // data.step_s))  # the first bucket of the recent hours
        self.context = _segments(xs[:recent + 1], vy[:recent + 1]) if recent else []
        self.line = _segments(xs[recent:], vy[recent:]) if n else []
        self.joints = _polygon(xs[recent + 1:-1], vy[recent + 1:-1]) if n > recent + 2 else QPolygonF()
        self.now = QPointF(float(xs[-1]), float(vy[-1])) if n else QPointF(w - pad, h - pad)


def paint_spark(painter: QPainter, data: SparkData, w: int, h: int, line_px: float,
                palette: theme.Palette) -> None:
    """Band, split line, negative area, volume line, dot (only the line and dot antialiased: the
    filled areas look the same without, at a fraction of the cost), on a picture already filled with
    the panel's colour."""
    pad = line_px * 2
    split = pad + float(spark_x(RECENT_H)) * (w - 2 * pad)
    n = len(data.volume)
    if n:
        shapes = _Shapes(data, float(w), float(h), pad)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.colour(palette.band))
        painter.drawRects(shapes.band)
        painter.setPen(QPen(theme.colour(palette.band_edge), 1))
        painter.drawPolyline(shapes.band_top)
    painter.setPen(QPen(theme.colour(palette.panel_edge), 1, Qt.PenStyle.DashLine))
    painter.drawLine(QPointF(split, 0), QPointF(split, h))
    if n:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.colour(palette.negative, 210))
        painter.drawRects(shapes.negative)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        # the compressed context (18 h in 30 % of the width) thinner and without antialiasing (at
        # full width its buckets, 2 px apart at 1080p, merged into a white block), the recent hours
        # antialiased; separate segments with flat caps and a dot on each joint (a wide polyline or
        # round caps cost ~5-10 × more)
        painter.setPen(QPen(theme.colour(palette.text), max(1.0, line_px / 2), Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.FlatCap))
        painter.drawLines(shapes.context)
        painter.setPen(QPen(theme.colour(palette.text), line_px, Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.FlatCap))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.drawLines(shapes.line)
        painter.setPen(QPen(theme.colour(palette.text), line_px, Qt.PenStyle.SolidLine,
                            Qt.PenCapStyle.RoundCap))
        painter.drawPoints(shapes.joints)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.colour(palette.text))
        r = max(3.0, line_px * 2)
        painter.drawEllipse(shapes.now, r, r)


class Sparkline(QWidget):
    """Drawn with QPainter: the normal band, the negative part stacked from zero, the volume line and a
    dot at "now", on the compressed time axis. (pyqtgraph drew the same at several times the cost:
    twelve tiles at 4K missed the 50 ms budget; the crisis view keeps pyqtgraph for its large chart.)

    The picture is drawn once per series, size, device pixel ratio and theme into a pixmap (its
    ``prepare`` draws it ahead, one tile per event-loop turn, before the wall shows a snapshot); a
    paint is one copy of that pixmap, and the same series again changes nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sparkline")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # its picture is opaque (the panel's colour under the chart): copied, not blended, and the
        # tile's panel under it is not painted first
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.points = 0
        self._line_px = 2.0
        self._data = SparkData.empty()
        #: pictures drawn: (series, width, height, pixel ratio, line width, theme) -> pixmap (or the
        #: image the worker drew ahead: newsroom.ui.widgets.spark_ahead)
        self._pictures: dict[tuple[object, ...], QPixmap | QImage] = {}
        #: how many pictures were drawn here (for tests: the same series twice draws once)
        self.renders = 0
        #: how many pictures drawn ahead by the worker were taken instead
        self.adopted = 0
        #: pictures drawn ahead off the GUI thread, taken when their key is this sparkline's (the wall
        #: sets it)
        self.ahead: SparkAhead | None = None
        #: the last picture painted and its key (painted scaled while a resize's new one waits)
        self._painted: tuple[tuple[object, ...], QPixmap | QImage] | None = None

    def sizeHint(self) -> QSize:
        """Small: the tile decides the width."""
        return QSize(120, self.height())

    @property
    def line_px(self) -> float:
        """The line's width in pixels."""
        return self._line_px

    def set_line_width(self, px: float) -> None:
        """Scale the line with the wall's type size."""
        px = max(1.5, px)
        if px != self._line_px:
            self._line_px = px
            self.update()

    def set_topic(self, topic: Topic) -> None:
        """Show the topic's volume, negative volume and normal band on the compressed time axis (the
        same series as shown: nothing happens)."""
        data = SparkData.of(topic)
        if data == self._data:
            return
        self._data = data
        self.points = len(data.volume)
        self.update()

    def prepare(self, topic: Topic) -> None:
        """Draw the picture of ``topic``'s series at the current size ahead of ``set_topic``."""
        self._picture(SparkData.of(topic))

    def catch_up(self) -> None:
        """Draw the picture of the series shown at the current size (after a resize), ahead of the paint."""
        self._picture(self._data)

    def _key(self, data: SparkData) -> tuple[object, ...]:
        return (data, self.width(), self.height(), self.devicePixelRatioF(), self._line_px,
                theme.current().name)

    def _picture(self, data: SparkData) -> QPixmap | QImage | None:
        w, h = self.width(), self.height()
        if w <= 0 or h <= 0:
            return None
        key = self._key(data)
        picture = self._pictures.get(key)
        if picture is None:
            if len(self._pictures) >= PICTURES_KEPT:  # the oldest goes (dicts keep insertion order)
                del self._pictures[next(iter(self._pictures))]
            ahead = self.ahead.take(key) if self.ahead is not None else None
            if ahead is not None:
                picture = self._pictures[key] = ahead
                self.adopted += 1
            else:
                picture = self._pictures[key] = self._draw(data, w, h)
                self.renders += 1
        return picture

    def _draw(self, data: SparkData, w: int, h: int) -> QPixmap:
        """The picture drawn here, on the GUI thread (``spark_image`` draws the same off it)."""
        ratio = self.devicePixelRatioF()
        palette = theme.current()
        pixmap = QPixmap(max(1, round(w * ratio)), max(1, round(h * ratio)))
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(theme.colour(palette.panel))
        painter = QPainter(pixmap)
        paint_spark(painter, data, w, h, self._line_px, palette)
        painter.end()
        return pixmap

    def resizeEvent(self, event: QResizeEvent) -> None:
        """A new size: the picture for it is drawn in a coming slice (newsroom.ui.later), the old one
        painted scaled meanwhile."""
        super().resizeEvent(event)
        if self._painted is not None and self._key(self._data) not in self._pictures:
            later(self, self._catch_up_later)

    def _catch_up_later(self) -> None:
        self.catch_up()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        """One copy of the picture (the last one, scaled, while the picture for this size waits)."""
        key = self._key(self._data)
        picture = self._pictures.get(key)
        painted = self._painted
        painter = QPainter(self)
        if picture is None and painted is not None and painted[0][0] == self._data \
                and later(self, self._catch_up_later):
            if isinstance(painted[1], QImage):
                painter.drawImage(self.rect(), painted[1])
            else:
                painter.drawPixmap(self.rect(), painted[1])
            painter.end()
            return
        picture = self._picture(self._data)
        if isinstance(picture, QImage):
            painter.drawImage(0, 0, picture)
            self._painted = (key, picture)
        elif picture is not None:
            painter.drawPixmap(0, 0, picture)
            self._painted = (key, picture)
        else:
            painter.fillRect(self.rect(), theme.colour(theme.PANEL))
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
