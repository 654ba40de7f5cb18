"""What the store asks of a database connection: the part of the DB-API that SQLite's ``sqlite3`` and the
PostgreSQL engine's adapter (``newsroom.store.postgres``) both offer. Statements use ``?`` placeholders."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

T = TypeVar("T")


class Cursor(Protocol):
    """The result of one statement."""

    @property
    def rowcount(self) -> int:
        """Rows changed by the statement."""
        ...

    def fetchone(self) -> Any:
        """The next row, or None."""
        ...

    def fetchall(self) -> list[Any]:
        """The remaining rows."""
        ...

    def __iter__(self) -> Iterator[Any]:
        ...


class Connection(Protocol):
    """A connection in autocommit mode: transactions are explicit ``BEGIN`` … ``COMMIT``."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor:
        """Run one statement."""
        ...

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Any:
        """Run one statement for each set of parameters."""
        ...

    def close(self) -> None:
        """Close the connection."""
        ...


@contextmanager
def transaction(db: Connection) -> Iterator[None]:
    """The block in one transaction: ``BEGIN`` before, ``COMMIT`` after; ``ROLLBACK`` when it raises
    (the error goes on)."""
    db.execute("BEGIN")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def in_groups(values: Sequence[T], size: int) -> Iterator[tuple[list[T], str]]:
    """``values`` in groups of at most ``size`` for one ``IN (…)`` statement each: every group with its
    placeholders (``?, ?, ?``)."""
    for first in range(0, len(values), size):
        group = list(values[first:first + size])
        yield group, ", ".join("?" * len(group))
