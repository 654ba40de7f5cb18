"""The independent held-out set (``benchmarks/data/holdout/``): report-only, never tuned on.

Written by an author who saw neither the code nor the development data (see its README). Prints, for
sentiment, macro-F1 and negative precision/recall per language and the hit rate per kind of post; for
topics, the same row as ``benchmarks/topics.py`` prints for the town streams (topics returned, AMI,
coverage, named stories, determinism over hash seeds); for alerts, ``newsroom spikes`` (its own alert
decision, no threshold chosen on the data) on the independent town series generator
``benchmarks/holdout_series.py`` for five seeds, scored with ``../shared/tools/nab_score.py``.
``holdout2/`` and ``holdout3/`` are two more hand-written town streams, each by another independent
author (2026-12-03; holdout3 shaped as issue 13 describes its unseen stream: ~720 posts, 30 stories of 5
to 80 posts, chatter, three days), scored like the first.

    python benchmarks/holdout.py [--shared ../shared] [--names] [--seeds 1313,1,2,3,4] [--topics-only] [--spikes-only] [--wall]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from shared_tools import load_tool
from topics import replies_path, town_row, wall_row, with_replies

from newsroom.analysis.language import detect_language
from newsroom.analysis.sentiment import SentimentScorer

HOLDOUT = Path(__file__).resolve().parent / "data" / "holdout"
LABELS = ("negative", "neutral", "positive")


def sentiment_row(name: str, rows: list[tuple[str, str]]) -> str:
    """One line: n, macro-F1, negative P/R/F1 and the confusion counts (gold -> neg/neu/pos)."""
    conf = Counter(rows)
    f1s, neg = [], (0.0, 0.0, 0.0)
    for label in LABELS:
        tp = conf[(label, label)]
        fp = sum(conf[(g, label)] for g in LABELS if g != label)
        fn = sum(conf[(label, p)] for p in LABELS if p != label)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        f1s.append(f)
        if label == "negative":
            neg = (p, r, f)
    confusion = "  ".join(f"{g[:3]}->{'/'.join(str(conf[(g, p)]) for p in LABELS)}" for g in LABELS)
    return (f"{name:8s} {len(rows):4d} {sum(f1s) / 3:6.3f} {neg[0]:6.3f} {neg[1]:6.3f} {neg[2]:6.3f}  "
            f"{confusion}")


def sentiment_report(folder: Path) -> None:
    """Score every post of ``folder``'s set as ``newsroom sentiment`` does without a language given."""
    posts = [json.loads(line) for line in (folder / "sentiment.jsonl").open(encoding="utf-8")]
    scorer = SentimentScorer()
    scored = []
    for post in posts:
        lang = detect_language(post["text"])
        scored.append((post, scorer.score(post["text"], lang).label.value))
    print(f"sentiment (held out, report-only): {folder.name}")
    print(f"{'set':8s} {'n':>4s} {'macF1':>6s} {'P-':>6s} {'R-':>6s} {'F1-':>6s}  confusion gold->neg/neu/pos")
    print(sentiment_row("all", [(p["label"], s) for p, s in scored]))
    for lang in ("nl", "en", "fr"):
        print(sentiment_row(lang, [(p["label"], s) for p, s in scored if p["lang"] == lang]))
    kinds = Counter(p["kind"] for p, _ in scored)
    hits = Counter(p["kind"] for p, s in scored if p["label"] == s)
    print("right per kind: " + ", ".join(f"{k} {hits[k]}/{n}" for k, n in sorted(kinds.items())))


def _names(value: object, story: str) -> dict[str, object]:
    """A story's key words as benchmarks/topics.py reads them (holdout: a dict; holdout2: a list)."""
    if isinstance(value, dict):
        return {"name": value["name"], "keys": value["keywords"]}
    return {"name": story, "keys": list(value)}  # type: ignore[call-overload]


def topics_report(scorer: object, show_names: bool, folder: Path = HOLDOUT, wall: bool = False,
                  replies: bool = False) -> None:
    """The town-stream row on a held-out stream (its format mapped to benchmarks/topics.py's); with
    ``replies`` and reply links beside it (``stream.replies.json``), a second row with ``reply_to`` added."""
    with tempfile.TemporaryDirectory() as tmp:
        stream = Path(tmp) / "holdout.jsonl"
        with stream.open("w", encoding="utf-8") as out:
            for line in (folder / "stream.jsonl").open(encoding="utf-8"):
                post = json.loads(line)
                post["story"] = "-" if post["story"].startswith("chatter") else post["story"]
                out.write(json.dumps(post, ensure_ascii=False) + "\n")
        names = json.loads((folder / "stream.names.json").read_text(encoding="utf-8"))
        mapped = {s: _names(v, s) for s, v in names.items()}
        stream.with_suffix(".names.json").write_text(json.dumps(mapped, ensure_ascii=False), encoding="utf-8")
        r = town_row(stream, scorer)
        w = wall_row(stream, scorer) if wall else None
        _print_topics(folder, r, w, show_names, "")
        links = replies_path(folder / "stream.jsonl")
        if replies and links.is_file():
            replies_path(stream).write_bytes(links.read_bytes())
            lines = with_replies(stream.read_text(encoding="utf-8").splitlines(), stream)
            r = town_row(stream, scorer, lines=lines)
            w = wall_row(stream, scorer, lines=lines) if wall else None
            _print_topics(folder, r, w, show_names, ", with its reply links (stream.replies.json)")


