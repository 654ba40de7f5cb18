"""A wall, not a desktop window: the pointer hides when still, the picture drifts against burn-in,
and the screen dims at night (an active alert wakes it).

Each part is a small QObject with its own timer, started by the wall command (tests and screenshots
run without them) and stopped by ``WallWindow.stop``; intervals and the clock are injected.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QCursor, QGuiApplication, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from newsroom.domain import utcnow
from newsroom.localtime import to_local
from newsroom.night_hours import NightHours

log = logging.getLogger("newsroom.ui.kiosk")

#: the pointer hides after this long without movement
CURSOR_IDLE_MS = 5_000
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


_POINTER_EVENTS = frozenset({QEvent.Type.MouseMove, QEvent.Type.MouseButtonPress, QEvent.Type.TabletMove,
                             QEvent.Type.Wheel})


class CursorHider(QObject):
    """Hides the pointer over the application after ``idle_ms`` without movement; movement shows it.

    Watches the whole application (a move over any of its windows, the wall or a settings window
    opened on top, shows the pointer) and hides through the application's override cursor, so widgets
    with their own pointer shape (the clickable banner) hide too.
    """

    def __init__(self, window: QWidget, *, idle_ms: int = CURSOR_IDLE_MS) -> None:
        super().__init__(window)
        self._window = window
        self.hidden = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(idle_ms)
        self._timer.timeout.connect(self._hide)
        self._watched: QObject | None = None

    def start(self) -> None:
        """Begin watching (the window is created if it is not yet) and start the idle countdown."""
        self._watched = QCoreApplication.instance() or self._window.window()
        self._watched.installEventFilter(self)
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Any pointer movement or press shows the pointer and restarts the countdown."""
        if event.type() in _POINTER_EVENTS:
            self._show()
            self._timer.start()
        return False

    def _hide(self) -> None:
        if not self.hidden:
            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
            self.hidden = True

    def _show(self) -> None:
        if self.hidden:
            QGuiApplication.restoreOverrideCursor()
            self.hidden = False

    def stop(self) -> None:
        """Stop watching and give the pointer back."""
        self._timer.stop()
        self._show()
        if self._watched is not None:
            self._watched.removeEventFilter(self)
            self._watched = None


class BurnInDrift(QObject):
    """Every ``interval_ms`` moves the content one step along DRIFT_PATH through ``apply(dx, dy)``."""

    def __init__(self, apply: Callable[[int, int], None], parent: QObject | None = None, *,
                 interval_ms: int = DRIFT_MS) -> None:
        super().__init__(parent)
        self._apply = apply
        self.step = 0
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
        """One step further (the loop starts again after its last step)."""
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
        self._wall = parent
        self.setObjectName("nightDim")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.opacity = opacity
        self.setVisible(False)
        parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Follow the wall's size."""
        if event.type() == QEvent.Type.Resize and watched is getattr(self, "_wall", None):
            self.setGeometry(QRect(0, 0, self._wall.width(), self._wall.height()))
        return False

    def cover(self) -> None:
        """Show on top of everything."""
        self.setGeometry(QRect(0, 0, self._wall.width(), self._wall.height()))
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
            self.overlay.cover()
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
