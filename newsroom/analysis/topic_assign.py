"""Assigning one post to a topic: its model words (read, or as ``observe`` read them; the wall's
background words left out), the topic the model chooses for it or a new one, the post counted and kept
there, and a merge when the topic has converged with another."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from newsroom.analysis import reply_links, topic_lifecycle, topic_merges, topic_recent, topic_stream_words
from newsroom.analysis.topic_model import bag
from newsroom.analysis.topic_records import KeptPost, RecentPost
from newsroom.analysis.topic_summary import BACKGROUND_MIN_LIVE

if TYPE_CHECKING:
    from newsroom.analysis.topics import TopicClusterer

#: A topic is compared with its neighbours for a merge each time it has grown by this factor.
MERGE_CHECK_GROWTH = 1.25
#: On the wall, words used by more than this share of the recently observed mentions are background,
#: not topic words (no co-occurrence test there: it would cost a pass over the window per word).
BACKGROUND_SHARE = 0.4


def add(c: TopicClusterer, mention_id: str, text: str, lang: str | None, published: datetime, *,
        sentiment: float = 0.0, negative: bool = False, duplicate_of: str | None = None,
        exclude_terms: Iterable[str] = (), terms: list[str] | None = None,
        reply_to: str | None = None) -> int:
    """Assign one mention; returns its topic id. ``terms``: its model words, when already read;
    ``reply_to``: the post it answers, whose live topic it joins (:func:`reply_links.parent_topic`)."""
    topic_lifecycle.advance(c, published)
    if duplicate_of is not None and duplicate_of in c._assign:
        tid = c._resolve(c._assign[duplicate_of])
        meta = c._meta.get(tid)
        if meta is not None:
            meta.duplicates += 1
            meta.last = max(meta.last, published)
            c._track(mention_id, tid)
            return tid
    if exclude_terms:
        topic_stream_words.remember_searched(c, exclude_terms)
    written: list[str] | None = None
    if terms is None:
        reading = c._reading_language(lang)
        seen = c._scans.pop((text, reading), None)  # read by observe in the same language
        if seen is not None and (seen[0] is exclude_terms or seen[0] == exclude_terms):
            terms = seen[1][0]
            c.words.record(terms, seen[1][1])
        else:
            terms = c._terms(text, reading, exclude_terms)
        if c._seen >= BACKGROUND_MIN_LIVE:
            limit = BACKGROUND_SHARE * c._seen
            spread = c._spread
            background = topic_stream_words.wall_background(c)
            kept = [t for t in terms if spread.get(t, 0.0) <= limit and t not in background]
            if len(kept) < len(terms):   # background words: shown in clouds, not topic evidence
                written, terms = terms, kept
    items, length = bag(terms)
    weight = c.model.weight_at(published.timestamp())
    best = reply_links.parent_topic(c, reply_to)
    if best is None and length:
        best = c.model.best(items, length)
    tid = c._new_topic(published) if best is None else best
    c._count(tid, mention_id, terms, items, length, weight, published, sentiment, negative, written,
             (text, lang))
    if c.keep_docs:
        c._docs.append(KeptPost(mention_id, terms, items, length, weight, tid, published, sentiment,
                                negative, text, lang))
    elif length:
        words = tuple(w for w, _ in items)
        post = RecentPost(mention_id, published.timestamp(), words, text, lang, sentiment, negative, reply_to)
        topic_recent.keep_recent(c, post, c._meta[tid].counts)
    elif reply_to is not None:          # a reply of no words follows its parent (topic_recent.follow_parents)
        post = RecentPost(mention_id, published.timestamp(), (), text, lang, sentiment, negative, reply_to)
        topic_recent.keep_wordless_reply(c, post, c._meta[tid].counts)
    c._track(mention_id, tid)
    tid = _maybe_merge(c, tid)
    topic_lifecycle.evict(c)
    return tid


def _maybe_merge(c: TopicClusterer, tid: int) -> int:
    """Merge ``tid`` with a live topic whose word distribution has converged to its own."""
    meta = c._meta.get(tid)
    if meta is None or meta.adds < c.min_size or meta.adds < meta.checked * MERGE_CHECK_GROWTH:
        return tid
    meta.checked = meta.adds

    best = topic_merges.converged_partner(c, tid, c.merge_threshold)
    if best is None:
        return tid
    return c.merge(tid, best)
