"""Runs fetches off the caller's thread and hands their results back without blocking it.

One daemon thread per request in flight. The poller decides what may start (due, at most a few
requests per host, host spacing); this module only runs it, so there is no queue in which a fetch
could wait behind a slow one. ``close`` never waits: a request in flight ends on its own thread
(bounded by the HTTP client's timeouts) and its late result is dropped; being daemons, those threads
never keep the process from exiting.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

log = logging.getLogger("newsroom.sources.fetcher")

K = TypeVar("K")
T = TypeVar("T")

#: the prefix of every fetch thread's name (tests and the shutdown check look for it)
THREAD_PREFIX = "newsroom-fetch"


@dataclass(frozen=True, slots=True)
class Finished(Generic[K, T]):
    """One job that ended: its key and its value, or the exception it raised."""

    key: K
    value: T | None = None
    error: BaseException | None = None


class Fetcher(Generic[K, T]):
    """Starts jobs on daemon threads; ``collect`` returns the ones that ended."""

    def __init__(self) -> None:
        self._done: queue.SimpleQueue[Finished[K, T]] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._threads: set[threading.Thread] = set()
        self._closed = False
        self._listener: Callable[[], None] | None = None

    def set_listener(self, listener: Callable[[], None] | None) -> None:
        """Call ``listener`` (on the fetch thread, briefly: it must not block) whenever a job has ended,
        e.g. to wake the owner."""
        with self._lock:
            self._listener = listener

    def start(self, key: K, job: Callable[[], T], label: str = "") -> bool:
        """Run ``job`` on a thread of its own; False (and nothing started) once closed."""
        with self._lock:
            if self._closed:
                return False
            name = f"{THREAD_PREFIX}-{label}" if label else THREAD_PREFIX
            thread = threading.Thread(target=self._run, args=(key, job), name=name, daemon=True)
            self._threads.add(thread)
        thread.start()
        return True

    def _run(self, key: K, job: Callable[[], T]) -> None:
        try:
            finished: Finished[K, T] = Finished(key, job())
        except BaseException as exc:  # reported to the owner, which turns it into a FetchError
            finished = Finished(key, None, exc)
        with self._lock:
            self._threads.discard(threading.current_thread())
            if self._closed:
                log.debug("a fetch ended after shutdown; its result is dropped")
                return
            self._done.put(finished)
            if self._listener is not None:  # under the lock: never called once ``close`` has returned
                try:
                    self._listener()
                except Exception:
                    log.exception("the fetch listener failed")

    def collect(self, timeout_s: float | None = 0.0) -> list[Finished[K, T]]:
        """The jobs that ended since the last call. Waits up to ``timeout_s`` (None: until one ends)
        only when none has ended yet; 0 never waits."""
        out: list[Finished[K, T]] = []
        if timeout_s is None or timeout_s > 0:
            try:
                out.append(self._done.get(timeout=timeout_s))
            except queue.Empty:
                return out
        while True:
            try:
                out.append(self._done.get_nowait())
            except queue.Empty:
                return out

    def running(self) -> int:
        """How many jobs are still running."""
        with self._lock:
            return len(self._threads)

    def close(self) -> None:
        """Start nothing more and drop every result not yet collected or still to come. Never waits."""
        with self._lock:
            self._closed = True
            self._listener = None
            while True:
                try:
                    self._done.get_nowait()
                except queue.Empty:
                    break

    def join(self, timeout_s: float) -> bool:
        """Wait up to ``timeout_s`` for the jobs still running to end (benchmarks, tests); True when none
        is left."""
        deadline = time.monotonic() + timeout_s
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        return self.running() == 0
