"""Topics that hold two stories: how many, what a perfect split would give, what tells them apart.

On the development streams (true labels: a diagnosis, not a method), after ``newsroom topics``'s story
steps, every topic of at least MIN_POSTS posts is *mixed* when a second story holds at least
MIX_POSTS of its posts and MIX_SHARE of them (``--mix posts,share``). Printed per stream:

- how the other stories' posts sit in topics of MIN_POSTS posts (one of their story, two, 3-5, 6+);
- the mixed topics; oracles (AMI, coverage, named): every mixed topic split into its stories (each
  minor story a topic of its own), and only the second story split off (a two-way split); every piece
  of 2+ posts (a topic before the groupings, after ``reassign_by_story``) of another story than its
  topic's split off;
- the mixed topics (known from the labels) cut in two by the evidence inside them: along the pieces
  they were made of, joined back by average linkage until two parts are left (:func:`fragment_cut`),
  by a spectral cut of their posts' word graph (:func:`spectral_cut`), and, knowing the labels, along
  the pieces by their true majority and at the best single time: the ceiling of a split method with a
  perfect detector;
- AUC over the streams of what can be computed inside a topic without labels: of each topic, mixed
  against pure (the two parts' cosine, the smaller part's share, the overlap of their repeated words
  and names, their distance in time, the cut's weight, the number of pieces, the size); of each piece
  of 2+ posts, another story's against the topic's own (its cosine with the rest, the share of its
  idf weight the rest uses, closeness in time, a name the rest never uses, ...).

    python benchmarks/topic_mixes.py [--sets meerhoutem,brugwaarde] [--mix 3,0.2]

``benchmarks/topic_mix_splits.py`` measures splits without labels and the groupings' joins. Development
streams only (docs/topics.md, seventeenth pass).
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from dev_streams import HAND_WRITTEN, dev_streams

from newsroom.analysis import topic_batch
from newsroom.analysis.topic_concepts import stream_concepts
from newsroom.commands.topics import read_records
from newsroom.domain import utcnow

HERE = Path(__file__).resolve().parent
STREAMS = {name.rstrip("*"): path for name, path in dev_streams()}
MIN_POSTS = 6
MIX_POSTS = 3
MIX_SHARE = 0.2
#: a word is a part's own when at least REPEATED of its posts use it
REPEATED = 2


def is_chatter(story: str) -> bool:
    """Whether a label marks a post of no story."""
    return story in ("-", "chatter", "none") or story.startswith("chatter-")


Hook = Callable[[Any, Any], None]


def run(lines: list[str], hook: Hook | None = None) -> tuple[dict[str, int], dict[int, str], dict[str, dict[str, int]],
                                                            Any, Any]:
    """The batch over ``lines``: final topic of every post id, the labels, the topic of every post after
    each story step (``snapshots``), the clusterer and the word weights. ``hook(clusterer, idf)`` runs
    before the names (an oracle's moves)."""
    snaps: dict[str, dict[str, int]] = {}
    seen: dict[str, Any] = {}
    steps = ("reassign_by_story", "group_fragments", "regroup_small", "place_posts")
    saved = {name: getattr(topic_batch, name) for name in steps}
    names = topic_batch.story_names

    def wrapped(name: str) -> Any:
        def step(clusterer: Any, *args: Any, **kwargs: Any) -> Any:
            done = saved[name](clusterer, *args, **kwargs)
            if name == "place_posts" and hook is not None:
                hook(clusterer, snaps)
            snaps[name] = {d.id: clusterer.resolve(d.topic) for d in clusterer.kept}
            return done
        return step

    def naming(clusterer: Any, idf: Any = None) -> dict[int, str]:
        seen["c"], seen["idf"] = clusterer, idf
        return names(clusterer, idf)

    for name in steps:
        setattr(topic_batch, name, wrapped(name))
    topic_batch.story_names = naming
    try:
        result = topic_batch.assign_topics(read_records(lines, utcnow()))
    finally:
        for name, f in saved.items():
            setattr(topic_batch, name, f)
        topic_batch.story_names = names
    final = {a.id: a.topic for a in result}
    labels = {a.topic: a.label for a in result}
    return final, labels, snaps, seen["c"], seen["idf"]


def score(scorer: Any, ids: list[str], story: dict[str, str], final: dict[str, int], labels: dict[int, str],
          names: dict[str, Any]) -> tuple[float, float, int]:
    """AMI (chatter posts each a class of their own), coverage and named stories."""
    gold = [story[i] if not is_chatter(story[i]) else f"-{n}" for n, i in enumerate(ids)]
    ami = float(scorer.metrics(gold, [str(final[i]) for i in ids])["ami"])
    shares, named = [], 0
    for s in sorted({v for v in story.values() if not is_chatter(v)}):
        c = Counter(final[i] for i in ids if story[i] == s)
        top, k = max(c.items(), key=lambda kv: (kv[1], str(kv[0])))
        shares.append(k / sum(c.values()))
        if s not in names:
            continue
        info = names[s]
        label = fold_lower(labels.get(top, ""))
        named += any(fold_lower(w) in label for w in info.get("keys", info.get("keywords", [])))
    return ami, statistics.median(shares), named


def fold_lower(text: str) -> str:
    from newsroom.analysis.words import fold
    return fold(text.lower())


def mixes(members: dict[int, list[str]], story: dict[str, str], mix: tuple[int, float]) -> dict[int, list[str]]:
    """Mixed topics: topic -> its stories by size (the minor ones of ``mix`` = (posts, share) at least)."""
    out = {}
    for t, m in members.items():
        if len(m) < MIN_POSTS:
            continue
        c = Counter(story[i] for i in m if not is_chatter(story[i]))
        ranked = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))
        minor = [s for s, k in ranked[1:] if k >= mix[0] and k >= mix[1] * len(m)]
        if ranked and minor:
            out[t] = [ranked[0][0], *minor]
    return out


