"""The wall's GUI thread: time from a new snapshot to a finished paint, and the longest event-loop turn
meanwhile, at 720p, 1080p and 4K with 1, 6 and 12 tiles; and the longest GUI-thread stall while the
demo replays at 100×.

Each round hands the wall a snapshot in which every tile's figures, cloud weights, sparkline and the
feed changed (the tiles keep their topics, as between two real snapshots) the way the worker does
(``receive_snapshot``: prepared in slices, shown in one turn; a version without it applies in one
call), then runs the event loop one turn (``processEvents``) at a time until the new picture is
painted (offscreen raster) and nothing is left to do; between rounds the clouds' glide (400 ms of
animation frames) is let end, unmeasured (real snapshots come seconds apart). Prints, per size and
tile count: snapshot -> painted (median, worst; and the GUI thread's CPU time, the figure a shared
machine inflates least), the longest single turn (median, worst; its CPU time), the first topics on
a fresh wall as a wall starts (an empty store's snapshot first, the fonts made ready meanwhile, then
the first snapshot with topics: the tiles appear), the same snapshot again (nothing to do), and the
GUI thread's CPU for the clouds' glide after each snapshot (their words moving to their new places).
Target: < 50 ms, no turn over 50 ms. Printed, never asserted. Then a window resize (1080p <-> 4K,
720p <-> 1080p, 6 and 12 tiles): the CPU of the resize's own turn, of the longest turn after it, and
how many turns the clouds' and sparklines' new pictures took (newsroom.ui.later).

The stall part runs the real app as it runs (``newsroom --demo``: the wall reading the store its child
collector writes) through benchmarks/gui_stall.py, the demo at 100×. With ``--stall-in-process`` it runs
instead the old way, a real WallWindow (1080p, 12 tiles, the kiosk's timers on) fed by a real
PipelineWorker on the embedded demo whose clock runs 100 times faster than the wall's (so the
scenario's mentions arrive a hundred times as fast, and the worker analyses and builds snapshots on
its thread as a busy wall would); a 10 ms QTimer heartbeat on the GUI thread records the gaps between
its ticks. A gap far over 10 ms is the GUI thread stalled (our apply, Qt's layout and paint, or the
worker holding the GIL). Prints p50/p99/max gap and how many snapshots were applied. Target: max
< 50 ms.

With ``--ahead on`` the tiles' sparkline pictures are drawn on another thread before each snapshot is
handed over, as the reader worker does (newsroom.ui.widgets.spark_ahead); the ahead-stall part lets a
thread draw them without pause while a heartbeat on the GUI thread records its gaps (the GIL it waits
for).

    QT_QPA_PLATFORM=offscreen python benchmarks/wall.py [--rounds 10] [--stall-seconds 30] [--speed 100]
        [--ahead off|on|both] [--cases 1920x1080/12,3840x2160/12] [--no-resize] [--ahead-stall-seconds 5]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import slice_steps
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from newsroom.domain import (
    AlertScope,
    AlertState,
    Mention,
    Polarity,
    Sentiment,
    Series,
    SourceHealth,
    SpikeAlert,
    TermWeight,
    Topic,
    WallSnapshot,
)
from newsroom.ui.app import make_app
from newsroom.ui.wall import WallWindow

NOW = datetime(2026, 1, 6, 13, 50, tzinfo=UTC)
TILES = int(os.environ.get("WALL_TILES", "12"))
WORDS = ["stormschade", "bomen", "daken", "brandweer", "stroompanne", "helpen", "buren", "wachten",
         "verzekering", "Lindeveld-Noord", "noodnummer", "straat", "school", "takken", "opvang", "markt",
         "Kanaalweg", "omleiding", "fietsers", "brug"]
SIZES = ((1280, 720), (1920, 1080), (3840, 2160))
TILE_COUNTS = (1, 6, 12)


def SHARE(x: float) -> tuple[float, ...]:
    """The per-term negative share where TermWeight has it (so that older versions can be compared)."""
    return (x,) if "negative_share" in TermWeight.__slots__ else ()


def snapshot(rng: random.Random, round_no: int, tiles: int = TILES) -> WallSnapshot:
    """``tiles`` topics, two alerts, thirty feed posts; numbers differ from round to round."""
    start = NOW - timedelta(hours=24)
    topics = []
    for i in range(tiles):
        volume = tuple(float(rng.randint(0, 6) + (40 if i == 0 and j > 130 else 0)) for j in range(144))
        negative = tuple(v * rng.uniform(0.2, 0.9) for v in volume)
        terms = tuple(TermWeight(w, rng.uniform(1, 30), rng.uniform(-0.9, 0.6), *SHARE(rng.random()))
                      for w in rng.sample(WORDS, 14))
        topics.append(Topic(
            id=100 + i, label=f"Onderwerp {i} over de storm in Lindeveld" if i % 3 else f"Onderwerp {i}",
            terms=tuple(sorted(terms, key=lambda t: -t.weight)), volume=Series(start, 600, volume),
            negative=Series(start, 600, negative), size=40 + i, share_negative=rng.random(),
            first_seen=NOW - timedelta(hours=3), last_seen=NOW, baseline_low=(1.0,) * 144,
            baseline_high=(3.0,) * 144, per_hour=float(rng.randint(2, 300)), trend=rng.choice((-1, 0, 1))))
    latest = tuple(Mention(id=f"m:{round_no}:{k}", source=rng.choice(("mastodon", "bluesky", "rss")),
                           text=f"Bericht {k} van ronde {round_no}: bomen op de weg, bel 0800 12 345",
                           published=NOW - timedelta(minutes=k), lang="nl",
                           sentiment=Sentiment(Polarity.NEGATIVE, -0.5)) for k in range(30))
    alerts = tuple(SpikeAlert(id=f"alert:{k}", scope=AlertScope.TOPIC, key=str(100 + k), title=f"Onderwerp {k}",
                              state=AlertState.RAISED, severity=4 - k, started=NOW - timedelta(minutes=40),
                              updated=NOW, window_min=30, observed=48, expected=3.0, spread=2.0, score=0.9,
                              weekday=1, hour=14) for k in range(min(2, tiles)))
    health = tuple(SourceHealth(s, s.upper(), last_success=NOW) for s in ("rss", "gnews", "mastodon"))
    return WallSnapshot(created=NOW, wall_name="Lindeveld", topics=tuple(topics), latest=latest,
                        alerts=alerts, health=health, newest_data=NOW)


#: the longest GUI-thread CPU time (ms) of each kind of slice step since the last ``longest_steps`` call
STEPS: dict[str, float] = {}


def time_slice_steps() -> None:
    """Each step the wall's slices run (and each job's final step) is timed in GUI-thread CPU, by name."""

    def record(name: str, start: float, end: float) -> None:
        STEPS[name] = max(STEPS.get(name, 0.0), (end - start) * 1000)

    slice_steps.time_slice_steps(record, time.thread_time)


def longest_steps(count: int = 4) -> str:
    """The longest kinds of step since the last call, longest first (and forget them)."""
    ordered = sorted(STEPS.items(), key=lambda kv: (-kv[1], kv[0]))[:count]
    STEPS.clear()
    return ", ".join(f"{name} {ms:.1f}" for name, ms in ordered)


class Turns(QObject):
    """Times of the paint events (any widget) while the loop runs."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0
        #: the GUI thread's CPU time in the longest turn (ms; ``until_painted`` keeps it)
        self.longest_cpu = 0.0
        #: the GUI thread's CPU time of each snapshot's glide (the clouds' words moving, after the paint)
        self.glide_cpu: list[float] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


