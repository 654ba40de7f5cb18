"""One poll cycle: due sources → dedupe → language → sentiment → topic → store → alerts."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from newsroom.analysis import wall_stories
from newsroom.analysis.neardup import NearDupIndex
from newsroom.analysis.sentiment import SentimentScorer
from newsroom.analysis.topic_ids import most_held
from newsroom.analysis.topics import TopicClusterer
from newsroom.analysis.words import Link, PhraseFinder, Word, content_words
from newsroom.config import Config
from newsroom.domain import Mention, Polarity, Search, Sentiment, TopicState, WallSnapshot, utcnow
from newsroom.pipeline.alerting import WallAlerts
from newsroom.pipeline.collaborators import Notifier, PollerLike
from newsroom.pipeline.mention_copy import analysed_mention
from newsroom.pipeline.prepare import Prepared, analysed_text, job_of, prepare_one
from newsroom.pipeline.query_terms import query_terms
from newsroom.pipeline.reconfigure import PipelineReconfigure
from newsroom.pipeline.snapshot import SnapshotBuilder
from newsroom.pipeline.stages import NoTimer, StageTimer
from newsroom.pipeline.stored_ids import keep_stored_ids
from newsroom.pipeline.stored_topics import restore_stored_topics
from newsroom.pipeline.summaries import ShownCache, live_summaries
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




@dataclass(frozen=True, slots=True)
class PollReport:
    """What one cycle did."""

    results: int
    errors: int
    fetched: int
    new: int


class Pipeline(PipelineReconfigure):
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
        now = self.clock()
        since = now - timedelta(hours=24)
        stored = [m for m in self.store.mentions_since(since) if self._configured(m)]
        stored = self._kept_before(now, since) + stored
        if not stored:
            return
        for m in stored:
            self.clusterer.observe(self._text(m), m.lang, self._exclude)
        for m in stored:
            self._assign(m)
            if not m.duplicate_of:  # later copies of these stories are still recognised as copies
                self.neardup.check(m)
        # the stories passes the wall ran are in the store (restore_stored_topics below): the replay runs
        # none, and the next pass comes when the wall's would have (on the half hours, wall_stories.due)
        self.clusterer.stories_at = self.clusterer.model.now
        self.clusterer.stories_seen = self.clusterer.recent_count
        self.clusterer.consolidate_stories()
        self.clusterer.drain_merges()  # merges among the replay's own fresh ids: nothing stored has them
        self.clusterer.drain_moves()   # the same for single posts moved: the assignments below have them
        self.clusterer.forget_ended_names()  # the same for ended topics' names (the store keeps its own)
        assigned = self.clusterer.assignments()
        mapping = keep_stored_ids(stored, assigned)
        self.clusterer.renumber(mapping)
        restore_stored_topics(self.clusterer, stored)   # the stories passes' moves are the store's
        self._restore_names()
        assigned = self.clusterer.assignments()
        moved = {m.id: assigned[m.id] for m in stored if m.id in assigned and assigned[m.id] != m.topic}
        self.store.set_topics(moved)
        if moved:
            log.info("restart: %d of %d replayed mentions changed topic", len(moved), len(stored))
        # a stored topic the replay did not keep went into another: its resumed alert follows it there
        kept = set(mapping.values())
        went: dict[int, dict[int, int]] = {}
        for m in stored:
            if m.topic is not None and m.topic not in kept and assigned.get(m.id, m.topic) != m.topic:
                into = went.setdefault(m.topic, {})
                into[assigned[m.id]] = into.get(assigned[m.id], 0) + 1
        for old, into in sorted(went.items()):
            self.alerts.merge_topics(old, most_held(into))

    def _kept_before(self, now: datetime, since: datetime) -> list[Mention]:
        """The stored mentions older than the replay's day that the live wall still kept for its stories
        pass (those of its window, at most its number of posts: ``wall_stories.window``), oldest first.
        Read from the newest back, at most ``wall_stories.MOST_POSTS`` rows: bounded at any volume (at
        crisis volume the day holds them all and none is added)."""
        oldest = now - timedelta(seconds=wall_stories.WINDOW_S)
        return [m for m in reversed(self.store.latest_mentions(wall_stories.MOST_POSTS))
                if oldest <= m.published < since and self._configured(m)]

    def _restore_names(self) -> None:
        """Topics that kept their ids after the replay keep the names walls showed before the restart (the
        store's topic summaries): a restart does not rename the crisis banner. A name is then kept while
        it fits, as any tile's (:meth:`TopicClusterer.name_as`)."""
        for topic in self.store.topic_summaries():
            if topic.label and self.clusterer.is_live(topic.id):
                self.clusterer.name_as(topic.id, topic.label)

    def _apply_merges(self) -> None:
        """Topic merges reach the store and the alerts (an alert follows its topic into the merge); then
        single posts moved to another topic reach the store (its counts follow them), and the names the
        stories pass gave ended topics."""
        for src, dst in self.clusterer.drain_merges():
            self.store.merge_topics(src, dst)
            self.alerts.merge_topics(src, dst)
            self.dirty = True
        moved = self.clusterer.drain_moves()   # after the merges: a post may leave a topic merged
        if moved:
            self.store.set_topics(moved)
            self.dirty = True
        ended = self.clusterer.drain_ended_names()   # names of ended stories: the briefing, the history
        if ended:
            self.store.save_topic_names(ended, self.clock())

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
                                  duplicate_of=duplicate_of, exclude_terms=self._exclude,
                                  reply_to=m.reply_to)

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
        # the batch's stories: none while a backlog is drained; an import keeps its rate (wall_stories)
        merges = self.clusterer.consolidate_stories(
            held=self.backlog > 0,
            most_new=wall_stories.IMPORT_BUSY_POSTS if self.consolidate_by_data else None)
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
