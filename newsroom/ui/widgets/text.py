"""Plain-text widgets: remote text is never interpreted as rich text."""

from __future__ import annotations

import re

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
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
ELLIPSIS = "…"

#: what elision never cuts in half: URLs, then numbers written in groups (phone numbers, amounts,
#: times, dates: "0800 12 345", "+32 470 12 34 56", "14:05", "2.500"), then any other word
_TOKEN = re.compile(r"(?:https?://|www\.)\S+|\+?\d(?:[ .:/,-]?\d)*\S*|\S+")
_URL = re.compile(r"https?://|www\.", re.IGNORECASE)


def elide_words(text: str, fm: QFontMetricsF, width: float) -> str:
    """``text`` if it fits in ``width``, else the longest run of whole tokens that fits followed by '…'.

    A token is a URL, a number in groups (a phone number stays whole) or a word: nothing is cut in half,
    except a single plain word too wide on its own (cut by characters). A URL or number that does not
    fit at the start leaves just '…'.
    """
    text = " ".join(text.split())
    if fm.horizontalAdvance(text) <= width:
        return text
    room = width - fm.horizontalAdvance(" " + ELLIPSIS)
    end = 0
    for match in _TOKEN.finditer(text):
        if fm.horizontalAdvance(text[: match.end()]) > room:
            word = match.group()
            if end == 0 and word[0].isalpha() and not _URL.match(word):
                return fm.elidedText(text, Qt.TextElideMode.ElideRight, width)
            break
        end = match.end()
    return (text[:end].rstrip(" ,;:·-—") + " " + ELLIPSIS).lstrip() if end else ELLIPSIS


def utf16_index(text: str) -> list[int]:
    """For each UTF-16 offset into ``text`` (Qt's positions) the index of its character in the Python
    string; one more entry for the end."""
    index: list[int] = []
    for i, ch in enumerate(text):
        index.append(i)
        if ord(ch) > 0xFFFF:  # a surrogate pair: both halves belong to this character
            index.append(i)
    index.append(len(text))
    return index


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
        self._span_cache: dict[tuple[str, str, float], list[tuple[int, int]]] = {}
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
        """Font and colour (the same again changes nothing)."""
        if font == self._font and colour == self._colour:
            return
        self._font = font
        self._colour = colour
        self.updateGeometry()
        self.update()

    def _spans(self, width: float) -> list[tuple[int, int]]:
        """(start, length) of each wrapped line at ``width`` in the current font (remembered: layouts
        ask for the same widths again and again)."""
        key = (self._text, self._font.key(), width)
        known = self._span_cache.get(key)
        if known is not None:
            return known
        if len(self._span_cache) > 64:
            self._span_cache.clear()
        spans = self._span_cache[key] = self._layout_spans(width)
        return spans

    def _layout_spans(self, width: float) -> list[tuple[int, int]]:
        layout = QTextLayout(self._text, self._font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        # Qt counts in UTF-16 units, Python in characters: an emoji is two units and one character
        # (taken as they came, every emoji moved each later line break one character on: "li|gt")
        index = utf16_index(self._text)
        spans: list[tuple[int, int]] = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            start, end = index[line.textStart()], index[line.textStart() + line.textLength()]
            spans.append((start, end - start))
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
            out[-1] = (elide_words(rest, QFontMetricsF(self._font), width), True)
        return out

    def hasHeightForWidth(self) -> bool:
        """The height depends on the width (wrapping)."""
        return True

    def heightForWidth(self, width: int) -> int:
        """Height of the wrapped lines at this width (counted, not elided: a resize asks every tile's
        title and sub-stories, and eliding their last lines was most of a 4K resize's Python time)."""
        n = min(len(self._spans(float(width))), self.max_lines) if self._text and width > 0 else 1
        return int(QFontMetricsF(self._font).lineSpacing() * max(1, n) + 2)

    def sizeHint(self) -> QSize:
        """A modest width (the layout gives the room there is), the height of the text at the current
        width: asking for the current width would only ever let a window grow."""
        w = max(self.width(), 200)
        return QSize(200, self.heightForWidth(w))

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


class ElidedLine(QWidget):
    """One line of plain text that elides at a word boundary ('…') instead of widening its parent.

    Its minimum width is a few characters, its preferred width at most ``hint_chars`` characters: a
    long text (eight failing sources, a long notice) never makes a window wider than its screen.
    """

    def __init__(self, parent: QWidget | None = None, *, hint_chars: int = 24) -> None:
        super().__init__(parent)
        self._text = ""
        self._font = QFont()
        self._colour = theme.TEXT
        self._background: str | None = None
        self._pad = 0.0
        self.hint_chars = hint_chars
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        """The full text."""
        return self._text

    def shown_text(self) -> str:
        """The text as painted at the current width."""
        return elide_words(self._text, QFontMetricsF(self._font), self.width() - 2 * self._pad)

    def set_text(self, text: str) -> None:
        """Show ``text`` literally on one line."""
        clean = " ".join(text.split())[:MAX_CHARS]
        if clean != self._text:
            self._text = clean
            self.updateGeometry()
            self.update()

    def set_style(self, font: QFont, colour: str, *, background: str | None = None) -> None:
        """Font, text colour and an optional rounded background (a badge); the same again changes
        nothing."""
        if (font, colour, background) == (self._font, self._colour, self._background):
            return
        self._font = QFont(font)
        self._colour = colour
        self._background = background
        self._pad = font.pixelSize() * 0.4 if background else 0.0
        self.updateGeometry()
        self.update()

    def font_used(self) -> QFont:
        """The font."""
        return QFont(self._font)

    def sizeHint(self) -> QSize:
        """The text's width, at most ``hint_chars`` average characters."""
        fm = QFontMetricsF(self._font)
        cap = fm.averageCharWidth() * self.hint_chars
        width = min(fm.horizontalAdvance(self._text), cap) + 2 * self._pad + 2
        return QSize(int(width), int(fm.height() + self._pad + 2))

    def full_width(self) -> int:
        """The width the whole text takes (a cap for a line that should not take more)."""
        return int(QFontMetricsF(self._font).horizontalAdvance(self._text) + 2 * self._pad + 2) + 1

    def minimumSizeHint(self) -> QSize:
        """Room for a short word and '…'."""
        fm = QFontMetricsF(self._font)
        return QSize(int(min(fm.horizontalAdvance(self._text), fm.averageCharWidth() * 4) + 2 * self._pad),
                     int(fm.height() + self._pad + 2))

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw the (elided) line, vertically centred."""
        if not self._text:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetricsF(self._font)
        shown = self.shown_text()
        if self._background:
            w = min(fm.horizontalAdvance(shown) + 2 * self._pad, float(self.width()))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(self._background))
            painter.drawRoundedRect(QRectF(0, 0, w, self.height()), 6, 6)
        painter.setFont(self._font)
        painter.setPen(QPen(theme.colour(self._colour)))
        painter.drawText(QRectF(self._pad, 0, self.width() - 2 * self._pad, self.height()),
                         int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)
        painter.end()
