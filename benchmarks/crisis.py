"""What the events grouping and the crisis view cost, on the demo at its crisis moment.

Prints: the snapshot build (worker thread) with the events and crisis data, the crisis data alone, and
the GUI thread's time to apply a snapshot with the crisis view shown and paint it, at 1080p and 4K
(median of a few runs).

    QT_QPA_PLATFORM=offscreen python benchmarks/crisis.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def median_ms(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


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
