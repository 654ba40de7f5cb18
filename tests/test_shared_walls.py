"""Issue 17's "done when" on a real PostgreSQL server: one ``newsroom collector --store URL`` subprocess
fed by a local RSS server and three reading walls on one database — two in this process (ReaderWorker +
WallWindow, offscreen) and one real ``newsroom --store URL --windowed`` subprocess, watched through a
small probe that prints what its window shows. The collector logs in with the collector's role, the walls
with the walls' read-only role (``newsroom.store.roles``).

- every wall shows the collector's topics and the same alert on its banner;
- Space on one wall clears that banner on the other two (the time is printed; the target is a second,
  the assertion is generous);
- a wall's role acknowledges but cannot write mentions;
- a wall that loses the database (its backends ended, its role refused for a while) keeps its last
  picture with "Verbinding met de databank verbroken sinds …" and comes back by itself.

(The kill test of the active collector on PostgreSQL is tests/test_collector_kill.py's second case.)
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import IO, Any

import pytest
from PySide6.QtCore import Qt
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot
from werkzeug import Response

from newsroom.domain import Mention
from newsroom.pipeline.reader import SnapshotReader
from newsroom.store import open_store
from newsroom.store.opening import StoreReadOnly
from newsroom.store.roles import apply_roles
from newsroom.ui.reader_worker import ReaderWorker
from newsroom.ui.wall import WallWindow, acknowledger, connect_worker
from tests.pg_cluster import Cluster, database_of
from tests.test_collector_kill import Lines, feed_items, rss
from tests.ui.conftest import shown_wall

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Unix sockets, SIGTERM")

ROOT = Path(__file__).resolve().parents[1]
WAIT_S = 90
CONFIG = ("[wall]\nname = 'Lindeveld'\n[[searches]]\nname = 'Lindeveld'\nquery = 'Lindeveld'\n"
          "sources = ['rss']\n[sources.rss]\nfeeds = ['{feed}']\n[alerts]\nmin_severity = 1\n")
LOST = "Verbinding met de databank verbroken sinds"

#: the real wall (``newsroom.cli.main``) with a probe: every 50 ms, when it changed, one JSON line on
#: stdout with the time and what the window shows (banner, tiles, top-bar notice)
PROBE = """
import json, sys, time
import newsroom.ui.app as app_module
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from newsroom.cli import main

made = app_module.make_app
last = [None]

def report():
    for w in QApplication.topLevelWidgets():
        if w.objectName() == "wall" and getattr(w, "snapshot", None) is not None:
            seen = {"banner": w.banner.alert_id or "",
                    "tiles": sorted(t.title.text() for t in w.tiles if t.isVisible()),
                    "notice": w.topbar.notice.text()}
            if seen != last[0]:
                last[0] = seen
                print(json.dumps({"t": time.time(), **seen}), flush=True)

def make_app(*args, **kwargs):
    app = made(*args, **kwargs)
    timer = QTimer(app)
    timer.timeout.connect(report)
    timer.start(50)
    return app

app_module.make_app = make_app
sys.exit(main(sys.argv[1:]))
"""


class Probe:
    """The subprocess wall's reports, read on a thread."""

    def __init__(self, stream: IO[str]) -> None:
        self.states: list[dict[str, Any]] = []
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            with contextlib.suppress(ValueError):
                state = json.loads(line)
                with self._changed:
                    self.states.append(state)
                    self._changed.notify_all()

    def wait_for(self, check: Callable[[dict[str, Any]], bool], timeout_s: float, what: str) -> dict[str, Any]:
        """The first report (from the newest back to none missed: in order) that passes ``check``."""
        deadline = time.monotonic() + timeout_s
        with self._changed:
            while True:
                found = next((s for s in self.states if check(s)), None)
                if found is not None:
                    return found
                left = deadline - time.monotonic()
                assert left > 0, f"the subprocess wall never showed {what}: {self.states[-3:]}"
                self._changed.wait(left)


