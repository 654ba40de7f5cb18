"""Learned same-story evidence: whether two fragments of a stream tell one story, as a probability.

The batch's story steps each weigh one kind of evidence against a bar set by hand (a cosine of 0.25,
an absorption evidence of 0.06, a gathering similarity of 0.1). Here the same evidence is computed for
a pair of fragments (the smaller one and the bigger one) and combined by a small logistic regression
learnt from labelled streams (``benchmarks/topic_pairs.py`` trains it): idf-weighted cosine, the share
of the smaller one's word weight the bigger one's posts use, shared concepts, shared names, names that
keep them apart, time closeness and gap, sizes, and how reply-like the smaller one's posts are.

:func:`learned_merges` joins fragments best first (average linkage, as
:func:`~newsroom.analysis.topic_stories.story_merges`) while the probability is at least a level.
Plain Python and numpy; deterministic (sorted loops, ties to the lower id).
"""

from __future__ import annotations

import heapq
import json
import math
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np

from newsroom.analysis.best_first import join_best_first
from newsroom.analysis.post_meaning import unit_rows
from newsroom.analysis.subject_words import says_what_happened
from newsroom.analysis.topic_concepts import is_concept

#: The features of a pair, in the order of the model's coefficients.
FEATURES = ("cosine", "concept_cosine", "explained", "rarest_shared", "closeness", "log_gap_h",
            "shared_name", "apart", "log_small", "log_big", "reply_share", "question_share",
            "cosine_x_close", "explained_x_close", "meaning", "meaning_x_close")
#: Time closeness: exp(-gap / CLOSE_SCALE_S) of a post to the other fragment's nearest post, over at
#: most CLOSE_SAMPLE of a fragment's posts (evenly spread)
CLOSE_SCALE_S = 3 * 3600.0
CLOSE_SAMPLE = 20
#: A name in this share of a fragment's posts is what it is about; ABSENT: it does not mention one.
NAME_SHARE = 0.3
ABSENT = 0.05
#: Each fragment is compared with the fragments holding one of its TOP_WORDS strongest words, when
#: at most MAX_HOLDERS fragments hold it among theirs (bounded cost on big streams).
TOP_WORDS = 10
MAX_HOLDERS = 60
#: A reply-like post: at most REPLY_WORDS words, none saying what happened, no capitalised word inside.
REPLY_WORDS = 10
_WORD = re.compile(r"\w+", re.UNICODE)


def reply_like(text: str) -> bool:
    """A short post that says no subject and names nothing ("Hoe lang nog?", "Bij ons ook")."""
    words = _WORD.findall(text)
    if not words or len(words) > REPLY_WORDS:
        return False
    return not any(says_what_happened(w) for w in words) and not any(w[:1].isupper() for w in words[1:])


@dataclass(slots=True)
class PairFragment:
    """A fragment as the pair model sees it: word and concept counts (posts counted once), post times
    (sorted), and how many of its posts are reply-like or ask a question."""

    id: int
    posts: int
    words: dict[str, float]
    times: list[float]
    replies: int = 0
    questions: int = 0
    names: frozenset[str] = field(default_factory=frozenset)
    vector: dict[str, float] = field(default_factory=dict)
    concept_vector: dict[str, float] = field(default_factory=dict)
    #: (key, weight) of every key, sorted; their weights' sum; up to CLOSE_SAMPLE of its times
    weights: list[tuple[str, float, bool]] = field(default_factory=list)
    total: float = 0.0
    sample: list[float] = field(default_factory=list)
    #: the items of ``vector`` and ``concept_vector``, sorted (the order :func:`_dot` sums in)
    vector_items: list[tuple[str, float]] = field(default_factory=list)
    concept_items: list[tuple[str, float]] = field(default_factory=list)
    #: the sum of its posts' sentence vectors (:mod:`post_meaning`), None without them
    meaning: np.ndarray | None = None


def _unit(vec: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in vec.values()))
    return {w: v / norm for w, v in vec.items()} if norm > 0.0 else {}


