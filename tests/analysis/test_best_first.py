"""Joining groups best first (newsroom/analysis/best_first.py)."""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

from newsroom.analysis.best_first import Queue, join_best_first


@dataclass
class Blob:
    posts: float
    words: frozenset[str]


def overlap(a: Blob, b: Blob) -> float:
    return len(a.words & b.words) / len(a.words | b.words)


def joined(bar: float) -> tuple[list[tuple[int, int]], dict[int, Blob]]:
    """a {x y q} and b {x y z} (the closest pair) and c {z}, joined best first while ``bar`` holds."""
    groups = {1: Blob(2, frozenset("xyq")), 2: Blob(5, frozenset("xyz")), 3: Blob(1, frozenset("z"))}
    neighbours = {1: {2, 3}, 2: {1, 3}, 3: {1, 2}}
    heap: Queue = []

    def push(a: int, others: Sequence[int]) -> None:
        for b in others:
            if b != a and b in groups and overlap(groups[a], groups[b]) >= bar:
                heapq.heappush(heap, (-overlap(groups[a], groups[b]), min(a, b), max(a, b)))

    def join(kept: Blob, gone: Blob) -> None:
        kept.posts += gone.posts
        kept.words = kept.words | gone.words

    for gid in sorted(groups):
        push(gid, sorted(n for n in neighbours[gid] if n > gid))
    return join_best_first(heap, groups, neighbours, overlap, lambda a, b: bar, join, push), groups


def test_the_best_pair_joins_first_into_the_bigger_and_a_stale_score_is_compared_again() -> None:
    """a and b join first (0.5) into the bigger, b. b, grown, is further from c (1/3 queued, 1/4 now):
    the stale pair is queued again and joins while 1/4 clears the bar, and not when it does not."""
    merges, groups = joined(0.2)
    assert merges == [(1, 2), (2, 3)]
    assert list(groups) == [2] and groups[2].posts == 8
    merges, groups = joined(0.3)
    assert merges == [(1, 2)]
    assert sorted(groups) == [2, 3]


def test_a_pair_that_may_no_longer_join_is_dropped() -> None:
    """``score`` None: the pair is not joined however it was queued."""
    groups = {1: Blob(9, frozenset("x")), 2: Blob(9, frozenset("x"))}
    heap: Queue = [(-1.0, 1, 2)]
    merges = join_best_first(heap, groups, {1: {2}, 2: {1}}, lambda a, b: None, lambda a, b: 0.0,
                             lambda a, b: None, lambda a, others: None)
    assert merges == [] and sorted(groups) == [1, 2]
