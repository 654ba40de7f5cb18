"""The wall as the store has it: a WallSnapshot without polling, alerting or writing the user's store.

``newsroom screenshot`` with a real config uses this. The store is read through a read-only SQLite
connection (``file:…?mode=ro``) and copied with SQLite's backup API into a private temporary file; a
:class:`~newsroom.pipeline.reader.SnapshotReader` then builds the wall from that copy as a wall that
reads the store does (the topics as the collector last wrote them). A store no collector of schema 4
has written yet (no topic summaries) is read the old way: the usual Pipeline rebuilds its topics from
the stored mentions on the copy, with no notifier and a poller that never fetches but reports the
stored health rows.
The user's store file is never written (SQLite may leave the empty ``-wal``/``-shm`` side files that
any reader of a WAL database makes when they are missing).
"""

from __future__ import annotations

import logging
import sqlite3
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from newsroom.config import LoadedConfig
from newsroom.domain import FetchResult, SourceHealth, WallSnapshot, utcnow
from newsroom.errors import CommandFailed
from newsroom.localtime import set_zone
from newsroom.paths import STORE_FILE, AppPaths
from newsroom.pipeline.reader import SnapshotReader
from newsroom.sources.registry import configured_sources, unknown_sources
from newsroom.store import Store

log = logging.getLogger("newsroom.pipeline.stored")


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


def stored_snapshot(paths: AppPaths, loaded: LoadedConfig, *,
                    clock: Callable[[], datetime] = utcnow, focus: str | None = None) -> WallSnapshot:
    """The wall at ``clock()`` from what ``paths.store_file`` holds (an empty wall when there is none);
    ``focus``: the event whose crisis view comes first (``Pipeline.snapshot``)."""
    config = loaded.config
    with tempfile.TemporaryDirectory(prefix="newsroom-snapshot-") as tmp:
        copy = Path(tmp) / STORE_FILE
        if paths.store_file.exists():
            copy_store(paths.store_file, copy)
        else:
            log.info("no store at %s yet: the wall is empty", paths.store_file)
        try:
            store = Store.open(copy)
        except (sqlite3.DatabaseError, RuntimeError) as exc:
            raise CommandFailed(f"the store {paths.store_file} cannot be used: {exc}") from exc
        polled = set(configured_sources(config))  # a source removed from the config is not shown
        missing = tuple(("source_unavailable", name) for name in unknown_sources(config))
        set_zone(str(config.get("wall.timezone")))
        if store.change_counter() > 0 or store.mention_count() == 0:
            reader = SnapshotReader.for_config(store, config, notices=loaded.notices + missing,
                                               sources=polled, clock=clock)
            try:
                return reader.snapshot(focus=focus)
            finally:
                reader.close()
        from newsroom.pipeline.runner import Pipeline  # the analysis: only for a store of before schema 4

        health = [h for h in store.load_health() if h.source in polled]
        pipeline = Pipeline(config, store, StoredHealth(health), clock=clock, notifier=None)
        try:
            pipeline.set_notices(loaded.notices + missing)
            return pipeline.snapshot(focus=focus)
        finally:
            pipeline.close()
