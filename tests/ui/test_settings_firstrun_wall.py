"""The first run over the running demo wall, as an operator does it: no config, the wall runs the demo,
Ctrl+, opens the settings on the first-run path, four steps typed (town, search, an RSS feed on a local
server), "Voltooien" — and the wall leaves the demo for the new config: the new search's mentions are on
the wall."""

from __future__ import annotations

from datetime import datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from PySide6.QtCore import Qt
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from newsroom.config import Config, load_config
from newsroom.domain import utcnow
from newsroom.paths import AppPaths
from newsroom.pipeline.factory import build_pipeline
from newsroom.pipeline.runner import Pipeline
from newsroom.sources.poller import Poller
from newsroom.store import Store
from newsroom.ui.app import make_app
from newsroom.ui.settings.dialog import open_from_wall
from newsroom.ui.wall import WallWindow, connect_worker
from newsroom.ui.worker import PipelineWorker

#: a safety net only: a broken path fails instead of hanging
NEVER_MS = 30_000

MARKET = ["Brand in frituur op de Grote Markt, brandweer ter plaatse",
          "Grote Markt: frituur uitgebrand, geen gewonden",
          "Brandweer blust frituur op de Grote Markt",
          "Uitgebrande frituur Grote Markt blijft dicht"]
OTHER = ["Kerstconcert in de bibliotheek", "Nieuwe fietsstraat in Lindeveld-Noord"]


def feed(now: datetime) -> bytes:
    """Items of the last half hour: four name the Grote Markt (the search keeps them), two do not."""
    items = []
    for i, title in enumerate(MARKET + OTHER):
        items.append(f"<item><title>{title}</title><link>https://lindeveld.test/{i}</link>"
                     f"<guid>https://lindeveld.test/{i}</guid><description>{title}.</description>"
                     f"<pubDate>{format_datetime(now - timedelta(minutes=30 - i))}</pubDate></item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Lindeveld</title>'
            f'{"".join(items)}</channel></rss>').encode()


def test_finishing_the_first_run_turns_the_demo_wall_into_the_configured_wall(
        qtbot: QtBot, tmp_path: Path, server: HTTPServer) -> None:
    make_app("nl")
    server.expect_request("/feed.xml").respond_with_data(feed(utcnow()), content_type="application/rss+xml")
    paths = AppPaths.under(tmp_path)
    path = paths.config_file
    assert not path.exists()

    def build_demo() -> Pipeline:  # the demo wall of a first start (no data needed to show it is the demo)
        store = Store.open(tmp_path / "demo.sqlite3")
        return Pipeline(Config(), store, Poller([], [], store), demo=True, wall_name="Demo")

    # wired as `newsroom` wires a wall that started without a config
    worker = PipelineWorker(build_demo, poll_ms=50, min_snapshot_interval_s=0.0,
                            rebuild=lambda _config: build_pipeline(paths, path, demo=False))
    wall = WallWindow()
    qtbot.addWidget(wall)
    connect_worker(wall, worker)
    worker.start()
    dialog = None
    try:
        qtbot.waitUntil(lambda: wall.snapshot is not None and wall.snapshot.demo, timeout=NEVER_MS)
        dialog = open_from_wall(wall, worker, paths, path, lang="nl")
        qtbot.addWidget(dialog)
        first = dialog.first_run
        assert dialog.views.currentWidget() is first
        qtbot.keyClicks(first.town, "Lindeveld")
        qtbot.keyClick(first.town, Qt.Key.Key_Return)  # Enter is Volgende
        assert first.steps.currentIndex() == 1
        first.search_name.setText("Markt")
        first.query.edit.selectAll()
        qtbot.keyClicks(first.query.edit, '"Grote Markt"')
        qtbot.mouseClick(first.next, Qt.MouseButton.LeftButton)
        for box in first.source_boxes.values():
            box.setChecked(False)  # no network in tests: only the local feed
        qtbot.keyClicks(first.feeds, server.url_for("/feed.xml"))
        assert first.chosen_sources() == ["rss"]  # a feed typed ticks RSS
        qtbot.mouseClick(first.next, Qt.MouseButton.LeftButton)
        assert first.next.text().replace("&", "") == "Voltooien"
        summary = first.summary.text()  # the sources by their names, not their config keys
        assert "RSS-feeds van lokale media" in summary and "rss" not in summary.replace("RSS", "")
        qtbot.mouseClick(first.next, Qt.MouseButton.LeftButton)

        config = load_config(path, strict=True).config
        assert [s.name for s in config.searches] == ["Markt"] and config.wall_name == "Lindeveld"
        qtbot.waitUntil(lambda: wall.snapshot is not None and not wall.snapshot.demo
                        and len(wall.snapshot.latest) == len(MARKET), timeout=NEVER_MS)
        snap = wall.snapshot
        assert snap is not None and snap.wall_name == "Lindeveld"
        assert sorted(m.title for m in snap.latest) == sorted(MARKET)
        assert snap.topics and all(set(m.searches) == {"Markt"} for m in snap.latest)
    finally:
        if dialog is not None:
            dialog.close()
        wall.stop()
        assert worker.stop()
