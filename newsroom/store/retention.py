"""Retention in bounded slices: expired rows are deleted a few hundred at a time, each slice in a short
transaction of its own, oldest first, so that the collector's writes and a wall's acknowledgement wait
for one slice at most (never for a whole day's deletion) and a process killed half-way loses nothing
but the slice it was in: the next run goes on where it stopped.

What goes, per table (the same rule as before slicing, the cutoff a whole minute):

- ``mentions`` published before the cutoff;
- ``counts`` of minutes before the cutoff: the per-minute aggregates have their own rule, by their
  minute, not by the mentions they counted. A mention published before the cutoff was counted in a
  minute before it, so once both are done every count left counts only mentions that are left; while a
  run is under way the two may differ, but only before the cutoff, which no wall reads;
- resolved ``alerts`` last updated before the cutoff, and ``deliveries`` sent before it.

Nothing else refers to a mention (no links, no full-text table): there is nothing half-deleted a reader
could trip over. Every slice finds its rows through the table's index on the time column (oldest first,
``LIMIT``) and deletes them by key."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from newsroom.store.sql import Connection, transaction

#: rows deleted per transaction (at 10 million mentions on SQLite 0.1-0.4 s, see docs/processes.md)
SLICE_ROWS = 500
#: the longest pause between two slices (a pause as long as the slice, up to this): another process's
#: writer, sleeping up to 100 ms at a time in SQLite's busy handler, finds the store free before the
#: next slice starts (with 1,000 rows and 50 ms its worst wait at 10M was 1.1 s; with these 0.3 s)
MAX_PAUSE_S = 0.1


@dataclass(frozen=True, slots=True)
class Expiring:
    """One table's rule: rows whose ``column`` is before the cutoff (and that match ``extra``) go;
    ``key`` names a row (a column or a parenthesised list of them)."""

    table: str
    column: str
    key: str
    extra: str = ""
    extra_args: tuple[object, ...] = ()
    #: ``key = ANY(ARRAY(…))`` instead of ``key IN (…)``: PostgreSQL may plan an IN as a semi-join that
    #: reads the whole table; with the array of ``ctid``s it fetches exactly those rows (a TID scan)
    array: bool = False

    def slice_sql(self) -> str:
        """DELETE of the oldest ``?`` expired rows (parameters: cutoff, extra, limit)."""
        where = f"{self.column} < ?" + (f" AND {self.extra}" if self.extra else "")
        oldest = (f"SELECT {self.key.strip('()')} FROM {self.table} WHERE {where} "
                  f"ORDER BY {self.column} LIMIT ?")
        if self.array:
            return f"DELETE FROM {self.table} WHERE {self.key} = ANY(ARRAY({oldest}))"
        return f"DELETE FROM {self.table} WHERE {self.key} IN ({oldest})"


@dataclass(frozen=True, slots=True)
class RetentionRun:
    """What one call of :func:`delete_expired` did."""

    deleted: int
    slices: int
    longest_s: float     # the longest single transaction
    done: bool           # False: the time budget ran out first (call again)


def pause_between_slices(seconds: float) -> None:
    """Let others write between two slices (tests put a writer of their own here)."""
    time.sleep(seconds)


def delete_expired(db: Connection, rules: list[Expiring], cutoff: int, *, slice_rows: int = SLICE_ROWS,
                   budget_s: float | None = None,
                   clock: Callable[[], float] = time.monotonic) -> RetentionRun:
    """Delete what ``rules`` say expired before ``cutoff`` (unix seconds), table by table in the given
    order, ``slice_rows`` per transaction, until nothing is left or ``budget_s`` is spent (checked after
    each full slice: a call always gets on by one, and a table whose slice came back short is done)."""
    started = clock()
    deleted = slices = 0
    longest = 0.0
    for rule in rules:
        sql = rule.slice_sql()
        args = (cutoff, *rule.extra_args, slice_rows)
        while True:
            t = clock()
            with transaction(db):
                n = db.execute(sql, args).rowcount
            took = clock() - t
            longest = max(longest, took)
            slices += 1
            deleted += max(0, n)
            if n < slice_rows:
                break  # this table is done
            if budget_s is not None and clock() - started >= budget_s:
                return RetentionRun(deleted, slices, longest, False)
            pause_between_slices(min(took, MAX_PAUSE_S))
    return RetentionRun(deleted, slices, longest, True)