def prepare(f: PairFragment, idf: Callable[[str], float], is_name: Callable[[str], bool]) -> PairFragment:
    """Fill in the fragment's names and unit vectors (words; concepts) from its counts."""
    f.names = frozenset(w for w, c in f.words.items() if c >= NAME_SHARE * f.posts and not is_concept(w)
                        and is_name(w))
    f.vector = _unit({w: c / f.posts * idf(w) for w, c in f.words.items() if not is_concept(w)})
    f.concept_vector = _unit({w: c / f.posts * idf(w) for w, c in f.words.items() if is_concept(w)})
    f.vector_items = sorted(f.vector.items())
    f.concept_items = sorted(f.concept_vector.items())
    f.weights = [(w, max(idf(w), 0.0), is_concept(w)) for w in sorted(f.words)]
    f.total = sum(x for _, x, _ in f.weights)
    times = f.times
    if len(times) > CLOSE_SAMPLE:
        step = len(times) / CLOSE_SAMPLE
        times = [times[int(i * step)] for i in range(CLOSE_SAMPLE)]
    f.sample = list(times)
    return f


def _dot(x: dict[str, float], x_items: list[tuple[str, float]], y: dict[str, float],
         y_items: list[tuple[str, float]]) -> float:
    """The dot product of two vectors, summed over the shorter one's words in sorted order (``x_items``,
    ``y_items``: each vector's items, sorted)."""
    if len(x) > len(y):
        x_items, y = y_items, x
    return sum([v * y[w] for w, v in x_items if w in y])


def _closeness(a: Sequence[float], b: list[float]) -> tuple[float, float]:
    """Mean exp(-gap / CLOSE_SCALE_S) of ``a``'s times to ``b``'s nearest, and the smallest gap (s)."""
    total, least = 0.0, math.inf
    n, exp = len(b), math.exp
    all_after = bool(n and a) and min(a) > b[-1]
    if all_after or (n and a and max(a) <= b[0]):     # all after b's last, or all up to its first
        end = b[-1] if all_after else b[0]               # (where the search would land)
        gaps = [abs(end - t) for t in a]
        for gap in gaps:
            total += exp(-gap / CLOSE_SCALE_S)
        return total / len(a), min(gaps)
    for t in a:
        i = bisect_left(b, t)
        if 0 < i < n:
            before, after = abs(b[i - 1] - t), abs(b[i] - t)
            gap = before if before <= after else after
        elif i:
            gap = abs(b[i - 1] - t)
        elif n:
            gap = abs(b[0] - t)
        else:
            continue                       # no times: nothing close (adds 0)
        least = min(least, gap)
        total += exp(-gap / CLOSE_SCALE_S)
    return (total / len(a) if a else 0.0), least


def _apart(a: PairFragment, b: PairFragment) -> bool:
    if not a.names or not b.names or a.names & b.names:
        return False
    return (not any(b.words.get(w, 0.0) >= ABSENT * b.posts for w in a.names)
            and not any(a.words.get(w, 0.0) >= ABSENT * a.posts for w in b.names))


def pair_features(a: PairFragment, b: PairFragment, idf: Callable[[str], float],
                  top_idf: float) -> list[float]:
    """The features of two prepared fragments (in :data:`FEATURES` order); ``top_idf``: the stream's
    largest idf (a rare shared word's weight is a share of it)."""
    small, big = (a, b) if (a.posts, a.id) <= (b.posts, b.id) else (b, a)
    cosine = _dot(small.vector, small.vector_items, big.vector, big.vector_items)
    concept = _dot(small.concept_vector, small.concept_items, big.concept_vector, big.concept_items)
    explained = rarest = 0.0
    get = big.words.get
    for w, weight, is_key_concept in small.weights:
        count = get(w, 0.0)
        if count > 0.0:
            explained += weight * count
            if not is_key_concept and weight > rarest:
                rarest = weight
    explained = explained / (small.total * big.posts) if small.total > 0.0 else 0.0
    close, gap = _closeness(small.sample, big.times)
    log_gap = math.log1p(gap / 3600.0) if gap < math.inf else 6.0
    meaning = _meaning(small, big)
    return [cosine, concept, explained, rarest / top_idf if top_idf > 0.0 else 0.0, close, log_gap,
            float(bool(small.names & big.names)), float(_apart(small, big)), math.log1p(small.posts),
            math.log1p(big.posts), small.replies / small.posts, small.questions / small.posts,
            cosine * close, explained * close, meaning, meaning * close]


def _meaning(a: PairFragment, b: PairFragment) -> float:
    """The cosine of the two fragments' summed sentence vectors (0 without them)."""
    if a.meaning is None or b.meaning is None:
        return 0.0
    na, nb = float(np.linalg.norm(a.meaning)), float(np.linalg.norm(b.meaning))
    return float(np.dot(a.meaning, b.meaning)) / (na * nb) if na > 1e-9 and nb > 1e-9 else 0.0