def until_painted(app: QApplication, wall: WallWindow, snap: WallSnapshot, turns: Turns,
                  sliced: bool) -> tuple[float, float, float]:
    """Hand ``snap`` to the wall as the worker does (``sliced``) or in one call, then run the event
    loop turn by turn (one ``processEvents`` each) until the new picture is painted and nothing is
    left to do. Returns (ms from the snapshot to the end of the turn of its last paint, the longest
    turn in ms, the GUI thread's CPU ms until then: on a shared machine the wall-clock times include
    waiting for a core, the CPU time does not)."""
    t0 = time.perf_counter()
    c0 = time.thread_time()
    if sliced:
        wall.receive_snapshot(snap)
    else:
        wall.apply_snapshot(snap)
    first = (time.perf_counter() - t0) * 1000  # handing it over is part of the first turn
    first_cpu = (time.thread_time() - c0) * 1000
    longest, painted_at, n, quiet, cpu_at = first, t0, 0, 0, c0
    while quiet < 2:
        before = turns.paints
        s = time.perf_counter()
        sc = time.thread_time()
        app.processEvents()
        e = time.perf_counter()
        n += 1
        longest = max(longest, (e - s) * 1000 + (first if n == 1 else 0))
        turns.longest_cpu = max(turns.longest_cpu, (time.thread_time() - sc) * 1000 + (first_cpu if n == 1 else 0))
        pending = sliced and wall.slices.pending()
        if turns.paints != before:
            painted_at = e
            cpu_at = time.thread_time()
            quiet = 0
        elif not pending:
            quiet += 1
    result = (painted_at - t0) * 1000, longest, (cpu_at - c0) * 1000
    g0 = time.thread_time()
    settle_animations(app, wall)
    turns.glide_cpu.append((time.thread_time() - g0) * 1000)
    return result


