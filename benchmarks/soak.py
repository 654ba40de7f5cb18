"""A week of the wall in minutes: leaks and GUI stalls over seven simulated days with two crises.

The real wall (WallWindow, PipelineWorker, Pipeline on a fresh SQLite store, the analysis preloaded
as ``newsroom`` does) runs offscreen at 1920x1080 on a simulated clock ``--speed`` times as fast as
the real one. A generated source is polled like any other (through the Poller, on the pipeline
thread): a town's daily rhythm (a few hundred mentions a day, new street names and stories every
day, Dutch with some English and French, retweets) and two crisis spikes (day 3 afternoon, day 6
morning: thousands of negative posts in a few hours). Every simulated hour the GUI thread samples RSS,
the Python heap (allocated blocks, gc-tracked objects), Qt widgets and QObjects under the window, open
file descriptors and threads; a 10 ms heartbeat timer measures the GUI thread's stalls throughout.

Prints the growth of each sample between day 2 and the last day (target < 5 %) and the worst GUI
stalls with when they happened; writes the samples as a PNG plot (``--png``, default next to this
script). Printed, never asserted.

    QT_QPA_PLATFORM=offscreen python benchmarks/soak.py [--days 7] [--speed 2000] [--png F.png]
"""

from __future__ import annotations

import argparse
import gc
import itertools
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, QTimer, Slot
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication

from newsroom.config import Config
from newsroom.domain import FetchResult, Mention, Search
from newsroom.pipeline.preload import freeze_loaded, preload
from newsroom.pipeline.runner import Pipeline
from newsroom.sources.base import SourceState
from newsroom.sources.poller import Poller
from newsroom.store import Store
from newsroom.ui.app import make_app
from newsroom.ui.wall import WallWindow, connect_worker
from newsroom.ui.worker import PipelineWorker

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
    """Simulated time: START at ``start()``, then ``speed`` times as fast as the real clock."""

    def __init__(self, speed: float) -> None:
        self.speed = speed
        self._t0: float | None = None

    def start(self) -> None:
        """From now on the simulated clock runs."""
        self._t0 = time.monotonic()

    def __call__(self) -> datetime:
        if self._t0 is None:
            return START
        return START + timedelta(seconds=(time.monotonic() - self._t0) * self.speed)

    def hours(self) -> float:
        """Simulated hours since START."""
        return (self() - START).total_seconds() / 3600


@dataclass(frozen=True)
class Sample:
    """What the process holds at one simulated hour."""

    hour: float
    rss_mb: float
    py_blocks: int
    gc_objects: int
    widgets: int
    qobjects: int
    fds: int
    threads: int
    os_threads: int
    took_ms: float


FIELDS = ("rss_mb", "py_blocks", "gc_objects", "widgets", "qobjects", "fds", "threads", "os_threads")


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


def take_sample(hour: float, app: QApplication, wall: QObject) -> Sample:
    """One sample, taken on the GUI thread."""
    t0 = time.perf_counter()
    values = (rss_mb(), sys.getallocatedblocks(), len(gc.get_objects()), len(app.allWidgets()),
              len(wall.findChildren(QObject)), count_dir("/proc/self/fd"), threading.active_count(),
              count_dir("/proc/self/task"))
    return Sample(hour, *values, took_ms=(time.perf_counter() - t0) * 1000)  # type: ignore[arg-type]


