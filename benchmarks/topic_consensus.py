"""Fragments several runs of the word model agree on (evidence accumulation), judged with both learned
models retrained (docs/topics.md, twenty-sixth pass: measured, not kept).

The batch's first stage is one streaming pass of the word model (``TopicClusterer``: add every post in
time order, a sweep, a consolidation); the order and alpha decide part of what ends together. Here
that stage runs again over the same words (``time``: the stream's order, ``reverse``: reversed, times
mirrored, both with retirement and decay as the batch; ``hash`` / ``hash<salt>``: the order of a fixed
hash of the post id, no retirement nor decay; each with its alpha), and the fragments the story steps
start from are the posts together in at least ``least`` of the runs (the batch's own included; 0: all
of them, the common refinement), connected components over the pairs of posts sharing a topic in some
run. The story steps then run unchanged. :func:`consensus` patches ``TopicClusterer.whole_stream`` (the
batch calls it between the first stage and the story steps) for the duration.

For each configuration (``none``: one run, as main) the pair model and the placement model are
retrained and every development stream is judged by models that did not see it:

1. the pair model's rows (``topic_pairs.pair_data``) on its seven streams (``--train-on``: with the
   fragments of another configuration, e.g. ``none``: the rows main trains on); at each pair level a
   model trained on the seven minus the stream (brugwaarde* and zuidervelde*: all seven), the shipped
   placement; the level with the best hand-written mean held-out AMI (then all streams') is kept;
2. the placement's rows (``topic_placement.placement_data``) on all nine streams with the pair model of
   the seven at that level (as shipping both would); at each placement level a model trained on the
   nine minus the stream, each stream's held-out pair model of step 1; the best level as in step 1;
3. per stream at those levels: AMI / coverage / topics / named / readable (``topics.town_row``, no
   determinism runs).

    python benchmarks/topic_consensus.py [--configs "none;hash:0.3;reverse:0.3,hash:0.3"] [--least 0]
                                         [--train-on none] [--pair-levels 0.2,0.25,0.3,0.35]
                                         [--place-levels 0.25,0.3,0.35]

``benchmarks/topic_losses.py --consensus hash:0.3 --least 0`` prints the ceilings with the shipped models.
"""

from __future__ import annotations

import argparse
import hashlib
import heapq
import math
import statistics
import sys
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import topic_pairs as tp
import topic_placement as tpl
from dev_streams import dev_streams, is_hand_written
from topics import town_row

from newsroom.analysis import topic_batch
from newsroom.analysis.topic_pairs import PairModel
from newsroom.analysis.topics import TopicClusterer

HERE = Path(__file__).resolve().parent
Runs = tuple[tuple[str, float], ...]


def parse_runs(spec: str) -> Runs:
    """``time:0.2,hash:0.3`` -> (("time", 0.2), ("hash", 0.3)); ``none``: no other run."""
    if spec in ("none", "-", ""):
        return ()
    return tuple((how, float(alpha)) for how, alpha in (part.split(":") for part in spec.split(",")))