def gliding(wall: WallWindow) -> bool:
    """A cloud's words still glide to their new places (400 ms after a change)."""
    from PySide6.QtCore import QAbstractAnimation

    return any(t.cloud._anim.state() == QAbstractAnimation.State.Running for t in wall.tiles)


def settle_animations(app: QApplication, wall: WallWindow) -> None:
    """Let the clouds' glide end before the next snapshot (not measured: real snapshots come seconds
    apart; back to back, the glide's frames of one round were counted in the next)."""
    from PySide6.QtCore import QEventLoop

    deadline = time.perf_counter() + 2.0
    while gliding(wall) and time.perf_counter() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)
    app.processEvents()


def draw_ahead_on_a_thread(wall: WallWindow, snap: WallSnapshot) -> int:
    """What the reader worker does after building ``snap`` (newsroom.ui.widgets.spark_ahead): the tiles'
    sparkline pictures drawn on its thread, before the snapshot reaches the GUI (not measured: the
    GUI thread's share of it is the GIL it waits for, which the stall part measures)."""
    try:
        from newsroom.ui.widgets.spark_ahead import draw_ahead
    except ImportError:  # a version without it
        return 0
    drawn: list[int] = []
    thread = threading.Thread(target=lambda: drawn.append(draw_ahead(wall.spark_ahead, snap.topics)))
    thread.start()
    thread.join()
    return drawn[0] if drawn else 0


def fresh_wall(tiles: int, size: tuple[int, int]) -> tuple[QApplication, WallWindow, Turns]:
    """The app, a new wall of ``tiles`` tiles on a frozen clock shown at ``size``, and a turn timer (not
    installed yet)."""
    app = make_app("nl")
    wall = WallWindow(tiles=tiles)
    wall.frozen_clock = True
    wall.resize(*size)
    wall.show()
    return app, wall, Turns()


