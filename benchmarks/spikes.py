"""Spike detection scored with NAB's method on four sets: town series (development), town series
(report only), NAB realTweets, and NAB realTweets leave-one-series-out.

* **town dev** / **town report**: series from ``benchmarks/town_series.py`` (seeds ``DEV_SEEDS`` /
  ``REPORT_SEEDS``; the split was made before any tuning, and only the development series were looked
  at while tuning). Timestamps are UTC; the detector reads them in Europe/Brussels.
* **devwide** / **wide**: 96 more town series each (seeds ``DEV_WIDE_SEEDS`` 101-196, tuned on from
  3 Dec 2026, and ``WIDE_SEEDS`` 2001-2096, report only), with the standard score of each set of
  twelve: how far one set of twelve towns moves from the next by the draw of its anomalies alone.
* **holdout**: series of the independent generator ``benchmarks/holdout_series.py`` (12 per seed of
  ``--holdout-seeds``), report only: seeds 1313 and 1-4 were looked at before; 7001-7005,
  7101-7105, 7201-7205 and 7301-7305 were first run on 3 Dec 2026 for reports, 7401-7405,
  7501-7505, 7601-7605, 7701-7705, 7801-7805 and 7901-7905 on 4 Dec 2026, 7951-7955 on 5 Dec 2026 (pass
  20), and are used up from then on
  (take new seeds for the next report).
* ``--town-seeds 8001-8096``: one more set of the town generator, report only (fresh seeds for an
  independent check; 8001-8096, 9001-9096, 9101-9196 and 9201-9296 were first run on 4 Dec 2026, for the
  pass-14, pass-15, pass-16 and pass-17 reports, 9301-9396 on 5 Dec 2026 for pass 20, 9401-9496 for pass 24;
  201-296 were used as a development set in pass 21 and after).
* **busy**: 96 development town series (seeds ``BUSY_SEEDS`` 3001-3096, added in pass 17) whose benign
  busier days run 1.3-2x the usual talk (the other seeds' 1.25-1.6x); ``--diagnose`` counts the false
  alerts that fall on such days.
* ``--tuning '{"runs_s": [3600], "run_ratio_half": 0}'`` measures a variant (``SpikeTuning`` fields changed).
* **NAB**: the ten realTweets series in ``../shared/benchmarks/nab-realtweets`` (UTC timestamps).
* **NAB LOSO**: the alert threshold and the level's half-life are chosen on nine NAB series and the
  tenth is scored with them, per profile.

Scored with the validated scorer ``../shared/tools/nab_score.py`` (its own ``ScoredFile``, ``sweep``,
``score_fixed`` and ``normalise``): the **alert** column at the sensitivity (what users get, no
tuning) and the **score** column with the threshold tuned by the scorer over the set (as NAB does;
optimistic). Beside it, a naive robust z-score (median and MAD of the last day) on the same series.
For town series, the detection delay per anomaly shape: the first alert from the anomaly's start to
the end of its window, and how many met their target (a burst within 15 min, a plateau within 30,
a ramp before it doubles the normal level), and how many of them an oracle that knows the true
normal could tell from noise by their target at all (town series: no detector does better).

    python benchmarks/spikes.py [--shared ../shared] [--sensitivity balanced] [--quick] [--workers 2] [--diagnose]
                                [--tuning JSON]
                                [--sets dev,devwide,busy,report,wide,holdout,nab,loso] [--holdout-seeds 7001,7002]
                                [--town-seeds 8001-8096]
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import math
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import ModuleType
from zoneinfo import ZoneInfo

from shared_tools import load_tool
from town_series import (
    BUSY_SEEDS,
    DEV_SEEDS,
    DEV_WIDE_SEEDS,
    HOURLY_SPREAD,
    REPORT_SEEDS,
    WIDE_SEEDS,
    generate,
)

from newsroom.analysis.spike_stats import RollingSorted
from newsroom.analysis.spikes import (
    DEFAULT_TUNING,
    SENSITIVITY,
    AlertGate,
    Sensitivity,
    SpikeDetector,
    SpikeTuning,
)
from newsroom.progress import Progress

PROFILES = ("standard", "reward_low_FP_rate", "reward_low_FN_rate")
SHORT = {"standard": "std", "reward_low_FP_rate": "lowFP", "reward_low_FN_rate": "lowFN"}
ZONE = "Europe/Brussels"
HOUR = 3600
GRID_TUNING = {"level_half_life_s": (DEFAULT_TUNING.level_half_life_s, 3 * HOUR // 2, 6 * HOUR)}
GRID_THRESHOLD = (0.5, 0.45, 0.55, 0.6)


@dataclass(frozen=True)
class Series:
    name: str
    times: tuple[datetime, ...]  # UTC
    values: tuple[float, ...]
    windows: tuple[tuple[datetime, datetime], ...]  # naive UTC, as the scorer reads them
    anomalies: tuple[tuple[str, datetime, datetime, datetime], ...] = ()  # shape, start, due, window end
    normal: tuple[float, ...] = ()  # the generator's true normal rate per bucket (town series only)
    dispersion: float = 0.0  # ... and its gamma-Poisson over-dispersion
    busy: tuple[date, ...] = ()  # the benign busier days (local dates, town series only)


#: per series: scores, alerts, the gate's inputs, and the time scale (s) of each bucket's excess (0: the net)
Outputs = tuple[list[float], list[float], list[tuple[datetime, float, bool, bool, float, bool, int, float]], list[int]]


def town_set(seeds: Sequence[int]) -> list[Series]:
    out = []
    for seed in seeds:
        s = generate(seed)
        out.append(Series(s.name, s.times, tuple(float(v) for v in s.values),
                          tuple((a.window[0].replace(tzinfo=None), a.window[1].replace(tzinfo=None))
                                for a in s.anomalies),
                          tuple((a.shape, a.start, a.due, a.window[1]) for a in s.anomalies), s.normal, s.dispersion,
                          tuple(d for d, _factor in s.busy)))
    return out


def holdout_set(seed: int, count: int = 12) -> list[Series]:
    """Series of the independent generator ``benchmarks/holdout_series.py`` (report only), with the
    target of each anomaly: a burst within 15 min, a plateau within 30, a ramp before its excess
    equals the normal level (it has doubled it)."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, str(Path(__file__).with_name("holdout_series.py")), "--out", tmp,
                        "--seed", str(seed), "--count", str(count)], check=True, capture_output=True)
        root = Path(tmp)
        windows = json.loads((root / "labels" / "combined_windows.json").read_text(encoding="utf-8"))
        truth = json.loads((root / "truth.json").read_text(encoding="utf-8"))["series"]
        out = []
        for key in sorted(windows):
            with (root / "data" / key).open(encoding="utf-8") as src:
                rows = list(csv.DictReader(src))
            times = tuple(_utc(r["timestamp"]) for r in rows)
            anomalies = []
            for a in truth[key]["anomalies"]:
                start = times[a["onset_row"]]
                if a["shape"] == "burst":
                    due = start + timedelta(minutes=15)
                elif a["shape"] == "plateau":
                    due = start + timedelta(minutes=30)
                else:  # ((k + 1) / rise) ** power * (mult - 1) reaches 1: the normal level has doubled
                    k = math.ceil(a["rise"] * (1.0 / (a["mult"] - 1.0)) ** (1.0 / a["power"])) - 1
                    due = times[min(len(times) - 1, a["onset_row"] + max(0, k))]
                end = next(_utc(w1) for w0, w1 in windows[key] if _utc(w0) <= start <= _utc(w1))
                anomalies.append((a["shape"], start, due, end))
            out.append(Series(f"holdout{seed}_{Path(key).stem}", times, tuple(float(r["value"]) for r in rows),
                              tuple((_utc(a).replace(tzinfo=None), _utc(b).replace(tzinfo=None))
                                    for a, b in windows[key]), tuple(anomalies)))
    return out