def _print_topics(folder: Path, r: dict[str, Any], w: dict[str, Any] | None, show_names: bool, what: str) -> None:
    """One held-out stream's row (and the wall's)."""
    print(f"topics (held out, report-only: {folder.name}{what})")
    print(f"posts {sum(1 for _ in (folder / 'stream.jsonl').open(encoding='utf-8'))}, stories {r['stories']}, "
          f"topics {r['topics']} (>=2: {r['2+']}, >=5: {r['5+']}), AMI {r['ami']:.3f}, NMI {r['nmi']:.3f}, "
          f"coverage {r['coverage']:.2f}, named {r['named']}/{r['stories']}, as written {r['written']}/{r['stories']}, "
          f"deterministic {'yes' if r['deterministic'] else 'NO'}")
    if w is not None:
        print(f"  the wall's path (benchmarks/topics.py's wall row): topics {w['topics']} (>=2: {w['2+']}, >=5: "
              f"{w['5+']}), AMI {w['ami']:.3f}, NMI {w['nmi']:.3f}, coverage {w['coverage']:.2f}, named "
              f"{w['named']}/{w['stories']}, as written {w['written']}/{w['stories']}")
    if show_names:
        for line in r["unnamed"]:
            print(f"    unnamed: {line}")


def spikes_report(nab_tool: Path, seeds: list[int]) -> None:
    """``newsroom spikes`` on every series of each seed; NAB standard / low-FP / low-FN of its alerts."""
    print("alerts (held-out town series, report-only; the alert column of newsroom spikes)")
    print(f"{'seed':>6s} {'series':>6s} {'windows':>7s} {'standard':>8s} {'low-FP':>7s} {'low-FN':>7s} "
          f"{'found':>5s} {'FP':>4s}")
    here = Path(__file__).resolve().parent
    totals: list[tuple[float, float, float]] = []
    for seed in seeds:
        with tempfile.TemporaryDirectory() as tmp:
            root, out = Path(tmp) / "series", Path(tmp) / "alerts"
            out.mkdir()
            subprocess.run([sys.executable, str(here / "holdout_series.py"), "--out", str(root), "--seed",
                            str(seed), "--count", "12"], check=True, capture_output=True)
            files = sorted((root / "data").glob("*.csv"))

            def run(path: Path, out: Path = out) -> None:
                with path.open("rb") as src, (out / path.name).open("wb") as dst:
                    subprocess.run([sys.executable, "-m", "newsroom", "spikes"], stdin=src, stdout=dst,
                                   check=True)

            with ThreadPoolExecutor(2) as pool:
                list(pool.map(run, files))
            done = subprocess.run([sys.executable, str(nab_tool), str(out), "--windows",
                                   str(root / "labels" / "combined_windows.json"), "--require-all", "--json"],
                                  check=True, capture_output=True, text=True)
        profiles = json.loads(done.stdout)["profiles"]
        std = profiles["standard"]
        row = tuple(profiles[k]["normalised"] for k in ("standard", "reward_low_FP_rate", "reward_low_FN_rate"))
        totals.append(row)
        print(f"{seed:6d} {len(files):6d} {std['tp_windows'] + std['fn_windows']:7d} {row[0]:8.1f} {row[1]:7.1f} "
              f"{row[2]:7.1f} {std['tp_windows']:5d} {std['fp_detections']:4d}")
    if totals:
        mean = [sum(t[i] for t in totals) / len(totals) for i in range(3)]
        print(f"{'mean':>6s} {'':6s} {'':7s} {mean[0]:8.1f} {mean[1]:7.1f} {mean[2]:7.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    parser.add_argument("--names", action="store_true", help="list the stories whose topic name misses")
    parser.add_argument("--seeds", default="1313,1,2,3,4", help="seeds of the held-out town series")
    parser.add_argument("--topics-only", action="store_true", help="only the topics rows")
    parser.add_argument("--spikes-only", action="store_true", help="only the alerts rows (newsroom spikes)")
    parser.add_argument("--replies", action="store_true", help="the topics rows also with the streams' reply "
                        "links (stream.replies.json beside each)")
    parser.add_argument("--wall", action="store_true", help="the topics rows also through the wall's path "
                        "(benchmarks/topics.py's wall row)")
    args = parser.parse_args()
    tools = Path(args.shared) / "tools"
    if args.spikes_only:
        spikes_report(tools / "nab_score.py", [int(s) for s in args.seeds.split(",") if s.strip()])
        return 0
    if not args.topics_only:
        for folder in (HOLDOUT, HOLDOUT.with_name("holdout_sentiment2")):
            sentiment_report(folder)
    if (tools / "cluster_nmi.py").is_file():
        for folder in (HOLDOUT, HOLDOUT.with_name("holdout2"), HOLDOUT.with_name("holdout3")):
            topics_report(load_tool(tools / "cluster_nmi.py"), args.names, folder, args.wall, args.replies)
        if args.topics_only:
            return 0
    else:
        print(f"topics: the scorer {tools / 'cluster_nmi.py'} was not found; skipped")
    if (tools / "nab_score.py").is_file():
        spikes_report(tools / "nab_score.py", [int(s) for s in args.seeds.split(",") if s.strip()])
    else:
        print(f"alerts: the scorer {tools / 'nab_score.py'} was not found; skipped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
