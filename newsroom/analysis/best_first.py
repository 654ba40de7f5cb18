"""Joining groups best first: the loop that the story grouping and the learned joins share."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar


class Sized(Protocol):
    """A group of posts (a fragment of a story)."""

    @property
    def posts(self) -> float: ...


G = TypeVar("G", bound=Sized)
#: (-score, lower id, higher id) of each pair waiting to be joined
Queue = list[tuple[float, int, int]]


def join_best_first(heap: Queue, groups: dict[int, G], neighbours: dict[int, set[int]],
                    score: Callable[[G, G], float | None], bar: Callable[[G, G], float],
                    join: Callable[[G, G], None],
                    push: Callable[[int, Sequence[int]], None]) -> list[tuple[int, int]]:
    """Pop the queued pairs best first and join them; the joined pairs, in order.

    ``score``: a pair's score now (None: it may no longer join). A pair whose score changed since it
    was queued (one of them grew) is queued again while it clears ``bar``. Of a joined pair the bigger
    (on a tie the lower id) keeps its id, ``join(kept, gone)`` adds the other into it, and the kept
    group is compared again with its neighbours and the other's (``push``)."""
    merges: list[tuple[int, int]] = []
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in groups or b not in groups:
            continue
        ga, gb = groups[a], groups[b]
        s = score(ga, gb)
        if s is None:
            continue
        if abs(s + neg) > 1e-12:               # stale: one of them grew since it was queued
            if s >= bar(ga, gb):
                heapq.heappush(heap, (-s, a, b))
            continue
        merges.append((a, b))
        keep, gone = (a, b) if (ga.posts, -a) >= (gb.posts, -b) else (b, a)
        join(groups[keep], groups.pop(gone))
        neighbours[keep] |= neighbours.pop(gone)
        neighbours[keep] -= {keep, gone}
        for n in neighbours[keep]:
            if n in neighbours:
                neighbours[n].discard(gone)
                neighbours[n].add(keep)
        push(keep, sorted(n for n in neighbours[keep] if n in groups))
    return merges