def split_hook(groups: list[list[str]]) -> Hook:
    """Each group of post ids (all in one topic) into a topic of its own."""
    def hook(clusterer: Any, idf: Any) -> None:
        doc = {d.id: d for d in clusterer.kept}
        moves = []
        for g in groups:
            new = clusterer.new_topic(doc[g[0]].published)
            moves += [(doc[i], clusterer.resolve(doc[i].topic), new) for i in g]
        clusterer.move(moves)
    return hook


def oracle_piece_cut(pieces: list[int], truth: list[int]) -> list[int]:
    """The cut along the pieces that knows the stories: a piece whose posts are mostly of a minor story
    (``truth`` 1; 0 the major story, -1 chatter or another) goes to part 1."""
    out = []
    for p in pieces:
        c = Counter(x for q, x in zip(pieces, truth, strict=True) if q == p and x >= 0)
        out.append(1 if c[1] > c[0] else 0)
    return out


def oracle_time_cut(times: list[float], truth: list[int]) -> list[int]:
    """The best cut at a single time (before / after), knowing the stories."""
    order = sorted(range(len(times)), key=lambda k: (times[k], k))
    best, at, flip = -1, 0, False
    for k in range(1, len(order)):
        early, late = order[:k], order[k:]
        agree = sum(truth[n] == 0 for n in early) + sum(truth[n] == 1 for n in late)
        other = sum(truth[n] == 1 for n in early) + sum(truth[n] == 0 for n in late)
        if max(agree, other) > best:
            best, at, flip = max(agree, other), k, other > agree
    out = [0] * len(times)
    for n in (order[:at] if flip else order[at:]):
        out[n] = 1
    return out


