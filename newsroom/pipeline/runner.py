"""One poll cycle: due sources → dedupe → language → sentiment → topic → store → alerts."""

from __future__ import annotations

import contextlib
import logging
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime, timedelta
from operator import attrgetter
from typing import Protocol

from newsroom.analysis.neardup import NearDupIndex
from newsroom.analysis.sentiment import SentimentScorer
from newsroom.analysis.topics import TopicClusterer
from newsroom.analysis.words import Link, PhraseFinder, Word, content_words
from newsroom.config import Config, ConfigDiff, config_diff
from newsroom.domain import (
    AlertScope,
    AlertState,
    FetchResult,
    Mention,
    Polarity,
    Search,
    Sentiment,
    SourceHealth,
    SpikeAlert,
    TopicState,
    WallSnapshot,
    utcnow,
)
from newsroom.pipeline.alerting import WallAlerts
from newsroom.pipeline.prepare import Prepared, analysed_text, job_of, prepare_one
from newsroom.pipeline.snapshot import SnapshotBuilder
from newsroom.pipeline.stages import NoTimer, StageTimer
from newsroom.pipeline.summaries import ShownCache, live_summaries
from newsroom.query import QueryError, parse_query
from newsroom.store import Store
from newsroom.store.topic_ids import TopicIds

log = logging.getLogger("newsroom.pipeline")
#: Topics that tell one story are merged this often (TopicClusterer.consolidate).
CONSOLIDATE_EVERY = timedelta(minutes=5)
#: the topic summaries walls read are written at most this often while mentions keep coming (seconds)
PUBLISH_EVERY_S = 1.0
#: ... and at least this often (topics fade and retire with the clock, also when nothing comes in)
REPUBLISH_S = 60.0
#: seconds of retention per poll (deleted in short slices; what is left goes on at the next poll, so a
#: large deletion never holds the collector's loop for long)
RETENTION_BUDGET_S = 2.0
#: a poll that brought more mentions than this takes the collector a second or more: its backlog is
#: published before the ingest starts, so reading walls say it is catching up (issue 16)
BACKLOG_FROM = 1000

#: notices about the configuration that a reconfiguration answers (the operator has just saved a new one)
CONFIG_NOTICES = frozenset({"config_invalid", "config_unknown_key", "no_config", "source_unavailable"})

_QUERY_WORD = re.compile(r"[#@]?[\w-]+", re.UNICODE)
_OPERATORS = {"or", "and", "not"}


class Notifier(Protocol):
    """Where changed alerts go beyond the wall (newsroom.alerts.dispatcher.AlertDispatcher)."""

    def submit(self, alert: SpikeAlert) -> bool: ...
    def stop(self, timeout_s: float = 5.0) -> None: ...


class PollerLike(Protocol):
    """What the pipeline needs from a poller (newsroom.sources.poller.Poller)."""

    def poll_due(self, now: datetime | None = None) -> list[FetchResult]: ...
    def health(self, now: datetime | None = None) -> list[SourceHealth]: ...
    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class PollReport:
    """What one cycle did."""

    results: int
    errors: int
    fetched: int
    new: int


def query_terms(searches: Iterable[Search]) -> frozenset[str]:
    """Lower-cased words of the searches' queries (exclusions too), to keep them out of word clouds."""
    words: set[str] = set()
    for s in searches:
        for raw in _QUERY_WORD.findall(s.query.lower()):
            w = raw.lstrip("-#@")
            if w and w not in _OPERATORS:
                words.add(w)
                words.add("#" + w)
        with contextlib.suppress(QueryError):  # the config loader reports unreadable queries
            words.update(t.lower() for t in parse_query(s.query).terms())
    return frozenset(words)


_MENTION_FIELDS = tuple(f.name for f in fields(Mention))
_ALL_FIELDS = attrgetter(*_MENTION_FIELDS)
_LANG, _SENTIMENT, _DUPLICATE_OF, _TOPIC = (_MENTION_FIELDS.index(name)
                                            for name in ("lang", "sentiment", "duplicate_of", "topic"))


