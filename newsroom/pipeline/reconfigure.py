"""A new configuration applied to a running pipeline: a new poller for changed searches or sources, new
alert detectors and notifier for changed alert settings, the alerts and topics of removed searches
ended. A part of :class:`~newsroom.pipeline.runner.Pipeline`."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from newsroom.analysis.topics import TopicClusterer
from newsroom.config import Config, ConfigDiff, config_diff
from newsroom.domain import AlertScope, AlertState, Search
from newsroom.pipeline.alerting import WallAlerts
from newsroom.pipeline.collaborators import Notifier, PollerLike
from newsroom.pipeline.query_terms import query_terms
from newsroom.pipeline.snapshot import SnapshotBuilder
from newsroom.store import Store

log = logging.getLogger("newsroom.pipeline")

#: notices about the configuration that a reconfiguration answers (the operator has just saved a new one)
CONFIG_NOTICES = frozenset({"config_invalid", "config_unknown_key", "no_config", "source_unavailable"})


class PipelineReconfigure:
    """``reconfigure`` and what it needs of the pipeline's state (made by ``Pipeline.__init__``)."""

    config: Config
    store: Store
    poller: PollerLike
    clock: Callable[[], datetime]
    demo: bool
    searches: Sequence[Search]
    wall_name: str
    alerts: WallAlerts
    notifier: Notifier | None
    clusterer: TopicClusterer
    dirty: bool
    _make_poller: Callable[[Config], PollerLike] | None
    _make_notifier: Callable[[Config], Notifier | None] | None
    _languages: dict[str, tuple[str, ...]]
    _exclude: frozenset[str]
    _last_retention: datetime | None
    _builder: SnapshotBuilder
    _notices: tuple[tuple[str, str], ...]

    if TYPE_CHECKING:
        def _new_alerts(self, config: Config) -> WallAlerts: ...

    def reconfigure(self, config: Config) -> ConfigDiff:
        """Apply a new configuration while running; returns what changed. The store is kept, and the
        analysis state unless a search was removed.

        - Searches or sources changed: a new poller (the old one's requests in flight are dropped).
          Pairs of an unchanged search and an unchanged source keep their schedule, so only what is new
          or changed is polled at once.
        - A search removed: its search alert ends, and the live topics that only it found leave the
          wall (a look at each live topic's newest stored mentions; no replay, so the worker is held
          for milliseconds, not the minutes a crisis day's replay takes). A topic that a remaining
          search also found stays, as it was; a restart replays only the remaining searches.
        - Alert settings: new detectors (active alerts carry on from the store) and a new notifier.
        - The wall's name and number of topics: at once. ``diff.restart_needed``: at the next start.

        A demo pipeline keeps its own searches and sources."""
        diff = config_diff(self.config, config)
        old_names = {s.name for s in self.searches}
        self.config = config
        if not self.demo:
            self.searches = config.searches
            self.wall_name = config.wall_name
        self._languages = {s.name: s.languages for s in self.searches}
        self._exclude = query_terms(self.searches)
        new_poller = diff.searches_added or diff.searches_removed or diff.searches_changed \
            or diff.touches("sources.") or diff.touches("network.")
        if new_poller and self._make_poller is not None and not self.demo:
            old = self.poller
            old.close()
            self.poller = self._make_poller(config)
            schedule, keep = getattr(old, "schedule", None), getattr(self.poller, "keep_schedule", None)
            if callable(schedule) and callable(keep) and not diff.touches("network."):
                keep(schedule(), {c.key.split(".")[1] for c in diff.values if c.key.startswith("sources.")})
        if diff.touches("alerts."):
            self.alerts = self._new_alerts(config)
            if self._make_notifier is not None:
                if self.notifier is not None:
                    self.notifier.stop()
                self.notifier = self._make_notifier(config)
        removed = old_names - {s.name for s in self.searches}
        if removed:
            self._end_search_alerts(removed)
            self.alerts = self._new_alerts(config)  # no detector of a topic that is about to go
            self._drop_topics_of(removed)
            self._last_retention = None  # the removed searches' poll state goes at the next cycle
        elif "wall.max_topics" in diff.keys:
            self._builder.max_topics = int(config.get("wall.max_topics"))
        self._builder.searches = tuple(s.name for s in self.searches)
        self._builder.per_search = bool(config.get("display.rotation"))
        if not self.demo:  # the operator has just saved: what was said about the old file is over
            unknown = sorted({n for s in self.searches for n in s.sources} - self._source_names())
            self._notices = tuple(n for n in self._notices if n[0] not in CONFIG_NOTICES) + tuple(
                ("source_unavailable", name) for name in unknown)
        self.dirty = True
        log.info("reconfigured: %d settings changed, searches +%d -%d ~%d%s", len(diff.values),
                 len(diff.searches_added), len(diff.searches_removed), len(diff.searches_changed),
                 f"; after a restart: {', '.join(diff.restart_needed)}" if diff.restart_needed else "")
        return diff

    @staticmethod
    def _source_names() -> set[str]:
        """The sources this version can poll."""
        from newsroom.sources.registry import FACTORIES

        return set(FACTORIES)

    def _end_search_alerts(self, names: set[str]) -> None:
        """Active alerts of searches that are no longer configured end now (nothing feeds them)."""
        now = self.clock()
        for a in self.store.active_alerts():
            if a.scope is AlertScope.SEARCH and a.key in names:
                self.store.save_alert(replace(a, state=AlertState.RESOLVED, updated=now, resolved_at=now))

    def _drop_topics_of(self, removed: set[str]) -> int:
        """Retire the live topics whose newest stored mentions were all found by ``removed`` searches
        (mentions found by no search belong to every wall); returns how many went."""
        dropped = 0
        for tid in self.clusterer.live_ids():
            found = self.store.topic_searches(tid, sample=200)
            if found and all(name in removed for name in found):
                dropped += self.clusterer.retire(tid)
        if dropped:
            log.info("%d topics of the removed searches left the wall", dropped)
        return dropped
