"""The learned joins without chaining: the pairs of fragments scored once, then a linkage over them.

The batch's learned joins (``newsroom/analysis/topic_pairs.py``) join best first and score a joined
fragment again with its words summed, so a grown fragment can reach a third story through what it took
in. Here each :class:`Linkage` (``--variants``) takes their place: every candidate pair of the
fragments as they are is scored once and groups join by a linkage over those probabilities. Held out as ``topic_pairs_onpolicy.py``: the seven streams the pair model learns
from leave-one-stream-out, brugwaarde* and zuidervelde* with the model of the seven. Printed per stream:
AMI / coverage / topics of the whole batch, and of the learned joins those between two story-majority
groups that put two stories together (wrong / all, by the groups as they stood), the same of the joins
where neither side had grown yet, and of the candidate pairs before any join at the model's level or
above those of two story-majority fragments that are two stories (docs/topics.md, twenty-sixth pass).

    python benchmarks/topic_pairs_linkage.py [--variants best,logit:0.01:posts:0.25:0,...]

A variant is ``best`` (as shipped) or ``rule:prior:weight:bar:tiny`` (``Linkage``'s fields; bar ``-``:
the model's level; a negative tiny: ``tiny_first``).
"""

from __future__ import annotations

import argparse
import copy
import heapq
import json
import math
import statistics
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dev_streams import dev_streams, is_hand_written
from topic_pairs import CHATTER, patched, score, train, training_data

from newsroom.analysis import topic_batch
from newsroom.analysis.topic_pairs import (
    PairFragment,
    PairModel,
    _apart,
    add_fragment,
    candidate_pairs,
    learned_merges,
    pair_features,
    prepare,
)
from newsroom.commands.topics import read_records
from newsroom.domain import utcnow

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class Linkage:
    """Joins that do not chain: every candidate pair of the fragments as they are is scored once by the
    pair model, then groups of fragments join best first by a linkage over those fixed probabilities (a
    group that grew is not scored again, so it cannot reach a third story through what it took in).

    ``rule``: ``logit``, the mean log-odds of the two groups' fragment pairs (a pair never scored counts
    as ``prior``), joined while at least the log-odds of ``bar``; ``share``, the share of their fragment
    pairs at the model's level or above, joined while at least ``bar``. ``weight``: a fragment pair
    weighs 1 (``one``), the product of the two fragments' posts (``posts``) or of their square roots
    (``sqrt``). ``bar`` None: the model's level (``logit``), one half (``share``). ``tiny``: fragments
    of at most this many posts stay out of the linkage and join after it best first (as the shipped
    ``learned_merges``, only pairs whose smaller side has at most ``tiny`` posts; ``tiny_first``: before
    it, the groups they made taking part in it as fragments). Two fragments that each mostly name a
    different place keep their groups apart."""

    rule: str = "logit"
    prior: float = 0.01
    weight: str = "posts"
    bar: float | None = None
    tiny: int = 0
    tiny_first: bool = False


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1.0 - 1e-6)
    return math.log(p / (1.0 - p))


def linkage_merges(fragments: Sequence[PairFragment], idf: Callable[[str], float],
                   is_name: Callable[[str], bool], model: PairModel,
                   linkage: Linkage) -> list[tuple[int, int]]:
    """(fragment, fragment) merges by ``linkage`` over the pair probabilities of the fragments as given
    (:class:`Linkage`), in the order made; deterministic (sorted loops, ties to the lower ids)."""
    groups = {f.id: prepare(f, idf, is_name) for f in fragments if f.posts > 0}
    small_model = PairModel(model.features, model.mean, model.scale, model.coef, model.intercept, model.level,
                            linkage.tiny)
    if linkage.tiny and linkage.tiny_first:
        # the tiny ones best first, then the groups they made as fragments in the linkage
        first = learned_merges([_copy(groups[k]) for k in sorted(groups)], idf, is_name, small_model)
        joined = _joined(groups, first)
        return first + _agglomerate({k: prepare(joined[k], idf, is_name) for k in sorted(joined)}, idf, model,
                                    linkage)
    tiny = {gid for gid, g in groups.items() if g.posts <= linkage.tiny}
    core = {gid: g for gid, g in groups.items() if gid not in tiny}
    merges = _agglomerate(core, idf, model, linkage) if len(core) >= 2 else []
    if not tiny:
        return merges
    # the joined groups as fragments (counts summed), then the tiny ones best first
    joined = _joined(groups, merges)
    return merges + learned_merges([joined[k] for k in sorted(joined)], idf, is_name, small_model)


def _copy(g: PairFragment) -> PairFragment:
    return PairFragment(g.id, g.posts, dict(g.words), list(g.times), g.replies, g.questions,
                        meaning=None if g.meaning is None else g.meaning.copy())


