"""Streaming topic grouping, first version: a mention joins the topic whose frequent words it shares.

Simple by design for the walking skeleton; the streaming clustering of the topics issue replaces it
with the same interface (stable ids, merges, retirement).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from newsroom.analysis.text import content_terms
from newsroom.domain import TermWeight


@dataclass(frozen=True, slots=True)
class TopicState:
    """A live topic as the clusterer sees it (series come from the store)."""

    id: int
    label: str
    terms: tuple[TermWeight, ...]
    size: int
    negative: int
    first_seen: datetime
    last_seen: datetime
    representative_ids: tuple[str, ...] = ()


@dataclass
class _Cluster:
    id: int
    words: Counter[str] = field(default_factory=Counter)
    ids: list[str] = field(default_factory=list)
    negative: int = 0
    sentiment: dict[str, float] = field(default_factory=dict)
    first: datetime | None = None
    last: datetime | None = None


class TopicClusterer:
    """Assigns each mention to a topic as it arrives; ids are stable while a topic lives."""

    def __init__(self, *, retire_after_s: float = 6 * 3600) -> None:
        self.retire_after_s = retire_after_s
        self._clusters: dict[int, _Cluster] = {}
        self._assign: dict[str, int] = {}
        self._next = 1

    def add(self, mention_id: str, text: str, lang: str | None, published: datetime, *,
            sentiment: float = 0.0, negative: bool = False, duplicate_of: str | None = None,
            exclude_terms: Iterable[str] = ()) -> int:
        """Assign one mention; returns its topic id."""
        if duplicate_of and duplicate_of in self._assign:
            tid = self._assign[duplicate_of]
            self._assign[mention_id] = tid
            return tid
        words = content_terms(text, lang, exclude_terms)
        distinct = set(words)
        best, best_score = None, 0.0
        for c in self._clusters.values():
            size = len(c.ids)
            shared = [w for w in distinct if c.words[w] * 3 >= size]
            score = len(shared) / max(len(distinct), 1)
            if len(shared) >= 2 and score > best_score:
                best, best_score = c, score
        if best is None or best_score < 0.3:
            best = _Cluster(self._next)
            self._clusters[best.id] = best
            self._next += 1
        best.words.update(words)
        for w in distinct:
            best.sentiment[w] = best.sentiment.get(w, 0.0) + sentiment
        best.ids.append(mention_id)
        best.negative += int(negative)
        best.first = best.first or published
        best.last = max(best.last or published, published)
        self._assign[mention_id] = best.id
        return best.id

    def drain_merges(self) -> list[tuple[int, int]]:
        """(from, into) topic merges since the last call."""
        return []

    def assignments(self) -> dict[str, int]:
        """mention id -> topic id, for every mention added."""
        return dict(self._assign)

    def topics(self, now: datetime) -> list[TopicState]:
        """Live topics, biggest first."""
        out = []
        for c in self._clusters.values():
            if c.last is None or c.first is None or len(c.ids) < 3:
                continue
            if (now - c.last).total_seconds() > self.retire_after_s:
                continue
            top = c.words.most_common(12)
            label = " ".join(w for w, _ in top[:2])
            terms = tuple(TermWeight(w, float(n), c.sentiment.get(w, 0.0) / max(n, 1)) for w, n in top)
            out.append(TopicState(c.id, label, terms, len(c.ids), c.negative, c.first, c.last,
                                  tuple(c.ids[-3:])))
        return sorted(out, key=lambda t: -t.size)
