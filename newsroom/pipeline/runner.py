"""One poll cycle: due sources → dedupe → language → sentiment → topic → store → alerts."""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol

from newsroom.analysis.language import detect_language
from newsroom.analysis.neardup import NearDupIndex
from newsroom.analysis.sentiment import SentimentScorer
from newsroom.analysis.topics import TopicClusterer
from newsroom.analysis.words import PhraseFinder, content_words
from newsroom.config import Config
from newsroom.domain import FetchResult, Mention, Search, SourceHealth, SpikeAlert, WallSnapshot, utcnow
from newsroom.pipeline.alerting import WallAlerts
from newsroom.pipeline.snapshot import SnapshotBuilder
from newsroom.query import QueryError, parse_query
from newsroom.store import Store
from newsroom.store.topic_ids import TopicIds

log = logging.getLogger("newsroom.pipeline")
#: Topics that tell one story are merged this often (TopicClusterer.consolidate).
CONSOLIDATE_EVERY = timedelta(minutes=5)

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
                 notifier: Notifier | None = None) -> None:
        self.config = config
        self.store = store
        self.poller = poller
        self.clock = clock
        self.demo = demo
        self.searches = tuple(searches if searches is not None else config.searches)
        self.wall_name = wall_name or config.wall_name
        self._languages = {s.name: s.languages for s in self.searches}
        self._exclude = query_terms(self.searches)
        lexicon = config.values.get("sentiment.user_lexicon")
        self.scorer = SentimentScorer(lexicon if isinstance(lexicon, dict) else None)
        self.clusterer = TopicClusterer(new_id=TopicIds(store))  # ids never reused, also after a restart
        self.neardup = NearDupIndex()
        self.phrases = PhraseFinder()
        self.alerts = WallAlerts(store, str(config.get("alerts.sensitivity")),
                                 window_min=int(config.get("alerts.window_min")),
                                 min_negative=int(config.get("alerts.min_negative")),
                                 cooldown_min=int(config.get("alerts.cooldown_min")))
        self.notifier = notifier
        self._builder = SnapshotBuilder(store, max_topics=int(config.get("wall.max_topics")),
                                        phrases=self.phrases)
        self._last_retention: datetime | None = None
        self._last_consolidation: datetime | None = None
        self._notices: tuple[tuple[str, str], ...] = ()
        self._rebuild_topics()

    def set_notices(self, notices: Iterable[tuple[str, str]]) -> None:
        """Problems to show on the wall (e.g. a config that could not be read)."""
        self._notices = tuple(notices)

    def _rebuild_topics(self) -> None:
        """Feed the last 24 h of stored mentions to a fresh clusterer so a restart keeps topics, under
        the ids their mentions had (see :func:`keep_stored_ids`); only mentions the clusterer really
        groups differently move (and their counts with them)."""
        since = self.clock() - timedelta(hours=24)
        stored = self.store.mentions_since(since)
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

    @staticmethod
    def _text(m: Mention) -> str:
        """What is analysed of a mention: its title and text."""
        return f"{m.title}. {m.text}" if m.title and m.title != m.text else m.text

    def _assign(self, m: Mention) -> int:
        score = m.sentiment.score if m.sentiment else 0.0
        text = self._text(m)
        if not m.duplicate_of:  # phrases for the clouds; copies of one story count once
            self.phrases.observe(content_words(text, m.lang, self._exclude))
        return self.clusterer.add(m.id, text, m.lang, m.published, sentiment=score, negative=m.is_negative,
                                  duplicate_of=m.duplicate_of, exclude_terms=self._exclude)

    def analyse(self, m: Mention) -> Mention:
        """Language, sentiment and topic of one new mention."""
        prior: tuple[str, ...] = ()
        for name in m.searches:
            prior += self._languages.get(name, ())
        text = self._text(m)
        lang = m.lang or detect_language(text, prior)
        sentiment = m.sentiment or self.scorer.score(text, lang)
        duplicate_of = m.duplicate_of or self.neardup.check(m)
        m = replace(m, lang=lang, sentiment=sentiment, duplicate_of=duplicate_of)
        return replace(m, topic=self._assign(m))

    def ingest(self, mentions: Sequence[Mention], now: datetime | None = None) -> int:
        """Analyse and store mentions (dedupe first); returns how many were new."""
        fresh = self.store.filter_new(mentions)
        for m in fresh:                  # the batch's words first: what every mention says is background
            self.clusterer.observe(self._text(m), m.lang, self._exclude)
        analysed = [self.analyse(m) for m in fresh]
        added = self.store.add_mentions(analysed)
        now = now or self.clock()
        self._consolidate(now)
        self._apply_merges()
        for alert in self.alerts.update(now, self.clusterer.topics(now), self.searches, self.wall_name):
            if self.notifier is not None:
                self.notifier.submit(alert)  # never blocks: the dispatcher has its own thread
        return added

    def poll_once(self) -> PollReport:
        """Analyse and store what the fetches that ended brought, start what is due (never waits for
        the network), keep retention."""
        now = self.clock()
        results = self.poller.poll_due(now)
        mentions = [m for r in results for m in r.mentions]
        new = self.ingest(mentions, now)
        self._retention(now)
        errors = sum(1 for r in results if r.error is not None)
        if new:
            log.debug("poll: %d results, %d new mentions", len(results), new)
        return PollReport(len(results), errors, len(mentions), new)

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
        """Hourly: old rows and the state of sources and searches no longer configured go; weekly the
        store is optimised and gives freed space back."""
        if self._last_retention and now - self._last_retention < timedelta(hours=1):
            return
        self._last_retention = now
        # a search naming no sources asks every source: then no source is "no longer configured"
        asked = None if any(not s.sources for s in self.searches) else \
            {name for s in self.searches for name in s.sources} | ({"demo"} if self.demo else set())
        self.store.apply_retention(now, int(self.config.get("store.retention_days")),
                                   sources=asked, searches=[s.name for s in self.searches])
        self.store.maintain(now)

    def acknowledge(self, alert_id: str, by: str) -> None:
        """Record that someone on the wall has seen an alert."""
        self.store.acknowledge_alert(alert_id, by, self.clock())

    def snapshot(self, *, focus: str | None = None) -> WallSnapshot:
        """The wall as it is now; ``focus`` names the event whose crisis view comes first
        (``SnapshotBuilder.build``)."""
        now = self.clock()
        return self._builder.build(
            now, self.wall_name, self.clusterer.topics(now), self.poller.health(now),
            demo=self.demo, notices=self._notices, focus=focus,
        )

    def close(self) -> None:
        """Stop polling (requests in flight are not waited for), stop the notifier (after what is
        queued) and close the store."""
        self.poller.close()
        if self.notifier is not None:
            self.notifier.stop()
        self.store.close()
