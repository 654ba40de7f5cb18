"""The contract every source adapter fulfils: one poll of one search, with incremental state."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from newsroom.domain import FetchError, FetchResult, Search
from newsroom.query import Query, QueryError, parse_query


@dataclass(frozen=True, slots=True)
class SourceState:
    """Incremental state of one (source, search) pair, persisted in the store between polls.

    ``values`` holds JSON-serialisable items such as ETag, Last-Modified, since-ids and cursors.
    """

    values: dict[str, Any] = field(default_factory=dict)
    last_poll: datetime | None = None


class Source(Protocol):
    """A thin adapter over one service: network in, mentions or a FetchError out. Never raises.

    ``fetch`` runs on a fetch thread, for two searches at once at most (newsroom.sources.poller), or
    one at a time when the adapter sets ``min_spacing_s`` (an adapter that keeps mutable state, such
    as a session, sets it). It must not touch the store: its state comes in and goes out as values.
    """

    #: config key under ``[sources.<name>]`` and the ``source`` field of its mentions
    name: str
    #: human-readable name for health lines ("Google News")
    title: str
    #: seconds between polls of one search when all is well
    interval_s: float

    def fetch(
        self, search: Search, state: SourceState, now: datetime
    ) -> tuple[FetchResult, SourceState]:
        """Poll once for ``search``; return the result and the state to keep for next time."""
        ...


def failed(error: FetchError, search: Search, state: SourceState,
           now: datetime) -> tuple[FetchResult, SourceState]:
    """The result of a poll that failed: the error, and the state unchanged, so nothing is lost."""
    return FetchResult(error.source, search.name, error=error, fetched_at=now), state


def read_query(source: str, search: Search) -> Query | FetchError:
    """The search's parsed query, or a config error that says why it cannot be read."""
    try:
        return parse_query(search.query)
    except QueryError as exc:
        return FetchError(source, "config", f"the query of {search.name!r} cannot be read: {exc}")