def piece_features(p: list[int], vec: np.ndarray, keys: list[frozenset[str]], times: list[float],
                   is_name: Callable[[str], bool], idf: Callable[[str], float]) -> dict[str, float]:
    """How a piece (row indices ``p``) fits the rest of its topic: centroid cosine, the share of its
    idf weight the rest's posts use, time closeness and distance, a name the rest never uses, its size
    share, how many of its repeated words the rest uses."""
    inside = set(p)
    r = [n for n in range(len(keys)) if n not in inside]
    cp, cr = vec[p].mean(axis=0), vec[r].mean(axis=0)
    np_, nr = np.linalg.norm(cp), np.linalg.norm(cr)
    rest_keys = Counter(k for n in r for k in keys[n])
    explained = []
    for n in p:
        total = sum(idf(k) for k in keys[n])
        explained.append(sum(idf(k) for k in keys[n] if rest_keys[k]) / total if total else 0.0)
    rest_times = sorted(times[n] for n in r)
    close = []
    for n in p:
        gap = min(abs(times[n] - t) for t in rest_times)
        close.append(math.exp(-gap / 10800.0))
    own = Counter(k for n in p for k in keys[n] if not k.startswith("~"))
    repeated = [k for k, v in own.items() if v >= REPEATED]
    names = [k for k, v in own.items() if v >= 0.3 * len(p) and is_name(k)]
    return {"cos": float(cp @ cr / (np_ * nr)) if np_ > 0 and nr > 0 else 0.0,
            "explained": statistics.mean(explained), "close": statistics.mean(close),
            "hours": abs(statistics.median(times[n] for n in p) - statistics.median(rest_times)) / 3600.0,
            "foreign_name": float(any(rest_keys[k] < 0.05 * len(r) for k in names)),
            "share": len(p) / len(keys),
            "repeated_used": (sum(1 for k in repeated if rest_keys[k] >= 0.1 * len(r)) / len(repeated)
                              if repeated else 1.0)}


def oracle_hook(story: dict[str, str], mix: tuple[int, float], two_way: bool) -> Hook:
    """Every mixed topic split into its stories (``two_way``: only the second story split off)."""
    def hook(clusterer: Any, idf: Any) -> None:
        members: dict[int, list[Any]] = {}
        for d in clusterer.kept:
            members.setdefault(clusterer.resolve(d.topic), []).append(d)
        mixed = mixes({t: [d.id for d in m] for t, m in members.items()}, story, mix)
        moves = []
        for t in sorted(mixed):
            minor = mixed[t][1:2] if two_way else mixed[t][1:]
            for s in minor:
                docs = [d for d in members[t] if story[d.id] == s]
                new = clusterer.new_topic(docs[0].published)
                moves += [(d, t, new) for d in docs]
        clusterer.move(moves)
    return hook


# --- features inside one topic -------------------------------------------------------------------------

def vectors(docs: list[Any], keys: list[frozenset[str]], idf: Callable[[str], float]) -> np.ndarray:
    """Unit idf-weighted key vectors of ``docs`` (rows), over the topic's own vocabulary."""
    vocab = sorted({k for ks in keys for k in ks})
    at = {k: n for n, k in enumerate(vocab)}
    m = np.zeros((len(docs), max(len(vocab), 1)))
    for r, ks in enumerate(keys):
        for k in ks:
            m[r, at[k]] = idf(k)
    norm = np.linalg.norm(m, axis=1, keepdims=True)
    norm[norm == 0] = 1.0
    out: np.ndarray = m / norm
    return out


