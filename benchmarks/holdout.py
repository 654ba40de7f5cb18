"""The independent held-out set (``benchmarks/data/holdout/``): report-only, never tuned on.

Written by an author who saw neither the code nor the development data (see its README). Prints, for
sentiment, macro-F1 and negative precision/recall per language and the hit rate per kind of post; for
topics, the same row as ``benchmarks/topics.py`` prints for the town streams (topics returned, AMI,
coverage, named stories, determinism over hash seeds).

    python benchmarks/holdout.py [--shared ../shared] [--names]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path

from shared_tools import load_tool
from topics import town_row

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


def sentiment_report() -> None:
    """Score every post as ``newsroom sentiment`` does without a language given."""
    posts = [json.loads(line) for line in (HOLDOUT / "sentiment.jsonl").open(encoding="utf-8")]
    scorer = SentimentScorer()
    scored = []
    for post in posts:
        lang = detect_language(post["text"])
        scored.append((post, scorer.score(post["text"], lang).label.value))
    print("sentiment (held out, report-only)")
    print(f"{'set':8s} {'n':>4s} {'macF1':>6s} {'P-':>6s} {'R-':>6s} {'F1-':>6s}  confusion gold->neg/neu/pos")
    print(sentiment_row("all", [(p["label"], s) for p, s in scored]))
    for lang in ("nl", "en", "fr"):
        print(sentiment_row(lang, [(p["label"], s) for p, s in scored if p["lang"] == lang]))
    kinds = Counter(p["kind"] for p, _ in scored)
    hits = Counter(p["kind"] for p, s in scored if p["label"] == s)
    print("right per kind: " + ", ".join(f"{k} {hits[k]}/{n}" for k, n in sorted(kinds.items())))


def topics_report(scorer: object, show_names: bool) -> None:
    """The town-stream row on the held-out stream (its format mapped to benchmarks/topics.py's)."""
    with tempfile.TemporaryDirectory() as tmp:
        stream = Path(tmp) / "holdout.jsonl"
        with stream.open("w", encoding="utf-8") as out:
            for line in (HOLDOUT / "stream.jsonl").open(encoding="utf-8"):
                post = json.loads(line)
                post["story"] = "-" if post["story"] == "chatter" else post["story"]
                out.write(json.dumps(post, ensure_ascii=False) + "\n")
        names = json.loads((HOLDOUT / "stream.names.json").read_text(encoding="utf-8"))
        mapped = {s: {"name": v["name"], "keys": v["keywords"]} for s, v in names.items()}
        stream.with_suffix(".names.json").write_text(json.dumps(mapped, ensure_ascii=False), encoding="utf-8")
        r = town_row(stream, scorer)
    print("topics (held out, report-only)")
    print(f"posts {sum(1 for _ in (HOLDOUT / 'stream.jsonl').open(encoding='utf-8'))}, stories {r['stories']}, "
          f"topics {r['topics']} (>=2: {r['2+']}, >=5: {r['5+']}), AMI {r['ami']:.3f}, NMI {r['nmi']:.3f}, "
          f"coverage {r['coverage']:.2f}, named {r['named']}/{r['stories']}, "
          f"deterministic {'yes' if r['deterministic'] else 'NO'}")
    if show_names:
        for line in r["unnamed"]:
            print(f"    unnamed: {line}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    parser.add_argument("--names", action="store_true", help="list the stories whose topic name misses")
    args = parser.parse_args()
    sentiment_report()
    tool = Path(args.shared) / "tools" / "cluster_nmi.py"
    if not tool.is_file():
        print(f"topics: the scorer {tool} was not found; skipped")
        return 0
    topics_report(load_tool(tool), args.names)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
