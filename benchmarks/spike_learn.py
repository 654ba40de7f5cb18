"""Pass 20: a learned lift of the spike detector's alert bar, fitted and measured on development sets only.

Runs the detector of ``newsroom.analysis.spikes`` once per series (towns 1-12, 101-196, 3001-3096 and
NAB realTweets) with its shape tracker (``newsroom.analysis.spike_shape``), and keeps per bucket the
features of its evidence and the label of an alert there: 1 inside a window from the anomaly's start
on (NAB: inside a window), 0 outside every window (inside a window before its start: left out).
Fitted on the buckets the gate could alert (an onset, after two days, at least 4 extra posts, z at
least 2.5): a logistic regression in numpy (Newton's method, L2 1.0 on standardised
features) on towns 101-196 and 3001-3096 and NAB. Towns 1-12 are never fitted on.

The alert gate is then replayed with the learned bar (the replay keeps the detector's record as it
learnt it without the lift, so ``benchmarks/spikes.py`` is the real measure, and with ``--tuning
'{"learned_lift": false}'`` the detector without it) and NAB is measured leave-one-series-out, in
real runs: each series scored by the detector with the model refitted without it.

    python benchmarks/spike_learn.py [--cache DIR] [--theta 0.1] [--max-lift 0.15] [--window-weight W]
        [--nab-weight K] [--crossfit] [--refit-current] [--write]

``--window-weight W`` makes all positive buckets of one window weigh W together (so long ramps do not
outweigh short bursts), ``--nab-weight K`` NAB's rows K times (pass 21 measured both: not kept).

``--crossfit`` also scores towns 101-196 and 3001-3096 out of sample: the two sets' series split by
their position (even, odd), each half scored by the detector with a model fitted on the other half
and NAB.

``--write`` stores the model fitted on all three training sets in
``newsroom/analysis/lexicons/spike_lift.json``.
"""

from __future__ import annotations

import argparse
import math
import pickle
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
from shared_tools import load_tool
from spikes import ZONE, Scorer, Series, nab_set, town_set
from town_series import BUSY_SEEDS, DEV_SEEDS, DEV_WIDE_SEEDS

from newsroom.analysis.spike_shape import FEATURES, LIFT_FROM, MODEL_FILE, LiftModel
from newsroom.analysis.spikes import (
    DEFAULT_TUNING,
    SENSITIVITY,
    Z_HALF,
    AlertGate,
    SpikeDetector,
    SpikeStep,
    SpikeTuning,
)

MODEL_PATH = Path(__file__).resolve().parents[1] / "newsroom" / "analysis" / "lexicons" / MODEL_FILE
#: the gate's inputs of one bucket: time, z, onset, explained, excess, net, scale (s), z_confirm
GateIn = tuple


@dataclass
class Collected:
    """One series: the gate's inputs per bucket, features, labels (1, 0, -1: left out) and window."""

    gate_in: list[GateIn]
    x: np.ndarray
    y: np.ndarray
    win: np.ndarray


#: the detector the shipped lift was fitted on, without the lift: pass 20's, so the script reproduces the
#: shipped weights. Pass 24 gave the persistence runs a longer spread (``run_spread_periods``) after the
#: fit; a refit on that detector (``--refit-current``) lost on the town sets (docs/alerts.md) and is not shipped.
#: Pass 25 added the broad day's factor (``day_hours``), also after the fit.
FIT_TUNING = replace(DEFAULT_TUNING, learned_lift=False, run_spread_periods=0, day_hours=0)


def collect(series: Series, tuning: SpikeTuning = FIT_TUNING) -> Collected:
    """The detector's steps (without the lift) and the shape of its evidence, bucket by bucket."""
    det = SpikeDetector("balanced", tz=ZoneInfo(ZONE), shape=True, tuning=tuning)
    gate_in, rows, labels, wins = [], [], [], []
    for ts, v in zip(series.times, series.values, strict=True):
        step = det.update(ts, v)
        rows.append(list(det.shape.last) if det.shape is not None and det.shape.last else [0.0] * len(FEATURES))
        gate_in.append((ts, step.z, step.onset, step.explained, step.excess, step.net, step.scale_s, step.z_confirm))
        naive = ts.replace(tzinfo=None)
        label, win = 0, -1
        for k, (w0, w1) in enumerate(series.windows):
            if w0 <= naive <= w1:
                win = k
                start = next((a[1] for a in series.anomalies if w0 <= a[1].replace(tzinfo=None) <= w1), None)
                label = 1 if start is None or ts >= start else -1
        labels.append(label)
        wins.append(win)
    return Collected(gate_in, np.array(rows, dtype=float), np.array(labels), np.array(wins))


