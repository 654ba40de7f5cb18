"""Polls each (search, source) pair when it is due, keeps incremental state and health.

The requests run concurrently on fetch threads (newsroom.sources.fetcher); the caller's thread only
starts what is due and collects what has ended, so one slow source holds up neither the others nor
the thread that calls ``poll_due`` (the wall's snapshots and acknowledgements). ``PollSchedule`` is the
pure part: what may start now and when each pair runs next.

- A pair is never fetched twice at once.
- At most ``PER_HOST`` requests are in flight per host; one when the service asks for spacing.
- Sources that name a ``host`` and a ``min_spacing_s`` get that spacing between the end of one request
  to it and the start of the next: a pair that is due while its host is not ready is deferred
  (``poll_due``) or waited for (``poll_all``).
- A failing source never stops the others: every exception becomes a FetchError and a health entry.
  Back-off after failures doubles the wait (with jitter) up to an hour, honouring Retry-After.
- A source that needs no network (``needs_network = False``: the demo) is fetched on the caller's
  thread at once.
- Incremental state is read before a fetch starts and saved when its result is collected, both on the
  caller's thread: fetch threads never touch the store, so a late one cannot touch a closed store.
"""

from __future__ import annotations

import logging
import random
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol

from newsroom.domain import FetchError, FetchResult, Search, SourceHealth, utcnow
from newsroom.sources.base import Source, SourceState
from newsroom.sources.fetcher import Fetcher, Finished
from newsroom.sources.ratelimit import HostSpacing

log = logging.getLogger("newsroom.sources.poller")

MAX_BACKOFF_S = 3600.0
#: requests in flight to one host at most (one when the service asks for spacing between requests)
PER_HOST = 2


class StateStore(Protocol):
    """Where incremental state and health are kept (the Store, or a dict in tests)."""

    def load_source_state(self, source: str, search: str) -> SourceState: ...
    def save_source_state(self, source: str, search: str, state: SourceState) -> None: ...
    def save_health(self, h: SourceHealth) -> None: ...
    def load_health(self) -> list[SourceHealth]: ...


class MemoryStateStore:
    """State and health kept in memory only: a probe that must leave the store alone, or a test."""

    def __init__(self) -> None:
        self.state: dict[tuple[str, str], SourceState] = {}
        self.health: dict[str, SourceHealth] = {}

    def load_source_state(self, source: str, search: str) -> SourceState:
        """The state saved for the pair, or a fresh one."""
        return self.state.get((source, search), SourceState())

    def save_source_state(self, source: str, search: str, state: SourceState) -> None:
        """Keep the pair's state."""
        self.state[(source, search)] = state

    def save_health(self, h: SourceHealth) -> None:
        """Keep a source's health."""
        self.health[h.source] = h

    def load_health(self) -> list[SourceHealth]:
        """Every health kept so far."""
        return list(self.health.values())


@dataclass
class _Pair:
    index: int
    source: Source
    search: Search
    due: datetime
    failures: int = 0
    running: bool = False


def _wanted(source: Source, search: Search) -> bool:
    return not search.sources or source.name in search.sources or source.name == "demo"


def _host(source: Source) -> str:
    """The spacing key: a service's politeness rule is about its own API on its own host."""
    return f'{source.name}@{getattr(source, "host", "")}'


