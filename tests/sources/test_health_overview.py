"""Source health for the wall: a failure keeps its code (the wall words it in the wall's language), the
store keeps that code, and a source removed from the config is neither shown nor counted."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

from newsroom.domain import FetchError, FetchResult, Search, SourceHealth
from newsroom.sources.base import SourceState
from newsroom.sources.poller import MemoryStateStore, Poller
from newsroom.store import Store

T0 = datetime(2026, 1, 6, 16, 0, tzinfo=UTC)
SEARCH = Search("s", "woord", ("x",))


class Refusing:
    name, title, host, min_spacing_s, interval_s = "x", "X", "x.example", 0.0, 600.0
    needs_network = False

    def fetch(self, search: Search, state: SourceState, now: datetime) -> tuple[FetchResult, SourceState]:
        error = FetchError("x", "config", "X needs your own API bearer token", None)
        return FetchResult("x", search.name, error=error, fetched_at=now), state


def test_a_failure_keeps_its_code_and_removed_sources_are_not_reported(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "s.sqlite3")
    store.save_health(SourceHealth("mastodon", "Mastodon", last_success=T0))  # removed from the config
    poller = Poller([Refusing()], [SEARCH], store, clock=lambda: T0, rng=random.Random(1))
    poller.poll_all(T0)
    health = poller.health(T0)
    assert [h.source for h in health] == ["x"]
    assert health[0].last_error_code == "config" and health[0].consecutive_failures == 1
    stored = {h.source: h for h in store.load_health()}
    assert stored["x"].last_error_code == "config" and stored["x"].last_error_status is None
    store.close()


def test_memory_store_health_of_other_sources_is_ignored() -> None:
    state = MemoryStateStore()
    state.save_health(SourceHealth("gone", "Gone", consecutive_failures=3))
    poller = Poller([Refusing()], [SEARCH], state, clock=lambda: T0)
    assert [h.source for h in poller.health(T0)] == ["x"]
