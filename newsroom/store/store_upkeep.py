"""Keeping the store small and quick: retention (expired rows deleted in short slices, sources and
searches no longer configured forgotten) and the weekly maintenance of the SQLite file. A part of
:class:`~newsroom.store.store.Store`; the PostgreSQL engine overrides what differs."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from newsroom.domain import AlertState
from newsroom.store import retention
from newsroom.store.buckets import minute_of
from newsroom.store.sql import Connection, transaction

log = logging.getLogger("newsroom.store")

#: how often the store is tidied (``PRAGMA optimize`` and an incremental vacuum)
MAINTENANCE_EVERY = timedelta(days=7)
#: pages given back to the file system per incremental vacuum (4 KiB each: up to 400 MB a week)
VACUUM_PAGES = 100_000


class StoreUpkeep:
    """Retention and maintenance (``last_retention``: what the last :meth:`apply_retention` did)."""

    _db: Connection
    last_retention: retention.RetentionRun | None

    if TYPE_CHECKING:
        def get_meta(self, key: str) -> str | None: ...
        def set_meta(self, key: str, value: str) -> None: ...
        def _sqlite(self) -> sqlite3.Connection: ...

    def apply_retention(self, now: datetime, days: int, *, sources: Iterable[str] | None = None,
                        searches: Iterable[str] | None = None, budget_s: float | None = None,
                        slice_rows: int | None = None) -> int:
        """Delete mentions, counts, resolved alerts and alert deliveries older than ``days`` (from the
        whole minute before ``now - days`` back), and (when ``sources`` or ``searches`` say what is
        configured) the health and poll state of sources and searches no longer configured; returns
        rows deleted. Expired rows go in slices of ``slice_rows`` (default ``retention.SLICE_ROWS``),
        each a short transaction of its own (:mod:`newsroom.store.retention`); with ``budget_s`` it
        stops after that many seconds and :attr:`retention_pending` says that more is left for the next
        call. :attr:`last_retention` tells what the call did."""
        cutoff = minute_of(now - timedelta(days=days))
        run = retention.delete_expired(self._db, self._expiring(), cutoff,
                                       slice_rows=slice_rows or retention.SLICE_ROWS, budget_s=budget_s)
        n = run.deleted
        with transaction(self._db):
            n += self._forget_unconfigured(sources, searches)
        self.last_retention = replace(run, deleted=n)
        if n:
            log.info("retention: deleted %d rows (older than %d days or no longer configured)%s", n, days,
                     "" if run.done else "; more next time")
        return n

    @property
    def retention_pending(self) -> bool:
        """True when the last :meth:`apply_retention` stopped at its time budget with rows left."""
        return self.last_retention is not None and not self.last_retention.done

    def _expiring(self) -> list[retention.Expiring]:
        """What retention deletes, table by table (SQLite: rows named by their rowid)."""
        return [
            retention.Expiring("mentions", "published", "rowid"),
            retention.Expiring("counts", "minute", "(scope, key, minute)"),
            retention.Expiring("alerts", "updated", "id", "state = ?", (AlertState.RESOLVED.value,)),
            retention.Expiring("deliveries", "at", "rowid"),
        ]

    def _forget_unconfigured(self, sources: Iterable[str] | None, searches: Iterable[str] | None) -> int:
        n = 0
        configured = sorted(set(sources)) if sources is not None else None
        searched = sorted(set(searches)) if searches is not None else None
        for table, column, names in (("source_health", "source", configured),
                                     ("source_state", "source", configured),
                                     ("source_state", "search", searched)):
            if names is None:
                continue
            # NOT IN () is SQLite's only: with nothing configured, every row goes
            where = f" WHERE {column} NOT IN ({','.join('?' * len(names))})" if names else ""
            n += self._db.execute(f"DELETE FROM {table}{where}", names).rowcount
        return n

    def refresh_statistics(self) -> None:
        """After a large write (an import): let the engine see the tables' new sizes. SQLite plans by
        its indexes alone here (its weekly ``PRAGMA optimize`` is enough): nothing to do."""

    def maintain(self, now: datetime) -> bool:
        """Once a week: ``PRAGMA optimize`` and an incremental vacuum (space freed by retention goes back
        to the disk). Returns True when it ran. The time of the last run is kept in the store."""
        last = self.get_meta("maintained_at")
        if last is not None and now - datetime.fromtimestamp(float(last), UTC) < MAINTENANCE_EVERY:
            return False
        db = self._sqlite()
        free = int(db.execute("PRAGMA freelist_count").fetchone()[0])
        db.execute("PRAGMA optimize")
        # executescript runs the pragma to its end (execute would free one page per step it is given)
        db.executescript(f"PRAGMA incremental_vacuum({VACUUM_PAGES});")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.set_meta("maintained_at", str(int(now.timestamp())))
        log.info("store maintenance: optimized, %d free pages given back", min(free, VACUUM_PAGES))
        return True
