"""The PostgreSQL engine of the store (psycopg 3): several walls and one collector share one database.

- :class:`PgStore` runs the store's own (portable) SQL over a
  :class:`~newsroom.store.pg_connection.PgConnection` (``?`` placeholders translated to PostgreSQL's
  ``$1, $2, …`` in one place); autocommit with explicit transactions, as the SQLite engine. Its
  migrations are ``newsroom.store.pg_schema``, run by :func:`migrate` under an advisory lock.
- Connecting (``newsroom.store.pg_connect``): the password comes from the URL, else from the keyring
  (``newsroom secret set store.password``), else from libpq's own ``PGPASSWORD``/``~/.pgpass``; it is
  never logged (:attr:`PgStore.location` hides it).
- TLS: libpq's default ``sslmode=prefer`` is kept (TLS when the server offers it); put
  ``?sslmode=require`` (or ``verify-full``) in the URL to insist on it.
- :meth:`PgStore.wait_change` sleeps on ``LISTEN newsroom_change``; :meth:`PgStore.bump_change` sends
  ``NOTIFY newsroom_change`` in the transaction that bumps the ``meta`` row ``change``.
- The collector's leadership (one collector per database) is ``newsroom.store.leadership``; what
  ``newsroom doctor`` says of the database is ``newsroom.store.pg_inspect``.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from datetime import datetime
from pathlib import Path

import psycopg

from newsroom.domain import AlertState
from newsroom.store import pg_schema, retention
from newsroom.store.opening import StoreUnavailable, hide_password
from newsroom.store.pg_connect import connect, first_line
from newsroom.store.pg_connection import PgConnection
from newsroom.store.schema import NewerSchemaError
from newsroom.store.sql import transaction
from newsroom.store.store import Store

log = logging.getLogger("newsroom.store.postgres")

#: the channel walls listen on
CHANNEL = "newsroom_change"
#: the meta row of the change counter (contract of issue 17)
CHANGE_KEY = "change"
#: longest sleep between two reads of the counter in wait_change (a lost notification costs this much)
RECHECK_S = 1.0
#: the advisory lock that serialises migrations of one database
_MIGRATION_LOCK = "migrate"


def lock_key(name: str) -> int:
    """A stable signed 64-bit advisory-lock key for ``name`` (the same in every process and version)."""
    digest = hashlib.sha256(f"newsroom:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class PgStore(Store):
    """The store in a PostgreSQL database (see the module's docstring)."""

    engine = "postgresql"
    _SEQ = "seq"

    def __init__(self, db: PgConnection, url: str) -> None:
        # ``path`` names an SQLite file; a database has none (``location``/``target`` are its URL)
        super().__init__(db, Path(os.devnull))
        self._pg = db
        self._url = url
        self._listening = False

    @property
    def location(self) -> str:
        """The URL without its password."""
        return hide_password(self._url)

    @property
    def target(self) -> str:
        """The URL, password and all (never show or log it)."""
        return self._url

    @classmethod
    def open_url(cls, url: str, *, read_only: bool = False) -> PgStore:
        """Connect to ``url`` and (unless ``read_only``) create or migrate the schema; a read-only store
        runs in a read-only session and needs the schema at this version already."""
        raw = connect(url)
        db = PgConnection(raw)
        shown = hide_password(url)
        try:
            version = schema_version_of(db)
            if version > pg_schema.SCHEMA_VERSION:
                raise NewerSchemaError(version, pg_schema.SCHEMA_VERSION)
            if read_only:
                db.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
                if version < pg_schema.SCHEMA_VERSION:
                    what = "has no Newsroom tables yet" if version == 0 else f"is of schema {version}"
                    raise StoreUnavailable(
                        f"the store {shown} {what}; run the collector (or 'newsroom import') on it once "
                        "with a role that may create tables, then try again")
            elif version < pg_schema.SCHEMA_VERSION:
                migrate(db, shown)
        except psycopg.Error as exc:
            raw.close()
            raise StoreUnavailable(f"the store {shown} cannot be used: {first_line(exc)}") from None
        except BaseException:
            raw.close()
            raise
        return cls(db, url)

    @classmethod
    def open(cls, path: Path) -> Store:
        """A PostgreSQL store is opened with :meth:`open_url` (or ``open_store``), never by a path."""
        raise TypeError("a PostgreSQL store is opened by URL: newsroom.store.open_store(url)")

    def reopen(self, *, read_only: bool = False) -> Store:
        """A second connection to the same database."""
        return PgStore.open_url(self._url, read_only=read_only)

    def close(self) -> None:
        """Close the connection."""
        with contextlib.suppress(psycopg.Error):
            self._pg.close()

    @property
    def schema_version(self) -> int:
        """The version in ``newsroom_schema``."""
        return schema_version_of(self._pg)

    def _expiring(self) -> list[retention.Expiring]:
        """What retention deletes: as on SQLite, rows named by their ``ctid`` (a semi-join on a key
        could read all of ``mentions`` for a slice of 500; ``ctid = ANY(ARRAY(…))`` is a TID scan)."""
        resolved = (AlertState.RESOLVED.value,)
        return [
            retention.Expiring("mentions", "published", "ctid", array=True),
            retention.Expiring("counts", "minute", "ctid", array=True),
            retention.Expiring("alerts", "updated", "ctid", "state = ?", resolved, array=True),
            retention.Expiring("deliveries", "at", "ctid", array=True),
        ]

    def maintain(self, now: datetime) -> bool:
        """Nothing to do: the server's autovacuum gives space back and keeps the statistics."""
        return False

    def refresh_statistics(self) -> None:
        """ANALYZE the big tables now: after a bulk import autovacuum's statistics lag behind, and the
        planner, believing a crisis topic holds 180 mentions instead of 40,000, sorted all of them for
        the crisis view's newest posts (14 ms a topic instead of an index walk)."""
        self._db.execute("ANALYZE mentions")
        self._db.execute("ANALYZE counts")

    # --- waking walls (contract of issue 17, item 4) -----------------------------------------

    def change_counter(self) -> int:
        """The change counter (the ``meta`` row ``change``; 0 before the first change)."""
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (CHANGE_KEY,)).fetchone()
        return int(row[0]) if row is not None else 0

    def bump_change(self) -> int:
        """Add one to the change counter and wake every listening wall (NOTIFY in the same
        transaction: it is delivered when the new value is visible); returns the new value."""
        with transaction(self._db):
            row = self._db.execute(
                "INSERT INTO meta (key, value) VALUES (?, '1') ON CONFLICT (key) DO UPDATE "
                "SET value = CAST(CAST(meta.value AS BIGINT) + 1 AS TEXT) RETURNING value",
                (CHANGE_KEY,)).fetchone()
            self._db.execute("SELECT pg_notify(?, ?)", (CHANNEL, str(row[0])))
        return int(row[0])

    def wait_change(self, after: int, timeout_s: float) -> int:
        """The counter as soon as it differs from ``after`` (woken by NOTIFY, and read again at least
        every :data:`RECHECK_S` in case a notification was missed), or after ``timeout_s``."""
        if not self._listening:
            self._db.execute(f"LISTEN {CHANNEL}")
            self._listening = True
        return super().wait_change(after, timeout_s)

    def _pause_for_change(self, left_s: float) -> None:
        """Until a notification comes, RECHECK_S or ``left_s``, whichever is first."""
        try:
            for _ in self._pg.raw.notifies(timeout=min(left_s, RECHECK_S), stop_after=1):
                pass
        except psycopg.OperationalError as exc:
            raise self._pg._sentence(exc) from exc


