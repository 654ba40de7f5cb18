"""Batch mode (``newsroom topics``): the kept posts moved between topics, reassignment sweeps over
them (Gibbs steps against the counts without the post itself), and the whole stream as one clusterer
(every post in its topic, retired topics included, counted once without decay)."""

from __future__ import annotations

import math
from datetime import datetime
from typing import TYPE_CHECKING

from newsroom.analysis.topic_records import KeptPost, meta_add, meta_remove

if TYPE_CHECKING:
    from newsroom.analysis.topics import TopicClusterer


def move(c: TopicClusterer, moves: list[tuple[KeptPost, int, int]]) -> None:
    """Move kept documents between topics, counts, posts and times following them."""
    for doc, _, new in moves:                # arrivals first: a topic may lose all its first posts
        c.model.add(new, doc.items, doc.length, doc.weight)
        meta_add(c._meta[new], doc, c.max_ids)
        doc.topic = new
        c._assign[doc.id] = new
    for doc, old, _ in moves:
        if c.model.remove(old, doc.items, doc.length, doc.weight):
            c._meta.pop(old, None)
            c._lru.pop(old, None)
        else:
            meta_remove(c._meta[old], doc)
    retime(c, {old for _, old, _ in moves})


def refine(c: TopicClusterer, sweeps: int = 1) -> int:
    """Reassignment sweeps over the kept documents of live topics; returns moves.

    Each document is scored against the counts without itself (a Gibbs step, the counts are only
    touched when it moves); the topics' ids, phrases and sentiment follow the moved documents.
    """
    if not c.keep_docs or sweeps <= 0:
        return 0
    model = c.model
    moved = 0
    touched: set[int] = set()
    for _ in range(sweeps):
        for doc in c._docs:
            tid = doc.topic = c._resolve(doc.topic)
            if tid not in c._meta or not doc.length:
                continue
            new = model.best(doc.items, doc.length, own=tid, weight=doc.weight)
            if new == tid:
                continue
            if new is None and model.clusters[tid].docs - doc.weight <= doc.weight * 1e-9:
                continue                   # alone in its cluster: a new cluster is the same one
            emptied = model.remove(tid, doc.items, doc.length, doc.weight)
            if new is None:
                new = c._new_topic(doc.published)
            model.add(new, doc.items, doc.length, doc.weight)
            if emptied:
                c._meta.pop(tid, None)
                c._lru.pop(tid, None)
            else:
                meta_remove(c._meta[tid], doc)
                touched.add(tid)
            meta_add(c._meta[new], doc, c.max_ids)
            c._lru.pop(new, None)
            c._lru[new] = None
            moved += 1
            doc.topic = new
            c._assign[doc.id] = new
    retime(c, touched)
    return moved


def retime(c: TopicClusterer, touched: set[int]) -> None:
    """First/last seen of topics that lost documents, from the kept documents."""
    if not touched:
        return
    times: dict[int, tuple[datetime, datetime]] = {}
    for doc in c._docs:
        if doc.topic in touched:
            lo, hi = times.get(doc.topic, (doc.published, doc.published))
            times[doc.topic] = (min(lo, doc.published), max(hi, doc.published))
    for tid, (lo, hi) in times.items():
        if tid in c._meta:
            c._meta[tid].first, c._meta[tid].last = lo, hi


def whole_stream(c: TopicClusterer) -> TopicClusterer:
    """Every kept document in its topic, retired topics included, counted once without decay, so that
    :meth:`TopicClusterer.consolidate` can join a story that went quiet and came back (the wall shows
    it as a new topic; the final assignment of a whole stream should not)."""
    whole = type(c)(retire_after_s=math.inf, half_life_s=0.0, alpha=c.model.alpha,
                    beta=c.model.beta, keep_docs=True, max_tracked=None,
                    max_words_per_topic=1 << 30, merge_threshold=c.merge_threshold,
                    min_size=c.min_size, min_vocabulary=c.model.min_vocabulary, ids=c.ids)
    whole.words = c.words
    whole.background = c.background
    whole._spread, whole._seen = c._spread, c._seen
    for doc in c._docs:
        tid = c._resolve(doc.topic)
        if tid not in whole._meta:
            whole._new_topic(doc.published, tid)
        whole._count(tid, doc.id, doc.terms, doc.items, doc.length, 1.0, doc.published,
                     doc.sentiment, doc.negative, post=(doc.text, doc.lang))
        whole._docs.append(KeptPost(doc.id, doc.terms, doc.items, doc.length, 1.0, tid, doc.published,
                                    doc.sentiment, doc.negative, doc.text, doc.lang))
        whole._track(doc.id, tid)
    return whole
