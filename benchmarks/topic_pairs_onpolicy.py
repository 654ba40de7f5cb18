"""The learned joins trained on the pairs they meet while joining (on-policy), and weighted by size.

The pair model (``benchmarks/topic_pairs.py``) learns from the pairs of fragments before any join, but
joins best first fragments that earlier joins made bigger. Here, for every stream the pair model learns
from, the joins are replayed from the fragments before them with a model that did not see that stream
(nested: nor the stream held out), every pair scored while joining is recorded with the two sides'
majority stories as label (``--soft``: the share of the smaller side's posts in the bigger side's
story), and those rows are added to the training rows (``--rounds``: how often, DAgger-like, each
round's model replaying again; ``--on-weight``: their weight). ``--size``: the rows weigh by the posts
a join would put together (``small``: the smaller side's posts, ``sqrt``, ``log``: log(1 + those);
``mixed``, ``mixedsqrt``: that for the pairs of two stories, 1 for the others). ``--rise k``: the level
rises with the smaller side (p - k·(log(1 + posts) - log 2) is compared with it). ``--trees d``:
gradient-boosted trees of depth d (sklearn, for the measurement only) on the same rows instead of the
logistic regression.

Held out: the seven streams of ``topic_pairs.py`` leave-one-stream-out, brugwaarde* and zuidervelde*
with the model of all seven. Printed per stream: AMI / coverage / topics of the whole batch, and of
the replayed joins the joins between two story-majority sides that join two stories (wrong / all).

    python benchmarks/topic_pairs_onpolicy.py [--rounds 2] [--soft] [--size none] [--rise 0] [--trees 0]
                                              [--levels 0.25]
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from dev_streams import dev_streams, is_hand_written
from topic_pairs import CHATTER, GENERATED_WEIGHT, L2, pair_data, pair_streams, patched, run, score

from newsroom.analysis import topic_batch, topic_pairs
from newsroom.analysis.topic_pairs import (
    FEATURES,
    PairFragment,
    PairModel,
    candidate_pairs,
    fit_logistic,
    pair_features,
    prepare,
)
from newsroom.commands.topics import read_records
from newsroom.domain import utcnow

HERE = Path(__file__).resolve().parent


@dataclass
class Start:
    """A stream's fragments before the learned joins, their keys' weights and names, their stories."""

    fragments: list[PairFragment]
    idf: dict[str, float]
    names: dict[str, bool]
    stories: dict[int, Counter[str]]


def start_of(lines: list[str]) -> Start:
    """The fragments the learned joins start from (as the batch runs them: first in the grouping)."""
    gold = {r["id"]: r["story"] for r in map(json.loads, lines)}
    out: list[Start] = []
    original = topic_batch.group_fragments

    def capture(clusterer: Any, concepts: Any = None, *args: Any, **kwargs: Any) -> int:
        idf = args[0] if args else clusterer.idf
        word_idf = topic_batch.pair_idf(clusterer, concepts, idf)
        frags = topic_batch.pair_fragments(clusterer, concepts)
        words = sorted({w for f in frags for w in f.words})
        stories: dict[int, Counter[str]] = {}
        for doc in clusterer.kept:
            stories.setdefault(clusterer.resolve(doc.topic), Counter())[gold[doc.id]] += 1
        out.append(Start(copy.deepcopy(frags), {w: word_idf(w) for w in words},
                         {w: bool(clusterer.words.is_name(w)) for w in words}, stories))
        return int(original(clusterer, concepts, *args, **kwargs))

    learned = topic_batch.LEARNED_GROUPING
    topic_batch.LEARNED_GROUPING = False
    try:
        with patched({"group_fragments": capture}):
            topic_batch.assign_topics(read_records(lines, utcnow()))
    finally:
        topic_batch.LEARNED_GROUPING = learned
    return out[0]


def _major(c: Counter[str]) -> str:
    return max(c.items(), key=lambda kv: (kv[1], kv[0]))[0]


@dataclass
class Replay:
    rows: np.ndarray
    labels: np.ndarray
    #: per row: the smaller side's posts, whether the two sides' majorities are two stories
    small: np.ndarray
    two: np.ndarray
    joins: int
    wrong: int
    story_joins: int
    wrong_posts: int


def replay(start: Start, model: Any, *, soft: bool = False) -> Replay:
    """The learned joins from the start with ``model``; every pair scored while joining (after the first
    queue) with its label, and the joins that put two stories together. ``soft``: the label is the share
    of the smaller side's posts in the bigger side's majority story (0 for chatter) instead of 1 when
    the two sides' majorities are one story, 0 otherwise."""
    frags = copy.deepcopy(start.fragments)
    comp = {f.id: Counter(start.stories.get(f.id, Counter())) for f in frags}
    idf = start.idf.__getitem__
    is_name = start.names.__getitem__
    seen: dict[tuple[int, int, int, int], tuple[list[float], float, int, bool]] = {}
    stats = {"joins": 0, "wrong": 0, "story": 0, "wrong_posts": 0}
    top_idf = max((idf(w) for f in frags for w in f.words), default=1.0)
    original = topic_pairs.join_best_first

    def tracing(heap: Any, groups: Any, neighbours: Any, score_fn: Callable[..., Any], bar: Any,
                join: Callable[[PairFragment, PairFragment], None], push: Any) -> list[tuple[int, int]]:
        def traced_push(a: int, others: Sequence[int]) -> None:
            for b in others:
                if b != a and b in groups:
                    record(groups[a], groups[b])
            push(a, others)

        def traced_score(a: PairFragment, b: PairFragment) -> float | None:
            record(a, b)
            return score_fn(a, b)

        def record(a: PairFragment, b: PairFragment) -> None:
            key = (a.id, a.posts, b.id, b.posts) if a.id < b.id else (b.id, b.posts, a.id, a.posts)
            if key not in seen and not topic_pairs._apart(a, b):
                ma, mb = _major(comp[a.id]), _major(comp[b.id])
                label = float(ma == mb and ma not in CHATTER)
                if soft:                       # the share of the smaller side's posts in the other's story
                    sm, bg = (a, b) if (a.posts, a.id) <= (b.posts, b.id) else (b, a)
                    mbig = _major(comp[bg.id])
                    label = 0.0 if mbig in CHATTER else comp[sm.id][mbig] / sm.posts
                two = ma != mb and ma not in CHATTER and mb not in CHATTER
                seen[key] = (pair_features(a, b, idf, top_idf), label, min(a.posts, b.posts), two)

        def traced_join(kept: PairFragment, gone: PairFragment) -> None:
            ma, mb = _major(comp[kept.id]), _major(comp[gone.id])
            stats["joins"] += 1
            if ma not in CHATTER and mb not in CHATTER:
                stats["story"] += 1
                if ma != mb:
                    stats["wrong"] += 1
                    stats["wrong_posts"] += min(kept.posts, gone.posts)
            comp[kept.id] += comp.pop(gone.id)
            join(kept, gone)

        return original(heap, groups, neighbours, traced_score, bar, traced_join, traced_push)

    with patched_module(topic_pairs, {"join_best_first": tracing}):
        topic_pairs.learned_merges(frags, idf, is_name, model)
    vals = [seen[k] for k in sorted(seen)]
    rows = np.array([v[0] for v in vals], dtype=float).reshape(-1, len(FEATURES))
    return Replay(rows, np.array([v[1] for v in vals]), np.array([v[2] for v in vals], dtype=float),
                  np.array([v[3] for v in vals], dtype=bool), stats["joins"], stats["wrong"], stats["story"],
                  stats["wrong_posts"])


