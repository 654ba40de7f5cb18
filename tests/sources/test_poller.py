"""The poller: what may start (per-host bound, spacing, back-off) as a pure schedule; the requests
themselves run on fetch threads, so a slow one holds up neither the others nor the caller."""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

from newsroom.domain import FetchError, FetchResult, Search
from newsroom.sources.base import SourceState
from newsroom.sources.fetcher import THREAD_PREFIX
from newsroom.sources.poller import MemoryStateStore, Poller, PollSchedule
from newsroom.sources.ratelimit import HostSpacing

T0 = datetime(2026, 1, 6, 16, 0, tzinfo=UTC)
#: only a safety net so that a broken poller fails a test instead of hanging it
NEVER = 20.0


class Fake:
    def __init__(self, name: str, host: str, spacing: float, fail: str = "") -> None:
        self.name, self.title, self.host, self.min_spacing_s = name, name.upper(), host, spacing
        self.interval_s = 600.0
        self.calls: list[tuple[str, datetime]] = []
        self.fail = fail
        self.gate: threading.Event | None = None     # when set: every fetch waits for it
        self.barrier: threading.Barrier | None = None  # when set: fetches pass it in groups
        self.lock = threading.Lock()
        self.running = 0
        self.most = 0

    def fetch(self, search: Search, state: SourceState, now: datetime) -> tuple[FetchResult, SourceState]:
        with self.lock:
            self.calls.append((search.name, now))
            self.running += 1
            self.most = max(self.most, self.running)
        try:
            if self.gate is not None and not self.gate.wait(NEVER):
                raise RuntimeError("the gate was never opened")
            if self.barrier is not None:
                self.barrier.wait(NEVER)
        finally:
            with self.lock:
                self.running -= 1
        if self.fail == "crash":
            raise RuntimeError("adapter bug")
        if self.fail:
            return FetchResult(self.name, search.name, error=FetchError(self.name, "rate_limited", "slow down",
                                                                        429, 7200.0), fetched_at=now), state
        return FetchResult(self.name, search.name, fetched_at=now), SourceState({"n": len(self.calls)}, now)


SEARCHES = [Search(f"s{i}", f"woord{i}", ("gdelt", "rss")) for i in range(3)]


def started(schedule: PollSchedule, now: datetime) -> list[tuple[str, str]]:
    return [(p.source.name, p.search.name) for p in schedule.start_due(now)]


def test_per_host_bound_and_spacing_defer_pairs_without_holding_up_others() -> None:
    gdelt, rss = Fake("gdelt", "api.gdelt.example", 6.0), Fake("rss", "feeds.example", 0.0)
    schedule = PollSchedule([gdelt, rss], SEARCHES, T0, rng=random.Random(1))
    first = schedule.start_due(T0)
    # a host with spacing gets one request at a time, any other host two
    assert [(p.source.name, p.search.name) for p in first] == [("gdelt", "s0"), ("rss", "s0"), ("rss", "s1")]
    assert started(schedule, T0) == [], "nothing starts twice and the bounds hold"
    rss_s0 = first[1]
    schedule.finish(rss_s0, None, T0, T0 + timedelta(seconds=1))
    assert started(schedule, T0 + timedelta(seconds=1)) == [("rss", "s2")], "a freed slot is used at once"
    # spacing counts from the end of the last request: gdelt s1 is deferred, not slept on
    schedule.finish(first[0], None, T0, T0 + timedelta(seconds=2))
    assert started(schedule, T0 + timedelta(seconds=3)) == []
    s1 = next(p for p in schedule.pairs if p.source is gdelt and p.search.name == "s1")
    assert s1.due == T0 + timedelta(seconds=8)
    assert started(schedule, T0 + timedelta(seconds=8)) == [("gdelt", "s1")]
    assert rss_s0.due > T0 + timedelta(seconds=600), "a success is next due after the interval"


def test_a_pair_in_flight_is_never_started_again() -> None:
    rss = Fake("rss", "feeds.example", 0.0)
    rss.interval_s = 1.0
    schedule = PollSchedule([rss], SEARCHES[:1], T0, rng=random.Random(1))
    (pair,) = schedule.start_due(T0)
    schedule.finish(pair, None, T0, T0)
    (again,) = schedule.start_due(T0 + timedelta(seconds=5))
    assert again is pair
    assert schedule.start_due(T0 + timedelta(hours=1)) == [], "due long ago, but still in flight"
    assert schedule.start([pair], T0 + timedelta(hours=1)) == []
    assert schedule.running("rss@feeds.example") == 1


