"""Run the spike detector over NAB's ten realTweets series and score it with NAB's method.

Writes NAB-format result files (timestamp, anomaly_score, alert) and runs the validated scorer
``../shared/tools/nab_score.py`` three times: on the score column (threshold tuned by the scorer, as
NAB does), on the score column at the sensitivity's fixed threshold, and on the alert column at the
default sensitivity (what users actually get).

Then an honesty check (skip with ``--quick``): the tunable parameters (alert threshold, ``min_z``,
comparison period, peak-memory half-life) are chosen on nine series and the tenth is scored with them
(leave one series out, per profile, with the scorer's own functions); the held-out aggregate is
printed beside the in-sample optimum over the same grid, and a robustness table shows the score when
each parameter moves one step away from the default.

    python benchmarks/spikes.py [--shared ../shared] [--out DIR] [--sensitivity balanced] [--quick]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from shared_tools import load_tool

from newsroom.analysis.spikes import (
    DEFAULT_TUNING,
    SENSITIVITY,
    AlertGate,
    Sensitivity,
    SpikeDetector,
    SpikeStep,
    SpikeTuning,
)
from newsroom.domain import parse_time

PUBLISHED = (("ARTime", 83.17, 74.58, 88.78), ("contextOSE", 74.48, 73.13, 76.93),
             ("Numenta HTM", 69.35, 63.55, 73.50), ("KNN-CAD", 64.29, 42.16, 73.46),
             ("Twitter ADVec", 59.62, 35.82, 69.04))
PROFILES = ("standard", "reward_low_FP_rate", "reward_low_FN_rate")
DAY = 86400
HOUR = 3600
# the tunable parameters and the values tried; the first value of each is the default
GRID_TUNING: dict[str, tuple[Any, ...]] = {
    "record_s": (DEFAULT_TUNING.record_s, 7 * DAY, 10 * DAY, 21 * DAY),
    "memory_half_life_s": (DEFAULT_TUNING.memory_half_life_s, 6 * HOUR, 24 * HOUR),
}
GRID_GATE: dict[str, tuple[float, ...]] = {
    "threshold": (0.5, 0.46, 0.48, 0.52, 0.54),
    "min_z": (4.5, 3.5, 5.5),
}


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


# -- leave one series out ------------------------------------------------------------------------
Row = tuple[datetime, float, float, float, bool, bool, float, bool]  # ts, value, z, ratio, onset, explained,
#                                                                       score, alert


def detect(args: tuple[Path, SpikeTuning]) -> list[Row]:
    """Detector outputs of one series under one tuning (run in a worker process)."""
    path, tuning = args
    detector = SpikeDetector("balanced", tuning=tuning)
    out: list[Row] = []
    with path.open(encoding="utf-8") as src:
        for row in csv.DictReader(src):
            ts = parse_time(row["timestamp"].replace(" ", "T"))
            s = detector.update(ts, float(row["value"]))
            out.append((ts, s.observed, s.z, s.ratio, s.onset, s.explained, s.score, s.alert))
    return out


def replay(rows: Sequence[Row], gate: Sensitivity, tuning: SpikeTuning) -> list[float]:
    """The alert column under other alert parameters, from the same scores (AlertGate is the detector's)."""
    g = AlertGate(gate, tuning)
    return [1.0 if g.decide(ts, SpikeStep(0.0, False, v, 0.0, 1.0, z, r, on, ex)) else 0.0
            for ts, v, z, r, on, ex, _s, _a in rows]


@dataclass
class Geometry:
    """NAB's per-row worth of one series (built once by the scorer's ScoredFile, values swapped in)."""

    nab: Any  # the nab_score.ScoredFile
    probation: int

    def with_values(self, values: Sequence[float]) -> Any:
        f = self.nab.__class__.__new__(self.nab.__class__)
        f.__dict__.update(self.nab.__dict__)
        f.rows = [(values[self.probation + k], wid, worth) for k, (_v, wid, worth) in enumerate(self.nab.rows)]
        return f


def geometries(nab: ModuleType, data: Path, windows: Path) -> dict[str, Geometry]:
    labels = json.loads(windows.read_text(encoding="utf-8"))
    out: dict[str, Geometry] = {}
    offset = 0
    for key in sorted(labels):
        path = data / Path(key).name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as src:
            times = [nab.parse_time(r["timestamp"]) for r in csv.DictReader(src)]
        wins = [(nab.parse_time(a), nab.parse_time(b)) for a, b in labels[key]]
        f = nab.ScoredFile(key, times, [0.0] * len(times), wins, offset)
        offset += f.n_windows
        out[path.name] = Geometry(f, f.probation)
    return out


def honesty(nab: ModuleType, data: Path, windows: Path, workers: int) -> None:
    names = sorted(p.name for p in data.glob("*.csv"))
    geo = geometries(nab, data, windows)
    names = [n for n in names if n in geo]
    n_windows = sum(geo[n].nab.n_windows for n in names)
    keys = list(GRID_TUNING)
    tunings = [replace(DEFAULT_TUNING, **dict(zip(keys, combo, strict=True)))
               for combo in itertools.product(*GRID_TUNING.values())]
    began = time.perf_counter()
    jobs = [(data / n, t) for t in tunings for n in names]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(detect, jobs, chunksize=1))
    cache = {(t, n): results[i * len(names) + j] for i, t in enumerate(tunings) for j, n in enumerate(names)}
    print(f"\nhonesty check: {len(tunings)} tunings x {len(names)} series run in "
          f"{time.perf_counter() - began:.0f} s")
    default_gate = SENSITIVITY["balanced"]
    mismatch = sum(replay(cache[(DEFAULT_TUNING, n)], default_gate, DEFAULT_TUNING)
                   != [float(r[7]) for r in cache[(DEFAULT_TUNING, n)]] for n in names)
    assert mismatch == 0, "the alert replay must reproduce the detector's own alerts"
    gates = [Sensitivity(threshold=th, min_value=default_gate.min_value, min_z=mz)
             for th, mz in itertools.product(*GRID_GATE.values())]
    settings = [(t, g) for t in tunings for g in gates]
    # raw NAB score per (setting, series, profile) for the alert column
    alert_raw: dict[tuple[int, str, str], float] = {}
    for si, (t, g) in enumerate(settings):
        for n in names:
            f = geo[n].with_values(replay(cache[(t, n)], g, t))
            for prof in PROFILES:
                alert_raw[(si, n, prof)] = nab.score_fixed([f], prof, 0.5)[0]
    default_index = 0  # DEFAULT_TUNING and the balanced gate come first in their grids

    def norm(raw: float, prof: str) -> float:
        return float(nab.normalise(raw, n_windows, prof)[0])

    def describe(si: int) -> str:
        t, g = settings[si]
        return (f"thr {g.threshold} min_z {g.min_z} record {t.record_s // DAY} d "
                f"half-life {t.memory_half_life_s // HOUR} h")

    print("alert column: default / in-sample best over the grid / leave-one-series-out (held out)")
    for prof in PROFILES:
        default = sum(alert_raw[(default_index, n, prof)] for n in names)
        totals = [sum(alert_raw[(si, n, prof)] for n in names) for si in range(len(settings))]
        best = max(range(len(settings)), key=lambda si: (totals[si], si == default_index))
        held = 0.0
        chosen: list[int] = []
        for out in names:
            train = [n for n in names if n != out]
            pick = max(range(len(settings)),
                       key=lambda si: (sum(alert_raw[(si, n, prof)] for n in train), si == default_index))
            chosen.append(pick)
            held += alert_raw[(pick, out, prof)]
        same = sum(c == default_index for c in chosen)
        print(f"  {prof:20s} {norm(default, prof):6.2f}  {norm(totals[best], prof):6.2f}  {norm(held, prof):6.2f}"
              f"   (in-sample best: {describe(best)}; default chosen in {same}/10 folds)")
    # the score column: the threshold is tuned by the scorer's sweep on the nine training series
    print("score column: scorer-tuned threshold at the default tuning / in-sample best / held out")
    for prof in PROFILES:
        files = {(t, n): geo[n].with_values([r[6] for r in cache[(t, n)]]) for t in tunings for n in names}
        thr, raw = nab.sweep([files[(DEFAULT_TUNING, n)] for n in names], prof)
        best_raw = max(nab.sweep([files[(t, n)] for n in names], prof)[1] for t in tunings)
        held = 0.0
        for out in names:
            train = [n for n in names if n != out]
            fits = [(nab.sweep([files[(t, n)] for n in train], prof), t) for t in tunings]
            (th, _r), t = max(fits, key=lambda x: x[0][1])
            held += nab.score_fixed([files[(t, out)]], prof, th)[0]
        print(f"  {prof:20s} {norm(raw, prof):6.2f}  {norm(best_raw, prof):6.2f}  {norm(held, prof):6.2f}"
              f"   (default-tuning threshold {thr:.4g})")
    print("robustness (alert column, one parameter moved from the default): std / low FP / low FN")
    base_t, base_g = settings[default_index]
    for name, values in [*GRID_GATE.items(), *GRID_TUNING.items()]:
        for value in sorted(values):
            if name in GRID_GATE:
                target = (base_t, replace(base_g, **{name: value}))
            else:
                target = (replace(base_t, **{name: value}), base_g)
            si = settings.index(target)
            cells = " ".join(f"{norm(sum(alert_raw[(si, n, p)] for n in names), p):6.2f}" for p in PROFILES)
            shown = value // DAY if name == "record_s" else value // HOUR if name.endswith("_s") else value
            mark = " (default)" if si == default_index else ""
            print(f"  {name:20s} {shown!s:>6}: {cells}{mark}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    parser.add_argument("--out", default=None)
    parser.add_argument("--sensitivity", default="balanced")
    parser.add_argument("--quick", action="store_true", help="skip the leave-one-series-out check")
    parser.add_argument("--workers", type=int, default=2)
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
    if not args.quick:
        windows = shared / "benchmarks" / "nab-realtweets" / "labels" / "combined_windows.json"
        honesty(load_tool(scorer), data, windows, args.workers)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
