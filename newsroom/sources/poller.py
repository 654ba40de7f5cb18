"""Polls each (search, source) pair when it is due, keeps incremental state and health.

A failing source never stops the others: every exception becomes a FetchError and a health entry.
Back-off after failures doubles the wait (with jitter) up to an hour, honouring Retry-After.
Sources that name a ``host`` and a ``min_spacing_s`` get that spacing between their requests to it:
a pair that is due while its host is not ready is deferred (``poll_due``) or waited for (``poll_all``).
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol

from newsroom.domain import FetchError, FetchResult, Search, SourceHealth, utcnow
from newsroom.sources.base import Source, SourceState
from newsroom.sources.ratelimit import HostSpacing

log = logging.getLogger("newsroom.sources.poller")

MAX_BACKOFF_S = 3600.0


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
    source: Source
    search: Search
    due: datetime
    failures: int = 0


def _wanted(source: Source, search: Search) -> bool:
    return not search.sources or source.name in search.sources or source.name == "demo"


def _host(source: Source) -> str:
    """The spacing key: a service's politeness rule is about its own API on its own host."""
    return f'{source.name}@{getattr(source, "host", "")}'


class Poller:
    """Schedules polls per (search, source) pair with interval, jitter and back-off."""

    def __init__(self, sources: Sequence[Source], searches: Sequence[Search], state_store: StateStore,
                 *, clock: Callable[[], datetime] = utcnow, rng: random.Random | None = None) -> None:
        self._store = state_store
        self._clock = clock
        self._rng = rng or random.Random()
        now = clock()
        self._pairs = [_Pair(src, s, now) for s in searches for src in sources if _wanted(src, s)]
        self._health: dict[str, SourceHealth] = {h.source: h for h in state_store.load_health()}
        self._spacing = HostSpacing()
        for src in sources:
            self._health.setdefault(src.name, SourceHealth(src.name, src.title))
            self._spacing.set_spacing(_host(src), float(getattr(src, "min_spacing_s", 0.0)))

    def poll_due(self, now: datetime | None = None) -> list[FetchResult]:
        """Poll every pair whose time has come; returns their results (errors included)."""
        now = now or self._clock()
        out = []
        for pair in self._pairs:
            if pair.due > now:
                continue
            ready = self._spacing.ready_at(_host(pair.source), now)
            if ready > now:
                pair.due = ready  # deferred, not slept on: the other hosts go on
                continue
            out.append(self._poll(pair, now))
        return out

    def poll_all(self, now: datetime | None = None, *,
                 wait: Callable[[float], None] = time.sleep) -> list[FetchResult]:
        """Poll every pair once, due or not (``newsroom collect --once``), waiting out host spacing."""
        out = []
        for pair in self._pairs:
            current = self._clock()
            ready = self._spacing.ready_at(_host(pair.source), current)
            if ready > current:
                wait((ready - current).total_seconds())
            out.append(self._poll(pair, now or self._clock()))
        return out

    def next_due(self, now: datetime | None = None) -> datetime:
        """When the next pair is due."""
        now = now or self._clock()
        return min((p.due for p in self._pairs), default=now + timedelta(minutes=5))

    def health(self, now: datetime | None = None) -> list[SourceHealth]:
        """Health per source, with the next poll time."""
        out = []
        for name, h in sorted(self._health.items()):
            dues = [p.due for p in self._pairs if p.source.name == name]
            out.append(replace(h, next_poll=min(dues)) if dues else h)
        return out

    def _poll(self, pair: _Pair, now: datetime) -> FetchResult:
        src, search = pair.source, pair.search
        state = self._store.load_source_state(src.name, search.name)
        try:
            result, new_state = src.fetch(search, state, now)
        except Exception as exc:  # adapters should not raise; never let one stop the others
            log.exception("source %s failed on search %s", src.name, search.name)
            error = FetchError(src.name, "crash", f"{src.title} failed unexpectedly: {exc}")
            result = FetchResult(src.name, search.name, error=error, fetched_at=now)
            new_state = state
        self._spacing.claim(_host(src), max(now, self._clock()))
        if result.error is None:
            self._store.save_source_state(src.name, search.name, new_state)
            pair.failures = 0
            pair.due = now + timedelta(seconds=src.interval_s * (1 + 0.1 * self._rng.random()))
            h = self._health[src.name]
            self._health[src.name] = replace(h, last_success=now, items_last_poll=len(result.mentions),
                                             consecutive_failures=0)
        else:
            pair.failures += 1
            wait = min(MAX_BACKOFF_S, src.interval_s * 2 ** pair.failures)
            wait *= 0.75 + 0.5 * self._rng.random()
            if result.error.retry_after_s:
                wait = max(wait, result.error.retry_after_s)
            pair.due = now + timedelta(seconds=wait)
            h = self._health[src.name]
            self._health[src.name] = replace(h, last_error=result.error.reason, last_error_at=now,
                                             items_last_poll=0,
                                             consecutive_failures=h.consecutive_failures + 1)
            log.warning("%s: %s", src.title, result.error.reason)
        self._store.save_health(self._health[src.name])
        return result
