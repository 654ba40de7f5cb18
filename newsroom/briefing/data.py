"""What the briefing says about a period, gathered from the store (no Qt, no network).

The store keeps every mention with its topic, per-minute counts per topic, the alerts and the last
health of each source. From those: the period's top topics (most mentions in the period), each with a
name and cloud words worked out from its own posts of the period (so a topic that went quiet hours ago
still has a name; the running wall may pass the names its tiles show instead), its volume and negative
volume over the period, its sentiment mix and a few representative posts; the alerts that were active
in the period with who acknowledged them when; and each source's mentions and health.

Privacy mode "topics, not people": no author is ever taken along, and handles are masked in every text
(:func:`newsroom.briefing.redact.redact_handles`).
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from newsroom.analysis.swear_words import masked
from newsroom.analysis.topic_names import name_topic
from newsroom.analysis.topic_words import WordReader
from newsroom.briefing.redact import redact_handles
from newsroom.domain import Mention, Polarity, Series, SourceHealth, SpikeAlert, TermWeight
from newsroom.errors import CommandFailed
from newsroom.pipeline.query_terms import query_terms
from newsroom.pipeline.runner import Pipeline
from newsroom.store import Store, open_store
from newsroom.store.opening import parse_location
from newsroom.store.schema import SCHEMA_VERSION, NewerSchemaError, check_readable, version_of

#: topics the briefing covers by default
TOP_TOPICS = 8
#: representative posts per topic
POSTS_PER_TOPIC = 3
#: posts of a topic read for its name, words and representatives
SAMPLE = 240
#: a topic with more than this share of the period's mentions is sampled by walking the period backwards
BY_TIME_SHARE = 0.05
#: cloud words per topic
CLOUD_WORDS = 24
#: buckets per period in the charts (about; the bucket is a whole number of 10 minutes)
BUCKETS = 48
#: a printed post is cut at a word boundary after about this many characters
TEXT_CHARS = 260
#: a word in this share of a topic's posts is one of its words; one of half the topics' is background
TOPIC_SHARE = 0.05


@dataclass(frozen=True, slots=True)
class BriefingPost:
    """A representative post as printed: where and when, its text (handles masked), its sentiment."""

    source: str
    published: datetime
    text: str
    sentiment: Polarity | None = None


@dataclass(frozen=True, slots=True)
class SentimentMix:
    """How many mentions were negative, neutral and positive (unscored count as neutral)."""

    negative: int = 0
    neutral: int = 0
    positive: int = 0

    @property
    def total(self) -> int:
        """All mentions."""
        return self.negative + self.neutral + self.positive

    def share(self, label: Polarity) -> float:
        """The share of ``label`` in [0, 1] (0 when there are none)."""
        n = {Polarity.NEGATIVE: self.negative, Polarity.NEUTRAL: self.neutral,
             Polarity.POSITIVE: self.positive}[label]
        return n / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class BriefingTopic:
    """One of the period's top topics."""

    id: int
    label: str
    terms: tuple[TermWeight, ...]
    volume: Series
    negative: Series
    mentions: int
    mix: SentimentMix
    posts: tuple[BriefingPost, ...] = ()
    alerted: bool = False


#: how platforms are called in print
PLATFORMS = {"rss": "RSS", "gnews": "Google News", "bing": "Bing News", "gdelt": "GDELT",
             "mastodon": "Mastodon",
             "bluesky": "Bluesky", "youtube": "YouTube", "x": "X", "demo": "Demo", "import": "Import"}


def platform_title(source: str) -> str:
    """'Google News' for 'gnews'; an unknown name as it is."""
    return PLATFORMS.get(source, source)


@dataclass(frozen=True, slots=True)
class BriefingData:
    """Everything the briefing document shows; built on the worker thread, drawn elsewhere."""

    wall_name: str
    start: datetime
    end: datetime
    created: datetime
    volume: Series
    negative: Series
    mix: SentimentMix
    topics: tuple[BriefingTopic, ...] = ()
    #: topics with mentions in the period beyond the ones shown
    other_topics: int = 0
    alerts: tuple[SpikeAlert, ...] = ()
    #: the last known health of every polled source, by title
    sources: tuple[SourceHealth, ...] = ()
    #: (platform title, mentions in the period), most first
    platforms: tuple[tuple[str, int], ...] = ()
    demo: bool = False

    @property
    def mentions(self) -> int:
        """Mentions in the period (copies of one post counted once)."""
        return self.mix.total


