"""Topic clustering on the short-text stream benchmarks (MStream's and GSDMM's sets).

Every document goes, in file order, through the code path of ``newsroom topics`` (``read_records`` on
JSONL lines, then ``assign_topics``); the result is scored with ``../shared/tools/cluster_nmi.py``
(geometric NMI as in both papers, AMI, ARI, cluster counts) and timed (documents per second, parsing
included). ``--sweeps 0`` is the one-pass stream and its consolidation (the merges the wall also makes);
the command line's default adds one reassignment sweep after the stream.

The lines carry ``"lang": "en"`` (all sets are English): the wall clusters mentions whose language was
detected once for sentiment. Without it ``newsroom topics`` detects each line's language itself; the
cost of that is measured and printed at the end.

First, the labelled town streams of ``benchmarks/data/towns/`` (our own seeded generator; development and
report-only towns marked): topics returned, AMI against the stories, coverage (median share of a story's
posts in its largest topic), stories whose topic name holds their key word, and whether three hash
seeds give the same output (the command line in subprocesses).

    python benchmarks/topics.py [--shared ../shared] [--sweeps 0,1] [--sets Tweets,News] [--repeat 3]
                                [--towns-only | --no-towns] [--names]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from shared_tools import load_tool

from newsroom.analysis.language import detect_language
from newsroom.analysis.topic_batch import assign_topics
from newsroom.analysis.topics import ALPHA, BETA
from newsroom.analysis.words import fold
from newsroom.commands.topics import DEFAULT_SWEEPS, read_records
from newsroom.domain import utcnow

#: (file, paper name, anchor method, anchor NMI)
SETS = (
    ("mstream/Tweets.jsonl", "Tweets", "MStream", 0.844),
    ("mstream/Tweets-T.jsonl", "Tweets-T", "MStream", 0.882),
    ("mstream/News.jsonl", "News", "MStream", 0.834),
    ("mstream/News-T.jsonl", "News-T", "MStream", 0.850),
    ("gsdmm/T.jsonl", "T", "GSDMM", 0.874),
    ("gsdmm/S.jsonl", "S", "GSDMM", 0.896),
    ("gsdmm/TS.jsonl", "TS", "GSDMM", 0.928),
    ("gsdmm/Tweet.jsonl", "Tweet", "-", None),
)


def as_jsonl(path: Path, spread_hours: float = 0.0) -> list[str]:
    """The set as ``newsroom topics`` input lines: {"id", "text", "lang"} (ids are line numbers); with
    ``spread_hours``, also a "published" time, spread evenly over that many hours in file order."""
    texts = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                obj = json.loads(line)
                texts.append(obj.get("textCleaned", obj.get("text", "")))
    start = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)
    lines = []
    for n, text in enumerate(texts):
        record = {"id": str(n), "text": text, "lang": "en"}
        if spread_hours:
            record["published"] = (start + timedelta(hours=spread_hours * n / len(texts))).isoformat()
        lines.append(json.dumps(record))
    return lines


def spread_rows(root: Path, scorer: Any) -> None:
    """The same sets with publication times: topics decay and retire (6 h of silence) on the way, as on
    the wall; the final assignment is made over the whole stream."""
    for rel, name in (("mstream/Tweets.jsonl", "Tweets"), ("mstream/Tweets-T.jsonl", "Tweets-T")):
        path = root / rel
        if not path.is_file():
            continue
        _ids, gold = scorer.read_gold(str(path))
        for hours in (24.0, 72.0):
            result = assign_topics(read_records(as_jsonl(path, hours), utcnow()))
            m = scorer.metrics(gold, [str(a.topic) for a in result])
            print(f"{name} spread over {hours:.0f} h, default sweeps: NMI {m['nmi_geometric']:.3f} "
                  f"ARI {m['ari']:.3f} clusters {m['n_pred_clusters']}/{m['n_gold_clusters']}", flush=True)


def detect_cost(root: Path) -> None:
    """Print what detecting the language of every line (input without "lang") adds per document."""
    path = root / "mstream" / "Tweets-T.jsonl"
    if not path.is_file():
        return
    texts = [json.loads(line)["text"] for line in as_jsonl(path)]
    detect_language("warm up")
    start = time.perf_counter()
    langs = [detect_language(t, ("en",)) for t in texts]
    per_doc = (time.perf_counter() - start) / len(texts) * 1e6
    print(f"language detection (input without lang), Tweets-T: {per_doc:.0f} µs per document more; "
          f"{sum(1 for x in langs if x == 'en') / len(langs):.1%} detected English")


TOWNS = Path(__file__).resolve().parent / "data" / "towns"


def _folded(text: str) -> str:
    return fold(text.lower())


def town_row(path: Path, scorer: Any, seeds: tuple[str, ...] = ("1", "2", "3")) -> dict[str, Any]:
    """Score ``newsroom topics`` on one labelled town stream (see benchmarks/data/towns/generate.py).

    AMI counts each chatter post as a class of its own (it belongs to no story); coverage is the median
    share of a story's posts in its largest topic; a story is named when its largest topic's label
    contains one of its key words; deterministic: the command line in subprocesses under ``seeds`` as
    PYTHONHASHSEED gives the same output every time."""
    lines = path.read_text(encoding="utf-8").splitlines()
    names = json.loads(path.with_suffix("").with_suffix(".names.json").read_text(encoding="utf-8"))
    stories = [json.loads(line)["story"] for line in lines]
    start = time.perf_counter()
    result = assign_topics(read_records(lines, utcnow()))
    elapsed = time.perf_counter() - start
    gold = [s if s != "-" else f"-{n}" for n, s in enumerate(stories)]
    pred = [str(a.topic) for a in result]
    m = scorer.metrics(gold, pred)
    sizes = Counter(pred)
    shares, named, bad = [], 0, []
    label_of = {str(a.topic): a.label for a in result}
    for story, info in names.items():
        mine = Counter(p for p, s in zip(pred, stories, strict=True) if s == story)
        if not mine:
            continue
        top, k = max(mine.items(), key=lambda kv: (kv[1], kv[0]))
        shares.append(k / sum(mine.values()))
        label = _folded(label_of[top])
        if any(_folded(word) in label for word in info["keys"]):
            named += 1
        else:
            bad.append(f"{info['name']!r} -> {label_of[top]!r}")
    outputs = set()
    for seed in seeds:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "newsroom", "topics"], input="\n".join(lines), text=True,
                              capture_output=True, env=env, check=True)
        outputs.add(done.stdout)
    return {"topics": len(sizes), "2+": sum(1 for k in sizes.values() if k >= 2),
            "5+": sum(1 for k in sizes.values() if k >= 5), "stories": len(names), "ami": m["ami"],
            "nmi": m["nmi_geometric"], "coverage": statistics.median(shares), "named": named,
            "deterministic": len(outputs) == 1, "docs/s": len(lines) / elapsed, "unnamed": bad}


def town_rows(scorer: Any, show_names: bool) -> None:
    """The table of issue 13 for every town stream, development and report-only sets marked."""
    sys.path.insert(0, str(TOWNS))
    from generate import SPLIT  # type: ignore[import-not-found]

    header = (f"{'town':11s} {'split':6s} {'posts':>5s} {'topics':>6s} {'>=2':>4s} {'>=5':>4s} {'stories':>7s} "
              f"{'AMI':>6s} {'NMI':>6s} {'cover':>6s} {'named':>7s} {'determ':>6s} {'docs/s':>7s}")
    print(header)
    print("-" * len(header))
    for town, (_seed, split) in SPLIT.items():
        path = TOWNS / f"{town}.jsonl"
        if not path.is_file():
            continue
        r = town_row(path, scorer)
        posts = sum(1 for _ in path.open(encoding="utf-8"))
        print(f"{town:11s} {split:6s} {posts:5d} {r['topics']:6d} {r['2+']:4d} {r['5+']:4d} {r['stories']:7d} "
              f"{r['ami']:6.3f} {r['nmi']:6.3f} {r['coverage']:6.2f} {r['named']:3d}/{r['stories']:<3d} "
              f"{'yes' if r['deterministic'] else 'NO':>6s} {r['docs/s']:7.0f}", flush=True)
        if show_names:
            for line in r["unnamed"]:
                print(f"    unnamed: {line}")
    print("AMI: chatter posts each a class of their own; cover: median share of a story's posts in its largest")
    print("topic; named: stories whose largest topic's label holds a key word of the story's reference name;")
    print("determ: the command line under PYTHONHASHSEED 1, 2, 3 wrote the same output")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    parser.add_argument("--sweeps", default=f"0,{DEFAULT_SWEEPS}", help="comma-separated sweep counts")
    parser.add_argument("--sets", default="", help="comma-separated set names (default: all)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per row (best and median shown)")
    parser.add_argument("--towns-only", action="store_true", help="only the labelled town streams")
    parser.add_argument("--no-towns", action="store_true", help="only the public short-text sets")
    parser.add_argument("--names", action="store_true", help="list the stories whose topic name misses")
    args = parser.parse_args()
    shared = Path(args.shared)
    tool = shared / "tools" / "cluster_nmi.py"
    if tool.is_file() and not args.no_towns:
        town_rows(load_tool(tool), args.names)
    if args.towns_only:
        return 0
    root = shared / "benchmarks" / "short-text-clustering"
    if not root.is_dir() or not tool.is_file():
        print(f"short-text clustering benchmark not found under {root} (or {tool}); skipped")
        return 0
    scorer = load_tool(tool)
    wanted = {s.strip() for s in args.sets.split(",") if s.strip()}
    sweeps_list = [int(s) for s in args.sweeps.split(",") if s.strip()]
    print(f"alpha={ALPHA} beta={BETA} (same for every set); NMI = geometric, as in the papers")
    header = (f"{'set':9s} {'sweeps':>6s} {'NMI':>6s} {'AMI':>6s} {'ARI':>6s} {'batchNMI':>8s} "
              f"{'clusters':>11s} {'>=5':>5s} {'single':>6s} {'docs/s':>8s} {'median':>8s}  anchor")
    print(header)
    print("-" * len(header))
    for rel, name, anchor_name, anchor in SETS:
        path = root / rel
        if (wanted and name not in wanted) or not path.is_file():
            continue
        _ids, gold = scorer.read_gold(str(path))
        lines = as_jsonl(path)
        for sweeps in sweeps_list:
            runs = []
            for _ in range(max(args.repeat, 1)):
                start = time.perf_counter()
                records = read_records(lines, utcnow())
                result = assign_topics(records, sweeps=sweeps)
                runs.append(time.perf_counter() - start)
            elapsed, typical = min(runs), statistics.median(runs)
            pred = [str(a.topic) for a in result]
            m = scorer.metrics(gold, pred)
            n = len(gold)
            batch = []
            for b in range(16):
                lo, hi = b * n // 16, (b + 1) * n // 16
                batch.append(scorer.own_metrics(gold[lo:hi], pred[lo:hi])["nmi_geometric"])
            ami = "n/a" if m["ami"] is None else f"{m['ami']:.3f}"
            sizes = Counter(pred).values()
            big = sum(1 for k in sizes if k >= 5)
            single = sum(1 for k in sizes if k == 1)
            verdict = ""
            if anchor is not None:
                verdict = f"{anchor_name} {anchor:.3f} {'met' if m['nmi_geometric'] >= anchor else 'NOT met'}"
            print(f"{name:9s} {sweeps:6d} {m['nmi_geometric']:6.3f} {ami:>6s} {m['ari']:6.3f} "
                  f"{sum(batch) / len(batch):8.3f} {m['n_pred_clusters']:5d}/{m['n_gold_clusters']:<5d} {big:5d} {single:6d} "
                  f"{n / elapsed:8.0f} {n / typical:8.0f}  {verdict}", flush=True)
    if not wanted:
        spread_rows(root, scorer)
    detect_cost(root)
    print("batchNMI: mean NMI over 16 consecutive equal slices (the per-batch view of the MStream paper)")
    print("clusters: found/true; >=5: found clusters of at least 5 documents; single: one-document clusters")
    print("docs/s: wall clock (parsing included), the best of --repeat runs (the least disturbed by other")
    print("work on this shared machine); median: the median of those runs; the target is >= 5,000 docs/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
