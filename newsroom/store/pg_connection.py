"""A psycopg connection that speaks the store's portable SQL: ``?`` placeholders translated to
PostgreSQL's ``$1, $2, …`` in one place (:func:`translate`; statements go through psycopg's
``RawCursor``, so a literal ``%`` needs nothing); ``executemany`` of an INSERT sends multi-row
statements; a lost connection and a refused change become sentences."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from typing import Any

import psycopg

from newsroom.store.opening import StoreReadOnly, StoreUnavailable
from newsroom.store.pg_connect import first_line
from newsroom.store.sql import Cursor

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
                                 f"{shown} ({first_line(exc)}); a wall's role only reads and acknowledges "
                                 "alerts: the collector writes everything else")
        if self.raw.broken or self.raw.closed:
            return StoreUnavailable(f"the connection to the store {shown} was lost ({first_line(exc)}); "
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
