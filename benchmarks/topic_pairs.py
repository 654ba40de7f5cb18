"""Learned same-story evidence in the batch's story steps: trained and judged leave-one-stream-out.

For every development stream it learns from (``dev_streams.py``; ``--streams``) the batch runs up to
the grouping of fragments; every pair of fragments where the smaller one's strongest words are used by
the other gets the features of :mod:`newsroom.analysis.topic_pairs` and a label from the stream's true
stories (both fragments' majority story the same, not chatter). A logistic regression is trained on the
other streams and used on each one (fragments joined while p >= a level); AMI, coverage and the topics
returned are compared with the hand-set steps (docs/topics.md, ninth and fourteenth passes).

    python benchmarks/topic_pairs.py [--stage before] [--largest 0] [--levels 0.2,0.25,0.3,0.35]
                                     [--l2 10] [--streams ninth] [--generated 0.5] [--features f1,f2]
                                     [--write]

``--stage before`` (the default, what the batch ships): the learned joins first, then the hand-set
grouping (``group_stories``) and the later steps as they are; ``after``: the hand-set grouping first,
the learned joins on what it left; ``group``: the learned joins in place of the hand-set grouping;
``group-gather``, ``group-absorb``, ``early``: in its place, and the later steps (the gathering of
small fragments; the replies by time and the absorption of tiny fragments; all three) left out as well;
``late``: the learned joins in place of the absorption of tiny fragments and the gathering
(``absorb_small``, ``regroup_small``; pairs taken there). ``--streams``: the streams it learns from
and is judged on: ``ninth``, the ninth pass's seven (what the batch ships), or ``all`` development
streams (not shipped: fourteenth pass). ``--generated``: a generated stream's pairs weigh this much in
the fit (a hand-written stream's 1). ``--largest``: joins only while the smaller fragment has at most
that many posts (0: any). ``--features``: features left out. ``--write`` trains on those streams at the
best level (the highest mean held-out AMI of the hand-written streams, then of all) and writes
``newsroom/analysis/lexicons/pair_model.json`` (what tests/analysis/test_topic_pairs.py checks).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from dev_streams import dev_streams, is_hand_written

from newsroom.analysis import topic_batch
from newsroom.analysis.topic_pairs import (
    FEATURES,
    MODEL_FILE,
    PairModel,
    candidate_pairs,
    fit_logistic,
    pair_features,
    prepare,
)
from newsroom.commands.topics import read_records
from newsroom.domain import utcnow

HERE = Path(__file__).resolve().parent
CHATTER = ("-", "chatter")


@contextmanager
def patched(names: dict[str, Callable[..., Any]]) -> Iterator[None]:
    """Replace topic_batch's step functions for the duration."""
    saved = {n: getattr(topic_batch, n) for n in names}
    for n, f in names.items():
        setattr(topic_batch, n, f)
    try:
        yield
    finally:
        for n, f in saved.items():
            setattr(topic_batch, n, f)


#: stage: (the step the learned joins replace, where the pairs are taken; the later steps left out)
STAGES = {
    "before": ("group_fragments", ()),
    "after": ("group_fragments", ()),
    "group": ("group_fragments", ()),
    "group-gather": ("group_fragments", ("regroup_small",)),
    "group-absorb": ("group_fragments", ("absorb_replies", "absorb_small")),
    "early": ("group_fragments", ("absorb_replies", "absorb_small", "regroup_small")),
    "late": ("absorb_small", ("regroup_small",)),
}


def _first_step(stage: str) -> str:
    return STAGES[stage][0]


def _replaced(stage: str) -> tuple[str, ...]:
    return STAGES[stage][1]


def pair_data(lines: list[str], stage: str, largest: int | None) -> tuple[np.ndarray, np.ndarray]:
    """The features and labels of the candidate pairs at the stage's first replaced step."""
    gold = {r["id"]: r["story"] for r in map(json.loads, lines)}
    captured: list[tuple[np.ndarray, np.ndarray]] = []
    original = getattr(topic_batch, _first_step(stage))

    def capture(clusterer: Any, concepts: Any = None, *args: Any, **kwargs: Any) -> int:
        idf = args[0] if args else clusterer.idf
        done = 0
        if stage == "after":                    # the hand-set grouping first, the pairs it left
            done = int(original(clusterer, concepts, *args, **kwargs))
        word_idf = topic_batch.pair_idf(clusterer, concepts, idf)
        fragments = {f.id: prepare(f, word_idf, clusterer.words.is_name)
                     for f in topic_batch.pair_fragments(clusterer, concepts)}
        stories: dict[int, Counter[str]] = {}
        for doc in clusterer.kept:
            stories.setdefault(clusterer.resolve(doc.topic), Counter())[gold[doc.id]] += 1
        major = {tid: max(c.items(), key=lambda kv: (kv[1], kv[0]))[0] for tid, c in stories.items()}
        top_idf = max((word_idf(w) for f in fragments.values() for w in f.words), default=1.0)
        rows, labels = [], []
        for a, b in candidate_pairs(fragments, largest=largest):
            rows.append(pair_features(fragments[a], fragments[b], word_idf, top_idf))
            labels.append(float(major[a] == major[b] and major[a] not in CHATTER))
        captured.append((np.array(rows, dtype=float).reshape(-1, len(FEATURES)), np.array(labels)))
        return done if stage == "after" else int(original(clusterer, concepts, *args, **kwargs))

    learned = topic_batch.LEARNED_GROUPING
    topic_batch.LEARNED_GROUPING = False        # the pairs the hand-set steps would see
    try:
        with patched({_first_step(stage): capture}):
            topic_batch.assign_topics(read_records(lines, utcnow()))
    finally:
        topic_batch.LEARNED_GROUPING = learned
    return captured[0]


