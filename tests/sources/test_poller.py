"""The poller: per-host spacing defers instead of sleeping, back-off, and a crashing adapter."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from newsroom.domain import FetchError, FetchResult, Search
from newsroom.sources.base import SourceState
from newsroom.sources.poller import MemoryStateStore, Poller
from newsroom.sources.ratelimit import HostSpacing

T0 = datetime(2026, 1, 6, 16, 0, tzinfo=UTC)


class Fake:
    def __init__(self, name: str, host: str, spacing: float, fail: str = "") -> None:
        self.name, self.title, self.host, self.min_spacing_s = name, name.upper(), host, spacing
        self.interval_s = 600.0
        self.calls: list[tuple[str, datetime]] = []
        self.fail = fail

    def fetch(self, search: Search, state: SourceState, now: datetime) -> tuple[FetchResult, SourceState]:
        self.calls.append((search.name, now))
        if self.fail == "crash":
            raise RuntimeError("adapter bug")
        if self.fail:
            return FetchResult(self.name, search.name, error=FetchError(self.name, "rate_limited", "slow down",
                                                                        429, 7200.0), fetched_at=now), state
        return FetchResult(self.name, search.name, fetched_at=now), SourceState({"n": 1}, now)


SEARCHES = [Search(f"s{i}", f"woord{i}", ("gdelt", "rss")) for i in range(3)]


def test_spacing_defers_pairs_of_one_host_without_holding_up_others() -> None:
    gdelt, rss = Fake("gdelt", "api.gdelt.example", 6.0), Fake("rss", "feeds.example", 0.0)
    poller = Poller([gdelt, rss], SEARCHES, MemoryStateStore(), clock=lambda: T0, rng=random.Random(1))
    poller.poll_due(T0)
    assert len(gdelt.calls) == 1 and len(rss.calls) == 3
    assert poller.next_due(T0) == T0 + timedelta(seconds=6)
    poller.poll_due(T0 + timedelta(seconds=6))
    poller.poll_due(T0 + timedelta(seconds=12))
    assert [t for _, t in gdelt.calls] == [T0, T0 + timedelta(seconds=6), T0 + timedelta(seconds=12)]
    assert len(rss.calls) == 3


def test_poll_all_waits_for_spacing() -> None:
    clock = [T0]
    waits: list[float] = []

    def wait(seconds: float) -> None:
        waits.append(seconds)
        clock[0] += timedelta(seconds=seconds)

    gdelt = Fake("gdelt", "api.gdelt.example", 6.0)
    results = Poller([gdelt], SEARCHES, MemoryStateStore(), clock=lambda: clock[0]).poll_all(wait=wait)
    assert len(results) == 3 and waits == [6.0, 6.0]


def test_backoff_honours_retry_after_and_a_crash_is_contained() -> None:
    store = MemoryStateStore()
    slow, broken = Fake("gdelt", "a.example", 0, fail="429"), Fake("rss", "b.example", 0, fail="crash")
    poller = Poller([slow, broken], SEARCHES[:1], store, clock=lambda: T0, rng=random.Random(1))
    results = poller.poll_due(T0)
    assert [r.error.code for r in results if r.error] == ["rate_limited", "crash"]
    health = {h.source: h for h in poller.health(T0)}
    assert health["gdelt"].consecutive_failures == 1 and health["gdelt"].last_error == "slow down"
    assert health["gdelt"].next_poll is not None and health["gdelt"].next_poll >= T0 + timedelta(seconds=7200)
    assert "adapter bug" in (health["rss"].last_error or "")
    assert store.state == {}


def test_host_spacing_claims_paged_requests() -> None:
    spacing = HostSpacing()
    spacing.set_spacing("h", 5)
    spacing.set_spacing("h", 2)  # the largest wish wins
    assert spacing.ready_at("h", T0) == T0
    spacing.claim("h", T0, requests=3)
    assert spacing.ready_at("h", T0) == T0 + timedelta(seconds=15)
    assert spacing.ready_at("other", T0) == T0
