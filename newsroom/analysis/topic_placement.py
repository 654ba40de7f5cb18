"""Learned placement of single posts: p(a post belongs to the story a topic tells), post by post.

After the story steps a hand-written stream's big topics still hold posts of other stories (a fifth to
a third of a story topic's posts on the development streams: a fragment gathered by one shared word
brought them in), and story posts sit in another story's topic or alone. For every post, each topic
of at least MIN_STORY posts that holds one of its CANDIDATE_KEYS rarest words or concepts, and its own
topic (without the post), is described by what the post shares with it: the share of the post's idf
weight the topic's posts use, the cosine with the topic's words, its rarest shared word, its concepts,
a name both use or a name the topic never uses, time to the topic's nearest post and the topic's share
of the stream's posts around the post's time, the topic's size, whether it is the post's own topic,
and how reply-like, short or questioning the post is. A logistic regression learnt from labelled
streams (``benchmarks/topic_placement.py`` trains it leave-one-stream-out, ``--write`` writes
``lexicons/placement_model.json``) gives the probability; a post moves to the topic of the highest
probability when that is at least the model's level and beats its own topic's by MARGIN.

Plain Python; deterministic (sorted loops, ties to the bigger and then lower-id topic).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import islice

import numpy as np

from newsroom.analysis.post_meaning import unit_rows
from newsroom.analysis.topic_concepts import is_concept
from newsroom.analysis.topic_pairs import PairModel

#: The features of a (post, topic) pair, in the order of the model's coefficients.
FEATURES = ("explained", "cosine", "rarest_shared", "concept_explained", "shared_name", "foreign_name",
            "closeness", "log_gap_h", "activity", "log_size", "own", "reply_like", "question", "log_words",
            "explained_x_close", "own_x_explained", "subject_share", "explained_rel", "close_rel",
            "cosine_rel", "meaning", "meaning_rel")
#: Only topics of at least this many posts (the post left out) are candidates besides the post's own.
MIN_STORY = 3
#: A post is compared with the topics holding one of its CANDIDATE_KEYS rarest keys (words, concepts).
CANDIDATE_KEYS = 4
#: A key held by more than MAX_HOLDERS topics makes no candidates (bounded cost on big streams).
MAX_HOLDERS = 25
#: Time closeness: exp(-gap / CLOSE_SCALE_S) to the topic's nearest other post; activity: the topic's
#: share of the stream's posts within ACTIVITY_S of the post.
CLOSE_SCALE_S = 3 * 3600.0
ACTIVITY_S = 2 * 3600.0
#: A name in this share of a topic's posts is what the topic is about.
NAME_SHARE = 0.3
#: A post moves when the best topic's probability beats its own topic's by this much.
MARGIN = 0.0
#: Rounds: moved posts make their new topic's words count in the next (one: two gained nothing held out).
ROUNDS = 1

MODEL_FILE = "placement_model.json"
#: posts whose candidate rows are scored together (bounds the memory of a large stream)
CHUNK = 2048


@dataclass(frozen=True, slots=True)
class Post:
    """A post as the placement sees it: its keys (model words and concepts), time, and marks."""

    keys: frozenset[str]
    time: float
    reply_like: bool
    question: bool
    #: the post's sentence vector (:mod:`post_meaning`), None without the encoder
    meaning: np.ndarray | None = None


@dataclass(slots=True)
class _Topic:
    posts: list[int]
    counts: dict[str, float]
    times: list[float]
    names: frozenset[str]
    #: sum over words (not concepts) of (count * idf)^2: the centroid's squared norm times posts^2
    square: float
    #: the sum of its posts' sentence vectors (None without them)
    meaning: np.ndarray | None = None


@dataclass(frozen=True, slots=True)
class _View:
    """What a post brings to every comparison, worked out once: its words (key, weight, is a name) and
    concepts (key, weight), sorted, their weights' sums, its words' idf norm."""

    post: Post
    words: tuple[tuple[str, float, bool], ...]
    concepts: tuple[tuple[str, float], ...]
    total: float
    ctotal: float
    norm: float


def _view(post: Post, weight: dict[str, float], names: dict[str, bool]) -> _View:
    words = tuple((w, weight[w], names[w]) for w in sorted(post.keys) if not is_concept(w))
    concepts = tuple((k, weight[k]) for k in sorted(post.keys) if is_concept(k))
    total = ctotal = 0.0
    for _, x, _ in words:
        total += x
    for _, x in concepts:
        ctotal += x
    return _View(post, words, concepts, total, ctotal, math.sqrt(math.fsum(x * x for _, x, _ in words)))


def _topics(posts: Sequence[Post], topics: Sequence[int], idf: dict[str, float],
            is_name: dict[str, bool]) -> dict[int, _Topic]:
    out: dict[int, _Topic] = {}
    for i, tid in enumerate(topics):
        t = out.get(tid)
        if t is None:
            t = out[tid] = _Topic([], {}, [], frozenset(), 0.0)
        t.posts.append(i)
        for k in posts[i].keys:
            t.counts[k] = t.counts.get(k, 0.0) + 1.0
        t.times.append(posts[i].time)
    for t in out.values():
        t.times.sort()
        n = len(t.posts)
        t.names = frozenset(w for w, c in t.counts.items() if c >= NAME_SHARE * n and not is_concept(w)
                            and is_name[w])
        t.square = math.fsum((c * idf[w]) ** 2 for w, c in sorted(t.counts.items()) if not is_concept(w))
        vectors = [posts[i].meaning for i in t.posts]
        if all(v is not None for v in vectors):
            t.meaning = np.sum(np.array(vectors, dtype=np.float64), axis=0)
    return out


def _gap(times: list[float], t: float, own: bool) -> float:
    """The gap from ``t`` to the nearest of ``times`` (one copy of ``t`` left out when ``own``)."""
    i = bisect_left(times, t)
    cands = [i - 1, i, i + 1] if own else [i - 1, i]
    skipped = False
    best = math.inf
    for j in cands:
        if 0 <= j < len(times):
            if own and not skipped and times[j] == t:
                skipped = True
                continue
            best = min(best, abs(times[j] - t))
    return best


def _features(view: _View, topic: _Topic, own: bool, top_idf: float, activity: float) -> list[float]:
    """The features of a post and a topic (the post left out of its own topic), in FEATURES order."""
    minus = 1.0 if own else 0.0
    n = len(topic.posts) - minus
    counts = topic.counts
    explained = rarest = dot = self_sq = subject = 0.0
    shared_name = foreign = False
    for w, weight, is_name in view.words:
        full = counts.get(w, 0.0)
        c = full - minus
        if c > 0.0:
            explained += weight * c / n
            subject = max(subject, c / n)
            rarest = max(rarest, weight)
            dot += weight * c * weight
            if w in topic.names:
                shared_name = True
        elif is_name and topic.names:
            foreign = True
        if own:
            self_sq += (full * weight) ** 2 - (c * weight) ** 2
    cexplained = 0.0
    for k, weight in view.concepts:
        c = counts.get(k, 0.0) - minus
        if c > 0.0:
            cexplained += weight * c / n
    topic_norm = math.sqrt(max(topic.square - self_sq, 0.0))
    cosine = dot / (view.norm * topic_norm) if view.norm > 0.0 and topic_norm > 0.0 else 0.0
    explained = explained / view.total if view.total > 0.0 else 0.0
    cexplained = cexplained / view.ctotal if view.ctotal > 0.0 else 0.0
    post = view.post
    gap = _gap(topic.times, post.time, own)
    close = math.exp(-gap / CLOSE_SCALE_S) if gap < math.inf else 0.0
    log_gap = math.log1p(gap / 3600.0) if gap < math.inf else 6.0
    return [explained, cosine, rarest / top_idf if top_idf > 0.0 else 0.0, cexplained, float(shared_name),
            float(foreign), close, log_gap, activity, math.log1p(max(n, 0.0)), float(own),
            float(post.reply_like), float(post.question), math.log1p(len(view.words)), explained * close,
            float(own) * explained, subject, 0.0, 0.0, 0.0, _meaning(post, topic, own), 0.0]


def _meaning(post: Post, topic: _Topic, own: bool) -> float:
    """The cosine of the post's sentence vector with the sum of the topic's other posts'."""
    if post.meaning is None or topic.meaning is None:
        return 0.0
    total = topic.meaning - post.meaning if own else topic.meaning
    norm = float(np.linalg.norm(total))
    return float(np.dot(total, post.meaning)) / norm if norm > 1e-9 else 0.0


