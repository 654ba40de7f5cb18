"""A live topic as the story steps see it: its fragment (its words with every post counted once, its
posts' times), the names (streets, places) most of its posts use, and whether two topics are named
apart (two stories, whatever else they share)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsroom.analysis.story_fragment import NAME_SHARE, Fragment, apart

if TYPE_CHECKING:
    from newsroom.analysis.topics import TopicClusterer


def fragment(c: TopicClusterer, tid: int, times: dict[int, list[float]] | None = None) -> Fragment:
    """A live topic as story grouping sees it; its post times from ``times`` (batch: every post) or
    its recent posts' times."""
    cl, meta = c.model.clusters[tid], c._meta[tid]
    scale = cl.count / cl.docs if cl.docs > 0.0 else 0.0   # every post counted once
    stamps = ((times or {}).get(tid) or sorted(meta.stamps)
              or [meta.first.timestamp(), meta.last.timestamp()])
    return Fragment(tid, float(cl.count), {w: v * scale for w, v in cl.words.items()}, tuple(stamps),
                    meta.first.timestamp())


def names(c: TopicClusterer, tid: int) -> frozenset[str]:
    """The names (streets, places) in at least NAME_SHARE of a topic's posts, cached per version."""
    meta = c._meta[tid]
    if meta.names is not None and meta.names[0] == meta.version:
        return meta.names[1]
    cl = c.model.clusters[tid]
    floor = NAME_SHARE * cl.docs
    is_name = c.words.is_name
    names = frozenset(w for w, v in cl.words.items() if v >= floor and is_name(w))
    meta.names = (meta.version, names)
    return names


def named_apart(c: TopicClusterer, a: int, b: int) -> bool:
    """Whether two topics each mostly name a different street or place that the other never names:
    two stories ("wegenwerken Stationsstraat", "wegenwerken Kanaalweg"), whatever else they share."""
    ca, cb = c.model.clusters[a], c.model.clusters[b]
    return apart(ca.words, ca.docs, names(c, a), cb.words, cb.docs, names(c, b))
