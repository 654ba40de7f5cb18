"""Worker QThreads that Python must never delete while they run (Qt aborts the process then): a worker
is kept here from ``start`` until its thread has ended, asked to stop on its own thread, and one still
running at interpreter exit is stopped then. Shared by the pipeline's and the reader's worker."""

from __future__ import annotations

import atexit
import logging
import os
from typing import Protocol

from PySide6.QtCore import QMetaObject, QObject, Qt, QThread

log = logging.getLogger("newsroom.ui.thread_keeper")

#: how long ``stop`` waits for the thread by default; it normally ends within a few milliseconds
STOP_TIMEOUT_MS = 5_000
#: at interpreter exit, how long a thread that is still running gets before the process leaves anyway
EXIT_TIMEOUT_MS = 30_000


class Stoppable(Protocol):
    def stop(self, timeout_ms: int = STOP_TIMEOUT_MS) -> bool: ...


#: workers whose thread may be running
live: set[Stoppable] = set()


def end_thread(worker: QObject, thread: QThread, what: str, timeout_ms: int) -> bool:
    """Ask ``worker`` to run its ``_shutdown`` slot on ``thread`` and wait for the thread to end; True
    once it has (the worker is let go), False while it is still busy after ``timeout_ms`` (it stays
    kept, ends on its own, and ``stop`` may be called again)."""
    if thread.isRunning():
        QMetaObject.invokeMethod(worker, "_shutdown", Qt.ConnectionType.QueuedConnection)
        if not thread.wait(timeout_ms):
            log.error("the %s thread is still busy %d ms after it was asked to stop; it is left to end on "
                      "its own", what, timeout_ms)
            return False
    live.discard(worker)
    return True


@atexit.register
def _stop_at_exit() -> None:
    """A worker still running at interpreter exit (an exception skipped its ``stop``) is stopped here."""
    for worker in list(live):
        try:
            if worker.stop(EXIT_TIMEOUT_MS):
                continue
        except RuntimeError:  # the Qt side is already gone: nothing left to stop
            continue
        log.critical("a worker thread does not stop; leaving without it")
        logging.shutdown()
        os._exit(1)
