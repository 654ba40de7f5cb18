"""Where a store is and how to open it: a path (or ``sqlite:///abs/path``) is the embedded SQLite file,
``postgresql://…`` (or ``postgres://…``) a shared PostgreSQL database."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit, urlunsplit

from newsroom.errors import CommandFailed
from newsroom.store.schema import NewerSchemaError, check_readable, version_of
from newsroom.store.store import Store

Engine = Literal["sqlite", "postgresql"]
_PG_SCHEMES = ("postgresql", "postgres")


class StoreUnavailable(CommandFailed):
    """The store cannot be opened or was lost (server unreachable, wrong password, no such database or
    file, the connection broke): the message is one sentence that says what to do."""


class StoreReadOnly(CommandFailed):
    """The store's database user may not make this change (a wall's read-only role): one sentence."""


@dataclass(frozen=True, slots=True)
class StoreLocation:
    """A parsed store location: the engine and the path (SQLite) or URL (PostgreSQL, password and all:
    never log ``url``, show :attr:`shown`)."""

    engine: Engine
    path: Path | None = None
    url: str | None = None

    @property
    def shown(self) -> str:
        """The location fit to show and log (a URL without its password)."""
        return hide_password(self.url) if self.url is not None else str(self.path)


def parse_location(location: str | Path) -> StoreLocation:
    """The engine and target of ``location``; UsageError-like CommandFailed for an unknown scheme."""
    if isinstance(location, Path) or "://" not in location:
        return StoreLocation("sqlite", path=Path(location).expanduser())
    scheme = location.split("://", 1)[0].lower()
    if scheme in _PG_SCHEMES:
        return StoreLocation("postgresql", url=location)
    if scheme == "sqlite":
        path = unquote(urlsplit(location).path)
        if not path or path == "/":
            raise StoreUnavailable(f"the store location {location} names no file; write "
                                   "sqlite:///absolute/path/newsroom.sqlite3")
        return StoreLocation("sqlite", path=Path(path))
    raise StoreUnavailable(f"the store location {hide_password(location)} is neither a file nor a "
                           "postgresql:// URL; give a path, sqlite:///path or postgresql://user@host/db")


def hide_password(url: str) -> str:
    """``url`` without the password of its user part (``postgresql://wall:***@host/db``) and without a
    ``password=`` query parameter."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        user, host = netloc.rsplit("@", 1)
        if ":" in user:
            user = user.split(":", 1)[0] + ":***"
        netloc = f"{user}@{host}"
    query = "&".join("password=***" if q.lower().startswith("password=") else q
                     for q in parts.query.split("&")) if parts.query else ""
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def store_location(override: str | None, configured: object, default: Path) -> str | Path:
    """The store a command uses: ``--store`` (``override``), else the config's ``store.url``
    (``configured``), else the embedded SQLite file ``default``."""
    for given in (override, configured):
        if isinstance(given, str) and given.strip():
            return given.strip()
    return default


def open_store(location: str | Path, *, read_only: bool = False) -> Store:
    """Open the store at ``location`` (contract of issue 17): SQLite for a path or ``sqlite:///path``,
    PostgreSQL for ``postgresql://…``. Unless ``read_only``, the store is created and migrated as needed;
    ``read_only`` never creates, migrates or writes (PostgreSQL: a read-only session). A store that
    cannot be opened raises :class:`StoreUnavailable` with a sentence; a store of a newer schema
    :class:`~newsroom.store.schema.NewerSchemaError`."""
    where = parse_location(location)
    if where.engine == "postgresql":
        from newsroom.store.postgres import PgStore

        assert where.url is not None
        return PgStore.open_url(where.url, read_only=read_only)
    assert where.path is not None
    return open_sqlite_read_only(where.path) if read_only else Store.open(where.path)


def open_sqlite_read_only(path: Path) -> Store:
    """The SQLite file at ``path`` through a read-only connection (never created, migrated or written);
    :class:`StoreUnavailable` when it is missing, unreadable or older than this version."""
    if not path.is_file():
        raise StoreUnavailable(f"there is no store at {path} yet; run 'newsroom import' or the wall first")
    try:
        db = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True, isolation_level=None,
                             check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreUnavailable(f"the store {path} cannot be opened for reading: {exc}") from exc
    try:
        check_readable(version_of(db))
    except NewerSchemaError:
        db.close()
        raise
    except sqlite3.DatabaseError as exc:
        db.close()
        raise StoreUnavailable(f"the store {path} cannot be read: {exc}") from None
    return Store(db, path)
