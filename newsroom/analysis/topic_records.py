"""What the clusterer records of its posts and topics: the output line, a kept post (batch), a recent
post (wall), where a topic's model counts went, and a topic's bookkeeping beyond the model's counts
(ids, times, posts for its name, sentiment), with a post counted in or out of it."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime

#: Posts kept per topic for its name.
TEXTS_KEPT = 48
#: Post times kept per topic (the most recent), for time closeness when fragments are grouped on the wall.
STAMPS_KEPT = 48
#: Sampled posts (id, model words) kept per topic, for its representatives and the merges' evidence.
SAMPLE_KEPT = 32


@dataclass(frozen=True, slots=True)
class Assignment:
    """The final topic of one input document (the ``newsroom topics`` output line)."""

    id: str
    topic: int
    label: str


@dataclass(slots=True)
class KeptPost:
    """A mention kept for reassignment sweeps and story grouping (batch mode only)."""

    id: str
    terms: list[str]
    items: list[tuple[str, int]]
    length: int
    weight: float
    topic: int
    published: datetime
    sentiment: float
    negative: bool
    text: str = ""
    lang: str | None = None


@dataclass(frozen=True, slots=True)
class RecentPost:
    """On the wall: one recent post as the story evidence reads it (its model words, time and text)."""

    id: str
    time: float
    words: tuple[str, ...]
    text: str
    lang: str | None = None
    sentiment: float = 0.0
    negative: bool = False
    #: the post it answers (a reply's parent, as the source gave it), if any
    reply_to: str | None = None


class Counts:
    """Where a topic's model counts went: itself while live, the topic it merged into after that."""

    __slots__ = ("into",)

    def __init__(self) -> None:
        self.into: Counts | None = None

    def root(self) -> Counts:
        """The counts this topic's posts are in now (followed through merges)."""
        at = self
        while at.into is not None:
            at = at.into
        return at


@dataclass(slots=True)
class TopicMeta:
    """What a topic needs beyond the model counts: ids, times, phrases, sentiment."""

    id: int
    first: datetime
    last: datetime
    size: int = 0
    duplicates: int = 0
    negative: int = 0
    ids: deque[str] = field(default_factory=deque)
    sample: deque[tuple[str, list[tuple[str, int]]]] = field(default_factory=deque)
    #: recent posts (text, language), for the topic's name
    texts: deque[tuple[str, str | None]] = field(default_factory=lambda: deque(maxlen=TEXTS_KEPT))
    #: times of recent posts (POSIX seconds), for story grouping on the wall
    stamps: deque[float] = field(default_factory=lambda: deque(maxlen=STAMPS_KEPT))
    label: str = ""
    label_size: int = 0
    #: on the wall: the name the topic was last listed with as a tile (kept for the store when it ends)
    title: str = ""
    #: on the wall: the name a stories pass (or a restart, from the store) last gave the topic
    given: str = ""
    #: background words (left out of the model's counts) with their counts, for clouds and labels
    shown: dict[str, float] = field(default_factory=dict)
    sentiment: dict[str, float] = field(default_factory=dict)
    #: per word, the weight of its uses in negative mentions (the cloud shows each word's share)
    negwords: dict[str, float] = field(default_factory=dict)
    version: int = 0
    adds: int = 0
    checked: int = 0
    cached: tuple[int, str, list[tuple[str, float]], tuple[str, ...]] | None = None
    names: tuple[int, frozenset[str]] | None = None
    #: on the wall: the model counts of the posts counted in this topic (followed through merges)
    counts: Counts = field(default_factory=Counts)


def blend(kept: deque[tuple[str, str | None]], gone: deque[tuple[str, str | None]], kept_size: int,
          gone_size: int) -> deque[tuple[str, str | None]]:
    """The posts a merged topic is named from: the most recent of each side, in proportion to their
    sizes (the smaller side's posts never crowd out the bigger story's)."""
    cap = kept.maxlen or TEXTS_KEPT
    from_gone = min(len(gone), round(cap * gone_size / max(kept_size + gone_size, 1)))
    from_kept = min(len(kept), cap - from_gone)
    from_gone = min(len(gone), cap - from_kept)
    out: deque[tuple[str, str | None]] = deque(maxlen=cap)
    out.extend(list(kept)[len(kept) - from_kept:])
    out.extend(list(gone)[len(gone) - from_gone:])
    return out


def meta_add(meta: TopicMeta, doc: KeptPost, max_ids: int) -> None:
    """A post moved into a topic: its bookkeeping follows (the model's counts are the caller's)."""
    meta.size += 1
    meta.negative += int(doc.negative)
    meta.first = min(meta.first, doc.published)
    meta.last = max(meta.last, doc.published)
    meta.ids.append(doc.id)
    if len(meta.ids) > max_ids:
        meta.ids.popleft()
    if doc.items:                       # as when counted: a post of no words is no sample (count)
        meta.sample.append((doc.id, doc.items))
        if len(meta.sample) > SAMPLE_KEPT:
            meta.sample.popleft()
    meta.texts.append((doc.text, doc.lang))
    meta.stamps.append(doc.published.timestamp())
    if doc.sentiment:
        for w, c in doc.items:
            meta.sentiment[w] = meta.sentiment.get(w, 0.0) + doc.weight * c * doc.sentiment
    if doc.negative:
        for w, c in doc.items:
            meta.negwords[w] = meta.negwords.get(w, 0.0) + doc.weight * c
    meta.version += 1


def meta_remove(meta: TopicMeta, doc: KeptPost) -> None:
    """A post moved out of a topic: its bookkeeping follows (the model's counts are the caller's)."""
    meta.size -= 1
    meta.negative -= int(doc.negative)
    if doc.id in meta.ids:
        meta.ids.remove(doc.id)
    meta.sample = deque(s for s in meta.sample if s[0] != doc.id)
    if (doc.text, doc.lang) in meta.texts:
        meta.texts.remove((doc.text, doc.lang))
    if doc.published.timestamp() in meta.stamps:
        meta.stamps.remove(doc.published.timestamp())
    if doc.sentiment:
        for w, c in doc.items:
            if w in meta.sentiment:
                meta.sentiment[w] -= doc.weight * c * doc.sentiment
    if doc.negative:
        for w, c in doc.items:
            if w in meta.negwords:
                meta.negwords[w] -= doc.weight * c
    meta.version += 1
