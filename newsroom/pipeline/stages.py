"""Time spent per stage of the pipeline (wall and CPU seconds), for benchmarks and the debug log."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
_END = object()


class StageTimer:
    """Adds up wall time (``perf_counter``) and this process's CPU time (``process_time``) by stage
    name, in the order stages were first seen."""

    def __init__(self) -> None:
        self._wall: dict[str, float] = {}
        self._cpu: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time the block under ``name``."""
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self._wall[name] = self._wall.get(name, 0.0) + time.perf_counter() - wall
            self._cpu[name] = self._cpu.get(name, 0.0) + time.process_time() - cpu

    def timed(self, name: str, items: Iterable[T]) -> Iterator[T]:
        """``items``, with the time spent producing each one added to ``name``."""
        it = iter(items)
        while True:
            with self.stage(name):
                item = next(it, _END)
            if item is _END:
                return
            yield item  # type: ignore[misc]

    def rows(self) -> list[tuple[str, float, float]]:
        """(stage, wall seconds, CPU seconds) per stage."""
        return [(name, wall, self._cpu[name]) for name, wall in self._wall.items()]


class NoTimer(StageTimer):
    """A timer that measures nothing (the pipeline's default: no clock calls on the hot path)."""

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        yield
