"""A private SQLite copy of any store, made through a read-only connection: what ``newsroom screenshot``
rebuilds its wall from when the store is a shared PostgreSQL database (an SQLite file is copied whole
with SQLite's backup API instead, ``newsroom.pipeline.stored``)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from newsroom.store.mention_rows import COLUMNS, WIDTH
from newsroom.store.store import Store

#: rows per read and write
CHUNK = 5000
#: (table, columns, order) copied whole; mentions are copied from a moment on (see ``copy_to_sqlite``)
_TABLES = (
    ("counts", "scope, key, minute, total, negative", "scope, key, minute"),
    ("source_state", "source, search, state, last_poll", "source, search"),
    ("source_health", "source, health", "source"),
    ("alerts", "id, state, started, updated, record", "started, id"),
    ("topic_summaries", "topic, rank, record, updated", "rank, topic"),
    ("topic_names", "topic, label, updated", "topic"),
    ("meta", "key, value", "key"),
)
#: what a copied row does to a row the new file already has (its own meta rows: the source's win)
_ON_CONFLICT = {"meta": "ON CONFLICT (key) DO UPDATE SET value = excluded.value"}


def _chunks(source: Store, sql: str, args: tuple[object, ...]) -> Iterator[list[Any]]:
    """Rows of ``sql`` (which ends in ORDER BY …) in chunks, by offset (a read-only session: no cursor
    is kept open between reads)."""
    offset = 0
    while True:
        rows = source._db.execute(f"{sql} LIMIT ? OFFSET ?", (*args, CHUNK, offset)).fetchall()
        if not rows:
            return
        yield rows
        offset += len(rows)


def copy_to_sqlite(source: Store, target: Path, *, mentions_since: datetime) -> Store:
    """A new SQLite store at ``target`` holding ``source``'s counts, source state and health, alerts,
    topic summaries and meta values, and its mentions published at or after ``mentions_since`` (in the
    order they were stored); returns it open."""
    copy = Store.open(target)
    db = copy._db
    try:
        for table, columns, order in _TABLES:
            marks = ",".join("?" * (columns.count(",") + 1))
            for rows in _chunks(source, f"SELECT {columns} FROM {table} ORDER BY {order}", ()):
                db.execute("BEGIN")
                conflict = _ON_CONFLICT.get(table, "ON CONFLICT DO NOTHING")
                db.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks}) {conflict}", rows)
                db.execute("COMMIT")
        marks = ",".join("?" * WIDTH)
        sql = f"SELECT {COLUMNS} FROM mentions WHERE published >= ? ORDER BY published, {source._SEQ}"
        for rows in _chunks(source, sql, (int(mentions_since.timestamp()),)):
            db.execute("BEGIN")
            db.executemany(f"INSERT INTO mentions ({COLUMNS}) VALUES ({marks}) ON CONFLICT DO NOTHING", rows)
            db.execute("COMMIT")
    except BaseException:
        copy.close()
        raise
    return copy