def load(name: str, series: list[Series], cache: Path, tuning: SpikeTuning = FIT_TUNING) -> list[Collected]:
    path = cache / (f"{name}.pkl" if tuning == FIT_TUNING else f"{name}-current.pkl")
    if path.exists():
        data: list[Collected] = pickle.loads(path.read_bytes())
        return data
    out = [collect(s, tuning) for s in series]
    path.write_bytes(pickle.dumps(out))
    return out


def candidates(c: Collected) -> np.ndarray:
    """The buckets the gate could alert: an onset, after two days, 4 extra posts or more, z >= 2.5."""
    onset = np.array([g[2] for g in c.gate_in])
    z = np.array([g[1] for g in c.gate_in])
    excess = np.array([g[4] for g in c.gate_in])
    days = c.x[:, FEATURES.index("days")]  # features exist where z >= LIFT_FROM
    return onset & (days >= 2.0) & (excess >= 4.0) & (z >= LIFT_FROM) & (c.y >= 0)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 50,
                 w: np.ndarray | None = None) -> np.ndarray:
    """Logistic regression by Newton's method (the last coefficient: the intercept, not penalised), each
    row weighing ``w`` (default 1)."""
    w = np.ones(len(x)) if w is None else w
    xb = np.hstack([x, np.ones((len(x), 1))])
    beta = np.zeros(xb.shape[1])
    reg = l2 * np.eye(xb.shape[1])
    reg[-1, -1] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(xb @ beta, -30, 30)))
        grad = xb.T @ (w * (p - y)) + reg @ beta
        hess = (xb * (w * p * (1 - p))[:, None]).T @ xb + reg
        delta = np.linalg.solve(hess, grad)
        beta -= delta
        if np.max(np.abs(delta)) < 1e-10:
            break
    return beta


@dataclass(frozen=True)
class FitOptions:
    """How the lift is fitted: ``theta`` and ``max_lift`` as in :class:`LiftModel`; ``window_weight``: all
    positive buckets of one window weigh this much together (0: each bucket weighs 1); ``nab_weight``: NAB's
    rows weigh this many times."""

    theta: float = 0.1
    max_lift: float = 0.15
    window_weight: float = 0.0
    nab_weight: float = 1.0


def row_weights(c: Collected, mask: np.ndarray, opts: FitOptions) -> np.ndarray:
    """Each candidate row's weight: 1, or a window's share of ``opts.window_weight`` for its positives."""
    w = np.ones(int(mask.sum()))
    if opts.window_weight > 0:
        y, win = c.y[mask], c.win[mask]
        for k in np.unique(win[y == 1]):
            rows = (y == 1) & (win == k)
            w[rows] = opts.window_weight / rows.sum()
    return w


def fit(train: list[Collected], opts: FitOptions, nab: frozenset[int] = frozenset()) -> LiftModel:
    """The lift model fitted on the candidate buckets of ``train`` (the positions in ``nab`` are NAB
    series), in the features' own units."""
    xs, ys, ws = [], [], []
    for j, c in enumerate(train):
        mask = candidates(c)
        xs.append(c.x[mask])
        ys.append(c.y[mask])
        ws.append(row_weights(c, mask, opts) * (opts.nab_weight if j in nab else 1.0))
    x, y, w = np.concatenate(xs), np.concatenate(ys).astype(float), np.concatenate(ws)
    w = w * len(w) / w.sum()  # the same total weight as unweighted rows (the penalty keeps its strength)
    mu, sd = x.mean(0), x.std(0) + 1e-9
    beta = fit_logistic((x - mu) / sd, y, w=w)
    weights = beta[:-1] / sd
    intercept = beta[-1] - float((weights * mu).sum())
    return LiftModel(tuple(round(float(v), 8) for v in weights), round(intercept, 8), opts.theta, opts.max_lift)


def replay(c: Collected, model: LiftModel | None) -> list[float]:
    """The alert column with the gate reading ``z * lift`` (None: the detector's own bar)."""
    gate = AlertGate(SENSITIVITY["balanced"])
    out = []
    for k, (ts, z, on, ex, exc, net, scale, zc) in enumerate(c.gate_in):
        lift = 1.0 if model is None or z < LIFT_FROM else model.lift(list(c.x[k]), Z_HALF)
        step = SpikeStep(0.0, False, 0.0, 0.0, 1.0, z, 0.0, on, ex, exc, net, scale, zc, lift)
        out.append(float(gate.decide(ts, step)))
    return out


