"""Other runs' agreement as a feature of the learned joins (docs/topics.md, twenty-sixth pass: other runs'
agreement as a join feature).

The batch's first stage (the word model, one streaming pass) runs again over the same words in other
orders / alphas (``topic_consensus.word_model_run``; default: time order alpha 0.2 and 0.4, reversed 0.3,
id-hash 0.3, the best variant of the consensus pass); the fragments stay the batch's own. The pair model
(:mod:`newsroom.analysis.topic_pairs`) gets one more feature, ``agree``, for fragments A and B:

* ``pairs``: the share of post pairs (a in A, b in B) one run puts in one topic, mean over the runs;
* ``small``: the share of the smaller side's posts whose topic in a run holds one of the bigger side's
  posts, mean over the runs;
* ``any``: the share of the runs that put a post of A and a post of B in one topic.

Kept per fragment as each run's topic counts of its posts (summed when fragments join), so a joined
fragment is scored again as the batch does. All of it is a patch for the duration (``agreement``): the
batch's code is main's. Judged as ``topic_consensus.judge`` (both learned models retrained: the pair
model's rows on its seven streams, each stream by a pair model that did not see it; the placement's rows
on all nine, each stream by a placement trained on the other eight; the levels with the best
hand-written mean), then the learned joins of each stream counted as ``topic_pairs_linkage.run``
(held-out pair model at the chosen level): joins between two story-majority groups putting two stories
together.

    python benchmarks/topic_pairs_agree.py [--feature none|pairs|small|any] [--runs time:0.2,...]
                                           [--pair-levels 0.2,0.25,0.3,0.35] [--place-levels 0.25,0.3,0.35]
"""

from __future__ import annotations

import argparse
import sys
import weakref
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any

import topic_consensus as tc
import topic_pairs as tp
import topic_pairs_linkage as tl
from dev_streams import dev_streams, is_hand_written
from topics import town_row

from newsroom.analysis import topic_batch
from newsroom.analysis import topic_pairs as ntp
from newsroom.analysis.topic_pairs import PairFragment
from newsroom.analysis.topics import TopicClusterer

HERE = Path(__file__).resolve().parent
DEFAULT_RUNS = "time:0.2,time:0.4,reverse:0.3,hash:0.3"

#: the other runs of the stream's whole-stream clusterer: each run's topic of every post id
_runs: weakref.WeakKeyDictionary[TopicClusterer, list[dict[str, int]]] = weakref.WeakKeyDictionary()
#: each fragment (by id, for the pair fragments built last) : each run's topic counts of its posts
_counts: dict[int, list[Counter[int]]] = {}


def agree_pairs(a: Sequence[Counter[int]], na: int, b: Sequence[Counter[int]], nb: int) -> float:
    """The share of post pairs across the two fragments one run puts in one topic, mean over the runs."""
    if not a or na <= 0 or nb <= 0:
        return 0.0
    total = 0.0
    for ra, rb in zip(a, b, strict=True):
        few, many = (ra, rb) if len(ra) <= len(rb) else (rb, ra)
        total += sum(n * many[t] for t, n in sorted(few.items()) if t in many)
    return total / (len(a) * na * nb)


def agree_small(s: Sequence[Counter[int]], ns: int, b: Sequence[Counter[int]]) -> float:
    """The share of the smaller side's posts whose topic in a run holds one of the bigger side's posts,
    mean over the runs."""
    if not s or ns <= 0:
        return 0.0
    total = sum(sum(n for t, n in sorted(cs.items()) if t in cb) for cs, cb in zip(s, b, strict=True))
    return total / (len(s) * ns)


def agree_any(a: Sequence[Counter[int]], b: Sequence[Counter[int]]) -> float:
    """The share of the runs that put a post of each fragment in one topic."""
    if not a:
        return 0.0
    return sum(not ca.keys().isdisjoint(cb.keys()) for ca, cb in zip(a, b, strict=True)) / len(a)


def agree(a: PairFragment, b: PairFragment, how: str) -> float:
    ca, cb = _counts.get(a.id), _counts.get(b.id)
    if ca is None or cb is None:
        return 0.0
    if how == "any":
        return agree_any(ca, cb)
    if how == "pairs":
        return agree_pairs(ca, a.posts, cb, b.posts)
    small, big = ((a, ca), (b, cb)) if (a.posts, a.id) <= (b.posts, b.id) else ((b, cb), (a, ca))
    return agree_small(small[1], small[0].posts, big[1])


