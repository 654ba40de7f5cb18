"""Why the pipeline could not start, as a code the wall turns into a sentence, and when to try again.

A wall that cannot start its pipeline (an unwritable data folder, a store of a newer version, a
configuration that cannot be read) says why on the screen and tries again with growing pauses
(BACKOFF_S), so that it recovers by itself once the cause is gone.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from newsroom.errors import NewsroomError
from newsroom.store.schema import NewerSchemaError

#: pauses before the next attempt: 5 s, 10 s, … at most 5 min
BACKOFF_S: tuple[float, ...] = (5, 10, 20, 40, 80, 160, 300)

#: SQLite's words for a file or folder it may not write
#: no permission, a read-only disk, a file where the folder should be
_FOLDER_ERRNOS = frozenset({errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EEXIST})
_UNWRITABLE = ("readonly", "read-only", "unable to open", "permission", "access denied")


@dataclass(frozen=True, slots=True)
class StartProblem:
    """One failed start: ``code`` is one of data_unwritable, disk_full, store_newer, config, other."""

    code: str
    detail: str
    attempt: int
    retry_in_s: float


class StartFailed(Exception):
    """A start that failed for a reason already put in words (e.g. the wall's collector did not start)."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


def retry_delay(attempt: int, delays: Sequence[float] = BACKOFF_S) -> float:
    """The pause after the ``attempt``-th failure (1-based); the last pause repeats."""
    return float(delays[min(max(attempt, 1), len(delays)) - 1])


def classify(exc: BaseException, data_dir: Path | None = None) -> tuple[str, str]:
    """(code, detail) for a start failure; the detail is what the wall's sentence needs."""
    if isinstance(exc, StartFailed):
        return exc.code, exc.detail
    if isinstance(exc, NewerSchemaError):
        return "store_newer", str(data_dir) if data_dir else ""
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return "disk_full", str(data_dir or exc.filename or "")
    if (isinstance(exc, OSError) and exc.errno in _FOLDER_ERRNOS) or (
            isinstance(exc, sqlite3.OperationalError) and any(w in str(exc).lower() for w in _UNWRITABLE)):
        where = data_dir or (Path(str(exc.filename)).parent if isinstance(exc, OSError) and exc.filename
                             else None)
        return "data_unwritable", str(where or "")
    if isinstance(exc, NewsroomError):
        return "config", str(exc)
    return "other", f"{type(exc).__name__}: {exc}"
