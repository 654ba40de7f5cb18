"""A wall's snapshot from the store alone: for walls that read what a collector writes.

The collector (``Pipeline.publish``) keeps the live topics as walls show them in the store (topic
summaries) next to the per-minute counts, alerts, sources' health and mentions. A :class:`SnapshotReader`
builds the same ``WallSnapshot`` from those, with the wall's own display settings (number of tiles,
rotation pages, name, privacy is the window's), through the same :class:`SnapshotBuilder` the collecting
process uses. It holds no analysis state and imports none of the analysis (no nltk, scipy or numpy): a
wall that only reads starts in a fraction of the time and memory.

When sources deliver faster than the collector analyses, it ingests a large poll in parts and writes how
many mentions still wait (``Store.backlog``); the reader adds the notice ``backlog`` with that number,
which the wall shows in its top bar ("Achterstand: 12.000 berichten") until the collector caught up.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import datetime

from newsroom.config import Config
from newsroom.domain import WallSnapshot, utcnow
from newsroom.pipeline.snapshot import SnapshotBuilder
from newsroom.store import Store

#: the notice of a collector that is catching up; its detail is the number of mentions still waiting
BACKLOG_NOTICE = "backlog"


class SnapshotReader:
    """Builds a wall's snapshots from a store a collector writes; used by one thread (the wall's worker)."""

    def __init__(self, store: Store, *, wall_name: str, max_topics: int = 6, searches: Sequence[str] = (),
                 per_search: bool = False, demo: bool | None = None, notices: Sequence[tuple[str, str]] = (),
                 sources: Collection[str] | None = None, clock: Callable[[], datetime] = utcnow) -> None:
        self.store = store
        self.clock = clock
        self.wall_name = wall_name
        #: the wall shows "demo"; None: as the collector wrote it (the meta row ``demo``)
        self.demo = demo
        #: the sources whose health is shown (None: every source the store has health of)
        self.sources = None if sources is None else frozenset(sources)
        self._notices = tuple(notices)
        self._builder = SnapshotBuilder(store, max_topics=max_topics)
        self._builder.searches = tuple(searches)
        self._builder.per_search = per_search

    @classmethod
    def for_config(cls, store: Store, config: Config, *, demo: bool | None = None,
                   notices: Sequence[tuple[str, str]] = (), sources: Collection[str] | None = None,
                   clock: Callable[[], datetime] = utcnow) -> SnapshotReader:
        """A reader with the display settings of ``config`` (name, tiles, the searches' rotation pages)."""
        reader = cls(store, wall_name=config.wall_name, demo=demo, notices=notices, sources=sources,
                     clock=clock)
        reader.apply_config(config)
        return reader

    def apply_config(self, config: Config) -> None:
        """This wall's display settings from now on (the collector's searches and sources are its own)."""
        self.wall_name = config.wall_name
        self._builder.max_topics = int(config.get("wall.max_topics"))
        self._builder.searches = tuple(s.name for s in config.searches)
        self._builder.per_search = bool(config.get("display.rotation"))

    @property
    def max_topics(self) -> int:
        """How many tiles the overview shows."""
        return self._builder.max_topics

    def set_notices(self, notices: Sequence[tuple[str, str]]) -> None:
        """Problems of this wall to show (e.g. its configuration could not be read)."""
        self._notices = tuple(notices)

    def snapshot(self, *, focus: str | None = None, notices: Sequence[tuple[str, str]] = ()) -> WallSnapshot:
        """The wall at ``clock()`` as the store has it; ``focus`` as in ``SnapshotBuilder.build``;
        ``notices`` are added to the wall's own (e.g. the store could not be reached)."""
        now = self.clock()
        health = [h for h in self.store.load_health() if self.sources is None or h.source in self.sources]
        demo = self.demo if self.demo is not None else self.store.get_meta("demo") == "1"
        waiting = self.store.backlog()  # the collector is catching up: the wall says how far behind
        behind = ((BACKLOG_NOTICE, str(waiting)),) if waiting else ()
        return self._builder.build(now, self.wall_name, self.store.topic_summaries(), health, demo=demo,
                                   notices=self._notices + tuple(notices) + behind, focus=focus)

    def acknowledge(self, alert_id: str, by: str) -> None:
        """Record that someone at this wall has seen an alert (every wall redraws: the store counts it)."""
        self.store.acknowledge_alert(alert_id, by, self.clock())

    def close(self) -> None:
        """Close the store."""
        self.store.close()
