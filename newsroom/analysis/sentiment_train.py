"""Training of the town model (``sentiment_model``): a deterministic fit on our own labelled posts.

    python -m newsroom.analysis.sentiment_train          # writes lexicons/sentiment_model.json

Data: ``benchmarks/data/sentiment/dev_*.jsonl`` (our own writing; the ``report_*`` sets are never
trained on). Each post's features are named (``sentiment_model.features``) and a multinomial
logistic regression with an L2 penalty is fitted by full-batch accelerated gradient descent for a
fixed number of steps from zero weights: no random start, no shuffling, the same file every run.
Features seen in fewer than ``MIN_POSTS`` training posts are left out. Not used at run time (numpy
is only needed here).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from newsroom.analysis.sentiment_model import LABELS, MODEL_FILE, TownModel, features

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "benchmarks" / "data" / "sentiment"
OUTPUT = Path(__file__).resolve().parent / "lexicons" / MODEL_FILE
L2 = 0.0001
STEPS = 1000
MIN_POSTS = 2
DECIMALS = 4

Post = tuple[str, str, str]  # text, lang, label


def dev_posts(data: Path = DATA) -> dict[str, list[Post]]:
    """The development posts per town set (file stem), in file order."""
    out: dict[str, list[Post]] = {}
    for path in sorted(data.glob("dev_*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        out[path.stem] = [(str(r["text"]), str(r["lang"]), str(r["label"])) for r in rows]
    return out


def post_features(posts: Sequence[Post]) -> list[list[tuple[str, float]]]:
    """Each post's features, its language detected as ``newsroom sentiment`` does for a line."""
    from newsroom.analysis.language import detect_language

    return [features(text, detect_language(text)) for text, _lang, _label in posts]


def fit(feats: Sequence[Sequence[tuple[str, float]]], labels: Sequence[str], *, l2: float = L2,
        steps: int = STEPS) -> TownModel:
    """Multinomial logistic regression over named features (deterministic)."""
    counts: dict[str, int] = {}
    for row in feats:
        for name in dict.fromkeys(name for name, _ in row):
            counts[name] = counts.get(name, 0) + 1
    vocab = sorted(n for n, c in counts.items() if c >= MIN_POSTS)
    index = {n: i for i, n in enumerate(vocab)}
    rows, cols, vals = [], [], []
    for r, row in enumerate(feats):
        summed: dict[int, float] = {}  # a repeated feature counts as often as it occurs
        for name, x in row:
            i = index.get(name)
            if i is not None:
                summed[i] = summed.get(i, 0.0) + x
        for i, x in summed.items():
            rows.append(r)
            cols.append(i)
            vals.append(x)
    ri, ci, xv = np.array(rows), np.array(cols), np.array(vals, dtype=np.float64)
    n, d, k = len(feats), len(vocab), len(LABELS)
    y = np.zeros((n, k))
    y[np.arange(n), [LABELS.index(lab) for lab in labels]] = 1.0
    sq = np.bincount(ri, xv * xv, minlength=n)
    step = 1.0 / (0.5 * (float(sq.max()) + 1.0) + l2)

    def gradient(w: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        z = np.zeros((n, k)) + b
        for c in range(k):
            z[:, c] += np.bincount(ri, xv * w[ci, c], minlength=n)
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - y) / n
        gw = np.empty_like(w)
        for c in range(k):
            gw[:, c] = np.bincount(ci, xv * g[ri, c], minlength=d)
        return gw + l2 * w, g.sum(axis=0)

    w = np.zeros((d, k))
    b = np.zeros(k)
    w_prev, b_prev = w, b
    for t in range(1, steps + 1):
        momentum = (t - 1) / (t + 2)
        vw, vb = w + momentum * (w - w_prev), b + momentum * (b - b_prev)
        gw, gb = gradient(vw, vb)
        w_prev, b_prev = w, b
        w, b = vw - step * gw, vb - step * gb
    w = np.round(w, DECIMALS)
    b = np.round(b - b.mean(), DECIMALS)
    weights = {name: (float(w[i, 0]), float(w[i, 1]), float(w[i, 2]))
               for name, i in index.items() if np.any(w[i] != 0.0)}
    return TownModel(weights, (float(b[0]), float(b[1]), float(b[2])))


def train(data: Path = DATA) -> TownModel:
    """The shipped model: fitted on every development post."""
    posts = [p for town in dev_posts(data).values() for p in town]
    return fit(post_features(posts), [p[2] for p in posts])


def model_text(model: TownModel) -> str:
    """The JSON file's text."""
    return json.dumps(model.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n"


def main() -> int:
    OUTPUT.write_text(model_text(train()), encoding="utf-8")
    print(f"wrote {OUTPUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
