"""The PostgreSQL engine of the store (psycopg 3): several walls and one collector share one database.

- :class:`PgStore` runs the store's own (portable) SQL: ``?`` placeholders are translated to
  PostgreSQL's ``$1, $2, …`` in one place (:func:`translate`; statements go through psycopg's
  ``RawCursor``, so a literal ``%`` needs nothing); autocommit with explicit transactions, as the SQLite
  engine; ``executemany`` of an INSERT sends multi-row statements. Its migrations are
  ``newsroom.store.pg_schema``.
- The password comes from the URL, else from the keyring (``newsroom secret set store.password``), else
  from libpq's own ``PGPASSWORD``/``~/.pgpass``; it is never logged (:attr:`PgStore.location` hides it).
- TLS: libpq's default ``sslmode=prefer`` is kept (TLS when the server offers it); put
  ``?sslmode=require`` (or ``verify-full``) in the URL to insist on it.
- :meth:`PgStore.wait_change` sleeps on ``LISTEN newsroom_change``; :meth:`PgStore.bump_change` sends
  ``NOTIFY newsroom_change`` in the transaction that bumps the ``meta`` row ``change``.
- :class:`AdvisoryLock` (and :func:`advisory_lock_connection`, :func:`try_advisory_lock`): the
  collector's leadership, a session-level ``pg_try_advisory_lock`` on a connection kept open.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import logging
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg
from psycopg import conninfo

from newsroom.domain import AlertState
from newsroom.store import pg_schema, retention
from newsroom.store.opening import StoreReadOnly, StoreUnavailable, hide_password
from newsroom.store.schema import NewerSchemaError
from newsroom.store.sql import Cursor, transaction
from newsroom.store.store import Store

log = logging.getLogger("newsroom.store.postgres")

#: the keyring entry of the store's password when the URL has none
PASSWORD_SECRET = "store.password"
#: the channel walls listen on
CHANNEL = "newsroom_change"
#: the meta row of the change counter (contract of issue 17)
CHANGE_KEY = "change"
#: seconds a connection attempt may take unless the URL says otherwise
CONNECT_TIMEOUT_S = 10
#: longest sleep between two reads of the counter in wait_change (a lost notification costs this much)
RECHECK_S = 1.0
#: the advisory lock that serialises migrations of one database
_MIGRATION_LOCK = "migrate"
#: rows per multi-row INSERT (and at most MAX_PARAMS values: the protocol allows 65,535)
MULTI_ROWS = 200
MAX_PARAMS = 30_000
_MARK = re.compile(r"\?")
_UPSERT = re.compile(r"\bON\s+CONFLICT\s*\(([^)]*)\)\s*DO\s+UPDATE\b", re.IGNORECASE)
_INTO = re.compile(r"\bINTO\s+\w+\s*\(([^)]*)\)", re.IGNORECASE)
_VALUES = re.compile(r"\bVALUES\s*(\(\s*\?(?:\s*,\s*\?)*\s*\))", re.IGNORECASE)


def _numbered(sql: str) -> str:
    numbers = itertools.count(1)
    return _MARK.sub(lambda _: f"${next(numbers)}", sql)


@functools.lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """The store's ``?`` placeholders as PostgreSQL's own ``$1, $2, …`` (run through psycopg's
    ``RawCursor``, which leaves the text alone: a literal ``%`` needs nothing; the store's SQL never has
    a ``?`` inside a string literal)."""
    return _numbered(sql)


@functools.lru_cache(maxsize=64)
def _multi_row(sql: str, rows: int) -> str:
    """``sql`` (an ``INSERT … VALUES (?, …) …``) inserting ``rows`` rows in one statement, numbered."""
    values = _VALUES.search(sql)
    assert values is not None
    group = values.group(1)
    return _numbered(f"{sql[:values.start(1)]}{','.join([group] * rows)}{sql[values.end(1):]}")


def _params(parameters: Any) -> Sequence[object] | None:
    # PostgreSQL text cannot hold NUL; remote text may (the SQLite store keeps it): replace, never fail
    if parameters is None:
        return None
    return [v.replace("\x00", "\ufffd") if type(v) is str and "\x00" in v else v for v in parameters]


#: the database errors a PgConnection turns into sentences
_SENTENCED = (psycopg.OperationalError, psycopg.errors.InsufficientPrivilege,
              psycopg.errors.ReadOnlySqlTransaction)


def _repeats_a_key(sql: str, rows: Sequence[Sequence[object]]) -> bool:
    """True when an upsert's rows name one conflict key twice (one multi-row statement may not update a
    row twice; a statement per row may). Unknown shapes count as repeating."""
    upsert = _UPSERT.search(sql)
    if upsert is None:
        return False
    columns = _INTO.search(sql)
    if columns is None:
        return True
    names = [c.strip().lower() for c in columns.group(1).split(",")]
    try:
        at = [names.index(c.strip().lower()) for c in upsert.group(1).split(",")]
    except ValueError:
        return True
    keys = {tuple(row[i] for i in at) for row in rows}
    return len(keys) < len(rows)


class PgConnection:
    """A psycopg connection (autocommit) that speaks the store's ``?`` SQL (see ``newsroom.store.sql``).

    Two failures become sentences (``NewsroomError``s): a lost connection (:class:`StoreUnavailable`:
    open the store again, e.g. ``store.reopen()``) and a change the user's role may not make
    (:class:`StoreReadOnly`: a wall's read-only role); other database errors are psycopg's."""

    def __init__(self, raw: psycopg.Connection[Any]) -> None:
        self.raw = raw

    def execute(self, sql: str, parameters: Any = None, /) -> Cursor:
        """Run one statement (``?`` placeholders)."""
        params = _params(parameters)
        try:
            cur = psycopg.RawCursor(self.raw)
            if params is None:
                return cur.execute(sql)
            return cur.execute(translate(sql), params)
        except _SENTENCED as exc:
            raise self._sentence(exc) from exc

    def _sentence(self, exc: psycopg.Error) -> Exception:
        """A lost connection or a refused change as one sentence; anything else as it is."""
        info = self.raw.info
        shown = f"postgresql://{info.user}@{info.host}/{info.dbname}"
        if isinstance(exc, (psycopg.errors.InsufficientPrivilege, psycopg.errors.ReadOnlySqlTransaction)):
            return StoreReadOnly(f"the database user {info.user} may not make this change in the store "
                                 f"{shown} ({_first_line(exc)}); a wall's role only reads and acknowledges "
                                 "alerts: the collector writes everything else")
        if self.raw.broken or self.raw.closed:
            return StoreUnavailable(f"the connection to the store {shown} was lost ({_first_line(exc)}); "
                                    "it is opened again when the server answers")
        return exc

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> None:
        """Run one statement for every set of parameters (see :meth:`_executemany`)."""
        try:
            self._executemany(sql, parameters)
        except _SENTENCED as exc:
            raise self._sentence(exc) from exc

    def _executemany(self, sql: str, parameters: Iterable[Any], /) -> None:
        """Run one statement for every set of parameters. An ``INSERT … VALUES (?, …)`` goes as
        multi-row inserts (one statement per :data:`MULTI_ROWS` rows instead of one per row, sent in
        one pipeline; an upsert whose rows repeat a conflict key goes row by row, as it must); anything
        else is pipelined by psycopg."""
        rows = [_params(p) or () for p in parameters]
        if not rows:
            return
        values = _VALUES.search(sql) if sql.lstrip()[:6].upper() == "INSERT" else None
        if values is None or "RETURNING" in sql.upper() or _repeats_a_key(sql, rows):
            with psycopg.RawCursor(self.raw) as cur:
                cur.executemany(translate(sql), rows)
            return
        per = max(1, min(MULTI_ROWS, MAX_PARAMS // max(1, values.group(1).count("?"))))
        chunks = [rows[first:first + per] for first in range(0, len(rows), per)]
        # the chunks go in one pipeline: the next is sent while the server still writes the one before
        with self.raw.pipeline(), psycopg.RawCursor(self.raw) as cur:
            for chunk in chunks:
                cur.execute(_multi_row(sql, len(chunk)), [v for row in chunk for v in row])

    def close(self) -> None:
        """Close the connection."""
        self.raw.close()


def _with_password(url: str, application_name: str = "newsroom") -> dict[str, Any]:
    """Connection keywords: the URL, the keyring's password when the URL has none, a connect timeout
    and the application name (seen in ``pg_stat_activity``)."""
    params = conninfo.conninfo_to_dict(url)
    extra: dict[str, Any] = {}
    if not params.get("password"):
        from newsroom.secrets import get_secret

        secret = get_secret(PASSWORD_SECRET)
        if secret:
            extra["password"] = secret
    if "connect_timeout" not in params:
        extra["connect_timeout"] = CONNECT_TIMEOUT_S
    if "application_name" not in params:
        extra["application_name"] = application_name
    return extra


def connect(url: str, *, application_name: str = "newsroom") -> psycopg.Connection[Any]:
    """An autocommit psycopg connection to ``url`` (named ``application_name`` in ``pg_stat_activity``
    unless the URL names it); :class:`StoreUnavailable` with one sentence when the server cannot be
    reached, refuses the login or has no such database."""
    try:
        extra = _with_password(url, application_name)
    except psycopg.ProgrammingError as exc:  # a malformed URL
        raise StoreUnavailable(f"the store URL {hide_password(url)} cannot be read ({_first_line(exc)}); "
                               "write postgresql://user@host:5432/database") from None
    try:
        return psycopg.connect(url, autocommit=True, **extra)
    except psycopg.OperationalError as exc:
        raise StoreUnavailable(unavailable_sentence(url, exc)) from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else type(exc).__name__


def unavailable_sentence(url: str, exc: BaseException) -> str:
    """One sentence for a failed connection: what went wrong and what to do (no password in it)."""
    shown = hide_password(url)
    text = str(exc)
    params = conninfo.conninfo_to_dict(url)
    user = params.get("user") or "(your login name)"
    database = params.get("dbname") or user
    if "password authentication failed" in text or "no password supplied" in text:
        return (f"the PostgreSQL server refused the login of user {user} for the store {shown}; check "
                "the user and set its password with 'newsroom secret set store.password'")
    if "does not exist" in text and "database" in text:
        return (f"the database {database} of the store {shown} does not exist; create it "
                f"(createdb {database}) or correct --store / store.url")
    if "role" in text and "does not exist" in text:
        return (f"the PostgreSQL server knows no user {user} (store {shown}); create the role "
                "('newsroom store-roles' prints the SQL) or correct the URL")
    return (f"the PostgreSQL server of the store {shown} cannot be reached ({_first_line(exc)}); check "
            "that it runs and that host and port are right")


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
            raise StoreUnavailable(f"the store {shown} cannot be used: {_first_line(exc)}") from None
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


# --- the collector's leadership (contract of issue 17, item 5) ---------------------------------

def advisory_lock_connection(url: str, application_name: str = "newsroom lock") -> psycopg.Connection[Any]:
    """A connection of its own for an advisory lock: the lock lives as long as this connection (a
    process that dies loses it at once, the server sees the socket close). Its password comes as the
    store's (the URL, the keyring's ``store.password``, libpq's)."""
    return connect(url, application_name=application_name)


def try_advisory_lock(conn: psycopg.Connection[Any], name: str) -> bool:
    """Take the session-level advisory lock ``name`` on ``conn`` if nobody holds it; never waits."""
    row = conn.execute("SELECT pg_try_advisory_lock(%s)", (lock_key(name),)).fetchone()
    return bool(row and row[0])


def release_advisory_lock(conn: psycopg.Connection[Any], name: str) -> None:
    """Give the advisory lock ``name`` back (closing the connection does too)."""
    conn.execute("SELECT pg_advisory_unlock(%s)", (lock_key(name),))


class AdvisoryLock:
    """``try_acquire``/``release``/``held`` over one advisory lock on a connection of its own (made at the
    first ``try_acquire``, closed by ``release``)."""

    def __init__(self, url: str, name: str = "collector") -> None:
        self._url = url
        self.name = name
        self._conn: psycopg.Connection[Any] | None = None
        self.held = False

    def try_acquire(self) -> bool:
        """True when this process holds the lock now (also when it already did). A lost connection
        counts as not held: the server released the lock with it."""
        if self._conn is not None and self._conn.closed:
            self._conn = None
            self.held = False
        if self.held and self._conn is not None:
            try:
                self._conn.execute("SELECT 1")
            except psycopg.Error:
                self._drop()
                return False
            return True
        if self._conn is None:
            self._conn = advisory_lock_connection(self._url)
        try:
            self.held = try_advisory_lock(self._conn, self.name)
        except psycopg.Error:
            self._drop()
        return self.held

    def release(self) -> None:
        """Give the lock back and close its connection."""
        if self._conn is not None and self.held:
            with contextlib.suppress(psycopg.Error):
                release_advisory_lock(self._conn, self.name)
        self._drop()

    def _drop(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(psycopg.Error):
                self._conn.close()
        self._conn = None
        self.held = False



# --- what doctor says about a PostgreSQL store ---------------------------------------------------

@dataclass(frozen=True, slots=True)
class PgStatus:
    """A PostgreSQL store as ``newsroom doctor`` describes it."""

    server: str          # the server's version, e.g. "15.18"
    user: str
    schema: int          # 0: no Newsroom tables yet
    mentions: int | None
    can_write: bool      # the user may add mentions (a collector's role; a wall's is read-only)
    can_acknowledge: bool
    tls: bool


def inspect(url: str) -> PgStatus:
    """Connect (read-only session) and describe the store; :class:`StoreUnavailable` when it cannot be
    reached."""
    raw = connect(url)
    db = PgConnection(raw)
    try:
        db.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        server, user, tls = db.execute(
            "SELECT current_setting('server_version'), current_user, "
            "COALESCE((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false)").fetchone()
        version = schema_version_of(db)
        mentions = write = ack = None
        if version:
            mentions = int(db.execute("SELECT COUNT(*) FROM mentions").fetchone()[0])
            write, ack = db.execute("SELECT has_table_privilege('mentions', 'INSERT'), "
                                    "has_table_privilege('alerts', 'UPDATE')").fetchone()
        return PgStatus(str(server).split()[0], str(user), version, mentions, bool(write), bool(ack),
                        bool(tls))
    except psycopg.Error as exc:
        raise StoreUnavailable(f"the store {hide_password(url)} cannot be read: {_first_line(exc)}") from None
    finally:
        raw.close()
