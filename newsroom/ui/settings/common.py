"""What every settings page shares: translation, the page contract, background jobs."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from newsroom.ui.messages import tr
from newsroom.ui.settings.model import Draft

log = logging.getLogger("newsroom.ui.settings")

__all__ = ["Jobs", "Page", "Problem", "action_row", "error_label", "status_label", "tr"]


@dataclass(frozen=True)
class Problem:
    """A value that cannot be saved: the field to focus and the sentence to show under it."""

    widget: QWidget
    message: str


def error_label(parent: QWidget | None = None) -> QLabel:
    """A red one-line message under a field; hidden while empty."""
    label = QLabel(parent)
    label.setObjectName("fieldError")
    label.setWordWrap(True)
    label.setStyleSheet("#fieldError { color: #b00020; }")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setVisible(False)
    return label


def buddy_label(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    """A field's label; its ``&`` shortcut moves the focus to ``buddy``."""
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    return label


class Page(QWidget):
    """One page of the dialog: load from the draft, check, save into the draft."""

    #: the page's title in the list on the left (English source text; translated when shown)
    title = ""

    def load(self, draft: Draft) -> None:
        """Show the draft's values."""
        raise NotImplementedError

    def check(self) -> Problem | None:
        """The first value on this page that cannot be saved, or None."""
        raise NotImplementedError

    def save(self, draft: Draft) -> None:
        """Put this page's values into the draft (after ``check`` found nothing)."""
        raise NotImplementedError

    def show_problem(self, problem: Problem) -> None:
        """Show the sentence under its field (pages with fields override this)."""

    def clear_problems(self) -> None:
        """Hide every message this page shows under its fields."""


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.work = work
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.work()
        except (RuntimeError, ValueError, OSError) as exc:  # a sentence for the person who asked
            log.warning("settings: %s", exc)
            self.signals.failed.emit(str(exc) or type(exc).__name__)
            return
        except Exception as exc:  # unexpected: the person who asked still hears of it
            log.exception("settings job failed")
            self.signals.failed.emit(str(exc) or type(exc).__name__)
            return
        self.signals.done.emit(result)


class Jobs(QObject):
    """Runs work off the GUI thread; results (plain values or frozen dataclasses) come back as calls on
    the GUI thread. ``wait`` before the dialog goes away: no thread outlives it."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(4)
        self._live: list[_Signals] = []

    def run(self, work: Callable[[], Any], done: Callable[[Any], None],
            failed: Callable[[str], None]) -> None:
        """Start ``work`` on a pool thread; ``done(result)`` or ``failed(sentence)`` on the GUI thread."""
        signals = _Signals(self)
        self._live.append(signals)

        def finish() -> None:
            if signals in self._live:
                self._live.remove(signals)
            signals.deleteLater()

        signals.done.connect(done)
        signals.failed.connect(failed)
        signals.done.connect(finish)
        signals.failed.connect(finish)
        self.pool.start(_Job(work, signals))

    @property
    def busy(self) -> bool:
        """True while a job has not reported back."""
        return bool(self._live)

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Wait for running jobs; True when none is left."""
        return bool(self.pool.waitForDone(timeout_ms))


def status_label(parent: QWidget) -> QLabel:
    """A plain-text status line beside a button (what a test found)."""
    label = QLabel("", parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setObjectName("testStatus")
    return label


def action_row(group: QWidget, text: str, object_name: str) -> tuple[QPushButton, QLabel]:
    """A button ("Test connection", "Send test") with its status line, added at the bottom of a
    group."""
    button = QPushButton(text, group)
    button.setObjectName(object_name)
    status = status_label(group)
    row = QHBoxLayout()
    row.addWidget(button)
    row.addWidget(status, 1)
    layout = group.layout()
    assert isinstance(layout, QVBoxLayout)
    layout.addLayout(row)
    return button, status
