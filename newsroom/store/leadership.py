"""One active collector per store: whoever holds the store's leadership lock polls, analyses and sends
alerts; any other collector on the same store stands by and tries again every few seconds.

- SQLite (a path, or ``sqlite:///abs/path``): an exclusive ``flock`` (``msvcrt.locking`` on Windows)
  on ``<store file>.lock``, held by the open file. The kernel frees it the moment the process ends,
  also after ``kill -9`` or a power cut, so a standby can take over at its next try.
- PostgreSQL (``postgresql://`` or ``postgres://``): ``pg_try_advisory_lock(key)`` on a dedicated
  connection kept open; the server frees it when that session ends (the process died or the network
  dropped it). :meth:`Leadership.check` notices a lost session, so the holder stops working.

Plain Python, no Qt; the only SQL outside the store's main module is the advisory lock's, kept here.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sys
from pathlib import Path
from typing import IO, Any

log = logging.getLogger("newsroom.store.leadership")

LOCK_SUFFIX = ".lock"
_PG_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(location: str | Path) -> bool:
    """True for a ``postgresql://`` (or ``postgres://``) URL."""
    return isinstance(location, str) and location.startswith(_PG_SCHEMES)


def sqlite_path(location: str | Path) -> Path:
    """The file of a SQLite location: a path, or ``sqlite:///abs/path``."""
    text = str(location)
    if text.startswith("sqlite://"):
        text = text[len("sqlite://"):]
    return Path(text)


def lock_key(name: str) -> int:
    """The advisory lock's key for ``name``: a signed 64-bit number derived from it (the same in every
    process and version, so two collectors of one database agree on it)."""
    digest = hashlib.sha256(f"newsroom-wall:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class Leadership:
    """The leadership lock of one store. ``try_acquire`` never blocks; ``release`` gives it up."""

    def __init__(self, store_location: str | Path, name: str = "collector") -> None:
        self.location = store_location
        self.name = name
        self._file: IO[bytes] | None = None
        self._pg: Any = None  # a psycopg connection holding the advisory lock

    @property
    def held(self) -> bool:
        """True while this process holds the lock (as far as it knows; see :meth:`check`)."""
        return self._file is not None or self._pg is not None

    @property
    def lock_path(self) -> Path | None:
        """The lock file of a SQLite store (None for PostgreSQL)."""
        if is_postgres(self.location):
            return None
        store = sqlite_path(self.location)
        suffix = "" if self.name == "collector" else f".{self.name}"
        return store.with_name(f"{store.name}{suffix}{LOCK_SUFFIX}")

    def try_acquire(self) -> bool:
        """Take the lock when nobody holds it; True when this process holds it now (also when it
        already did). Errors other than "held by another" (an unwritable folder, an unreachable
        server) raise ``OSError`` or the driver's error: the caller says why and tries again."""
        if self.held:
            return True
        if is_postgres(self.location):
            return self._acquire_pg(str(self.location))
        return self._acquire_file()

    def check(self) -> bool:
        """Still held? A file lock is held until released; an advisory lock only while its session
        lives: a lost connection means another collector may hold it now (``held`` becomes False)."""
        if self._pg is None:
            return self.held
        try:
            self._pg.execute("SELECT 1").fetchone()
        except Exception as exc:  # any driver error: the session, and so the lock, may be gone
            log.warning("the leadership connection was lost (%s): another collector may take over", exc)
            self._drop_pg()
            return False
        return True

    def release(self) -> None:
        """Give the lock up (no-op when not held)."""
        if self._file is not None:
            fh, self._file = self._file, None
            with contextlib.suppress(OSError):
                _unlock(fh)
            fh.close()
        if self._pg is not None:
            with contextlib.suppress(Exception):
                self._pg.execute("SELECT pg_advisory_unlock(%s)", (lock_key(self.name),))
            self._drop_pg()

    # --- SQLite: a lock file beside the store ----------------------------------------------------

    def _acquire_file(self) -> bool:
        path = self.lock_path
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(path, "a+b")  # noqa: SIM115 - held open as long as the lock is
        try:
            if not _try_lock(fh):
                fh.close()
                return False
            fh.seek(0)
            fh.truncate()
            fh.write(f"{os.getpid()}\n".encode())  # who holds it, for people reading the folder
            fh.flush()
        except BaseException:
            fh.close()
            raise
        self._file = fh
        return True

    # --- PostgreSQL: an advisory lock on a connection of its own -----------------------------------

    def _acquire_pg(self, url: str) -> bool:
        from newsroom.store.pg_connect import connect

        # the store's own connect: the password from the URL, else the keyring (store.password), else
        # libpq's; an unreachable server is a sentence (StoreUnavailable); the lock lives as long as
        # this connection (a process that dies loses it at once)
        conn = connect(url, application_name=f"newsroom {self.name} leadership")
        try:
            row = conn.execute("SELECT pg_try_advisory_lock(%s)", (lock_key(self.name),)).fetchone()
        except BaseException:
            conn.close()
            raise
        if not row or not row[0]:
            conn.close()
            return False
        self._pg = conn
        return True

    def _drop_pg(self) -> None:
        conn, self._pg = self._pg, None
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.close()

    def holder(self) -> str:
        """Who holds a SQLite store's lock ("process 1234"), as far as the lock file says; '' when unknown."""
        path = self.lock_path
        if path is None:
            return ""
        try:
            pid = path.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return ""
        return f"process {pid}" if pid.isdigit() else ""


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fh: IO[bytes]) -> bool:
        fh.seek(0)
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fh: IO[bytes]) -> None:
        fh.seek(0)
        msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fh: IO[bytes]) -> bool:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fh: IO[bytes]) -> None:
        fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
