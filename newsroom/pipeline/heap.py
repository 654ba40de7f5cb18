"""The cyclic garbage collector during a bulk import.

Python's collector looks at every container object again and again as the heap grows: an import
keeps hundreds of thousands of them (topics, copies, phrases, caches), and at a million mentions the
collector cost about 20 µs of each mention's 150 in the import's process. The import's objects form
no reference cycles (a 30,000-mention import with the collector off left none to collect), so after
each batch what is alive is moved out of the collector's way (:func:`gc.freeze`, which costs nothing
per object): it still only looks at what the next batch makes, and frees what becomes garbage by
reference counting as before. At the end everything goes back under the collector's watch.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager


def settle() -> None:
    """What is alive now is left out of the collector's future passes (see the module)."""
    gc.freeze()


@contextmanager
def settled_heap() -> Iterator[None]:
    """A block whose batches call :func:`settle`; afterwards the collector watches everything again."""
    try:
        yield
    finally:
        gc.unfreeze()


def freeze_start_up(log: logging.Logger) -> int:
    """Collect garbage once, then move every object alive now to the collector's permanent generation
    (``gc.freeze``): later full collections walk only what was made after. Returns how many objects are
    frozen, and says so in ``log`` (the caller's). Called once, at a process's start-up (the collector's
    after its preload, the wall's before its window shows): the frozen objects are never collected
    (those in reference cycles stay; start-up leaves none that matter)."""
    start = time.perf_counter()
    gc.collect()
    gc.freeze()
    frozen = gc.get_freeze_count()
    log.info("%d start-up objects taken out of the garbage collector's walks (%.0f ms)", frozen,
             (time.perf_counter() - start) * 1000)
    return frozen
