"""Plain-text widgets: remote text is never interpreted as rich text."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from newsroom.ui import theme

MAX_CHARS = 600


def plain_label(text: str = "", parent: QWidget | None = None, *, object_name: str = "") -> QLabel:
    """A QLabel that always shows its text literally (Qt would otherwise guess rich text)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    if object_name:
        label.setObjectName(object_name)
    return label


class ElidedText(QWidget):
    """Wrapped plain text limited to ``max_lines``, the last line elided with '…'."""

    def __init__(self, parent: QWidget | None = None, *, max_lines: int = 3) -> None:
        super().__init__(parent)
        self.max_lines = max_lines
        self._text = ""
        self._font = QFont()
        self._colour = theme.TEXT
        self._fit: tuple[float, float] | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def font_used(self) -> QFont:
        """The font as currently sized."""
        return QFont(self._font)

    def text(self) -> str:
        """The full (capped) text."""
        return self._text

    def set_text(self, text: str) -> None:
        """Show ``text`` literally (control characters removed, size capped)."""
        clean = " ".join(text.split())[:MAX_CHARS]
        if clean != self._text:
            self._text = clean
            self._shrink()
            self.updateGeometry()
            self.update()

    def shrink_to_fit(self, min_px: float, max_px: float) -> None:
        """Use the largest pixel size in [min_px, max_px] at which the text fits in ``max_lines``."""
        self._fit = (min_px, max_px)
        self._shrink()

    def _shrink(self) -> None:
        if self._fit is None or self.width() <= 0:
            return
        low, high = self._fit
        px = high
        while px > low:
            self._font.setPixelSize(round(px))
            if len(self._spans(float(self.width()))) <= self.max_lines:
                break
            px -= 1
        self._font.setPixelSize(round(max(px, low)))
        self.updateGeometry()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fit the text again for the new width."""
        super().resizeEvent(event)
        self._shrink()

    def set_style(self, font: QFont, colour: str) -> None:
        """Font and colour."""
        self._font = font
        self._colour = colour
        self.updateGeometry()
        self.update()

    def _spans(self, width: float) -> list[tuple[int, int]]:
        """(start, length) of each wrapped line at ``width`` in the current font."""
        layout = QTextLayout(self._text, self._font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        spans: list[tuple[int, int]] = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            spans.append((line.textStart(), line.textLength()))
        layout.endLayout()
        return spans

    def _lines(self, width: float) -> list[tuple[str, bool]]:
        """(line text, elided) for the given width."""
        if not self._text or width <= 0:
            return []
        spans = self._spans(width)
        out = [(self._text[s:s + n].rstrip(), False) for s, n in spans[: self.max_lines]]
        if len(spans) > self.max_lines:
            rest = self._text[spans[self.max_lines - 1][0]:]
            fm = QFontMetricsF(self._font)
            out[-1] = (fm.elidedText(rest, Qt.TextElideMode.ElideRight, width), True)
        return out

    def hasHeightForWidth(self) -> bool:
        """The height depends on the width (wrapping)."""
        return True

    def heightForWidth(self, width: int) -> int:
        """Height of the wrapped lines at this width."""
        n = max(1, len(self._lines(float(width))))
        return int(QFontMetricsF(self._font).lineSpacing() * n + 2)

    def sizeHint(self) -> QSize:
        """Prefer the current width."""
        w = max(self.width(), 200)
        return QSize(w, self.heightForWidth(w))

    def visible_lines(self) -> list[str]:
        """The lines as painted (for tests)."""
        return [t for t, _ in self._lines(float(self.width()))]

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the lines."""
        painter = QPainter(self)
        painter.setFont(self._font)
        painter.setPen(QPen(theme.colour(self._colour)))
        fm = QFontMetricsF(self._font)
        y = fm.ascent()
        for text, _ in self._lines(float(self.width())):
            painter.drawText(QPointF(0, y), text)
            y += fm.lineSpacing()
        painter.end()
