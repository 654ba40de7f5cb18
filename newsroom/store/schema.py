"""SQLite schema of the store and its migrations (one function per version step)."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable

log = logging.getLogger("newsroom.store.schema")

SCHEMA_VERSION = 7

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

# v3: what must survive a restart (topic id high-water mark, alert deliveries); housekeeping times
_V3 = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE deliveries (
    alert_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    severity INTEGER NOT NULL,           -- the severity told (or decided not to tell)
    state TEXT NOT NULL,                 -- the alert's state then: raised, ongoing, resolved
    at INTEGER NOT NULL,                 -- unix seconds, UTC
    outcome TEXT NOT NULL,               -- 'sending', 'sent', 'quiet', 'capped' or 'failed'
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX deliveries_alert ON deliveries(alert_id, channel);
CREATE INDEX deliveries_at ON deliveries(at);

-- topic ids are never reused: the next one handed out is above every id ever stored
INSERT INTO meta (key, value)
    SELECT 'topic_id_high', CAST(COALESCE(MAX(topic), 0) AS TEXT) FROM mentions;
"""

# v4: walls that read build their picture from the store: the live topics as the wall shows them (written
# by the collector after each change) and a change counter (the meta row 'change') that wakes them
_V4 = """
CREATE TABLE topic_summaries (
    topic INTEGER PRIMARY KEY,
    rank INTEGER NOT NULL,               -- 0 = the biggest live topic
    record TEXT NOT NULL,                -- JSON of the TopicState: label and terms with phrases applied
    updated INTEGER NOT NULL             -- unix seconds, UTC
);
INSERT INTO meta (key, value) VALUES ('change', '0') ON CONFLICT (key) DO NOTHING;
"""

# v5: a topic's newest mentions without reading all of them (the crisis view's newest negative posts:
# at a million mentions one crisis topic holds hundreds of thousands)
_V5 = """
CREATE INDEX mentions_topic_published ON mentions(topic, published);
"""


class NewerSchemaError(RuntimeError):
    """The file was written by a newer version of the app; this one must not touch it."""

    def __init__(self, found: int, known: int) -> None:
        super().__init__(
            f"the store was written by a newer Newsroom Wall (schema {found}); this version reads up to "
            f"{known}: update the app or point --basedir elsewhere")
        self.found = found
        self.known = known


#: the script of each version step (run in one transaction with the new ``user_version``)
# v6: the names the wall's stories pass gave topics that had ended (retired: no live title), for the
# briefing and the history (a live topic's name is in its summary)
_V6 = """
CREATE TABLE topic_names (
    topic INTEGER PRIMARY KEY,
    label TEXT NOT NULL,
    updated INTEGER NOT NULL             -- unix seconds, UTC
);
"""

# v7: the mention a reply answers (``Mention.reply_to``), as the source gives it; NULL for the rows of
# older versions and for posts that answer nothing
_V7 = """
ALTER TABLE mentions ADD COLUMN reply_to TEXT;
"""

SCRIPTS: dict[int, str] = {1: _V1, 2: _V2, 3: _V3, 4: _V4, 5: _V5, 6: _V6, 7: _V7}


def _step(script: str) -> Callable[[sqlite3.Connection], None]:
    def run(db: sqlite3.Connection) -> None:
        db.executescript(script)
    return run


#: each version step as a function (tests build old files with them)
MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {v: _step(s) for v, s in SCRIPTS.items()}
#: ``PRAGMA auto_vacuum`` value of INCREMENTAL
AUTO_VACUUM_INCREMENTAL = 2


def version_of(db: sqlite3.Connection) -> int:
    """The schema version of an open database (``PRAGMA user_version``)."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def check_readable(version: int) -> None:
    """Raise :class:`NewerSchemaError` when this version cannot read a store of ``version``."""
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(version, SCHEMA_VERSION)


def migrate(db: sqlite3.Connection, target: int = SCHEMA_VERSION) -> int:
    """Bring the database up to ``target`` (``PRAGMA user_version``), one transaction per step, and
    make sure space is given back incrementally (``auto_vacuum=INCREMENTAL``: a one-off VACUUM for a
    file made without it). Returns the old version. ``db`` must be in autocommit mode."""
    old = version_of(db)
    check_readable(old)
    if old == 0:  # a new file: set before the first table, no VACUUM needed
        db.execute(f"PRAGMA auto_vacuum = {AUTO_VACUUM_INCREMENTAL}")
    for version in range(old + 1, target + 1):
        db.executescript(f"BEGIN;\n{SCRIPTS[version]}\nPRAGMA user_version = {version};\nCOMMIT;")
    if int(db.execute("PRAGMA auto_vacuum").fetchone()[0]) != AUTO_VACUUM_INCREMENTAL:
        db.execute(f"PRAGMA auto_vacuum = {AUTO_VACUUM_INCREMENTAL}")
        try:
            db.execute("VACUUM")  # takes effect only through a VACUUM; once per file
        except sqlite3.OperationalError as exc:  # e.g. no room for the copy it makes: try next start
            log.warning("the store could not be compacted (%s); it works as before and is tried again "
                        "at the next start", exc)
    return old
