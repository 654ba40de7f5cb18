"""The cyclic garbage collector paused while a computation makes many short-lived containers.

Story grouping and consolidation build thousands of small dicts, sets and tuples that reference
counting frees as soon as they are dropped; meanwhile each allocation burst sets off collector passes
over every object the process keeps (a full one cost ~50 ms of a 550 ms consolidation at crisis size).
Pausing the collector for such a computation changes no result; it runs again afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (it stays off when it was off; nested blocks
    leave it to the outermost)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