def test_backoff_doubles_with_jitter_and_honours_retry_after() -> None:
    rss = Fake("rss", "feeds.example", 0.0)
    schedule = PollSchedule([rss], SEARCHES[:1], T0, rng=random.Random(3))
    error = FetchError("rss", "http_status", "500", 500)
    waits = []
    now = T0
    for _ in range(3):
        (pair,) = schedule.start([schedule.pairs[0]], now)
        schedule.finish(pair, error, now, now + timedelta(seconds=2))
        waits.append((pair.due - now).total_seconds())
        now = pair.due
    for n, wait in enumerate(waits, start=1):  # doubling from the interval, capped at an hour, jittered
        assert 0.75 * min(3600, 600 * 2 ** n) <= wait <= 1.25 * min(3600, 600 * 2 ** n)
    (pair,) = schedule.start([schedule.pairs[0]], now)
    schedule.finish(pair, FetchError("rss", "rate_limited", "429", 429, 7200.0), now, now)
    assert pair.due - now == timedelta(seconds=7200)
    (pair,) = schedule.start([schedule.pairs[0]], now)
    schedule.finish(pair, None, now, now)
    assert pair.failures == 0 and pair.due - now <= timedelta(seconds=660)


def test_poll_all_waits_for_spacing() -> None:
    clock = [T0]
    waits: list[float] = []

    def wait(seconds: float) -> None:
        waits.append(seconds)
        clock[0] += timedelta(seconds=seconds)

    gdelt = Fake("gdelt", "api.gdelt.example", 6.0)
    results = Poller([gdelt], SEARCHES, MemoryStateStore(), clock=lambda: clock[0]).poll_all(wait=wait)
    assert len(results) == 3 and waits == [6.0, 6.0]


def test_poll_all_runs_hosts_concurrently_two_requests_per_host_at_most() -> None:
    searches = [Search(f"s{i}", f"woord{i}") for i in range(4)]
    slow, fast = Fake("gdelt", "slow.example", 0.0), Fake("rss", "fast.example", 0.0)
    fast.barrier = threading.Barrier(2)  # two requests to the fast host must be in flight together
    slow.gate = threading.Event()        # the slow host answers only once the fast one is done
    original = fast.fetch

    def fetch_then_open(search: Search, state: SourceState, now: datetime) -> tuple[FetchResult, SourceState]:
        out = original(search, state, now)
        if len(fast.calls) == len(searches):
            slow.gate.set()  # type: ignore[union-attr]
        return out

    fast.fetch = fetch_then_open  # type: ignore[method-assign]
    store = MemoryStateStore()
    results = Poller([slow, fast], searches, store, clock=lambda: T0).poll_all()
    assert [(r.source, r.search) for r in results] == [(src, s.name) for s in searches for src in ("gdelt", "rss")]
    assert all(r.ok for r in results), [r.error for r in results if r.error]
    assert fast.most == 2 and slow.most == 2
    assert len(store.state) == 8


def test_a_crash_is_contained_and_back_off_reaches_health() -> None:
    store = MemoryStateStore()
    slow, broken = Fake("gdelt", "a.example", 0, fail="429"), Fake("rss", "b.example", 0, fail="crash")
    poller = Poller([slow, broken], SEARCHES[:1], store, clock=lambda: T0, rng=random.Random(1))
    results = poller.poll_all(T0)
    assert [r.error.code for r in results if r.error] == ["rate_limited", "crash"]
    health = {h.source: h for h in poller.health(T0)}
    assert health["gdelt"].consecutive_failures == 1 and health["gdelt"].last_error == "slow down"
    assert health["gdelt"].next_poll is not None and health["gdelt"].next_poll >= T0 + timedelta(seconds=7200)
    assert "adapter bug" in (health["rss"].last_error or "")
    assert store.state == {}


def _fetch_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith(THREAD_PREFIX)]


def test_poll_due_never_waits_and_close_drops_late_results() -> None:
    slow, fast = Fake("gdelt", "slow.example", 0.0), Fake("rss", "fast.example", 0.0)
    slow.gate = threading.Event()
    store = MemoryStateStore()
    poller = Poller([slow, fast], SEARCHES[:1], store, clock=lambda: T0)
    try:
        results = poller.poll_due(T0)
        deadline = time.monotonic() + NEVER
        while not results and time.monotonic() < deadline:
            time.sleep(0.01)
            results = poller.poll_due(T0)
        assert [(r.source, r.ok) for r in results] == [("rss", True)]
        assert not slow.gate.is_set() and slow.running == 1, "the slow fetch is still in flight"
        assert set(store.state) == {("rss", "s0")}
        assert poller.poll_due(T0) == [] and slow.running == 1, "a pair in flight is not started again"
        poller.close()
        assert poller.poll_due(T0) == []
    finally:
        slow.gate.set()
    deadline = time.monotonic() + NEVER
    while _fetch_threads() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not _fetch_threads(), "the fetch thread ended on its own"
    assert poller.poll_due(T0 + timedelta(hours=1)) == []
    assert set(store.state) == {("rss", "s0")}, "the late result was dropped"
    assert Counter(name for name, _ in slow.calls) == {"s0": 1}


def test_host_spacing_claims_paged_requests() -> None:
    spacing = HostSpacing()
    spacing.set_spacing("h", 5)
    spacing.set_spacing("h", 2)  # the largest wish wins
    assert spacing.ready_at("h", T0) == T0
    spacing.claim("h", T0, requests=3)
    assert spacing.ready_at("h", T0) == T0 + timedelta(seconds=15)
    assert spacing.ready_at("other", T0) == T0
