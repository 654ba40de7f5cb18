"""Frozen dataclasses shared by every layer: the only things that cross threads.

Times are timezone-aware UTC ``datetime`` objects. Sequences are tuples so that
instances are hashable and safe to hand from the worker thread to the GUI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


def utcnow() -> datetime:
    """The current time, aware, in UTC."""
    return datetime.now(UTC)


class Polarity(StrEnum):
    """Sentiment label of a mention."""

    NEGATIVE = "negative"
    NEUTRAL = "neutral"
    POSITIVE = "positive"


@dataclass(frozen=True, slots=True)
class Sentiment:
    """Sentiment of one text: label, score in [-1, 1], confidence in [0, 1]."""

    label: Polarity
    score: float
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Search:
    """A keyword search configured by an operator."""

    name: str
    query: str
    sources: tuple[str, ...] = ()
    languages: tuple[str, ...] = ("nl",)
    colour: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """One post, article or comment found by a search: normalised, plain text."""

    id: str
    source: str
    text: str
    published: datetime
    url: str = ""
    author: str = ""
    title: str = ""
    lang: str | None = None
    searches: tuple[str, ...] = ()
    sentiment: Sentiment | None = None
    topic: int | None = None
    engagement: int = 0
    canonical_url: str = ""
    #: id of the first mention of the same story (near-duplicate group); None if it is the first.
    duplicate_of: str | None = None
    #: data-quality flags such as "date_missing", "date_future".
    flags: tuple[str, ...] = ()
    #: id of the mention this one answers (a reply's parent, as the source gives it); None if it
    #: answers nothing or the source does not say.
    reply_to: str | None = None

    @property
    def is_negative(self) -> bool:
        """True when the mention was scored negative."""
        return self.sentiment is not None and self.sentiment.label is Polarity.NEGATIVE


@dataclass(frozen=True, slots=True)
class FetchError:
    """Why one poll of one source failed, as a readable sentence plus a machine code."""

    source: str
    code: str  # e.g. "timeout", "http_status", "rate_limited", "parse", "too_large", "config"
    reason: str
    status: int | None = None
    retry_after_s: float | None = None


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one poll of one source for one search returned."""

    source: str
    search: str
    mentions: tuple[Mention, ...] = ()
    error: FetchError | None = None
    not_modified: bool = False
    fetched_at: datetime = field(default_factory=utcnow)

    @property
    def ok(self) -> bool:
        """True when the poll worked (possibly with nothing new)."""
        return self.error is None


@dataclass(frozen=True, slots=True)
class SourceHealth:
    """Health of one source as the wall and ``newsroom doctor`` show it."""

    source: str
    title: str
    last_success: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    items_last_poll: int = 0
    consecutive_failures: int = 0
    next_poll: datetime | None = None
    #: FetchError.code of the last failure ("timeout", "auth", "config", ...), for a translated reason
    last_error_code: str | None = None
    #: HTTP status of the last failure, if the server answered
    last_error_status: int | None = None

    @property
    def ok(self) -> bool:
        """True when the last poll worked."""
        return self.consecutive_failures == 0


@dataclass(frozen=True, slots=True)
class Series:
    """Regularly bucketed counts: ``values[i]`` covers ``start + i * step_s`` seconds."""

    start: datetime
    step_s: int
    values: tuple[float, ...]

    @property
    def end(self) -> datetime:
        """Start of the bucket after the last one."""
        from datetime import timedelta

        return self.start + timedelta(seconds=self.step_s * len(self.values))


@dataclass(frozen=True, slots=True)
class TermWeight:
    """A word or phrase of a topic, with its weight and mean sentiment score in [-1, 1]."""

    term: str
    weight: float
    sentiment: float = 0.0
    #: share in [0, 1] of the term's uses that are in negative mentions; None when not known
    negative_share: float | None = None