def fragment_cut(pieces: list[int], vec: np.ndarray) -> list[int]:
    """Two parts of a topic along its pieces (fragment ids per post): average linkage over the pieces'
    centroids until two are left; the part (0/1) of every post."""
    ids = sorted(set(pieces))
    if len(ids) < 2:
        return [0] * len(pieces)
    groups = {p: [n for n, q in enumerate(pieces) if q == p] for p in ids}
    while len(groups) > 2:
        keys = sorted(groups)
        best, pair = -2.0, (keys[0], keys[1])
        cents = {k: vec[groups[k]].mean(axis=0) for k in keys}
        for a_i, a in enumerate(keys):
            for b in keys[a_i + 1:]:
                na, nb = np.linalg.norm(cents[a]), np.linalg.norm(cents[b])
                c = float(cents[a] @ cents[b] / (na * nb)) if na > 0 and nb > 0 else 0.0
                if c > best:
                    best, pair = c, (a, b)
        a, b = pair
        groups[a] = groups[a] + groups.pop(b)
    first = min(groups, key=lambda k: min(groups[k]))
    return [0 if n in groups[first] else 1 for n in range(len(pieces))]


def spectral_cut(vec: np.ndarray) -> list[int]:
    """Two parts of a topic's posts: the sign of the normalised Laplacian's Fiedler vector of the posts'
    cosine graph."""
    s = vec @ vec.T
    np.fill_diagonal(s, 0.0)
    s = np.clip(s, 0.0, None)
    d = s.sum(axis=1) + 1e-9
    inv = 1.0 / np.sqrt(d)
    lap = np.eye(len(s)) - inv[:, None] * s * inv[None, :]
    _, v = np.linalg.eigh(lap)
    f = v[:, 1] * inv
    f = f if f[0] <= 0 else -f
    return [0 if x <= 0 else 1 for x in f]


def part_features(parts: list[int], vec: np.ndarray, keys: list[frozenset[str]], times: list[float],
                  is_name: Callable[[str], bool]) -> dict[str, float]:
    """What tells the two parts apart: their centroids' cosine, the smaller part's share, the overlap of
    repeated words, of names, and the time between them."""
    a = [n for n, p in enumerate(parts) if p == 0]
    b = [n for n, p in enumerate(parts) if p == 1]
    if not a or not b:
        return {"cos": 1.0, "small": 0.0, "words": 1.0, "names": 1.0, "hours": 0.0, "cut": 1.0}
    ca, cb = vec[a].mean(axis=0), vec[b].mean(axis=0)
    na, nb = np.linalg.norm(ca), np.linalg.norm(cb)
    cos = float(ca @ cb / (na * nb)) if na > 0 and nb > 0 else 0.0

    def own(side: list[int], name: bool) -> set[str]:
        c = Counter(k for n in side for k in keys[n] if not k.startswith("~") and is_name(k) == name)
        return {k for k, v in c.items() if v >= REPEATED}

    def jac(x: set[str], y: set[str]) -> float:
        return len(x & y) / len(x | y) if x | y else 1.0

    ta = statistics.median(times[n] for n in a)
    tb = statistics.median(times[n] for n in b)
    s = np.clip(vec @ vec.T, 0.0, None)
    cross = float(s[np.ix_(a, b)].sum())
    within = float(s[np.ix_(a, a)].sum() + s[np.ix_(b, b)].sum())
    return {"cos": cos, "small": min(len(a), len(b)) / len(parts), "words": jac(own(a, False), own(b, False)),
            "names": jac(own(a, True), own(b, True)), "hours": abs(ta - tb) / 3600.0,
            "cut": cross / max(cross + within, 1e-9)}


def auc(pos: list[float], neg: list[float]) -> float:
    """P(a positive's value > a negative's), ties half."""
    if not pos or not neg:
        return float("nan")
    wins = sum((p > q) + 0.5 * (p == q) for p in pos for q in neg)
    return wins / (len(pos) * len(neg))