def schema_version_of(db: PgConnection) -> int:
    """The schema version of the database (0: no Newsroom tables yet)."""
    found = db.execute("SELECT to_regclass(?)", (pg_schema.VERSION_TABLE,)).fetchone()
    if found is None or found[0] is None:
        return 0
    row = db.execute(f"SELECT MAX(version) FROM {pg_schema.VERSION_TABLE}").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(db: PgConnection, shown: str, target: int = pg_schema.SCHEMA_VERSION) -> int:
    """Bring the database up to ``target`` in one transaction (DDL is transactional in PostgreSQL: a
    failed step leaves the database as it was), holding an advisory lock so that two processes starting
    at once migrate it only once. Returns the old version."""
    key = lock_key(_MIGRATION_LOCK)
    # a session lock, then a transaction of its own: its start sees what another process committed
    # (inside one transaction a name looked up before could still be remembered as missing)
    db.execute("SELECT pg_advisory_lock(?)", (key,))
    try:
        old = schema_version_of(db)  # again, under the lock: another process may have done it
        if old > target:
            raise NewerSchemaError(old, target)
        if old < target:
            db.execute("BEGIN")
            try:
                if old == 0:
                    db.execute(f"CREATE TABLE {pg_schema.VERSION_TABLE} (version BIGINT NOT NULL)")
                for version, script in pg_schema.steps_after(old, target):
                    db.execute(script)
                    db.execute(f"DELETE FROM {pg_schema.VERSION_TABLE}")
                    db.execute(f"INSERT INTO {pg_schema.VERSION_TABLE} (version) VALUES (?)", (version,))
                db.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(psycopg.Error, StoreUnavailable):
                    db.execute("ROLLBACK")
                raise
            log.info("store %s: schema %d -> %d", shown, old, target)
    finally:
        with contextlib.suppress(psycopg.Error, StoreUnavailable):
            db.execute("SELECT pg_advisory_unlock(?)", (key,))
    return old
