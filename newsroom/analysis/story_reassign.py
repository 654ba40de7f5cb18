"""Posts moved between topics by story: each post to the topic whose idf-weighted words and time fit
it best (:func:`story_reassign`).
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left, insort
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import mul

import numpy as np

#: Reassignment by story: a post's similarity to a topic is weighed by how close in time the topic's
#: nearest other post is: (1 - TIME_WEIGHT) + TIME_WEIGHT * exp(-gap / TIME_SCALE_S).
TIME_WEIGHT = 0.7
TIME_SCALE_S = 6 * 3600.0
STORY_SWEEPS = 3
#: A post moves only to a topic it fits at least this well (one shared word a day away is no evidence).
MIN_MOVE = 0.15
#: A post is compared with the topics holding one of its CANDIDATE_WORDS rarest words.
CANDIDATE_WORDS = 3
#: Sweeps stop once fewer than this share of the posts moved.
SETTLED = 0.005


def _kernel(times: list[float], t: float, own: bool) -> float:
    """Time closeness of ``t`` to the nearest time in sorted ``times`` (``own``: ``t`` itself is one
    of them and does not count)."""
    i = bisect_left(times, t)
    best = math.inf
    skip = own
    for j in (i - 1, i, i + 1):
        if 0 <= j < len(times):
            if skip and times[j] == t:
                skip = False
                continue
            best = min(best, abs(times[j] - t))
    if best == math.inf:
        return 0.0
    return math.exp(-best / TIME_SCALE_S)


def story_reassign(words: Sequence[Sequence[str]], times: Sequence[float], topics: list[int],
                   idf: Callable[[str], float], *, sweeps: int = STORY_SWEEPS, bound: bool = True) -> int:
    """Move posts to the topic whose words (idf-weighted) and time fit them best; returns moves.

    ``topics`` is updated in place. A post compares itself with every topic sharing one of its words,
    its own topic counted without it; the similarity is weighed by time closeness, so two fires on two
    days stay two stories and a post near a story's burst joins that burst. Posts that share no word
    with any other topic stay where they are. ``bound``: leave out the candidates that cannot be chosen
    (:func:`_fits`; the moves are the same, False scores them all).
    """
    vectors = _unit_vectors(words, idf)
    held = _HeldTopics.of(vectors, times, topics)
    rarest = [[w for w, _ in heapq.nlargest(CANDIDATE_WORDS, vec.items(), key=lambda kv: (kv[1], kv[0]))]
              for vec in vectors]
    spans = (held.first, held.last) if held.arrays else None
    moved = 0
    for _ in range(sweeps):
        moves = 0
        for i, vec in enumerate(vectors):
            if not vec:
                continue
            t, own = times[i], topics[i]
            others = {tid for w in rarest[i] for tid in held.holders[w]}
            others.discard(own)
            fits = _fits(vec, t, own, others, held.centroid, held.square, held.stamps, bound, spans)
            best, best_score = _best(fits, own)
            if best != own and best_score >= MIN_MOVE:
                held.move(vec, t, own, best)
                topics[i] = best
                moves += 1
        moved += moves
        if moves <= SETTLED * len(vectors):
            break
    return moved


def _unit_vectors(words: Sequence[Sequence[str]], idf: Callable[[str], float]) -> list[dict[str, float]]:
    """Each post's distinct words weighed by idf, scaled to length 1 (empty when no word weighs)."""
    vectors: list[dict[str, float]] = []
    for ws in words:
        vec = {w: idf(w) for w in dict.fromkeys(ws)}
        norm = math.sqrt(sum(v * v for v in vec.values()))
        vectors.append({w: v / norm for w, v in vec.items()} if norm > 0 else {})
    return vectors


