"""The GUI thread's longest waits while the real wall starts and runs on the demo.

Runs ``newsroom --demo --windowed`` in this process (the command's own start-up order, offscreen, on a
fresh data folder; the wall's collector is its child process as always, or the pipeline on a thread of
this process with ``--in-process``) with a 10 ms heartbeat timer on the GUI thread from the moment the QApplication
exists, for ``--seconds`` (default 60). A gap between two heartbeats is time in which the event loop
could not run: a paint, an input event or a snapshot waited that long. Prints p50/p99/max of the gaps
after the window shows, every stall over ``--over`` ms with WHEN it happened (seconds since the
script started) and what the pipeline thread was doing meanwhile (the spans of its traced calls), the
snapshots applied (time on the GUI thread), and when the wall first showed data. Target: no gap over
50 ms after the window shows. Printed, never asserted.

    QT_QPA_PLATFORM=offscreen python benchmarks/gui_stall.py [--seconds 60] [--over 50]
        [--speed 100]  # the demo replayed faster than real time (100x: its scenario clock runs 100x)
        [--py-spy FILE.json]  # also sample every thread with py-spy (GIL holders, Chrome trace format)
        [--in-process]  # the old way: the pipeline on a thread of the wall's process (traced spans)
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QObject, Slot

T0 = time.perf_counter()  # before the app's imports: "since start" below counts from here


def since_start() -> float:
    """Seconds since the script started."""
    return time.perf_counter() - T0


@dataclass
class Trace:
    """What happened when: heartbeat ticks (GUI thread) and spans of traced calls (any thread)."""

    ticks: list[float] = field(default_factory=list)
    spans: list[tuple[str, str, float, float]] = field(default_factory=list)  # thread, name, start, end
    applies: list[tuple[float, float]] = field(default_factory=list)  # start, ms
    app_at: float | None = None
    shown_at: float | None = None
    first_topics_at: float | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def span(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        """``fn`` wrapped so that each call is recorded as a span named ``name``."""
        def traced(*args: Any, **kwargs: Any) -> Any:
            start = since_start()
            try:
                return fn(*args, **kwargs)
            finally:
                with self.lock:
                    thread = "gui" if threading.current_thread() is threading.main_thread() else "worker"
                    self.spans.append((thread, name, start, since_start()))
        return traced


class TimedApply(QObject):
    """Applies each snapshot to the wall on the GUI thread, timing it."""

    def __init__(self, wall: Any, trace: Trace) -> None:
        super().__init__(wall)
        self._wall = wall
        self._trace = trace

    @Slot(object)
    def apply(self, snapshot: Any) -> None:
        start = since_start()
        if self._trace.first_topics_at is None and snapshot.topics:
            self._trace.first_topics_at = start
        # as the worker's connection does (prepared in slices, shown in a later turn) where the wall has it
        getattr(self._wall, "receive_snapshot", self._wall.apply_snapshot)(snapshot)
        self._trace.applies.append((start, (since_start() - start) * 1000))


def trace_everything(trace: Trace, seconds: float, speed: float, in_process: bool) -> None:
    """Patch the command's collaborators (never its order): the heartbeat starts with the app, the
    pipeline's steps are traced (in process; a child collector's are its own), snapshots applied are
    timed, the app quits after ``seconds``."""
    from PySide6.QtCore import Qt, QTimer

    import newsroom.ui.app as app_module
    from newsroom.ui.wall import WallWindow

    make_app = app_module.make_app
    keep: list[object] = []

    def make_app_with_heartbeat(*args: Any, **kwargs: Any) -> Any:
        app = make_app(*args, **kwargs)
        trace.app_at = since_start()
        timer = QTimer(app)
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(10)

        def beat() -> None:
            now = since_start()
            if trace.shown_at is None and any(w.isVisible() for w in app.topLevelWidgets()):
                trace.shown_at = now
            trace.ticks.append(now)

        timer.timeout.connect(beat)
        timer.start()
        QTimer.singleShot(round(seconds * 1000), app.quit)
        keep.append(timer)
        return app

    app_module.make_app = make_app_with_heartbeat
    trace_gc(trace)
    # the wall's own steps on the GUI thread (where this version has them): a gap names what ran in it
    for name in ("_show", "_settle_layout", "_rehearse", "_release", "_fill_crisis", "_open_crisis"):
        if hasattr(WallWindow, name):
            setattr(WallWindow, name, trace.span(name.lstrip("_"), getattr(WallWindow, name)))
    from newsroom.ui.widgets.tile import TopicTile

    for name in ("prepare", "catch_up"):
        if hasattr(TopicTile, name):
            setattr(TopicTile, name, trace.span(f"tile.{name}", getattr(TopicTile, name)))
    if in_process:  # importing the pipeline here would load the analysis into a reading wall's process
        from newsroom.pipeline import factory
        from newsroom.pipeline.runner import Pipeline

        for name in ("poll_once", "snapshot", "ingest", "_retention", "_rebuild_topics"):
            setattr(Pipeline, name, trace.span(name, getattr(Pipeline, name)))
        factory.build_pipeline = trace.span("build_pipeline", factory.build_pipeline)
        try:
            from newsroom.pipeline import preload  # the start-up preload, where this version has it
        except ImportError:
            pass
        else:
            preload.preload = trace.span("preload", preload.preload)
    import newsroom.ui.wall as wall_module

    connect_worker = wall_module.connect_worker

    def connect_timed(wall: WallWindow, worker: Any) -> None:
        connect_worker(wall, worker)  # then snapshots go through a timing slot instead
        # the worker's slot: sliced (receive_snapshot) where the wall has it
        worker.snapshot_ready.disconnect(getattr(wall, "receive_snapshot", wall.apply_snapshot))
        applier = TimedApply(wall, trace)
        worker.snapshot_ready.connect(applier.apply, Qt.ConnectionType.QueuedConnection)
        keep.append(applier)

    wall_module.connect_worker = connect_timed
    if speed != 1.0 and in_process:
        from newsroom.pipeline import factory

        accelerate_demo(factory, speed)
    elif speed != 1.0:  # the child collector's own option
        from newsroom.collector import child

        argv_of = child.collector_argv
        child.collector_argv = lambda **kw: [*argv_of(**kw), "--speed", f"{speed:g}"]  # type: ignore[assignment]


def trace_gc(trace: Trace) -> None:
    """Collections of the oldest generation are spans too (on whichever thread triggered them: they
    hold the GIL throughout); the young generations are too short to matter."""
    started: dict[int, float] = {}

    def callback(phase: str, info: dict[str, int]) -> None:
        if info["generation"] < 2:
            return
        if phase == "start":
            started[threading.get_ident()] = since_start()
        elif (begun := started.pop(threading.get_ident(), None)) is not None:
            with trace.lock:
                trace.spans.append(("gc", "gc gen 2", begun, since_start()))

    gc.callbacks.append(callback)


def accelerate_demo(factory: Any, speed: float) -> None:
    """The demo's clock runs ``speed`` times as fast as the real one (from the pipeline's build on)."""
    from datetime import timedelta

    from newsroom.domain import utcnow

    build = factory.build_pipeline

    def build_fast(*args: Any, **kwargs: Any) -> Any:
        origin = utcnow()
        wall_start = time.monotonic()

        def fast_clock() -> datetime:
            return origin + timedelta(seconds=(time.monotonic() - wall_start) * speed)

        kwargs["clock"] = fast_clock
        return build(*args, **kwargs)

    factory.build_pipeline = build_fast


def py_spy(out: str, seconds: float) -> subprocess.Popen[bytes] | None:
    """py-spy sampling this process (every thread, GIL holders marked), when py-spy is on the PATH."""
    exe = shutil.which("py-spy")
    if exe is None:
        print("py-spy is not on the PATH: no stack samples", file=sys.stderr)
        return None
    return subprocess.Popen([exe, "record", "--pid", str(os.getpid()), "--duration", str(int(seconds)),
                             "--rate", "500", "--threads", "--gil", "--idle", "--format", "chrometrace",
                             "--output", out, "--nonblocking"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def report(trace: Trace, over_ms: float, seconds: float) -> None:
    """Print the figures."""
    ticks = trace.ticks
    shown = trace.shown_at
    if len(ticks) < 3 or shown is None:
        print("the event loop hardly ran: no figures")
        return
    gaps = [((b - a) * 1000, a, b) for a, b in itertools.pairwise(ticks)]
    ms = sorted(g for g, _, _ in gaps)
    q = statistics.quantiles(ms, n=100)
    first_apply = trace.applies[0][0] if trace.applies else None
    print(f"gui_stall: newsroom --demo --windowed, {seconds:.0f} s, 10 ms heartbeat ({len(ticks):,} ticks)")
    print(f"  app created {trace.app_at:.2f} s after start, event loop running (window shown) "
          f"{shown:.2f} s, first snapshot on the wall {first_apply:.2f} s, first topics "
          f"{trace.first_topics_at or float('nan'):.2f} s" if first_apply is not None else
          f"  app created {trace.app_at:.2f} s, window shown {shown:.2f} s, no snapshot applied")
    print(f"  before the window shows the loop waits {(shown - (trace.app_at or shown)) * 1000:.0f} ms "
          "(start-up, not counted below)")
    print(f"  gaps after the window shows: p50 {statistics.median(ms):.1f} ms, p99 {q[98]:.1f} ms, "
          f"max {ms[-1]:.1f} ms; over {over_ms:.0f} ms: {sum(1 for g in ms if g > over_ms)}, "
          f"total stalled {sum(g - 10 for g in ms if g > over_ms) / 1000:.2f} s")
    worst = sorted((g for g in gaps if g[0] > over_ms), key=lambda g: -g[0])[:15]
    for gap, a, b in sorted(worst, key=lambda g: g[1]):
        during = sorted({f"{name}@{thread}" for thread, name, s, e in trace.spans if s < b and e > a})
        gui = sum(m for s, m in trace.applies if a <= s < b)
        print(f"    {gap:7.1f} ms  at {a:6.2f}-{b:6.2f} s  gui apply {gui:5.1f} ms  "
              f"busy: {', '.join(during) or '-'}")
    if trace.applies:
        apply_ms = sorted(m for _, m in trace.applies)
        print(f"  snapshots applied: {len(apply_ms)}, apply median {statistics.median(apply_ms):.1f} ms, "
              f"max {apply_ms[-1]:.1f} ms (on the GUI thread)")
    by_name: dict[str, list[float]] = {}
    for _, name, s, e in trace.spans:
        by_name.setdefault(name, []).append((e - s) * 1000)
    for name, xs in sorted(by_name.items()):
        print(f"  traced {name:15s} {len(xs):5d} calls, median {statistics.median(xs):7.1f} ms, "
              f"max {max(xs):7.1f} ms, total {sum(xs) / 1000:6.2f} s")


def main() -> int:
    """Run the wall with the heartbeat and print the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--over", type=float, default=50.0, help="list gaps longer than this (ms)")
    parser.add_argument("--speed", type=float, default=1.0, help="demo clock speed-up (e.g. 100)")
    parser.add_argument("--switch-ms", type=float, default=None,
                        help="sys.setswitchinterval for the run (an experiment; default: as the app sets it)")
    parser.add_argument("--py-spy", dest="spy", default=None, help="py-spy raw output file")
    parser.add_argument("--in-process", action="store_true",
                        help="the pipeline on a thread of the wall's process (the old way) instead of a child")
    args = parser.parse_args()
    trace = Trace()
    if args.switch_ms is not None:
        sys.setswitchinterval(args.switch_ms / 1000)
    trace_everything(trace, args.seconds, args.speed, args.in_process)
    spy = py_spy(args.spy, args.seconds + 5) if args.spy else None
    from newsroom.cli import main as newsroom_main

    with tempfile.TemporaryDirectory(prefix="gui-stall-") as basedir:
        code = newsroom_main(["--demo", "--windowed", "--basedir", basedir,
                              *(["--in-process"] if args.in_process else [])])
    if spy is not None:
        spy.wait()
    report(trace, args.over, args.seconds)
    return code


if __name__ == "__main__":
    raise SystemExit(main())
