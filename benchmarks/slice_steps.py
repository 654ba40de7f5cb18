"""Timing the wall's slice steps by name, for the benchmarks that watch the GUI thread (``soak.py``,
``wall.py``): the ``Slices`` class is wrapped before a wall exists, so every step (and each job's final
step) reports its own length, whatever the turn's budget."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

#: ``record(name, start, end)`` with the times of the clock given to :func:`time_slice_steps`
Record = Callable[[str, float, float], None]


def step_name(step: Any) -> str:
    """A slice's step by the function it runs (through ``partial`` and the timing closures); a part
    painted into a scratch image (``_rehearse``) with the part's class."""
    from PySide6.QtCore import QObject

    part = ""
    for _ in range(4):
        if isinstance(step, functools.partial):
            if step.args and isinstance(step.args[0], QObject):
                part = f"({type(step.args[0]).__name__})"
            step = step.func
        elif callable(step) and getattr(step, "__closure__", None) and "<locals>.timed" in getattr(
                step, "__qualname__", ""):
            step = next((c.cell_contents for c in step.__closure__ if callable(c.cell_contents)), step)
        else:
            break
    return str(getattr(step, "__qualname__", type(step).__name__)).replace(".<locals>", "") + part


def time_slice_steps(record: Record, clock: Callable[[], float]) -> None:
    """Wrap ``Slices.start`` and ``Slices.then`` so each step is timed with ``clock`` and recorded."""
    from newsroom.ui.slices import Slices

    def timed(step: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            start = clock()
            try:
                step()
            finally:
                record(step_name(step), start, clock())
        return run

    start, then = Slices.start, Slices.then

    def timed_start(self: Slices, steps: Sequence[Callable[[], None]], finish: Callable[[], None]) -> None:
        start(self, [timed(s) for s in steps], timed(finish))

    def timed_then(self: Slices, steps: Sequence[Callable[[], None]]) -> None:
        then(self, [timed(s) for s in steps])

    Slices.start = timed_start  # type: ignore[method-assign]
    Slices.then = timed_then  # type: ignore[method-assign]
