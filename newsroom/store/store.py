"""The store: mentions, per-minute counts, source state and health, alerts and small meta values.

:class:`Store` is the embedded engine (one SQLite file in WAL mode, used by one thread) and holds every
query, written in SQL both engines run (``?`` placeholders, ``INSERT … ON CONFLICT``); what differs per
engine (connecting, migrations, maintenance, closing) is overridden by the PostgreSQL engine's
:class:`~newsroom.store.postgres.PgStore`. Open either with :func:`newsroom.store.open_store`."""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType

from newsroom.domain import (
    AlertState,
    Mention,
    Polarity,
    Sentiment,
    Series,
    SourceHealth,
    SpikeAlert,
    TopicState,
)
from newsroom.sources.base import SourceState
from newsroom.store import retention
from newsroom.store.codec import (
    alert_from_json,
    alert_to_json,
    health_from_json,
    health_to_json,
    topic_from_json,
    topic_to_json,
)
from newsroom.store.schema import AUTO_VACUUM_INCREMENTAL, SCHEMA_VERSION, check_readable, migrate, version_of
from newsroom.store.sql import Connection, transaction

log = logging.getLogger("newsroom.store")

_SEP = "\x1f"
_COLUMNS = (
    "id, source, url, canonical_url, author, title, text, published, lang, searches, "
    "sentiment_label, sentiment_score, sentiment_confidence, topic, engagement, duplicate_of, flags"
)
#: where ``published`` is in a row of ``_COLUMNS``
_PUBLISHED = 7
_CountKey = tuple[str, str, int]
#: how often the store is tidied (``PRAGMA optimize`` and an incremental vacuum)
MAINTENANCE_EVERY = timedelta(days=7)
#: pages given back to the file system per incremental vacuum (4 KiB each: up to 400 MB a week)
VACUUM_PAGES = 100_000
#: keys summed by one statement of ``Store.bucketed_count_rows``
KEYS_PER_READ = 100
#: how often ``wait_change`` reads the change counter
WAIT_POLL_S = 0.25


def _minute(dt: datetime) -> int:
    ts = int(dt.timestamp())
    return ts - ts % 60


