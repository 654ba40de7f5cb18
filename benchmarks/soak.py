"""A week of the wall in minutes: leaks and GUI stalls over seven simulated days with two crises.

The app as ``newsroom`` runs it now: the wall's process (WallWindow offscreen at 1920x1080, its
ReaderWorker building snapshots with a SnapshotReader from the store) starts its collector as a child
process (``ChildCollector``: restarted when it dies, stopped when the wall ends) on a fresh SQLite store;
the child runs the real ``Collector`` loop (leadership lock, preload and ``freeze_loaded``, the
Pipeline, hourly retention, topic summaries published for the wall), here with a generated source
polled like any other (through the Poller) instead of the config's sources, on a simulated clock
``--speed`` times as fast as the real one (both processes read the same clock: the child writes its
start into the store). The town: a daily rhythm (a few hundred mentions a day, new street names and
stories every day, Dutch with some English and French, retweets) and two crisis spikes (day 3
afternoon, day 6 morning: thousands of negative posts in a few hours). ``--retention-days`` (default
2) lets the hourly retention really delete within the week, so the store and every state that follows
it reach their steady size and growth after day 2 is a leak, not data.

Every simulated hour each process samples itself: RSS, the Python heap (allocated blocks, gc-tracked
objects), open file descriptors, Python and OS threads; the wall also Qt widgets and QObjects under the
window, the collector also the store file (with its WAL) and how far its stored mentions lag the
simulated clock; both also glibc's heap (in use, and free but kept by the allocator), the wall also its
word caches. A 10 ms heartbeat timer on the wall's GUI thread measures its stalls throughout, and what
ran in each is logged: every GUI-thread event over 8 ms (receiver and type), every step of the wall's
slices over 8 ms (by name), every garbage collection of generation 2 or over 5 ms (with its thread).
The wall runs its garbage-collector policy as ``newsroom`` does (newsroom.ui.gc_policy;
``--no-gc-policy`` to compare).

Prints the growth of each sample between day 2 and the last day per process (target < 5 %) and the
worst GUI stalls with when they happened and what the GUI thread did meanwhile; writes the samples as a
PNG plot (``--png``, default next to this script). Printed, never asserted.

    QT_QPA_PLATFORM=offscreen python benchmarks/soak.py [--days 7] [--speed 600] [--png F.png]

At the default speed a week takes about 17 minutes (7 x 86,400 / 600 s).
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import itertools
import json
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import tracemalloc
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import slice_steps

from newsroom.config import Config
from newsroom.domain import FetchResult, Mention, Search
from newsroom.sources.base import SourceState

START = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)  # a Monday
TOWN = "Lindeveld"
#: (day, hour UTC, hours, mentions per hour at the peak, story)
CRISES = ((2, 13, 4, 1500, "storm"), (5, 8, 3, 1200, "brand"))
#: quiet mentions per hour by hour of the day (UTC; the town is an hour ahead)
RHYTHM = (2, 1, 1, 1, 2, 6, 14, 22, 26, 24, 22, 24, 26, 22, 20, 22, 26, 30, 28, 22, 16, 10, 6, 3)
SYLLABLES = ("ka", "naal", "lin", "de", "veld", "berg", "hoek", "straat", "brug", "mo", "len", "ter",
             "beek", "dries", "hof", "laan", "ve", "ste", "wijk", "gem", "ro", "ker", "sint", "mark")
THEMES = {
    "storm": ["daken", "bomen", "stroompanne", "brandweer", "kelders", "omgewaaid", "zandzakjes", "schade"],
    "brand": ["rookpluim", "brandweer", "ramen", "sluiten", "evacuatie", "loods", "hulpdiensten", "gewonden"],
    "roads": ["wegenwerken", "file", "omleiding", "handelaars", "fietspad", "asfalt", "signalisatie"],
    "fest": ["kermis", "muziek", "kinderen", "sfeer", "vrijwilligers", "optocht", "markt"],
    "parking": ["parkeerzone", "bewonerskaart", "boete", "parkeerapp", "automaat", "blauwe"],
    "bus": ["belbus", "halte", "dienstregeling", "chauffeur", "reizigers", "vertraging"],
    "waste": ["afvalophaling", "containerpark", "pmd", "sluikstort", "ophaaldag", "restafval"],
    "school": ["schoolstraat", "ouders", "leerkrachten", "speelplaats", "renovatie", "fietsers"],
}
OPENERS = ["Weer", "Vandaag", "Sinds gisteren", "Eindelijk", "Opgelet:", "Nieuws:", "Al de hele dag"]
MIDDLES = ["is het chaos aan", "zijn er problemen met", "wordt gewerkt aan", "gaat het mis bij",
           "was het druk rond", "klagen bewoners over", "is iedereen blij met"]
MOODS = ["Schandalig!", "Belachelijk dit.", "Goed bezig 👍", "Chapeau!", "Amai 😡", "", "Niet slecht.",
         "Echt triest.", "Proficiat aan iedereen.", "#lindeveld"]
CRISIS_MOODS = ["Verschrikkelijk.", "Wat een ramp!", "Sterkte aan iedereen ❤️", "Waar blijft de stad?",
                "Schandalig dat niemand waarschuwde!", "Blijf binnen!"]
ENGLISH = ["Storm damage in {p} again, roofs and trees down", "Roadworks near {p} cause long delays",
           "Great atmosphere at the fair on {p}", "Fire near {p}, keep windows closed"]
FRENCH = ["Tempête à {p}: toits arrachés et arbres tombés", "Travaux près de {p}, longs embouteillages",
          "Belle ambiance à la fête de {p}", "Incendie près de {p}, fermez les fenêtres"]


def place_name(rng: random.Random) -> str:
    """An invented street or quarter: new ones every day, so the vocabulary keeps changing."""
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
    return word.capitalize() + rng.choice(("straat", "laan", "plein", "wijk", ""))


class Town:
    """The generated mentions of each simulated hour (seeded per hour: the same run, the same posts)."""

    def __init__(self, seed: int = 16) -> None:
        self.seed = seed
        self._cache: tuple[int, list[Mention]] | None = None

    def hour(self, index: int) -> list[Mention]:
        """The mentions published in hour ``index`` since START, in time order."""
        if self._cache is not None and self._cache[0] == index:
            return self._cache[1]
        day, hour = divmod(index, 24)
        rng = random.Random(self.seed * 1_000_003 + index)
        day_rng = random.Random(self.seed * 7919 + day)
        places = [place_name(day_rng) for _ in range(8)]  # the day's streets
        stories = day_rng.sample(sorted(THEMES), 4)
        n = RHYTHM[hour] + rng.randint(0, RHYTHM[hour] // 2)
        crisis: str | None = None
        for c_day, c_hour, length, peak, story in CRISES:
            if c_day == day and c_hour <= hour < c_hour + length:
                n += round(peak * (1.0 - 0.25 * (hour - c_hour)))
                crisis = story
        out: list[Mention] = []
        texts: list[str] = []
        start = START + timedelta(hours=index)
        for k in range(n):
            place = rng.choice(places)
            r = rng.random()
            if texts and r < 0.1:
                text = rng.choice(texts[-200:]) + rng.choice(("", " RT", " via @nieuws"))
            elif r < 0.15:
                text = rng.choice(ENGLISH).format(p=place)
            elif r < 0.2:
                text = rng.choice(FRENCH).format(p=place)
            elif crisis is not None and r < 0.85:
                words = rng.sample(THEMES[crisis], rng.randint(2, 4))
                text = f"{crisis.capitalize()} in {place}: {', '.join(words)}. {rng.choice(CRISIS_MOODS)}"
            else:
                theme = rng.choice(stories)
                words = rng.sample(THEMES[theme], rng.randint(2, 4))
                text = (f"{rng.choice(OPENERS)} {rng.choice(MIDDLES)} {place}: {', '.join(words)}. "
                        f"{rng.choice(MOODS)}").strip()
            texts.append(text)
            mid = f"soak:{index}:{k}"
            out.append(Mention(id=mid, source="soak", text=text, url=f"https://example.invalid/{mid}",
                               published=start + timedelta(seconds=3600 * (k + 0.5) / max(n, 1)),
                               author=f"@bewoner{rng.randint(1, 400)}", searches=(TOWN,),
                               engagement=rng.randint(0, 30)))
        self._cache = (index, out)
        return out

    def between(self, after: datetime, until: datetime) -> list[Mention]:
        """Mentions published in (after, until]."""
        first = max(0, int((after - START).total_seconds() // 3600))
        last = int((until - START).total_seconds() // 3600)
        return [m for i in range(first, last + 1) for m in self.hour(i) if after < m.published <= until]


class SoakSource:
    """A source polled like any other: what the town published since the last poll."""

    name = "soak"
    title = "Soak"
    interval_s = 60.0  # simulated seconds
    needs_network = False

    def __init__(self, town: Town) -> None:
        self.town = town
        self.delivered = 0

    def fetch(self, search: Search, state: SourceState, now: datetime) -> tuple[FetchResult, SourceState]:
        """Everything published between the last poll and ``now``."""
        last = datetime.fromisoformat(state.values["last"]) if "last" in state.values else START
        found = tuple(self.town.between(last, now))
        self.delivered += len(found)
        return (FetchResult(self.name, search.name, found, fetched_at=now),
                SourceState({"last": now.isoformat()}, now))


class SimClock:
    """Simulated time, the same in both processes: ``origin`` (default START) at the real (epoch) time
    ``t0``, then ``speed`` times as fast as the real clock; the origin until it is started."""

    def __init__(self, speed: float, origin: datetime = START) -> None:
        self.speed = speed
        self.origin = origin
        self.t0: float | None = None

    def start(self, t0: float | None = None) -> None:
        """From ``t0`` (``time.time()``, default now) on the simulated clock runs."""
        self.t0 = time.time() if t0 is None else t0

    def __call__(self) -> datetime:
        if self.t0 is None:
            return self.origin
        return self.origin + timedelta(seconds=(time.time() - self.t0) * self.speed)

    def hours(self) -> float:
        """Simulated hours since the origin."""
        return (self() - self.origin).total_seconds() / 3600


#: the meta row in which the collector leaves its clock's start for the wall
T0_META = "soak_t0"


@dataclass(frozen=True)
class Sample:
    """What one process holds at one simulated hour (-1: not measured in that process)."""

    hour: float
    rss_mb: float
    py_blocks: int
    gc_objects: int
    fds: int
    threads: int
    os_threads: int
    widgets: int = -1
    qobjects: int = -1
    store_mb: float = -1.0
    lag_min: float = -1.0
    malloc_used_mb: float = -1.0
    malloc_free_mb: float = -1.0
    pictures_mb: float = -1.0
    cloud_words: int = -1
    layouts: int = -1
    took_ms: float = 0.0


WALL_FIELDS = ("rss_mb", "py_blocks", "gc_objects", "widgets", "qobjects", "fds", "threads", "os_threads",
               "malloc_used_mb", "malloc_free_mb", "pictures_mb", "cloud_words", "layouts")
COLLECTOR_FIELDS = ("rss_mb", "py_blocks", "gc_objects", "fds", "threads", "os_threads", "store_mb",
                    "malloc_used_mb", "malloc_free_mb")


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
        "keepcost")]


def _libc() -> Any:
    """glibc (None elsewhere: musl, macOS, Windows have no mallinfo2/malloc_trim)."""
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = _MallInfo2
        libc.malloc_trim.argtypes = [ctypes.c_size_t]
        return libc
    except (OSError, AttributeError):
        return None


LIBC = _libc()


def malloc_mb() -> tuple[float, float]:
    """glibc's heap over all arenas: MB in use by live blocks (small and mmapped) and MB free but kept
    (held inside the arenas: fragmentation when it grows); (-1, -1) without glibc."""
    if LIBC is None:
        return -1.0, -1.0
    info = LIBC.mallinfo2()
    return (info.uordblks + info.hblkhd) / 2**20, info.fordblks / 2**20


def trim_gain_mb() -> float:
    """``malloc_trim(0)`` now: the MB of RSS it gave back to the system (-1 without glibc)."""
    if LIBC is None:
        return -1.0
    before = rss_mb()
    LIBC.malloc_trim(0)
    return before - rss_mb()


def rss_mb() -> float:
    """Resident set size (Linux /proc; elsewhere the peak from getrusage)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def count_dir(path: str) -> int:
    """Entries in a /proc folder (-1 where there is none)."""
    try:
        return len(os.listdir(path))
    except OSError:
        return -1