@dataclass(frozen=True, slots=True)
class PairModel:
    """A logistic regression over standardised features: p = 1 / (1 + exp(-(b + w·(x - mean)/scale)))."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float
    #: fragments join from this probability on (chosen by leave-one-stream-out)
    level: float
    #: joins only while the smaller fragment has at most this many posts (None: any)
    largest: int | None = None

    def probability(self, x: Sequence[float]) -> float:
        z = self.intercept + sum([c * (v - m) / s for c, v, m, s in
                                  zip(self.coef, x, self.mean, self.scale, strict=True)])
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))

    def to_json(self) -> str:
        return json.dumps({"features": list(self.features), "mean": list(self.mean),
                           "scale": list(self.scale), "coef": list(self.coef),
                           "intercept": self.intercept, "level": self.level, "largest": self.largest},
                          indent=1)

    @staticmethod
    def from_json(text: str) -> PairModel:
        raw = json.loads(text)
        return PairModel(tuple(raw["features"]), tuple(raw["mean"]), tuple(raw["scale"]), tuple(raw["coef"]),
                         float(raw["intercept"]), float(raw["level"]), raw.get("largest"))


MODEL_FILE = "pair_model.json"


@lru_cache(maxsize=1)
def shipped_model() -> PairModel:
    """The model trained on the development streams (``benchmarks/topic_pairs.py --write``)."""
    text = resources.files("newsroom.analysis").joinpath("lexicons", MODEL_FILE).read_text(encoding="utf-8")
    return PairModel.from_json(text)


def fit_logistic(x: np.ndarray, y: np.ndarray, *, features: Sequence[str], l2: float = 1.0,
                 iterations: int = 50, level: float = 0.5, largest: int | None = None,
                 weights: np.ndarray | None = None) -> PairModel:
    """A logistic regression by Newton's method (deterministic: no sampling), L2-penalised ``l2`` on the
    standardised coefficients (not on the intercept); ``weights``: each row's weight in the fit (1 each
    when not given; the standardisation is over the rows unweighted)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    r = np.ones(len(x)) if weights is None else np.asarray(weights, dtype=float)
    w = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -60.0, 60.0)))
        grad = z.T @ (r * (p - y)) + penalty * w
        hess = (z * (r * p * (1.0 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.max(np.abs(step))) < 1e-10:
            break
    return PairModel(tuple(features), tuple(float(v) for v in mean), tuple(float(v) for v in scale),
                     tuple(float(v) for v in w[1:]), float(w[0]), level, largest)


def candidate_pairs(fragments: dict[int, PairFragment], *,
                    largest: int | None = None) -> list[tuple[int, int]]:
    """(a, b) pairs, a < b, where the smaller fragment's TOP_WORDS strongest words (or concepts) are
    used by the other (a word used by more than MAX_HOLDERS fragments does not count); with
    ``largest``, only pairs whose smaller fragment has at most that many posts."""
    holders: dict[str, list[int]] = {}
    for fid in sorted(fragments):
        for w in fragments[fid].words:
            holders.setdefault(w, []).append(fid)
    pairs: set[tuple[int, int]] = set()
    for fid in sorted(fragments):
        f = fragments[fid]
        if largest is not None and f.posts > largest:
            continue
        strongest = {**f.vector, **f.concept_vector}
        for w, _ in heapq.nlargest(TOP_WORDS, strongest.items(), key=lambda kv: (kv[1], kv[0])):
            ids = holders.get(w, [])
            if len(ids) > MAX_HOLDERS:
                continue
            for other in ids:
                if other != fid and (fragments[other].posts, other) >= (f.posts, fid):
                    pairs.add((min(fid, other), max(fid, other)))
    pairs.update(_meaning_pairs(fragments, largest))
    return sorted(pairs)


#: besides those sharing a strong word, each fragment is paired with the MEANING_NEIGHBOURS bigger ones
#: closest in meaning
MEANING_NEIGHBOURS = 3


#: up to this many fragments their similarities are one matrix; above, MEANING_ROWS rows at a time
#: (the whole matrix would take 2 GB at 11,000 fragments: a month of posts)
MEANING_AT_ONCE = 1024
MEANING_ROWS = 256


def _similarity_rows(m: np.ndarray) -> Iterator[tuple[int, np.ndarray]]:
    """(first row, rows) of the rounded similarities of m's rows with all of them."""
    if len(m) <= MEANING_AT_ONCE:
        yield 0, np.round(m @ m.T, 9)
        return
    for first in range(0, len(m), MEANING_ROWS):
        yield first, np.round(m[first:first + MEANING_ROWS] @ m.T, 9)


def _meaning_pairs(fragments: dict[int, PairFragment], largest: int | None) -> set[tuple[int, int]]:
    # a fragment of no word (all background) is not paired by meaning alone
    ids = [fid for fid in sorted(fragments) if fragments[fid].meaning is not None and fragments[fid].vector]
    if len(ids) < 2 or MEANING_NEIGHBOURS <= 0:
        return set()
    m = unit_rows([v for fid in ids if (v := fragments[fid].meaning) is not None])
    posts = np.array([fragments[fid].posts for fid in ids])
    after = np.arange(len(ids))
    out: set[tuple[int, int]] = set()
    for first, rows in _similarity_rows(m):
        for i in range(first, first + len(rows)):
            if largest is not None and posts[i] > largest:
                continue
            # the others at least as big: (posts, id) >= its own (ids ascend with the index)
            bigger = (posts > posts[i]) | ((posts == posts[i]) & (after > i))
            row = rows[i - first]
            if np.count_nonzero(bigger) > MEANING_NEIGHBOURS:
                # only those as similar as the MEANING_NEIGHBOURS-th most similar or more are sorted
                floor = np.partition(row[bigger], -MEANING_NEIGHBOURS)[-MEANING_NEIGHBOURS]
                bigger &= row >= floor
            order = sorted(np.flatnonzero(bigger).tolist(), key=lambda j: (-row[j], ids[j]))
            fid = ids[i]
            for j in order[:MEANING_NEIGHBOURS]:
                out.add((min(fid, ids[j]), max(fid, ids[j])))
    return out


def add_fragment(kept: PairFragment, gone: PairFragment) -> None:
    """``gone``'s counts, times and vector added to ``kept`` (call :func:`prepare` on it after)."""
    for w, c in gone.words.items():
        kept.words[w] = kept.words.get(w, 0.0) + c
    kept.posts += gone.posts
    kept.times = sorted(kept.times + gone.times)
    kept.replies += gone.replies
    kept.questions += gone.questions
    if kept.meaning is not None and gone.meaning is not None:
        kept.meaning = kept.meaning + gone.meaning


def learned_merges(fragments: Sequence[PairFragment], idf: Callable[[str], float],
                   is_name: Callable[[str], bool], model: PairModel) -> list[tuple[int, int]]:
    """(fragment, fragment) merges, most probable first, while the model's probability that the two
    tell one story is at least its level; a merged pair is one fragment from then on (counts summed,
    compared again with the neighbours of both). Two fragments that each mostly name a different place
    never join (as in :func:`~newsroom.analysis.topic_stories.story_merges`). Deterministic: ties go
    to the lower ids."""
    groups = {f.id: prepare(f, idf, is_name) for f in fragments if f.posts > 0}
    if len(groups) < 2:
        return []
    top_idf = max((idf(w) for g in groups.values() for w in g.words), default=1.0)
    neighbours: dict[int, set[int]] = {gid: set() for gid in groups}
    for a, b in candidate_pairs(groups, largest=model.largest):
        neighbours[a].add(b)
        neighbours[b].add(a)
    heap: list[tuple[float, int, int]] = []

    def score(a: PairFragment, b: PairFragment) -> float:
        if (model.largest is not None and min(a.posts, b.posts) > model.largest) or _apart(a, b):
            return 0.0                         # two streets, two places: never one story
        return model.probability(pair_features(a, b, idf, top_idf))

    def push(a: int, others: Sequence[int]) -> None:
        for b in others:
            if b != a and b in groups:
                p = score(groups[a], groups[b])
                if p >= model.level:
                    heapq.heappush(heap, (-p, min(a, b), max(a, b)))

    for gid in sorted(groups):
        push(gid, sorted(n for n in neighbours[gid] if n > gid))
    def join(kept: PairFragment, gone: PairFragment) -> None:
        add_fragment(kept, gone)
        prepare(kept, idf, is_name)

    return join_best_first(heap, groups, neighbours, score, lambda a, b: model.level, join, push)