#: (feature, its share of the best among a post's candidates): FEATURES' relative columns
_RELATIVE = ((FEATURES.index("explained"), FEATURES.index("explained_rel")),
             (FEATURES.index("closeness"), FEATURES.index("close_rel")),
             (FEATURES.index("cosine"), FEATURES.index("cosine_rel")),
             (FEATURES.index("meaning"), FEATURES.index("meaning_rel")))


def _relative(rows: list[tuple[int, list[float]]]) -> None:
    """Each relative feature: the row's value over the best value among the post's candidates."""
    for src, dst in _RELATIVE:
        top = max(x[src] for _, x in rows)
        for _, x in rows:
            x[dst] = x[src] / top if top > 0.0 else 0.0


def _activity(topic: _Topic, everyone: int, t: float, own: bool) -> float:
    """The topic's share of the ``everyone`` other posts within ACTIVITY_S of ``t``."""
    times = topic.times
    mine = bisect_right(times, t + ACTIVITY_S) - bisect_left(times, t - ACTIVITY_S) - (1 if own else 0)
    return mine / everyone if everyone > 0 else 0.0


def candidates(posts: Sequence[Post], topics: Sequence[int], idf: Callable[[str], float],
               is_name: Callable[[str], bool]) -> list[list[tuple[int, list[float]]]]:
    """For every post, (topic, features) of its own topic and of every candidate topic."""
    return list(each_candidates(posts, topics, idf, is_name))


