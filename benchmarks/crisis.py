"""A crisis day through ``newsroom import``: N generated mentions (the JSONL of docs/formats.md, twelve
hours, a spike of negative messages in the middle) imported into a fresh store by a child process;
prints mentions/s and the child's peak RSS (resource.getrusage).

    python benchmarks/crisis.py               # 100,000 mentions
    python benchmarks/crisis.py --n 1000000
    python benchmarks/crisis.py --n 1000000 --reading   # only the reading of the file, no pipeline:
                                                        # streamed (as import does) and kept whole
    python benchmarks/crisis.py --live                  # the day live: first alert, wall updates

The RESULT line says N, seconds, mentions/s, peak RSS, the load average, and the CPU seconds of the
import and its workers together (what the work costs whatever else runs on the shared machine: on two
idle cores the import can go at most twice as fast as its mentions per CPU-second); the last line the
CPU per mention of each: the import's own process and its pool's workers.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START = datetime(2026, 3, 22, 6, 0, tzinfo=UTC)
HOURS = 12
STORIES = {
    "aanslag": ["explosie", "luchthaven", "Zaventem", "metro", "Maalbeek", "slachtoffers", "gewonden",
                "hulpdiensten", "terreur", "evacuatie", "crisiscentrum", "bloed", "angst", "politie"],
    "verkeer": ["file", "ring", "afgesloten", "omleiding", "treinen", "NMBS", "De", "Lijn", "stilgelegd"],
    "steun": ["steun", "solidariteit", "bloed", "geven", "kaarsen", "Beursplein", "samen", "sterk"],
    "stad": ["burgemeester", "persconferentie", "noodplan", "scholen", "dicht", "veiligheid", "niveau"],
}
GLUE = ["de", "het", "een", "is", "weer", "niet", "echt", "al", "nog", "en", "maar", "ook", "wel", "zo"]
MOOD = ["Verschrikkelijk.", "Schandalig!", "Sterkte aan iedereen ❤️", "Dank aan de hulpdiensten 👏", "",
        "Wat een nachtmerrie 😢", "Blijf binnen!", ""]


def write_day(path: Path, n: int, seed: int = 22) -> None:
    """``n`` mentions over twelve hours; from the fourth hour on a spike (most of the day's volume)."""
    rng = random.Random(seed)
    names = list(STORIES)
    span = HOURS * 3600
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            spike = rng.random() < 0.8
            at = START + timedelta(seconds=(3 * 3600 + rng.random() ** 1.5 * (span - 3 * 3600)) if spike
                                   else rng.random() * span)
            story = "aanslag" if spike and rng.random() < 0.6 else rng.choice(names)
            words = [rng.choice(STORIES[story]) if rng.random() < 0.5 else rng.choice(GLUE)
                     for _ in range(rng.randint(8, 22))]
            text = " ".join(words).capitalize() + ". " + rng.choice(MOOD)
            record = {"id": f"crisis:{i}", "text": text.strip(),
                      "published": at.isoformat().replace("+00:00", "Z"),
                      "source": rng.choice(["mastodon", "bluesky", "rss", "x"]),
                      "url": f"https://social.example/{i}", "searches": ["Zaventem"]}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


_READ = """
import resource, sys
from pathlib import Path
from newsroom.commands.import_ import check_file, iter_mentions
path = Path(sys.argv[1])
if sys.argv[2] == "streamed":
    check_file(path)
    n = sum(1 for _ in iter_mentions(path))
else:
    n = len(list(iter_mentions(path)))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


_IMPORT = """
import resource, sys
from newsroom.cli import main
try:
    code = main(["import", sys.argv[1], "--basedir", sys.argv[2]])
finally:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"CPU main={own.ru_utime + own.ru_stime:.2f}s workers={kids.ru_utime + kids.ru_stime:.2f}s",
          file=sys.stderr)
sys.exit(code)
"""


def reading(data: Path, env: dict[str, str]) -> None:
    """Peak RSS of reading the file as the import does (checked, then streamed) and kept whole."""
    for how in ("streamed", "whole"):
        t = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", _READ, str(data), how], check=True, env=env,
                              capture_output=True, text=True)
        print(f"reading {how}: {time.perf_counter() - t:.0f} s, peak RSS {done.stdout.strip()} MB")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--n", type=int, default=100_000, help="mentions to generate and import")
    p.add_argument("--reading", action="store_true", help="time only the reading of the file")
    p.add_argument("--live", action="store_true",
                   help="replay the day live instead (the wall and its child collector, as if polled): the "
                        "first alert after the spike and the wall's update time (benchmarks/crisis_live.py)")
    args = p.parse_args()
    if args.live:
        from crisis_live import live_run

        sys.exit(live_run(args.n, 240.0))
    with tempfile.TemporaryDirectory(prefix="newsroom-crisis-") as tmp:
        data = Path(tmp) / "crisis.jsonl"
        t = time.perf_counter()
        write_day(data, args.n)
        print(f"generated {args.n:,} mentions ({data.stat().st_size / 1e6:,.0f} MB) in "
              f"{time.perf_counter() - t:.0f} s", file=sys.stderr)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen", "CI": "1"}
        if args.reading:
            reading(data, env)
            return
        t = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", _IMPORT, str(data), str(Path(tmp) / "base")],
                              check=False, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - t
        children = resource.getrusage(resource.RUSAGE_CHILDREN)  # the import and its pool's workers
        peak_mb = children.ru_maxrss / 1024  # KiB on Linux
        cpu = children.ru_utime + children.ru_stime
        lines = [line for line in done.stderr.strip().splitlines() if not line.startswith("CPU ")]
        print(lines[-1] if lines else "(no output)", file=sys.stderr)
        own = [line for line in done.stderr.splitlines() if line.startswith("CPU ")]
        if done.returncode != 0:
            sys.exit(f"the import failed (exit {done.returncode}): {done.stderr.strip()[-500:]}")
        load = os.getloadavg()[0]
        print(f"RESULT n={args.n:,} seconds={seconds:.0f} rate={args.n / seconds:,.0f}/s "
              f"peak_rss={peak_mb:,.0f}MB load1={load:.1f} cpu={cpu:.0f}s "
              f"per_cpu_second={args.n / cpu:,.0f}/s")
        for line in own:  # "CPU main=…s workers=…s": each process's own CPU
            main_s, workers_s = (float(part.split("=")[1].rstrip("s")) for part in line.split()[1:3])
            print(f"CPU per mention: import {main_s / args.n * 1e6:,.0f} µs, "
                  f"workers {workers_s / args.n * 1e6:,.0f} µs")


if __name__ == "__main__":
    main()