class Soak:
    """Runs the wall until the simulated days are over, sampling every simulated hour."""

    def __init__(self, days: float, speed: float, store_path: Path, *, freeze: bool = True) -> None:
        self.days = days
        self.freeze = freeze
        self.clock = SimClock(speed)
        self.town = Town()
        self.source = SoakSource(self.town)
        self.store_path = store_path
        self.samples: list[Sample] = []
        self.ticks: list[tuple[float, float]] = []  # real time, simulated hour
        self.sampling: list[tuple[float, float]] = []  # real start, end of each sample
        self.snapshots = 0
        self.applies: list[tuple[float, float, float]] = []  # real start, end, simulated hour
        self.collections: list[tuple[float, float]] = []  # real start, end of each full collection

    def build(self) -> Pipeline:
        """The pipeline on the pipeline thread: a fresh store, the generated source behind a Poller."""
        search = Search(TOWN, TOWN, ("soak",), ("nl", "en", "fr"))
        store = Store.open(self.store_path)
        poller = Poller([self.source], [search], store, clock=self.clock, rng=random.Random(1))
        return Pipeline(Config(), store, poller, clock=self.clock, searches=(search,), wall_name=TOWN)

    def run(self) -> None:
        """The wall, the worker, the heartbeat and the sampler, until the last simulated hour."""
        app = make_app("nl")
        preload()  # as `newsroom` does before its window shows
        if self.freeze:
            freeze_loaded()
        wall = WallWindow(tiles=8)
        worker = PipelineWorker(self.build, poll_ms=100, min_snapshot_interval_s=2.0)
        connect_worker(wall, worker)  # then snapshots go through a slot that times each apply
        # the worker's slot: sliced (receive_snapshot) where the wall has it
        worker.snapshot_ready.disconnect(getattr(wall, "receive_snapshot", wall.apply_snapshot))
        applier = TimedApply(wall, self)
        worker.snapshot_ready.connect(applier.apply, Qt.ConnectionType.QueuedConnection)
        wall.resize(1920, 1080)
        wall.show()
        heartbeat = QTimer()
        heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
        heartbeat.setInterval(10)
        heartbeat.timeout.connect(lambda: self.ticks.append((time.perf_counter(), self.clock.hours())))
        sampler = QTimer()
        sampler.setInterval(20)
        next_hour = [0]

        def sample() -> None:
            hours = self.clock.hours()
            if hours >= self.days * 24:
                app.quit()
                return
            if hours >= next_hour[0]:
                start = time.perf_counter()
                self.samples.append(take_sample(hours, app, wall))
                self.sampling.append((start, time.perf_counter()))
                next_hour[0] = int(hours) + 1

        sampler.timeout.connect(sample)
        started: dict[int, float] = {}

        def collection(phase: str, info: dict[str, int]) -> None:
            if info["generation"] == 2 and phase == "start":
                started[threading.get_ident()] = time.perf_counter()
            elif info["generation"] == 2 and (begun := started.pop(threading.get_ident(), None)):
                self.collections.append((begun, time.perf_counter()))

        gc.callbacks.append(collection)
        self.clock.start()
        worker.start()
        heartbeat.start()
        sampler.start()
        app.exec()
        gc.callbacks.remove(collection)
        heartbeat.stop()
        sampler.stop()
        wall.stop()
        worker.stop(30_000)
        wall.close()
        wall.deleteLater()
        app.processEvents()



class TimedApply(QObject):
    """Applies each snapshot to the wall on the GUI thread, timing it."""

    def __init__(self, wall: WallWindow, soak: Soak) -> None:
        super().__init__(wall)
        self._wall = wall
        self._soak = soak

    @Slot(object)
    def apply(self, snapshot: object) -> None:
        start = time.perf_counter()
        # as the worker's connection does: prepared in slices, shown in a later turn, where the wall
        # has it (the span timed is then the hand-over, the slices are turns of their own)
        getattr(self._wall, "receive_snapshot", self._wall.apply_snapshot)(snapshot)
        self._soak.snapshots += 1
        self._soak.applies.append((start, time.perf_counter(), self._soak.clock.hours()))


def growth(samples: list[Sample], name: str, first_day: int, last_day: int) -> tuple[float, float, float]:
    """Mean of ``name`` over day ``first_day`` and over day ``last_day`` (1-based), and the growth in %."""
    def mean(day: int) -> float:
        xs = [getattr(s, name) for s in samples if (day - 1) * 24 <= s.hour < day * 24]
        return statistics.fmean(xs) if xs else float("nan")
    a, b = mean(first_day), mean(last_day)
    return a, b, (b - a) / a * 100 if a else float("nan")


def stalls(soak: Soak) -> list[tuple[float, float, float]]:
    """Heartbeat gaps (ms, real seconds since the first tick, simulated hour), sampling time excluded."""
    out = []
    t0 = soak.ticks[0][0] if soak.ticks else 0.0
    for (a, _), (b, hour) in itertools.pairwise(soak.ticks):
        sampled = sum(min(b, e) - max(a, s) for s, e in soak.sampling if s < b and e > a)
        out.append(((b - a - sampled) * 1000, a - t0, hour))
    return out