def measure(width: int, height: int, tiles: int, rounds: int, ahead: bool = False) -> None:
    """A fresh wall: its first snapshot, then ``rounds`` more; snapshot to painted, the longest turn.
    ``ahead``: the sparklines' pictures drawn on another thread first, as the reader worker does."""
    app, wall, turns = fresh_wall(tiles, (width, height))
    app.installEventFilter(turns)
    for _ in range(3):
        app.processEvents()
    rng = random.Random(7)
    sliced = hasattr(wall, "receive_snapshot")  # the version before slicing applies in one call
    # as a wall starts: an empty store's snapshot first (the tiles hidden, "no topics yet"), then topics
    # (seconds later: the fonts are made ready meanwhile, where the wall does that)
    until_painted(app, wall, replace(snapshot(rng, 0, tiles), topics=(), alerts=()), turns, sliced)
    while getattr(wall, "warmup", None) is not None and wall.warmup.pending():
        app.processEvents()
    turns.longest_cpu = 0.0
    STEPS.clear()
    first = until_painted(app, wall, snapshot(rng, 0, tiles), turns, sliced)
    first_cpu_turn, turns.longest_cpu = turns.longest_cpu, 0.0
    totals: list[float] = []
    longest: list[float] = []
    cpu: list[float] = []
    turns.glide_cpu.clear()
    for r in range(1, rounds + 1):
        snap = snapshot(rng, r, tiles)
        if ahead:
            draw_ahead_on_a_thread(wall, snap)
        total, turn, used = until_painted(app, wall, snap, turns, sliced)
        totals.append(total)
        longest.append(turn)
        cpu.append(used)
    longest_cpu = turns.longest_cpu
    glide = statistics.median(turns.glide_cpu)
    same = until_painted(app, wall, wall.raw_snapshot, turns, sliced)  # type: ignore[arg-type]
    app.removeEventFilter(turns)
    wall.stop()
    wall.close()
    wall.deleteLater()
    app.processEvents()
    taken = getattr(getattr(wall, "spark_ahead", None), "taken", 0)
    mode = f" (sparklines drawn ahead: {taken} taken)" if ahead else ""
    print(f"  {width}x{height} {tiles:2d} tiles{mode}: snapshot->painted median {statistics.median(totals):5.1f} "
          f"worst {max(totals):5.1f} ms (GUI CPU {statistics.median(cpu):5.1f}) | longest turn median "
          f"{statistics.median(longest):5.1f} worst {max(longest):5.1f} ms (CPU {longest_cpu:4.1f}) | "
          f"first topics {first[0]:5.1f} ms (CPU {first[2]:5.1f}, longest turn {first[1]:5.1f}, "
          f"CPU {first_cpu_turn:4.1f}) | same again {same[0]:4.1f} ms | glide CPU {glide:5.1f} ms")
    print(f"    longest slice steps, GUI CPU ms (the first topics and {rounds} snapshots): {longest_steps()}")


def resize_turns(tiles: int, start: tuple[int, int], end: tuple[int, int], rounds: int) -> None:
    """A wall showing a snapshot at ``start`` is resized to ``end`` (F11, a new screen mode) and back,
    ``rounds`` times: the turn of the resize (Qt's layout and the paint of the new size) and the
    turns after it until every cloud and sparkline has its picture for the new size; their CPU."""
    app, wall, turns = fresh_wall(tiles, start)
    app.installEventFilter(turns)
    for _ in range(3):
        app.processEvents()
    rng = random.Random(7)
    until_painted(app, wall, snapshot(rng, 0, tiles), turns, True)
    later = getattr(wall, "later_pictures", None)  # the version before slicing resizes has none
    first: list[float] = []
    longest: list[float] = []
    total: list[float] = []
    counts: list[int] = []
    for r in range(rounds * 2):
        size = end if r % 2 == 0 else start
        c0 = time.thread_time()
        wall.resize(*size)
        app.processEvents()  # the resize's paint
        first.append((time.thread_time() - c0) * 1000)
        worst, n, quiet = first[-1], 1, 0
        while quiet < 2:
            sc = time.thread_time()
            before = turns.paints
            app.processEvents()
            worst = max(worst, (time.thread_time() - sc) * 1000)
            n += 1
            busy = later is not None and later.pending()
            quiet = 0 if busy or turns.paints != before else quiet + 1
        longest.append(worst)
        total.append((time.thread_time() - c0) * 1000)
        counts.append(n - 2)
        settle_animations(app, wall)
    app.removeEventFilter(turns)
    wall.stop()
    wall.close()
    wall.deleteLater()
    app.processEvents()
    print(f"  {start[0]}x{start[1]} <-> {end[0]}x{end[1]}, {tiles} tiles: resize turn CPU median "
          f"{statistics.median(first):5.1f} worst {max(first):5.1f} ms | longest turn CPU median "
          f"{statistics.median(longest):5.1f} worst {max(longest):5.1f} ms | all pictures made in "
          f"{statistics.median(counts):.0f} turns, CPU {statistics.median(total):5.1f} ms")


HEARTBEAT_MS = 10


