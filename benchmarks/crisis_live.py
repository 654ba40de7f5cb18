"""The crisis day live, as the wall runs now: how soon the first alert is on the wall after the spike
starts, and how long the wall takes to update while it happens.

The generated crisis day of ``benchmarks/crisis.py`` (``write_day``: twelve hours, a spike of negative
messages from the third hour on) is replayed as if polled: the wall's process (WallWindow offscreen at
1920x1080, its ReaderWorker building snapshots with a SnapshotReader) starts its collector as a child
process (``ChildCollector``) running the real ``Collector`` loop, whose source delivers every mention
published since its last poll on a simulated clock ``--speed`` times as fast as the real one (the
clock is shared through the store, as in ``benchmarks/soak.py``). When the collector falls behind, the
wall shows its backlog.

Prints: the first alert (the detector's start, when the collector stored it, when the wall showed it,
after the spike began, in simulated minutes and real seconds), the wall's update while the spike lasts
(the reader's snapshot build; from the snapshot's arrival on the GUI thread to its show, the slices
between; from a change in the store to the wall showing it), how far the stored mentions lagged, and
the backlog the wall showed.

    QT_QPA_PLATFORM=offscreen python benchmarks/crisis_live.py [--n 100000] [--speed 240]
    python benchmarks/crisis.py --live [--n 100000]     # the same, from the crisis benchmark
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from crisis import HOURS, START, write_day
from soak import T0_META, SimClock, simulated_collector, stop_wall_and_child

from newsroom.config import Config
from newsroom.domain import FetchResult, Mention, Search
from newsroom.sources.base import SourceState

SPIKE = START + timedelta(hours=3)
SEARCH = "Zaventem"


class Replay:
    """A source polled like any other: every mention of the day published since the last poll."""

    name = "replay"
    title = "Replay"
    interval_s = 60.0  # simulated seconds
    needs_network = False

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: (m.published, m.id))
        self.times = [m.published for m in self.mentions]

    def fetch(self, search: Search, state: SourceState, now: datetime) -> tuple[FetchResult, SourceState]:
        """What was published in (last poll, now]."""
        last = datetime.fromisoformat(state.values["last"]) if "last" in state.values else START
        found = self.mentions[bisect.bisect_right(self.times, last):bisect.bisect_right(self.times, now)]
        return (FetchResult(self.name, search.name, tuple(found), fetched_at=now),
                SourceState({"last": now.isoformat()}, now))


def run_collector(store_path: Path, data: Path, speed: float) -> int:
    """The child: the real Collector loop on the replayed day (as ``newsroom collector``)."""
    from newsroom.commands.import_ import iter_mentions

    source = Replay([replace_sources(m) for m in iter_mentions(data)])
    search = Search(SEARCH, SEARCH, ("replay",), ("nl", "en", "fr"))
    config = Config(values={"wall.name": SEARCH})
    collector = simulated_collector(store_path, SimClock(speed, origin=START), source, search, config)
    return int(collector.run())


def replace_sources(m: Mention) -> Mention:
    """The generated record names social networks; here one replayed source delivers them all."""
    from dataclasses import replace

    return replace(m, source="replay", searches=(SEARCH,))


class Live:
    """The wall reading what its child collector stores, until the simulated day is over."""

    def __init__(self, folder: Path, data: Path, speed: float) -> None:
        self.store_path = folder / "crisis.sqlite3"
        self.data = data
        self.speed = speed
        self.clock = SimClock(speed, origin=START)
        self.builds: list[tuple[float, float]] = []  # simulated hour, ms (the reader's thread)
        self.arrivals: list[tuple[float, float]] = []  # real time a snapshot reached the GUI, sim hour
        self.updates: list[tuple[float, float]] = []  # simulated hour, ms from arrival to shown
        self.slices: list[float] = []  # ms of each slice and show on the GUI thread
        self.first_alert: tuple[float, datetime, datetime] | None = None  # real time, shown at, started
        self.before_spike: set[str] = set()  # alerts on the wall before the spike began
        self.first_title = ""
        self.backlog_seen: list[int] = []
        self.lags: list[float] = []  # simulated minutes the newest stored mention is behind the clock
        self.restarts = 0

    def child_argv(self) -> list[str]:
        return [sys.executable, str(Path(__file__).resolve()), "--collector", str(self.store_path),
                "--data", str(self.data), "--speed", repr(self.speed)]

    def run(self) -> None:
        from PySide6.QtCore import QObject, Qt, QTimer, Slot

        from newsroom.collector.child import ChildCollector
        from newsroom.domain import WallSnapshot
        from newsroom.pipeline.reader import BACKLOG_NOTICE, SnapshotReader
        from newsroom.store import Store
        from newsroom.ui.app import make_app
        from newsroom.ui.reader_worker import ReaderWorker
        from newsroom.ui.wall import WallWindow, connect_worker

        app = make_app("nl")
        config = Config(values={"wall.name": SEARCH, "wall.max_topics": 8})
        child = ChildCollector(self.child_argv(), env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
        child.start()
        clock = self.clock

        def open_reader() -> SnapshotReader:
            while not child.wait_active(0.25):
                pass
            store = Store.open(self.store_path)
            t0 = store.get_meta(T0_META)
            assert t0 is not None
            clock.start(float(t0))
            reader = SnapshotReader.for_config(store, config, clock=clock)
            build = reader.snapshot

            def timed(**kwargs: object) -> WallSnapshot:
                started = time.perf_counter()
                snapshot = build(**kwargs)  # type: ignore[arg-type]
                self.builds.append((clock.hours(), (time.perf_counter() - started) * 1000))
                newest = store.newest_published()
                if newest is not None:
                    self.lags.append((clock() - newest).total_seconds() / 60)
                return snapshot

            reader.snapshot = timed  # type: ignore[method-assign]
            return reader

        wall = WallWindow(tiles=8)
        wall.apply_wall_settings(config)
        worker = ReaderWorker(open_reader, config=config, min_snapshot_interval_s=2.0)
        connect_worker(wall, worker)
        worker.snapshot_ready.disconnect(wall.receive_snapshot)
        live = self

        class Arrival(QObject):
            @Slot(object)
            def take(self, snapshot: WallSnapshot) -> None:
                live.arrivals.append((time.perf_counter(), clock.hours()))
                waiting = dict(snapshot.notices).get(BACKLOG_NOTICE)
                if waiting is not None:
                    live.backlog_seen.append(int(waiting))
                if snapshot.created < SPIKE:  # alerts of the quiet hours (a cold start has no history)
                    live.before_spike.update(a.id for a in snapshot.alerts)
                elif live.first_alert is None:
                    new = [a for a in snapshot.alerts if a.id not in live.before_spike]
                    if new:
                        first = min(new, key=lambda a: a.started)
                        live.first_alert = (time.time(), snapshot.created, first.started)
                        live.first_title = f"{first.scope.value} '{first.title}', severity {first.severity}"
                wall.receive_snapshot(snapshot)

        arrival = Arrival(wall)
        worker.snapshot_ready.connect(arrival.take, Qt.ConnectionType.QueuedConnection)
        show = wall._show

        def shown(snapshot: WallSnapshot) -> None:
            started = time.perf_counter()
            show(snapshot)
            end = time.perf_counter()
            self.slices.append((end - started) * 1000)
            if self.arrivals:
                at, hour = self.arrivals[-1]
                self.updates.append((hour, (end - at) * 1000))

        wall._show = shown  # type: ignore[method-assign]
        for tile in wall.tiles:
            prepare = tile.prepare

            def timed_prepare(topic: object, prepare: Callable[[object], None] = prepare) -> None:
                started = time.perf_counter()
                prepare(topic)
                self.slices.append((time.perf_counter() - started) * 1000)

            tile.prepare = timed_prepare  # type: ignore[method-assign,assignment]
        wall.resize(1920, 1080)
        wall.show()
        ender = QTimer()
        ender.setInterval(100)
        ender.timeout.connect(lambda: app.quit() if clock.t0 is not None and clock.hours() >= HOURS else None)
        worker.start()
        ender.start()
        app.exec()
        ender.stop()
        self.restarts = stop_wall_and_child(app, wall, worker, child)


def quantiles(xs: list[float]) -> str:
    """'p50 … ms, p95 … ms, max … ms'."""
    if not xs:
        return "none"
    ordered = sorted(xs)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"p50 {statistics.median(ordered):.0f} ms, p95 {p95:.0f} ms, max {ordered[-1]:.0f} ms ({len(xs)})"


def report(live: Live, n: int, real_s: float) -> None:
    """Print the figures."""
    load = os.getloadavg()
    spike_h = (SPIKE - START).total_seconds() / 3600
    print(f"live crisis: {n:,} mentions over {HOURS} simulated hours at {live.speed:g}x in {real_s:.0f} s "
          f"real (load average {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}); collector restarts: "
          f"{live.restarts}")
    if live.before_spike:
        print(f"  alerts on the wall before the spike began (the quiet hours of a store with no history): "
              f"{len(live.before_spike)}")
    if live.first_alert is None:
        print("  first alert after the spike began: none reached the wall")
    else:
        real, shown, started = live.first_alert
        assert live.clock.t0 is not None
        spike_real = live.clock.t0 + spike_h * 3600 / live.speed
        print(f"  first new alert after the spike began ({live.first_title}): the detector's start +{(started - SPIKE).total_seconds() / 60:.1f} "
              f"min, on the wall +{(shown - SPIKE).total_seconds() / 60:.1f} min simulated = "
              f"{real - spike_real:.1f} s real at {live.speed:g}x (the store's change to the wall: at "
              f"most one reader slice of 0.25 s plus the build and the show)")
    during = [ms for hour, ms in live.builds if hour >= spike_h]
    print(f"  the reader's snapshot build during the spike: {quantiles(during)}")
    during = [ms for hour, ms in live.updates if hour >= spike_h]
    print(f"  snapshot arrival on the GUI thread -> shown (slices between): {quantiles(during)}")
    print(f"  each slice or show on the GUI thread: {quantiles(live.slices)}")
    if live.lags:
        print(f"  newest stored mention behind the simulated clock: median {statistics.median(live.lags):.1f} "
              f"min, max {max(live.lags):.1f} min (simulated)")
    if live.backlog_seen:
        print(f"  the wall showed a backlog in {len(live.backlog_seen)} snapshots, at most "
              f"{max(live.backlog_seen):,} mentions")
    else:
        print("  the wall showed no backlog (the collector kept up)")


def main() -> int:
    """Run the live crisis day and print the figures (with --collector: be the wall's child)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="mentions in the generated day")
    parser.add_argument("--speed", type=float, default=240.0, help="simulated seconds per real second")
    parser.add_argument("--collector", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.collector is not None:
        assert args.data is not None
        return run_collector(args.collector, args.data, args.speed)
    return live_run(args.n, args.speed)


def live_run(n: int, speed: float) -> int:
    """Generate the day, replay it live, print the figures."""
    with tempfile.TemporaryDirectory(prefix="newsroom-crisis-live-") as tmp:
        data = Path(tmp) / "crisis.jsonl"
        write_day(data, n)
        live = Live(Path(tmp), data, speed)
        began = time.perf_counter()
        live.run()
        report(live, n, time.perf_counter() - began)
        summary = {"n": n, "speed": speed, "builds": len(live.builds), "updates": len(live.updates)}
        print("RESULT " + json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
