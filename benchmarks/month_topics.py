"""``newsroom topics`` over weeks and months: the four hand-written development streams repeated every
three days (each repeat its own stories) up to N posts, run by ``newsroom topics`` in a child process;
prints the CPU seconds and peak RSS of the child, the topics, and the AMI against the repeated stories
(chatter posts each a class of their own, as benchmarks/topics.py counts).

    python benchmarks/month_topics.py                   # 8,000, 25,000 and 100,000 posts
    python benchmarks/month_topics.py --n 25000 --keep /tmp/out   # keep the output: /tmp/out/months25000.out
    python benchmarks/month_topics.py --n 25000 --steps  # in this process: CPU and RSS after every step

The streams are written next to a temporary directory and not kept. The machine's load average is
printed with the figures because the 2 cores are shared.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dev_streams import HAND_WRITTEN, hand_written_path  # the benchmarks next to this one
from shared_tools import load_tool

ROOT = Path(__file__).resolve().parents[1]
REPEAT_DAYS = 3
CHATTER = {"chatter", "", None}


def write_months(path: Path, n: int) -> dict[str, str]:
    """``n`` posts: the hand-written streams one after the other, again and again, each repeat
    ``REPEAT_DAYS`` later (ids ``<id>-<repeat>``); returns every post's story (``<story>-<repeat>``,
    chatter as ``chatter``)."""
    towns = [[json.loads(line) for line in hand_written_path(t).read_text(encoding="utf-8").splitlines()]
             for t in HAND_WRITTEN]
    stories: dict[str, str] = {}
    with path.open("w", encoding="utf-8") as out:
        rep = 0
        while len(stories) < n:
            for records in towns:
                for r in records:
                    if len(stories) >= n:
                        break
                    at = datetime.fromisoformat(r["published"].replace("Z", "+00:00"))
                    at += timedelta(days=REPEAT_DAYS * rep)
                    mid = f"{r['id']}-{rep}"
                    record = {"id": mid, "text": r["text"], "published": at.isoformat().replace("+00:00", "Z")}
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                    story = r.get("story")
                    stories[mid] = "chatter" if story in CHATTER else f"{story}-{rep}"
            rep += 1
    return stories


def run_command(path: Path, keep: Path | None) -> dict[str, Any]:
    """``newsroom topics`` on the file in a child process: its CPU seconds, peak RSS and output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with path.open("rb") as given:
        done = subprocess.run([sys.executable, "-m", "newsroom", "topics"], stdin=given, capture_output=True,
                              check=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if keep is not None:
        keep.write_bytes(done.stdout)
    rows = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    return {"cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), "wall": wall,
            "rss_mb": after.ru_maxrss / 1024, "rows": rows}


def ami(stories: dict[str, str], rows: list[dict[str, Any]], shared: Path) -> float:
    """AMI of the topics against the repeated stories (chatter posts each a class of their own)."""
    scorer = load_tool(shared / "tools" / "cluster_nmi.py")
    gold = [stories[r["id"]] if stories[r["id"]] != "chatter" else f"-{n}" for n, r in enumerate(rows)]
    return float(scorer.metrics(gold, [str(r["topic"]) for r in rows])["ami"])


def step_figures(path: Path) -> None:
    """The batch in this process, with the CPU seconds and peak RSS after every story step."""
    import newsroom.analysis.topic_batch as tb
    from newsroom.analysis.topics import TopicClusterer
    from newsroom.commands.topics import read_records
    from newsroom.domain import utcnow

    def peak() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def timed(owner: Any, name: str) -> None:
        step: Callable[..., Any] = getattr(owner, name)

        def wrapped(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            out = step(*args, **kwargs)
            print(f"  {name:20s} {time.process_time() - start:7.2f} s  peak RSS {peak():6.0f} MB", flush=True)
            return out
        setattr(owner, name, wrapped)

    for name in ("split_places", "reassign_by_story", "group_fragments", "absorb_replies", "absorb_small",
                 "regroup_small", "place_posts", "story_names"):
        timed(tb, name)
    for name in ("refine", "consolidate", "whole_stream"):
        timed(TopicClusterer, name)
    with path.open(encoding="utf-8") as f:
        docs = list(read_records(f, utcnow()))
    start = time.process_time()
    tb.assign_topics(docs)
    print(f"  {'total':20s} {time.process_time() - start:7.2f} s  peak RSS {peak():6.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"), help="the brief's shared folder")
    parser.add_argument("--n", default="8000,25000,100000", help="comma-separated stream sizes (posts)")
    parser.add_argument("--keep", default="", help="a folder: write the command's output there")
    parser.add_argument("--steps", action="store_true", help="in this process, the figures of every step")
    args = parser.parse_args()
    sizes = [int(s) for s in args.n.split(",") if s]
    print(f"load average {os.getloadavg()[0]:.2f} (2 shared cores)")
    print(f"{'posts':>7s} {'days':>5s} {'CPU s':>7s} {'peak RSS':>9s} {'topics':>6s} {'stories':>7s} {'AMI':>6s}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = Path(tmp) / f"months{n}.jsonl"
            stories = write_months(path, n)
            times = [json.loads(line)["published"] for line in path.open(encoding="utf-8")]
            days = (datetime.fromisoformat(max(times).replace("Z", "+00:00"))
                    - datetime.fromisoformat(min(times).replace("Z", "+00:00"))).total_seconds() / 86400
            if args.steps:
                print(f"{n} posts over {days:.0f} days, step by step:")
                step_figures(path)
                continue
            r = run_command(path, Path(args.keep) / f"months{n}.out" if args.keep else None)
            rows = r["rows"]
            real = len({s for s in stories.values() if s != "chatter"})
            print(f"{n:7d} {days:5.0f} {r['cpu']:7.1f} {r['rss_mb']:6.0f} MB {len({x['topic'] for x in rows}):6d} "
                  f"{real:7d} {ami(stories, rows, Path(args.shared)):6.3f}", flush=True)
    print(f"load average {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