@dataclass(frozen=True, slots=True)
class TopicState:
    """A live topic as the clusterer sees it (series come from the store); also what the store keeps of
    it for walls that read (``Store.topic_summaries``: label and terms with phrases applied)."""

    id: int
    label: str
    terms: tuple[TermWeight, ...]
    size: int
    negative: int
    first_seen: datetime
    last_seen: datetime
    representative_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Topic:
    """An emergent cluster of mentions."""

    id: int
    label: str
    terms: tuple[TermWeight, ...]
    volume: Series
    negative: Series
    size: int
    share_negative: float
    first_seen: datetime
    last_seen: datetime
    representative_ids: tuple[str, ...] = ()
    #: normal band of the volume series (same buckets), if known: (low, high) per bucket.
    baseline_low: tuple[float, ...] = ()
    baseline_high: tuple[float, ...] = ()
    per_hour: float = 0.0
    #: -1 falling, 0 steady, +1 rising (last hour against the hour before).
    trend: int = 0
    searches: tuple[str, ...] = ()
    #: the sub-stories of one event shown as this one tile (its own topic first); empty for a plain topic
    substories: tuple[SubStory, ...] = ()


@dataclass(frozen=True, slots=True)
class SubStory:
    """One topic inside an event (newsroom.analysis.events): what the event tile and crisis view list."""

    topic_id: int
    label: str
    size: int
    per_hour: float
    share_negative: float


class AlertState(StrEnum):
    """Lifecycle of one alert."""

    RAISED = "raised"
    ONGOING = "ongoing"
    RESOLVED = "resolved"


class AlertScope(StrEnum):
    """What an alert watches."""

    TOPIC = "topic"
    SEARCH = "search"
    WALL = "wall"


@dataclass(frozen=True, slots=True)
class SpikeAlert:
    """A negative-volume spike with the numbers that explain it."""

    id: str
    scope: AlertScope
    key: str  # topic id, search name or "wall"
    title: str  # topic label, search name or wall name
    state: AlertState
    severity: int  # 1..5
    started: datetime
    updated: datetime
    window_min: int
    observed: int  # negative mentions in the window
    expected: float  # normal negative mentions for this window at this time of week
    spread: float  # normal variation (robust standard deviation) of that expectation
    score: float  # detector score in [0, 1]
    top_terms: tuple[str, ...] = ()
    mention_ids: tuple[str, ...] = ()
    first_seen: datetime | None = None
    acknowledged_by: str | None = None
    acknowledged_at: datetime | None = None
    resolved_at: datetime | None = None
    #: context for the explanation, e.g. "tuesday afternoon": (weekday 0-6, hour 0-23).
    weekday: int = 0
    hour: int = 0


@dataclass(frozen=True, slots=True)
class CrisisDetail:
    """One event on the whole screen (the crisis view): its volume since a few hours before the start
    against the normal band, its sub-stories, phrases and newest negative mentions."""

    topic_id: int  # the event's tile topic
    title: str
    started: datetime  # when the spike started (the alert's start; else the topic's first mention)
    volume: Series  # 5-minute buckets from a few hours before the start up to now
    negative: Series
    baseline_low: tuple[float, ...]
    baseline_high: tuple[float, ...]
    size: int
    share_negative: float
    per_hour: float
    alert: SpikeAlert | None = None
    substories: tuple[SubStory, ...] = ()
    phrases: tuple[TermWeight, ...] = ()
    #: the newest negative mentions of the event, newest first (near-duplicate copies left out)
    negative_mentions: tuple[Mention, ...] = ()
    #: what the replies among ``negative_mentions`` answer: (reply id, the parent's text cut short)
    reply_parents: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class WallSnapshot:
    """Everything the wall shows at one moment; built by the worker, rendered by the GUI."""

    created: datetime
    wall_name: str
    topics: tuple[Topic, ...] = ()
    latest: tuple[Mention, ...] = ()
    alerts: tuple[SpikeAlert, ...] = ()
    health: tuple[SourceHealth, ...] = ()
    newest_data: datetime | None = None
    demo: bool = False
    total: Series | None = None
    negative: Series | None = None
    mentions_last_hour: int = 0
    #: non-fatal problems for a banner, as (code, detail) pairs the UI translates.
    notices: tuple[tuple[str, str], ...] = ()
    #: names of the configured searches: () when none is set up yet, None when not known
    searches: tuple[str, ...] | None = None
    #: one page per search for the rotation (built only when ``display.rotation`` is on)
    search_pages: tuple[SearchPage, ...] = ()
    #: the crisis view's data of each event with an active alert, most severe first
    crises: tuple[CrisisDetail, ...] = ()
    #: what the replies among ``latest`` answer: (reply id, the parent's text cut short); a parent
    #: not in the store has no entry
    reply_parents: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class SearchPage:
    """The topics of one search, most urgent first, for its page in the wall's rotation."""

    search: str
    topics: tuple[Topic, ...] = ()