def _utc(text: str) -> datetime:
    t = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)


def nab_set(shared: Path) -> list[Series]:
    root = shared / "benchmarks" / "nab-realtweets"
    labels = json.loads((root / "labels" / "combined_windows.json").read_text(encoding="utf-8"))
    out = []
    for key in sorted(labels):
        path = root / "data" / "realTweets" / Path(key).name
        with path.open(encoding="utf-8") as src:
            rows = list(csv.DictReader(src))
        times = tuple(datetime.fromisoformat(r["timestamp"]).replace(tzinfo=UTC) for r in rows)
        windows = tuple((datetime.fromisoformat(a), datetime.fromisoformat(b)) for a, b in labels[key])
        out.append(Series(path.stem, times, tuple(float(r["value"]) for r in rows), windows))
    return out


def detect(job: tuple[Series, str, SpikeTuning]) -> Outputs:
    """Scores, alerts and the gate's inputs of one series (run in a worker process)."""
    series, sensitivity, tuning = job
    det = SpikeDetector(sensitivity, tz=ZoneInfo(ZONE), tuning=tuning)
    scores, alerts, gate_in, scales = [], [], [], []
    for ts, v in zip(series.times, series.values, strict=True):
        s = det.update(ts, v)
        scores.append(s.score)
        alerts.append(float(s.alert))
        lifted = s.z * s.lift  # what the gate read
        gate_in.append((ts, lifted, s.onset, s.explained, s.excess, s.net, s.scale_s, s.z_confirm))
        scales.append(0 if s.net and lifted / (lifted + 4.0) < det.threshold else s.scale_s)
    return scores, alerts, gate_in, scales


