"""Pictures made later: parts of a window that a resize (F11, a new screen mode) gives a new size make
their new pictures (a cloud's layout, a sparkline's pixmap) a few per event-loop turn, in slices, instead
of all in the turn of the resize; meanwhile each paints its old picture scaled to its new size."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from newsroom.ui.slices import BUDGET_MS, Slices


class LaterPictures(QObject):
    """The steps waiting, one per part (a part asking again keeps its place), run in slices."""

    def __init__(self, parent: QObject | None = None, *, budget_ms: float = BUDGET_MS) -> None:
        super().__init__(parent)
        self.slices = Slices(self, budget_ms=budget_ms)
        self._waiting: dict[int, tuple[QObject, Callable[[], None]]] = {}
        #: steps run since the window was made (for tests)
        self.done = 0
        self._queued = False

    def later(self, part: QObject, step: Callable[[], None]) -> None:
        """Run ``step`` for ``part`` in a coming slice (not if ``part`` is deleted meanwhile)."""
        self._waiting[id(part)] = (part, step)
        self._queue()

    def _queue(self) -> None:
        """A step that runs the next waiting one is queued (once)."""
        if self._queued:
            return
        self._queued = True
        if self.slices.pending():  # the job runs (its final turn may be next): one more step
            self.slices.then([self._next])
        else:
            self.slices.start([self._next], lambda: None)

    def waiting(self, part: object) -> bool:
        """``part`` has a step waiting."""
        return id(part) in self._waiting

    def pending(self) -> bool:
        """Steps wait."""
        return bool(self._waiting)

    def _next(self) -> None:
        self._queued = False
        if self._waiting:
            key = next(iter(self._waiting))
            part, step = self._waiting.pop(key)
            if shiboken6.isValid(part):  # not a tile taken away meanwhile
                step()
                self.done += 1
        if self._waiting:
            self._queue()

    def flush(self) -> None:
        """Run every waiting step now (before a screenshot)."""
        self.slices.flush()

    def cancel(self) -> None:
        """Forget the waiting steps (shutdown)."""
        self._waiting.clear()
        self._queued = False
        self.slices.cancel()


def later(widget: QWidget, step: Callable[[], None]) -> bool:
    """Let ``widget``'s window run ``step`` in a coming slice; False when the window does not do that
    (a widget on its own, a hidden one): then the caller does it now."""
    pictures = getattr(widget.window(), "later_pictures", None)
    if isinstance(pictures, LaterPictures) and widget.isVisible():
        pictures.later(widget, step)
        return True
    return False