def heartbeat_gaps(seconds: float, start: Callable[[], None], stop: Callable[[], None],
                   on_beat: Callable[[], None] | None = None) -> list[float]:
    """Run the event loop ``seconds`` with a precise HEARTBEAT_MS timer on the GUI thread, ``start`` just
    as it begins and ``stop`` when it ends; the gaps between its ticks in ms (the first left out).
    ``on_beat`` runs at each tick."""
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer

    gaps: list[float] = []
    clock = QElapsedTimer()
    beat = QTimer()
    beat.setTimerType(Qt.TimerType.PreciseTimer)
    beat.setInterval(HEARTBEAT_MS)
    last = [0]

    def tick() -> None:
        now = clock.elapsed()
        gaps.append(float(now - last[0]))
        last[0] = now
        if on_beat is not None:
            on_beat()

    beat.timeout.connect(tick)
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    clock.start()
    beat.start()
    start()
    loop.exec()
    beat.stop()
    stop()
    return gaps[1:]


def ahead_stalls(seconds: float, width: int = 3840, height: int = 2160, tiles: int = 12) -> None:
    """The GUI thread's heartbeat while another thread draws the tiles' sparklines ahead without pause
    (a new snapshot's pictures, again and again: far more than a worker's one set per snapshot): the
    longest the GUI thread waits for the GIL meanwhile, and the time per picture on the drawing thread."""
    from newsroom.ui.widgets.spark_ahead import draw_ahead

    app, wall, turns = fresh_wall(tiles, (width, height))
    rng = random.Random(11)
    until_painted(app, wall, snapshot(rng, 0, tiles), turns, True)
    until_painted(app, wall, snapshot(rng, 1, tiles), turns, True)
    done = threading.Event()
    per_picture: list[float] = []

    def draw() -> None:
        r = 2
        while not done.is_set():
            snap = snapshot(random.Random(r), r, tiles)
            c0 = time.thread_time()
            n = draw_ahead(wall.spark_ahead, snap.topics)
            if n:
                per_picture.append((time.thread_time() - c0) * 1000 / n)
            r += 1

    thread = threading.Thread(target=draw)

    def stop() -> None:
        done.set()
        thread.join()

    gaps = heartbeat_gaps(seconds, thread.start, stop)
    wall.stop()
    wall.close()
    wall.deleteLater()
    app.processEvents()
    ordered = sorted(gaps or [0.0])
    print(f"sparklines drawn ahead on another thread without pause, {width}x{height} {tiles} tiles, {seconds:g} s "
          f"({HEARTBEAT_MS} ms heartbeat on the GUI thread; target max < 50 ms):")
    print(f"  gap p50 {ordered[len(ordered) // 2]:5.1f} ms  p99 {ordered[int(0.99 * (len(ordered) - 1))]:5.1f} ms  "
          f"max {ordered[-1]:5.1f} ms | {len(per_picture) * tiles} pictures, CPU per picture median "
          f"{statistics.median(per_picture) if per_picture else 0.0:4.2f} ms")


def real_app_stalls(seconds: float, speed: float) -> None:
    """The real wall as it runs (``newsroom --demo``: a reading wall and its child collector) replaying the
    demo ``speed`` times faster, measured by benchmarks/gui_stall.py (a heartbeat around its event loop)."""
    import subprocess
    import sys
    from pathlib import Path

    print(f"GUI-thread stalls of the real wall (its child collector analysing), demo at {speed:g}x for "
          f"{seconds:g} s (benchmarks/gui_stall.py; target max < 50 ms):", flush=True)
    script = Path(__file__).with_name("gui_stall.py")
    subprocess.run([sys.executable, str(script), "--seconds", f"{seconds:g}", "--speed", f"{speed:g}"],
                   check=False)


