"""Splitting mixed topics without labels, and the groupings' own history (development streams only).

Two measures beside ``benchmarks/topic_mixes.py`` (docs/topics.md, seventeenth pass):

- ``--methods``: splits that need no labels, over a grid, after the story steps, for every topic of
  MIN_POSTS posts or more: cut at its largest time gap (at least a number of hours), along the
  fragments it was made of (:func:`topic_mixes.fragment_cut`) or by a spectral cut of its posts' word
  graph (:func:`topic_mixes.spectral_cut`); the smaller part becomes a topic of its own when both parts
  hold enough posts and their centroids' cosine is at most a bar. AMI / coverage / named / topics per
  stream;
- ``--joins``: every join of the learned joins, the hand-set grouping and the gathering of small
  fragments with the score it was made at, and whether it joined two fragments of different stories
  (true labels): does a grouping's weakest join tell the wrong one?

    python benchmarks/topic_mix_splits.py --methods [--sets meerhoutem,brugwaarde]
    python benchmarks/topic_mix_splits.py --joins [--sets ...]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from dev_streams import HAND_WRITTEN
from topic_mixes import (
    HERE,
    MIN_POSTS,
    STREAMS,
    Hook,
    auc,
    fragment_cut,
    is_chatter,
    run,
    score,
    spectral_cut,
    vectors,
)

from newsroom.analysis import topic_batch, topic_pairs, topic_stories
from newsroom.analysis.topic_concepts import stream_concepts
from newsroom.commands.topics import read_records
from newsroom.domain import utcnow


def method_hook(how: str, bar: float, gap_h: float = 0.0, min_side: int = 3) -> Hook:
    """A split without labels, for every topic of MIN_POSTS posts: ``how`` = "time" (cut at the largest
    time gap of at least ``gap_h`` hours), "fragments" (:func:`fragment_cut`) or "spectral"; the smaller
    part is split off when both parts hold ``min_side`` posts and their centroids' cosine is at most
    ``bar``."""
    def hook(clusterer: Any, snaps: Any) -> None:
        idf = topic_batch._word_weights(clusterer)
        concepts = stream_concepts([d.text for d in clusterer.kept])
        key_idf = concepts.weighted_idf(idf, 0.5)
        members: dict[int, list[int]] = {}
        for n, d in enumerate(clusterer.kept):
            members.setdefault(clusterer.resolve(d.topic), []).append(n)
        moves = []
        pieces_of = snaps["reassign_by_story"]
        for t in sorted(members):
            m = members[t]
            if len(m) < MIN_POSTS:
                continue
            docs = [clusterer.kept[n] for n in m]
            keys = [frozenset(d.terms) | concepts.keys[n] for n, d in zip(m, docs, strict=True)]
            vec = vectors(docs, keys, key_idf)
            times = [d.published.timestamp() for d in docs]
            if how == "time":
                order = sorted(range(len(m)), key=lambda k: (times[k], k))
                best, at = -1.0, -1
                for k in range(min_side, len(m) - min_side + 1):
                    g = times[order[k]] - times[order[k - 1]]
                    if g > best:
                        best, at = g, k
                if at < 0 or best < gap_h * 3600.0:
                    continue
                parts = [0] * len(m)
                for k in order[at:]:
                    parts[k] = 1
            elif how == "fragments":
                parts = fragment_cut([pieces_of[d.id] for d in docs], vec)
            else:
                parts = spectral_cut(vec)
            a = [k for k, p in enumerate(parts) if p == 0]
            b = [k for k, p in enumerate(parts) if p == 1]
            if min(len(a), len(b)) < min_side:
                continue
            ca, cb = vec[a].mean(axis=0), vec[b].mean(axis=0)
            na, nb = np.linalg.norm(ca), np.linalg.norm(cb)
            if na > 0 and nb > 0 and float(ca @ cb / (na * nb)) > bar:
                continue
            small = b if (len(b), 1) <= (len(a), 0) else a
            new = clusterer.new_topic(docs[small[0]].published)
            moves += [(docs[k], t, new) for k in small]
        clusterer.move(moves)
    return hook


def methods(streams: list[str], scorer: Any) -> None:
    """The splits without labels over a grid, every stream: AMI / coverage / named."""
    grid: list[tuple[str, float, float, int]] = [("none", 0.0, 0.0, 3)]
    grid += [("time", c, g, 3) for g in (6.0, 12.0, 24.0) for c in (0.1, 0.2, 0.4, 1.0)]
    grid += [(h, c, 0.0, k) for h in ("fragments", "spectral") for c in (0.05, 0.1, 0.2) for k in (2, 4)]
    data = {}
    for name in streams:
        lines = STREAMS[name].read_text(encoding="utf-8").splitlines()
        recs = [json.loads(line) for line in lines]
        ids = [r["id"] for r in recs]
        story = {r["id"]: r["story"] for r in recs}
        names = json.loads(STREAMS[name].with_suffix("").with_suffix(".names.json").read_text(encoding="utf-8"))
        data[name] = (lines, ids, story, names)
    print("method bar gap min | " + " | ".join(streams))
    for how, bar, gap, side in grid:
        cells = []
        for name in streams:
            lines, ids, story, names = data[name]
            hook = None if how == "none" else method_hook(how, bar, gap, side)
            f, lab, *_ = run(lines, hook)
            a, c, n = score(scorer, ids, story, f, lab, names)
            cells.append(f"{a:.3f} {c:.2f} {n:2d} {len(set(f.values())):3d}")
        print(f"{how:9s} {bar:.2f} {gap:4.0f} {side} | " + " | ".join(cells), flush=True)


#: The best-first loop both groupings call (wrapped to record each join).
LOOP = "join_best_first"
#: One join of a grouping: (stream, step, score, wrong, posts of one side, posts of the other).
Join = tuple[str, str, float, bool, int, int]


def record_joins(name: str, lines: list[str]) -> list[Join]:
    """Every join the learned joins, the hand-set grouping and the gathering make on one stream, with its
    score, and whether its two fragments' majority stories differ (true labels; chatter aside)."""
    story = {r["id"]: r["story"] for r in map(json.loads, lines)}
    rows: list[Join] = []
    state: dict[str, Any] = {}
    modules = {"pairs": topic_pairs, "stories": topic_stories}
    originals = {which: getattr(module, LOOP) for which, module in modules.items()}
    saved = {n: getattr(topic_batch, n) for n in ("group_fragments", "regroup_small")}

    def majority(ids: list[str]) -> str:
        c = Counter(story[i] for i in ids if not is_chatter(story[i]))
        return max(c.items(), key=lambda kv: (kv[1], kv[0]))[0] if c else "-"

    def recording(which: str) -> Any:
        def loop(heap: Any, groups: Any, neighbours: Any, score: Any, bar: Any, join: Any, push: Any) -> Any:
            c = state["clusterer"]
            members: dict[int, list[str]] = {}
            for d in c.kept:
                members.setdefault(c.resolve(d.topic), []).append(d.id)
            last: dict[str, float] = {}

            def scored(a: Any, b: Any) -> Any:
                v = score(a, b)
                if v is not None:
                    last["s"] = v
                return v

            def joined(kept: Any, gone: Any) -> None:     # right after the pair's score was taken
                x, y = members.get(kept.id, []), members.pop(gone.id, [])
                mx, my = majority(x), majority(y)
                step = state["step"] if which == "stories" else "learned joins"
                if mx != "-" and my != "-":
                    rows.append((name, step, last.get("s", 0.0), mx != my, len(x), len(y)))
                members[kept.id] = x + y
                join(kept, gone)
            return originals[which](heap, groups, neighbours, scored, bar, joined, push)
        return loop

    def step_wrapper(step: str) -> Any:
        def run_step(clusterer: Any, *args: Any, **kwargs: Any) -> Any:
            state["clusterer"], state["step"] = clusterer, step
            return saved[step](clusterer, *args, **kwargs)
        return run_step

    for which, module in modules.items():
        setattr(module, LOOP, recording(which))
    for n in saved:
        setattr(topic_batch, n, step_wrapper(n))
    try:
        topic_batch.assign_topics(read_records(lines, utcnow()))
    finally:
        for which, module in modules.items():
            setattr(module, LOOP, originals[which])
        for n, f in saved.items():
            setattr(topic_batch, n, f)
    return rows