def robust_z(job: tuple[Series, str, SpikeTuning]) -> Outputs:
    """Naive baseline: z of each bucket against the median and MAD of the previous day."""
    series = job[0]
    window = RollingSorted(288)
    deviations = RollingSorted(288)
    scores, alerts = [], []
    for v in series.values:
        if len(window) >= 12:
            med = window.median()
            z = (v - med) / max(1.4826 * deviations.median(), 1.0)
        else:
            med, z = v, 0.0
        scores.append(max(0.0, z) / (max(0.0, z) + 5.0))
        alerts.append(float(z >= 5.0))
        window.push(v)
        deviations.push(abs(v - (window.median())))
    return scores, alerts, [], []


def replay(gate_in: Sequence[tuple[datetime, float, bool, bool, float, bool, int, float]], params: Sensitivity,
           tuning: SpikeTuning) -> list[float]:
    """The alert column under other alert parameters, from the same steps (AlertGate is the detector's)."""
    from newsroom.analysis.spikes import SpikeStep

    gate = AlertGate(params, tuning)
    return [float(gate.decide(ts, SpikeStep(0.0, False, 0.0, 0.0, 1.0, z, 0.0, on, ex, exc, net, scale, zc)))
            for ts, z, on, ex, exc, net, scale, zc in gate_in]


class Scorer:
    """NAB geometry of a set, built once with the scorer's ScoredFile; any column can be scored."""

    def __init__(self, nab: ModuleType, series: Sequence[Series]) -> None:
        self.nab = nab
        self.series = list(series)
        self.files = []
        offset = 0
        for s in series:
            f = nab.ScoredFile(s.name, [t.replace(tzinfo=None) for t in s.times], [0.0] * len(s.times),
                               list(s.windows), offset)
            offset += f.n_windows
            self.files.append(f)
        self.n_windows = offset

    def _with(self, k: int, values: Sequence[float]) -> object:
        base = self.files[k]
        f = base.__class__.__new__(base.__class__)
        f.__dict__.update(base.__dict__)
        f.rows = [(values[base.probation + i], wid, worth) for i, (_v, wid, worth) in enumerate(base.rows)]
        return f

    def raw_fixed(self, columns: Sequence[Sequence[float]], profile: str) -> list[float]:
        """Raw score per series of an alert column."""
        return [self.nab.score_fixed([self._with(k, c)], profile, 0.5)[0] for k, c in enumerate(columns)]

    def norm(self, raw: float, profile: str, n_windows: int | None = None) -> float:
        return float(self.nab.normalise(raw, self.n_windows if n_windows is None else n_windows, profile)[0])

    def alert_scores(self, columns: Sequence[Sequence[float]]) -> dict[str, float]:
        return {p: self.norm(sum(self.raw_fixed(columns, p)), p) for p in PROFILES}

    def swept_scores(self, columns: Sequence[Sequence[float]]) -> dict[str, float]:
        files = [self._with(k, c) for k, c in enumerate(columns)]
        return {p: self.norm(self.nab.sweep(files, p)[1], p) for p in PROFILES}


