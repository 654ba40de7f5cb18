"""The worker processes of a large import, started before the main process loads its pipeline.

A worker takes a second or two to import the analysis and load the language model and lexicons; when
it is started before the main process builds its pipeline (which loads the same), both starts overlap.
This module imports nothing heavy itself, so starting the pool costs the main process nothing; the
workers then prepare batches for :class:`newsroom.pipeline.prepare.Preparer`.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

#: below this many mentions an import scores them in its own process
POOL_FROM = 5000


def preparer_workers(count: int) -> int:
    """Worker processes for an import of ``count`` mentions: none for small ones, else one per core
    but this process's own (at least one, at most four). ``NEWSROOM_IMPORT_WORKERS`` (a whole number,
    0 for none) decides instead when set."""
    chosen = os.environ.get("NEWSROOM_IMPORT_WORKERS", "").strip()
    if chosen.isdigit():
        return min(int(chosen), 8)
    if count < POOL_FROM:
        return 0
    return max(1, min(4, (os.cpu_count() or 1) - 1))


def start_pool(workers: int) -> ProcessPoolExecutor | None:
    """``workers`` worker processes (None for 0), each loading the analysis at once."""
    if workers <= 0:
        return None
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=warm_analysis)
    for _ in range(workers):  # the pool starts its processes with its first jobs
        pool.submit(int)
    return pool


def warm_analysis() -> None:
    """Load the identifier, the lexicons and the stemmers (in a worker, before its first batch; in
    the import's process while a worker checks the file's second half)."""
    from newsroom.analysis.language import detect_languages
    from newsroom.pipeline.preload import preload

    preload()
    detect_languages(["De brandweer ruimt de omgevallen bomen op, bedankt!"], [()])
