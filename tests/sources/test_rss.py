"""The RSS source against a real local HTTP server: formats, conditional GET and every failure."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsroom.domain import Search
from newsroom.sources.base import SourceState
from newsroom.sources.http import make_client
from newsroom.sources.rss import RssSource

DATA = Path(__file__).resolve().parents[1] / "data" / "sources"
FEED = (DATA / "lindeveld_rss.xml").read_bytes()
NOW = datetime(2026, 1, 6, 16, 0, tzinfo=UTC)
SEARCH = Search("Lindeveld", '"Kanaalweg" OR #lindeveld -voetbal', ("rss",))


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    c = make_client(contact="newsroom@lindeveld.example", timeout_s=2.0)
    yield c
    c.close()


def source(client: httpx.Client, *urls: str, max_bytes: int = 1_000_000) -> RssSource:
    return RssSource(client, urls, max_bytes=max_bytes)


def test_items_are_normalised_and_filtered_by_the_query(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/feed.xml").respond_with_data(FEED, content_type="application/rss+xml")
    result, _ = source(client, httpserver.url_for("/feed.xml")).fetch(SEARCH, SourceState(), NOW)
    assert result.ok
    titles = [m.title for m in result.mentions]
    assert titles == ["Brug aan de Kanaalweg opnieuw afgesloten", "Lindeveld opent noodopvang na storm"]
    first = result.mentions[0]
    assert first.text == "Brug aan de Kanaalweg opnieuw afgesloten. Pendelaars moeten omrijden & wachten."
    assert first.canonical_url == "https://streekblad.example/artikel/1?id=1"
    assert first.published == datetime(2026, 1, 6, 8, 15, tzinfo=UTC)
    assert first.author == "Streekblad Lindeveld"
    assert first.searches == ("Lindeveld",)
    request = httpserver.log[0][0]
    assert request.headers["User-Agent"].startswith("NewsroomWall/")
    assert "newsroom@lindeveld.example" in request.headers["User-Agent"]


def test_second_poll_is_conditional_and_brings_nothing_twice(httpserver: HTTPServer,
                                                             client: httpx.Client) -> None:
    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(FEED, headers={"ETag": '"v1"', "Last-Modified": "Tue, 06 Jan 2026 15:00:00 GMT"},
                        content_type="application/rss+xml")

    httpserver.expect_request("/feed.xml").respond_with_handler(handler)
    src = source(client, httpserver.url_for("/feed.xml"))
    first, state = src.fetch(SEARCH, SourceState(), NOW)
    second, _ = src.fetch(SEARCH, state, NOW)
    assert len(first.mentions) == 2
    assert second.ok and second.not_modified and second.mentions == ()
    assert httpserver.log[1][0].headers["If-Modified-Since"] == "Tue, 06 Jan 2026 15:00:00 GMT"


def test_server_error_is_a_sentence(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/feed.xml").respond_with_data("boom", status=500)
    result, _ = source(client, httpserver.url_for("/feed.xml")).fetch(SEARCH, SourceState(), NOW)
    assert result.error is not None
    assert result.error.code == "http_status"
    assert "500" in result.error.reason


def test_429_honours_retry_after(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/feed.xml").respond_with_data("slow down", status=429,
                                                             headers={"Retry-After": "3600"})
    result, _ = source(client, httpserver.url_for("/feed.xml")).fetch(SEARCH, SourceState(), NOW)
    assert result.error is not None
    assert result.error.code == "rate_limited" and result.error.retry_after_s == 3600
    assert "wait 3600 s" in result.error.reason


def test_timeout(httpserver: HTTPServer) -> None:
    import threading

    release = threading.Event()

    def slow(request: Request) -> Response:
        release.wait(5)
        return Response(FEED)

    httpserver.expect_request("/feed.xml").respond_with_handler(slow)
    fast = make_client(timeout_s=0.3)
    try:
        result, _ = source(fast, httpserver.url_for("/feed.xml")).fetch(SEARCH, SourceState(), NOW)
    finally:
        release.set()
        fast.close()
    assert result.error is not None and result.error.code == "timeout"


def test_malformed_xml_is_recorded_not_raised(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/broken.xml").respond_with_data(
        b"<rss version='2.0'><channel><item><title>Kanaalweg & brug</title></item></channel></rss>",
                                                               content_type="application/rss+xml")
    httpserver.expect_request("/junk.xml").respond_with_data(b"\x00\x01 not a feed at all",
                                                             content_type="application/rss+xml")
    broken, _ = source(client, httpserver.url_for("/broken.xml")).fetch(SEARCH, SourceState(), NOW)
    junk, _ = source(client, httpserver.url_for("/junk.xml")).fetch(SEARCH, SourceState(), NOW)
    assert broken.ok and [m.title for m in broken.mentions] == ["Kanaalweg & brug"]
    assert junk.error is not None and junk.error.code == "parse"


def test_oversized_body_is_refused(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/big.xml").respond_with_data(FEED * 50, content_type="application/rss+xml")
    result, _ = source(client, httpserver.url_for("/big.xml"), max_bytes=10_000).fetch(SEARCH, SourceState(), NOW)
    assert result.error is not None and result.error.code == "too_large"


def test_redirect_loop(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=302, headers={"Location": "/a"})
    result, _ = source(client, httpserver.url_for("/a")).fetch(SEARCH, SourceState(), NOW)
    assert result.error is not None and result.error.code == "redirects"


def test_gzip_wrong_content_type_and_latin1(httpserver: HTTPServer, client: httpx.Client) -> None:
    latin = FEED.replace(b'encoding="utf-8"', b'encoding="iso-8859-1"').replace(
        b"noodopvang", "noodopvang café".encode("iso-8859-1"))
    httpserver.expect_request("/gz.xml").respond_with_data(gzip.compress(latin), content_type="text/html",
                                                           headers={"Content-Encoding": "gzip"})
    result, _ = source(client, httpserver.url_for("/gz.xml")).fetch(SEARCH, SourceState(), NOW)
    assert result.ok
    assert "Lindeveld opent noodopvang café na storm" in [m.title for m in result.mentions]


def test_one_failing_feed_does_not_stop_the_others(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/good.xml").respond_with_data(FEED, content_type="application/rss+xml")
    httpserver.expect_request("/bad.xml").respond_with_data("no", status=503)
    src = source(client, httpserver.url_for("/bad.xml"), httpserver.url_for("/good.xml"))
    result, _ = src.fetch(SEARCH, SourceState(), NOW)
    assert result.ok and len(result.mentions) == 2


def test_slow_trickle_is_given_up(httpserver: HTTPServer) -> None:
    import time

    def trickle(request: Request) -> Response:
        def body() -> Iterator[bytes]:
            for _ in range(40):
                yield b" "
                time.sleep(0.1)
            yield FEED

        return Response(body(), content_type="application/rss+xml", direct_passthrough=True)

    httpserver.expect_request("/trickle.xml").respond_with_handler(trickle)
    slow_client = make_client(timeout_s=0.5)  # every byte comes within the read timeout
    try:
        result, _ = source(slow_client, httpserver.url_for("/trickle.xml")).fetch(SEARCH, SourceState(), NOW)
    finally:
        slow_client.close()
    assert result.error is not None and result.error.code == "timeout" and "too slowly" in result.error.reason
