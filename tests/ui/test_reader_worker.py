"""Walls that only read the store: a Pipeline writes a real SQLite file, ReaderWorkers show it on real walls."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from newsroom.domain import AlertScope, WallSnapshot
from newsroom.paths import AppPaths
from newsroom.pipeline.factory import build_demo_pipeline
from newsroom.pipeline.reader import SnapshotReader
from newsroom.store import Store
from newsroom.ui.reader_worker import ReaderWorker
from newsroom.ui.wall import WallWindow, connect_worker
from tests.clock import Clock
from tests.ui.conftest import shown_wall

NEVER_MS = 60_000
START = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def crisis_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store the demo's collector wrote at the crisis (closed: everything in the main file)."""
    paths = AppPaths.under(tmp_path_factory.mktemp("collector"))
    pipeline = build_demo_pipeline(paths, clock=Clock(START), at="crisis")
    pipeline.poll_once()
    pipeline.close()
    return pipeline.store.path


@pytest.fixture
def store_file(crisis_store: Path, tmp_path: Path) -> Path:
    target = tmp_path / "shared.sqlite3"
    shutil.copyfile(crisis_store, target)
    return target


def reader_of(path: Path, clock: Callable[[], datetime]) -> Callable[[], SnapshotReader]:
    return lambda: SnapshotReader(Store.open(path), wall_name="Lindeveld", clock=clock)


def start(qtbot: QtBot, workers: list[ReaderWorker], open_reader: Callable[[], SnapshotReader],
          wall: WallWindow | None = None, **options: object) -> tuple[ReaderWorker, list[WallSnapshot]]:
    worker = ReaderWorker(open_reader, min_snapshot_interval_s=0.0, slice_s=0.05, **options)  # type: ignore[arg-type]
    got: list[WallSnapshot] = []
    worker.snapshot_ready.connect(got.append)
    if wall is not None:
        connect_worker(wall, worker)
    workers.append(worker)
    worker.start()
    qtbot.waitUntil(lambda: bool(got), timeout=NEVER_MS)
    return worker, got


def test_a_wall_shows_what_the_collector_wrote_and_follows_it(qtbot: QtBot, store_file: Path,
                                                              workers: list[ReaderWorker]) -> None:
    """(tests/pipeline/test_reader.py: the reader's snapshot equals the collecting Pipeline's own.)"""
    clock = Clock(START)
    wall = shown_wall(qtbot, frozen_clock=True)
    start(qtbot, workers, reader_of(store_file, clock), wall)
    qtbot.waitUntil(lambda: wall.raw_snapshot is not None, timeout=NEVER_MS)
    with Store.open(store_file) as collector:
        summaries = collector.topic_summaries()
        assert wall.raw_snapshot is not None and len(wall.raw_snapshot.topics) == 6
        assert {t.label for t in wall.raw_snapshot.topics} <= {t.label for t in summaries}
        assert {tile.title.text() for tile in wall.tiles} == {t.label for t in wall.raw_snapshot.topics}
        assert wall.raw_snapshot.alerts and wall.raw_snapshot.alerts == tuple(collector.active_alerts())
        # the collector renames the biggest topic: the wall follows on the change counter alone
        first = wall.raw_snapshot.topics[0]
        collector.save_topic_summaries([replace(t, label="Stormschade Kerkstraat") if t.id == first.id else t
                                        for t in summaries], clock.now)
        collector.bump_change()
        qtbot.waitUntil(lambda: any(tile.title.text() == "Stormschade Kerkstraat" for tile in wall.tiles),
                        timeout=NEVER_MS)


def test_an_ack_on_one_wall_clears_the_banner_on_another(qtbot: QtBot, store_file: Path,
                                                         workers: list[ReaderWorker]) -> None:
    clock = Clock(START)
    first, _ = start(qtbot, workers, reader_of(store_file, clock))
    _, other = start(qtbot, workers, reader_of(store_file, clock))
    alert = next(a for a in other[-1].alerts if a.scope is AlertScope.TOPIC and a.acknowledged_by is None)
    first.acknowledge(alert.id, "crisiskamer")

    def acked() -> bool:
        return any(a.id == alert.id and a.acknowledged_by == "crisiskamer" for a in other[-1].alerts)

    qtbot.waitUntil(acked, timeout=NEVER_MS)