class PollSchedule:
    """Which pairs may start now, and when each runs next. Pure: no I/O, no threads, time passed in."""

    def __init__(self, sources: Sequence[Source], searches: Sequence[Search], now: datetime, *,
                 rng: random.Random, per_host: int = PER_HOST) -> None:
        self.pairs = [_Pair(i, src, s, now) for i, (s, src) in enumerate(
            (s, src) for s in searches for src in sources if _wanted(src, s))]
        self._rng = rng
        self._per_host = max(1, per_host)
        self._spacing = HostSpacing()
        self._running: Counter[str] = Counter()
        for src in sources:
            self._spacing.set_spacing(_host(src), float(getattr(src, "min_spacing_s", 0.0)))

    def bound(self, host: str) -> int:
        """Requests allowed in flight to ``host`` at once."""
        return 1 if self._spacing.spacing_s.get(host, 0.0) > 0 else self._per_host

    def running(self, host: str) -> int:
        """Requests in flight to ``host``."""
        return self._running[host]

    def start_due(self, now: datetime) -> list[_Pair]:
        """Start every due pair that may start; a pair whose host is not ready yet is deferred to then,
        one whose host is busy stays due and starts when a request to that host has ended."""
        return self._start((p for p in self.pairs if p.due <= now), now, defer=True)

    def start(self, pairs: Iterable[_Pair], now: datetime) -> list[_Pair]:
        """Start those of ``pairs`` that may start now, due or not (``poll_all``)."""
        return self._start(pairs, now, defer=False)

    def _start(self, pairs: Iterable[_Pair], now: datetime, *, defer: bool) -> list[_Pair]:
        started = []
        for pair in pairs:
            host = _host(pair.source)
            if pair.running or self._running[host] >= self.bound(host):
                continue
            ready = self._spacing.ready_at(host, now)
            if ready > now:
                if defer:
                    pair.due = ready  # deferred, not slept on: the other hosts go on
                continue
            pair.running = True
            self._running[host] += 1
            self._spacing.claim(host, now)
            started.append(pair)
        return started

    def ready_at(self, pair: _Pair, now: datetime) -> datetime:
        """The earliest time ``pair``'s host allows a request (``now`` when at once)."""
        return self._spacing.ready_at(_host(pair.source), now)

    def cancel(self, pair: _Pair) -> None:
        """A started pair that never ran (the poller was closed): its host slot is free again."""
        if pair.running:
            pair.running = False
            self._running[_host(pair.source)] -= 1

    def finish(self, pair: _Pair, error: FetchError | None, started: datetime, ended: datetime) -> None:
        """A request started at ``started`` ended at ``ended``: the spacing counts from its end; the pair
        is next due after its interval (with jitter), or after a back-off that doubles with every
        failure in a row (up to an hour) and honours Retry-After."""
        host = _host(pair.source)
        self.cancel(pair)
        self._spacing.claim(host, max(started, ended))
        interval = pair.source.interval_s
        if error is None:
            pair.failures = 0
            pair.due = started + timedelta(seconds=interval * (1 + 0.1 * self._rng.random()))
            return
        pair.failures += 1
        wait = min(MAX_BACKOFF_S, interval * 2 ** pair.failures)
        wait *= 0.75 + 0.5 * self._rng.random()
        if error.retry_after_s:
            wait = max(wait, error.retry_after_s)
        pair.due = started + timedelta(seconds=wait)


@dataclass(frozen=True, slots=True)
class _Ticket:
    """A started fetch: its pair, when it started and the state it was given."""

    pair: _Pair
    started: datetime
    state: SourceState


@dataclass(frozen=True, slots=True)
class _Outcome:
    result: FetchResult
    state: SourceState
    ended: datetime


