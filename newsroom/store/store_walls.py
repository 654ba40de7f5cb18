"""What walls that read the store need from the collector: the live topics' summaries, the names of ended
topics (the briefing, the history), the change counter that wakes them, and the collector's backlog. A
part of :class:`~newsroom.store.store.Store` (the PostgreSQL engine wakes walls with NOTIFY instead of
polling the counter)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from newsroom.domain import TopicState
from newsroom.store.codec import topic_from_json, topic_to_json
from newsroom.store.sql import Connection, in_groups, transaction

#: how often ``wait_change`` reads the change counter
WAIT_POLL_S = 0.25


class StoreWalls:
    """Topic summaries, the change counter and the backlog (``meta`` rows ``change`` and ``backlog``)."""

    _db: Connection

    if TYPE_CHECKING:
        def get_meta(self, key: str) -> str | None: ...
        def set_meta(self, key: str, value: str) -> None: ...

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

    def save_topic_names(self, names: Mapping[int, str], at: datetime | None = None) -> None:
        """Keep the names the wall's stories pass gave topics that had ended (one per topic, the newest)."""
        if not names:
            return
        stamp = int((at or datetime.now(UTC)).timestamp())
        with transaction(self._db):
            self._db.executemany(
                "INSERT INTO topic_names (topic, label, updated) VALUES (?, ?, ?) "
                "ON CONFLICT (topic) DO UPDATE SET label = excluded.label, updated = excluded.updated",
                [(tid, label, stamp) for tid, label in sorted(names.items())])

    def topic_names(self, topics: Iterable[int]) -> dict[int, str]:
        """The stored names of these ended topics (those that have one)."""
        wanted = sorted(set(topics))
        out: dict[int, str] = {}
        for part, marks in in_groups(wanted, 500):
            rows = self._db.execute(f"SELECT topic, label FROM topic_names WHERE topic IN ({marks})",
                                    tuple(part))
            out.update((int(t), str(label)) for t, label in rows)
        return out

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