@contextmanager
def agreement(how: str, runs: tc.Runs) -> Iterator[None]:
    """The pair model reads ``agree`` (``how``: pairs / small) after its features; ``none``: as main."""
    if how == "none":
        yield
        return
    saved_whole = TopicClusterer.whole_stream
    saved_pf = topic_batch.pair_fragments
    saved_add = ntp.add_fragment
    saved_feat = ntp.pair_features
    saved_names = (tp.FEATURES, tp.pair_features, tl.pair_features)

    def whole_stream(self: TopicClusterer) -> TopicClusterer:
        others = [tc.word_model_run(self, h, alpha) for h, alpha in runs]
        whole = saved_whole(self)
        _runs[whole] = others
        return whole

    def pair_fragments(clusterer: TopicClusterer, concepts: Any = None) -> list[PairFragment]:
        frags = saved_pf(clusterer, concepts)
        _counts.clear()
        others = _runs.get(clusterer)
        if others is not None:
            for doc in clusterer.kept:
                row = _counts.setdefault(clusterer.resolve(doc.topic), [Counter() for _ in others])
                for c, run in zip(row, others, strict=True):
                    c[run[doc.id]] += 1
        return frags

    def add_fragment(kept: PairFragment, gone: PairFragment) -> None:
        saved_add(kept, gone)
        ck, cg = _counts.get(kept.id), _counts.get(gone.id)
        if ck is not None and cg is not None:
            for x, y in zip(ck, cg, strict=True):
                x.update(y)

    def pair_features(a: PairFragment, b: PairFragment, idf: Callable[[str], float], top_idf: float) -> list[float]:
        return [*saved_feat(a, b, idf, top_idf), agree(a, b, how)]

    TopicClusterer.whole_stream = whole_stream  # type: ignore[method-assign]
    topic_batch.pair_fragments = pair_fragments
    ntp.add_fragment = add_fragment
    ntp.pair_features = pair_features
    tp.FEATURES, tp.pair_features, tl.pair_features = (*saved_names[0], "agree"), pair_features, pair_features
    try:
        yield
    finally:
        TopicClusterer.whole_stream = saved_whole  # type: ignore[method-assign]
        topic_batch.pair_fragments = saved_pf
        ntp.add_fragment = saved_add
        ntp.pair_features = saved_feat
        tp.FEATURES, tp.pair_features, tl.pair_features = saved_names
        _counts.clear()


def judge(scorer: Any, streams: list[tuple[str, Path, list[str]]], pair_levels: list[float],
          place_levels: list[float], say: Callable[[str], None]) -> tuple[dict[str, dict[str, Any]], dict[str, list[int]]]:
    """``topic_consensus.judge`` (no consensus): each stream's row, and the learned joins' counts of
    ``topic_pairs_linkage.run`` with its held-out pair model at the chosen level."""
    seven = [n for n, _ in tp.pair_streams("ninth")]
    by_name = {n: lines for n, _, lines in streams}
    pdata = {n: tp.pair_data(by_name[n], "before", None) for n in seven}
    for n in seven:
        x, y = pdata[n]
        say(f"  {n:12s} pairs {len(y):5d} same story {int(y.sum()):4d}" + (
            f"; agree mean same {x[y == 1, -1].mean():.3f} / other {x[y == 0, -1].mean():.3f}"
            if x.shape[1] > len(ntp.FEATURES) else ""))

    chosen = tc.choose_levels(scorer, streams, pdata, pair_levels, place_levels, say, nullcontext, nullcontext)
    out, joins = {}, {}
    for name, path, lines in streams:
        model = chosen.pair_model(name)
        with tc.models(model, chosen.place_model(name)):
            out[name] = town_row(path, scorer, seeds=())
            joins[name] = tl.run(lines, model, None)[1]
    pm = tp.train(pdata, seven, chosen.pair_level)
    say("  coefficients (the seven): " + ", ".join(f"{f} {c:+.2f}" for f, c in zip(pm.features, pm.coef, strict=True)))
    return out, joins


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=str(HERE.parents[1] / "shared"))
    parser.add_argument("--feature", choices=("none", "pairs", "small", "any"), default="pairs")
    parser.add_argument("--runs", default=DEFAULT_RUNS)
    parser.add_argument("--pair-levels", default="0.2,0.25,0.3,0.35")
    parser.add_argument("--place-levels", default="0.25,0.3,0.35")
    args = parser.parse_args()
    from shared_tools import load_tool

    scorer = load_tool(Path(args.shared) / "tools" / "cluster_nmi.py")
    streams = [(n, p, p.read_text(encoding="utf-8").splitlines()) for n, p in dev_streams()]
    say = lambda s: print(s, flush=True)  # noqa: E731
    print(f"== feature {args.feature}, runs {args.runs}", flush=True)
    with agreement(args.feature, tc.parse_runs(args.runs)):
        rows, joins = judge(scorer, streams, [float(v) for v in args.pair_levels.split(",")],
                            [float(v) for v in args.place_levels.split(",")], say)
    for name, r in rows.items():
        j = joins[name]
        print(f"  {name:12s} {r['ami']:.3f} / {r['coverage']:.2f} / {r['topics']:4d} / named {r['named']:2d} "
              f"of {r['stories']:2d} / readable {r['readable']}; joins {j[0]}, wrong/story {j[2]}/{j[1]}, "
              f"pairs at the level wrong/story {j[6]}/{j[5]}", flush=True)
    hand = [n for n in rows if is_hand_written(n)]
    print(f"  {tc.summary(rows)}; wrong/story joins (hand-written) "
          f"{sum(joins[n][2] for n in hand)}/{sum(joins[n][1] for n in hand)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