def each_candidates(posts: Sequence[Post], topics: Sequence[int], idf: Callable[[str], float],
                    is_name: Callable[[str], bool]) -> Iterator[list[tuple[int, list[float]]]]:
    """:func:`candidates` post by post, as they are worked out (the topics are read once, first)."""
    keys = sorted({k for p in posts for k in p.keys})
    weight = {k: max(idf(k), 0.0) for k in keys}
    rarity = {k: idf(k) for k in keys}
    names = {k: not is_concept(k) and is_name(k) for k in keys}
    state = _topics(posts, topics, rarity, names)
    holders: dict[str, list[int]] = {}
    for tid in sorted(state):
        if len(state[tid].posts) >= MIN_STORY:
            for k in state[tid].counts:
                holders.setdefault(k, []).append(tid)
    all_times = sorted(p.time for p in posts)
    meaning_rows = _meaning_rows(state)
    top_idf = max((rarity[k] for k in keys if not is_concept(k)), default=1.0)
    for i, post in enumerate(posts):
        own = topics[i]
        view = _view(post, weight, names)
        t = post.time
        everyone = bisect_right(all_times, t + ACTIVITY_S) - bisect_left(all_times, t - ACTIVITY_S) - 1
        rows = [(own, _features(view, state[own], True, top_idf, _activity(state[own], everyone, t, True)))]
        rare = sorted(post.keys, key=lambda k: (-rarity[k], k))[:CANDIDATE_KEYS]
        seen = {own}
        for k in rare:
            ids = holders.get(k, [])
            if len(ids) > MAX_HOLDERS:
                continue
            for tid in ids:
                if tid in seen:
                    continue
                seen.add(tid)
                rows.append((tid, _features(view, state[tid], False, top_idf,
                                            _activity(state[tid], everyone, t, False))))
        if meaning_rows is not None and post.meaning is not None and view.words:   # never by meaning alone
            for tid in _nearest_in_meaning(meaning_rows, post.meaning, seen):
                seen.add(tid)
                rows.append((tid, _features(view, state[tid], False, top_idf,
                                            _activity(state[tid], everyone, t, False))))
        _relative(rows)
        yield rows


