"""A query line that checks itself as you type: the problem in a sentence, a caret under its place."""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPolygon
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from newsroom.query import QueryError, parse_query
from newsroom.ui.settings.common import error_label, tr

#: newsroom.query's sentences, as translatable templates (%1, %2: what the pattern caught)
_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), t) for p, t in (
    (r"^the query is empty$", "The query is empty: type a word, a \"phrase\" or a #hashtag."),
    (r"^missing closing quote after position (\d+)$", "The quote at position %1 is never closed."),
    (r"^unexpected '\)' at position (\d+)$", "The ')' at position %1 has no '(' before it."),
    (r"^OR at position (\d+) needs a term before it$", "OR at position %1 needs a word before it."),
    (r"^OR at position (\d+) needs a term after it$", "OR at position %1 needs a word after it."),
    (r"^expected a word, phrase or hashtag before (.+) at position (\d+)$",
     "A word, phrase or hashtag is missing before %1 at position %2."),
    (r"^a query needs at least one term that is not excluded \(near position (\d+)\)$",
     "The query only excludes words (near position %1): add at least one word to look for."),
    (r"^missing closing parenthesis for the one at position (\d+)$",
     "The '(' at position %1 is never closed."),
    (r"^the phrase at position (\d+) is empty$", "The phrase at position %1 is empty."),
    (r"^the hashtag at position (\d+) is not a word$", "The hashtag at position %1 is not a word."),
    (r"^'(.+)' at position (\d+) is not a word$", "“%1” at position %2 is not a word."),
    (r"^'-' at position (\d+) must be followed by a term$",
     "The '-' at position %1 must be followed by the word to leave out."),
))


def query_problem(text: str) -> tuple[str, int] | None:
    """(translated sentence, 1-based position) of what is wrong with the query, or None."""
    try:
        parse_query(text)
    except QueryError as exc:
        message = str(exc)
        for pattern, template in _MESSAGES:
            m = pattern.match(message)
            if m:
                sentence = tr(template)
                for i, group in enumerate(m.groups(), 1):
                    what = tr("the end") if group == "the end" else group
                    sentence = sentence.replace(f"%{i}", what)
                return sentence, exc.position
        return message, exc.position
    return None


class _Caret(QWidget):
    """A small triangle under the character where the problem is."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.x_at: int | None = None
        self.setFixedHeight(9)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.x_at is None:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor("#b00020"))
        x = self.x_at
        p.drawPolygon(QPolygon([QPoint(x, 0), QPoint(x - 6, 9), QPoint(x + 6, 9)]))
        p.end()


class QueryField(QWidget):
    """The query editor, its caret line and its message."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.edit = QLineEdit(self)
        self.edit.setObjectName("queryEdit")
        self.edit.setPlaceholderText('"Grote Markt" OR #lindeveld -voetbal')
        self.caret = _Caret(self)
        self.message = error_label(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.caret)
        layout.addWidget(self.message)
        self.position: int | None = None
        self.edit.textChanged.connect(self._check)

    def text(self) -> str:
        """The query as typed."""
        return self.edit.text().strip()

    def set_text(self, text: str) -> None:
        """Show a query and check it."""
        self.edit.setText(text)
        self._check()

    def problem(self) -> str | None:
        """The sentence shown for the current text, or None when it reads."""
        found = query_problem(self.edit.text())
        return found[0] if found else None

    def caret_x(self, position: int) -> int:
        """Pixel x (in this widget) of the middle of character ``position`` (1-based)."""
        text = self.edit.text()
        index = min(max(position - 1, 0), len(text))
        rect: QRect = self.edit.cursorRect()
        # cursorRect is where the text cursor is; measure from the cursor's own index
        metrics = self.edit.fontMetrics()
        cursor = self.edit.cursorPosition()
        left = rect.center().x() - metrics.horizontalAdvance(text[:cursor])
        char = text[index] if index < len(text) else " "
        x = left + metrics.horizontalAdvance(text[:index]) + metrics.horizontalAdvance(char) // 2
        return int(self.edit.mapTo(self, QPoint(x, 0)).x())

    def _check(self) -> None:
        found = query_problem(self.edit.text())
        self.changed.emit()
        if found is None:
            self.position = None
            self.caret.x_at = None
            self.message.setVisible(False)
            self.message.clear()
            self.edit.setStyleSheet("")
        else:
            sentence, self.position = found
            self.caret.x_at = self.caret_x(self.position)
            self.message.setText(sentence)
            self.message.setVisible(True)
            self.edit.setStyleSheet("border: 2px solid #b00020;")
        self.caret.update()