def agreed_groups(labels: Sequence[Sequence[int]], least: int) -> list[int]:
    """``labels[r][i]``: run r's topic of post i. The group of every post (numbered by its first post):
    the components of the posts together in at least ``least`` runs. Posts every run puts together are
    one atom first; only atoms sharing a topic in some run are compared."""
    runs = len(labels)
    atom_of: dict[tuple[int, ...], int] = {}
    atoms = [atom_of.setdefault(tuple(run[i] for run in labels), len(atom_of))
             for i in range(len(labels[0]) if runs else 0)]
    parent = list(range(len(atom_of)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    if least < runs:
        keys = list(atom_of)
        together: Counter[tuple[int, int]] = Counter(_pairs_together(keys, runs))
        for (a, b), count in sorted(together.items()):
            if count >= least:
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    number: dict[int, int] = {}
    return [number.setdefault(find(atom), len(number)) for atom in atoms]


def _pairs_together(keys: Sequence[tuple[int, ...]], runs: int) -> Iterator[tuple[int, int]]:
    """Every pair of atoms (by index in ``keys``: an atom's topic per run) that one run puts together,
    once per run that does."""
    for r in range(runs):
        members: dict[int, list[int]] = {}
        for atom, key in enumerate(keys):
            members.setdefault(key[r], []).append(atom)
        for group in members.values():
            for x, a in enumerate(group):
                for b in group[x + 1:]:
                    yield a, b


def average_groups(labels: Sequence[Sequence[int]], least: int) -> list[int]:
    """Like :func:`agreed_groups`, by average link: groups (from the atoms up) join best first while
    the mean share of runs that put their posts' pairs together is at least ``least`` / runs."""
    runs = len(labels)
    atom_of: dict[tuple[int, ...], int] = {}
    atoms = [atom_of.setdefault(tuple(run[i] for run in labels), len(atom_of))
             for i in range(len(labels[0]) if runs else 0)]
    size = Counter(atoms)
    keys = list(atom_of)
    weight: dict[int, dict[int, float]] = {a: {} for a in range(len(keys))}
    for a, b in _pairs_together(keys, runs):
        w = weight[a].get(b, 0.0) + size[a] * size[b]
        weight[a][b] = weight[b][a] = w
    bar = least / runs - 1e-9
    heap = [(-w / (size[a] * size[b] * runs), a, b) for a in weight for b, w in weight[a].items() if a < b]
    heapq.heapify(heap)
    into = list(range(len(keys)))
    while heap:
        score, a, b = heapq.heappop(heap)
        if -score < bar:
            break
        if into[a] != a or into[b] != b:
            continue
        w = weight[a].get(b)
        if w is None or abs(w / (size[a] * size[b] * runs) + score) > 1e-12:
            continue                            # stale: a side changed since
        into[b] = a                             # b joins a (a < b)
        size[a] += size[b]
        del weight[a][b]
        for c, wc in weight.pop(b).items():
            if c == a:
                continue
            del weight[c][b]
            total = weight[a].get(c, 0.0) + wc
            weight[a][c] = weight[c][a] = total
        for c, wc in weight[a].items():
            heapq.heappush(heap, (-wc / (size[a] * size[c] * runs), min(a, c), max(a, c)))

    def root(a: int) -> int:
        while into[a] != a:
            a = into[a]
        return a

    number: dict[int, int] = {}
    return [number.setdefault(root(atom), len(number)) for atom in atoms]


def word_model_run(base: TopicClusterer, how: str, alpha: float, sweeps: int = 1) -> dict[str, int]:
    """The batch's first stage again over the words ``base`` read (its kept posts, in time order): add
    every post in the order ``how``, ``sweeps`` sweeps, a consolidation; every post's topic."""
    timed = not how.startswith("hash")
    c = TopicClusterer(retire_after_s=base.retire_after_s if timed else math.inf,
                       half_life_s=None if timed else 0.0, alpha=alpha, beta=base.model.beta,
                       keep_docs=True, max_tracked=None, max_words_per_topic=1 << 30)
    c.words, c.background = base.words, base.background
    c._spread, c._seen, c._languages = base._spread, base._seen, base._languages
    posts = [(d.id, d.text, d.lang, d.published, d.terms) for d in base.kept]
    if how == "reverse" and posts:
        first, last = posts[0][3], posts[-1][3]
        posts = [(i, t, lang, first + (last - at), terms) for i, t, lang, at, terms in reversed(posts)]
    elif how.startswith("hash"):
        salt = how[4:].encode("utf-8")
        posts.sort(key=lambda p: hashlib.blake2b(salt + p[0].encode("utf-8"), digest_size=8).digest())
    elif how != "time":
        raise ValueError(f"unknown order {how!r}")
    for mention_id, text, lang, at, terms in posts:
        c.add(mention_id, text, lang, at, terms=terms)
    c.refine(sweeps)
    c.consolidate()
    return c.assignments()


def agree(clusterer: TopicClusterer, others: list[dict[str, int]], least: int, link: str = "single") -> int:
    """The kept posts regrouped into the fragments at least ``least`` runs agree on (the clusterer's
    own and ``others``; ``link``: components or ``average`` link); a fragment keeps the topic id of most of its posts when it is the biggest
    fragment there (then the first), the others get new topics. Returns the new topics."""
    docs = clusterer.kept
    own = [clusterer.resolve(d.topic) for d in docs]
    labels = [own] + [[run[d.id] for d in docs] for run in others]
    groups = average_groups(labels, least) if link == "average" else agreed_groups(labels, least)
    members: dict[int, list[int]] = {}
    for n, g in enumerate(groups):
        members.setdefault(g, []).append(n)
    home: dict[int, int] = {}
    claim: dict[int, tuple[int, int]] = {}
    for g, ns in members.items():
        tid, posts = min(Counter(own[n] for n in ns).items(), key=lambda kv: (-kv[1], kv[0]))
        home[g] = tid
        if tid not in claim or posts > claim[tid][0]:
            claim[tid] = (posts, g)
    target = {g: home[g] if claim[home[g]][1] == g else clusterer.new_topic(docs[ns[0]].published)
              for g, ns in members.items()}
    clusterer.move([(docs[n], own[n], target[g]) for n, g in enumerate(groups) if target[g] != own[n]])
    return sum(target[g] != home[g] for g in members)


@contextmanager
def consensus(runs: Runs | None, least: int = 0, link: str = "single") -> Iterator[None]:
    """The batch's story steps start from the fragments the stream's own run and ``runs`` agree on (at
    least ``least`` runs, 0: all; ``link`` as :func:`agree`); ``runs`` None or empty: as shipped."""
    if not runs:
        yield
        return
    original = TopicClusterer.whole_stream

    def whole_stream(self: TopicClusterer) -> TopicClusterer:
        others = [word_model_run(self, how, alpha) for how, alpha in runs]
        whole = original(self)
        agree(whole, others, least or len(runs) + 1, link)
        return whole

    TopicClusterer.whole_stream = whole_stream  # type: ignore[method-assign]
    try:
        yield
    finally:
        TopicClusterer.whole_stream = original  # type: ignore[method-assign]


@contextmanager
def models(pair: PairModel | None, place: PairModel | None) -> Iterator[None]:
    """The batch reads ``pair`` and ``place`` instead of the shipped models (None: the shipped one)."""
    saved = topic_batch.shipped_model, topic_batch.shipped_placement
    if pair is not None:
        topic_batch.shipped_model = lambda: pair
    if place is not None:
        topic_batch.shipped_placement = lambda: place
    try:
        yield
    finally:
        topic_batch.shipped_model, topic_batch.shipped_placement = saved


def best_level(rows: dict[float, dict[str, tuple[float, float, int]]]) -> float:
    """The level of the best hand-written mean AMI, then all streams' mean, then the lower level."""
    def key(v: float) -> tuple[float, float, float]:
        r = rows[v]
        return (round(statistics.mean(a for n, (a, _, _) in r.items() if is_hand_written(n)), 6),
                round(statistics.mean(a for a, _, _ in r.values()), 6), -v)
    return max(rows, key=key)


Streams = list[tuple[str, Path, list[str]]]
Row = tuple[float, float, int]


@dataclass(frozen=True)
class Chosen:
    """The held-out models of :func:`choose_levels`: each stream's pair and placement model at the levels
    chosen on the development streams, and the placement rows' source (``pdata``: the pair rows)."""

    pdata: dict[str, Any]
    qdata: dict[str, Any]
    seven: list[str]
    names: list[str]
    pair_level: float
    place_level: float

    def pair_model(self, name: str, level: float | None = None) -> PairModel:
        """``name``'s pair model: trained on the seven pair streams but ``name``."""
        return tp.train(self.pdata, [n for n in self.seven if n != name],
                        self.pair_level if level is None else level)

    def place_model(self, name: str, level: float | None = None) -> PairModel:
        """``name``'s placement model: trained on the other streams."""
        return tpl.train(self.qdata, [n for n in self.names if n != name],
                         self.place_level if level is None else level)


def choose_levels(scorer: Any, streams: Streams, pdata: dict[str, Any], pair_levels: list[float],
                  place_levels: list[float], say: Callable[[str], None],
                  scoring: Callable[[], AbstractContextManager[Any]],
                  training: Callable[[], AbstractContextManager[Any]]) -> Chosen:
    """Steps 1-2 of the module's doc: the pair level, then the placement level, each the best held out
    (:func:`best_level`), the batch run under ``scoring()`` and the placement rows taken under
    ``training()``."""
    seven = [n for n, _ in tp.pair_streams("ninth")]
    names = [n for n, _, _ in streams]
    chosen = Chosen(pdata, {}, seven, names, 0.0, 0.0)

    def rows_at(levels: list[float], what: str,
                model_pair: Callable[[str, float], tuple[PairModel, PairModel | None]]) -> float:
        rows: dict[float, dict[str, Row]] = {}
        for level in levels:
            rows[level] = {}
            for name, _, lines in streams:
                with models(*model_pair(name, level)), scoring():
                    rows[level][name] = tp.score(scorer, lines, tp.run(lines, "before", None))
            hand = statistics.mean(a for n, (a, _, _) in rows[level].items() if is_hand_written(n))
            say(f"  {what} level {level}: hand-written mean {hand:.3f}, all "
                f"{statistics.mean(r[0] for r in rows[level].values()):.3f}")
        return best_level(rows)

    plevel = rows_at(pair_levels, "pair", lambda name, level: (chosen.pair_model(name, level), None))
    with models(tp.train(pdata, seven, plevel), None), training():
        qdata = {name: tpl.placement_data(lines) for name, _, lines in streams}
    chosen = Chosen(pdata, qdata, seven, names, plevel, 0.0)
    qlevel = rows_at(place_levels, "placement",
                     lambda name, level: (chosen.pair_model(name, plevel), chosen.place_model(name, level)))
    say(f"  levels: pairs {plevel}, placement {qlevel}")
    return Chosen(pdata, qdata, seven, names, plevel, qlevel)


def judge(scorer: Any, streams: Streams, pair_levels: list[float],
          place_levels: list[float], say: Callable[[str], None], runs: Runs, least: int, link: str,
          train: tuple[Runs, int] | None = None) -> dict[str, dict[str, Any]]:
    """Steps 1-3 of the module's doc for the batch with ``runs``, ``least`` and ``link`` (the models'
    rows taken with ``train``'s runs and least, components, when given); each stream's row of step 3."""
    train_runs, train_least = train if train is not None else (runs, least)
    train_link = "single" if train is not None else link
    by_name = {n: lines for n, _, lines in streams}
    with consensus(train_runs, train_least, train_link):
        pdata = {n: tp.pair_data(by_name[n], "before", None) for n, _ in tp.pair_streams("ninth")}
    chosen = choose_levels(scorer, streams, pdata, pair_levels, place_levels, say,
                           lambda: consensus(runs, least, link),
                           lambda: consensus(train_runs, train_least, train_link))
    out = {}
    for name, path, _ in streams:
        with models(chosen.pair_model(name), chosen.place_model(name)), consensus(runs, least, link):
            out[name] = town_row(path, scorer, seeds=())
    return out


def summary(rows: dict[str, dict[str, Any]]) -> str:
    """One line of the nine streams' rows: the hand-written mean AMI, coverage and names, the generated
    mean AMI and names, all streams' names and readable names."""
    hand = [r for n, r in rows.items() if is_hand_written(n)]
    gen = [r for n, r in rows.items() if not is_hand_written(n)]
    return (f"hand-written mean AMI {statistics.mean(r['ami'] for r in hand):.3f}, coverage "
            f"{statistics.mean(r['coverage'] for r in hand):.3f}, named {sum(r['named'] for r in hand)}; "
            f"generated mean AMI {statistics.mean(r['ami'] for r in gen):.3f}, named "
            f"{sum(r['named'] for r in gen)}; all named {sum(r['named'] for r in rows.values())}, readable "
            f"{sum(r['readable'] or 0 for r in rows.values())}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=str(HERE.parents[1] / "shared"))
    parser.add_argument("--configs", default="none;hash:0.3", help="';'-separated other runs (how:alpha,...; "
                        "none: one run, as main)")
    parser.add_argument("--least", default="0", help="posts together in at least this many runs, for each "
                        "config (','-separated, or one; 0: all)")
    parser.add_argument("--train-on", default="", help="take the models' rows with these other runs (none: "
                        "one run, as main) and --train-least; default: each config's own")
    parser.add_argument("--train-least", type=int, default=0)
    parser.add_argument("--link", choices=("single", "average"), default="single", help="the groups: components of "
                        "the pairs together in --least runs, or average link down to --least / runs")
    parser.add_argument("--pair-levels", default="0.2,0.25,0.3,0.35")
    parser.add_argument("--place-levels", default="0.25,0.3,0.35")
    args = parser.parse_args()
    from shared_tools import load_tool

    scorer = load_tool(Path(args.shared) / "tools" / "cluster_nmi.py")
    streams = [(n, p, p.read_text(encoding="utf-8").splitlines()) for n, p in dev_streams()]
    configs = args.configs.split(";")
    leasts = [int(v) for v in args.least.split(",")]
    leasts = leasts * len(configs) if len(leasts) == 1 else leasts
    pair_levels = [float(v) for v in args.pair_levels.split(",")]
    place_levels = [float(v) for v in args.place_levels.split(",")]
    for spec, least in zip(configs, leasts, strict=True):
        print(f"== {spec} least {least} link {args.link}" + (f", models trained on {args.train_on}" if args.train_on else ""),
              flush=True)
        rows = judge(scorer, streams, pair_levels, place_levels, lambda s: print(s, flush=True),
                     parse_runs(spec), least, args.link,
                     (parse_runs(args.train_on), args.train_least) if args.train_on else None)
        for name, r in rows.items():
            print(f"  {name:12s} {r['ami']:.3f} / {r['coverage']:.2f} / {r['topics']:4d} / named {r['named']:2d} "
                  f"of {r['stories']:2d} / readable {r['readable']}", flush=True)
        print("  " + summary(rows), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
