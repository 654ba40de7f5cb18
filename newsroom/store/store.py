"""The store: mentions, per-minute counts, source state and health, alerts and small meta values.

:class:`Store` is the embedded engine (one SQLite file in WAL mode, used by one thread) and holds every
query, written in SQL both engines run (``?`` placeholders, ``INSERT … ON CONFLICT``); what differs per
engine (connecting, migrations, maintenance, closing) is overridden by the PostgreSQL engine's
:class:`~newsroom.store.postgres.PgStore`. Open either with :func:`newsroom.store.open_store`.

Its parts: alerts (``store_alerts``), what walls need from the collector (``store_walls``), retention
and maintenance (``store_upkeep``); a mention's row (``mention_rows``) and the counts' time buckets
(``buckets``)."""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from newsroom.domain import Mention, Polarity, Series, SourceHealth
from newsroom.sources.base import SourceState
from newsroom.store import retention
from newsroom.store.buckets import bucket_range, minute_of, series_of
from newsroom.store.codec import health_from_json, health_to_json
from newsroom.store.mention_rows import COLUMNS, PUBLISHED, SEP, WIDTH, count_keys, mention_row, row_mention
from newsroom.store.schema import AUTO_VACUUM_INCREMENTAL, SCHEMA_VERSION, check_readable, migrate, version_of
from newsroom.store.sql import Connection, in_groups, transaction
from newsroom.store.store_alerts import StoreAlerts
from newsroom.store.store_upkeep import StoreUpkeep
from newsroom.store.store_walls import StoreWalls

log = logging.getLogger("newsroom.store")

_CountKey = tuple[str, str, int]
#: keys summed by one statement of ``Store.bucketed_count_rows``
KEYS_PER_READ = 100
#: at most this many mentions' texts are read by one ``Store.texts_of``
TEXTS_LIMIT = 100


#: mentions read per statement when their topics change (``set_topics``): with 500 ids SQLite's planner
#: scanned a store of 2,000 mentions instead of looking each one up (the wall moves hundreds of posts
#: at once since its stories pass, docs/topics.md)
MOVED_PER_READ = 200


class Store(StoreAlerts, StoreWalls, StoreUpkeep):
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
        for chunk, marks in in_groups(list(values), 500):
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
            minute = minute_of(m.published)
            for scope, key in count_keys(m):
                deltas[(scope, key, minute)] += 1
                if m.is_negative:
                    negatives[(scope, key, minute)] += 1
        with transaction(self._db):
            self._db.executemany(
                f"INSERT INTO mentions ({COLUMNS}) VALUES ({','.join('?' * WIDTH)}) ON CONFLICT DO NOTHING",
                [mention_row(m) for m in fresh],
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
        for chunk, marks in in_groups(ids, MOVED_PER_READ):
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
        for part, marks in in_groups(unique, KEYS_PER_READ):
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
            for name in str(joined).split(SEP):
                if name:
                    found[name] = found.get(name, 0) + 1
        return found

    def latest_mentions(self, limit: int) -> list[Mention]:
        """The newest mentions, newest first (near-duplicate copies left out)."""
        rows = self._db.execute(
            f"SELECT {COLUMNS} FROM mentions WHERE duplicate_of IS NULL "
            f"ORDER BY published DESC, {self._SEQ} DESC LIMIT ?", (limit,))
        return [row_mention(r) for r in rows]

    def latest_of_topics(self, topics: Iterable[int], limit: int, *,
                         label: str | None = None) -> list[Mention]:
        """The newest mentions of these topics (only those scored ``label`` when given), newest first,
        near-duplicate copies left out."""
        sql = f"SELECT {COLUMNS}, {self._SEQ} FROM mentions WHERE topic = ? AND duplicate_of IS NULL"
        if label is not None:
            sql += " AND sentiment_label = ?"
        sql += f" ORDER BY published DESC, {self._SEQ} DESC LIMIT ?"
        rows: list[Sequence[object]] = []
        for topic in sorted(set(topics)):  # each topic from its newest back (mentions_topic_published)
            args = (topic, label, limit) if label is not None else (topic, limit)
            rows += self._db.execute(sql, args).fetchall()
        rows.sort(key=lambda r: (r[PUBLISHED], r[-1]), reverse=True)
        return [row_mention(r[:-1]) for r in rows[:limit]]

    def mentions_since(self, t: datetime, limit: int | None = None) -> list[Mention]:
        """Mentions published at or after ``t``, oldest first."""
        sql = f"SELECT {COLUMNS} FROM mentions WHERE published >= ? ORDER BY published, {self._SEQ}"
        args: tuple[object, ...] = (int(t.timestamp()),)
        if limit is not None:
            sql += " LIMIT ?"
            args += (limit,)
        return [row_mention(r) for r in self._db.execute(sql, args)]

    def get_mentions(self, ids: Iterable[str]) -> list[Mention]:
        """The stored mentions with these ids, in the given order."""
        wanted = list(ids)
        found: dict[str, Mention] = {}
        for chunk, marks in in_groups(wanted, 500):
            for r in self._db.execute(f"SELECT {COLUMNS} FROM mentions WHERE id IN ({marks})", chunk):
                found[str(r[0])] = row_mention(r)
        return [found[i] for i in wanted if i in found]

    def texts_of(self, ids: Iterable[str], limit: int = TEXTS_LIMIT) -> dict[str, str]:
        """The shown text (the title when it has one, else the text) of the stored mentions among the
        first ``limit`` distinct ``ids`` (in the order given), by id, in one statement; ids not stored
        are left out. The wall shows what a reply answers from it (no author is read)."""
        wanted = list(dict.fromkeys(ids))[:limit]
        if not wanted:
            return {}
        marks = ", ".join("?" * len(wanted))
        rows = self._db.execute(f"SELECT id, title, text FROM mentions WHERE id IN ({marks})", wanted)
        return {str(i): str(title or text) for i, title, text in rows}

    # --- a period at once (the daily briefing) -----------------------------------------------

    def totals_by_key(self, scope: str, since: datetime, until: datetime) -> list[tuple[str, int, int]]:
        """(key, total, negative) of every ``scope`` key counted in [since, until), most mentions first
        (ties by key)."""
        rows = self._db.execute(
            "SELECT key, SUM(total), SUM(negative) FROM counts WHERE scope = ? AND minute >= ? "
            "AND minute < ? GROUP BY key HAVING SUM(total) > 0",
            (scope, minute_of(since), int(until.timestamp())))
        return sorted(((str(k), int(t), int(n)) for k, t, n in rows), key=lambda r: (-r[1], r[0]))

    def topic_mentions(self, topic: int, since: datetime, until: datetime, limit: int, *,
                       by_time: bool = False) -> list[Mention]:
        """Up to ``limit`` mentions of ``topic`` published in [since, until), newest first, without
        copies. ``by_time``: walk the period from its end (quicker for a topic with a big share of it)
        instead of the topic's own mentions."""
        column = "+topic" if by_time else "topic"
        rows = self._db.execute(
            f"SELECT {COLUMNS} FROM mentions WHERE {column} = ? AND published >= ? AND published < ? "
            f"AND duplicate_of IS NULL ORDER BY published DESC, {self._SEQ} DESC LIMIT ?",
            (topic, int(since.timestamp()), int(until.timestamp()), limit))
        return [row_mention(r) for r in rows]

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
