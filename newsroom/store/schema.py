"""SQLite schema of the store and its migrations (one function per version step)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

SCHEMA_VERSION = 2

_V1 = """
CREATE TABLE mentions (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    url TEXT NOT NULL DEFAULT '',
    canonical_url TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    published INTEGER NOT NULL,          -- unix seconds, UTC
    lang TEXT,
    searches TEXT NOT NULL DEFAULT '',   -- names joined by U+001F
    sentiment_label TEXT,
    sentiment_score REAL,
    sentiment_confidence REAL,
    topic INTEGER,
    engagement INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX mentions_published ON mentions(published);
CREATE UNIQUE INDEX mentions_canonical ON mentions(canonical_url) WHERE canonical_url != '';
CREATE INDEX mentions_topic ON mentions(topic);

CREATE TABLE counts (
    scope TEXT NOT NULL,                 -- 'wall', 'search' or 'topic'
    key TEXT NOT NULL,
    minute INTEGER NOT NULL,             -- unix seconds of the minute's start
    total INTEGER NOT NULL DEFAULT 0,
    negative INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (scope, key, minute)
) WITHOUT ROWID;
CREATE INDEX counts_minute ON counts(minute);

CREATE TABLE source_state (
    source TEXT NOT NULL,
    search TEXT NOT NULL,
    state TEXT NOT NULL,                 -- JSON
    last_poll INTEGER,
    PRIMARY KEY (source, search)
) WITHOUT ROWID;

CREATE TABLE source_health (
    source TEXT PRIMARY KEY,
    health TEXT NOT NULL                 -- JSON
) WITHOUT ROWID;

CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    started INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    record TEXT NOT NULL                 -- JSON of the SpikeAlert
);
CREATE INDEX alerts_state ON alerts(state);
"""

_V2 = """
ALTER TABLE mentions ADD COLUMN duplicate_of TEXT;
ALTER TABLE mentions ADD COLUMN flags TEXT NOT NULL DEFAULT '';
CREATE INDEX alerts_updated ON alerts(updated);
"""


def _to_v1(db: sqlite3.Connection) -> None:
    db.executescript(_V1)


def _to_v2(db: sqlite3.Connection) -> None:
    db.executescript(_V2)


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _to_v1, 2: _to_v2}


def migrate(db: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the database up to ``target`` (``PRAGMA user_version``); returns the old version."""
    old = int(db.execute("PRAGMA user_version").fetchone()[0])
    if old > SCHEMA_VERSION:
        raise RuntimeError(
            f"the store was written by a newer Newsroom Wall (schema {old}, this one knows {SCHEMA_VERSION})"
        )
    for version in range(old + 1, target + 1):
        with db:
            MIGRATIONS[version](db)
            db.execute(f"PRAGMA user_version = {version}")
    return old