def process_sample(hour: float, **more: float) -> Sample:
    """The figures every process has (taken on the calling thread)."""
    t0 = time.perf_counter()
    used, free = malloc_mb()
    values = {"rss_mb": rss_mb(), "py_blocks": sys.getallocatedblocks(), "gc_objects": len(gc.get_objects()),
              "fds": count_dir("/proc/self/fd"), "threads": threading.active_count(),
              "os_threads": count_dir("/proc/self/task"), "malloc_used_mb": used, "malloc_free_mb": free}
    took = (time.perf_counter() - t0) * 1000
    return Sample(hour, **values, **more, took_ms=took)  # type: ignore[arg-type]


class Diagnosis:
    """With ``--diagnose``: what grew between the start of day 2 and the last hour, by type of
    gc-tracked object (both processes) and, in the collector, by the line that allocated it
    (tracemalloc from day 2 on: too slow for the wall's GUI thread). Printed after the figures."""

    def __init__(self, process: str, days: float, *, trace: bool) -> None:
        self.process = process
        self.last_hour = days * 24 - 2  # the collector samples between polls: before the wall stops it
        self.trace = trace
        self.first: Counter[str] | None = None
        self.snapshot: Any = None
        self.lines: list[str] = []

    @staticmethod
    def types() -> Counter[str]:
        return Counter(type(o).__name__ for o in gc.get_objects())

    def hour(self, hours: float) -> bool:
        """Called every simulated hour; True once the diagnosis is written (``lines``)."""
        if self.first is None and hours >= 24:
            self.first = self.types()
            if self.trace:
                tracemalloc.start(1)
                self.snapshot = tracemalloc.take_snapshot()
            return False
        if self.first is None or self.lines or hours < self.last_hour:
            return False
        grown = self.types()
        grown.subtract(self.first)
        self.lines.append(f"  {self.process}: gc-tracked objects grown since day 2, by type: " + ", ".join(
            f"{name} {n:+,}" for name, n in grown.most_common(8) if n > 0))
        if self.trace:
            diff = tracemalloc.take_snapshot().compare_to(self.snapshot, "lineno")
            tracemalloc.stop()
            self.lines.append(f"  {self.process}: allocations grown since day 2, by line (tracemalloc):")
            for stat in diff[:12]:
                frame = stat.traceback[0]
                self.lines.append(f"    {stat.size_diff / 1024:+9,.0f} KiB {stat.count_diff:+8,} blocks  "
                                  f"{frame.filename.split('site-packages/')[-1]}:{frame.lineno}")
        return True


