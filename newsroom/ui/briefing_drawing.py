"""The briefing's pictures, drawn in points with plain text: the 100 % sentiment bar, the volume chart
with its negative part and time axis, a topic's word cloud, the alert badge. Negative is vermillion
*and* hatched or underlined, positive blue."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFontMetricsF, QPainter, QPainterPath, QPen

from newsroom.analysis.cloud import CloudWord, layout_cloud
from newsroom.briefing.data import SentimentMix
from newsroom.domain import Polarity, Series
from newsroom.localtime import to_local
from newsroom.ui.briefing_style import (
    INK,
    MUTED,
    NEGATIVE,
    NEGATIVE_FILL,
    NEUTRAL,
    POSITIVE,
    RULE,
    SOFT,
    colour,
    font,
)


def hatched(code: str) -> QBrush:
    """A hatched brush: the second cue beside the colour."""
    return QBrush(colour(code), Qt.BrushStyle.BDiagPattern)


def severity_brush(severity: int) -> QBrush:
    """The bar beside an alert: darker for more severe."""
    return QBrush(colour(NEGATIVE if severity >= 3 else NEGATIVE_FILL))


def draw_alert_badge(p: QPainter, rect: QRectF, word: str) -> None:
    """A vermillion badge with a warning triangle (drawn: the bundled font has no ⚠) and ``word``."""
    p.fillRect(rect, colour(NEGATIVE))
    h = rect.height() - 4
    left, top = rect.left() + 4, rect.top() + 2
    triangle = QPainterPath(QPointF(left + h * 0.55, top))
    triangle.lineTo(QPointF(left + h * 1.1, top + h))
    triangle.lineTo(QPointF(left, top + h))
    triangle.closeSubpath()
    p.fillPath(triangle, colour("#FFFFFF"))
    p.setPen(colour(NEGATIVE))
    p.setFont(font(h * 0.8, bold=True))
    p.drawText(QRectF(left, top + h * 0.2, h * 1.1, h * 0.85), int(Qt.AlignmentFlag.AlignCenter), "!")
    p.setPen(colour("#FFFFFF"))
    p.setFont(font(8, bold=True))
    p.drawText(QRectF(left + h * 1.1 + 2, rect.top(), rect.width() - h * 1.1 - 6, rect.height()),
               int(Qt.AlignmentFlag.AlignCenter), word)


def draw_mix(p: QPainter, rect: QRectF, mix: SentimentMix) -> None:
    """A 100 % bar: negative (hatched vermillion), neutral (grey), positive (blue)."""
    if not mix.total:
        p.fillRect(rect, colour(SOFT))
        return
    x = rect.left()
    for label, fill_colour in ((Polarity.NEGATIVE, NEGATIVE_FILL), (Polarity.NEUTRAL, NEUTRAL),
                               (Polarity.POSITIVE, POSITIVE)):
        w = rect.width() * mix.share(label)
        if w <= 0:
            continue
        part = QRectF(x, rect.top(), w, rect.height())
        p.fillRect(part, colour(fill_colour))
        if label is Polarity.NEGATIVE:
            p.fillRect(part, hatched("#FFFFFF"))
        x += w


def _nice(top: float) -> float:
    """A round axis maximum at or above ``top``."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000):
        if top <= step:
            return float(step)
    return float(int(top * 1.1) + 1)


def draw_chart(p: QPainter, rect: QRectF, volume: Series, negative: Series, *, axis: bool) -> None:
    """Mentions per bucket as a line over the negative part (filled, hatched), with a time axis in local
    time and the scale's top value."""
    values, neg = volume.values, negative.values
    n = len(values)
    label_h = 11.0 if axis else 0.0
    plot = QRectF(rect.left() + 22, rect.top() + 2, rect.width() - 24, rect.height() - label_h - 2)
    p.fillRect(plot, colour(SOFT))
    top = _nice(max(values, default=0.0) or 1.0)
    p.setFont(font(7))
    p.setPen(colour(MUTED))
    p.drawText(QRectF(rect.left(), plot.top() - 2, 20, 10), int(Qt.AlignmentFlag.AlignRight), f"{top:.0f}")
    p.drawText(QRectF(rect.left(), plot.bottom() - 9, 20, 10), int(Qt.AlignmentFlag.AlignRight), "0")
    if n:
        def pt(i: int, v: float) -> QPointF:
            x = plot.left() + plot.width() * (i + 0.5) / n
            return QPointF(x, plot.bottom() - plot.height() * min(v, top) / top)

        area = QPainterPath(QPointF(plot.left(), plot.bottom()))
        for i, v in enumerate(neg):
            area.lineTo(pt(i, v))
        area.lineTo(QPointF(plot.right(), plot.bottom()))
        area.closeSubpath()
        p.fillPath(area, colour(NEGATIVE_FILL))
        p.fillPath(area, hatched("#FFFFFF"))
        line = QPainterPath(pt(0, values[0]))
        for i, v in enumerate(values[1:], start=1):
            line.lineTo(pt(i, v))
        p.setPen(QPen(colour(INK), 1.1))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(line)
    if axis and n:
        _time_axis(p, plot, volume)


def _time_axis(p: QPainter, plot: QRectF, series: Series) -> None:
    """Ticks at whole local hours: every 6 h over a day or less, every day's midnight for longer."""
    start, end = series.start, series.end
    span = (end - start).total_seconds()
    step_h = 3 if span <= 12 * 3600 else 6 if span <= 36 * 3600 else 24
    first = to_local(start).replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    p.setFont(font(7))
    p.setPen(colour(MUTED))
    tick = first
    while tick < to_local(end):
        if tick.hour % step_h == 0:
            x = plot.left() + plot.width() * (tick - to_local(start)).total_seconds() / span
            p.setPen(QPen(colour(RULE), 0.5))
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            p.setPen(colour(MUTED))
            text = tick.strftime("%H:%M") if step_h < 24 else tick.strftime("%d/%m")
            p.drawText(QRectF(x - 20, plot.bottom() + 1, 40, 10), int(Qt.AlignmentFlag.AlignHCenter), text)
        tick += timedelta(hours=1)


def draw_cloud(p: QPainter, rect: QRectF, words: Sequence[CloudWord]) -> None:
    """The topic's words, biggest near the centre (the wall's own layout), in print colours."""
    def measure(text: str, px: float) -> tuple[float, float]:
        fm = QFontMetricsF(font(px, bold=True))
        return fm.horizontalAdvance(text) + px * 0.1, fm.height()

    result = layout_cloud(list(words), rect.width(), rect.height(), measure, min_font_px=8, max_font_px=24)
    for w in result.words:
        negative, positive = w.sentiment <= -0.2, w.sentiment >= 0.2
        p.setFont(font(w.font_px, bold=True, underline=negative))
        p.setPen(colour(NEGATIVE if negative else POSITIVE if positive else NEUTRAL))
        p.drawText(QRectF(rect.left() + w.x, rect.top() + w.y, w.width, w.height),
                   int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), w.text)
