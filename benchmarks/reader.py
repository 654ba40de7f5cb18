"""A wall's snapshot built from the store alone (``SnapshotReader``, a wall that only reads) against the
collecting process's own (``Pipeline.snapshot``: the clusterer's live topics), on the same store: on the
embedded demo at its crisis and on a store of N generated mentions imported through the pipeline. Also
what the collector pays to publish (``Pipeline.publish``: topic summaries, health, the change counter).

    python benchmarks/reader.py              # the demo and 100,000 mentions
    python benchmarks/reader.py --n 20000 --repeat 10

Each case prints the median and the slowest of ``--repeat`` builds in ms; the machine's load average
is printed with them (the 2 cores are shared).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store import timed  # the benchmark next to this one: (median, max) of n calls in ms

END = datetime(2026, 3, 22, 19, 0, tzinfo=UTC)


def compare(name: str, pipeline: object, repeat: int) -> None:
    """Time both snapshots and the publication on ``pipeline``'s store; say whether they agree."""
    from newsroom.pipeline.reader import SnapshotReader
    from newsroom.pipeline.runner import Pipeline
    from newsroom.store import Store

    assert isinstance(pipeline, Pipeline)
    pipeline.publish(force=True)
    wall = Store.open(pipeline.store.path)
    reader = SnapshotReader(wall, wall_name=pipeline.wall_name, demo=pipeline.demo,
                            max_topics=int(pipeline.config.get("wall.max_topics")),
                            searches=[s.name for s in pipeline.searches], clock=pipeline.clock)
    try:
        same = reader.snapshot().topics == pipeline.snapshot().topics
        own = timed(pipeline.snapshot, repeat)
        read = timed(reader.snapshot, repeat)

        def publish() -> None:
            pipeline.dirty = True
            pipeline.publish(force=True)

        pub = timed(publish, repeat)
        mentions = pipeline.store.mention_count()
        live = len(pipeline.clusterer.topics(pipeline.clock()))
        print(f"{name}: {mentions:,} mentions, {live} live topics, {len(wall.topic_summaries())} summaries; "
              f"same tiles: {same}")
        print(f"  Pipeline.snapshot (in process)   median {own[0]:7.1f} ms  max {own[1]:7.1f} ms")
        print(f"  SnapshotReader.snapshot (store)  median {read[0]:7.1f} ms  max {read[1]:7.1f} ms")
        print(f"  Pipeline.publish (collector)     median {pub[0]:7.1f} ms  max {pub[1]:7.1f} ms")
    finally:
        reader.close()


def ack_propagation(path: Path, clock: Callable[[], datetime], repeat: int) -> None:
    """From one wall's acknowledgement to another wall's snapshot showing it: the other wall waits on
    ``Store.wait_change`` as the ReaderWorker does (SQLite: the counter read every 0.25 s)."""
    import threading

    from newsroom.pipeline.reader import SnapshotReader
    from newsroom.store import Store

    one = SnapshotReader(Store.open(path), wall_name="one", clock=clock)
    other = SnapshotReader(Store.open(path), wall_name="other", clock=clock)
    try:
        alert = one.snapshot().alerts[0]
        times = []
        for i in range(repeat):
            seen = other.store.change_counter()
            done = threading.Event()

            def watch(seen: int = seen, by: str = f"wall {i}", done: threading.Event = done) -> None:
                while True:
                    seen = other.store.wait_change(seen, 0.25)
                    if any(a.id == alert.id and a.acknowledged_by == by for a in other.snapshot().alerts):
                        done.set()
                        return

            watcher = threading.Thread(target=watch)
            watcher.start()
            time.sleep(0.1 + (i % 5) * 0.05)  # the other wall is somewhere in its wait
            began = time.perf_counter()
            one.acknowledge(alert.id, f"wall {i}")
            done.wait(30)
            times.append((time.perf_counter() - began) * 1000)
            watcher.join()
        print(f"  acknowledgement on one wall -> the other wall's snapshot: median {statistics.median(times):6.0f} ms"
              f"  max {max(times):6.0f} ms ({repeat} times)")
    finally:
        one.close()
        other.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100_000, help="generated mentions (0: the demo only)")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    from import_speed import generate

    from newsroom.commands.import_ import BATCH, read_mentions
    from newsroom.config import Config
    from newsroom.domain import Search
    from newsroom.paths import AppPaths
    from newsroom.pipeline.factory import build_demo_pipeline
    from newsroom.pipeline.runner import Pipeline
    from newsroom.pipeline.stored import StoredHealth
    from newsroom.store import Store

    print(f"machine load average (1 min) {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as tmp:
        moment = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)
        demo = build_demo_pipeline(AppPaths.under(Path(tmp) / "demo"), clock=lambda: moment, at="crisis")
        try:
            demo.poll_once()
            compare("demo (crisis)", demo, args.repeat)
            ack_propagation(demo.store.path, demo.clock, args.repeat)
        finally:
            demo.close()
        if args.n:
            import json

            data = Path(tmp) / "gen.jsonl"
            with data.open("w", encoding="utf-8") as f:
                for rec in generate(args.n, END - timedelta(hours=12)):
                    f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            store = Store.open(Path(tmp) / "big.sqlite3")
            pipeline = Pipeline(Config(), store, StoredHealth([]), searches=(Search("Lindeveld", "Lindeveld"),),
                                wall_name="Lindeveld", clock=lambda: END)
            began = time.perf_counter()
            mentions = read_mentions(data)
            for i in range(0, len(mentions), BATCH):
                pipeline.ingest(mentions[i:i + BATCH])
            print(f"(imported {len(mentions):,} mentions in {time.perf_counter() - began:.0f} s)")
            try:
                compare(f"{args.n:,} generated", pipeline, args.repeat)
            finally:
                pipeline.close()
    return 0



if __name__ == "__main__":
    raise SystemExit(main())
