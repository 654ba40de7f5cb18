"""The wall process's garbage-collector policy: long-lived objects out of the collector's walks.

A full (generation 2) collection walks every object the cyclic collector tracks while holding the GIL:
in the wall's process that is the GUI thread waiting, whichever thread collects. After start-up the
wall's process tracks some 60,000-80,000 objects that live as long as it does (PySide6's and the app's
modules, the widgets' wrappers, fonts, caches); in the soak (benchmarks/soak.py) two collections of
134-139 ms during the first crisis were the wall's worst stalls. ``gc.freeze`` moves every object alive
now to a permanent generation that collections skip (they are still freed when their last reference
goes; only a reference cycle among them is never collected), so later collections walk only what was
made after.

Two moments: when the wall starts, before its window shows (newsroom.pipeline.heap.freeze_start_up:
a full collection first, then the freeze; a pause before anything is on screen), and once its first
snapshot with topics is shown and painted (``GcPolicy.snapshot_shown``: what the reader's thread
imported and the first layout made; no collection there, the freeze alone takes microseconds).
The collector process does the same after its preload (newsroom.pipeline.preload.freeze_loaded).

The memory a crisis's snapshots and paints allocated and freed stays with glibc's allocator (free
chunks inside its arenas, the reader thread's arena among them) and so in the wall's RSS: in the soak
glibc's free-but-kept memory grew from 3.4 to 5.9 MB, a step at each crisis, and ``malloc_trim(0)`` at
the end gave 5 MB back. So at most every TRIM_EVERY_S, in the turn after a snapshot's paint, the policy
asks glibc to give free memory back (a few milliseconds; nothing elsewhere than glibc).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Slot

from newsroom.pipeline.heap import freeze_start_up

log = logging.getLogger("newsroom.ui.gc_policy")


#: glibc's malloc_trim at most this often (seconds), after a snapshot is shown
TRIM_EVERY_S = 60.0


def _glibc_trim() -> Callable[[], bool] | None:
    """``malloc_trim(0)`` of glibc (None elsewhere: musl, macOS and Windows have none)."""
    name = ctypes.util.find_library("c")
    try:
        trim = ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        return None
    if trim is None:
        return None
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return lambda: bool(trim(0))


#: None where the C library has no malloc_trim
malloc_trim = _glibc_trim()


class GcPolicy(QObject):
    """Freezes the wall's objects once more after its first snapshot with topics is shown (the wall's
    ``snapshot_shown`` signal), and gives free heap memory back at most every ``trim_every_s``; on the
    GUI thread, in the turn after a snapshot's paint."""

    def __init__(self, parent: QObject | None = None, *, trim_every_s: float = TRIM_EVERY_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        #: the freeze after the first snapshot with topics has been done
        self.frozen_after_snapshot = False
        #: how often free heap memory was given back (``malloc_trim``)
        self.trims = 0
        self._trim_every_s = trim_every_s
        self._clock = clock
        self._last_trim = clock()

    @Slot(object)
    def snapshot_shown(self, snapshot: object) -> None:
        """A snapshot was shown and painted: the first one with topics freezes what is alive now, without
        a collection first (even the young generations' took 20 ms here under load; a full one would be
        the stall this prevents): what garbage they hold now stays, once. Free heap memory is given back
        when the last time is ``trim_every_s`` ago."""
        now = self._clock()
        if malloc_trim is not None and now - self._last_trim >= self._trim_every_s:
            self._last_trim = now
            start = time.perf_counter()
            malloc_trim()
            self.trims += 1
            log.debug("free heap memory given back (%.1f ms)", (time.perf_counter() - start) * 1000)
        if self.frozen_after_snapshot or not getattr(snapshot, "topics", ()):
            return
        self.frozen_after_snapshot = True
        start = time.perf_counter()
        before = gc.get_freeze_count()
        gc.freeze()
        log.info("%d objects of the first snapshot taken out of the garbage collector's walks (%.1f ms)",
                 gc.get_freeze_count() - before, (time.perf_counter() - start) * 1000)


def install(wall: QObject) -> GcPolicy:
    """The policy for ``wall`` (a WallWindow): frozen now, and again after its first snapshot with
    topics. Call it where the wall starts, before its window shows."""
    freeze_start_up(log)  # before the window shows: the collection takes tens of milliseconds
    policy = GcPolicy(wall)
    wall.snapshot_shown.connect(policy.snapshot_shown, Qt.ConnectionType.QueuedConnection)  # type: ignore[attr-defined]
    return policy
