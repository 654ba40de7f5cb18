#!/usr/bin/env python3
"""Two naive causal reference scorers for the held-out town series (report-only).

    python benchmarks/holdout_series_naive.py DIR/data OUTDIR

writes OUTDIR/z24/<name>.csv and OUTDIR/seasonal/<name>.csv (timestamp,anomaly_score),
directly scoreable by ../shared/tools/nab_score.py --windows DIR/labels/combined_windows.json.

  z24       30-min causal sum, z-score against the previous 24 h of 30-min sums.
  seasonal  30-min causal sum against the mean of the same clock time (+-30 min)
            on the previous 1-7 days, Poisson-scaled: (x - m) / sqrt(m + 1).
            Knows nothing of weekends, holidays or DST.

They exist only to give the held-out numbers a floor ("does the detector beat a
naive z-score?"). Not tuned on anything.
"""
from __future__ import annotations

import csv
import os
import sys

import numpy as np


def _read(path):
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))[1:]
    return [r[0] for r in rows], np.array([float(r[1]) for r in rows])


def z24(v):
    n = len(v)
    c = np.convolve(v, np.ones(6))[:n]
    sc = np.zeros(n)
    for i in range(50, n):
        w = c[max(0, i - 288):i]
        sc[i] = (c[i] - w.mean()) / (w.std() + 1.0)
    return sc


def seasonal(v):
    n = len(v)
    c = np.convolve(v, np.ones(6))[:n]
    sc = np.zeros(n)
    offs = [288 * d + o for d in range(1, 8) for o in range(-6, 7)]
    for i in range(n):
        past = [c[i - k] for k in offs if i - k >= 0]
        if len(past) < 20:
            continue
        m = float(np.mean(past))
        sc[i] = (c[i] - m) / np.sqrt(m + 1.0)
    return sc


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 2:
        print(__doc__)
        return 2
    src, out = argv
    for kind, fn in (("z24", z24), ("seasonal", seasonal)):
        od = os.path.join(out, kind)
        os.makedirs(od, exist_ok=True)
        for nm in sorted(os.listdir(src)):
            if not nm.endswith(".csv"):
                continue
            ts, v = _read(os.path.join(src, nm))
            sc = fn(v)
            with open(os.path.join(od, nm), "w", encoding="utf-8", newline="\n") as fh:
                fh.write("timestamp,anomaly_score\n")
                for t, s in zip(ts, sc, strict=False):
                    fh.write(f"{t},{s:.5f}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