def test_an_ack_elsewhere_is_shown_at_once_not_after_the_refresh_throttle(qtbot: QtBot, store_file: Path,
                                                                          workers: list[ReaderWorker]) -> None:
    """A wall refreshing every hour still clears a banner acknowledged on another wall at once (the
    banner's "within a second"); other changes wait for the throttle."""
    clock = Clock(START)
    worker = ReaderWorker(reader_of(store_file, clock), min_snapshot_interval_s=3600, slice_s=0.05)
    got: list[WallSnapshot] = []
    worker.snapshot_ready.connect(got.append)
    workers.append(worker)
    worker.start()
    qtbot.waitUntil(lambda: bool(got), timeout=NEVER_MS)
    alert = next(a for a in got[-1].alerts if a.acknowledged_by is None)
    with Store.open(store_file) as other:
        other.bump_change()  # a collector's change: waits for the throttle
        qtbot.wait(300)
        assert len(got) == 1
        other.acknowledge_alert(alert.id, "burgemeester", START)
        qtbot.waitUntil(lambda: any(a.id == alert.id and a.acknowledged_by == "burgemeester"
                                    for a in got[-1].alerts), timeout=30_000)  # the throttle: an hour
    assert len(got) == 2


def test_a_lost_store_keeps_the_picture_with_a_notice_and_comes_back(qtbot: QtBot, store_file: Path,
                                                                     workers: list[ReaderWorker]) -> None:
    clock = Clock(START)
    down: list[bool] = []
    opened = reader_of(store_file, clock)

    def open_reader() -> SnapshotReader:
        if down:
            raise OSError(113, "No route to host")
        return opened()

    wall = shown_wall(qtbot, frozen_clock=True)
    worker, got = start(qtbot, workers, open_reader, wall, reconnect_delays_s=(0.05,))
    qtbot.waitUntil(lambda: wall.raw_snapshot is not None, timeout=NEVER_MS)
    picture = [t.label for t in got[-1].topics]
    alert = next(a for a in got[-1].alerts if a.acknowledged_by is None)
    down.append(True)
    worker.call(lambda reader: reader.store.close())  # the connection breaks under the worker's feet
    qtbot.waitUntil(lambda: "Verbinding met de databank verbroken sinds" in wall.topbar.notice.text(),
                    timeout=NEVER_MS)
    assert worker.lost_since is not None and worker.lost_since in wall.topbar.notice.text()
    assert [t.label for t in wall.raw_snapshot.topics] == picture  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: worker.failed_reconnects >= 2, timeout=NEVER_MS)
    worker.acknowledge(alert.id, "nieuwsdienst")  # kept until the store is back
    down.clear()
    qtbot.waitUntil(lambda: worker.lost_since is None and "databank" not in wall.topbar.notice.text(),
                    timeout=NEVER_MS)
    qtbot.waitUntil(lambda: any(a.id == alert.id and a.acknowledged_by == "nieuwsdienst"
                                for a in got[-1].alerts), timeout=NEVER_MS)
    with Store.open(store_file) as store:
        assert {a.id: a.acknowledged_by for a in store.active_alerts()}[alert.id] == "nieuwsdienst"


def test_a_collector_catching_up_shows_its_backlog_on_the_reading_wall(qtbot: QtBot, store_file: Path,
                                                                       workers: list[ReaderWorker]) -> None:
    """(tests/pipeline/test_backlog.py: the collector publishes it part by part and loses nothing.)"""
    wall = shown_wall(qtbot, frozen_clock=True)
    clock = Clock(START)
    start(qtbot, workers, lambda: SnapshotReader(Store.open(store_file), wall_name="Lindeveld", demo=False,
                                                 clock=clock), wall)
    qtbot.waitUntil(lambda: wall.raw_snapshot is not None, timeout=NEVER_MS)
    assert not wall.topbar.notice.text()
    with Store.open(store_file) as collector:
        collector.set_backlog(12_000)
        collector.bump_change()
        # read whole on the wall (1080p), not elided
        qtbot.waitUntil(lambda: wall.topbar.notice.shown_text() == "Achterstand: 12.000 berichten",
                        timeout=NEVER_MS)
        assert wall.topbar.notice.isVisible()
        collector.set_backlog(0)  # caught up
        collector.bump_change()
        qtbot.waitUntil(lambda: "Achterstand" not in wall.topbar.notice.text(), timeout=NEVER_MS)


