"""X API v2 recent search against a local server: bearer, since_id, rate limits, refusals."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime

import httpx
from pytest_httpserver import HTTPServer

from newsroom.domain import Search
from newsroom.query import parse_query
from newsroom.sources.base import SourceState
from newsroom.sources.xsearch import XSource, x_query

NOW = datetime(2026, 1, 6, 16, 0, tzinfo=UTC)
SEARCH = Search("Lindeveld", '"Kanaalweg" OR #lindeveld -voetbal', ("x",))
PAGE = {
    "data": [
        {"id": "1870000000000000002", "text": "Kanaalweg dicht, weer file &amp; ergernis", "author_id": "7",
         "created_at": "2026-01-06T15:10:00.000Z", "lang": "nl",
         "public_metrics": {"retweet_count": 1, "reply_count": 2, "like_count": 3, "quote_count": 0}},
        {"id": "1870000000000000001", "text": "voetbal in #lindeveld", "author_id": "8",
         "created_at": "2026-01-06T15:00:00.000Z", "lang": "nl"},
    ],
    "includes": {"users": [{"id": "7", "username": "bewoner", "name": "Bewoner"}]},
    "meta": {"newest_id": "1870000000000000002", "oldest_id": "1870000000000000001", "result_count": 2},
}


def test_query() -> None:
    assert x_query(SEARCH, parse_query(SEARCH.query)) == "(Kanaalweg OR #lindeveld) -voetbal -is:retweet lang:nl"


def test_recent_search_with_since_id(httpserver: HTTPServer, client: httpx.Client) -> None:
    httpserver.expect_request("/2/tweets/search/recent").respond_with_data(json.dumps(PAGE),
                                                                        content_type="application/json")
    src = XSource(client, httpserver.url_for("/"), "bearer-1")
    result, state = src.fetch(SEARCH, SourceState(), NOW)
    assert result.ok and [m.text for m in result.mentions] == ["Kanaalweg dicht, weer file & ergernis"]
    m = result.mentions[0]
    assert m.url == "https://x.com/bewoner/status/1870000000000000002" and m.engagement == 6
    first = httpserver.log[0][0]
    assert first.headers["Authorization"] == "Bearer bearer-1" and "since_id" not in first.args
    assert state.values["since_id"] == "1870000000000000002"
    src.fetch(SEARCH, state, NOW)
    assert httpserver.log[1][0].args["since_id"] == "1870000000000000002"


def test_rate_limit_reset_and_bad_token(httpserver: HTTPServer, client: httpx.Client) -> None:
    reset = str(int(time.time()) + 600)
    httpserver.expect_ordered_request("/2/tweets/search/recent").respond_with_data(
        '{"title": "Too Many Requests"}', status=429, headers={"x-rate-limit-reset": reset})
    httpserver.expect_ordered_request("/2/tweets/search/recent").respond_with_data(
        '{"title": "Unauthorized", "detail": "Unauthorized"}', status=401)
    src = XSource(client, httpserver.url_for("/"), "bearer-1")
    limited, _ = src.fetch(SEARCH, SourceState(), NOW)
    assert limited.error is not None and limited.error.code == "rate_limited"
    assert limited.error.retry_after_s is not None and 500 < limited.error.retry_after_s <= 600
    refused, _ = src.fetch(SEARCH, SourceState(), NOW)
    assert refused.error is not None and refused.error.code == "auth"
    unset, _ = XSource(client, httpserver.url_for("/"), None).fetch(SEARCH, SourceState(), NOW)
    assert unset.error is not None and unset.error.code == "config"