def _best(fits: list[tuple[float, float, int]], own: int) -> tuple[int, float]:
    """The topic the post fits best and its score, from (cosine, score, topic) rows (its own topic
    first): taken by falling cosine, a score must beat the best by more than the ties allow (the own
    topic keeps a tie)."""
    fits.sort(key=lambda f: (-f[0], f[2] != own, f[2]))
    best, best_score = own, -1.0
    for cos, score, tid in fits:
        if cos <= best_score or cos <= 0.0:
            break
        if score > best_score + 1e-12 or (tid == own and score >= best_score - 1e-12):
            best, best_score = tid, score
    return (own, best_score) if best_score < 0.0 else (best, best_score)


@dataclass
class _HeldTopics:
    """The topics as the posts in them make them: each topic's summed unit vectors (``centroid``) and
    their squared norm, how many of each word's posts every topic holds (``holders``), its posts' times
    sorted (``stamps``); with ``arrays``, every topic's first and last time by id, so far topics are left
    out in one array step (ids that are no array index, below 0 or far above the posts' number: not)."""

    centroid: dict[int, dict[str, float]]
    square: dict[int, float]
    holders: dict[str, dict[int, int]]
    stamps: dict[int, list[float]]
    arrays: bool
    first: np.ndarray
    last: np.ndarray

    @classmethod
    def of(cls, vectors: Sequence[dict[str, float]], times: Sequence[float],
           topics: Sequence[int]) -> _HeldTopics:
        """The topics ``topics`` make of the posts (``vectors`` at ``times``)."""
        centroid: dict[int, dict[str, float]] = {}
        holders: dict[str, dict[int, int]] = {}
        stamps: dict[int, list[float]] = {}
        for vec, t, tid in zip(vectors, times, topics, strict=True):
            c = centroid.setdefault(tid, {})
            for w, v in vec.items():
                c[w] = c.get(w, 0.0) + v
                h = holders.setdefault(w, {})
                h[tid] = h.get(tid, 0) + 1
            insort(stamps.setdefault(tid, []), t)
        square = {tid: sum(v * v for v in c.values()) for tid, c in centroid.items()}
        size = max(topics, default=-1) + 1
        arrays = min(topics, default=0) >= 0 and size <= 4 * len(topics) + 4096
        first, last = np.full(size if arrays else 0, math.inf), np.full(size if arrays else 0, -math.inf)
        for tid, ts in stamps.items() if arrays else ():
            first[tid], last[tid] = ts[0], ts[-1]
        return cls(centroid, square, holders, stamps, arrays, first, last)

    def move(self, vec: dict[str, float], t: float, src: int, dst: int) -> None:
        """The post (``vec`` at ``t``) leaves topic ``src`` for ``dst``."""
        cs, cd = self.centroid[src], self.centroid.setdefault(dst, {})
        square, holders = self.square, self.holders
        for w, v in vec.items():
            old = cs[w]
            square[src] += (old - v) ** 2 - old * old
            if old - v > 1e-12:
                cs[w] = old - v
            else:
                del cs[w]
            old = cd.get(w, 0.0)
            square[dst] = square.get(dst, 0.0) + (old + v) ** 2 - old * old
            cd[w] = old + v
            h = holders[w]
            h[src] -= 1
            if not h[src]:
                del h[src]
            h[dst] = h.get(dst, 0) + 1
        times_src = self.stamps[src]
        del times_src[bisect_left(times_src, t)]
        times_dst = self.stamps.setdefault(dst, [])
        insort(times_dst, t)
        if self.arrays:
            self.first[src], self.last[src] = ((times_src[0], times_src[-1]) if times_src
                                               else (math.inf, -math.inf))
            self.first[dst], self.last[dst] = times_dst[0], times_dst[-1]


def _cosine(post: tuple[list[str], list[float], list[float]], c: dict[str, float], sq: float,
            own: bool) -> float:
    """The cosine of a post's unit vector (its words, their weights, zeros) and a topic's summed vector
    ``c`` (squared norm ``sq``); of its own topic, the topic without it."""
    words, weights, zeros = post
    dot = sum(map(mul, weights, map(c.get, words, zeros)))     # in the words' order, as a loop adds
    if own:
        dot -= 1.0
        sq = sq - 2.0 * (dot + 1.0) + 1.0
    return dot / math.sqrt(sq) if dot > 1e-12 and sq > 1e-12 else 0.0