@pytest.fixture
def town(httpserver: HTTPServer, tmp_path: Path, pg_cluster: Cluster, pg_url: str) -> dict[str, Any]:
    """The feed, the roles (the collector's and the walls', with passwords) and their URLs."""
    now = datetime.now(UTC).replace(microsecond=0)
    httpserver.expect_request("/feed.xml").respond_with_handler(
        lambda _r: Response(rss(feed_items(now, grown=False)), content_type="application/rss+xml"))
    (tmp_path / "config.toml").write_text(CONFIG.format(feed=httpserver.url_for("/feed.xml")), encoding="utf-8")
    database = database_of(pg_url)
    writer, wall = f"{database}_collector", f"{database}_wall"
    apply_roles(pg_url, writer=writer, wall=wall, writer_password="pw-collector", wall_password="pw-wall")
    return {"writer": writer, "wall": wall, "admin": pg_url,
            "collector_url": pg_cluster.url(database, user=writer),
            "wall_url": pg_cluster.url(database, user=wall),
            "wall_url_pw": pg_cluster.url(database, user=wall, password="pw-wall")}


@pytest.fixture
def processes() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for p in started:
        if p.poll() is None:
            p.terminate()
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(10)
        for stream in (p.stdout, p.stderr):
            if stream is not None:
                stream.close()


def env_for(password: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
           "NEWSROOM_SECRET_STORE_PASSWORD": password}
    env.pop("NOTIFY_SOCKET", None)
    return env


def admin(url: str, sql: str) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        cur = conn.execute(sql.encode())
        return list(cur.fetchall()) if cur.description else []


def in_process_wall(qtbot: QtBot, workers: list[ReaderWorker], url: str) -> tuple[WallWindow, ReaderWorker]:
    """A wall window and its reader worker as ``newsroom --store URL`` makes them (the default throttle
    of display.refresh_s = 2 s; reconnection after 1 s)."""
    wall = shown_wall(qtbot, size=(1600, 900))
    worker = ReaderWorker(lambda: SnapshotReader(open_store(url), wall_name="Lindeveld"),
                          reconnect_delays_s=(1.0,))
    connect_worker(wall, worker)
    workers.append(worker)
    worker.start()
    return wall, worker


def tiles_of(wall: WallWindow) -> list[str]:
    return sorted(t.title.text() for t in wall.tiles if t.isVisible())


