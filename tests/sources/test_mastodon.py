"""Mastodon hashtag timelines against a local server: paging with min_id and Link, RSS fallback."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import httpx
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsroom.domain import Search
from newsroom.query import parse_query
from newsroom.sources.base import SourceState
from newsroom.sources.mastodon import PAGE, MastodonSource, links, tags_for

NOW = datetime(2026, 1, 6, 16, 0, tzinfo=UTC)
SEARCH = Search("Lindeveld", "#lindeveld OR #kanaalweg -voetbal", ("mastodon",))


def status(n: int, text: str, *, lang: str = "nl") -> dict[str, Any]:
    sid = str(110000000000000000 + n)
    return {
        "id": sid, "created_at": f"2026-01-06T1{n % 5}:00:00.000Z", "language": lang,
        "uri": f"https://social.example/users/bewoner{n}/statuses/{sid}",
        "url": f"https://social.example/@bewoner{n}/{sid}", "spoiler_text": "",
        "content": f'<p>{text} <a href="https://social.example/tags/lindeveld" class="mention hashtag">'
                   '#<span>lindeveld</span></a></p>',
        "replies_count": 1, "reblogs_count": 2, "favourites_count": 3, "reblog": None,
        "account": {"acct": f"bewoner{n}@social.example", "username": f"bewoner{n}"},
        "tags": [{"name": "lindeveld"}],
    }


def test_tags_and_link_header() -> None:
    assert tags_for(parse_query(SEARCH.query)) == ["lindeveld", "kanaalweg"]
    assert tags_for(parse_query('"Grote Markt" Café -x')) == ["cafe"]
    header = '<https://i.example/api/v1/timelines/tag/a?max_id=5>; rel="next", ' \
             '<https://i.example/api/v1/timelines/tag/a?min_id=9>; rel="prev"'
    assert links(header) == {"next": "https://i.example/api/v1/timelines/tag/a?max_id=5",
                             "prev": "https://i.example/api/v1/timelines/tag/a?min_id=9"}


def test_first_poll_one_page_then_forward_paging(httpserver: HTTPServer, client: httpx.Client) -> None:
    first = [status(3, "Kanaalweg weer dicht"), status(2, "voetbal vanavond"), status(1, "Mooie markt")]
    newer = [status(100 + i, f"Bericht {i} over de brug") for i in range(PAGE)]
    newest = [status(200, "Nog een bericht")]

    def tag(request: Request) -> Response:
        min_id = request.args.get("min_id")
        if min_id is None:
            return Response(json.dumps(first), content_type="application/json")
        if min_id == first[0]["id"]:
            link = f'<{httpserver.url_for("/api/v1/timelines/tag/lindeveld")}?min_id={newer[-1]["id"]}>; rel="prev"'
            return Response(json.dumps(newer[::-1]), content_type="application/json", headers={"Link": link})
        return Response(json.dumps(newest if min_id == newer[-1]["id"] else []), content_type="application/json")

    httpserver.expect_request("/api/v1/timelines/tag/lindeveld").respond_with_handler(tag)
    httpserver.expect_request("/api/v1/timelines/tag/kanaalweg").respond_with_data("[]")
    src = MastodonSource(client, httpserver.url_for("/"), token="t0k", follow_replies=False)  # paging only
    result, state = src.fetch(SEARCH, SourceState(), NOW)
    assert result.ok
    texts = sorted(m.text for m in result.mentions)
    assert texts == ["Kanaalweg weer dicht #lindeveld", "Mooie markt #lindeveld"]  # voetbal is excluded
    m = next(m for m in result.mentions if m.text.startswith("Kanaalweg"))
    assert m.author == "@bewoner3@social.example" and m.engagement == 6 and m.lang == "nl"
    assert m.published == datetime(2026, 1, 6, 13, 0, tzinfo=UTC)
    assert httpserver.log[0][0].headers["Authorization"] == "Bearer t0k"
    assert state.values["min_id"]["lindeveld"] == first[0]["id"]
    second, state2 = src.fetch(SEARCH, state, NOW)
    assert len(second.mentions) == PAGE + 1  # a full page, so the Link header's newer page is read too
    assert state2.values["min_id"]["lindeveld"] == newest[0]["id"]
    assert httpserver.log[-2][0].args["min_id"] == newer[-1]["id"]


def test_closed_api_falls_back_to_rss(httpserver: HTTPServer, client: httpx.Client) -> None:
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>#lindeveld</title>'
           b"<item><guid>https://social.example/@a/1</guid><link>https://social.example/@a/1</link>"
           b"<description>&lt;p&gt;Straat onder water #lindeveld&lt;/p&gt;</description>"
           b"<pubDate>Tue, 06 Jan 2026 12:00:00 +0000</pubDate></item></channel></rss>")
    httpserver.expect_request("/api/v1/timelines/tag/lindeveld").respond_with_json(
        {"error": "This API requires an authenticated user"}, status=401)
    httpserver.expect_request("/tags/lindeveld.rss").respond_with_data(rss, content_type="application/rss+xml")
    httpserver.expect_request("/api/v1/timelines/tag/kanaalweg").respond_with_json({"error": "x"}, status=401)
    httpserver.expect_request("/tags/kanaalweg.rss").respond_with_data(b"", status=404)
    src = MastodonSource(client, httpserver.url_for("/"))
    result, state = src.fetch(SEARCH, SourceState(), NOW)
    assert result.ok and [m.text for m in result.mentions] == ["Straat onder water #lindeveld"]
    assert state.values["mode"] == "rss"


def test_rate_limit_and_garbage(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/api/v1/timelines/tag/lindeveld").respond_with_data(
        "slow", status=429, headers={"X-RateLimit-Reset": "2099-01-01T00:00:00.000Z"})
    httpserver.expect_request("/api/v1/timelines/tag/kanaalweg").respond_with_data("<html>oops</html>")
    result, state = MastodonSource(client, httpserver.url_for("/")).fetch(SEARCH, SourceState(), NOW)
    assert result.error is not None and result.error.code == "rate_limited"
    assert result.error.retry_after_s and result.error.retry_after_s > 3600
    assert state == SourceState()
