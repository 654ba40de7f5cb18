"""What grows while a crisis day is imported: the import's own path (streamed file, language and
sentiment in the pool, the pipeline in this process) on the generated day of benchmarks/crisis.py, with
the resident size, the sizes of the analysis state and (``--trace``) tracemalloc's biggest growth by
line between checkpoints.

    python benchmarks/import_memory.py                        # checkpoints 10k, 50k, 100k, 200k
    python benchmarks/import_memory.py --at 10000,50000 --trace
    python benchmarks/import_memory.py --day town     # the posts of benchmarks/import_speed.py instead:
                                                      # a wider vocabulary, headlines, copies

tracemalloc makes the run a few times slower; without ``--trace`` the figures are the import's own.
The machine's load average is printed with the figures because the 2 cores are shared.
"""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from crisis import write_day  # the benchmark next to this one


def rss_mb() -> float:
    """This process's resident size now (Linux /proc), in MB."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def state_sizes(pipeline: object) -> dict[str, int]:
    """Entries held by each part of the analysis state that could grow with the stream."""
    from newsroom.analysis import words
    from newsroom.pipeline.runner import Pipeline

    assert isinstance(pipeline, Pipeline)
    c, nd, ph = pipeline.clusterer, pipeline.neardup, pipeline.phrases
    return {
        "topics (meta)": len(c._meta),
        "topics live": len(c._lru),
        "assignments": len(c._assign),
        "aliases": len(c._alias),
        "kept posts": len(c._docs),
        "model clusters": len(c.model.clusters),
        "model vocabulary": len(c.model._post),
        "word forms": len(c.words.surface),
        "word casing": len(c.words.casing),
        "word key cache": sum(len(v) for v in c.words._keys.values()),
        "spread": len(c._spread),
        "near-dup items": len(nd._order),
        "near-dup words": len(nd._postings),
        "phrase unigrams": len(ph.unigrams),
        "phrase bigrams": len(ph.bigrams),
        "phrase linked": len(ph.linked),
        "phrase forms": len(ph.forms._forms),
        "word_key cache": words.word_key.cache_info().currsize,
        "stem cache": words._stem.cache_info().currsize,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--at", default="10000,50000,100000,200000", help="checkpoints (mentions, ascending)")
    parser.add_argument("--trace", action="store_true", help="tracemalloc's growth by line between checkpoints")
    parser.add_argument("--top", type=int, default=12, help="lines of growth shown per checkpoint")
    parser.add_argument("--day", choices=("crisis", "town"), default="crisis",
                        help="crisis: benchmarks/crisis.py's day; town: benchmarks/import_speed.py's posts")
    args = parser.parse_args()
    marks = sorted(int(x) for x in args.at.split(","))

    from newsroom.commands.import_ import batches
    from newsroom.paths import AppPaths
    from newsroom.pipeline.factory import build_pipeline
    from newsroom.pipeline.prepare import Preparer, preparer_workers

    with tempfile.TemporaryDirectory(prefix="newsroom-memory-") as tmp:
        data = Path(tmp) / "crisis.jsonl"
        if args.day == "crisis":
            write_day(data, marks[-1])
        else:  # that generator keeps its records in a list: in a child, so this process's size stays its own
            subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; from import_speed "
                            "import write_jsonl; write_jsonl(Path(sys.argv[1]), int(sys.argv[2]))", str(data),
                            str(marks[-1])], check=True, cwd=Path(__file__).resolve().parent)
        pipeline = build_pipeline(AppPaths.resolve(Path(tmp) / "base"), None, demo=False, strict=False)
        if args.trace:
            tracemalloc.start(1)
        before = tracemalloc.take_snapshot() if args.trace else None
        seen, started, load0 = 0, time.perf_counter(), os.getloadavg()[0]
        print(f"{'mentions':>9}{'s':>7}{'rss MB':>8}  analysis state (entries)")
        try:
            with Preparer(pipeline, preparer_workers(marks[-1])) as prepare:
                pending = list(marks)
                for batch, prepared in prepare.batches(batches(data)):
                    pipeline.ingest(batch, prepared=prepared)
                    seen += len(batch)
                    if pending and seen >= pending[0]:
                        pending.pop(0)
                        gc.collect()
                        sizes = ", ".join(f"{k} {v:,}" for k, v in state_sizes(pipeline).items())
                        print(f"{seen:>9,}{time.perf_counter() - started:7.0f}{rss_mb():8.0f}  {sizes}",
                              flush=True)
                        if before is not None:
                            now = tracemalloc.take_snapshot()
                            traced = tracemalloc.get_traced_memory()[0] / 1e6
                            print(f"  traced {traced:,.0f} MB; biggest growth since the last checkpoint:")
                            for stat in now.compare_to(before, "lineno")[:args.top]:
                                frame = stat.traceback[0]
                                where = f"{Path(frame.filename).name}:{frame.lineno}"
                                print(f"    {stat.size_diff / 1e6:+8.1f} MB {stat.count_diff:+9,} blocks  {where}")
                            before = now
        finally:
            pipeline.close()
        print(f"load average (1 min) {load0:.1f} at the start, {os.getloadavg()[0]:.1f} at the end, "
              f"on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
