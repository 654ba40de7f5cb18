"""The wall as the store has it: a WallSnapshot without polling, alerting or writing the user's store.

``newsroom screenshot`` with a real config uses this. The store is read through a read-only SQLite
connection (``file:…?mode=ro``) and copied with SQLite's backup API into a private temporary file; a
:class:`~newsroom.pipeline.reader.SnapshotReader` then builds the wall from that copy as a wall that
reads the store does (the topics as the collector last wrote them). A store no collector of schema 4
has written yet (no topic summaries) is read the old way: the usual Pipeline rebuilds its topics from
the stored mentions on the copy, with no notifier and a poller that never fetches but reports the
stored health rows.
The user's store file is never written (SQLite may leave the empty ``-wal``/``-shm`` side files that
any reader of a WAL database makes when they are missing). A shared PostgreSQL store (``--store`` or
``store.url``) is read in a read-only session and what the wall needs (counts, alerts, source health and
state, meta values, the mentions of the last :data:`COPIED_DAYS` days) is copied into the private file.
"""

from __future__ import annotations

import logging
import sqlite3
import tempfile
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from newsroom.config import LoadedConfig
from newsroom.domain import FetchResult, SourceHealth, WallSnapshot, utcnow
from newsroom.errors import CommandFailed
from newsroom.localtime import set_zone
from newsroom.paths import STORE_FILE, AppPaths
from newsroom.pipeline.reader import SnapshotReader
from newsroom.sources.registry import configured_sources, unknown_sources
from newsroom.store import Store, open_store
from newsroom.store.copy import copy_to_sqlite
from newsroom.store.opening import parse_location, store_location

log = logging.getLogger("newsroom.pipeline.stored")

#: days of a shared store's mentions copied for a picture (the wall replays the last 24 h; the rest is
#: margin for the crisis view's and the spike detector's look back)
COPIED_DAYS = 8


class StoredHealth:
    """A poller that never polls: the health is what the store recorded of the last real polls."""

    def __init__(self, health: list[SourceHealth]) -> None:
        self._health = sorted(health, key=lambda h: h.source)

    def poll_due(self, now: datetime | None = None) -> list[FetchResult]:
        """Nothing is ever due."""
        return []

    def health(self, now: datetime | None = None) -> list[SourceHealth]:
        """The stored health rows."""
        return list(self._health)

    def close(self) -> None:
        """Nothing to close: no client was ever made."""


def read_only_uri(path: Path) -> str:
    """The SQLite URI that opens ``path`` read-only (never created, never written)."""
    return path.absolute().as_uri() + "?mode=ro"


def copy_store(source: Path, target: Path) -> None:
    """Copy the store at ``source`` into the new file ``target`` through a read-only connection."""
    try:
        src = sqlite3.connect(read_only_uri(source), uri=True)
    except sqlite3.Error as exc:
        raise CommandFailed(f"the store {source} cannot be opened for reading: {exc}") from exc
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    except sqlite3.Error as exc:
        raise CommandFailed(f"the store {source} cannot be read: {exc}") from exc
    finally:
        src.close()


def _private_copy(location: str | Path, copy: Path, now: datetime) -> Store:
    """The store at ``location`` copied into the new file ``copy``, opened."""
    where = parse_location(location)
    if where.engine == "postgresql":
        with open_store(location, read_only=True) as shared:
            return copy_to_sqlite(shared, copy, mentions_since=now - timedelta(days=COPIED_DAYS))
    assert where.path is not None
    if where.path.exists():
        copy_store(where.path, copy)
    else:
        log.info("no store at %s yet: the wall is empty", where.path)
    try:
        return Store.open(copy)
    except (sqlite3.DatabaseError, RuntimeError) as exc:
        raise CommandFailed(f"the store {where.path} cannot be used: {exc}") from exc


def stored_snapshot(paths: AppPaths, loaded: LoadedConfig, *,
                    clock: Callable[[], datetime] = utcnow, focus: str | None = None,
                    store: str | None = None) -> WallSnapshot:
    """The wall at ``clock()`` from what the store holds (``store``, i.e. ``--store``, else the config's
    ``store.url``, else ``paths.store_file``; an empty wall when there is no file yet); ``focus``: the
    event whose crisis view comes first (``Pipeline.snapshot``)."""
    config = loaded.config
    location = store_location(store, config.get("store.url"), paths.store_file)
    with tempfile.TemporaryDirectory(prefix="newsroom-snapshot-") as tmp:
        copy = _private_copy(location, Path(tmp) / STORE_FILE, clock())
        polled = set(configured_sources(config))  # a source removed from the config is not shown
        missing = tuple(("source_unavailable", name) for name in unknown_sources(config))
        set_zone(str(config.get("wall.timezone")))
        if copy.change_counter() > 0 or copy.mention_count() == 0:
            reader = SnapshotReader.for_config(copy, config, notices=loaded.notices + missing,
                                               sources=polled, clock=clock)
            try:
                return reader.snapshot(focus=focus)
            finally:
                reader.close()
        from newsroom.pipeline.runner import Pipeline  # the analysis: only for a store of before schema 4

        health = [h for h in copy.load_health() if h.source in polled]
        pipeline = Pipeline(config, copy, StoredHealth(health), clock=clock, notifier=None)
        try:
            pipeline.set_notices(loaded.notices + missing)
            return pipeline.snapshot(focus=focus)
        finally:
            pipeline.close()