def delays(series: Sequence[Series], alert_columns: Sequence[Sequence[float]]) -> dict[str, list[float | None]]:
    """Minutes from each anomaly's start to its first alert (None: none before its window ended),
    and whether it met its target, per shape."""
    out: dict[str, list[float | None]] = {}
    for s, col in zip(series, alert_columns, strict=True):
        for shape, start, due, end in s.anomalies:
            hit = next((t for t, a in zip(s.times, col, strict=True) if a and start <= t <= end), None)
            out.setdefault(shape, []).append(None if hit is None else (hit - start).total_seconds() / 60)
            out.setdefault(shape + ":due", []).append(None if hit is None else float(hit <= due))
    return out


def detectable(series: Sequence[Series], z_min: float = 4.0, over: bool = False) -> str:
    """Per shape: how many anomalies an oracle that knows the true normal could tell from noise by
    their target time: the posts from the start to the target against the true normal's sum, in
    noise units, at least ``z_min`` (no detector can be on target for the others). The noise is
    Poisson's, or with ``over`` also the generator's over-dispersion and its hourly clusters of talk
    (taken as one factor over the span)."""
    counts: dict[str, list[int]] = {}
    for s in series:
        if not s.normal:
            return ""
        for shape, start, due, _end in s.anomalies:
            i0, i1 = s.times.index(start), s.times.index(due)
            obs, exp = sum(s.values[i0:i1 + 1]), sum(s.normal[i0:i1 + 1])
            var = exp + 1.0
            if over:
                var += s.dispersion * sum(m * m for m in s.normal[i0:i1 + 1]) + (HOURLY_SPREAD * exp) ** 2
            c = counts.setdefault(shape, [0, 0])
            c[0] += (obs - exp) / var ** 0.5 >= z_min
            c[1] += 1
    return "; ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(counts.items()))


def describe_delays(d: dict[str, list[float | None]]) -> str:
    parts = []
    for shape in ("burst", "plateau", "ramp"):
        found = [x for x in d.get(shape, []) if x is not None]
        n = len(d.get(shape, []))
        on_time = sum(1 for x in d.get(shape + ":due", []) if x)
        median = f"{statistics.median(found):.0f}" if found else "-"
        parts.append(f"{shape} {len(found)}/{n} found, median {median} min, on target {on_time}/{n}")
    return "; ".join(parts)


def run_all(jobs: list[tuple[Series, str, SpikeTuning]], fn: object, workers: int) -> list[Outputs]:
    """Every job's outputs, in order; a progress bar on a terminal (stderr), nothing in pipes."""
    with Progress("series", total=len(jobs), unit="series") as bar:
        if workers <= 1:
            return list(bar.iterate(fn(j) for j in jobs))  # type: ignore[operator]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            return list(bar.iterate(pool.map(fn, jobs, chunksize=1)))  # type: ignore[arg-type]


def report_set(label: str, scorer: Scorer, outs: list[Outputs], base: list[Outputs], towns: bool) -> None:
    fmt = lambda d: " / ".join(f"{d[p]:6.2f}" for p in PROFILES)  # noqa: E731
    print(f"\n== {label} ({len(scorer.series)} series, {scorer.n_windows} windows)")
    print("   std / lowFP / lowFN")
    print(f"   detector, alert column (no tuning):  {fmt(scorer.alert_scores([o[1] for o in outs]))}")
    print(f"   detector, score column (swept):      {fmt(scorer.swept_scores([o[0] for o in outs]))}")
    print(f"   robust z, alert column (z >= 5):     {fmt(scorer.alert_scores([o[1] for o in base]))}")
    print(f"   robust z, score column (swept):      {fmt(scorer.swept_scores([o[0] for o in base]))}")
    if towns:
        print(f"   delays, detector: {describe_delays(delays(scorer.series, [o[1] for o in outs]))}")
        print(f"   delays, robust z: {describe_delays(delays(scorer.series, [o[1] for o in base]))}")
        if any(s.normal for s in scorer.series):
            print(f"   seen by the target by an oracle knowing the true normal (>= 4 noise units): "
                  f"Poisson noise {detectable(scorer.series)}; the generator's noise "
                  f"{detectable(scorer.series, over=True)}")