@contextmanager
def patched_module(module: Any, names: dict[str, Any]) -> Iterator[None]:
    """Replace a module's names for the duration."""
    saved = {n: getattr(module, n) for n in names}
    for n, f in names.items():
        setattr(module, n, f)
    try:
        yield
    finally:
        for n, f in saved.items():
            setattr(module, n, f)


#: (features, labels, smaller side's posts, two stories) of a stream's rows
Rows = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def size_weights(small: np.ndarray, two: np.ndarray, size: str) -> np.ndarray:
    if size == "small":
        return small.astype(float)
    if size == "sqrt":
        return np.sqrt(small)
    if size == "log":
        return np.log1p(small)
    if size == "mixed":
        return np.where(two, small, 1.0)
    if size == "mixedsqrt":
        return np.where(two, np.sqrt(small), 1.0)
    return np.ones(len(small))


@dataclass(frozen=True)
class Rising:
    """A pair model whose level rises with the smaller side: p - RISE * (log(1 + smaller) - log 2) is
    compared with the level (the smaller side's posts are the log_small feature)."""

    model: PairModel
    rise: float

    @property
    def level(self) -> float:
        return self.model.level

    @property
    def largest(self) -> int | None:
        return self.model.largest

    def probability(self, x: Sequence[float]) -> float:
        return self.model.probability(x) - self.rise * (x[SMALL] - LOG2)


