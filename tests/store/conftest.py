"""Stores on both engines: ``store_location`` is an SQLite file or a fresh PostgreSQL database (the
session's throwaway server, tests/pg_cluster.py), ``any_store`` the store opened there."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsroom.store import Store, open_store

ENGINES = ("sqlite", "postgresql")


@pytest.fixture(params=ENGINES)
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """Where a new store goes: a file path (SQLite) or a ``postgresql://`` URL of an empty database."""
    if request.param == "sqlite":
        return tmp_path / "data" / "store.sqlite3"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def any_store(store_location: str | Path) -> Iterator[Store]:
    """A new store on each engine."""
    s = open_store(store_location)
    yield s
    s.close()