def diagnose(name: str, lines: list[str], scorer: Any, mix: tuple[int, float],
             rows: list[tuple[bool, dict[str, float]]], piece_rows: list[tuple[bool, dict[str, float]]]) -> None:
    """Print one stream's mixes, oracles, and add its topics' features to ``rows``."""
    recs = [json.loads(line) for line in lines]
    ids = [r["id"] for r in recs]
    story = {r["id"]: r["story"] for r in recs}
    names = json.loads(STREAMS[name].with_suffix("").with_suffix(".names.json").read_text(encoding="utf-8"))
    final, labels, snaps, clusterer, idf = run(lines)
    ami, cov, named = score(scorer, ids, story, final, labels, names)
    members: dict[int, list[str]] = {}
    for i in ids:
        members.setdefault(final[i], []).append(i)
    mixed = mixes(members, story, mix)
    big = [t for t, m in members.items() if len(m) >= MIN_POSTS]
    spread: Counter[str] = Counter()
    for t in big:
        c = Counter(story[i] for i in members[t] if not is_chatter(story[i]))
        ranked = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))
        for _s, k in ranked[1:]:
            spread["1" if k == 1 else "2" if k == 2 else "3-5" if k <= 5 else "6+"] += k
    print(f"  {name}: foreign story posts in topics of {MIN_POSTS}+ by how many of their story the topic holds: "
          + ", ".join(f"{b}: {spread[b]}" for b in ("1", "2", "3-5", "6+")))
    minor_posts = sum(sum(1 for i in members[t] if story[i] in mixed[t][1:]) for t in mixed)
    print(f"\n== {name}: AMI {ami:.3f} coverage {cov:.2f} named {named}/{len(names)}; topics of {MIN_POSTS}+ posts "
          f"{len(big)}, mixed {len(mixed)} (minor stories' posts {minor_posts})")
    for two_way in (False, True):
        f2, l2, *_ = run(lines, oracle_hook(story, mix, two_way))
        a2, c2, n2 = score(scorer, ids, story, f2, l2, names)
        print(f"  oracle {'second story split off' if two_way else 'split into its stories'}: AMI {a2:.3f} "
              f"coverage {c2:.2f} named {n2}/{len(names)}")
    # features, no labels
    concepts = stream_concepts([d.text for d in clusterer.kept])
    doc_of = {d.id: (n, d) for n, d in enumerate(clusterer.kept)}
    key_idf = concepts.weighted_idf(idf, 0.5)
    pieces_of = snaps["reassign_by_story"]
    cut_moves: dict[str, dict[str, str]] = {"fragments": {}, "spectral": {},
                                            "pieces (the pieces' true majority)": {},
                                            "time (the best single time)": {}}
    for t in sorted(big):
        m = members[t]
        keys = [frozenset(doc_of[i][1].terms) | concepts.keys[doc_of[i][0]] for i in m]
        vec = vectors(m, keys, key_idf)
        times = [doc_of[i][1].published.timestamp() for i in m]
        pieces = [pieces_of[i] for i in m]
        feats: dict[str, float] = {"pieces": float(len(set(pieces))), "size": float(len(m))}
        for how, parts in (("fragments", fragment_cut(pieces, vec)), ("spectral", spectral_cut(vec))):
            for feature, v in part_features(parts, vec, keys, times, clusterer.words.is_name).items():
                feats[f"{how}.{feature}"] = v
            if t in mixed:
                for i, p in zip(m, parts, strict=True):
                    if p == 1:
                        cut_moves[how][i] = f"{t}b"
        rows.append((t in mixed, feats))
        if t in mixed:
            truth = [0 if story[i] == mixed[t][0] else 1 if story[i] in mixed[t][1:] else -1 for i in m]
            for i, p in zip(m, oracle_piece_cut(pieces, truth), strict=True):
                if p == 1:
                    cut_moves["pieces (the pieces' true majority)"][i] = f"{t}b"
            for i, p in zip(m, oracle_time_cut(times, truth), strict=True):
                if p == 1:
                    cut_moves["time (the best single time)"][i] = f"{t}b"
    # pieces: the topic's posts by the fragment they were in before the groupings
    foreign_groups: list[list[str]] = []
    for t in sorted(big):
        m = members[t]
        c = Counter(story[i] for i in m if not is_chatter(story[i]))
        if not c:
            continue
        major = max(c.items(), key=lambda kv: (kv[1], kv[0]))[0]
        keys = [frozenset(doc_of[i][1].terms) | concepts.keys[doc_of[i][0]] for i in m]
        vec = vectors(m, keys, key_idf)
        times = [doc_of[i][1].published.timestamp() for i in m]
        by_piece: dict[int, list[int]] = {}
        for n, i in enumerate(m):
            by_piece.setdefault(pieces_of[i], []).append(n)
        largest_piece = max(by_piece, key=lambda k: (len(by_piece[k]), -k))
        for k in sorted(by_piece):
            rows_of = by_piece[k]
            if len(rows_of) < 2 or len(rows_of) == len(m):
                continue
            pc = Counter(story[m[n]] for n in rows_of)
            top_story = max(pc.items(), key=lambda kv: (kv[1], kv[0]))[0]
            if is_chatter(top_story):
                continue
            feats = piece_features(rows_of, vec, keys, times, clusterer.words.is_name, key_idf)
            feats["largest"] = float(k == largest_piece)
            piece_rows.append((top_story != major, feats))
            if top_story != major:
                foreign_groups.append([m[n] for n in rows_of])
    f4, l4, *_ = run(lines, split_hook(foreign_groups))
    a4, c4, n4 = score(scorer, ids, story, f4, l4, names)
    print(f"  pieces of 2+ posts (before the groupings) of another story than their topic's: {len(foreign_groups)} "
          f"({sum(map(len, foreign_groups))} posts); oracle, each split off: AMI {a4:.3f} coverage {c4:.2f} "
          f"named {n4}/{len(names)}")
    for how, moves in cut_moves.items():
        pred = {i: moves.get(i, str(final[i])) for i in ids}
        a3, c3, _ = score(scorer, ids, story, pred, {}, {})  # type: ignore[arg-type]
        print(f"  the mixed topics (known) cut by {how}: AMI {a3:.3f} coverage {c3:.2f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=str(HERE.parents[1] / "shared"))
    parser.add_argument("--sets", default=",".join(HAND_WRITTEN), help="streams (default: the hand-written ones)")
    parser.add_argument("--mix", default=f"{MIX_POSTS},{MIX_SHARE}", help="a second story's posts and share "
                        "that make a topic mixed")
    args = parser.parse_args()
    posts, share = args.mix.split(",")
    mix = (int(posts), float(share))
    from shared_tools import load_tool

    scorer = load_tool(Path(args.shared) / "tools" / "cluster_nmi.py")
    rows: list[tuple[bool, dict[str, float]]] = []
    piece_rows: list[tuple[bool, dict[str, float]]] = []
    for name in args.sets.split(","):
        diagnose(name, STREAMS[name].read_text(encoding="utf-8").splitlines(), scorer, mix, rows, piece_rows)
    pos = [f for m, f in rows if m]
    neg = [f for m, f in rows if not m]
    print(f"\nAUC over {len(pos)} mixed and {len(neg)} pure topics of {MIN_POSTS}+ posts "
          "(> .5: higher in mixed topics)")
    for k in sorted(rows[0][1]):
        print(f"  {k:22s} {auc([f[k] for f in pos], [f[k] for f in neg]):.3f}   "
              f"median mixed {statistics.median(f[k] for f in pos):.3f} pure {statistics.median(f[k] for f in neg):.3f}")
    pos = [f for m, f in piece_rows if m]
    neg = [f for m, f in piece_rows if not m]
    print(f"\nAUC over {len(pos)} foreign and {len(neg)} own pieces of 2+ posts in topics of {MIN_POSTS}+ "
          "(> .5: higher in foreign pieces)")
    for k in sorted(piece_rows[0][1]):
        print(f"  {k:22s} {auc([f[k] for f in pos], [f[k] for f in neg]):.3f}   "
              f"median foreign {statistics.median(f[k] for f in pos):.3f} own {statistics.median(f[k] for f in neg):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