def joins(streams: list[str]) -> None:
    """Print, per grouping step, its joins of two story fragments, the wrong ones (two majority
    stories), and the AUC of the join's score (a right join scoring above a wrong one)."""
    rows = [r for name in streams for r in record_joins(name, STREAMS[name].read_text(encoding="utf-8").splitlines())]
    for step in ("learned joins", "group_fragments", "regroup_small"):
        mine = [r for r in rows if r[1] == step]
        wrong = [r[2] for r in mine if r[3]]
        right = [r[2] for r in mine if not r[3]]
        both_big = sum(1 for r in mine if r[3] and min(r[4], r[5]) >= 3)
        per = ", ".join(f"{n} {sum(1 for r in mine if r[0] == n and r[3])}/{sum(1 for r in mine if r[0] == n)}"
                        for n in streams)
        print(f"{step:16s} joins of two story fragments {len(mine)}, wrong {len(wrong)} ({both_big} of two 3+ "
              f"post fragments); per stream wrong/all: {per}; AUC of the score (right above wrong) "
              f"{auc(right, wrong):.3f}; median score right {statistics.median(right) if right else 0:.3f} "
              f"wrong {statistics.median(wrong) if wrong else 0:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=str(HERE.parents[1] / "shared"))
    parser.add_argument("--sets", default=",".join(HAND_WRITTEN), help="streams (default: the hand-written ones)")
    parser.add_argument("--methods", action="store_true", help="splits without labels over a grid")
    parser.add_argument("--joins", action="store_true", help="the groupings' joins and their scores")
    args = parser.parse_args()
    streams = args.sets.split(",")
    if args.joins:
        joins(streams)
    if args.methods:
        from shared_tools import load_tool

        methods(streams, load_tool(Path(args.shared) / "tools" / "cluster_nmi.py"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