@dataclass
class Trees:
    """Gradient-boosted trees (sklearn, here only: a measurement) in the pair model's place."""

    trees: Any
    level: float
    largest: int | None = None

    def probability(self, x: Sequence[float]) -> float:
        return float(self.trees.predict_proba(np.array([x], dtype=float))[0, 1])


def fit_trees(rows: dict[str, list[Rows]], names: Sequence[str], level: float, depth: int) -> Trees:
    from sklearn.ensemble import GradientBoostingClassifier

    x = np.vstack([r[0] for n in names for r in rows[n]])
    y = np.concatenate([r[1] for n in names for r in rows[n]])
    w = np.concatenate([np.full(len(r[1]), 1.0 if is_hand_written(n) else GENERATED_WEIGHT)
                        for n in names for r in rows[n]])
    trees = GradientBoostingClassifier(n_estimators=150, max_depth=depth, learning_rate=0.05, subsample=1.0,
                                       min_samples_leaf=20, random_state=0)
    trees.fit(x, (y >= 0.5).astype(int), sample_weight=w)
    return Trees(trees, level)


SMALL = FEATURES.index("log_small")
LOG2 = float(np.log(2.0))


def fit(rows: dict[str, list[Rows]], names: Sequence[str], level: float, size: str,
        on_weight: float) -> PairModel:
    xs, ys, ws = [], [], []
    for n in names:
        gen = 1.0 if is_hand_written(n) else GENERATED_WEIGHT
        for k, (x, y, small, two) in enumerate(rows[n]):
            xs.append(x)
            ys.append(y)
            ws.append(gen * (1.0 if k == 0 else on_weight) * size_weights(small, two, size))
    x = np.vstack(xs)
    return fit_logistic(x, np.concatenate(ys), features=FEATURES, l2=L2, level=level,
                        weights=np.concatenate(ws))