# --- the collector: a child process of the wall ------------------------------------------------------


def store_mb(path: Path) -> float:
    """The store file and its WAL, in MB."""
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists()) / 2**20


def simulated_collector(store_path: Path, clock: SimClock, source: Any, search: Search, config: Config, *,
                        poller_rng: random.Random | None = None, **options: Any) -> Any:
    """The real Collector (as ``newsroom collector``) polling one simulated ``source`` for ``search`` on the
    simulated ``clock``, which starts with the pipeline (its start written to the store for the wall);
    it stops on SIGTERM or when the wall closes its stdin, and is preloaded and frozen before it takes
    the lead. ``options`` go to ``Collector`` (``between_polls``, ``data_dir``)."""
    from newsroom.collector.service import Collector
    from newsroom.commands.collector import _on_signals, _stop_when_stdin_closes
    from newsroom.pipeline.preload import freeze_loaded, preload
    from newsroom.pipeline.runner import Pipeline
    from newsroom.sources.poller import Poller
    from newsroom.store import Store
    from newsroom.store.leadership import Leadership

    def build() -> Pipeline:
        store = Store.open(store_path)
        clock.start()
        store.set_meta(T0_META, repr(clock.t0))
        poller = Poller([source], [search], store, clock=clock, rng=poller_rng)
        return Pipeline(config, store, poller, clock=clock, searches=(search,), wall_name=str(config.get("wall.name")))

    def say(line: str) -> None:
        print(f"newsroom: {line}", file=sys.stderr, flush=True)

    collector = Collector(Leadership(store_path), build, store_name=str(store_path), say=say, **options)
    _on_signals(collector.request_stop)
    _stop_when_stdin_closes(collector.request_stop)
    preload()
    freeze_loaded()
    return collector


