"""When topics are born and die: a new empty topic (its id from ``new_id`` or the allocator), the
topics silent too long retired as stream time moves on, the least recently updated ones evicted over
the cap, and a topic retired (its bookkeeping and model counts forgotten)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from newsroom.analysis import topic_wall_label
from newsroom.analysis.topic_records import TopicMeta

if TYPE_CHECKING:
    from newsroom.analysis.topics import TopicClusterer


def new_topic(c: TopicClusterer, published: datetime, tid: int | None = None) -> int:
    """A new empty topic; its id comes from ``new_id`` or the allocator (``tid``: a wanted id, if
    free)."""
    if tid is not None and (tid in c.model.clusters or tid in c._alias):
        tid = None
    if tid is None and c._new_id is not None:
        tid = c._new_id()
    tid = c.model.new_cluster(c.ids.take(tid))
    c._meta[tid] = TopicMeta(tid, published, published)
    return tid


def advance(c: TopicClusterer, published: datetime) -> None:
    """Stream time moves on to ``published``: the topics silent for ``retire_after_s`` retire."""
    c.model.advance(published.timestamp())
    now = c.model.now
    if now is None:
        return
    horizon = now - c.retire_after_s
    while c._lru:
        oldest = next(iter(c._lru))
        if c._meta[oldest].last.timestamp() >= horizon:
            break
        retire(c, oldest)


def evict(c: TopicClusterer) -> None:
    """Retire the least recently updated topics beyond ``max_topics``."""
    while len(c._lru) > c.max_topics:
        retire(c, next(iter(c._lru)))


def retire(c: TopicClusterer, tid: int) -> None:
    """Forget a live topic: its bookkeeping and its model counts (its posts keep their assignment); a
    tile's last title stays as the ended topic's name (:func:`topic_wall_label.keep_title`)."""
    c.retired += 1
    if c._meta[tid].title:
        topic_wall_label.keep_title(c, tid)
    c._lru.pop(tid, None)
    c._meta.pop(tid, None)
    c.model.drop(tid)