#: the L2 penalty of the shipped model (standardised features)
L2 = 10.0


#: The streams the shipped pair model learns from (``--streams ninth``): the seven development streams of
#: the ninth pass. Learnt from all nine (``--streams all``) it joins more fragments and the stories it
#: joins lose their names (docs/topics.md, fourteenth pass): not shipped.
NINTH_PASS = ("meerhoutem*", "dommelroode*", "lindeveld", "oosterbeke", "kaaienburg", "vlietrode", "heidemaal")


def pair_streams(which: str = "ninth") -> list[tuple[str, Path]]:
    """The development streams the pair model learns from: ``ninth`` (NINTH_PASS, shipped) or ``all``."""
    return [(n, p) for n, p in dev_streams() if which == "all" or n in NINTH_PASS]


def training_data(stage: str = "before", largest: int | None = None,
                  which: str = "ninth") -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """The candidate pairs' features and labels of the pair model's streams, by stream name."""
    return {name: pair_data(path.read_text(encoding="utf-8").splitlines(), stage, largest)
            for name, path in pair_streams(which)}


#: each generated stream's rows weigh this much in the fit (a hand-written stream's 1)
GENERATED_WEIGHT = 1.0


def stream_weights(data: dict[str, tuple[np.ndarray, np.ndarray]], names: list[str],
                   generated: float) -> np.ndarray:
    """The fit's weight of every row of the named streams: 1 for a hand-written stream's, ``generated``
    for a generated stream's."""
    return np.concatenate([np.full(len(data[n][1]), 1.0 if is_hand_written(n) else generated) for n in names])


def fit_streams(data: dict[str, tuple[np.ndarray, np.ndarray]], names: list[str], features: tuple[str, ...],
                level: float,
                *, l2: float, keep: list[int] | None = None, largest: int | None = None,
                generated: float) -> PairModel:
    """A model of ``features`` fitted on the named streams' rows (``keep``: the features used, the others at
    weight 0; a generated stream's rows weighing ``generated``): the pair and the placement models alike."""
    keep = list(range(len(features))) if keep is None else keep
    x = np.vstack([data[n][0][:, keep] for n in names])
    y = np.concatenate([data[n][1] for n in names])
    fitted = fit_logistic(x, y, features=[features[i] for i in keep], l2=l2, level=level, largest=largest,
                          weights=stream_weights(data, names, generated))
    coef, mean, scale = [0.0] * len(features), [0.0] * len(features), [1.0] * len(features)
    for j, i in enumerate(keep):
        coef[i], mean[i], scale[i] = fitted.coef[j], fitted.mean[j], fitted.scale[j]
    return PairModel(features, tuple(mean), tuple(scale), tuple(coef), fitted.intercept, level, largest)


def train(data: dict[str, tuple[np.ndarray, np.ndarray]], names: list[str], level: float, *, l2: float = L2,
          keep: list[int] | None = None, largest: int | None = None, generated: float | None = None) -> PairModel:
    """The pair model fitted on the named streams' pairs (``keep``: the features used, the others at weight
    0; a generated stream's rows weighing ``generated``, GENERATED_WEIGHT unless given)."""
    return fit_streams(data, names, FEATURES, level, l2=l2, keep=keep, largest=largest,
                       generated=GENERATED_WEIGHT if generated is None else generated)


def run(lines: list[str], stage: str, model: PairModel | None) -> list[str]:
    """The batch's topic of every post: with the hand-set steps (``model`` None) or the learned joins."""
    if model is None:
        return [str(a.topic) for a in topic_batch.assign_topics(read_records(lines, utcnow()))]

    def learned(clusterer: Any, concepts: Any = None, *args: Any, **kwargs: Any) -> int:
        idf = args[0] if args else clusterer.idf
        done = 0
        if stage == "after":
            done = topic_batch.group_stories(clusterer, concepts, topic_batch.CONCEPTS_GROUP, idf=idf)
        done += topic_batch.learned_gather(clusterer, model, concepts, idf)
        if stage == "before":                   # the learned joins first, then the hand-set grouping
            done += topic_batch.group_stories(clusterer, concepts, topic_batch.CONCEPTS_GROUP, idf=idf)
        return done

    steps: dict[str, Callable[..., Any]] = {_first_step(stage): learned}
    steps.update({n: (lambda *a, **k: 0) for n in _replaced(stage)})
    with patched(steps):
        return [str(a.topic) for a in topic_batch.assign_topics(read_records(lines, utcnow()))]


