"""What each alert channel was told, kept in the store so that a restart sends no channel a second
message for the same alert and the hourly rate cap carries on. Used from the dispatcher's own thread
through a connection of its own (WAL lets it write beside the pipeline's; PostgreSQL: a connection of its
own to the same database)."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from urllib.parse import quote

from newsroom.store.sql import Connection

log = logging.getLogger("newsroom.store.deliveries")


def _errors() -> tuple[type[Exception], ...]:
    """The database errors of both engines: psycopg's only once it is loaded (an SQLite store never
    imports it, which would cost the wall's start a tenth of a second)."""
    psycopg = sys.modules.get("psycopg")
    return (sqlite3.Error, psycopg.Error) if psycopg is not None else (sqlite3.Error,)


class Outcome(StrEnum):
    """What became of telling one channel about one alert state."""

    SENT = "sent"
    #: being sent: a record still saying so after a restart was cut short (it may or may not have
    #: arrived; it is not sent again, so that a channel never hears the same message twice)
    SENDING = "sending"
    QUIET = "quiet"        # held back: quiet hours
    CAPPED = "capped"      # held back: the channel's hourly rate cap
    FAILED = "failed"      # tried and failed (a retry may follow)


@dataclass(frozen=True, slots=True)
class DeliveryRecord:
    """One decision about one channel: which alert, at which severity and state, when, and how it went."""

    alert_id: str
    channel: str
    severity: int
    state: str
    at: datetime
    outcome: Outcome
    detail: str = ""


class DeliveryLog:
    """The ``deliveries`` table of a store (already migrated by :class:`~newsroom.store.Store`)."""

    def __init__(self, db: Connection, seq: str = "rowid") -> None:
        self._db = db
        self._seq = seq  # the column that numbers the rows (PostgreSQL: an identity column)
        self._lock = threading.Lock()

    @classmethod
    def open(cls, location: str | Path) -> DeliveryLog:
        """A connection of its own to the store at ``location`` (a path, or a URL as
        :func:`~newsroom.store.open_store` takes; never creates or migrates it)."""
        from newsroom.store.opening import parse_location

        where = parse_location(location)
        if where.engine == "postgresql":
            import psycopg

            from newsroom.store.opening import StoreUnavailable
            from newsroom.store.pg_connect import connect
            from newsroom.store.pg_connection import PgConnection

            assert where.url is not None
            pg = PgConnection(connect(where.url))
            try:
                pg.execute("SELECT 1 FROM deliveries LIMIT 1")
            except psycopg.Error as exc:
                pg.close()
                raise StoreUnavailable(f"the deliveries of the store {where.shown} cannot be read: "
                                       f"{str(exc).strip().splitlines()[0]}") from None
            return cls(pg, seq="seq")
        assert where.path is not None
        path = where.path
        db = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=rw", uri=True, isolation_level=None,
                             check_same_thread=False)
        try:
            db.execute("PRAGMA busy_timeout=5000")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("SELECT 1 FROM deliveries LIMIT 1")
        except sqlite3.Error:
            db.close()
            raise
        return cls(db)

    def record(self, r: DeliveryRecord) -> int | None:
        """Keep one decision (committed at once: a kill right after loses nothing); returns its row
        for :meth:`settle` (None when it could not be written)."""
        with self._lock:
            try:
                row = self._db.execute(
                    "INSERT INTO deliveries (alert_id, channel, severity, state, at, outcome, detail) "
                    f"VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING {self._seq}",
                    (r.alert_id, r.channel, r.severity, r.state, int(r.at.timestamp()), r.outcome.value,
                     r.detail)).fetchone()
                return int(row[0])
            except _errors() as exc:  # a full disk must not end the dispatcher's thread
                log.error("cannot keep the delivery of %s via %s: %s", r.alert_id, r.channel, exc)
                return None

    def settle(self, row: int, outcome: Outcome, detail: str = "") -> None:
        """How a delivery recorded as :attr:`Outcome.SENDING` ended."""
        with self._lock:
            try:
                self._db.execute(f"UPDATE deliveries SET outcome = ?, detail = ? WHERE {self._seq} = ?",
                                 (outcome.value, detail, row))
            except _errors() as exc:
                log.error("cannot keep how delivery %d ended: %s", row, exc)

    def told(self, alert_id: str, channel: str, outcomes: Iterable[Outcome]) -> tuple[int, bool] | None:
        """What ``channel`` was told of ``alert_id`` with one of ``outcomes``, by any process: (the
        highest severity, whether the all-clear was among it); None when nothing (or unreadable)."""
        wanted = sorted(o.value for o in outcomes)
        marks = ", ".join("?" for _ in wanted)
        with self._lock:
            try:
                row = self._db.execute(
                    "SELECT MAX(severity), SUM(CASE WHEN state = 'resolved' THEN 1 ELSE 0 END) "
                    f"FROM deliveries WHERE alert_id = ? AND channel = ? AND outcome IN ({marks})",
                    (alert_id, channel, *wanted)).fetchone()
            except sqlite3.Error as exc:  # the memory of this process still holds
                log.warning("cannot read what %s was told of %s: %s", channel, alert_id, exc)
                return None
        if row is None or row[0] is None:
            return None
        return int(row[0]), bool(row[1])

    def since(self, t: datetime) -> list[DeliveryRecord]:
        """Decisions taken at or after ``t``, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT alert_id, channel, severity, state, at, outcome, detail FROM deliveries "
                f"WHERE at >= ? ORDER BY at, {self._seq}", (int(t.timestamp()),)).fetchall()
        return [DeliveryRecord(str(a), str(c), int(s), str(st), datetime.fromtimestamp(int(at), UTC),
                               Outcome(str(o)), str(d)) for a, c, s, st, at, o, d in rows]

    def close(self) -> None:
        """Close the connection."""
        with self._lock, contextlib.suppress(*_errors()):
            self._db.close()

    def __enter__(self) -> DeliveryLog:
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
