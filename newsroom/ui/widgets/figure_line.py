"""A tile's key figures on one line, cut from the end where the tile is too narrow."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from newsroom.ui import theme


class FigureLine(QWidget):
    """Key figures on one line ('214 / h   81 % negative   ▲ rising'); parts that do not fit are left
    out from the end instead of widening the tile."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parts: list[tuple[str, str]] = []
        self._font = QFont()
        self._gap = 20.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_style(self, font: QFont, gap: float) -> None:
        """Font and the gap between parts."""
        self._font = QFont(font)
        self._gap = gap
        self.updateGeometry()
        self.update()

    def set_parts(self, parts: list[tuple[str, str]]) -> None:
        """(text, colour) per part."""
        if parts != self._parts:
            self._parts = parts
            self.update()

    def shown(self) -> list[str]:
        """The parts that fit at the current width (for tests)."""
        fm = QFontMetricsF(self._font)
        out: list[str] = []
        x = 0.0
        for text, _ in self._parts:
            w = fm.horizontalAdvance(text)
            if x + w > self.width() and out:
                break
            out.append(text)
            x += w + self._gap
        return out

    def sizeHint(self) -> QSize:
        """The first two parts side by side (the rest shows when there is room)."""
        fm = QFontMetricsF(self._font)
        parts = self._parts[:2]
        w = sum(fm.horizontalAdvance(t) for t, _ in parts) + self._gap * max(len(parts) - 1, 0)
        return QSize(int(w), int(fm.height()))

    def minimumSizeHint(self) -> QSize:
        """The first part."""
        fm = QFontMetricsF(self._font)
        first = fm.horizontalAdvance(self._parts[0][0]) if self._parts else 0.0
        return QSize(int(min(first, fm.averageCharWidth() * 8)), int(fm.height()))

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the parts that fit."""
        painter = QPainter(self)
        painter.setFont(self._font)
        fm = QFontMetricsF(self._font)
        x = 0.0
        colours = dict(self._parts)
        for text in self.shown():
            painter.setPen(QPen(theme.colour(colours[text])))
            painter.drawText(QRectF(x, 0, fm.horizontalAdvance(text) + 2, self.height()),
                             int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), text)
            x += fm.horizontalAdvance(text) + self._gap
        painter.end()
