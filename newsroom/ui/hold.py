"""Holding a window's picture: while a new shape is laid out and its parts are prepared over several
event-loop turns, the window keeps showing what it showed (never half old, half new), then paints once.

Qt paints a window when its UpdateRequest event arrives (widgets' ``update`` calls gather dirty regions
and post one). The hold keeps that event back; the widgets themselves stay as they are (updates
enabled: they may be rendered into scratch images meanwhile), and the dirty regions gather. The
release delivers the request: one paint of everything that changed. (``setUpdatesEnabled(False)`` on
the window would hold too, but drops the dirty regions, so its release repaints the whole window, and
an update request already posted when it starts leaves the window unpainted for good.)
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QWidget


class PictureHold(QObject):
    """Keeps back the paints of one window between ``hold`` and ``release``."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.active = False
        self._kept = False
        window.installEventFilter(self)

    def hold(self) -> None:
        """From now on the window's picture stays as it is."""
        self.active = True

    def release(self) -> None:
        """Paint what changed during the hold, now (in this turn)."""
        if not self.active:
            return
        self.active = False
        if self._kept:
            self._kept = False
            QCoreApplication.sendEvent(self._window, QEvent(QEvent.Type.UpdateRequest))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Keep the window's update request back while holding."""
        if self.active and watched is self._window and event.type() == QEvent.Type.UpdateRequest:
            self._kept = True
            return True
        return False


def held(widget: QWidget) -> bool:
    """The picture of ``widget``'s window is held (a part resized now may prepare itself later)."""
    hold = getattr(widget.window(), "picture_hold", None)
    return isinstance(hold, PictureHold) and hold.active
