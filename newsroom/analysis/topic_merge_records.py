"""What a merge does to the clusterer's records: two live topics become one (the bigger id stays), a
live topic goes on under a retired story's id, a retired topic is folded into another, and topics are
renumbered (a restart's ids). Which topics merge is decided elsewhere
(:mod:`~newsroom.analysis.topic_merges`, :mod:`~newsroom.analysis.wall_stories`); every merge is
reported to the store by :meth:`TopicClusterer.drain_merges`."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from itertools import chain
from typing import TYPE_CHECKING

from newsroom.analysis.topic_records import SAMPLE_KEPT, STAMPS_KEPT, blend

if TYPE_CHECKING:
    from newsroom.analysis.topics import TopicClusterer


def merge(c: TopicClusterer, a: int, b: int) -> int:
    """Merge two live topics; the bigger (on a tie the older) id survives and is returned."""
    ma, mb = c._meta[a], c._meta[b]
    keep, gone = (a, b) if (ma.size, -a) > (mb.size, -b) else (b, a)
    mk, mg = c._meta[keep], c._meta.pop(gone)
    mg.counts.into = mk.counts
    c.model.merge(gone, keep)
    mk.size += mg.size
    mk.duplicates += mg.duplicates
    mk.negative += mg.negative
    mk.first = min(mk.first, mg.first)
    mk.last = max(mk.last, mg.last)
    mk.ids.extend(mg.ids)
    while len(mk.ids) > c.max_ids:
        mk.ids.popleft()
    mk.sample.extend(mg.sample)
    while len(mk.sample) > SAMPLE_KEPT:
        mk.sample.popleft()
    mk.texts = blend(mk.texts, mg.texts, mk.size - mg.size, mg.size)
    if mg.stamps:
        mk.stamps = deque(sorted(chain(mk.stamps, mg.stamps))[-STAMPS_KEPT:], maxlen=STAMPS_KEPT)
    for w, v in mg.sentiment.items():
        mk.sentiment[w] = mk.sentiment.get(w, 0.0) + v
    for w, v in mg.negwords.items():
        mk.negwords[w] = mk.negwords.get(w, 0.0) + v
    for w, v in mg.shown.items():
        mk.shown[w] = mk.shown.get(w, 0.0) + v
    mk.version += 1
    c._lru.pop(gone, None)
    c._alias[gone] = keep
    c._merges.append((gone, keep))
    return keep


def take_up(c: TopicClusterer, live: int, retired: int) -> bool:
    """On the wall: a live topic is the return of a retired story and goes on under the story's id
    (reported as the merge ``(live, retired)``). Ids are never reused, so a retired id is free; False
    (nothing done) when ``live`` is not live or ``retired`` is live or merged away."""
    if live not in c._meta or retired in c._meta or retired in c._alias:
        return False
    c.model.rename({live: retired})
    meta = c._meta.pop(live)
    meta.id = retired
    meta.version += 1
    c._meta[retired] = meta
    c._lru = {retired if t == live else t: None for t in c._lru}
    c._alias[live] = retired
    c._merges.append((live, retired))
    for seen in (c.grouped, c.gathered):   # what was compared stays compared
        if live in seen:
            seen[retired] = seen.pop(live)
    return True


def fold(c: TopicClusterer, gone: int, into: int) -> bool:
    """On the wall: a retired topic's posts are the topic ``into``'s (reported as the merge ``(gone,
    into)``); False (nothing done) when ``gone`` is live or merged away or is ``into``."""
    into = c._resolve(into)
    if gone in c._meta or gone in c._alias or gone == into:
        return False
    c._alias[gone] = into
    c._merges.append((gone, into))
    return True


def renumber(c: TopicClusterer, mapping: Mapping[int, int]) -> None:
    """Give topics other ids (``old -> new``; see :meth:`TopicClusterer.renumber`); ValueError when two
    topics would get one id."""
    ren = {old: new for old, new in mapping.items() if old != new}
    if not ren:
        return
    c.grouped = {}                # versions by the old ids: every topic is compared again
    c.gathered = {}
    targets = set(ren.values())
    if len(targets) != len(ren) or targets & (set(c._meta) - set(ren)):
        raise ValueError("renumbering would give two topics one id")
    c.model.rename({old: new for old, new in ren.items() if old in c._meta})
    for new in sorted(targets):     # fresh ids stay above every id in use
        c.ids.take(new)
    c._meta = {ren.get(t, t): m for t, m in c._meta.items()}
    for tid, meta in c._meta.items():
        meta.id = tid
    c._lru = {ren.get(t, t): None for t in c._lru}
    resolve = c._resolve
    c._assign = {m: ren.get(resolve(t), resolve(t)) for m, t in c._assign.items()}
    c._alias = {a: ren.get(resolve(t), resolve(t)) for a, t in c._alias.items() if a not in targets}
    c._merges = [(ren.get(a, a), ren.get(b, b)) for a, b in c._merges]
    c.returned = {}
    for doc in c._docs:
        doc.topic = ren.get(resolve(doc.topic), resolve(doc.topic))