def _root(owner: dict[int, int], x: int) -> int:
    """The group ``x`` is in now (``owner``: each joined group's id points to the group that took it)."""
    while owner[x] != x:
        x = owner[x]
    return x


def _joined(groups: dict[int, PairFragment], merges: list[tuple[int, int]]) -> dict[int, PairFragment]:
    """Copies of ``groups`` with ``merges`` made (counts summed; the bigger keeps its id)."""
    joined = {gid: _copy(g) for gid, g in groups.items()}
    owner = {gid: gid for gid in joined}
    for a, b in merges:
        ra, rb = _root(owner, a), _root(owner, b)
        if ra == rb:
            continue
        ga, gb = joined[ra], joined[rb]
        keep, gone = (ra, rb) if (ga.posts, -ra) >= (gb.posts, -rb) else (rb, ra)
        add_fragment(joined[keep], joined.pop(gone))
        owner[gone] = keep
    return joined


def _agglomerate(groups: dict[int, PairFragment], idf: Callable[[str], float], model: PairModel,
                 linkage: Linkage) -> list[tuple[int, int]]:
    top_idf = max((idf(w) for g in groups.values() for w in g.words), default=1.0)
    share = linkage.rule == "share"
    base = 0.0 if share else _logit(linkage.prior)
    bar = (0.5 if share else _logit(model.level)) if linkage.bar is None else (
        linkage.bar if share else _logit(linkage.bar))
    mass = {gid: math.sqrt(g.posts) if linkage.weight == "sqrt" else
            float(g.posts) if linkage.weight == "posts" else 1.0 for gid, g in groups.items()}
    size = {gid: g.posts for gid, g in groups.items()}
    # excess[a][b]: the weighted sum over the scored pairs between groups a and b of (value - base)
    excess: dict[int, dict[int, float]] = {gid: {} for gid in groups}
    apart: dict[int, set[int]] = {gid: set() for gid in groups}
    for a, b in candidate_pairs(groups, largest=model.largest):
        ga, gb = groups[a], groups[b]
        if (model.largest is not None and min(ga.posts, gb.posts) > model.largest) or _apart(ga, gb):
            apart[a].add(b)
            apart[b].add(a)
            continue
        p = model.probability(pair_features(ga, gb, idf, top_idf))
        value = (1.0 if p >= model.level else 0.0) if share else _logit(p)
        excess[a][b] = excess[b][a] = mass[a] * mass[b] * (value - base)

    def link(a: int, b: int) -> float:
        return base + excess[a].get(b, 0.0) / (mass[a] * mass[b])

    heap: list[tuple[float, int, int]] = []
    for a in sorted(groups):
        for b in sorted(excess[a]):
            if b > a and (v := link(a, b)) >= bar:
                heapq.heappush(heap, (-v, a, b))
    merges: list[tuple[int, int]] = []
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in excess or b not in excess or b in apart[a]:
            continue
        v = link(a, b)
        if abs(v + neg) > 1e-12:               # stale: one of them joined another since
            continue
        merges.append((a, b))
        keep, gone = (a, b) if (size[a], -a) >= (size[b], -b) else (b, a)
        size[keep] += size.pop(gone)
        mass[keep] += mass.pop(gone)
        row = excess.pop(gone)
        for n in sorted(row):
            if n == keep:
                continue
            excess[keep][n] = excess[keep].get(n, 0.0) + row[n]
            excess[n][keep] = excess[n].get(keep, 0.0) + row[n]
            del excess[n][gone]
        excess[keep].pop(gone, None)
        gone_apart = apart.pop(gone)
        apart[keep] = (apart[keep] | gone_apart) - {keep, gone}
        for n in gone_apart:
            if n in apart:
                apart[n].discard(gone)
                apart[n].add(keep)
        for n in sorted(excess[keep]):
            if n not in apart[keep] and (v := link(keep, n)) >= bar:
                heapq.heappush(heap, (-v, min(keep, n), max(keep, n)))
    return merges


def parse(text: str) -> Linkage | None:
    if text == "best":
        return None
    rule, prior, weight, bar, tiny = text.split(":")
    return Linkage(rule, float(prior), weight, None if bar == "-" else float(bar), abs(int(tiny)),
                   tiny.startswith("-"))


def _major(c: Counter[str]) -> str:
    return max(c.items(), key=lambda kv: (kv[1], kv[0]))[0]