def spread_of_sets(nab: ModuleType, series: Sequence[Series], outs: Sequence[Outputs], size: int = 12) -> None:
    """NAB standard of the alert column per consecutive set of ``size`` series: how much one set of
    twelve towns differs from the next by the draw of its anomalies alone."""
    scores = []
    for k in range(0, len(series) - size + 1, size):
        part = Scorer(nab, series[k:k + size])
        scores.append(part.alert_scores([o[1] for o in outs[k:k + size]])["standard"])
    if scores:
        print(f"   standard per set of {size}: " + ", ".join(f"{x:.1f}" for x in scores)
              + f" (min {min(scores):.1f}, max {max(scores):.1f})")


def diagnose(series: Sequence[Series], outs: Sequence[Outputs]) -> None:
    """Per series: alerts, false alerts (outside every window, after NAB's probation of 15 %) and
    windows found; then the false alerts by the time scale that raised them (0: the safety net) and,
    on town series, how many fall on a benign busier day (local date, Europe/Brussels)."""
    by_scale: dict[int, int] = {}
    zone = ZoneInfo(ZONE)
    busy_false = all_false = busy_days = days = 0
    for s, o in zip(series, outs, strict=True):
        probation = s.times[int(0.15 * len(s.times))]
        false = found = 0
        hit: set[int] = set()
        for t, a, scale in zip(s.times, o[1], o[3], strict=True):
            if not a:
                continue
            naive = t.replace(tzinfo=None)
            inside = [k for k, (w0, w1) in enumerate(s.windows) if w0 <= naive <= w1]
            hit.update(inside)
            if not inside and t >= probation:
                false += 1
                by_scale[scale] = by_scale.get(scale, 0) + 1
                busy_false += t.astimezone(zone).date() in s.busy
            found += 1
        print(f"   {s.name:40s} alerts {found:3d}  false after probation {false:3d}  windows found "
              f"{len(hit)}/{len(s.windows)}")
        all_false += false
        busy_days += len(s.busy)
        days += len({t.astimezone(zone).date() for t in s.times})
    print("   false alerts by time scale (s): "
          + ", ".join(f"{k or 'net'}: {v}" for k, v in sorted(by_scale.items())))
    if busy_days:
        print(f"   false alerts on benign busier days: {busy_false} of {all_false} (busier days: {busy_days} of "
              f"{days} local days)")


def variant(text: str) -> SpikeTuning:
    """The default tuning with the fields of a JSON object changed (lists become tuples)."""
    if not text:
        return DEFAULT_TUNING
    fields = {k: tuple(v) if isinstance(v, list) else v for k, v in json.loads(text).items()}
    return replace(DEFAULT_TUNING, **fields)