def analysed_mention(m: Mention, lang: str, sentiment: Sentiment, duplicate_of: str | None,
                     topic: int) -> Mention:
    """``m`` with its language, sentiment, copy and topic: ``dataclasses.replace``, a few times
    faster (every field read at once, each slot set directly)."""
    values = list(_ALL_FIELDS(m))
    values[_LANG], values[_SENTIMENT] = lang, sentiment
    values[_DUPLICATE_OF], values[_TOPIC] = duplicate_of, topic
    if _SLOTS is None:
        return Mention(*values)
    new = _NEW(Mention)
    for put, value in zip(_SLOTS, values, strict=True):
        put(new, value)
    return new


#: the slots' setters, when a Mention is nothing but its fields (no __post_init__): a frozen
#: dataclass's __init__ sets each field through object.__setattr__, most of a copy's cost
_SLOTS = (None if hasattr(Mention, "__post_init__")
          else tuple(getattr(Mention, name).__set__ for name in _MENTION_FIELDS))
_NEW = object.__new__


def keep_stored_ids(stored: Sequence[Mention], assigned: dict[str, int]) -> dict[int, int]:
    """Replayed topic -> the stored topic id held by most of its mentions, greedily (most mentions
    first; ties by the smaller replayed id, then the smaller stored id) so that each stored id goes to
    one topic; a topic whose id is taken keeps its fresh one."""
    votes: dict[tuple[int, int], int] = {}
    for m in stored:
        new = assigned.get(m.id)
        if new is None or m.topic is None:
            continue
        votes[(new, m.topic)] = votes.get((new, m.topic), 0) + 1
    mapping: dict[int, int] = {}
    taken: set[int] = set()
    for (new, old), _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
        if new in mapping or old in taken:
            continue
        mapping[new] = old
        taken.add(old)
    return mapping


