"""Google News, Bing News and YouTube channel feeds against a local server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from pytest_httpserver import HTTPServer

from newsroom.config.loader import parse_config
from newsroom.domain import Search
from newsroom.sources.base import SourceState
from newsroom.sources.http import make_client
from newsroom.sources.newssearch import bing_news, google_news, split_publisher, unwrap_bing
from newsroom.sources.registry import build_sources

DATA = Path(__file__).resolve().parents[1] / "data" / "sources"
NOW = datetime(2026, 1, 6, 12, 0, tzinfo=UTC)
SEARCH = Search("Kanaalweg", '"Kanaalweg" -voetbal', ("gnews", "bing"))


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    c = make_client(timeout_s=2.0)
    yield c
    c.close()


def test_google_news_query_edition_publisher_and_local_filter(httpserver: HTTPServer,
                                                                client: httpx.Client) -> None:
    httpserver.expect_request("/rss/search").respond_with_data((DATA / "gnews_search.xml").read_bytes(),
                                                               content_type="application/xml")
    src = google_news(client, httpserver.url_for("/"), "BE:nl", interval_s=900)
    result, _ = src.fetch(SEARCH, SourceState(), NOW)
    assert result.ok
    assert len(result.mentions) == 1
    m = result.mentions[0]
    assert m.title == "Brug Kanaalweg in Lindeveld blijft dicht tot eind maart"
    assert m.author == "Het Nieuwsblad"
    assert m.url == "https://news.google.com/rss/articles/CBMiTESTa1?oc=5"
    args = httpserver.log[0][0].args
    assert args["q"] == "Kanaalweg -voetbal when:1d"
    assert (args["hl"], args["gl"], args["ceid"]) == ("nl", "BE", "BE:nl")


def test_bing_unwraps_the_article_url(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/news/search").respond_with_data((DATA / "bing_news.xml").read_bytes(),
                                                                content_type="application/rss+xml")
    src = bing_news(client, httpserver.url_for("/"), "nl-BE", interval_s=900)
    result, _ = src.fetch(SEARCH, SourceState(), NOW)
    assert result.ok and len(result.mentions) == 1
    m = result.mentions[0]
    assert m.url == "https://www.hln.be/lindeveld/omleiding-kanaalweg?utm_source=bing"
    assert m.canonical_url == "https://www.hln.be/lindeveld/omleiding-kanaalweg"
    assert m.author == "HLN"
    assert httpserver.log[0][0].args["format"] == "rss"


def test_helpers() -> None:
    assert split_publisher("Brug dicht - Het Nieuwsblad") == ("Brug dicht", "Het Nieuwsblad")
    assert split_publisher("Geen uitgever hier") == ("Geen uitgever hier", "")
    assert unwrap_bing("https://www.bing.com/news/apiclick.aspx?url=javascript%3aalert(1)") == \
        "https://www.bing.com/news/apiclick.aspx?url=javascript%3aalert(1)"


def test_youtube_channels_are_feeds_filtered_locally(httpserver: HTTPServer) -> None:
    atom = b"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:yt="http://www.youtube.com/xml/schemas/2015">
<title>Stad Lindeveld</title>
<entry><id>yt:video:abc123</id><title>Werken aan de Kanaalweg: de planning</title>
<link rel="alternate" href="https://www.youtube.com/watch?v=abc123"/><published>2026-01-05T10:00:00+00:00</published>
<author><name>Stad Lindeveld</name></author></entry>
<entry><id>yt:video:def456</id><title>Nieuwjaarsreceptie</title>
<link rel="alternate" href="https://www.youtube.com/watch?v=def456"/><published>2026-01-04T10:00:00+00:00</published>
</entry></feed>"""
    httpserver.expect_request("/feeds/videos.xml").respond_with_data(atom, content_type="application/atom+xml")
    config, _ = parse_config({"sources": {"youtube": {"base_url": httpserver.url_for("/"),
                                                      "channels": ["UCtest"]}},
                              "searches": [{"name": "K", "query": "Kanaalweg", "sources": ["youtube"]}]})
    (src,) = build_sources(config)
    result, _ = src.fetch(config.searches[0], SourceState(), NOW)
    assert src.name == "youtube"
    assert [m.title for m in result.mentions] == ["Werken aan de Kanaalweg: de planning"]
    assert httpserver.log[0][0].args["channel_id"] == "UCtest"
