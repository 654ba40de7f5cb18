"""PostgreSQL schema of the store and its migrations: the same tables and indexes as the SQLite schema
(``newsroom.store.schema``), unix seconds as BIGINT, JSON records as TEXT.

A PostgreSQL store starts at version 3, the shape of SQLite's version 3 (there were no older PostgreSQL
stores). Adding a version is one entry in :data:`STEPS`: its script runs in one transaction with the
new version number in ``newsroom_schema``. Rows carry a ``seq`` identity column where the SQLite store
orders by ``rowid`` (insertion order)."""

from __future__ import annotations

#: version -> the DDL that brings the previous version up to it
STEPS: dict[int, str] = {
    3: """
CREATE TABLE mentions (
    seq BIGINT GENERATED ALWAYS AS IDENTITY,
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    url TEXT NOT NULL DEFAULT '',
    canonical_url TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    published BIGINT NOT NULL,               -- unix seconds, UTC
    lang TEXT,
    searches TEXT NOT NULL DEFAULT '',       -- names joined by U+001F
    sentiment_label TEXT,
    sentiment_score DOUBLE PRECISION,
    sentiment_confidence DOUBLE PRECISION,
    topic BIGINT,
    engagement BIGINT NOT NULL DEFAULT 0,
    duplicate_of TEXT,
    flags TEXT NOT NULL DEFAULT ''
);
-- seq in the index: the newest-first reads (ORDER BY published DESC, seq DESC LIMIT n) walk it backwards
CREATE INDEX mentions_published ON mentions(published, seq);
CREATE UNIQUE INDEX mentions_canonical ON mentions(canonical_url) WHERE canonical_url != '';
CREATE INDEX mentions_topic ON mentions(topic, seq);

CREATE TABLE counts (
    scope TEXT NOT NULL,                     -- 'wall', 'search' or 'topic'
    key TEXT NOT NULL,
    minute BIGINT NOT NULL,                  -- unix seconds of the minute's start
    total BIGINT NOT NULL DEFAULT 0,
    negative BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (scope, key, minute)
);
CREATE INDEX counts_minute ON counts(minute);

CREATE TABLE source_state (
    source TEXT NOT NULL,
    search TEXT NOT NULL,
    state TEXT NOT NULL,                     -- JSON
    last_poll BIGINT,
    PRIMARY KEY (source, search)
);

CREATE TABLE source_health (
    source TEXT PRIMARY KEY,
    health TEXT NOT NULL                     -- JSON
);

CREATE TABLE alerts (
    id TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    started BIGINT NOT NULL,
    updated BIGINT NOT NULL,
    record TEXT NOT NULL                     -- JSON of the SpikeAlert
);
CREATE INDEX alerts_state ON alerts(state);
CREATE INDEX alerts_updated ON alerts(updated);

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE deliveries (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    alert_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    severity BIGINT NOT NULL,
    state TEXT NOT NULL,
    at BIGINT NOT NULL,                      -- unix seconds, UTC
    outcome TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX deliveries_alert ON deliveries(alert_id, channel);
CREATE INDEX deliveries_at ON deliveries(at);

INSERT INTO meta (key, value) VALUES ('topic_id_high', '0');
""",
    # walls that read: the live topics as the wall shows them, and the change counter that wakes them
    4: """
CREATE TABLE topic_summaries (
    topic BIGINT PRIMARY KEY,
    rank BIGINT NOT NULL,                    -- 0 = the biggest live topic
    record TEXT NOT NULL,                    -- JSON of the TopicState: label and terms with phrases applied
    updated BIGINT NOT NULL                  -- unix seconds, UTC
);
INSERT INTO meta (key, value) VALUES ('change', '0') ON CONFLICT (key) DO NOTHING;
""",
    # a topic's newest mentions without reading all of them (the crisis view)
    5: """
CREATE INDEX mentions_topic_published ON mentions(topic, published);
""",
    # the names the wall's stories pass gave topics that had ended (the briefing, the history)
    6: """
CREATE TABLE topic_names (
    topic BIGINT PRIMARY KEY,
    label TEXT NOT NULL,
    updated BIGINT NOT NULL                  -- unix seconds, UTC
);
""",
    # the mention a reply answers (Mention.reply_to); NULL for older rows and posts that answer nothing
    7: """
ALTER TABLE mentions ADD COLUMN reply_to TEXT;
""",
}

#: the newest version this app writes
SCHEMA_VERSION = max(STEPS)
#: the table that holds the version (one row)
VERSION_TABLE = "newsroom_schema"
#: every table of the store (roles grant on them)
TABLES = ("mentions", "counts", "source_state", "source_health", "alerts", "meta", "deliveries",
          "topic_names", VERSION_TABLE)


def steps_after(version: int, target: int = SCHEMA_VERSION) -> list[tuple[int, str]]:
    """The steps that bring ``version`` up to ``target``, in order (a new database runs them all)."""
    return [(v, STEPS[v]) for v in sorted(STEPS) if version < v <= target]
