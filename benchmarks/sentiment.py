"""Sentiment quality and speed on the public labelled sets in ../shared/benchmarks (when present).

Binary sets are scored on the sign of the score (a zero score counts as wrong); prints accuracy,
macro-F1, the share predicted neutral and texts/s per set.

    python benchmarks/sentiment.py [--data ../shared/benchmarks]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from newsroom.analysis.language import detect_language
from newsroom.analysis.sentiment import SentimentScorer

SETS = (
    ("dutch-sentiment/bolcom-reviews-nl.jsonl", "nl"),
    ("dutch-sentiment/xed-subtitles-nl-derived.jsonl", "nl"),
    ("french-sentiment/amazon-reviews-fr.jsonl", "fr"),
)


def macro_f1(gold: list[str], pred: list[str]) -> float:
    labels = sorted(set(gold))
    scores = []
    for lab in labels:
        tp = sum(g == p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(p == lab and g != lab for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=True))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    return sum(scores) / len(scores)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "benchmarks"))
    args = parser.parse_args()
    scorer = SentimentScorer()
    print(f"{'set':48} {'n':>5} {'acc':>6} {'macroF1':>8} {'neutral':>8} {'texts/s':>8}")
    for rel, lang in SETS:
        path = Path(args.data) / rel
        if not path.exists():
            print(f"{rel:48} missing")
            continue
        rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
        gold = [str(r["label"]) for r in rows]
        binary = set(gold) <= {"positive", "negative"}
        began = time.perf_counter()
        results = [scorer.score(r["text"], detect_language(r["text"], (lang,))) for r in rows]
        elapsed = time.perf_counter() - began
        if binary:
            pred = ["positive" if s.score > 0 else "negative" if s.score < 0 else "neutral" for s in results]
        else:
            pred = [s.label.value for s in results]
        acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(rows)
        neutral = sum(s.label.value == "neutral" for s in results) / len(rows)
        print(f"{rel:48} {len(rows):5d} {acc:6.3f} {macro_f1(gold, pred):8.3f} {neutral:8.1%} "
              f"{len(rows) / elapsed:8.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