def run_collector(store_path: Path, speed: float, retention_days: int, samples: Path,
                  diagnose: Diagnosis | None = None) -> int:
    """The child: the real Collector loop on the generated source, sampling itself every simulated hour
    between two polls; stops on SIGTERM or when the wall closes its stdin (as ``newsroom collector``)."""
    from newsroom.pipeline.runner import Pipeline

    clock = SimClock(speed)
    town = Town()
    source = SoakSource(town)
    search = Search(TOWN, TOWN, ("soak",), ("nl", "en", "fr"))
    config = Config(values={"wall.name": TOWN, "store.retention_days": retention_days})
    out = samples.open("w", encoding="utf-8")
    next_hour = [0]

    def between_polls(pipeline: Pipeline) -> None:
        hours = clock.hours()
        if hours < next_hour[0]:
            return
        newest = pipeline.store.newest_published()
        lag = (clock() - newest).total_seconds() / 60 if newest is not None else -1.0
        sample = process_sample(hours, store_mb=store_mb(store_path), lag_min=lag)
        out.write(json.dumps({**asdict(sample), "delivered": source.delivered}) + "\n")
        out.flush()
        next_hour[0] = int(hours) + 1
        if diagnose is not None and diagnose.hour(hours):
            samples.with_suffix(".diagnosis").write_text("\n".join(diagnose.lines), encoding="utf-8")

    collector = simulated_collector(store_path, clock, source, search, config, poller_rng=random.Random(1),
                                    data_dir=store_path.parent, between_polls=between_polls)
    try:
        return collector.run()
    finally:
        out.close()


# --- the wall: this process ------------------------------------------------------------------------