def plot(samples: list[Sample], path: Path, title: str) -> None:
    """Each sample series relative to its day-2 mean (1.0 = day 2), against simulated hours."""
    width, height, margin = 1600, 900, 70
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(QFont("Noto Sans", 11))
    hours = max((s.hour for s in samples), default=24.0)
    low, high = 0.5, 1.5
    area = QRectF(margin, margin, width - 2 * margin - 200, height - 2 * margin)

    def point(hour: float, value: float) -> QPointF:
        v = min(max(value, low), high)
        return QPointF(area.left() + hour / hours * area.width(),
                       area.bottom() - (v - low) / (high - low) * area.height())

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
    colours = ("#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf")
    for k, (name, colour) in enumerate(zip(FIELDS, colours, strict=True)):
        base = [getattr(s, name) for s in samples if 24 <= s.hour < 48] or [getattr(samples[0], name)]
        ref = statistics.fmean(base) or 1.0
        painter.setPen(QPen(QColor(colour), 2))
        pts = [point(s.hour, getattr(s, name) / ref) for s in samples]
        for a, b in itertools.pairwise(pts):
            painter.drawLine(a, b)
        painter.drawText(QPointF(area.right() + 15, area.top() + 20 + 22 * k), f"{name} (dag 2 = {ref:,.0f})")
    painter.setPen(QColor("black"))
    painter.setFont(QFont("Noto Sans", 14))
    painter.drawText(QPointF(margin, 40), title)
    painter.end()
    image.save(str(path))


def report(soak: Soak, real_s: float, png: Path) -> None:
    """Print the figures and write the plot."""
    samples = soak.samples
    days = int(soak.days)
    print(f"soak: {soak.days:g} simulated days at {soak.clock.speed:g}x in {real_s:.0f} s real time; "
          f"{soak.source.delivered:,} mentions delivered, {soak.snapshots} snapshots, {len(samples)} samples")
    if len(samples) < 2:
        return
    last = max(2, days)
    print(f"  growth between day 2 and day {last} (mean of each day's hourly samples; target < 5 %):")
    for name in FIELDS:
        a, b, pct = growth(samples, name, 2, last)
        top = max(getattr(s, name) for s in samples)
        print(f"    {name:11s} day 2 {a:12,.1f}   day {last} {b:12,.1f}   growth {pct:+6.1f} %   max {top:,.1f}")
    gaps = stalls(soak)
    ms = sorted(g for g, _, _ in gaps)
    q = statistics.quantiles(ms, n=100)
    print(f"  GUI heartbeat: {len(ms):,} gaps, p50 {statistics.median(ms):.1f} ms, p99 {q[98]:.1f} ms, "
          f"max {ms[-1]:.1f} ms (target < 50 ms); over 50 ms: {sum(1 for g in ms if g > 50)}; "
          f"sampling took median {statistics.median(s.took_ms for s in samples):.1f} ms (left out)")
    t0 = soak.ticks[0][0]
    for gap, at, hour in sorted(gaps, key=lambda g: -g[0])[:8]:
        day, h = divmod(hour, 24)
        a, b = t0 + at, t0 + at + gap / 1000
        gui = sum((min(b, e) - max(a, s)) * 1000 for s, e, _ in soak.applies if s < b and e > a)
        coll = sum((min(b, e) - max(a, s)) * 1000 for s, e in soak.collections if s < b and e > a)
        print(f"    {gap:7.1f} ms at {at:6.1f} s real, simulated day {int(day) + 1} {h:04.1f} h; of it: "
              f"applying a snapshot {gui:5.1f} ms, full garbage collections {coll:5.1f} ms")
    coll_ms = sorted((e - s) * 1000 for s, e in soak.collections)
    if coll_ms:
        print(f"  full garbage collections: {len(coll_ms)}, median {statistics.median(coll_ms):.1f} ms, "
              f"max {coll_ms[-1]:.1f} ms")
    apply_ms = sorted((e - s) * 1000 for s, e, _ in soak.applies)
    if apply_ms:
        print(f"  snapshots applied: {len(apply_ms)}, median {statistics.median(apply_ms):.1f} ms, "
              f"max {apply_ms[-1]:.1f} ms (GUI thread)")
    after_start = [g for g, at, _ in gaps if at > 30]
    if after_start:
        print(f"  after the first 30 s: max gap {max(after_start):.1f} ms, "
              f"over 50 ms: {sum(1 for g in after_start if g > 50)}")
    plot(samples, png, f"soak: {soak.days:g} dagen, {soak.clock.speed:g}x — elke reeks t.o.v. het "
         "gemiddelde van dag 2")
    print(f"  plot: {png}")


def main() -> int:
    """Run the soak and print the figures."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--days", type=float, default=7.0)
    parser.add_argument("--speed", type=float, default=2000.0, help="simulated seconds per real second")
    parser.add_argument("--no-freeze", action="store_true",
                        help="leave start-up objects to the garbage collector (as before freeze_loaded)")
    parser.add_argument("--png", type=Path, default=Path(__file__).with_name("soak.png"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="soak-") as folder:
        soak = Soak(args.days, args.speed, Path(folder) / "soak.sqlite3", freeze=not args.no_freeze)
        start = time.perf_counter()
        soak.run()
        report(soak, time.perf_counter() - start, args.png)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