class Pipeline:
    """Owns the store and the analysis state; used by one thread (the worker)."""

    def __init__(self, config: Config, store: Store, poller: PollerLike, *,
                 clock: Callable[[], datetime] = utcnow, demo: bool = False,
                 searches: Sequence[Search] | None = None, wall_name: str | None = None,
                 notifier: Notifier | None = None,
                 make_poller: Callable[[Config], PollerLike] | None = None,
                 make_notifier: Callable[[Config], Notifier | None] | None = None) -> None:
        self.config = config
        self._make_poller = make_poller
        self._make_notifier = make_notifier
        self.store = store
        self.poller = poller
        self.clock = clock
        self.demo = demo
        self.searches = tuple(searches if searches is not None else config.searches)
        self.wall_name = wall_name or config.wall_name
        self._languages = {s.name: s.languages for s in self.searches}
        self._exclude = query_terms(self.searches)
        lexicon = config.values.get("sentiment.user_lexicon")
        #: the operator's sentiment terms (lang -> term -> score), also for a Preparer's workers
        self.user_lexicon: dict[str, dict[str, float]] | None = lexicon if isinstance(lexicon, dict) else None
        self.scorer = SentimentScorer(self.user_lexicon)
        self.alerts = self._new_alerts(config)
        self.notifier = notifier
        self._last_retention: datetime | None = None
        self._last_consolidation: datetime | None = None
        #: consolidate by the data's own time (the newest ``published`` ingested) instead of the clock:
        #: an import's topics then depend on its file alone, not on how fast the machine read it
        self.consolidate_by_data = False
        self._data_now: datetime | None = None
        self._notices: tuple[tuple[str, str], ...] = ()
        #: where ingest's stages add their time (benchmarks set a StageTimer)
        self.timer: StageTimer = NoTimer()
        #: something walls show changed since the topic summaries were last written (see ``publish``)
        self.dirty = True
        self._published_at = float("-inf")
        #: fetched mentions not analysed and stored yet (published for walls: "catching up")
        self.backlog = 0
        self._published_backlog = -1  # the first publish writes it: a collector that died may have left one
        self._new_analysis()

    def _new_alerts(self, config: Config) -> WallAlerts:
        return WallAlerts(self.store, str(config.get("alerts.sensitivity")),
                          window_min=int(config.get("alerts.window_min")),
                          min_negative=int(config.get("alerts.min_negative")),
                          cooldown_min=int(config.get("alerts.cooldown_min")))

    def _new_analysis(self) -> None:
        """Fresh topics, copies and phrases, replayed from the store's last day (see _rebuild_topics)."""
        self.clusterer = TopicClusterer(new_id=TopicIds(self.store))  # ids never reused, also after a restart
        self.neardup = NearDupIndex()
        self.phrases = PhraseFinder()
        self._shown = ShownCache(REPUBLISH_S)  # topics as shown, with these phrases
        self._builder = SnapshotBuilder(self.store, max_topics=int(self.config.get("wall.max_topics")))
        self._builder.searches = tuple(s.name for s in self.searches)
        self._builder.per_search = bool(self.config.get("display.rotation"))
        self._last_consolidation = None
        self._rebuild_topics()

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

    def _configured(self, m: Mention) -> bool:
        """True when a stored mention belongs on the wall: found by a configured search (mentions
        without searches, e.g. imported ones, and every mention of the demo always do)."""
        if self.demo or not self.searches or not m.searches:
            return True
        return any(name in self._languages for name in m.searches)

    def set_notices(self, notices: Iterable[tuple[str, str]]) -> None:
        """Problems to show on the wall (e.g. a config that could not be read)."""
        self._notices = tuple(notices)

    def _rebuild_topics(self) -> None:
        """Feed the last 24 h of stored mentions to a fresh clusterer so a restart keeps topics, under
        the ids their mentions had (see :func:`keep_stored_ids`); only mentions the clusterer really
        groups differently move (and their counts with them)."""
        since = self.clock() - timedelta(hours=24)
        stored = [m for m in self.store.mentions_since(since) if self._configured(m)]
        if not stored:
            return
        for m in stored:
            self.clusterer.observe(self._text(m), m.lang, self._exclude)
        for m in stored:
            self._assign(m)
            if not m.duplicate_of:  # later copies of these stories are still recognised as copies
                self.neardup.check(m)
        self.clusterer.consolidate_stories()
        self.clusterer.drain_merges()  # merges among the replay's own fresh ids: nothing stored has them
        assigned = self.clusterer.assignments()
        mapping = keep_stored_ids(stored, assigned)
        self.clusterer.renumber(mapping)
        assigned = self.clusterer.assignments()
        moved = {m.id: assigned[m.id] for m in stored if m.id in assigned and assigned[m.id] != m.topic}
        self.store.set_topics(moved)
        if moved:
            log.info("restart: %d of %d replayed mentions changed topic", len(moved), len(stored))
        # a stored topic the replay did not keep went into another: its resumed alert follows it there
        kept = set(mapping.values())
        went: dict[int, dict[int, int]] = {}
        for m in stored:
            if m.topic is not None and m.topic not in kept and m.id in assigned:
                into = went.setdefault(m.topic, {})
                into[assigned[m.id]] = into.get(assigned[m.id], 0) + 1
        for old, into in sorted(went.items()):
            self.alerts.merge_topics(old, max(into.items(), key=lambda kv: (kv[1], -kv[0]))[0])

    def _apply_merges(self) -> None:
        """Topic merges reach the store and the alerts (an alert follows its topic into the merge)."""
        for src, dst in self.clusterer.drain_merges():
            self.store.merge_topics(src, dst)
            self.alerts.merge_topics(src, dst)
            self.dirty = True

    @staticmethod
    def _text(m: Mention) -> str:
        """What is analysed of a mention: its title and text."""
        return analysed_text(m)

    @property
    def search_languages(self) -> dict[str, tuple[str, ...]]:
        """Each configured search's languages (the language detector's prior for what it found)."""
        return self._languages

    def _assign(self, m: Mention) -> int:
        """The topic of a mention whose language, sentiment and copy are known."""
        return self._topic(m, m.lang, m.sentiment, m.duplicate_of)

    def _topic(self, m: Mention, lang: str | None, sentiment: Sentiment | None, duplicate_of: str | None,
               phrase_words: Sequence[Word | Link | None] | None = None) -> int:
        """The topic of ``m`` read in ``lang``; its content words count for phrases unless it is a copy
        (``phrase_words``: found ahead, see :class:`Prepared`)."""
        text = self._text(m)
        if not duplicate_of:  # phrases for the clouds; copies of one story count once
            self.phrases.observe(content_words(text, lang, self._exclude) if phrase_words is None
                                 else phrase_words)
        score = sentiment.score if sentiment else 0.0
        return self.clusterer.add(m.id, text, lang, m.published, sentiment=score,
                                  negative=sentiment is not None and sentiment.label is Polarity.NEGATIVE,
                                  duplicate_of=duplicate_of, exclude_terms=self._exclude)

    @property
    def exclude_terms(self) -> frozenset[str]:
        """The searches' own words, left out of clouds and phrases."""
        return self._exclude

    def analyse(self, m: Mention, prepared: Prepared | None = None) -> Mention:
        """Language, sentiment, copy and topic of one new mention; ``prepared``: what is found ahead
        of it (by a :class:`~newsroom.pipeline.prepare.Preparer`, exactly as here)."""
        if prepared is None:
            prepared = prepare_one(self.scorer, job_of(m, self._languages), self._exclude)
        lang, sentiment = prepared.lang, prepared.sentiment
        duplicate_of = m.duplicate_of or self.neardup.check(m, prepared.copy_words)
        topic = self._topic(m, lang, sentiment, duplicate_of, prepared.phrase_words)
        return analysed_mention(m, lang, sentiment, duplicate_of, topic)

    def ingest(self, mentions: Sequence[Mention], now: datetime | None = None, *,
               prepared: Mapping[str, Prepared] | None = None) -> int:
        """Analyse and store mentions (dedupe first); returns how many were new. ``prepared``: language
        and sentiment by mention id, found ahead (see newsroom.pipeline.prepare)."""
        timer = self.timer
        with timer.stage("dedup (store)"):
            fresh = self.store.filter_new(mentions)
        with timer.stage("observe words"):
            for m in fresh:              # the batch's words first: what every mention says is background
                self.clusterer.observe(self._text(m), m.lang, self._exclude)
        with timer.stage("analyse"):
            ready = prepared or {}
            analysed = [self.analyse(m, ready.get(m.id)) for m in fresh]
        with timer.stage("store"):
            added = self.store.add_mentions(analysed)
        now = now or self.clock()
        with timer.stage("consolidate + merges"):
            if self.consolidate_by_data:
                newest = max((m.published for m in fresh), default=self._data_now)
                if newest is not None and (self._data_now is None or newest > self._data_now):
                    self._data_now = newest
                if self._data_now is not None:
                    self._consolidate(self._data_now)
            else:
                self._consolidate(now)
            self._apply_merges()
        with timer.stage("alerts"):
            for alert in self.alerts.update(now, self.clusterer.topics(now), self.searches, self.wall_name):
                self.dirty = True
                if self.notifier is not None:
                    self.notifier.submit(alert)  # never blocks: the dispatcher has its own thread
        if added:
            self.dirty = True
        with timer.stage("publish"):
            self.publish()
        return added

    def poll_once(self) -> PollReport:
        """Analyse and store what the fetches that ended brought, start what is due (never waits for
        the network), keep retention."""
        now = self.clock()
        results = self.poller.poll_due(now)
        mentions = [m for r in results for m in r.mentions]
        if results or time.monotonic() - self._published_at >= REPUBLISH_S:
            self.dirty = True  # the sources' health changed (also when nothing new came), or time went by
        if len(mentions) > BACKLOG_FROM:
            self._publish_backlog(len(mentions))
        new = self.ingest(mentions, now)  # one batch: the analysis is the same however the wall is told
        if self.backlog:
            self._publish_backlog(0)  # caught up (the topics it changed are published with the ingest)
        self._retention(now)
        self.publish()
        errors = sum(1 for r in results if r.error is not None)
        if new:
            log.debug("poll: %d results, %d new mentions", len(results), new)
        return PollReport(len(results), errors, len(mentions), new)

    def _publish_backlog(self, waiting: int) -> None:
        """Tell reading walls at once (not after the publish throttle) that ``waiting`` fetched mentions
        are being analysed (the wall shows "Achterstand: 12.000 berichten" until they are stored), or
        with 0 that the collector caught up."""
        self.backlog = waiting
        self.store.set_backlog(waiting)
        self.store.bump_change()
        self._published_backlog = waiting

    def _consolidate(self, now: datetime) -> None:
        """Every few minutes, merge topics that tell one story (the stream merges only as topics grow), and
        the fragments of one story (shared places and names, words used together, close in time)."""
        if self._last_consolidation and now - self._last_consolidation < CONSOLIDATE_EVERY:
            return
        self._last_consolidation = now
        merges = self.clusterer.consolidate_stories()
        if merges:
            log.debug("consolidation merged %d topics", merges)

    def _retention(self, now: datetime) -> None:
        """Hourly: old rows and the state of sources and searches no longer configured go (at most
        RETENTION_BUDGET_S a poll, the rest at the next polls); weekly the store is optimised and gives
        freed space back."""
        pending = self.store.retention_pending  # the last run stopped at its budget: go on at once
        if self._last_retention and now - self._last_retention < timedelta(hours=1) and not pending:
            return
        self._last_retention = now
        # a search naming no sources asks every source: then no source is "no longer configured"
        asked = None if any(not s.sources for s in self.searches) else \
            {name for s in self.searches for name in s.sources} | ({"demo"} if self.demo else set())
        if self.store.apply_retention(now, int(self.config.get("store.retention_days")),
                                      sources=asked, searches=[s.name for s in self.searches],
                                      budget_s=RETENTION_BUDGET_S):
            self.dirty = True
        if self.store.retention_pending:
            return  # maintenance once the deletion is done
        self.store.maintain(now)
        self.store.refresh_statistics()  # hourly: a crisis grows a topic faster than autovacuum notices

    def acknowledge(self, alert_id: str, by: str) -> None:
        """Record that someone on the wall has seen an alert (the store counts the change for every wall)."""
        self.store.acknowledge_alert(alert_id, by, self.clock())

    def shown_topics(self, now: datetime) -> list[TopicState]:
        """The live topics a wall may show, as it shows them (``live_summaries``)."""
        return live_summaries(self.clusterer.topics(now), self.store.active_alerts(), self.phrases,
                              shown=self._shown)

    def publish(self, *, force: bool = False) -> bool:
        """When something walls show changed: write the topic summaries and the sources' health to the
        store and count the change (walls that read the store wake up). At most every PUBLISH_EVERY_S
        unless ``force``; returns True when it wrote."""
        if not self.dirty:
            return False
        started = time.monotonic()
        if not force and started - self._published_at < PUBLISH_EVERY_S:
            return False
        now = self.clock()
        if self._published_at == float("-inf"):  # once: a reading wall says "demo" when this is one
            self.store.set_meta("demo", "1" if self.demo else "0")
        self.store.save_topic_summaries(self.shown_topics(now), now)
        if self.backlog != self._published_backlog:
            self.store.set_backlog(self.backlog)
            self._published_backlog = self.backlog
        for health in self.poller.health(now):  # with the next poll time, which only the poller knows
            self.store.save_health(health)
        self.store.bump_change()
        self.dirty = False
        self._published_at = time.monotonic()
        return True

    def snapshot(self, *, focus: str | None = None) -> WallSnapshot:
        """The wall as it is now; ``focus`` names the event whose crisis view comes first
        (``SnapshotBuilder.build``)."""
        now = self.clock()
        return self._builder.build(
            now, self.wall_name, self.shown_topics(now), self.poller.health(now),
            demo=self.demo, notices=self._notices, focus=focus,
        )

    def close(self) -> None:
        """Write what walls should still see (``publish``), stop polling (requests in flight are not
        waited for), stop the notifier (after what is queued) and close the store."""
        try:
            self.publish(force=True)
        except Exception:  # a store that cannot be written is closed all the same
            log.exception("the last topic summaries could not be written")
        self.poller.close()
        if self.notifier is not None:
            self.notifier.stop()
        self.store.close()
