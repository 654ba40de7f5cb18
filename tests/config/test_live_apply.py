"""Settings applied while the wall runs: a running pipeline (real SQLite store, a local HTTP server with
an RSS feed) starts polling a new search and drops a removed one with its topics; the worker applies a
config on its thread and the wall window takes the display settings at once."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from newsroom.config import Config, load_config, save_config
from newsroom.domain import Search, WallSnapshot, utcnow
from newsroom.paths import AppPaths
from newsroom.pipeline.factory import build_pipeline
from newsroom.pipeline.runner import Pipeline
from newsroom.sources.poller import Poller
from newsroom.store import Store
from newsroom.ui import messages
from newsroom.ui.app import make_app
from newsroom.ui.theme import TypeScale
from newsroom.ui.wall import WallWindow, connect_worker
from newsroom.ui.worker import PipelineWorker

#: only a safety net so that a broken pipeline fails a test instead of hanging it
NEVER_S = 30.0

BRIDGE = ["De brug aan de Kanaalweg blijft dicht na de storm",
          "Kanaalweg: brug opnieuw dicht, omleiding via de ring",
          "Omleiding Kanaalweg: brug dicht tot vrijdag",
          "Brug Kanaalweg dicht, pendelbus rijdt om",
          "Pendelbus Kanaalweg rijdt om zolang de brug dicht is",
          "Kanaalweg brug dicht: files op de ring"]
MARKET = ["Brand in frituur op de Grote Markt, brandweer ter plaatse",
          "Grote Markt: frituur uitgebrand, geen gewonden",
          "Brandweer blust frituur op de Grote Markt",
          "Uitgebrande frituur Grote Markt blijft dicht",
          "Geen gewonden bij brand frituur Grote Markt",
          "Frituur op de Grote Markt na brand onbruikbaar"]


def rss(now: datetime) -> bytes:
    items = []
    for i, title in enumerate(BRIDGE + MARKET):
        published = format_datetime(now - timedelta(minutes=30 - i))
        items.append(f"<item><title>{title}</title><link>https://lindeveld.test/{i}</link>"
                     f"<guid>https://lindeveld.test/{i}</guid><description>{title}.</description>"
                     f"<pubDate>{published}</pubDate></item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Lindeveld</title>'
            f'{"".join(items)}</channel></rss>').encode()


def config_text(server: HTTPServer, *searches: tuple[str, str]) -> str:
    text = f'version = 2\n[wall]\nname = "Lindeveld"\n[sources.rss]\nfeeds = ["{server.url_for("/feed.xml")}"]\n'
    for name, query in searches:
        text += f"\n[[searches]]\nname = \"{name}\"\nquery = '{query}'\nsources = [\"rss\"]\n"
    return text


def poll_until(pipeline: Pipeline, done: Callable[[], bool]) -> None:
    deadline = time.monotonic() + NEVER_S
    while not done():
        assert time.monotonic() < deadline, "the pipeline did not get there"
        pipeline.poll_once()
        time.sleep(0.02)


def searches_on_wall(pipeline: Pipeline, snap: WallSnapshot) -> set[str]:
    """The searches whose mentions make up the topics on the wall."""
    ids = [i for t in snap.topics for i in t.representative_ids]
    return {name for m in pipeline.store.get_mentions(ids) for name in m.searches}


def stored_searches(pipeline: Pipeline) -> set[str]:
    return {name for m in pipeline.store.mentions_since(utcnow() - timedelta(days=1)) for name in m.searches}


def test_a_running_pipeline_picks_up_a_new_search_and_drops_a_removed_one(
        tmp_path: Path, server: HTTPServer) -> None:
    server.expect_request("/feed.xml").respond_with_data(rss(utcnow()), content_type="application/rss+xml")
    path = tmp_path / "config.toml"
    path.write_text(config_text(server, ("Brug", "Kanaalweg")), encoding="utf-8")
    pipeline = build_pipeline(AppPaths.under(tmp_path), path, demo=False, strict=True)
    try:
        poll_until(pipeline, lambda: bool(pipeline.snapshot().topics))
        assert stored_searches(pipeline) == {"Brug"}
        assert searches_on_wall(pipeline, pipeline.snapshot()) == {"Brug"}
        first_poller = pipeline.poller

        # Apply: a second search, as the dialog saves it
        both = config_text(server, ("Brug", "Kanaalweg"), ("Markt", '"Grote Markt"'))
        path.write_text(both, encoding="utf-8")
        diff = pipeline.reconfigure(load_config(path, strict=True).config)
        assert diff.searches_added == ("Markt",) and not diff.searches_removed
        assert pipeline.poller is not first_poller
        poll_until(pipeline, lambda: searches_on_wall(pipeline, pipeline.snapshot()) == {"Brug", "Markt"})
        assert stored_searches(pipeline) == {"Brug", "Markt"}

        # Apply: the first search removed; its topics leave the wall at once, its mentions stay stored
        path.write_text(config_text(server, ("Markt", '"Grote Markt"')), encoding="utf-8")
        diff = pipeline.reconfigure(load_config(path, strict=True).config)
        assert diff.searches_removed == ("Brug",)
        snap = pipeline.snapshot()
        assert snap.topics and searches_on_wall(pipeline, snap) == {"Markt"}
        assert [s.name for s in pipeline.searches] == ["Markt"]
        requests = len(server.log)
        pipeline.poll_once()
        assert searches_on_wall(pipeline, pipeline.snapshot()) == {"Markt"}
        assert len(server.log) == requests  # the remaining search is not due again yet
    finally:
        pipeline.close()
    # a restart on the same store keeps the removed search's topics away
    again = build_pipeline(AppPaths.under(tmp_path), path, demo=False, strict=True)
    try:
        assert searches_on_wall(again, again.snapshot()) == {"Markt"}
    finally:
        again.close()


def test_thresholds_and_display_settings_apply_at_once(tmp_path: Path, server: HTTPServer) -> None:
    server.expect_request("/feed.xml").respond_with_data(rss(utcnow()), content_type="application/rss+xml")
    path = tmp_path / "config.toml"
    path.write_text(config_text(server, ("Brug", "Kanaalweg"), ("Markt", '"Grote Markt"')), encoding="utf-8")
    pipeline = build_pipeline(AppPaths.under(tmp_path), path, demo=False, strict=True)
    try:
        poll_until(pipeline, lambda: len(pipeline.snapshot().topics) == 2)
        poller = pipeline.poller
        config = load_config(path, strict=True).config
        changed = Config(dict(config.values) | {"alerts.min_negative": 3, "alerts.sensitivity": "more",
                                                "wall.max_topics": 1, "wall.name": "Lindeveld-Noord",
                                                "wall.language": "en"}, config.searches)
        diff = pipeline.reconfigure(changed)
        assert diff.restart_needed == ("wall.language",)
        assert pipeline.poller is poller  # searches and sources as they were: polling goes on
        assert (pipeline.alerts.min_negative, pipeline.alerts.sensitivity) == (3, "more")
        snap = pipeline.snapshot()
        assert snap.wall_name == "Lindeveld-Noord" and len(snap.topics) == 1
        # the source switched off on the Sources page: no search asks it any more
        assert {source for source, _search in poller.schedule()} == {"rss"}
        pipeline.reconfigure(Config(dict(changed.values) | {"sources.rss.enabled": False}, config.searches))
        assert pipeline.poller is not poller and isinstance(pipeline.poller, Poller)
        assert pipeline.poller.schedule() == {}
        # what the wall said about the old file is over; a source this version lacks is named
        pipeline.set_notices([("config_invalid", "config.toml.corrupt-20261203-101500")])
        pipeline.reconfigure(Config(changed.values, (*config.searches, Search("Tg", "brug", ("telegram",)))))
        assert pipeline.snapshot().notices == (("source_unavailable", "telegram"),)
    finally:
        pipeline.close()


def test_the_worker_applies_a_config_and_the_wall_follows(qtbot: QtBot, tmp_path: Path,
                                                          server: HTTPServer) -> None:
    make_app("nl")
    server.expect_request("/feed.xml").respond_with_data(rss(utcnow()), content_type="application/rss+xml")
    path = tmp_path / "config.toml"
    path.write_text(config_text(server, ("Brug", "Kanaalweg")), encoding="utf-8")
    paths = AppPaths.under(tmp_path)
    worker = PipelineWorker(lambda: build_pipeline(paths, path, demo=False, strict=True), poll_ms=50,
                            min_snapshot_interval_s=0.0)
    wall = WallWindow(tiles=6)
    qtbot.addWidget(wall)
    connect_worker(wall, worker)
    try:
        worker.start()
        qtbot.waitUntil(lambda: wall.snapshot is not None and bool(wall.snapshot.topics),
                        timeout=int(NEVER_S * 1000))
        config = load_config(path, strict=True).config
        new = Config(dict(config.values) | {"wall.max_topics": 3, "display.viewing_distance_m": 10.0,
                                            "wall.language": "en"},
                     (*config.searches, Search("Markt", '"Grote Markt"', ("rss",))))
        save_config(new, path)
        worker.apply_config(new)
        qtbot.waitUntil(lambda: len(wall.tiles) == 3, timeout=int(NEVER_S * 1000))
        assert wall.distance_m == 10.0  # farther away: larger type
        assert wall.scale == TypeScale.for_screen(wall.height(), 55.0, 10.0)
        assert wall.scale.base > TypeScale.for_screen(wall.height(), 55.0, 5.0).base
        assert wall._notice == "Instellingen bewaard; deze werken pas na een herstart: wall.language"
        qtbot.waitUntil(lambda: wall.snapshot is not None and any(
            "Markt" in m.searches for m in wall.snapshot.latest), timeout=int(NEVER_S * 1000))
    finally:
        wall.stop()
        assert worker.stop()


def test_a_corrupt_file_is_backed_up_once_over_two_wall_starts_and_named_on_the_wall(
        qapp: object, tmp_path: Path) -> None:
    make_app("nl")
    path = tmp_path / "config.toml"
    path.write_text("[wall\nname = 'Lindeveld'\n", encoding="utf-8")
    paths = AppPaths.under(tmp_path)
    for _start in range(2):  # what `newsroom` does on every start: the window's settings, then the pipeline
        assert load_config(path, strict=False).config == Config()
        pipeline = build_pipeline(paths, path, demo=False)
        try:
            snap = pipeline.snapshot()
        finally:
            pipeline.close()
        kept = sorted(p.name for p in tmp_path.glob("config.toml.*"))
        assert len(kept) == 1 and kept[0].startswith("config.toml.corrupt-")
        assert snap.notices == (("config_invalid", kept[0]),)
        assert messages.notice(*snap.notices[0]) == (
            f"De configuratie kon niet gelezen worden; standaardinstellingen actief, kopie bewaard als {kept[0]}")


def test_settings_applied_on_the_unconfigured_demo_wall_start_the_configured_wall(
        qtbot: QtBot, tmp_path: Path, server: HTTPServer) -> None:
    make_app("nl")
    server.expect_request("/feed.xml").respond_with_data(rss(utcnow()), content_type="application/rss+xml")
    paths = AppPaths.under(tmp_path)
    path = tmp_path / "config.toml"

    def build_demo() -> Pipeline:  # a demo without data: the first-run wall before the dialog is done
        store = Store.open(tmp_path / "demo.sqlite3")
        return Pipeline(Config(), store, Poller([], [], store), demo=True, wall_name="Demo")

    worker = PipelineWorker(build_demo, poll_ms=50, min_snapshot_interval_s=0.0,
                            rebuild=lambda _config: build_pipeline(paths, path, demo=False))
    snapshots: list[WallSnapshot] = []
    worker.snapshot_ready.connect(snapshots.append)  # direct: a list append is safe from any thread
    try:
        worker.start()
        qtbot.waitUntil(lambda: bool(snapshots), timeout=int(NEVER_S * 1000))
        assert snapshots[-1].demo
        path.write_text(config_text(server, ("Brug", "Kanaalweg")), encoding="utf-8")
        worker.apply_config(load_config(path, strict=True).config)
        qtbot.waitUntil(lambda: not snapshots[-1].demo and bool(snapshots[-1].topics),
                        timeout=int(NEVER_S * 1000))
        assert snapshots[-1].wall_name == "Lindeveld"
    finally:
        assert worker.stop()
