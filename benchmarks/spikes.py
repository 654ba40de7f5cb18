"""Run the spike detector over NAB's ten realTweets series and score it with NAB's method.

Writes NAB-format result files (timestamp, anomaly_score, alert) and runs the validated scorer
``../shared/tools/nab_score.py`` three times: on the score column (threshold tuned by the scorer, as
NAB does), on the score column at the sensitivity's fixed threshold, and on the alert column at the
default sensitivity (what users actually get).

    python benchmarks/spikes.py [--shared ../shared] [--out DIR] [--sensitivity balanced]
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsroom.analysis.spikes import SENSITIVITY, SpikeDetector
from newsroom.domain import parse_time

PUBLISHED = (("ARTime", 83.17, 74.58, 88.78), ("contextOSE", 74.48, 73.13, 76.93),
             ("Numenta HTM", 69.35, 63.55, 73.50), ("KNN-CAD", 64.29, 42.16, 73.46),
             ("Twitter ADVec", 59.62, 35.82, 69.04))


def run_series(path: Path, out_dir: Path, sensitivity: str) -> int:
    detector = SpikeDetector(sensitivity)
    rows = 0
    with path.open(encoding="utf-8") as src, (out_dir / "scores" / path.name).open("w", encoding="utf-8") as a, \
            (out_dir / "alerts" / path.name).open("w", encoding="utf-8") as b:
        score_out, alert_out = csv.writer(a), csv.writer(b)
        score_out.writerow(["timestamp", "anomaly_score"])
        alert_out.writerow(["timestamp", "alert"])
        for row in csv.DictReader(src):
            step = detector.update(parse_time(row["timestamp"].replace(" ", "T")), float(row["value"]))
            score_out.writerow([row["timestamp"], f"{step.score:.6f}"])
            alert_out.writerow([row["timestamp"], int(step.alert)])
            rows += 1
    return rows


def score(scorer: Path, folder: Path, *extra: str) -> str:
    proc = subprocess.run([sys.executable, str(scorer), str(folder), *extra], capture_output=True, text=True,
                          check=False, cwd=scorer.parents[1])
    return (proc.stdout + proc.stderr).strip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    parser.add_argument("--out", default=None)
    parser.add_argument("--sensitivity", default="balanced")
    args = parser.parse_args()
    shared = Path(args.shared)
    data = shared / "benchmarks" / "nab-realtweets" / "data" / "realTweets"
    if not data.is_dir():
        print(f"NAB realTweets not found under {data}")
        return 1
    out_dir = Path(args.out or tempfile.mkdtemp(prefix="nab-"))
    (out_dir / "scores").mkdir(parents=True, exist_ok=True)
    (out_dir / "alerts").mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    rows = sum(run_series(p, out_dir, args.sensitivity) for p in sorted(data.glob("*.csv")))
    elapsed = time.perf_counter() - began
    scorer = shared / "tools" / "nab_score.py"
    print(f"{rows} buckets in {elapsed:.1f} s ({rows / elapsed:.0f}/s); results in {out_dir}")
    print("published (realTweets, own threshold): detector / standard / low FP / low FN")
    print("  (NAB hands every detector the whole file's min and max; ARTime scales its input by them)")
    for name, std, lfp, lfn in PUBLISHED:
        print(f"  {name:14} {std:6.2f} {lfp:6.2f} {lfn:6.2f}")
    print("ours, score column (threshold tuned by the scorer, as NAB does):")
    print(score(scorer, out_dir / "scores"))
    threshold = SENSITIVITY[args.sensitivity].threshold
    print(f"ours, score column at the fixed threshold {threshold} of sensitivity {args.sensitivity} (no tuning):")
    print(score(scorer, out_dir / "scores", "--threshold", str(threshold)))
    print(f"ours, alert column at sensitivity {args.sensitivity} (no tuning):")
    print(score(scorer, out_dir / "alerts"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
