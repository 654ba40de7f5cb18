"""Work on the GUI thread in slices: steps run across event-loop turns, at most a time budget per turn,
then one final step in a turn of its own (Picard's pattern: results reach the GUI thread, which applies
them in short slices so that input and paints are never kept waiting).

The steps prepare (they change nothing visible); the final step shows. So a viewer sees the old picture
until the turn in which the new one replaces it whole: never half old, half new.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer

#: the most one turn spends on preparing steps (a step is not interrupted: one may run longer)
BUDGET_MS = 8.0


class Slices(QObject):
    """One job at a time: a new job replaces a pending one (the newest snapshot wins; a burst of
    snapshots is shown once)."""

    def __init__(self, parent: QObject | None = None, *, budget_ms: float = BUDGET_MS) -> None:
        super().__init__(parent)
        self.budget_ms = budget_ms
        self._steps: deque[Callable[[], None]] = deque()
        self._finish: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(0)  # once per event-loop turn, after the events waiting
        self._timer.timeout.connect(self._turn)
        #: the longest turn of the last job, and how many turns it took (for benchmarks and tests)
        self.longest_turn_ms = 0.0
        self.turns = 0
        #: the pending job shows a new snapshot (its owner's flag; cleared when a job starts or ends)
        self.pending_snapshot = False

    def start(self, steps: Sequence[Callable[[], None]], finish: Callable[[], None]) -> None:
        """Run ``steps`` in slices from the next turn, then ``finish`` in a turn of its own."""
        self._steps = deque(steps)
        self._finish = finish
        self.pending_snapshot = False
        self.longest_turn_ms = 0.0
        self.turns = 0
        self._timer.start()

    def then(self, steps: Sequence[Callable[[], None]]) -> None:
        """Add ``steps`` to the running job, before its final step (called from one of its steps)."""
        self._steps.extend(steps)

    def pending(self) -> bool:
        """A job waits to finish."""
        return self._finish is not None

    def cancel(self) -> None:
        """Forget the pending job."""
        self._timer.stop()
        self._steps.clear()
        self._finish = None
        self.pending_snapshot = False

    def flush(self) -> None:
        """Finish the pending job now, in this turn (all its steps, then its final step; and so on for a
        job that final step starts)."""
        while self._finish is not None:
            self._timer.stop()
            while self._steps:
                self._steps.popleft()()
            finish, self._finish = self._finish, None  # a step may have replaced it (``then``)
            self.pending_snapshot = False
            if finish is not None:
                finish()

    def _turn(self) -> None:
        started = time.perf_counter()
        ran = False
        while self._steps:
            self._steps.popleft()()
            ran = True
            if (time.perf_counter() - started) * 1000 >= self.budget_ms:
                break
        if not self._steps and not (ran and (time.perf_counter() - started) * 1000 >= self.budget_ms / 2):
            finish = self._finish
            self._timer.stop()
            self._finish = None
            self.pending_snapshot = False
            if finish is not None:
                finish()
        self.turns += 1
        self.longest_turn_ms = max(self.longest_turn_ms, (time.perf_counter() - started) * 1000)
