"""What the events grouping finds and what it and the crisis view cost, on the demo at its crisis moment.

Prints: how much of the storm the event tile holds (recall: storm posts in the event's topics among all
storm posts so far; precision: storm posts among the posts of the event's topics), against the alerted
topic alone; the snapshot build (worker thread) with the events and crisis data, the crisis data alone, and
the GUI thread's time to apply a snapshot with the crisis view shown and paint it, at 1080p and 4K
(median of a few runs).

    QT_QPA_PLATFORM=offscreen python benchmarks/crisis_view.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def story_of_ids() -> dict[str, str]:
    """Demo mention id -> story key, by replaying the seeded generator (ids are numbered story by story)."""
    import random
    import runpy

    gen = runpy.run_path(str(Path(__file__).resolve().parents[1] / "resources" / "demo" / "generate_demo.py"))
    rng = random.Random(gen["SEED"])
    counter = [0]
    out: dict[str, str] = {}
    for story in gen["STORIES"]:
        before = counter[0]
        gen["_posts"](story, rng, counter)
        for n in range(before + 1, counter[0] + 1):
            out[f"demo:{n:05d}"] = story.key
    return out


def coverage(ids: set[int], mentions: list[object], story: dict[str, str]) -> tuple[float, float, int]:
    """(recall, precision, posts) of the storm in the mentions of topics ``ids``."""
    storm = [m for m in mentions if story.get(m.id) == "storm"]  # type: ignore[attr-defined]
    held = [m for m in mentions if m.topic in ids]  # type: ignore[attr-defined]
    hits = sum(1 for m in held if story.get(m.id) == "storm")  # type: ignore[attr-defined]
    return hits / max(len(storm), 1), hits / max(len(held), 1), len(held)


def main() -> int:
    parser = argparse.ArgumentParser(description="events and crisis view cost on the demo")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from newsroom.paths import AppPaths
    from newsroom.pipeline.crisis import crisis_detail
    from newsroom.pipeline.factory import PRIVATE_STORE, build_demo_pipeline

    with tempfile.TemporaryDirectory() as tmp:
        pipeline = build_demo_pipeline(AppPaths.under(Path(tmp)), store_file=PRIVATE_STORE)
        pipeline.poll_once()
        snap = pipeline.snapshot()
        event = snap.topics[0]
        print(f"demo at its crisis: {len(snap.topics)} tiles, the first an event of "
              f"{len(event.substories)} sub-stories; {len(snap.crises)} crisis view(s)")
        story = story_of_ids()
        mentions = pipeline.store.mentions_since(pipeline.clock() - timedelta(hours=24))
        for name, ids in (("the alerted topic alone", {event.id}),
                          ("the event tile", {s.topic_id for s in event.substories})):
            recall, precision, held = coverage(ids, mentions, story)
            print(f"storm posts of the last 24 h in {name}: recall {recall:.2f}, precision {precision:.2f} "
                  f"({held} posts)")
        build = median_ms(pipeline.snapshot, args.repeat)
        alert = snap.crises[0].alert if snap.crises else None
        detail = median_ms(lambda: crisis_detail(pipeline.store, event, alert, pipeline.clock()), args.repeat)
        print(f"snapshot build (worker thread): {build:.1f} ms, of which crisis data {detail:.1f} ms")
        pipeline.close()

    from PySide6.QtWidgets import QApplication

    from newsroom.ui.app import make_app
    from newsroom.ui.wall import WallWindow

    app = make_app("nl")
    detail_now = snap.crises[0]
    for width, height in ((1920, 1080), (3840, 2160)):
        wall = WallWindow()
        wall.frozen_clock = True
        wall.resize(width, height)
        wall.show()
        QApplication.processEvents()
        wall.apply_snapshot(snap)  # switches to the crisis view by itself (severe alert)
        assert wall.crisis.isVisible()
        QApplication.processEvents()

        apply = median_ms(lambda w=wall: w.apply_snapshot(snap), args.repeat)
        own = median_ms(lambda w=wall: w.crisis.set_detail(detail_now, snap.created), args.repeat)
        paint = median_ms(lambda w=wall: w.crisis.grab(), args.repeat)
        print(f"{width}x{height}: apply a snapshot {apply:.0f} ms (the crisis view's part {own:.0f} ms), "
              f"paint the crisis view {paint:.0f} ms (target for apply + paint < 50 ms)")
        wall.stop()
        wall.close()
        wall.deleteLater()
        app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