def score(scorer: Any, lines: list[str], pred: list[str]) -> tuple[float, float, int]:
    """AMI (chatter posts each a class of their own), coverage, topics."""
    stories = [json.loads(line)["story"] for line in lines]
    gold = [s if s not in CHATTER else f"-{n}" for n, s in enumerate(stories)]
    m = scorer.metrics(gold, pred)
    shares = []
    for story in sorted(set(stories) - set(CHATTER)):
        mine = Counter(p for p, s in zip(pred, stories, strict=True) if s == story)
        shares.append(max(mine.values()) / sum(mine.values()))
    return float(m["ami"]), statistics.median(shares), len(set(pred))


def write_model(model: PairModel, file_name: str) -> None:
    """Write ``model`` to ``lexicons/<file_name>`` (what the package ships) and print its coefficients."""
    out = HERE.parent / "newsroom" / "analysis" / "lexicons" / file_name
    out.write_text(model.to_json() + "\n", encoding="utf-8")
    print(f"wrote {out}")
    for f, c in zip(model.features, model.coef, strict=True):
        print(f"  {f:18s} {c:+.3f}")
    print(f"  {'intercept':18s} {model.intercept:+.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default=str(HERE.parents[1] / "shared"))
    parser.add_argument("--stage", choices=list(STAGES), default="before")
    parser.add_argument("--largest", type=int, default=0, help="joins only while the smaller fragment has at "
                        "most this many posts (0: any)")
    parser.add_argument("--levels", default="0.2,0.25,0.3,0.35")
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--features", default="", help="comma-separated features to leave out")
    parser.add_argument("--streams", choices=("ninth", "all"), default="ninth", help="learn from the ninth "
                        "pass's seven development streams (shipped) or from all of them")
    parser.add_argument("--generated", type=float, default=GENERATED_WEIGHT, help="a generated stream's rows "
                        "weigh this much in the fit (a hand-written stream's 1)")
    parser.add_argument("--write", action="store_true", help="train on the --streams and write the "
                        "shipped model")
    args = parser.parse_args()
    from shared_tools import load_tool

    scorer = load_tool(Path(args.shared) / "tools" / "cluster_nmi.py")
    topic_batch.LEARNED_GROUPING = False         # "now": the hand-set steps; pairs taken before them
    largest = args.largest or None
    levels = [float(v) for v in args.levels.split(",")]
    drop = {f.strip() for f in args.features.split(",") if f.strip()}
    keep = [i for i, f in enumerate(FEATURES) if f not in drop]
    streams = [(name, path.read_text(encoding="utf-8").splitlines()) for name, path in pair_streams(args.streams)]
    data = {name: pair_data(lines, args.stage, largest) for name, lines in streams}
    base = {name: score(scorer, lines, run(lines, args.stage, None)) for name, lines in streams}
    for name, (_x, y) in data.items():
        print(f"{name:12s} pairs {len(y):5d} same story {int(y.sum()):4d}", flush=True)

    results: dict[float, dict[str, tuple[float, float, int]]] = {}
    for level in levels:
        results[level] = {}
        for name, lines in streams:
            model = train(data, [n for n, _ in streams if n != name], level, l2=args.l2, keep=keep,
                          largest=largest, generated=args.generated)
            results[level][name] = score(scorer, lines, run(lines, args.stage, model))
    print(f"\nstreams {args.streams}, stage {args.stage}, largest {largest}, l2 {args.l2}, generated {args.generated}, left out: {sorted(drop) or '-'}")
    print(f"{'stream':12s} {'now':>17s} " + " ".join(f"{'p>=' + str(v):>17s}" for v in levels))
    for name, _ in streams:
        a, c, t = base[name]
        cells = " ".join(f"{r[0]:.3f}/{r[1]:.2f}/{r[2]:4d}".rjust(17) for r in (results[v][name] for v in levels))
        print(f"{name:12s} {f'{a:.3f}/{c:.2f}/{t:4d}':>17s} {cells}")
    mean_now = statistics.mean(b[0] for b in base.values())
    means = {v: statistics.mean(r[0] for r in results[v].values()) for v in levels}
    print(f"{'mean AMI':12s} {mean_now:17.3f} " + " ".join(f"{means[v]:17.3f}" for v in levels))
    hand_now = statistics.mean(b[0] for n, b in base.items() if is_hand_written(n))
    hands = {v: statistics.mean(r[0] for n, r in results[v].items() if is_hand_written(n)) for v in levels}
    print(f"{'hand-written':12s} {hand_now:17.3f} " + " ".join(f"{hands[v]:17.3f}" for v in levels))
    # the hand-written streams weigh most: their mean held-out AMI, then the mean of all, then the lower
    best = max(levels, key=lambda v: (round(hands[v], 6), round(means[v], 6), -v))
    print(f"best level (the hand-written streams' mean held-out AMI, then all streams'): {best}")
    if args.write:
        model = train(data, [n for n, _ in streams], best, l2=args.l2, keep=keep, largest=largest,
                      generated=args.generated)
        write_model(model, MODEL_FILE)
    return 0


if __name__ == "__main__":
    sys.exit(main())