# --- JSONL record (DESIGN.md "Mention record") ------------------------------------------------


def _iso(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(value: str | None, default: datetime | None = None) -> datetime:
    """Parse an ISO-8601 time (``Z`` allowed) into aware UTC; naive times are taken as UTC."""
    if not value:
        return default or utcnow()
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    dt = datetime.fromisoformat(text)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def mention_to_record(m: Mention) -> dict[str, Any]:
    """The JSONL record of a mention, as in DESIGN.md."""
    rec: dict[str, Any] = {
        "id": m.id,
        "source": m.source,
        "url": m.url,
        "author": m.author,
        "title": m.title,
        "text": m.text,
        "published": _iso(m.published),
        "lang": m.lang,
        "searches": list(m.searches),
        "sentiment": None,
        "topic": m.topic,
        "engagement": m.engagement,
    }
    if m.sentiment is not None:
        rec["sentiment"] = {
            "label": m.sentiment.label.value,
            "score": round(m.sentiment.score, 4),
            "confidence": round(m.sentiment.confidence, 4),
        }
    if m.duplicate_of:
        rec["duplicate_of"] = m.duplicate_of
    if m.flags:
        rec["flags"] = list(m.flags)
    if m.reply_to:
        rec["reply_to"] = m.reply_to
    return rec


def mention_from_record(rec: dict[str, Any], *, default_id: str = "") -> Mention:
    """Build a mention from a JSONL record; everything but ``text`` may be missing.

    Raises ``ValueError`` with a readable reason when the record is unusable.
    """
    if not isinstance(rec, dict):
        raise ValueError("a line is not a JSON object")
    text = rec.get("text")
    if not isinstance(text, str):
        raise ValueError("the record has no text")
    sent = rec.get("sentiment")
    sentiment = None
    if isinstance(sent, dict) and "label" in sent:
        sentiment = Sentiment(
            Polarity(str(sent["label"])),
            float(sent.get("score", 0.0)),
            float(sent.get("confidence", 1.0)),
        )
    try:
        published = parse_time(rec.get("published"))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"the published time {rec.get('published')!r} is not ISO-8601") from exc
    topic = rec.get("topic")
    return Mention(
        id=str(rec.get("id") or default_id),
        source=str(rec.get("source") or "import"),
        text=text,
        published=published,
        url=str(rec.get("url") or ""),
        author=str(rec.get("author") or ""),
        title=str(rec.get("title") or ""),
        lang=rec.get("lang") or None,
        searches=tuple(str(s) for s in rec.get("searches") or ()),
        sentiment=sentiment,
        topic=int(topic) if isinstance(topic, int) else None,
        engagement=int(rec.get("engagement") or 0),
        duplicate_of=rec.get("duplicate_of") or None,
        flags=tuple(str(f) for f in rec.get("flags") or ()),
        reply_to=str(rec["reply_to"]) if rec.get("reply_to") else None,
    )
