"""Full-screen notice while the pipeline cannot start: why, what fixes it, when the next attempt is."""

from __future__ import annotations

import time

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from newsroom.pipeline.start_problem import StartProblem
from newsroom.ui import kiosk_texts, theme
from newsroom.ui.widgets.text import plain_label


class StartNotice(QFrame):
    """Covers the whole wall (opaque) until the pipeline starts; counts down to the next attempt."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._wall = parent
        self.setObjectName("startNotice")
        self.setAutoFillBackground(True)
        self.title = plain_label("", self, object_name="startTitle")
        self.reason = plain_label("", self, object_name="startReason")
        self.retry = plain_label("", self, object_name="startRetry")
        for label in (self.title, self.reason, self.retry):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
        box = QVBoxLayout(self)
        box.addStretch(2)
        box.addWidget(self.title)
        box.addWidget(self.reason)
        box.addWidget(self.retry)
        box.addStretch(3)
        self._box = box
        self.problem: StartProblem | None = None
        self._next_at = 0.0
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self.setVisible(False)

    def apply_scale(self, scale: theme.TypeScale) -> None:
        """Sizes from the wall's type scale: readable from the far end of the room."""
        pad = round(scale.base * 3)
        self._box.setContentsMargins(pad, pad, pad, pad)
        self._box.setSpacing(round(scale.base * 1.2))
        self.title.setFont(theme.font(scale.headline * 1.3, bold=True))
        self.reason.setFont(theme.font(scale.title))
        self.retry.setFont(theme.font(scale.small))
        self.setStyleSheet(
            f"#startNotice {{ background: {theme.BACKGROUND}; border-top: {round(scale.base / 3)}px solid "
            f"{theme.NEGATIVE}; }} #startTitle, #startReason {{ color: {theme.TEXT}; }}"
            f" #startRetry {{ color: {theme.MUTED}; }}")

    def fit(self, width: int, height: int) -> None:
        """Cover a wall of this size (the wall calls it when it resizes)."""
        self.setGeometry(QRect(0, 0, width, height))

    def show_problem(self, problem: StartProblem) -> None:
        """Show why the start failed and count down to the next attempt."""
        self.problem = problem
        self._next_at = time.monotonic() + problem.retry_in_s
        self.title.setText("⚠ " + kiosk_texts.start_title())
        self.reason.setText(kiosk_texts.start_reason(problem))
        self._tick()
        self.fit(self._wall.width(), self._wall.height())
        self.setVisible(True)
        self.raise_()
        self._countdown.start()

    def _tick(self) -> None:
        if self.problem is None:
            return
        left = self._next_at - time.monotonic()
        self.retry.setText(kiosk_texts.start_retry(left, self.problem.attempt + 1) if left > 0.5
                           else kiosk_texts.start_retrying())

    def clear(self) -> None:
        """The pipeline started: the notice goes."""
        self.problem = None
        self._countdown.stop()
        self.setVisible(False)

    def stop(self) -> None:
        """Stop the countdown (before shutdown)."""
        self._countdown.stop()