#: besides the topics sharing a rare key, the MEANING_CANDIDATES topics closest in meaning are candidates
MEANING_CANDIDATES = 3


def _meaning_rows(state: dict[int, _Topic]) -> tuple[list[int], np.ndarray] | None:
    """The story-sized topics' ids and unit meaning vectors, or None without vectors."""
    ids = [tid for tid in sorted(state)
           if len(state[tid].posts) >= MIN_STORY and state[tid].meaning is not None]
    if not ids or MEANING_CANDIDATES <= 0:
        return None
    return ids, unit_rows([v for tid in ids if (v := state[tid].meaning) is not None])


def _nearest_in_meaning(rows: tuple[list[int], np.ndarray], vector: np.ndarray, seen: set[int]) -> list[int]:
    """The MEANING_CANDIDATES topics not seen, by rounded similarity (highest first), then id."""
    ids, m = rows
    sims = m @ vector.astype(np.float64)
    near: Iterable[int] = range(len(ids))
    k = MEANING_CANDIDATES + len(seen)   # the answer is among the first k of that order
    if k < len(ids):
        # only the topics within 2e-9 of the k-th highest similarity or above are sorted: round(x, 9)
        # moves a value by half 1e-9 at most, so every topic among the first k is one of them
        floor = float(np.partition(sims, len(ids) - k)[len(ids) - k]) - 2e-9
        near = np.flatnonzero(sims >= floor).tolist()
    order = sorted(near, key=lambda j: (-round(float(sims[j]), 9), ids[j]))
    return [ids[j] for j in order if ids[j] not in seen][:MEANING_CANDIDATES]


def place_by_model(posts: Sequence[Post], topics: list[int], idf: Callable[[str], float],
                is_name: Callable[[str], bool], model: PairModel, *, rounds: int | None = None,
                   margin: float | None = None) -> int:
    """Move posts (``topics`` is changed in place) to the topic the model finds most probable, when it is
    at least the model's level and beats the post's own topic by ``margin``; returns the moves."""
    rounds = ROUNDS if rounds is None else rounds
    margin = MARGIN if margin is None else margin
    moved = 0
    for _ in range(rounds):
        sizes: dict[int, int] = {}
        for tid in topics:
            sizes[tid] = sizes.get(tid, 0) + 1
        moves: list[tuple[int, int]] = []
        rows = each_candidates(posts, topics, idf, is_name)
        i = 0
        # a chunk of posts at a time: all rows of a large stream at once held ~15 kB per post
        while chunk := list(islice(rows, CHUNK)):
            p = probabilities(model, [x for post_rows in chunk for _, x in post_rows])
            at = 0
            for post_rows in chunk:
                own_p = p[at]
                best, best_p = post_rows[0][0], own_p + margin
                for j in range(1, len(post_rows)):
                    tid, q = post_rows[j][0], p[at + j]
                    if q >= model.level and (q > best_p or (q == best_p and best != post_rows[0][0]
                                                            and (sizes[tid], -tid) > (sizes[best], -best))):
                        best, best_p = tid, q
                at += len(post_rows)
                if best != topics[i]:
                    moves.append((i, best))
                i += 1
        if not moves:
            break
        for i, tid in moves:
            topics[i] = tid
        moved += len(moves)
    return moved


def probabilities(model: PairModel, rows: list[list[float]]) -> list[float]:
    """The model's probability of every row at once (numpy: one matrix product)."""
    if not rows:
        return []
    x = (np.array(rows, dtype=float) - np.array(model.mean)) / np.array(model.scale)
    z = np.clip(x @ np.array(model.coef) + model.intercept, -60.0, 60.0)
    return [float(v) for v in 1.0 / (1.0 + np.exp(-z))]


@lru_cache(maxsize=1)
def shipped_model() -> PairModel:
    """The model trained on the development streams (``benchmarks/topic_placement.py --write``)."""
    text = resources.files("newsroom.analysis").joinpath("lexicons", MODEL_FILE).read_text(encoding="utf-8")
    return PairModel.from_json(text)
