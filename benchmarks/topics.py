"""Topic clustering on the short-text stream benchmarks (MStream's and GSDMM's sets).

Every document goes, in file order, through the code path of ``newsroom topics`` (``read_records`` on
JSONL lines, then ``assign_topics``); the result is scored with ``../shared/tools/cluster_nmi.py``
(geometric NMI as in both papers, AMI, ARI, cluster counts) and timed (documents per second, parsing
included). ``--sweeps 0`` is the one-pass stream and its consolidation (the merges the wall also makes);
the command line's default adds one reassignment sweep after the stream.

The lines carry ``"lang": "en"`` (all sets are English): the wall clusters mentions whose language was
detected once for sentiment. Without it ``newsroom topics`` detects each line's language itself; the
cost of that is measured and printed at the end.

    python benchmarks/topics.py [--shared ../shared] [--sweeps 0,1] [--sets Tweets,News] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from shared_tools import load_tool

from newsroom.analysis.language import detect_language
from newsroom.analysis.topics import ALPHA, BETA, assign_topics
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    parser.add_argument("--sweeps", default=f"0,{DEFAULT_SWEEPS}", help="comma-separated sweep counts")
    parser.add_argument("--sets", default="", help="comma-separated set names (default: all)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per row (best and median shown)")
    args = parser.parse_args()
    shared = Path(args.shared)
    root = shared / "benchmarks" / "short-text-clustering"
    tool = shared / "tools" / "cluster_nmi.py"
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