class Soak:
    """The wall reading the store its child collector writes, until the simulated days are over."""

    def __init__(self, days: float, speed: float, folder: Path, retention_days: int, *,
                 diagnose: bool = False, gc_policy: bool = True) -> None:
        self.gc_policy = gc_policy
        self.policy: Any = None  # the wall's GcPolicy, when on
        self.diagnose = Diagnosis("wall", days, trace=True) if diagnose else None
        self.diagnosis_lines: list[str] = []
        self.days = days
        self.speed = speed
        self.retention_days = retention_days
        self.clock = SimClock(speed)
        self.store_path = folder / "soak.sqlite3"
        self.child_samples_path = folder / "collector-samples.jsonl"
        self.samples: list[Sample] = []
        self.child_samples: list[Sample] = []
        self.delivered = 0
        # the heartbeat's record in flat arrays: a tuple per beat (100 a second) would itself be the
        # wall process's biggest growth in Python blocks (the first soak of this version measured it)
        # and made at their full size now: grown as the week goes, they were the wall's RSS growth too
        # (16 bytes a beat: 1.6 MB at 600x, tracemalloc's biggest line in the wall)
        beats = int(days * 86_400 / speed * 100 * 1.25) + 6_000
        self.tick_times = array("d", bytes(8 * beats))  # real time of each beat
        self.tick_hours = array("d", bytes(8 * beats))  # simulated hour of each beat
        self.beats = 0  # how many of them are beats so far
        self.sampling: list[tuple[float, float]] = []  # real start, end of each sample
        self.snapshots = 0
        self.applies: list[tuple[float, float, float]] = []  # real start, end, simulated hour
        #: real start, end, generation and thread of each full collection (and of any over 5 ms)
        self.collections: list[tuple[float, float, int, str]] = []
        #: the GUI thread's events that took over TURN_LOG_MS: real start, end, what (receiver, event)
        self.turns: list[tuple[float, float, str]] = []
        self.trim_gain_mb = -1.0
        #: the slices' steps that took over TURN_LOG_MS: real start, end, which
        self.steps: list[tuple[float, float, str]] = []
        self.restarts = 0
        self.child_pid: int | None = None

    def child_argv(self) -> list[str]:
        """The collector's command line: this script in its collector role."""
        return [sys.executable, str(Path(__file__).resolve()), "--collector", str(self.store_path),
                "--speed", repr(self.speed), "--retention-days", str(self.retention_days),
                "--samples", str(self.child_samples_path), "--days", repr(self.days)] + (
                    ["--diagnose"] if self.diagnose is not None else [])

    def run(self) -> None:
        """The wall, its reader and child, the heartbeat and the sampler, until the last simulated hour."""
        from PySide6.QtCore import QObject, Qt, QTimer
        from PySide6.QtWidgets import QApplication

        from newsroom.collector.child import ChildCollector
        from newsroom.commands.wall import kiosk_settings
        from newsroom.pipeline.reader import SnapshotReader
        from newsroom.store import Store
        from newsroom.ui.app import make_app
        from newsroom.ui.reader_worker import ReaderWorker
        from newsroom.ui.wall import WallWindow, connect_worker

        turn_timer_app(self)  # before make_app, which then reuses it
        time_slice_steps(self)
        app = make_app("nl")
        config = Config(values={"wall.name": TOWN, "wall.max_topics": 8})
        child = ChildCollector(self.child_argv(), env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
        child.start()  # as the wall does: its imports and preload overlap the window's start
        clock = self.clock

        def open_reader() -> SnapshotReader:  # on the reader's thread, as own_collector_opener
            while not child.wait_active(0.25):
                pass
            store = Store.open(self.store_path)
            t0 = store.get_meta(T0_META)
            assert t0 is not None, "the collector starts its clock before it says it is active"
            clock.start(float(t0))
            return SnapshotReader.for_config(store, config, clock=clock)

        wall = WallWindow(tiles=8)
        wall.apply_wall_settings(config)
        if self.gc_policy:  # as run_wall, before the window shows
            from newsroom.ui.gc_policy import install as install_gc_policy

            self.policy = install_gc_policy(wall)
        worker = ReaderWorker(open_reader, config=config, min_snapshot_interval_s=2.0)
        connect_worker(wall, worker)  # then snapshots go through a slot that times each hand-over
        worker.snapshot_ready.disconnect(getattr(wall, "receive_snapshot", wall.apply_snapshot))
        applier = timed_apply(wall, self)
        worker.snapshot_ready.connect(applier.apply, Qt.ConnectionType.QueuedConnection)
        self.name_parts(wall)
        wall.resize(1920, 1080)
        wall.show()
        wall.start_kiosk(**kiosk_settings(config))
        heartbeat = QTimer()
        heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
        heartbeat.setInterval(10)
        def beat() -> None:
            if self.beats < len(self.tick_times):
                self.tick_times[self.beats], self.tick_hours[self.beats] = time.perf_counter(), clock.hours()
            else:
                self.tick_times.append(time.perf_counter())
                self.tick_hours.append(clock.hours())
            self.beats += 1

        heartbeat.timeout.connect(beat)
        sampler = QTimer()
        sampler.setInterval(20)
        next_hour = [0]

        def sample() -> None:
            if clock.t0 is None:
                return
            hours = clock.hours()
            if hours >= self.days * 24:
                app.quit()
                return
            if hours >= next_hour[0]:
                start = time.perf_counter()
                self.samples.append(process_sample(hours, widgets=len(QApplication.allWidgets()),
                                                   qobjects=len(wall.findChildren(QObject)),
                                                   **wall_caches(wall)))
                self.sampling.append((start, time.perf_counter()))
                next_hour[0] = int(hours) + 1
                if self.diagnose is not None:
                    self.diagnose.hour(hours)

        sampler.timeout.connect(sample)
        started: dict[int, float] = {}
        gui_thread = threading.get_ident()

        def collection(phase: str, info: dict[str, int]) -> None:
            if phase == "start":
                started[threading.get_ident()] = time.perf_counter()
            elif (begun := started.pop(threading.get_ident(), None)) is not None:
                end = time.perf_counter()
                if info["generation"] == 2 or end - begun > 0.005:
                    where = "GUI" if threading.get_ident() == gui_thread else "reader"
                    self.collections.append((begun, end, info["generation"], where))

        gc.callbacks.append(collection)
        worker.start()
        heartbeat.start()
        sampler.start()
        app.exec()
        gc.callbacks.remove(collection)
        self.trim_gain_mb = trim_gain_mb()
        heartbeat.stop()
        sampler.stop()
        self.child_pid = child.pid
        self.restarts = stop_wall_and_child(app, wall, worker, child)
        self.read_child_samples()

    @staticmethod
    def name_parts(wall: Any) -> None:
        """Object names by which the turn log tells the wall's slices from its font warm-up."""
        wall.slices.setObjectName("slices")
        wall.warmup.setObjectName("warmup")
        wall.picture_hold.setObjectName("hold")

    def read_child_samples(self) -> None:
        """The collector's hourly samples (written by the child as JSON lines) and its diagnosis."""
        if self.diagnose is not None:
            self.diagnosis_lines = list(self.diagnose.lines)
            child = self.child_samples_path.with_suffix(".diagnosis")
            if child.exists():
                self.diagnosis_lines += child.read_text(encoding="utf-8").splitlines()
        if not self.child_samples_path.exists():
            return
        for line in self.child_samples_path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            self.delivered = max(self.delivered, int(record.pop("delivered")))
            self.child_samples.append(Sample(**record))


#: a GUI-thread event that takes longer than this is logged with what it was (``turn_timer_app``)
TURN_LOG_MS = 8.0


def time_slice_steps(soak: Soak) -> None:
    """Each step the wall's slices run is timed, and one over TURN_LOG_MS logged by name (the Slices
    class is wrapped before the wall exists: a step's own length, whatever the turn's budget)."""

    def record(name: str, start: float, end: float) -> None:
        if (end - start) * 1000 > TURN_LOG_MS:
            soak.steps.append((start, end, "step " + name))

    slice_steps.time_slice_steps(record, time.perf_counter)


def wall_caches(wall: Any) -> dict[str, float]:
    """The wall's caches of words: the big words' pictures (MB), the clouds' shaped words (all tiles and
    the crisis view) and the cloud layouts kept."""
    from newsroom.ui.widgets import cloud

    clouds = [tile.cloud for tile in wall.tiles] + list(wall.crisis.findChildren(cloud.WordCloud))
    return {"pictures_mb": cloud._picture_bytes[0] / 2**20,
            "cloud_words": sum(len(c._statics) for c in clouds), "layouts": len(cloud._layouts)}


def turn_timer_app(soak: Soak) -> object:
    """The QApplication of the soak: each event the GUI thread handles at the top level (a timer's
    slot, a queued snapshot, a paint) is timed, and one that takes over TURN_LOG_MS is logged with its
    receiver and type, so a heartbeat gap can be told by what ran in it."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    gui = threading.get_ident()

    def describe(receiver: QObject, kind: QEvent.Type) -> str:
        name = type(receiver).__name__
        try:
            parent = receiver.parent() if isinstance(receiver, QTimer) else None
            if parent is not None:
                name = f"QTimer of {parent.objectName() or type(parent).__name__}"
            elif receiver.objectName():
                name += f" {receiver.objectName()}"
        except RuntimeError:  # deleted meanwhile
            pass
        return f"{name}: {kind.name}"

    class TurnTimer(QApplication):
        depth = 0

        def notify(self, receiver: QObject, event: QEvent) -> bool:
            if self.depth or threading.get_ident() != gui:
                return super().notify(receiver, event)
            kind = event.type()
            self.depth = 1
            start = time.perf_counter()
            try:
                return super().notify(receiver, event)
            finally:
                self.depth = 0
                end = time.perf_counter()
                if (end - start) * 1000 > TURN_LOG_MS:
                    soak.turns.append((start, end, describe(receiver, kind)))

    return TurnTimer(sys.argv[:1])


def make_timed_apply() -> type:
    """The timing slot is a QObject: defined once Qt is imported (the collector's process imports no Qt)."""
    from PySide6.QtCore import QObject, Slot

    class Timed(QObject):
        """Hands each snapshot to the wall on the GUI thread as the worker's connection does, timing it."""

        def __init__(self, wall: QObject, soak: Soak) -> None:
            super().__init__(wall)
            self._wall = wall
            self._soak = soak

        @Slot(object)
        def apply(self, snapshot: object) -> None:
            start = time.perf_counter()
            # prepared in slices, shown in a later turn (the span timed is the hand-over; the slices and
            # the final show are turns of their own, seen by the heartbeat)
            getattr(self._wall, "receive_snapshot", getattr(self._wall, "apply_snapshot", None))(snapshot)
            self._soak.snapshots += 1
            self._soak.applies.append((start, time.perf_counter(), self._soak.clock.hours()))

    return Timed


def timed_apply(wall: object, soak: Soak) -> object:
    """The timing slot object for ``wall``."""
    return make_timed_apply()(wall, soak)


def growth(samples: Sequence[Sample], name: str, first_day: int, last_day: int) -> tuple[float, float, float]:
    """Mean of ``name`` over day ``first_day`` and over day ``last_day`` (1-based), and the growth in %."""
    def mean(day: int) -> float:
        xs = [getattr(s, name) for s in samples if (day - 1) * 24 <= s.hour < day * 24]
        return statistics.fmean(xs) if xs else float("nan")
    a, b = mean(first_day), mean(last_day)
    return a, b, (b - a) / a * 100 if a else float("nan")


def overlapping(soak: Soak, a: float, b: float) -> list[tuple[float, str]]:
    """What the wall process did between real times ``a`` and ``b``: the GUI thread's long events and
    the garbage collections (any thread), ms of each inside the span, longest first."""
    ran = [((min(b, e) - max(a, s)) * 1000, what) for s, e, what in soak.turns if s < b and e > a]
    ran += [((min(b, e) - max(a, s)) * 1000, f"gc gen {g} ({w} thread)")
            for s, e, g, w in soak.collections if s < b and e > a]
    ran += [((min(b, e) - max(a, s)) * 1000, what) for s, e, what in soak.steps if s < b and e > a]
    return sorted(ran, reverse=True)


def stalls(soak: Soak) -> list[tuple[float, float, float]]:
    """Heartbeat gaps (ms, real seconds since the first tick, simulated hour), sampling time excluded."""
    out = []
    t0 = soak.tick_times[0] if soak.beats else 0.0
    beats = zip(soak.tick_times[:soak.beats], soak.tick_hours[:soak.beats], strict=True)
    for (a, _), (b, hour) in itertools.pairwise(beats):
        sampled = sum(min(b, e) - max(a, s) for s, e in soak.sampling if s < b and e > a)
        out.append(((b - a - sampled) * 1000, a - t0, hour))
    return out


def plot(panels: Sequence[tuple[str, Sequence[Sample], Sequence[str]]], path: Path, title: str) -> None:
    """One panel per process: each sample series relative to its day-2 mean (1.0 = day 2), against
    simulated hours, the crises shaded."""
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen

    width, panel_h, margin = 1600, 520, 70
    height = 60 + panel_h * len(panels)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colours = ("#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
               "#bcbd22", "#7f7f7f", "#393b79", "#ad494a", "#637939")
    low, high = 0.5, 1.5
    for p, (name, samples, fields) in enumerate(panels):
        painter.setFont(QFont("Noto Sans", 11))
        top = 60 + p * panel_h
        area = QRectF(margin, top + 30, width - 2 * margin - 230, panel_h - 90)
        hours = max((s.hour for s in samples), default=24.0) or 24.0

        def point(hour: float, value: float, area: QRectF = area, hours: float = hours) -> QPointF:
            v = min(max(value, low), high)
            return QPointF(area.left() + hour / hours * area.width(),
                           area.bottom() - (v - low) / (high - low) * area.height())

        painter.setPen(QColor("black"))
        painter.drawText(QPointF(margin, top + 20), name)
        painter.setPen(QPen(QColor("#999999"), 1))
        painter.drawRect(area)
        for day in range(int(hours // 24) + 1):
            x = area.left() + day * 24 / hours * area.width()
            painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
            painter.drawText(QPointF(x + 4, area.bottom() + 20), f"dag {day + 1}")
        for v in (0.5, 0.75, 1.0, 1.25, 1.5):
            y = point(0, v).y()
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.drawText(QPointF(area.left() - 50, y + 5), f"{v:.2f}")
        for c_day, c_hour, length, _, story in CRISES:
            x0 = point(c_day * 24 + c_hour, low).x()
            x1 = point(c_day * 24 + c_hour + length, low).x()
            painter.fillRect(QRectF(x0, area.top(), max(2.0, x1 - x0), area.height()), QColor(255, 200, 200, 90))
            painter.drawText(QPointF(x0 + 3, area.top() + 15), story)
        if not samples:
            continue
        for k, (field, colour) in enumerate(zip(fields, colours, strict=False)):
            base = [getattr(s, field) for s in samples if 24 <= s.hour < 48] or [getattr(samples[0], field)]
            ref = statistics.fmean(base) or 1.0
            painter.setPen(QPen(QColor(colour), 2))
            pts = [point(s.hour, getattr(s, field) / ref) for s in samples]
            for a, b in itertools.pairwise(pts):
                painter.drawLine(a, b)
            painter.drawText(QPointF(area.right() + 15, area.top() + 20 + 22 * k), f"{field} (dag 2 = {ref:,.1f})")
    painter.setPen(QColor("black"))
    painter.setFont(QFont("Noto Sans", 14))
    painter.drawText(QPointF(margin, 35), title)
    painter.end()
    image.save(str(path))


def print_growth(name: str, samples: Sequence[Sample], fields: Sequence[str], last: int) -> None:
    """Day 2 against the last day, per field."""
    print(f"  {name}: growth between day 2 and day {last} (mean of each day's hourly samples; target < 5 %):")
    for field in fields:
        a, b, pct = growth(samples, field, 2, last)
        top = max(getattr(s, field) for s in samples)
        print(f"    {field:11s} day 2 {a:12,.1f}   day {last} {b:12,.1f}   growth {pct:+6.1f} %   max {top:,.1f}")


def report(soak: Soak, real_s: float, png: Path) -> None:
    """Print the figures and write the plot."""
    samples, child = soak.samples, soak.child_samples
    days = int(soak.days)
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"soak: {soak.days:g} simulated days at {soak.speed:g}x in {real_s:.0f} s real time (load average "
          f"now {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}); {soak.delivered:,} mentions delivered, "
          f"{soak.snapshots} snapshots on the wall, {len(samples)} wall samples, {len(child)} collector "
          f"samples; collector restarts: {soak.restarts}; retention {soak.retention_days} days; the wall's gc "
          f"policy {'on' if soak.gc_policy else 'off (--no-gc-policy)'}")
    if len(samples) < 2:
        return
    last = max(2, days)
    print_growth("wall process (GUI, reader)", samples, WALL_FIELDS, last)
    if len(child) >= 2:
        print_growth("collector process (child)", child, COLLECTOR_FIELDS, last)
        lags = [s.lag_min for s in child if s.lag_min >= 0]
        if lags:
            print(f"    stored mentions behind the simulated clock: median {statistics.median(lags):.1f} min, "
                  f"max {max(lags):.1f} min (simulated; an hour's sample is taken between two polls)")
    gaps = stalls(soak)
    ms = sorted(g for g, _, _ in gaps)
    q = statistics.quantiles(ms, n=100)
    print(f"  GUI heartbeat: {len(ms):,} gaps, p50 {statistics.median(ms):.1f} ms, p99 {q[98]:.1f} ms, "
          f"max {ms[-1]:.1f} ms (target < 50 ms); over 50 ms: {sum(1 for g in ms if g > 50)}; "
          f"sampling took median {statistics.median(s.took_ms for s in samples):.1f} ms (left out)")
    t0 = soak.tick_times[0]
    causes: Counter[str] = Counter()
    for gap, at, _ in sorted(gaps, key=lambda g: -g[0]):
        if gap <= 50:
            break
        a, b = t0 + at, t0 + at + gap / 1000
        ran = overlapping(soak, a, b)
        causes[ran[0][1] if ran else "nothing logged (the CPU taken by other processes)"] += 1
    for gap, at, hour in sorted(gaps, key=lambda g: -g[0])[:10]:
        day, h = divmod(hour, 24)
        a, b = t0 + at, t0 + at + gap / 1000
        ran = overlapping(soak, a, b)
        print(f"    {gap:7.1f} ms at {at:6.1f} s real, simulated day {int(day) + 1} {h:04.1f} h; in it: "
              + ("; ".join(f"{what} {ms:.1f} ms" for ms, what in ran[:4]) or "nothing the GUI thread logged"))
    if causes:
        print("  the gaps over 50 ms by the longest thing in each: " + "; ".join(
            f"{what}: {n}" for what, n in causes.most_common()))
    for generation in (0, 1, 2):
        coll_ms = sorted((e - s) * 1000 for s, e, g, _ in soak.collections if g == generation)
        if coll_ms and (generation == 2 or coll_ms[-1] > 5):
            where = Counter(w for _, _, g, w in soak.collections if g == generation)
            print(f"  garbage collections of generation {generation} (wall process, "
                  + ", ".join(f"{n} on the {w} thread" for w, n in sorted(where.items()))
                  + (f"): median {statistics.median(coll_ms):.1f} ms, max {coll_ms[-1]:.1f} ms" if generation == 2
                     else f"; only those over 5 ms): max {coll_ms[-1]:.1f} ms"))
    turn_ms = sorted((e - s) * 1000 for s, e, _ in soak.turns)
    if turn_ms:
        kinds = Counter(what for _, _, what in soak.turns)
        print(f"  GUI-thread events over {TURN_LOG_MS:g} ms: {len(turn_ms)}, median {statistics.median(turn_ms):.1f} ms, "
              f"max {turn_ms[-1]:.1f} ms; " + "; ".join(f"{what} {n}" for what, n in kinds.most_common(6)))
    step_ms = sorted((e - s) * 1000 for s, e, _ in soak.steps)
    if step_ms:
        kinds = Counter(what for _, _, what in soak.steps)
        longest: dict[str, float] = {}
        for s, e, what in soak.steps:
            longest[what] = max(longest.get(what, 0.0), (e - s) * 1000)
        print(f"  slice steps over {TURN_LOG_MS:g} ms: {len(step_ms)}, max {step_ms[-1]:.1f} ms; " + "; ".join(
            f"{what[5:]} {n} (max {longest[what]:.0f} ms)" for what, n in kinds.most_common(8)))
    if soak.trim_gain_mb >= 0:
        trims = f" (the gc policy trimmed {soak.policy.trims} times in the week)" if soak.policy else ""
        print(f"  malloc_trim(0) at the end gave back {soak.trim_gain_mb:.1f} MB of the wall's RSS{trims}")
    after_start = [g for g, at, _ in gaps if at > 30]
    if after_start:
        print(f"  after the first 30 s: max gap {max(after_start):.1f} ms, "
              f"over 50 ms: {sum(1 for g in after_start if g > 50)}")
    for line in soak.diagnosis_lines:
        print(line)
    plot([("wand (GUI-proces)", samples, WALL_FIELDS), ("collector (kindproces)", child, COLLECTOR_FIELDS)],
         png, f"soak: {soak.days:g} dagen, {soak.speed:g}x — elke reeks t.o.v. het gemiddelde van dag 2")
    print(f"  plot: {png}")


def stop_wall_and_child(app: Any, wall: Any, worker: Any, child: Any) -> int:
    """Stop a wall as ``newsroom`` does: the child collector's SIGTERM first and the reader meanwhile
    (as run_wall), then close the window; the child's restart count."""
    wall.stop()
    stopping = threading.Thread(target=child.stop)
    stopping.start()
    worker.stop(30_000)
    stopping.join()
    wall.close()
    wall.deleteLater()
    app.processEvents()
    return int(child.restarts)


def main() -> int:
    """Run the soak and print the figures (or, with --collector, be the wall's child collector)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--days", type=float, default=7.0)
    parser.add_argument("--speed", type=float, default=600.0, help="simulated seconds per real second")
    parser.add_argument("--retention-days", type=int, default=2,
                        help="store.retention_days of the collector (default 2: retention deletes in the week)")
    parser.add_argument("--png", type=Path, default=Path(__file__).with_name("soak.png"))
    parser.add_argument("--collector", type=Path, metavar="STORE", help=argparse.SUPPRESS)
    parser.add_argument("--samples", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--diagnose", action="store_true",
                        help="print what grew between day 2 and the last hour (object types; the "
                             "collector's allocations by line, with tracemalloc)")
    parser.add_argument("--no-gc-policy", action="store_true",
                        help="the wall without its garbage-collector policy (newsroom.ui.gc_policy), to compare")
    args = parser.parse_args()
    if args.collector is not None:
        assert args.samples is not None
        diagnosis = Diagnosis("collector", args.days, trace=True) if args.diagnose else None
        return run_collector(args.collector, args.speed, args.retention_days, args.samples, diagnosis)
    with tempfile.TemporaryDirectory(prefix="soak-") as folder:
        soak = Soak(args.days, args.speed, Path(folder), args.retention_days, diagnose=args.diagnose,
                    gc_policy=not args.no_gc_policy)
        start = time.perf_counter()
        soak.run()
        report(soak, time.perf_counter() - start, args.png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