def bucket_seconds(start: datetime, end: datetime) -> int:
    """Chart bucket for a period: about BUCKETS buckets, a whole number of 10 minutes (at least 10)."""
    span = max(600.0, (end - start).total_seconds())
    return max(600, round(span / BUCKETS / 600.0) * 600)


def _labels(breakdown: Sequence[tuple[int | None, str, str, bool, int]],
            topic: int | None = None) -> dict[str, int]:
    """Mentions per sentiment label (copies left out), of one topic or of all."""
    out: dict[str, int] = {}
    for t, label, _, copy, n in breakdown:
        if not copy and (topic is None or t == topic):
            out[label] = out.get(label, 0) + n
    return out


def _mix(counts: Mapping[str, int]) -> SentimentMix:
    return SentimentMix(negative=counts.get(Polarity.NEGATIVE.value, 0),
                        neutral=sum(n for label, n in counts.items()
                                    if label not in (Polarity.NEGATIVE.value, Polarity.POSITIVE.value)),
                        positive=counts.get(Polarity.POSITIVE.value, 0))


_SPACE = re.compile(r"\s+")


def printable(m: Mention, limit: int = TEXT_CHARS) -> str:
    """The post as one plain line: its title when it has one (news), else its text; handles and swear
    words masked ("K**!": a printed page, like the wall), cut at a word boundary with an ellipsis."""
    text = m.title if m.title and len(m.title) >= 20 else m.text
    text = _SPACE.sub(" ", masked(redact_handles(text))).strip()
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:.-") + " …"


def _text(m: Mention) -> str:
    return f"{m.title}. {m.text}" if m.title and m.title != m.text else m.text


class _Namer:
    """Names and cloud words of the period's topics from their own posts (see topic_names).

    Rarity is measured between topics, each topic weighing the same however big it is: a word all the
    period's topics use (the town's name) is background, a word of one story is that story's own, also
    when that story is most of the period (a crisis)."""

    def __init__(self, samples: Mapping[int, Sequence[Mention]], exclude: frozenset[str]) -> None:
        self.reader = WordReader()
        self.df: dict[str, float] = {}
        self.used_by: dict[str, int] = {}
        self._per_topic: dict[int, list[list[str]]] = {}
        for tid, posts in samples.items():
            rows = [self.reader.read(redact_handles(_text(m)), m.lang, exclude) for m in posts]
            self._per_topic[tid] = rows
            own: dict[str, int] = {}
            for row in rows:
                for k in set(row):
                    own[k] = own.get(k, 0) + 1
            for k, n in own.items():
                self.df[k] = self.df.get(k, 0.0) + n / len(rows)
                if n / len(rows) >= TOPIC_SHARE:
                    self.used_by[k] = self.used_by.get(k, 0) + 1
        self.topics = len(samples)
        #: the searches' own words as keys in every language: never in a name
        self.searched = frozenset(hit[0] for term in exclude for lang in ("nl", "en", "fr", None)
                                  if (hit := self.reader.key_of(term, lang)) is not None)
        spread = max(2, math.ceil(self.topics / 2))
        self.background = frozenset(k for k, n in self.used_by.items() if n >= spread)

    def idf(self, key: str) -> float:
        """How rare a word is between the period's topics (each topic counts once)."""
        return math.log((self.topics + 1.0) / (self.df.get(key, 0.0) + 0.5))

    def _background(self, tid: int) -> frozenset[str]:
        return self.background

    def name(self, tid: int, posts: Sequence[Mention]) -> str:
        """A phrase people wrote that says what the topic is about."""
        texts = [(redact_handles(_text(m)), m.lang) for m in posts]
        return name_topic(texts, self.reader, self.idf, self._background(tid) | self.searched,
                          keep_town=False)

    def terms(self, tid: int, posts: Sequence[Mention]) -> tuple[TermWeight, ...]:
        """The topic's cloud: its words by use × rarity, with the mean sentiment of the posts using them."""
        background = self._background(tid)
        used: dict[str, int] = {}
        feeling: dict[str, float] = {}
        for row, m in zip(self._per_topic.get(tid, []), posts, strict=False):
            score = m.sentiment.score if m.sentiment else 0.0
            for k in set(row):
                if k in background or (k.startswith("#") and k[1:] in background):
                    continue
                used[k] = used.get(k, 0) + 1
                feeling[k] = feeling.get(k, 0.0) + score
        ranked = sorted(used, key=lambda k: (-used[k] * max(self.idf(k), 0.1), k))[:CLOUD_WORDS]
        return tuple(TermWeight(self.reader.written(k), used[k] * max(self.idf(k), 0.1),
                                feeling[k] / used[k]) for k in ranked if used[k] >= 2 or len(posts) < 6)

    def representatives(self, tid: int, posts: Sequence[Mention], terms: Sequence[TermWeight],
                        k: int = POSTS_PER_TOPIC) -> tuple[BriefingPost, ...]:
        """The ``k`` posts that use the topic's words most (different texts; ties: the most shared, the
        newest)."""
        top = {t.term: t.weight for t in terms}
        scored: list[tuple[float, int, float, str, Mention]] = []
        for row, m in zip(self._per_topic.get(tid, []), posts, strict=False):
            keys = set(row)
            if not keys:
                continue
            s = sum(top.get(self.reader.written(key), 0.0) for key in keys) / math.sqrt(len(keys))
            scored.append((-s, -m.engagement, -m.published.timestamp(), m.id, m))
        scored.sort(key=lambda r: r[:4])
        out: list[BriefingPost] = []
        seen: set[str] = set()
        for *_, m in scored:
            text = printable(m)
            first = text[:60].lower()
            if not text or first in seen:
                continue
            seen.add(first)
            out.append(BriefingPost(m.source, m.published, text, m.sentiment.label if m.sentiment else None))
            if len(out) == k:
                break
        return tuple(sorted(out, key=lambda p: p.published))