def bucket_range(since: datetime, until: datetime, step_s: int) -> tuple[int, int]:
    """The unix seconds ``[start, end)`` of the whole ``step_s`` buckets from ``since``'s minute on
    that hold everything up to ``until``."""
    start = _minute(since)
    n = max(0, -(-(int(until.timestamp()) - start) // step_s))
    return start, start + n * step_s


def series_of(rows: Iterable[tuple[int, int, int]], since: datetime, until: datetime,
              step_s: int) -> tuple[Series, Series]:
    """(total, negative) series in ``step_s`` buckets from ``since`` up to ``until``, zero-filled, from
    count rows (``Store.count_rows``) that may reach beyond that range."""
    start, end = bucket_range(since, until, step_s)
    n = (end - start) // step_s
    total = [0.0] * n
    negative = [0.0] * n
    for minute, t, neg in rows:
        if start <= minute < end:
            i = (minute - start) // step_s
            total[i] += t
            negative[i] += neg
    begin = datetime.fromtimestamp(start, UTC)
    return Series(begin, step_s, tuple(total)), Series(begin, step_s, tuple(negative))


def _row(m: Mention) -> tuple[object, ...]:
    s = m.sentiment
    return (
        m.id, m.source, m.url, m.canonical_url, m.author, m.title, m.text,
        int(m.published.timestamp()), m.lang, _SEP.join(m.searches),
        s.label.value if s else None, s.score if s else None, s.confidence if s else None,
        m.topic, m.engagement, m.duplicate_of, _SEP.join(m.flags),
    )


def _mention(r: Sequence[object]) -> Mention:
    label, score, conf = r[10], r[11], r[12]
    sentiment = None
    if label is not None:
        sentiment = Sentiment(Polarity(str(label)), float(score or 0.0), float(conf or 0.0))  # type: ignore[arg-type]
    return Mention(
        id=str(r[0]), source=str(r[1]), url=str(r[2]), canonical_url=str(r[3]), author=str(r[4]),
        title=str(r[5]), text=str(r[6]), published=datetime.fromtimestamp(int(r[7]), UTC),  # type: ignore[call-overload]
        lang=str(r[8]) if r[8] is not None else None,
        searches=tuple(s for s in str(r[9]).split(_SEP) if s),
        sentiment=sentiment, topic=int(r[13]) if r[13] is not None else None,  # type: ignore[call-overload]
        engagement=int(r[14] or 0),  # type: ignore[call-overload]
        duplicate_of=str(r[15]) if r[15] is not None else None,
        flags=tuple(f for f in str(r[16] or "").split(_SEP) if f),
    )


def _count_keys(m: Mention) -> list[tuple[str, str]]:
    keys = [("wall", "wall")] + [("search", s) for s in m.searches]
    if m.topic is not None:
        keys.append(("topic", str(m.topic)))
    return keys


class Store:
    """Mentions, per-minute counts, source state and health, and alerts in one SQLite file (the
    PostgreSQL engine is a subclass: :class:`~newsroom.store.postgres.PgStore`)."""

    #: ``"sqlite"`` or ``"postgresql"``
    engine = "sqlite"
    #: the column that orders rows as they were inserted (a tie-break after the publication time)
    _SEQ = "rowid"

    def __init__(self, db: Connection, path: Path) -> None:
        self._db = db
        self.path = path
        #: what the last :meth:`apply_retention` did (None before the first)
        self.last_retention: retention.RetentionRun | None = None

    @property
    def location(self) -> str:
        """Where the store is, fit to show and log: the file's path (PostgreSQL: the URL without its
        password)."""
        return str(self.path)

    @property
    def target(self) -> str | Path:
        """What :func:`~newsroom.store.open_store` takes to open this store again (a PostgreSQL URL may
        hold a password: never show or log it, show :attr:`location`)."""
        return self.path

    def _sqlite(self) -> sqlite3.Connection:
        """The SQLite connection, for what only SQLite has (pragmas, the backup API)."""
        if not isinstance(self._db, sqlite3.Connection):
            raise TypeError(f"{self.engine} store has no SQLite connection")
        return self._db

    def reopen(self, *, read_only: bool = False) -> Store:
        """A second connection to the same store (another thread's; never creates or migrates when
        ``read_only``)."""
        from newsroom.store.opening import open_store

        return open_store(self.path, read_only=read_only)

    @classmethod
    def open_or_recover(cls, path: Path) -> tuple[Store, Path | None]:
        """Open the store; a file SQLite cannot read is moved aside (with its -wal and -shm, nothing is
        deleted) and a new store is started. Returns the store and where the damaged file went."""
        try:
            return cls.open(path), None
        except sqlite3.OperationalError:
            raise  # locked, disk full, no permission: the file itself is fine, never move it aside
        except sqlite3.DatabaseError as exc:
            stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            kept = path.with_name(f"{path.name}.corrupt-{stamp}")
            for suffix in ("", "-wal", "-shm"):
                part = Path(f"{path}{suffix}")
                if part.exists():
                    part.rename(Path(f"{kept}{suffix}"))
            log.error("store %s cannot be read (%s); moved to %s, starting a new store", path, exc, kept)
            return cls.open(path), kept

    @classmethod
    def open(cls, path: Path) -> Store:
        """Open (creating and migrating as needed) the store at ``path``. Before a schema upgrade the
        file is backed up next to it (``NAME.v2-backup-STAMP``), then migrated in place. A store of a
        newer version raises :class:`~newsroom.store.schema.NewerSchemaError` and is left untouched."""
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA busy_timeout=5000")
            old = version_of(db)
            check_readable(old)
            if 0 < old < SCHEMA_VERSION:
                backup(db, path, old)
            db.execute(f"PRAGMA auto_vacuum = {AUTO_VACUUM_INCREMENTAL}")  # a new file: before any table
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            old = migrate(db)
        except (sqlite3.DatabaseError, RuntimeError):
            db.close()
            raise
        if old and old < SCHEMA_VERSION:
            log.info("migrated store %s from schema %d to %d", path, old, SCHEMA_VERSION)
        return cls(db, path)

    def close(self) -> None:
        """Close the connection (checkpointing the WAL)."""
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, et: type[BaseException] | None, ev: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """The ``PRAGMA user_version`` of the file."""
        return version_of(self._sqlite())

    # --- meta: small values that must survive a restart -------------------------------------

    def get_meta(self, key: str) -> str | None:
        """A value kept under ``key``; None when there is none."""
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row is not None else None

    def set_meta(self, key: str, value: str) -> None:
        """Keep ``value`` under ``key`` (committed at once)."""
        self._db.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                         "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    def highest_topic(self) -> int:
        """The highest topic id any stored mention has (0 when none)."""
        row = self._db.execute("SELECT MAX(topic) FROM mentions").fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    # --- mentions ---------------------------------------------------------------------------

    def filter_new(self, mentions: Iterable[Mention]) -> list[Mention]:
        """Mentions whose id and canonical URL are not stored yet (first of in-batch duplicates)."""
        batch = list(mentions)
        if not batch:
            return []
        ids = {m.id for m in batch}
        urls = {m.canonical_url for m in batch if m.canonical_url}
        known_ids = self._existing("id", ids)
        known_urls = self._existing("canonical_url", urls)
        out: list[Mention] = []
        for m in batch:
            if m.id in known_ids or (m.canonical_url and m.canonical_url in known_urls):
                continue
            known_ids.add(m.id)
            if m.canonical_url:
                known_urls.add(m.canonical_url)
            out.append(m)
        return out

    def _existing(self, column: str, values: set[str]) -> set[str]:
        found: set[str] = set()
        items = list(values)
        for i in range(0, len(items), 500):
            chunk = items[i:i + 500]
            marks = ",".join("?" * len(chunk))
            # the canonical URL index leaves out empty URLs: the query must say so to be able to use it
            where = f"{column} IN ({marks})"
            if column == "canonical_url":
                where += " AND canonical_url != ''"
            sql = f"SELECT {column} FROM mentions WHERE {where}"
            found.update(r[0] for r in self._db.execute(sql, chunk))
        return found

    def add_mentions(self, mentions: Iterable[Mention]) -> int:
        """Store new mentions and count them per minute; returns how many were new.

        Near-duplicate copies (``duplicate_of`` set) are stored but not counted.
        """
        fresh = self.filter_new(mentions)
        if not fresh:
            return 0
        deltas: Counter[_CountKey] = Counter()
        negatives: Counter[_CountKey] = Counter()
        for m in fresh:
            if m.duplicate_of:
                continue
            minute = _minute(m.published)
            for scope, key in _count_keys(m):
                deltas[(scope, key, minute)] += 1
                if m.is_negative:
                    negatives[(scope, key, minute)] += 1
        with transaction(self._db):
            self._db.executemany(
                f"INSERT INTO mentions ({_COLUMNS}) VALUES ({','.join('?' * 17)}) ON CONFLICT DO NOTHING",
                [_row(m) for m in fresh],
            )
            self._apply_counts(deltas, negatives)
        return len(fresh)

    def _apply_counts(self, totals: Counter[_CountKey], negatives: Counter[_CountKey]) -> None:
        keys = sorted(set(totals) | set(negatives))
        self._db.executemany(
            "INSERT INTO counts (scope, key, minute, total, negative) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(scope, key, minute) DO UPDATE SET "
            "total = counts.total + excluded.total, negative = counts.negative + excluded.negative",
            [(s, k, mi, totals[(s, k, mi)], negatives[(s, k, mi)]) for (s, k, mi) in keys],
        )
        emptied = [k for k in keys if totals[k] < 0 or negatives[k] < 0]  # only a decrease can empty a row
        if emptied:
            self._db.executemany("DELETE FROM counts WHERE scope = ? AND key = ? AND minute = ? "
                                 "AND total <= 0 AND negative <= 0", emptied)

    def set_topics(self, assignments: Mapping[str, int]) -> None:
        """(Re)assign stored mentions to topics, moving their topic counts along."""
        if not assignments:
            return
        totals: Counter[_CountKey] = Counter()
        negatives: Counter[_CountKey] = Counter()
        ids = list(assignments)
        rows: list[tuple[str, int | None, int, str | None, str | None]] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            rows += self._db.execute(
                "SELECT id, topic, published, sentiment_label, duplicate_of FROM mentions "
                f"WHERE id IN ({marks})", chunk).fetchall()
        for mid, old, published, label, dup in rows:
            new = assignments[mid]
            if old == new or dup:
                continue
            minute = published - published % 60
            neg = int(label == Polarity.NEGATIVE.value)
            if old is not None:
                totals[("topic", str(old), minute)] -= 1
                negatives[("topic", str(old), minute)] -= neg
            totals[("topic", str(new), minute)] += 1
            negatives[("topic", str(new), minute)] += neg
        with transaction(self._db):
            self._db.executemany("UPDATE mentions SET topic = ? WHERE id = ?",
                                 [(t, mid) for mid, t in assignments.items()])
            self._apply_counts(totals, negatives)

    def merge_topics(self, src: int, dst: int) -> None:
        """Move every mention and count of topic ``src`` into ``dst``."""
        ids = [r[0] for r in self._db.execute("SELECT id FROM mentions WHERE topic = ?", (src,))]
        self.set_topics(dict.fromkeys(ids, dst))

    def counts(self, scope: str, key: str, since: datetime, until: datetime,
               step_s: int = 60) -> tuple[Series, Series]:
        """(total, negative) series in ``step_s`` buckets from ``since`` up to ``until``, zero-filled."""
        start, end = bucket_range(since, until, step_s)
        if step_s == 60:  # a minute's bucket is the minute: nothing to sum
            return series_of(self.count_rows(scope, key, start, end), since, until, step_s)
        rows = self.bucketed_count_rows(scope, [key], start, end, step_s, end)  # summed in the database
        return series_of(rows.get(key, []), since, until, step_s)

    def count_rows(self, scope: str, key: str, start: int, end: int) -> list[tuple[int, int, int]]:
        """The stored minutes ``(minute, total, negative)`` of one key, ``start`` <= minute < ``end``
        (unix seconds): one read that :func:`series_of` can cut into several series."""
        return [(int(m), int(t), int(n)) for m, t, n in self._db.execute(
            "SELECT minute, total, negative FROM counts WHERE scope = ? AND key = ? AND minute >= ? "
            "AND minute < ?", (scope, key, start, end))]

    def bucketed_count_rows(self, scope: str, keys: Sequence[str], start: int, end: int, step_s: int,
                            fine_from: int) -> dict[str, list[tuple[int, int, int]]]:
        """The rows of :meth:`count_rows` of every key in ``keys``, summed in the database: the minutes
        before ``fine_from`` per ``step_s`` bucket from ``start`` on (a row at its bucket's start),
        those from ``fine_from`` on minute by minute (unix seconds; ``start`` a whole minute). For every
        series whose ``step_s`` buckets lie on the same grid as ``start``'s, and every series of finer
        buckets from ``fine_from`` on, :func:`series_of` gives from them what it gives from the minutes:
        the wall reads a week of ten-minute buckets instead of ten thousand minutes per key. Keys go
        KEYS_PER_READ to a statement; keys without counts are left out."""
        found: dict[str, list[tuple[int, int, int]]] = {}
        unique = sorted(set(keys))
        for i in range(0, len(unique), KEYS_PER_READ):
            part = unique[i:i + KEYS_PER_READ]
            marks = ", ".join("?" * len(part))
            for k, b, t, n in self._db.execute(
                    "SELECT key, CASE WHEN minute >= ? THEN minute ELSE ? + (minute - ?) / ? * ? END, "
                    f"SUM(total), SUM(negative) FROM counts WHERE scope = ? AND key IN ({marks}) "
                    "AND minute >= ? AND minute < ? GROUP BY 1, 2 ORDER BY 1, 2",
                    (fine_from, start, start, step_s, step_s, scope, *part, start, end)):
                found.setdefault(str(k), []).append((int(b), int(t), int(n)))
        return found

    def topic_searches(self, topic: int, sample: int = 2000) -> dict[str, int]:
        """How many of a topic's newest ``sample`` mentions each search found (a bounded walk of the
        topic index, cheap also for a topic of a million mentions)."""
        found: dict[str, int] = {}
        for (joined,) in self._db.execute(
                f"SELECT searches FROM mentions WHERE topic = ? ORDER BY {self._SEQ} DESC LIMIT ?",
                (topic, sample)):
            for name in str(joined).split(_SEP):
                if name:
                    found[name] = found.get(name, 0) + 1
        return found

    def latest_mentions(self, limit: int) -> list[Mention]:
        """The newest mentions, newest first (near-duplicate copies left out)."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM mentions WHERE duplicate_of IS NULL "
            f"ORDER BY published DESC, {self._SEQ} DESC LIMIT ?", (limit,))
        return [_mention(r) for r in rows]

    def latest_of_topics(self, topics: Iterable[int], limit: int, *,
                         label: str | None = None) -> list[Mention]:
        """The newest mentions of these topics (only those scored ``label`` when given), newest first,
        near-duplicate copies left out."""
        sql = f"SELECT {_COLUMNS}, {self._SEQ} FROM mentions WHERE topic = ? AND duplicate_of IS NULL"
        if label is not None:
            sql += " AND sentiment_label = ?"
        sql += f" ORDER BY published DESC, {self._SEQ} DESC LIMIT ?"
        rows: list[Sequence[object]] = []
        for topic in sorted(set(topics)):  # each topic from its newest back (mentions_topic_published)
            args = (topic, label, limit) if label is not None else (topic, limit)
            rows += self._db.execute(sql, args).fetchall()
        rows.sort(key=lambda r: (r[_PUBLISHED], r[-1]), reverse=True)
        return [_mention(r[:-1]) for r in rows[:limit]]

    def mentions_since(self, t: datetime, limit: int | None = None) -> list[Mention]:
        """Mentions published at or after ``t``, oldest first."""
        sql = f"SELECT {_COLUMNS} FROM mentions WHERE published >= ? ORDER BY published, {self._SEQ}"
        args: tuple[object, ...] = (int(t.timestamp()),)
        if limit is not None:
            sql += " LIMIT ?"
            args += (limit,)
        return [_mention(r) for r in self._db.execute(sql, args)]

    def get_mentions(self, ids: Iterable[str]) -> list[Mention]:
        """The stored mentions with these ids, in the given order."""
        wanted = list(ids)
        found: dict[str, Mention] = {}
        for i in range(0, len(wanted), 500):
            chunk = wanted[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self._db.execute(f"SELECT {_COLUMNS} FROM mentions WHERE id IN ({marks})", chunk):
                found[str(r[0])] = _mention(r)
        return [found[i] for i in wanted if i in found]

    # --- a period at once (the daily briefing) -----------------------------------------------

    def totals_by_key(self, scope: str, since: datetime, until: datetime) -> list[tuple[str, int, int]]:
        """(key, total, negative) of every ``scope`` key counted in [since, until), most mentions first
        (ties by key)."""
        rows = self._db.execute(
            "SELECT key, SUM(total), SUM(negative) FROM counts WHERE scope = ? AND minute >= ? "
            "AND minute < ? GROUP BY key HAVING SUM(total) > 0",
            (scope, _minute(since), int(until.timestamp())))
        return sorted(((str(k), int(t), int(n)) for k, t, n in rows), key=lambda r: (-r[1], r[0]))

    def topic_mentions(self, topic: int, since: datetime, until: datetime, limit: int, *,
                       by_time: bool = False) -> list[Mention]:
        """Up to ``limit`` mentions of ``topic`` published in [since, until), newest first, without
        copies. ``by_time``: walk the period from its end (quicker for a topic with a big share of it)
        instead of the topic's own mentions."""
        column = "+topic" if by_time else "topic"
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM mentions WHERE {column} = ? AND published >= ? AND published < ? "
            f"AND duplicate_of IS NULL ORDER BY published DESC, {self._SEQ} DESC LIMIT ?",
            (topic, int(since.timestamp()), int(until.timestamp()), limit))
        return [_mention(r) for r in rows]

    def period_breakdown(self, since: datetime,
                         until: datetime) -> list[tuple[int | None, str, str, bool, int]]:
        """Mentions published in [since, until) counted per (topic, sentiment label or '', source, is a
        copy of another post), in one pass."""
        rows = self._db.execute(
            "SELECT topic, COALESCE(sentiment_label, ''), source, duplicate_of IS NOT NULL, COUNT(*) "
            "FROM mentions WHERE published >= ? AND published < ? GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
            (int(since.timestamp()), int(until.timestamp())))
        return [(None if t is None else int(t), str(label), str(source), bool(copy), int(n))
                for t, label, source, copy, n in rows]

    def newest_published(self) -> datetime | None:
        """Publication time of the newest stored mention."""
        row = self._db.execute("SELECT MAX(published) FROM mentions").fetchone()
        return datetime.fromtimestamp(row[0], UTC) if row and row[0] is not None else None

    def mention_count(self) -> int:
        """How many mentions are stored."""
        return int(self._db.execute("SELECT COUNT(*) FROM mentions").fetchone()[0])

    # --- sources ----------------------------------------------------------------------------

    def load_source_state(self, source: str, search: str) -> SourceState:
        """The incremental state of one (source, search) pair, empty when unknown."""
        row = self._db.execute("SELECT state, last_poll FROM source_state WHERE source = ? AND search = ?",
                               (source, search)).fetchone()
        if row is None:
            return SourceState()
        last = datetime.fromtimestamp(row[1], UTC) if row[1] is not None else None
        return SourceState(json.loads(row[0]), last)

    def save_source_state(self, source: str, search: str, state: SourceState) -> None:
        """Keep the incremental state of one (source, search) pair."""
        last = int(state.last_poll.timestamp()) if state.last_poll else None
        self._db.execute(
            "INSERT INTO source_state (source, search, state, last_poll) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(source, search) DO UPDATE SET "
            "state = excluded.state, last_poll = excluded.last_poll",
            (source, search, json.dumps(state.values, ensure_ascii=False), last))

    def save_health(self, h: SourceHealth) -> None:
        """Keep the health of one source."""
        self._db.execute("INSERT INTO source_health (source, health) VALUES (?, ?) "
                         "ON CONFLICT(source) DO UPDATE SET health = excluded.health",
                         (h.source, health_to_json(h)))

    def load_health(self) -> list[SourceHealth]:
        """Health of every source that was ever polled."""
        return [health_from_json(r[0]) for r in
                self._db.execute("SELECT health FROM source_health ORDER BY source")]

    # --- alerts -----------------------------------------------------------------------------

    def save_alert(self, a: SpikeAlert) -> None:
        """Insert or update an alert. An acknowledgement already stored is kept: the detector's copy
        does not know that someone pressed the key on a wall in between (also a wall of another
        process: the row is only replaced when it is still the one read, else read again)."""
        while True:
            row = self._db.execute("SELECT record FROM alerts WHERE id = ?", (a.id,)).fetchone()
            seen = None if row is None else str(row[0])
            if a.acknowledged_by is None and seen is not None:
                stored = alert_from_json(seen)
                if stored.acknowledged_by is not None:
                    a = replace(a, acknowledged_by=stored.acknowledged_by,
                                acknowledged_at=stored.acknowledged_at)
            if self._put_alert(a, seen):
                return

    def _put_alert(self, a: SpikeAlert, seen: str | None) -> bool:
        """Write ``a`` unless its row changed since it was read as ``seen`` (None: there was none);
        False when it changed (the caller reads it again)."""
        values = (a.id, a.state.value, int(a.started.timestamp()), int(a.updated.timestamp()),
                  alert_to_json(a))
        if seen is None:
            cur = self._db.execute(
                "INSERT INTO alerts (id, state, started, updated, record) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (id) DO NOTHING", values)
        else:
            cur = self._db.execute(
                "UPDATE alerts SET state = ?, started = ?, updated = ?, record = ? "
                "WHERE id = ? AND record = ?",
                (*values[1:], a.id, seen))
        return cur.rowcount > 0

    def active_alerts(self) -> list[SpikeAlert]:
        """Alerts that are raised or ongoing, most severe first."""
        active = [s.value for s in AlertState if s is not AlertState.RESOLVED]
        marks = ",".join("?" * len(active))  # IN, not !=: the state index finds them without a scan
        rows = self._db.execute(f"SELECT record FROM alerts WHERE state IN ({marks}) ORDER BY started, id",
                                active)
        alerts = [alert_from_json(r[0]) for r in rows]
        return sorted(alerts, key=lambda a: (-a.severity, a.started))

    def alerts_since(self, t: datetime) -> list[SpikeAlert]:
        """Alerts updated at or after ``t``, oldest first."""
        rows = self._db.execute("SELECT record FROM alerts WHERE updated >= ? ORDER BY started",
                                (int(t.timestamp()),))
        return [alert_from_json(r[0]) for r in rows]

    def acknowledge_alert(self, alert_id: str, by: str, at: datetime) -> SpikeAlert | None:
        """Record who acknowledged an alert and when (any wall's process may; every wall redraws: the
        change counter is bumped); None when there is no such alert."""
        while True:
            row = self._db.execute("SELECT record FROM alerts WHERE id = ?", (alert_id,)).fetchone()
            if row is None:
                return None
            alert = replace(alert_from_json(row[0]), acknowledged_by=by, acknowledged_at=at)
            if self._put_alert(alert, str(row[0])):
                break
        self.bump_change()
        log.info("alert %s acknowledged by %s", alert_id, by)
        return alert

    # --- what walls that read the store need (topic summaries, the change counter) -------------

    def save_topic_summaries(self, topics: Sequence[TopicState], at: datetime | None = None) -> None:
        """Replace the stored live topics with ``topics`` (their rank is the order given), in one
        transaction. The caller bounds the set (the collector: what a wall could show)."""
        stamp = int((at or datetime.now(UTC)).timestamp())
        with transaction(self._db):
            self._db.execute("DELETE FROM topic_summaries")
            self._db.executemany(
                "INSERT INTO topic_summaries (topic, rank, record, updated) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (topic) DO NOTHING",
                [(t.id, rank, topic_to_json(t), stamp) for rank, t in enumerate(topics)])

    def topic_summaries(self) -> list[TopicState]:
        """The live topics the collector last wrote, in its order (biggest first)."""
        rows = self._db.execute("SELECT record FROM topic_summaries ORDER BY rank, topic")
        return [topic_from_json(r[0]) for r in rows]

    def bump_change(self) -> int:
        """Count one change that walls should show (the meta row ``change``); returns the new value."""
        self._db.execute(
            "INSERT INTO meta (key, value) VALUES ('change', '1') ON CONFLICT (key) DO UPDATE SET "
            "value = CAST(CAST(meta.value AS BIGINT) + 1 AS TEXT)")
        return self.change_counter()

    def change_counter(self) -> int:
        """How many changes were counted so far (0 for a store no collector has written yet)."""
        value = self.get_meta("change")
        return int(value) if value is not None else 0

    def set_backlog(self, waiting: int) -> None:
        """How many fetched mentions the collector has not analysed and stored yet (0: it keeps up);
        written with the topic summaries, shown by every wall that reads the store."""
        self.set_meta("backlog", str(max(0, waiting)))

    def backlog(self) -> int:
        """The collector's backlog as it last wrote it (0 when it never did)."""
        value = self.get_meta("backlog")
        return int(value) if value is not None and value.isdigit() else 0

    def wait_change(self, after: int, timeout_s: float) -> int:
        """The change counter as soon as it differs from ``after``, or after ``timeout_s``; read again
        after each ``_pause_for_change``."""
        deadline = time.monotonic() + timeout_s
        while True:
            current = self.change_counter()
            left = deadline - time.monotonic()
            if current != after or left <= 0:
                return current
            self._pause_for_change(left)

    def _pause_for_change(self, left_s: float) -> None:
        """Between two reads of the change counter (SQLite: WAIT_POLL_S, at most ``left_s``)."""
        time.sleep(min(WAIT_POLL_S, left_s))

    # --- retention --------------------------------------------------------------------------

    def apply_retention(self, now: datetime, days: int, *, sources: Iterable[str] | None = None,
                        searches: Iterable[str] | None = None, budget_s: float | None = None,
                        slice_rows: int | None = None) -> int:
        """Delete mentions, counts, resolved alerts and alert deliveries older than ``days`` (from the
        whole minute before ``now - days`` back), and (when ``sources`` or ``searches`` say what is
        configured) the health and poll state of sources and searches no longer configured; returns
        rows deleted. Expired rows go in slices of ``slice_rows`` (default ``retention.SLICE_ROWS``),
        each a short transaction of its own (:mod:`newsroom.store.retention`); with ``budget_s`` it
        stops after that many seconds and :attr:`retention_pending` says that more is left for the next
        call. :attr:`last_retention` tells what the call did."""
        cutoff = _minute(now - timedelta(days=days))
        run = retention.delete_expired(self._db, self._expiring(), cutoff,
                                       slice_rows=slice_rows or retention.SLICE_ROWS, budget_s=budget_s)
        n = run.deleted
        with transaction(self._db):
            n += self._forget_unconfigured(sources, searches)
        self.last_retention = replace(run, deleted=n)
        if n:
            log.info("retention: deleted %d rows (older than %d days or no longer configured)%s", n, days,
                     "" if run.done else "; more next time")
        return n

    @property
    def retention_pending(self) -> bool:
        """True when the last :meth:`apply_retention` stopped at its time budget with rows left."""
        return self.last_retention is not None and not self.last_retention.done

    def _expiring(self) -> list[retention.Expiring]:
        """What retention deletes, table by table (SQLite: rows named by their rowid)."""
        return [
            retention.Expiring("mentions", "published", "rowid"),
            retention.Expiring("counts", "minute", "(scope, key, minute)"),
            retention.Expiring("alerts", "updated", "id", "state = ?", (AlertState.RESOLVED.value,)),
            retention.Expiring("deliveries", "at", "rowid"),
        ]

    def _forget_unconfigured(self, sources: Iterable[str] | None, searches: Iterable[str] | None) -> int:
        n = 0
        configured = sorted(set(sources)) if sources is not None else None
        searched = sorted(set(searches)) if searches is not None else None
        for table, column, names in (("source_health", "source", configured),
                                     ("source_state", "source", configured),
                                     ("source_state", "search", searched)):
            if names is None:
                continue
            # NOT IN () is SQLite's only: with nothing configured, every row goes
            where = f" WHERE {column} NOT IN ({','.join('?' * len(names))})" if names else ""
            n += self._db.execute(f"DELETE FROM {table}{where}", names).rowcount
        return n

    def refresh_statistics(self) -> None:
        """After a large write (an import): let the engine see the tables' new sizes. SQLite plans by
        its indexes alone here (its weekly ``PRAGMA optimize`` is enough): nothing to do."""

    def maintain(self, now: datetime) -> bool:
        """Once a week: ``PRAGMA optimize`` and an incremental vacuum (space freed by retention goes back
        to the disk). Returns True when it ran. The time of the last run is kept in the store."""
        last = self.get_meta("maintained_at")
        if last is not None and now - datetime.fromtimestamp(float(last), UTC) < MAINTENANCE_EVERY:
            return False
        db = self._sqlite()
        free = int(db.execute("PRAGMA freelist_count").fetchone()[0])
        db.execute("PRAGMA optimize")
        # executescript runs the pragma to its end (execute would free one page per step it is given)
        db.executescript(f"PRAGMA incremental_vacuum({VACUUM_PAGES});")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.set_meta("maintained_at", str(int(now.timestamp())))
        log.info("store maintenance: optimized, %d free pages given back", min(free, VACUUM_PAGES))
        return True


def backup(db: sqlite3.Connection, path: Path, version: int) -> Path:
    """Copy the open database (SQLite backup API: a consistent copy, WAL included) next to ``path`` as
    ``NAME.vVERSION-backup-STAMP``; returns where it went."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.v{version}-backup-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.v{version}-backup-{stamp}-{n}")
    copy = sqlite3.connect(target)
    try:
        db.backup(copy)
    except sqlite3.Error as exc:
        copy.close()
        target.unlink(missing_ok=True)
        log.error("store %s was not upgraded: its backup copy could not be made (%s); free some space "
                  "next to it and start again", path, exc)
        raise
    copy.close()
    log.info("store %s (schema %d) backed up to %s before the upgrade", path, version, target)
    return target