def stalls(seconds: float, speed: float, width: int = 1920, height: int = 1080) -> None:
    """A wall on a worker replaying the demo ``speed`` times faster; print the heartbeat's gaps."""
    import tempfile
    from pathlib import Path

    from newsroom.paths import AppPaths
    from newsroom.pipeline.factory import PRIVATE_STORE, build_demo_pipeline
    from newsroom.ui.wall import connect_worker
    from newsroom.ui.worker import PipelineWorker

    app = make_app("nl")
    started_real = time.monotonic()
    started_demo = datetime.now(UTC)

    def fast_clock() -> datetime:
        return started_demo + timedelta(seconds=(time.monotonic() - started_real) * speed)

    with tempfile.TemporaryDirectory() as tmp:
        paths = AppPaths.under(Path(tmp))
        worker = PipelineWorker(lambda: build_demo_pipeline(paths, clock=fast_clock, store_file=PRIVATE_STORE),
                                min_snapshot_interval_s=1.0, poll_ms=100)
        wall = WallWindow(tiles=TILES)
        wall.resize(width, height)
        wall.show()
        connect_worker(wall, worker)
        applied: list[float] = []
        wall.start_kiosk(drift_ms=2_000, cursor_idle_ms=3_000)
        shown: list[object] = [None]

        def note_applied() -> None:
            if wall.raw_snapshot is not shown[0]:  # a snapshot was applied since the last beat
                shown[0] = wall.raw_snapshot
                applied.append(wall.apply_ms)

        gaps = heartbeat_gaps(seconds, worker.start, worker.stop, note_applied)
        wall.stop()
        wall.close()
        wall.deleteLater()
        app.processEvents()
    gaps = gaps or [0.0]
    ordered = sorted(gaps)

    def pct(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]

    print(f"GUI-thread stalls, demo at {speed:g}x for {seconds:g} s, {width}x{height}, {TILES} tiles "
          f"({HEARTBEAT_MS} ms heartbeat; target max < 50 ms):")
    print(f"  gap p50 {pct(0.5):6.1f} ms   p99 {pct(0.99):6.1f} ms   max {ordered[-1]:6.1f} ms   "
          f"({len(gaps)} beats, {sum(1 for g in gaps if g > 50)} over 50 ms)")
    if applied:
        print(f"  {len(applied)} snapshots applied: apply median {statistics.median(applied):.1f} ms, "
              f"worst {max(applied):.1f} ms (the first: {applied[0]:.1f} ms)")
    else:
        print("  no snapshot was applied (the worker did not start in time)")


def main() -> int:
    """Run both sizes, then the stall measurement."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--stall-seconds", type=float, default=30.0,
                        help="how long the demo replays for the stall measurement (0: skip it)")
    parser.add_argument("--speed", type=float, default=100.0, help="the demo clock's speed-up")
    parser.add_argument("--ahead", choices=("off", "on", "both"), default="off",
                        help="the sparklines' pictures drawn by the GUI (off), on another thread as the "
                             "reader worker does (on), or each case both ways (compare off and on in separate "
                             "runs: the clouds' caches are module-wide, the second way in one run starts warm)")
    parser.add_argument("--cases", default="",
                        help="only these cases, e.g. 1920x1080/12,3840x2160/6 (default: every size and count)")
    parser.add_argument("--no-resize", action="store_true", help="skip the window resizes")
    parser.add_argument("--stall-in-process", action="store_true",
                        help="the stall part on the old in-process worker (analysis on a thread of the wall's "
                             "process, --in-process) instead of the real app with its child collector")
    parser.add_argument("--ahead-stall-seconds", type=float, default=5.0,
                        help="how long another thread draws sparklines ahead while the GUI beats (0: skip)")
    args = parser.parse_args()
    time_slice_steps()
    print(f"snapshot -> painted, through the event loop ({args.rounds} snapshots each after the first; "
          "target < 50 ms, and no turn over 50 ms):")
    cases = [(width, height, tiles) for width, height in SIZES for tiles in TILE_COUNTS]
    if args.cases:
        cases = [(int(size.split("x")[0]), int(size.split("x")[1]), int(n))
                 for size, n in (case.split("/") for case in args.cases.split(","))]
    modes = {"off": (False,), "on": (True,), "both": (False, True)}[args.ahead]
    for width, height, tiles in cases:
        for ahead in modes:
            measure(width, height, tiles, args.rounds, ahead)
    if not args.no_resize:
        print("a window resize (and back), the GUI thread's CPU per turn (target: no turn over 50 ms):")
        for tiles in (6, 12):
            resize_turns(tiles, (1920, 1080), (3840, 2160), max(1, args.rounds // 2))
            resize_turns(tiles, (1280, 720), (1920, 1080), max(1, args.rounds // 2))
    if args.ahead_stall_seconds > 0:
        ahead_stalls(args.ahead_stall_seconds)
    if args.stall_seconds > 0 and args.stall_in_process:
        stalls(args.stall_seconds, args.speed)
    elif args.stall_seconds > 0:
        real_app_stalls(args.stall_seconds, args.speed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