class Poller:
    """Polls (search, source) pairs concurrently with interval, jitter, back-off and per-host bounds.

    Used by one thread (the pipeline's); ``close`` it when done: requests in flight are not waited for.
    """

    def __init__(self, sources: Sequence[Source], searches: Sequence[Search], state_store: StateStore,
                 *, clock: Callable[[], datetime] = utcnow, rng: random.Random | None = None,
                 per_host: int = PER_HOST) -> None:
        self._store = state_store
        self._clock = clock
        self._schedule = PollSchedule(sources, searches, clock(), rng=rng or random.Random(),
                                      per_host=per_host)
        self._fetcher: Fetcher[_Ticket, _Outcome] = Fetcher()
        self._pending = 0
        self._inline: list[Finished[_Ticket, _Outcome]] = []
        self._closed = False
        # only the sources polled now: a source removed from the config is neither shown nor counted
        names = {src.name for src in sources}
        self._health: dict[str, SourceHealth] = {h.source: h for h in state_store.load_health()
                                                 if h.source in names}
        for src in sources:
            self._health.setdefault(src.name, SourceHealth(src.name, src.title))

    def set_listener(self, listener: Callable[[], None] | None) -> None:
        """Call ``listener`` from the fetch thread whenever a fetch has ended (to poll again at once)."""
        self._fetcher.set_listener(listener)

    def poll_due(self, now: datetime | None = None) -> list[FetchResult]:
        """Collect the fetches that have ended (their results, errors included) and start every pair
        whose time has come. Never waits for the network."""
        if self._closed:
            return []
        now = now or self._clock()
        out = self._collect(0.0)  # first, so that a host slot freed by an ended fetch is used at once
        for pair in self._schedule.start_due(now):
            self._launch(pair, now)
        out += self._collect(0.0)
        return [r for _, r in sorted(out, key=lambda x: x[0])]

    def poll_all(self, now: datetime | None = None, *,
                 wait: Callable[[float], None] = time.sleep) -> list[FetchResult]:
        """Poll every pair once, due or not (``newsroom collect --once``), concurrently within the
        per-host bound, waiting out host spacing; the results in the order of the pairs."""
        todo = [p for p in self._schedule.pairs if not p.running]
        out: list[tuple[int, FetchResult]] = []
        while (todo or self._pending or self._inline) and not self._closed:
            current = self._clock()
            for pair in self._schedule.start(todo, current):
                todo.remove(pair)
                self._launch(pair, now or current)
            ready = min((self._schedule.ready_at(p, current) for p in todo), default=current)
            if self._pending or self._inline:
                timeout = (ready - current).total_seconds() if ready > current else None
                out += self._collect(timeout)
            elif todo:
                wait((ready - current).total_seconds())
        return [r for _, r in sorted(out, key=lambda x: x[0])]

    def running(self) -> int:
        """Fetches started on fetch threads and not yet collected."""
        return self._pending

    def health(self, now: datetime | None = None) -> list[SourceHealth]:
        """Health per source, with the next poll time."""
        out = []
        for name, h in sorted(self._health.items()):
            dues = [p.due for p in self._schedule.pairs if p.source.name == name]
            out.append(replace(h, next_poll=min(dues)) if dues else h)
        return out

    def schedule(self) -> dict[tuple[str, Search], tuple[datetime, int]]:
        """(source name, search) -> (when it runs next, failures in a row), for a successor poller."""
        return {(p.source.name, p.search): (p.due, p.failures) for p in self._schedule.pairs if not p.running}

    def keep_schedule(self, earlier: Mapping[tuple[str, Search], tuple[datetime, int]],
                      changed_sources: Iterable[str] = ()) -> None:
        """Pairs an earlier poller already ran (same source, same search) keep their next time and
        back-off, so that applying new settings polls only what is new or changed (not every source at
        once: Google News blocks, X charges per request); sources in ``changed_sources`` start afresh."""
        fresh = set(changed_sources)
        for p in self._schedule.pairs:
            kept = earlier.get((p.source.name, p.search))
            if kept is not None and p.source.name not in fresh:
                p.due, p.failures = kept

    def close(self) -> None:
        """Start nothing more; fetches in flight end on their own threads and their results are dropped.
        Never waits."""
        self._closed = True
        self._fetcher.close()
        self._pending = 0
        self._inline = []

    def _launch(self, pair: _Pair, now: datetime) -> None:
        src, search, clock = pair.source, pair.search, self._clock
        state = self._store.load_source_state(src.name, search.name)

        def job() -> _Outcome:
            result, new_state = src.fetch(search, state, now)
            return _Outcome(result, new_state, clock())

        ticket = _Ticket(pair, now, state)
        if not getattr(src, "needs_network", True):  # nothing to wait for: no thread needed
            try:
                self._inline.append(Finished(ticket, job()))
            except Exception as exc:
                self._inline.append(Finished(ticket, None, exc))
        elif self._fetcher.start(ticket, job, label=src.name):
            self._pending += 1
        else:
            self._schedule.cancel(pair)

    def _collect(self, timeout_s: float | None) -> list[tuple[int, FetchResult]]:
        finished, self._inline = self._inline, []
        if self._pending:
            done = self._fetcher.collect(0.0 if finished else timeout_s)
            self._pending -= len(done)
            finished += done
        return [(f.key.pair.index, self._finish(f)) for f in finished]

    def _finish(self, finished: Finished[_Ticket, _Outcome]) -> FetchResult:
        ticket = finished.key
        pair, now = ticket.pair, ticket.started
        src, search = pair.source, pair.search
        if finished.value is not None:
            result, new_state, ended = finished.value.result, finished.value.state, finished.value.ended
        else:  # adapters should not raise; never let one stop the others
            exc = finished.error
            log.error("source %s failed on search %s", src.name, search.name, exc_info=exc)
            error = FetchError(src.name, "crash", f"{src.title} failed unexpectedly: {exc}")
            result = FetchResult(src.name, search.name, error=error, fetched_at=now)
            new_state, ended = ticket.state, self._clock()
        self._schedule.finish(pair, result.error, now, ended)
        h = self._health[src.name]
        if result.error is None:
            self._store.save_source_state(src.name, search.name, new_state)
            self._health[src.name] = replace(h, last_success=now, items_last_poll=len(result.mentions),
                                             consecutive_failures=0)
        else:
            self._health[src.name] = replace(h, last_error=result.error.reason, last_error_at=now,
                                             last_error_code=result.error.code,
                                             last_error_status=result.error.status, items_last_poll=0,
                                             consecutive_failures=h.consecutive_failures + 1)
            log.warning("%s: %s", src.title, result.error.reason)
        self._store.save_health(self._health[src.name])
        return result