def _fits(vec: dict[str, float], t: float, own: int, others: set[int], centroid: dict[int, dict[str, float]],
          square: dict[int, float], stamps: dict[int, list[float]], bound: bool = True,
          spans: tuple[np.ndarray, np.ndarray] | None = None) -> list[tuple[float, float, int]]:
    """(cosine, score, topic) of the post's own topic and of every other candidate that can matter.

    A topic's score is at most its cosine times the time factor its span allows (its nearest post is
    no nearer than the span). A candidate whose bound is below the bar (the best score found so far, at
    least MIN_MOVE, less BOUND_MARGIN: far more than the 1e-12 the choice's ties allow) is left out: it
    could never be chosen, nor be the running best before a better one, and below MIN_MOVE it could not
    be moved to; the chosen move is the one all candidates give. Far topics are dropped by the gap
    alone, before their cosine; the order the candidates are taken in decides only how many are left
    out. ``bound`` False: every candidate is scored. ``spans``: every topic's first and last time by id
    (arrays): many candidates are then dropped by their gap in one step."""
    post = (list(vec), list(vec.values()), list(repeat(0.0, len(vec))))
    cos = _cosine(post, centroid[own], square[own], True)
    score = cos * (1.0 - TIME_WEIGHT + TIME_WEIGHT * _kernel(stamps[own], t, True))
    fits = [(cos, score, own)]
    bar = max(score, MIN_MOVE) - BOUND_MARGIN if bound else -math.inf
    limit = _farthest(bar) if bound else math.inf
    candidates: Iterable[int] = others
    if spans is not None and limit < math.inf and len(others) > ARRAY_FROM:
        candidates = _within(others, t, limit, spans)
    for tid in candidates:
        ts = stamps[tid]
        first, last = ts[0], ts[-1]
        gap = first - t if first > t else (t - last if last < t else 0.0)
        if gap > limit:
            continue
        cos = _cosine(post, centroid[tid], square[tid], False)
        reach = 1.0 - TIME_WEIGHT + TIME_WEIGHT * math.exp(-gap / TIME_SCALE_S)   # the time factor at most
        if cos * (1.0 + BOUND_SLACK) * reach < bar:
            continue
        score = cos * (1.0 - TIME_WEIGHT + TIME_WEIGHT * _kernel(ts, t, False))
        fits.append((cos, score, tid))
        if bound and score - BOUND_MARGIN > bar:
            bar = score - BOUND_MARGIN
            limit = _farthest(bar)
    return fits


def _within(others: set[int], t: float, limit: float, spans: tuple[np.ndarray, np.ndarray]) -> list[int]:
    """The candidates whose span (``spans``: first and last time by topic id) is at most ``limit``
    seconds from ``t``, in one array step."""
    ids = np.fromiter(others, dtype=np.int64, count=len(others))
    gaps = np.maximum(np.maximum(spans[0][ids] - t, t - spans[1][ids]), 0.0)
    near: list[int] = ids[gaps <= limit].tolist()
    return near


#: Candidates are dropped by their gap in one array step when there are more than this many.
ARRAY_FROM = 24
#: Candidates are left out only when their bound is below the best score by this much.
BOUND_MARGIN = 1e-9
#: The bound's allowance for rounding (a cosine or a time factor just above what it is).
BOUND_SLACK = 1e-9


def _farthest(bar: float) -> float:
    """The largest gap (s) from a post to a topic's span at which the topic's time factor can still
    reach ``bar`` (inf: any gap; -1: none)."""
    floor = bar / (1.0 + BOUND_SLACK)
    kernel = (floor - (1.0 - TIME_WEIGHT)) / TIME_WEIGHT   # exp(-gap / TIME_SCALE_S) must reach this
    if kernel <= 0.0:
        return math.inf
    if kernel >= 1.0:
        return -1.0
    return -TIME_SCALE_S * math.log(kernel)
