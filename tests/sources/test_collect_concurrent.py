"""``newsroom collect --once`` polls its pairs concurrently: a source that answers only after another
one has been served still works (one after the other, it would wait for nothing and fail)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsroom.cli import main

DATA = Path(__file__).resolve().parents[1] / "data" / "sources"


def test_collect_once_polls_sources_concurrently(server: HTTPServer, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    feed_served = threading.Event()

    def feed(request: Request) -> Response:
        feed_served.set()
        return Response((DATA / "lindeveld_rss.xml").read_bytes(), content_type="application/rss+xml")

    def news(request: Request) -> Response:
        # Google News is asked first (sources are polled in name order); it answers once the feed is served
        if not feed_served.wait(10):
            return Response("waited in vain", status=503)
        return Response((DATA / "gnews_search.xml").read_bytes(), content_type="application/rss+xml")

    server.expect_request("/feed.xml").respond_with_handler(feed)
    server.expect_request("/rss/search").respond_with_handler(news)
    cfg = tmp_path / "config.toml"
    cfg.write_text(
        '[[searches]]\nname = "Kanaalweg"\nquery = \'"Kanaalweg" -voetbal\'\nsources = ["gnews", "rss"]\n\n'
        f'[sources.rss]\nfeeds = ["{server.url_for("/feed.xml")}"]\n\n'
        f'[sources.gnews]\nbase_url = "{server.url_for("/")}"\n', encoding="utf-8")
    assert main(["collect", "--once", "--config", str(cfg), "--basedir", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "Google News: ok; 1 items" in captured.err
    assert "RSS: ok; 1 items" in captured.err
    titles = [json.loads(line)["title"] for line in captured.out.splitlines()]
    # in the order of the pairs, not of the answers
    assert titles == ["Brug Kanaalweg in Lindeveld blijft dicht tot eind maart",
                      "Brug aan de Kanaalweg opnieuw afgesloten"]
