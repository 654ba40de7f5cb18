"""The embedded wall's reader and its own collector, a real child process: the demo wall shows the demo
collector's store, an acknowledgement goes through the store, and settings with a search applied on the
wall (as the settings dialog's Apply does) replace the demo's collector by the configured one, which polls
the new search (a local RSS server) onto the wall."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from newsroom.collector.embedded import EmbeddedCollector
from newsroom.commands.wall import follow_settings, own_collector_opener
from newsroom.config import LoadedConfig, load_config
from newsroom.config.loader import Config
from newsroom.domain import WallSnapshot
from newsroom.paths import AppPaths
from newsroom.ui.reader_worker import ReaderWorker

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the child's stop by SIGTERM")

ROOT = Path(__file__).resolve().parents[2]
WAIT_MS = 120_000


def feed(now: datetime) -> str:
    items = "".join(
        f"<item><guid>https://nieuws.example/k{i}</guid><link>https://nieuws.example/k{i}</link>"
        f"<title>{escape(f'Kanaalweg heraangelegd, fietsers blij {i}')}</title>"
        f"<pubDate>{format_datetime(now - timedelta(minutes=5 * i))}</pubDate></item>" for i in range(6))
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Lindeveld</title>"
            f"<link>https://nieuws.example/</link><description>nieuws</description>{items}</channel></rss>")


def test_the_demo_wall_acknowledges_through_the_store_and_settings_bring_the_configured_collector(
        qtbot: QtBot, tmp_path: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    monkeypatch.delenv("NEWSROOM_IN_PROCESS", raising=False)
    httpserver.expect_request("/feed.xml").respond_with_data(feed(datetime.now(UTC)),
                                                             content_type="application/rss+xml")
    paths = AppPaths.under(tmp_path)
    paths.ensure()
    own = EmbeddedCollector(paths, tmp_path, None, demo=True, at="crisis", searches=False)
    worker = ReaderWorker(own_collector_opener(own, LoadedConfig(Config()), held=lambda: True,
                                               notices=[("no_config", "")]),
                          config=Config(), min_snapshot_interval_s=0.1, data_dir=paths.data_dir)
    follow_settings(worker, own)
    shown: list[WallSnapshot] = []
    worker.snapshot_ready.connect(shown.append)
    worker.start()
    try:
        qtbot.waitUntil(lambda: bool(shown) and shown[-1].demo and bool(shown[-1].alerts), timeout=WAIT_MS)
        assert ("no_config", "") in shown[-1].notices
        assert own.child is not None and own.child.pid is not None
        demo_child = own.child.pid

        alert = shown[-1].alerts[0]
        worker.acknowledge(alert.id, "wall")
        qtbot.waitUntil(lambda: any(a.id == alert.id and a.acknowledged_by == "wall"
                                    for a in shown[-1].alerts), timeout=WAIT_MS)

        paths.config_file.parent.mkdir(parents=True, exist_ok=True)
        paths.config_file.write_text(
            "[wall]\nname = 'Lindeveld'\n[[searches]]\nname = 'Kanaalweg'\nquery = 'Kanaalweg'\n"
            f"sources = ['rss']\n[sources.rss]\nfeeds = ['{httpserver.url_for('/feed.xml')}']\n",
            encoding="utf-8")
        worker.apply_config(load_config(paths.config_file, strict=True).config)  # the dialog's Apply
        qtbot.waitUntil(lambda: not shown[-1].demo and any("Kanaalweg" in m.text for m in shown[-1].latest),
                        timeout=WAIT_MS)
        assert shown[-1].wall_name == "Lindeveld"
        assert ("no_config", "") not in shown[-1].notices
        assert own.child is not None and own.child.pid not in (None, demo_child)
        assert own.location == paths.store_file and paths.store_file.exists()
    finally:
        own.stop_async().join(60)
        assert worker.stop()
    assert own.child is not None and own.child.pid is None  # stopped, not restarted