def _alerts_in(store: Store, start: datetime, end: datetime) -> tuple[SpikeAlert, ...]:
    """Alerts active at some moment of [start, end): started before its end, not resolved before its start;
    most severe first, then by start."""
    found = [a for a in store.alerts_since(start) if a.started < end]
    found += [a for a in store.active_alerts() if a.started < end and a.id not in {f.id for f in found}]
    return tuple(sorted(found, key=lambda a: (-a.severity, a.started, a.id)))


def gather(store: Store, start: datetime, end: datetime, *, wall_name: str, created: datetime,
           health: Sequence[SourceHealth] = (), exclude: frozenset[str] = frozenset(),
           labels: Mapping[int, str] | None = None,
           max_topics: int = TOP_TOPICS, demo: bool = False) -> BriefingData:
    """The briefing of [start, end) from ``store``.

    ``health``: the sources' last health; ``exclude``: the
    searches' own words (never a topic's name or cloud word); ``labels``: names the running wall shows
    for live topics (used instead of the names worked out here, so the briefing and the wall agree); an
    ended topic takes the name the wall's stories pass stored for it (``Store.topic_names``), if any.
    """
    step = bucket_seconds(start, end)
    volume, negative = store.counts("wall", "wall", start, end, step)
    totals = store.totals_by_key("topic", start, end)
    chosen = [(int(key), n) for key, n, _ in totals if key.lstrip("-").isdigit()][:max_topics]
    active = _alerts_in(store, start, end)
    alerted = {a.key for a in active if a.scope.value == "topic"}
    breakdown = store.period_breakdown(start, end)
    in_period = sum(n for *_, copy, n in breakdown if not copy) or 1
    samples = {tid: store.topic_mentions(tid, start, end, SAMPLE, by_time=n > BY_TIME_SHARE * in_period)
               for tid, n in chosen}
    namer = _Namer(samples, exclude)
    ended = store.topic_names(tid for tid, _ in chosen if tid not in (labels or {}))
    topics: list[BriefingTopic] = []
    for tid, n in chosen:
        posts = samples[tid]
        tv, tn = store.counts("topic", str(tid), start, end, step)
        terms = namer.terms(tid, posts)
        label = ((labels or {}).get(tid) or ended.get(tid) or namer.name(tid, posts)
                 or (terms[0].term if terms else f"#{tid}"))
        topics.append(BriefingTopic(
            id=tid, label=label, terms=terms, volume=tv, negative=tn, mentions=n,
            mix=_mix(_labels(breakdown, tid)), posts=namer.representatives(tid, posts, terms),
            alerted=str(tid) in alerted))
    per_source: dict[str, int] = {}
    for _, _, source, _, k in breakdown:
        per_source[source] = per_source.get(source, 0) + k
    platforms = tuple(sorted(((platform_title(s), n) for s, n in per_source.items()),
                             key=lambda r: (-r[1], r[0])))
    return BriefingData(
        wall_name=wall_name, start=start, end=end, created=created, volume=volume, negative=negative,
        mix=_mix(_labels(breakdown)), topics=tuple(topics),
        other_topics=max(0, len(totals) - len(topics)), alerts=active,
        sources=tuple(sorted(health, key=lambda h: (h.title.lower(), h.source))), platforms=platforms,
        demo=demo)


