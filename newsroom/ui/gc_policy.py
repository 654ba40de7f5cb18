"""The wall process's garbage-collector policy: long-lived objects out of the collector's walks.

A full (generation 2) collection walks every object the cyclic collector tracks while holding the GIL:
in the wall's process that is the GUI thread waiting, whichever thread collects. After start-up the
wall's process tracks some 60,000-80,000 objects that live as long as it does (PySide6's and the app's
modules, the widgets' wrappers, fonts, caches); in the soak (benchmarks/soak.py) two collections of
134-139 ms during the first crisis were the wall's worst stalls. ``gc.freeze`` moves every object alive
now to a permanent generation that collections skip (they are still freed when their last reference
goes; only a reference cycle among them is never collected), so later collections walk only what was
made after.

Two moments: when the wall starts, before its window shows (``freeze_at_start``: a full collection
first, then the freeze; a pause before anything is on screen), and once its first snapshot with topics
is shown and painted (``GcPolicy.snapshot_shown``: what the reader's thread imported and the first
layout made; no collection there, the freeze alone takes microseconds).
The collector process does the same after its preload (newsroom.pipeline.preload.freeze_loaded).
"""

from __future__ import annotations

import gc
import logging
import time

from PySide6.QtCore import QObject, Qt, Slot

log = logging.getLogger("newsroom.ui.gc_policy")


def freeze_at_start() -> int:
    """Collect once, then freeze every object alive now; returns the frozen count (logged). Call it
    before the wall's window shows: the collection takes tens of milliseconds."""
    start = time.perf_counter()
    gc.collect()
    gc.freeze()
    frozen = gc.get_freeze_count()
    log.info("%d start-up objects taken out of the garbage collector's walks (%.0f ms)", frozen,
             (time.perf_counter() - start) * 1000)
    return frozen


class GcPolicy(QObject):
    """Freezes the wall's objects once more after its first snapshot with topics is shown (the wall's
    ``snapshot_shown`` signal), on the GUI thread, in the turn after its paint."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: the freeze after the first snapshot with topics has been done
        self.frozen_after_snapshot = False

    @Slot(object)
    def snapshot_shown(self, snapshot: object) -> None:
        """A snapshot was shown and painted: the first one with topics freezes what is alive now, without
        a collection first (even the young generations' took 20 ms here under load; a full one would be
        the stall this prevents): what garbage they hold now stays, once."""
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
    freeze_at_start()
    policy = GcPolicy(wall)
    wall.snapshot_shown.connect(policy.snapshot_shown, Qt.ConnectionType.QueuedConnection)  # type: ignore[attr-defined]
    return policy