def run(lines: list[str], model: PairModel, linkage: Linkage | None) -> tuple[list[str], list[int]]:
    """The batch's topic of every post with the learned joins by ``linkage`` (then the hand-set grouping
    and the later steps as shipped); the learned joins made, those between two story-majority groups, and
    of those the ones putting two stories together; the same two of the joins where neither side had
    grown yet; and of the candidate pairs of the fragments before any join at the model's level or above,
    those between two story-majority fragments and those of them of two stories."""
    gold = {r["id"]: r["story"] for r in map(json.loads, lines)}
    stats = [0, 0, 0, 0, 0, 0, 0]

    def original(frags: Sequence[PairFragment], idf: Callable[[str], float], is_name: Callable[[str], bool],
                 m: PairModel) -> list[tuple[int, int]]:
        if linkage is None:
            return learned_merges(frags, idf, is_name, m)
        return linkage_merges(frags, idf, is_name, m, linkage)

    def learned(clusterer: Any, concepts: Any = None, *args: Any, **kwargs: Any) -> int:
        idf = args[0] if args else clusterer.idf
        comp: dict[int, Counter[str]] = {}
        for doc in clusterer.kept:
            comp.setdefault(clusterer.resolve(doc.topic), Counter())[gold[doc.id]] += 1

        def counting(frags: Sequence[PairFragment], *a: Any) -> list[tuple[int, int]]:
            pair_level(copy.deepcopy(list(frags)), *a)
            merges = original(frags, *a)
            owner = {fid: fid for fid in comp}
            grown: set[int] = set()
            for x, y in merges:
                rx, ry = _root(owner, x), _root(owner, y)
                if rx == ry:
                    continue
                ma, mb = _major(comp[rx]), _major(comp[ry])
                stats[0] += 1
                if ma not in CHATTER and mb not in CHATTER:
                    stats[1] += 1
                    stats[2] += ma != mb
                    if rx not in grown and ry not in grown:
                        stats[3] += 1
                        stats[4] += ma != mb
                comp[rx] += comp.pop(ry)
                owner[ry] = rx
                grown.add(rx)
            return merges

        def pair_level(frags: list[PairFragment], idf: Any, is_name: Any, m: PairModel) -> None:
            groups = {f.id: prepare(f, idf, is_name) for f in frags if f.posts > 0}
            top = max((idf(w) for g in groups.values() for w in g.words), default=1.0)
            for x, y in candidate_pairs(groups):
                gx, gy = groups[x], groups[y]
                if _apart(gx, gy):
                    continue
                if m.probability(pair_features(gx, gy, idf, top)) < m.level:
                    continue
                ma, mb = _major(comp[x]), _major(comp[y])
                if ma not in CHATTER and mb not in CHATTER:
                    stats[5] += 1
                    stats[6] += ma != mb

        with patched({"learned_merges": counting}):
            done = topic_batch.learned_gather(clusterer, model, concepts, idf)
        return done + topic_batch.group_stories(clusterer, concepts, topic_batch.CONCEPTS_GROUP, idf=idf)

    with patched({"group_fragments": learned}):
        topics = [str(a.topic) for a in topic_batch.assign_topics(read_records(lines, utcnow()))]
    return topics, stats


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default=str(HERE.parents[1] / "shared"))
    parser.add_argument("--variants", default="best,logit:0.01:posts:-:0")
    parser.add_argument("--streams", default="", help="comma-separated stream names (default: all nine)")
    args = parser.parse_args()
    from shared_tools import load_tool

    scorer = load_tool(Path(args.shared) / "tools" / "cluster_nmi.py")
    topic_batch.LEARNED_GROUPING = False
    data = training_data()
    train_names = sorted(data)
    texts = {n: p.read_text(encoding="utf-8").splitlines() for n, p in dev_streams()}
    held = [n for n in texts if not args.streams or n in args.streams.split(",")]
    models = {n: train(data, [t for t in train_names if t != n], 0.25) for n in held}
    for variant in args.variants.split(","):
        linkage = parse(variant)
        results = {}
        for name in held:
            topics, st = run(texts[name], models[name], linkage)
            results[name] = (*score(scorer, texts[name], topics), *st)
        print(f"\nvariant {variant}: {linkage}")
        for name in held:
            a, c, t, j, s, w, s0, w0, sp, wp = results[name]
            print(f"{name:12s} {a:.3f}/{c:.2f}/{t:4d}  joins {j:4d} wrong/story {w:3d}/{s:3d}, neither grown "
                  f"{w0:3d}/{s0:3d}; pairs at the level {wp:3d}/{sp:3d}", flush=True)
        hand = [n for n in held if is_hand_written(n)]
        gen = [n for n in held if not is_hand_written(n)]
        line = f"{variant}: "
        if hand:
            line += (f"hand-written mean {statistics.mean(results[n][0] for n in hand):.3f} cov "
                     f"{statistics.mean(results[n][1] for n in hand):.3f} wrong {sum(results[n][5] for n in hand)}"
                     f"/{sum(results[n][4] for n in hand)} (neither grown {sum(results[n][7] for n in hand)}"
                     f"/{sum(results[n][6] for n in hand)}; pairs {sum(results[n][9] for n in hand)}"
                     f"/{sum(results[n][8] for n in hand)})  ")
        if gen:
            line += f"generated mean {statistics.mean(results[n][0] for n in gen):.3f}  "
        line += f"all {statistics.mean(r[0] for r in results.values()):.3f}"
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