def test_three_walls_and_a_collector_on_one_postgresql(qtbot: QtBot, tmp_path: Path, town: dict[str, Any],
                                                        processes: list[subprocess.Popen[str]],
                                                        workers: list[ReaderWorker]) -> None:
    collector = subprocess.Popen(
        [sys.executable, "-m", "newsroom", "collector", "--basedir", str(tmp_path / "collector"), "--config",
         str(tmp_path / "config.toml"), "--store", town["collector_url"]],
        env=env_for("pw-collector"), text=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    processes.append(collector)
    assert collector.stderr is not None
    said = Lines(collector.stderr)
    said.wait_for("collector active on", WAIT_S)
    # the walls start while the collector polls: they wait for its first topics
    third = subprocess.Popen([sys.executable, "-c", PROBE, "--store", town["wall_url"], "--windowed",
                              "--basedir", str(tmp_path / "wall3")],
                             env=env_for("pw-wall"), text=True, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL)
    processes.append(third)
    assert third.stdout is not None
    probe = Probe(third.stdout)
    walls = [in_process_wall(qtbot, workers, town["wall_url_pw"]) for _ in range(2)]

    # 1. every wall shows the collector's topics, and the same alert on its banner
    with open_store(town["wall_url_pw"]) as store:
        qtbot.waitUntil(lambda: bool(store.active_alerts()) and len(store.topic_summaries()) >= 2,
                        timeout=WAIT_S * 1000)
        labels = {t.label for t in store.topic_summaries()}
    for wall, _ in walls:
        qtbot.waitUntil(lambda w=wall: bool(w.banner.alert_id) and len(tiles_of(w)) >= 2, timeout=WAIT_S * 1000)
    banner = walls[0][0].banner.alert_id
    assert walls[1][0].banner.alert_id == banner
    shown = probe.wait_for(lambda s: s["banner"] == banner and len(s["tiles"]) >= 2, WAIT_S,
                           "the collector's alert and topics")
    with open_store(town["wall_url_pw"]) as store:  # the collector may have moved on meanwhile
        labels |= {t.label for t in store.topic_summaries()}
    for seen in (tiles_of(walls[0][0]), tiles_of(walls[1][0]), shown["tiles"]):
        assert set(seen) <= labels, (seen, labels)

    # 2. Space on the first wall clears that banner on the other two (the target: within a second)
    began = time.time()
    qtbot.keyClick(walls[0][0], Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: walls[1][0].banner.alert_id != banner, timeout=WAIT_S * 1000)
    in_process = time.time() - began
    cleared = probe.wait_for(lambda s: s["t"] > began and s["banner"] != banner, WAIT_S, "the banner cleared")
    subprocess_s = cleared["t"] - began
    print(f"acknowledgement on one wall -> banner cleared on the second wall (same process) {in_process:.2f} s, "
          f"on the third (its own process) {subprocess_s:.2f} s")
    assert in_process < 5 and subprocess_s < 5
    with open_store(town["wall_url_pw"]) as store:
        acked = {a.id: a.acknowledged_by for a in store.active_alerts()}
        assert acked[banner] == acknowledger()  # the machine of the wall that acknowledged
        # 3. a wall's role acknowledges (above) but cannot write mentions
        with pytest.raises(StoreReadOnly, match="a wall's role only reads and acknowledges alerts"):
            store.add_mentions([Mention(id="m:wall", source="rss", text="Lindeveld iets",
                                        published=datetime.now(UTC) - timedelta(minutes=1))])
        assert not store._db.execute("SELECT 1 FROM mentions WHERE id = 'm:wall'").fetchall()

    # 4. the walls lose the database (their backends ended, their role refused meanwhile): the last
    # picture stays with the notice; they come back by themselves once the role may log in again
    pictures = [tiles_of(w) for w, _ in walls]
    shown_after_ack = probe.states[-1]
    admin(town["admin"], f'ALTER ROLE "{town["wall"]}" NOLOGIN')
    admin(town["admin"], f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{town['wall']}'")
    for (wall, worker), picture in zip(walls, pictures, strict=True):
        qtbot.waitUntil(lambda w=wall: LOST in w.topbar.notice.text(), timeout=WAIT_S * 1000)
        assert worker.lost_since is not None and worker.lost_since in wall.topbar.notice.text()
        assert tiles_of(wall) == picture
    lost = probe.wait_for(lambda s: LOST in s["notice"], WAIT_S, "the lost-database notice")
    assert lost["tiles"] == shown_after_ack["tiles"]
    qtbot.waitUntil(lambda: all(w.failed_reconnects >= 1 for _, w in walls), timeout=WAIT_S * 1000)
    assert collector.poll() is None  # the collector's own connection was not touched
    admin(town["admin"], f'ALTER ROLE "{town["wall"]}" LOGIN')
    back = time.monotonic()
    for wall, worker in walls:
        qtbot.waitUntil(lambda w=worker, v=wall: w.lost_since is None and LOST not in v.topbar.notice.text(),
                        timeout=WAIT_S * 1000)
    probe.wait_for(lambda s: s["t"] > lost["t"] and LOST not in s["notice"] and bool(s["tiles"]), WAIT_S,
                   "the picture back without the notice")
    print(f"the walls were back {time.monotonic() - back:.1f} s after the database let them in again")
    assert third.poll() is None and collector.poll() is None
