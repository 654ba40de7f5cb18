"""A wall, not a desktop window: the pointer hides when still, the picture drifts against burn-in,
and the screen dims at night (an active alert wakes it).

Each part is a small QObject with its own timer, started by the wall command (tests and screenshots
run without them) and stopped by ``WallWindow.stop``; intervals and the clock are injected.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QCursor, QGuiApplication, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from newsroom.domain import utcnow
from newsroom.localtime import to_local
from newsroom.night_hours import NightHours

log = logging.getLogger("newsroom.ui.kiosk")

#: the pointer hides after this long without movement
CURSOR_IDLE_MS = 5_000
#: how often the pointer's position is looked at
CURSOR_POLL_MS = 250
#: the picture moves one step of DRIFT_PATH this often
DRIFT_MS = 180_000
#: how often the night schedule is looked at
NIGHT_CHECK_MS = 30_000
#: the night overlay's opacity: 40 % black keeps 60 % of each colour's value; body text (#E8ECF0 on
#: #0F1419) keeps a contrast of about 6:1 and muted text about 3.3:1 (tests/ui/test_kiosk.py)
DIM_OPACITY = 0.40

#: offsets (dx, dy) in pixels, one step every DRIFT_MS: a closed loop within ±2 px, at most one pixel
#: per axis per step, so no edge ever moves far and the content never leaves its margins
DRIFT_PATH: tuple[tuple[int, int], ...] = (
    (0, 0), (1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1),
    (2, -1), (2, 0), (2, 1), (2, 2), (1, 2), (0, 2), (-1, 2), (-2, 2), (-2, 1), (-2, 0),
    (-2, -1), (-2, -2), (-1, -2), (0, -2), (1, -2), (1, -1),
)
DRIFT_MAX = 2


class CursorHider(QObject):
    """Hides the pointer after ``idle_ms`` without movement; any movement shows it again.

    Looks at the pointer's position every ``poll_ms`` (no event filter: it sees movement over any
    window, the wall or a settings window opened on top of it, and costs nothing between looks) and
    hides through the application's override cursor, so widgets with their own pointer shape (the
    clickable banner) hide too.
    """

    #: True when the pointer is shown again, False when it is hidden (once per change)
    visibility_changed = Signal(bool)

    def __init__(self, parent: QObject, *, idle_ms: int = CURSOR_IDLE_MS,
                 poll_ms: int = CURSOR_POLL_MS) -> None:
        super().__init__(parent)
        poll_ms = max(1, min(poll_ms, idle_ms))
        self.hidden = False
        self._idle_polls = max(1, -(-idle_ms // poll_ms))
        self._still = 0
        self._last = QCursor.pos()
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        """Start looking; the pointer hides after ``idle_ms`` if it does not move."""
        self._last = QCursor.pos()
        self._still = 0
        self._timer.start()

    def check(self) -> None:
        """One look at the pointer: moved → shown, still long enough → hidden."""
        pos = QCursor.pos()
        if pos != self._last:
            self._last = pos
            self._still = 0
            self._show()
            return
        self._still += 1
        if self._still >= self._idle_polls:
            self._hide()

    def _hide(self) -> None:
        if not self.hidden:
            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
            self.hidden = True
            self.visibility_changed.emit(False)

    def _show(self) -> None:
        if self.hidden:
            QGuiApplication.restoreOverrideCursor()
            self.hidden = False
            self.visibility_changed.emit(True)

    def stop(self) -> None:
        """Stop looking and give the pointer back."""
        self._timer.stop()
        self._show()


class BurnInDrift(QObject):
    """Every ``interval_ms`` moves the content one step along DRIFT_PATH through ``apply(dx, dy)``."""

    def __init__(self, apply: Callable[[int, int], None], parent: QObject | None = None, *,
                 interval_ms: int = DRIFT_MS) -> None:
        super().__init__(parent)
        self._apply = apply
        self.step = 0
        #: the crisis view shows: its chart and feed stay where they are (a step now would re-place it)
        self.suspended = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.advance)

    @property
    def offset(self) -> tuple[int, int]:
        """The current (dx, dy)."""
        return DRIFT_PATH[self.step]

    def start(self) -> None:
        """Start drifting (from the home position)."""
        self._timer.start()

    def advance(self) -> None:
        """One step further (the loop starts again after its last step); none while suspended."""
        if self.suspended:
            return
        self.step = (self.step + 1) % len(DRIFT_PATH)
        self._apply(*self.offset)

    def stop(self) -> None:
        """Stop and return home."""
        self._timer.stop()
        if self.step:
            self.step = 0
            self._apply(0, 0)


class DimOverlay(QWidget):
    """Translucent black over the whole wall; lets every click through."""

    def __init__(self, parent: QWidget, opacity: float = DIM_OPACITY) -> None:
        super().__init__(parent)
        self.setObjectName("nightDim")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.opacity = opacity
        self.setVisible(False)

    def fit(self, width: int, height: int) -> None:
        """Cover a wall of this size (the wall calls it when it resizes)."""
        self.setGeometry(QRect(0, 0, width, height))

    def cover(self, width: int, height: int) -> None:
        """Show on top of everything."""
        self.fit(width, height)
        self.setVisible(True)
        self.raise_()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Fill with black at the dimming opacity."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, round(255 * self.opacity)))
        painter.end()


def dimmed(hex_code: str, opacity: float = DIM_OPACITY) -> QColor:
    """The colour ``hex_code`` as seen through the night overlay."""
    c = QColor(hex_code)
    keep = 1.0 - opacity
    return QColor(round(c.red() * keep), round(c.green() * keep), round(c.blue() * keep))


class NightDimmer(QObject):
    """Dims the wall during the night hours (local time), unless an alert is active."""

    dimmed_changed = Signal(bool)

    def __init__(self, wall: QWidget, night: NightHours, *, clock: Callable[[], datetime] = utcnow,
                 check_ms: int = NIGHT_CHECK_MS) -> None:
        super().__init__(wall)
        self._wall = wall
        self.night = night
        self._clock = clock
        self.overlay = DimOverlay(wall)
        self.alert_active = False
        self.dimmed = False
        self._timer = QTimer(self)
        self._timer.setInterval(check_ms)
        self._timer.timeout.connect(self.check)

    def start(self) -> None:
        """Look at the schedule now and then every ``check_ms``."""
        self._timer.start()
        self.check()

    def set_alert_active(self, active: bool) -> None:
        """An active alert wakes the wall at once (and lets it dim again when it is over)."""
        if active != self.alert_active:
            self.alert_active = active
            self.check()

    def check(self) -> None:
        """Dim or brighten for the current time and alert state."""
        night = self.night.contains(to_local(self._clock()).time())
        dim = night and not self.alert_active
        if dim and not self.overlay.isVisible():
            self.overlay.cover(self._wall.width(), self._wall.height())
        elif not dim and self.overlay.isVisible():
            self.overlay.setVisible(False)
        if dim != self.dimmed:
            self.dimmed = dim
            log.info("night dimming %s", "on" if dim else "off")
            self.dimmed_changed.emit(dim)

    def raise_overlay(self) -> None:
        """Keep the overlay above widgets shown after it."""
        if self.overlay.isVisible():
            self.overlay.raise_()

    def stop(self) -> None:
        """Stop looking; the wall is left bright."""
        self._timer.stop()
        self.overlay.setVisible(False)
        self.dimmed = False
