"""GDELT DOC 2.0 artlist against a local server: query translation, parsing, refusals, spacing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import httpx
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsroom.domain import Search
from newsroom.query import parse_query
from newsroom.sources.base import SourceState
from newsroom.sources.gdelt import GdeltSource, gdelt_query, seen_time, timespan

NOW = datetime(2026, 1, 6, 16, 0, tzinfo=UTC)
SEARCH = Search("Lindeveld", '"Kanaalweg" OR Lindeveld -voetbal', ("gdelt",))


def artlist(*articles: dict[str, str]) -> bytes:
    return json.dumps({"articles": list(articles)}).encode()


def article(url: str, title: str, seen: str = "20260106T143000Z", lang: str = "Dutch") -> dict[str, str]:
    return {"url": url, "url_mobile": "", "title": title, "seendate": seen, "socialimage": "",
            "domain": url.split("/")[2], "language": lang, "sourcecountry": "Belgium"}


def test_query_filters_and_window() -> None:
    assert gdelt_query(parse_query(SEARCH.query), "dutch", ["BE", "NL"]) == (
        '(Kanaalweg OR Lindeveld) -voetbal sourcelang:dutch (sourcecountry:BE OR sourcecountry:NL)')
    assert gdelt_query(parse_query("brand"), "", ["BE"]) == "brand sourcecountry:BE"
    assert timespan(None, NOW) == "1d"
    assert timespan(NOW - timedelta(minutes=15), NOW) == "30min"
    assert timespan(NOW - timedelta(days=3), NOW) == "1d"
    assert seen_time("20260106T143000Z", NOW) == (datetime(2026, 1, 6, 14, 30, tzinfo=UTC), ())
    assert seen_time("", NOW) == (NOW, ("date_missing",))
    assert seen_time("20270106T143000Z", NOW) == (NOW, ("date_future",))


def test_articles_become_mentions_and_exclusions_apply(httpserver: HTTPServer, client: httpx.Client) -> None:
    body = artlist(
        article("https://nieuwsblad.example/a?utm_source=x", "Kanaalweg weer dicht na ongeval"),
        article("https://sport.example/b", "Voetbalclub Lindeveld wint; voetbal feest"),
        article("https://krant.example/c", "Brug in Lindeveld hersteld", seen=""),
        article("https://krant.example/d", "Old news", seen="20251201T000000Z", lang="English"),
    )
    httpserver.expect_request("/api/v2/doc/doc").respond_with_data(body, content_type="application/json")
    src = GdeltSource(client, httpserver.url_for("/"))
    result, state = src.fetch(SEARCH, SourceState(), NOW)
    assert result.ok
    assert [m.title for m in result.mentions] == ["Kanaalweg weer dicht na ongeval", "Brug in Lindeveld hersteld"]
    first = result.mentions[0]
    assert first.canonical_url == "https://nieuwsblad.example/a"
    assert first.lang == "nl" and first.author == "nieuwsblad.example" and first.searches == ("Lindeveld",)
    assert result.mentions[1].flags == ("date_missing",)
    args = httpserver.log[0][0].args
    assert args["mode"] == "artlist" and args["format"] == "json" and args["timespan"] == "1d"
    assert "sourcelang:dutch" in args["query"]
    assert state.last_poll == NOW
    src.fetch(SEARCH, state, NOW + timedelta(minutes=15))
    assert httpserver.log[1][0].args["timespan"] == "30min"


def test_refusals_are_sentences(httpserver: HTTPServer, client: httpx.Client) -> None:
    answers = iter([
        Response("Please limit requests to one every 5 seconds or contact us.", content_type="text/plain"),
        Response("<html><body>The specified phrase is too short.</body></html>", content_type="text/html"),
        Response("{}", content_type="application/json"),
        Response('{"articles": [{"url": "https://x.example/1", "title": "Kanaalweg\x01 dicht", '
                 '"seendate": "20260106T100000Z"}]}', content_type="application/json"),
        Response('{"articles": [', content_type="application/json"),
    ])

    def handler(request: Request) -> Response:
        return next(answers)

    httpserver.expect_request("/api/v2/doc/doc").respond_with_handler(handler)
    src = GdeltSource(client, httpserver.url_for("/"))
    slow, _ = src.fetch(SEARCH, SourceState(), NOW)
    assert slow.error is not None and slow.error.code == "rate_limited" and slow.error.retry_after_s
    short, _ = src.fetch(SEARCH, SourceState(), NOW)
    assert short.error is not None and "phrase is too short" in short.error.reason
    empty, _ = src.fetch(SEARCH, SourceState(), NOW)
    assert empty.ok and empty.mentions == ()
    control, _ = src.fetch(SEARCH, SourceState(), NOW)
    assert control.ok and len(control.mentions) == 1
    broken, _ = src.fetch(SEARCH, SourceState(), NOW)
    assert broken.error is not None and "broken JSON" in broken.error.reason


def test_gdelt_declares_its_spacing(client: httpx.Client) -> None:
    src = GdeltSource(client, "https://api.gdeltproject.org")
    assert src.min_spacing_s >= 5 and src.host == "api.gdeltproject.org"
