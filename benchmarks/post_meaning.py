"""The sentence vectors (newsroom/analysis/post_meaning.py): load time, posts per CPU second and peak RSS
on the texts of the dev, town and holdout streams (each stream embedded as the batch does, the cache
emptied between streams); optionally saves the vectors or compares them with saved ones, bit for bit.

    python benchmarks/post_meaning.py                          # figures
    python benchmarks/post_meaning.py --save /tmp/before.npz   # on one branch ...
    python benchmarks/post_meaning.py --compare /tmp/before.npz  # ... then on the other: identical?
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

import numpy as np

from newsroom.analysis import post_meaning

ROOT = Path(__file__).resolve().parents[1]
STREAMS = ["benchmarks/data/devstreams/*.jsonl", "benchmarks/data/towns/*.jsonl",
           "benchmarks/data/holdout*/stream.jsonl"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--save", default="", help="write the vectors to this .npz")
    parser.add_argument("--compare", default="", help="compare the vectors with this .npz")
    args = parser.parse_args()
    files = sorted(str(p.relative_to(ROOT)) for pattern in STREAMS for p in ROOT.glob(pattern))
    streams = {f: [json.loads(line)["text"] for line in (ROOT / f).read_text(encoding="utf-8").splitlines()
                   if line.strip()] for f in files}
    start = time.process_time()
    if post_meaning.embed(["laden"]) is None:     # the encoder loads on its first use
        print("no sentence encoder")
        return 1
    load = time.process_time() - start
    vectors: dict[str, np.ndarray] = {}
    cpu = 0.0
    for f, texts in streams.items():
        post_meaning._cache.clear()
        start = time.process_time()
        out = post_meaning.embed(texts)
        cpu += time.process_time() - start
        assert out is not None
        vectors[f] = out
    n = sum(map(len, streams.values()))
    print(f"load (and one post) {load:.2f} s CPU; {n} posts ({len(files)} streams) in {cpu:.2f} s CPU: {n / cpu:.0f} posts/s; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if args.save:
        np.savez(args.save, **{f.replace("/", "|"): v for f, v in vectors.items()})
    if args.compare:
        with np.load(args.compare) as saved:
            differ = [f for f in files if not np.array_equal(saved[f.replace("/", "|")], vectors[f])]
        print(f"vectors identical to {args.compare}: {not differ}" + (f" (differ: {differ})" if differ else ""))
        return 1 if differ else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