def base_rows(start: Start) -> Rows:
    """The off-policy rows (as topic_pairs.pair_data: every candidate pair before any join), with the
    smaller side's posts and whether the sides' majorities are two stories."""
    frags = {f.id: prepare(f, start.idf.__getitem__, start.names.__getitem__)
             for f in copy.deepcopy(start.fragments)}
    idf = start.idf.__getitem__
    top_idf = max((idf(w) for f in frags.values() for w in f.words), default=1.0)
    major = {fid: _major(c) for fid, c in start.stories.items()}
    xs, ys, small, two = [], [], [], []
    for a, b in candidate_pairs(frags):
        xs.append(pair_features(frags[a], frags[b], idf, top_idf))
        ys.append(float(major[a] == major[b] and major[a] not in CHATTER))
        small.append(min(frags[a].posts, frags[b].posts))
        two.append(major[a] != major[b] and major[a] not in CHATTER and major[b] not in CHATTER)
    return (np.array(xs, dtype=float).reshape(-1, len(FEATURES)), np.array(ys), np.array(small, dtype=float),
            np.array(two, dtype=bool))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default=str(HERE.parents[1] / "shared"))
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--size", default="none")
    parser.add_argument("--levels", default="0.25")
    parser.add_argument("--on-weight", type=float, default=1.0)
    parser.add_argument("--soft", action="store_true", help="on-policy labels: the smaller side's share")
    parser.add_argument("--rise", type=float, default=0.0, help="the level rises this much per log post")
    parser.add_argument("--trees", type=int, default=0, help="gradient-boosted trees of this depth instead")
    parser.add_argument("--check", action="store_true", help="the off-policy rows equal topic_pairs'")
    parser.add_argument("--no-batch", action="store_true", help="only the replayed joins, not the batch's AMI")
    args = parser.parse_args()
    from shared_tools import load_tool

    scorer = load_tool(Path(args.shared) / "tools" / "cluster_nmi.py")
    topic_batch.LEARNED_GROUPING = False
    train_names = [n for n, _ in pair_streams("ninth")]
    texts = {n: p.read_text(encoding="utf-8").splitlines() for n, p in dev_streams()}
    starts = {n: start_of(texts[n]) for n in texts}
    rows: dict[str, list[Rows]] = {n: [base_rows(starts[n])] for n in train_names}
    if args.check:
        for n in train_names:
            x, y = pair_data(texts[n], "before", None)
            print(n, x.shape, rows[n][0][0].shape, np.allclose(x, rows[n][0][0]), np.array_equal(y, rows[n][0][1]))
    levels = [float(v) for v in args.levels.split(",")]
    held = list(texts)

    def held_model(name: str, level: float, extra: dict[tuple[str, str], list[Rows]]) -> Any:
        others = [n for n in train_names if n != name]
        if args.trees:
            return fit_trees(rows, others, level, args.trees)
        model = fit({n: rows[n] + extra.get((name, n), []) for n in others}, others, level, args.size,
                    args.on_weight)
        return Rising(model, args.rise) if args.rise else model

    for level in levels:
        # extra[(held, train)]: on-policy rows of a training stream, replayed with a model that saw
        # neither it nor the held-out stream
        extra: dict[tuple[str, str], list[Rows]] = {}
        for rnd in range(args.rounds + 1):
            results = {}
            for name in held:
                model = held_model(name, level, extra)
                r = replay(starts[name], model, soft=args.soft)
                if args.no_batch:
                    results[name] = (0.0, 0.0, 0, r)
                else:
                    a, c, t = score(scorer, texts[name], run(texts[name], "before", model))
                    results[name] = (a, c, t, r)
            print(f"\nlevel {level} round {rnd} size {args.size} on-weight {args.on_weight}")
            for name in held:
                a, c, t, r = results[name]
                print(f"{name:12s} {a:.3f}/{c:.2f}/{t:4d}  joins {r.joins:4d} wrong/story {r.wrong:3d}/{r.story_joins:3d} "
                      f"wrong posts {r.wrong_posts:4d}", flush=True)
            hand = [results[n][0] for n in held if is_hand_written(n)]
            print(f"hand-written mean {statistics.mean(hand):.3f}  all {statistics.mean(v[0] for v in results.values()):.3f}"
                  f"  wrong {sum(results[n][3].wrong for n in held if is_hand_written(n))}"
                  f"/{sum(results[n][3].story_joins for n in held if is_hand_written(n))}", flush=True)
            if rnd == args.rounds:
                break
            # the next round: each training stream's joins replayed by a model without it and the held-out
            new: dict[tuple[str, str], list[Rows]] = {}
            for name in held:
                for t in train_names:
                    if t == name:
                        continue
                    others = [n for n in train_names if n not in (name, t)]
                    m = fit({n: rows[n] + extra.get((name, n), []) for n in others}, others, level, args.size,
                            args.on_weight)
                    r = replay(starts[t], m, soft=args.soft)
                    new[(name, t)] = [*extra.get((name, t), []), (r.rows, r.labels, r.small, r.two)]
                    if name == held[0]:
                        print(f"  on-policy rows of {t}: {len(r.labels)}, label mean {r.labels.mean():.2f}, "
                              f"off-policy {len(rows[t][0][1])}, {rows[t][0][1].mean():.2f}")
            extra = new
    return 0


if __name__ == "__main__":
    sys.exit(main())