def run(series: Series, model: LiftModel) -> list[float]:
    """The alert column of the detector itself with ``model`` (its record learns with the lift's alerts)."""
    det = SpikeDetector("balanced", tz=ZoneInfo(ZONE), lift_model=model)
    return [float(det.update(ts, v).alert) for ts, v in zip(series.times, series.values, strict=True)]


def fmt(scores: dict[str, float]) -> str:
    return f"{scores['standard']:6.2f} / {scores['reward_low_FP_rate']:6.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    parser.add_argument("--cache", default="/tmp/spike_learn", help="features per set are kept here (delete them after a detector change)")
    parser.add_argument("--theta", type=float, default=0.1, help="the logit the bar is lowered to")
    parser.add_argument("--max-lift", type=float, default=0.15, help="the bar is lowered by at most exp(this)")
    parser.add_argument("--window-weight", type=float, default=0.0,
                        help="all positive buckets of one window weigh this much together (0: each bucket 1)")
    parser.add_argument("--nab-weight", type=float, default=1.0, help="NAB's rows weigh this many times")
    parser.add_argument("--crossfit", action="store_true", help="also score the town sets out of sample (2 folds)")
    parser.add_argument("--write", action="store_true", help=f"store the fitted model in {MODEL_PATH}")
    parser.add_argument("--refit-current", action="store_true",
                        help="fit on the current detector's features instead of FIT_TUNING's (pass 24: not shipped)")
    args = parser.parse_args()
    tuning = replace(DEFAULT_TUNING, learned_lift=False) if args.refit_current else FIT_TUNING
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    shared = Path(args.shared)
    nab = load_tool(shared / "tools" / "nab_score.py")
    sets = {"towns 1-12 (never fitted on)": town_set(DEV_SEEDS), "towns 101-196": town_set(DEV_WIDE_SEEDS),
            "towns 3001-3096": town_set(BUSY_SEEDS), "NAB realTweets": nab_set(shared)}
    keys = ("dev", "devwide", "busy", "nab")
    data = {name: load(key, s, cache, tuning) for key, (name, s) in zip(keys, sets.items(), strict=True)}
    *_, towns_wide, towns_busy, nab_data = data.values()
    opts = FitOptions(args.theta, args.max_lift, args.window_weight, args.nab_weight)
    towns = [*towns_wide, *towns_busy]
    nab_at = frozenset(range(len(towns), len(towns) + len(nab_data)))
    model = fit([*towns, *nab_data], opts, nab_at)
    print("weights: " + ", ".join(f"{f} {w:+.3f}" for f, w in zip(FEATURES, model.weights, strict=True))
          + f"; intercept {model.intercept:+.3f}")
    print("alert column, standard / low-FP (replayed): without the lift -> with it")
    for name, series in sets.items():
        scorer = Scorer(nab, series)
        before = scorer.alert_scores([replay(c, None) for c in data[name]])
        after = scorer.alert_scores([replay(c, model) for c in data[name]])
        print(f"   {name:30s} {fmt(before)} -> {fmt(after)}")
    held = []
    for k, series in enumerate(sets["NAB realTweets"]):
        fold = fit([*towns, *(d for j, d in enumerate(nab_data) if j != k)], opts,
                   frozenset(range(len(towns), len(towns) + len(nab_data) - 1)))
        held.append(run(series, fold))
    print(f"   {'NAB, each series by a model fitted without it (real runs)':30s} "
          f"{fmt(Scorer(nab, sets['NAB realTweets']).alert_scores(held))}")
    if args.crossfit:  # each town scored by a model fitted without its half of the town sets
        halves = []
        for p in (0, 1):
            half = [c for j, c in enumerate(towns) if j % 2 != p]
            halves.append(fit([*half, *nab_data], opts, frozenset(range(len(half), len(half) + len(nab_data)))))
        for name in ("towns 101-196", "towns 3001-3096"):
            cols = [run(s, halves[j % 2]) for j, s in enumerate(sets[name])]
            print(f"   {name + ', fitted on the other half (real runs)':30s} "
                  f"{fmt(Scorer(nab, sets[name]).alert_scores(cols))}")
    lifted = np.concatenate([[model.lift(list(row), Z_HALF) for row in c.x[candidates(c)]] for c in towns_wide])
    print(f"   lift on the candidate buckets of towns 101-196: median {np.median(lifted):.3f}, "
          f"at its most {np.mean(lifted >= math.exp(args.max_lift) - 1e-9):.0%}")
    if args.write:
        MODEL_PATH.write_text(model.to_json(), encoding="utf-8")
        print(f"written {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