def period(end: datetime, since: timedelta) -> tuple[datetime, datetime]:
    """[end - since, end), both to the whole minute."""
    stop = end.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return stop - since, stop


def open_read_only(location: str | Path) -> Store:
    """The store at ``location`` opened read-only (never created, migrated or written); an empty in-memory
    store when there is no file yet. CommandFailed with a sentence when it cannot be read. A PostgreSQL
    URL is opened in a read-only session (``open_store``)."""
    where = parse_location(location)
    if where.path is None:
        try:
            return open_store(location, read_only=True)
        except NewerSchemaError as exc:
            raise CommandFailed(str(exc)) from None
    path = where.path
    if not path.exists():
        return Store.open(Path(":memory:"))
    try:
        db = sqlite3.connect(path.absolute().as_uri() + "?mode=ro", uri=True, check_same_thread=False)
    except sqlite3.Error as exc:
        raise CommandFailed(f"the store {path} cannot be opened for reading: {exc}") from exc
    try:
        version = version_of(db)
        check_readable(version)
        if version < SCHEMA_VERSION:
            raise CommandFailed(f"the store {path} is of an older version ({version}); start the wall once "
                                "to bring it up to date, then make the briefing")
    except NewerSchemaError as exc:
        db.close()
        raise CommandFailed(str(exc)) from None
    except sqlite3.DatabaseError as exc:
        db.close()
        raise CommandFailed(f"the store {path} cannot be read: {exc}") from None
    except CommandFailed:
        db.close()
        raise
    return Store(db, path)


@dataclass(frozen=True, slots=True)
class LiveContext:
    """What a running pipeline knows beyond its store, taken on its thread in a moment: the briefing is
    then gathered elsewhere through a read-only connection of its own (the pipeline never waits)."""

    #: what ``open_store`` takes (a PostgreSQL URL may hold a password: never shown)
    store_file: str | Path
    wall_name: str
    now: datetime
    health: tuple[SourceHealth, ...]
    exclude: frozenset[str]
    labels: tuple[tuple[int, str], ...]
    demo: bool

    @property
    def in_memory(self) -> bool:
        """A store without a file (a private demo): only its own thread can read it."""
        return str(self.store_file) == ":memory:"


def live_context(pipeline: Pipeline) -> LiveContext:
    """The pipeline's names of its live topics, its sources' health and its store file (its thread)."""
    now = pipeline.clock()
    return LiveContext(pipeline.store.target, pipeline.wall_name, now, tuple(pipeline.poller.health(now)),
                       query_terms(pipeline.searches),
                       tuple((t.id, t.label) for t in pipeline.clusterer.topics(now) if t.label),
                       pipeline.demo)


def gather_live(context: LiveContext, since: timedelta, *, max_topics: int = TOP_TOPICS,
                store: Store | None = None) -> BriefingData:
    """The briefing of ``since`` up to the context's moment, from ``store`` or a read-only connection to
    the context's store file (any thread)."""
    start, end = period(context.now, since)
    own = store is None
    reader = open_read_only(context.store_file) if store is None else store
    try:
        return gather(reader, start, end, wall_name=context.wall_name, created=context.now,
                      health=context.health, exclude=context.exclude, labels=dict(context.labels),
                      max_topics=max_topics, demo=context.demo)
    finally:
        if own:
            reader.close()


def from_pipeline(pipeline: Pipeline, since: timedelta, *, max_topics: int = TOP_TOPICS) -> BriefingData:
    """The briefing of ``since`` up to now from a pipeline, on its own thread: the topic names are the
    ones its wall shows."""
    return gather_live(live_context(pipeline), since, max_topics=max_topics, store=pipeline.store)