def test_a_store_that_cannot_be_opened_at_the_start_is_a_start_problem(qtbot: QtBot, tmp_path: Path,
                                                                       workers: list[ReaderWorker]) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be", encoding="utf-8")
    worker = ReaderWorker(reader_of(blocked / "shared.sqlite3", Clock(START)), retry_delays_s=(60,))
    problems: list[object] = []
    worker.start_failed.connect(problems.append)
    workers.append(worker)
    worker.start()
    qtbot.waitUntil(lambda: bool(problems), timeout=NEVER_MS)
    assert worker.failed_starts == 1


def test_a_reading_wall_imports_none_of_the_analysis() -> None:
    code = ("import sys\nimport newsroom.ui.reader_worker, newsroom.ui.wall, newsroom.ui.app\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'nltk', 'scipy', 'snowballstemmer'}))\n"
            "print(sorted(m for m in sys.modules if m.startswith(('newsroom.analysis.', 'newsroom.sources.'))"
            " or m in ('newsroom.pipeline.runner', 'newsroom.ui.worker')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # numpy stays: the wall's own sparklines and crisis chart draw with it; the cloud's layout and the
    # events' grouping, the time words and the cloud's word filter (with the set phrases and the swear words) are plain Python, sources.base the store's record of a source's state
    assert out.stdout.split("\n")[:2] == [
        "[]", "['newsroom.analysis.cloud', 'newsroom.analysis.cloud_filter', 'newsroom.analysis.events', "
            "'newsroom.analysis.set_phrases', 'newsroom.analysis.swear_words', 'newsroom.analysis.time_words', "
            "'newsroom.sources.base']"], out.stdout


def test_the_reader_worker_draws_the_tiles_sparklines_ahead_with_the_walls_pixels(
        qtbot: QtBot, store_file: Path, workers: list[ReaderWorker]) -> None:
    """(newsroom.ui.widgets.spark_ahead; tests/ui/test_spark_ahead.py: the tiles take them.)"""
    from PySide6.QtGui import QImage

    clock = Clock(START)
    wall = shown_wall(qtbot, frozen_clock=True)
    wall.set_crisis_options(auto=False, min_severity=4)  # the tiles, not the crisis view (see below)
    worker, got = start(qtbot, workers, reader_of(store_file, clock), wall)
    assert worker.spark_ahead is wall.spark_ahead
    qtbot.waitUntil(lambda: wall.raw_snapshot is not None and not wall.slices.pending(), timeout=NEVER_MS)
    shown = [t for t in wall.tiles if not t.isHidden()]
    assert len(shown) == 6 and sum(s is not None for s in wall.spark_ahead.specs()) == 6
    with Store.open(store_file) as collector:
        collector.bump_change()
    qtbot.waitUntil(lambda: len(got) >= 2 and wall.raw_snapshot is got[-1] and not wall.slices.pending(),
                    timeout=NEVER_MS)
    assert wall.spark_ahead.drawn == 6  # drawn on the worker's thread for the sizes the wall told it
    for tile in shown:  # the same series as the first snapshot: the tiles kept their own pictures
        key = tile.spark._key(tile.spark._data)
        drawn, own = wall.spark_ahead.take(key), tile.spark._pictures[key]
        assert drawn is not None and not isinstance(own, QImage)
        assert drawn.convertToFormat(QImage.Format.Format_RGB32) == own.toImage().convertToFormat(
            QImage.Format.Format_RGB32)
    wall.toggle_crisis()  # under the crisis view the tiles' sparklines are not drawn ahead
    with Store.open(store_file) as collector:
        collector.bump_change()
    qtbot.waitUntil(lambda: len(got) >= 3 and wall.raw_snapshot is got[-1] and not wall.slices.pending(),
                    timeout=NEVER_MS)
    assert not wall.crisis.isHidden()
    assert wall.spark_ahead.specs() == (None,) * len(wall.tiles)
    wall.stop()


def test_the_first_picture_is_due_at_once_even_right_after_the_machine_started(store_file: Path) -> None:
    """time.monotonic() counts from the machine's start: a wall started on a kiosk that booted less than
    the throttle ago waited that long for its first picture when "never" was 0.0."""
    worker = ReaderWorker(reader_of(store_file, Clock(START)), min_snapshot_interval_s=3600, slice_s=0.05)
    assert worker._snapshot_due(10.0)                 # ten seconds after the boot: no picture yet
    worker._last_emit, worker._dirty = 10.0, True
    assert not worker._snapshot_due(20.0)             # the throttle holds a change back
    worker._refresh_at_once()
    assert worker._snapshot_due(20.0)                 # an acknowledgement does not wait
