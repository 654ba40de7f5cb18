"""``transaction``: the store's one way to run a block in a transaction (a real SQLite file, read back
through a second connection)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsroom.store.sql import transaction


def connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)  # autocommit: BEGIN … COMMIT are explicit


def test_a_block_that_ends_is_committed_and_one_that_raises_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "t.sqlite3"
    db, other = connect(path), connect(path)
    try:
        db.execute("CREATE TABLE t (x INTEGER)")
        with transaction(db):
            db.execute("INSERT INTO t VALUES (1)")
            db.execute("INSERT INTO t VALUES (2)")
        assert other.execute("SELECT x FROM t ORDER BY x").fetchall() == [(1,), (2,)]
        def half_way() -> None:
            with transaction(db):
                db.execute("INSERT INTO t VALUES (3)")
                raise ValueError("half way")

        with pytest.raises(ValueError, match="half way"):
            half_way()
        assert not db.in_transaction
        assert other.execute("SELECT x FROM t ORDER BY x").fetchall() == [(1,), (2,)]
        def failing_statement() -> None:
            with transaction(db):
                db.execute("CREATE TABLE u (x INTEGER NOT NULL)")
                db.execute("INSERT INTO u VALUES (NULL)")

        with pytest.raises(sqlite3.IntegrityError):  # a failing statement: the same
            failing_statement()
        assert not db.in_transaction
        assert other.execute("SELECT name FROM sqlite_master WHERE name = 'u'").fetchall() == []
    finally:
        db.close()
        other.close()
