"""A post counted in its topic: the model's counts and the topic's bookkeeping beyond them (size,
times, ids, a sample of its words, its texts for the name, the words shown in its cloud, sentiment and
negative words), with the topic's words pruned to a bound."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from newsroom.analysis.topic_model import bag
from newsroom.analysis.topic_records import SAMPLE_KEPT

if TYPE_CHECKING:
    from newsroom.analysis.topics import TopicClusterer


def count(clusterer: TopicClusterer, tid: int, mention_id: str, terms: Sequence[str],
          items: list[tuple[str, int]], length: int, weight: float, published: datetime, sentiment: float,
          negative: bool, written: Sequence[str] | None = None,
          post: tuple[str, str | None] | None = None) -> None:
    """Count a mention in a topic; ``written``: all its words when background words were left out
    of ``terms`` (they still count for the topic's phrases, cloud and label)."""
    model = clusterer.model
    model.add(tid, items, length, weight)
    meta = clusterer._meta[tid]
    meta.size += 1
    meta.adds += 1
    meta.version += 1
    meta.negative += int(negative)
    meta.first = min(meta.first, published)
    meta.last = max(meta.last, published)
    meta.ids.append(mention_id)
    if len(meta.ids) > clusterer.max_ids:
        meta.ids.popleft()
    if length:
        meta.sample.append((mention_id, items))
        if len(meta.sample) > SAMPLE_KEPT:
            meta.sample.popleft()
    if post is not None:
        meta.texts.append(post)
    meta.stamps.append(published.timestamp())
    extra: list[tuple[str, int]] = []
    if written is not None:
        modelled = set(terms)
        extra = bag([w for w in written if w not in modelled])[0]
        shown = meta.shown
        for w, c in extra:
            shown[w] = shown.get(w, 0.0) + weight * c
    if sentiment:
        sent = meta.sentiment
        for w, c in (items + extra if extra else items):
            sent[w] = sent.get(w, 0.0) + weight * c * sentiment
    if negative:
        neg = meta.negwords
        for w, c in (items + extra if extra else items):
            neg[w] = neg.get(w, 0.0) + weight * c
    clusterer._lru.pop(tid, None)
    clusterer._lru[tid] = None
    words = model.clusters[tid].words
    if len(words) > 2 * clusterer.max_words:
        model.prune(tid, clusterer.max_words)
        kept = model.clusters[tid].words
        meta.sentiment = {w: v for w, v in meta.sentiment.items() if w in kept or w in meta.shown}
        meta.negwords = {w: v for w, v in meta.negwords.items() if w in kept or w in meta.shown}