def loso(nab: ModuleType, series: list[Series], sensitivity: str, workers: int,
         tuning: SpikeTuning = DEFAULT_TUNING) -> None:
    keys = list(GRID_TUNING)
    tunings = [replace(tuning, **dict(zip(keys, combo, strict=True)))
               for combo in itertools.product(*GRID_TUNING.values())]
    outs = run_all([(s, sensitivity, t) for t in tunings for s in series], detect, workers)
    scorer = Scorer(nab, series)
    base = SENSITIVITY[sensitivity]
    settings = [(t, replace(base, threshold=th)) for t in tunings for th in GRID_THRESHOLD]
    raw: dict[tuple[int, str], list[float]] = {}
    for si, (t, g) in enumerate(settings):
        ti = tunings.index(t)
        cols = [replay(outs[ti * len(series) + k][2], g, t) for k in range(len(series))]
        for p in PROFILES:
            raw[(si, p)] = scorer.raw_fixed(cols, p)
    print(f"\n== NAB leave-one-series-out ({len(settings)} settings: threshold x level half-life)")
    for p in PROFILES:
        held = 0.0
        default_kept = 0
        for k in range(len(series)):
            pick = max(range(len(settings)),
                       key=lambda si: (sum(v for j, v in enumerate(raw[(si, p)]) if j != k), si == 0))
            default_kept += pick == 0
            held += raw[(pick, p)][k]
        print(f"   {SHORT[p]:6s} held out {scorer.norm(held, p):6.2f}   default {scorer.norm(sum(raw[(0, p)]), p):6.2f}"
              f"   (default chosen in {default_kept}/{len(series)} folds)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    parser.add_argument("--sensitivity", default="balanced")
    parser.add_argument("--quick", action="store_true", help="skip NAB and the leave-one-series-out check")
    parser.add_argument("--sets", default="dev,devwide,report,wide,nab,loso",
                        help="any of dev, devwide, busy, report, wide, holdout, nab, loso (holdout: "
                             "--holdout-seeds, report only; busy: seeds 3001-3096 with busier days of 1.3-2x)")
    parser.add_argument("--holdout-seeds", default="7001,7002,7003,7004,7005",
                        help="seeds of benchmarks/holdout_series.py (12 series each); 1313, 1-4, 7001-7005, "
                             "7101-7105, 7201-7205, 7301-7305, 7401-7405, 7501-7505, 7601-7605, 7701-7705, 7801-7805, "
                             "7901-7905 and 7951-7955 were used before")
    parser.add_argument("--town-seeds", default="", help="FIRST-LAST: one more report-only set of the town "
                                                             "generator (8001-8096, 9001-9096, 9101-9196, 9201-9296, 9301-9396 "
                                                             "and 9401-9496 used before; 201-296 is for development)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--diagnose", action="store_true", help="per series: false alerts, windows found")
    parser.add_argument("--tuning", default="", help='SpikeTuning fields to change, as JSON (a variant to '
                                                     'measure), e.g. \'{"runs_s": [3600]}\'')
    args = parser.parse_args()
    tuning = variant(args.tuning)
    shared = Path(args.shared)
    nab = load_tool(shared / "tools" / "nab_score.py")
    wanted = args.sets.split(",")
    if args.quick:
        wanted = [w for w in wanted if w in ("dev", "devwide", "busy", "report", "wide")]
    sets: list[tuple[str, list[Series], bool]] = []
    if "dev" in wanted:
        sets.append(("town DEVELOPMENT series (tuned on)", town_set(DEV_SEEDS), True))
    if "report" in wanted:
        sets.append(("town REPORT-ONLY series (never tuned on)", town_set(REPORT_SEEDS), True))
    if "devwide" in wanted:
        sets.append(("town WIDE DEVELOPMENT series, seeds 101-196 (tuned on)", town_set(DEV_WIDE_SEEDS), True))
    if "busy" in wanted:
        sets.append(("town BUSY-DAYS DEVELOPMENT series, seeds 3001-3096, busier days 1.3-2x (tuned on)",
                     town_set(BUSY_SEEDS), True))
    if "wide" in wanted:
        sets.append(("town WIDE REPORT-ONLY series, seeds 2001-2096 (never tuned on)", town_set(WIDE_SEEDS), True))
    if args.town_seeds:
        first, last = (int(x) for x in args.town_seeds.split("-"))
        sets.append((f"town FRESH REPORT-ONLY series, seeds {first}-{last} (never tuned on)",
                     town_set(range(first, last + 1)), True))
    if "holdout" in wanted:
        seeds = [int(x) for x in args.holdout_seeds.split(",")]
        held = [s for seed in seeds for s in holdout_set(seed)]
        sets.append((f"independent HOLDOUT series, seeds {args.holdout_seeds} (report only)", held, True))
    nab_series = nab_set(shared) if {"nab", "loso"} & set(wanted) else []
    if "nab" in wanted:
        sets.append(("NAB realTweets", nab_series, False))
    for label, series, towns in sets:
        began = time.perf_counter()
        jobs = [(s, args.sensitivity, tuning) for s in series]
        outs = run_all(jobs, detect, args.workers)
        elapsed = time.perf_counter() - began
        base = run_all(jobs, robust_z, args.workers)
        report_set(label, Scorer(nab, series), outs, base, towns)
        if "WIDE" in label or "FRESH" in label or "BUSY" in label:
            spread_of_sets(nab, series, outs)
        if args.diagnose:
            diagnose(series, outs)
        rows = sum(len(s.values) for s in series)
        print(f"   {rows} buckets in {elapsed:.1f} s with {args.workers} workers ({rows / elapsed:.0f} rows/s, "
              f"{1e6 * elapsed * args.workers / rows:.0f} µs per bucket and worker)")
    if "loso" in wanted:
        loso(nab, nab_series, args.sensitivity, args.workers, tuning)
    return 0


if __name__ == "__main__":
    sys.exit(main())
