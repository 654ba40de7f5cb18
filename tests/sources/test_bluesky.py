"""Bluesky searchPosts against a local server: session, refresh, alternatives, since, failures."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsroom.domain import Search
from newsroom.sources.base import SourceState
from newsroom.sources.bluesky import BlueskySource, post_url

NOW = datetime(2026, 1, 6, 16, 0, tzinfo=UTC)
SEARCH = Search("Lindeveld", '"Kanaalweg" OR #lindeveld -voetbal', ("bluesky",))


def post(n: int, text: str, created: str = "2026-01-06T15:00:00.000Z") -> dict[str, Any]:
    return {
        "uri": f"at://did:plc:abc{n}/app.bsky.feed.post/3k{n}xyz", "cid": f"bafy{n}",
        "author": {"did": f"did:plc:abc{n}", "handle": f"bewoner{n}.bsky.social", "displayName": "B"},
        "record": {"$type": "app.bsky.feed.post", "text": text, "createdAt": created, "langs": ["nl"]},
        "indexedAt": created, "replyCount": 1, "repostCount": 0, "likeCount": 4, "quoteCount": 0,
    }


class FakePds:
    """A PDS that hands out tokens, expires the first access token once and answers searches."""

    def __init__(self) -> None:
        self.logins = 0
        self.refreshes = 0
        self.expired_once = False

    def session(self, request: Request) -> Response:
        body = json.loads(request.data)
        if body != {"identifier": "stad.bsky.social", "password": "app-pw"}:
            return Response(json.dumps({"error": "AuthenticationRequired", "message": "Invalid identifier "
                                        "or password"}), status=401, content_type="application/json")
        self.logins += 1
        return Response(json.dumps({"accessJwt": "acc1", "refreshJwt": "ref1", "handle": "stad.bsky.social"}),
                        content_type="application/json")

    def refresh(self, request: Request) -> Response:
        assert request.headers["Authorization"] == "Bearer ref1"
        self.refreshes += 1
        return Response(json.dumps({"accessJwt": "acc2", "refreshJwt": "ref2"}), content_type="application/json")

    def search(self, request: Request) -> Response:
        if request.headers.get("Authorization") == "Bearer acc1" and not self.expired_once:
            self.expired_once = True
            return Response(json.dumps({"error": "ExpiredToken", "message": "Token has expired"}), status=400,
                            content_type="application/json")
        q = request.args["q"]
        posts = {
            "Kanaalweg -voetbal": [post(1, "De Kanaalweg is alweer dicht 😡"), post(2, "Kanaalweg en voetbal")],
            "#lindeveld -voetbal": [post(3, "Feest op de markt #lindeveld"),
                                    post(1, "De Kanaalweg is alweer dicht 😡"),
                                    post(4, "#lindeveld oud nieuws", "2025-12-01T10:00:00Z")],
        }[q]
        return Response(json.dumps({"posts": posts}), content_type="application/json")


def serve(httpserver: HTTPServer, pds: FakePds) -> None:
    httpserver.expect_request("/xrpc/com.atproto.server.createSession", method="POST").respond_with_handler(
        pds.session)
    httpserver.expect_request("/xrpc/com.atproto.server.refreshSession", method="POST").respond_with_handler(
        pds.refresh)
    httpserver.expect_request("/xrpc/app.bsky.feed.searchPosts").respond_with_handler(pds.search)


def test_search_with_session_refresh_and_local_filter(httpserver: HTTPServer, client: httpx.Client) -> None:
    pds = FakePds()
    serve(httpserver, pds)
    src = BlueskySource(client, httpserver.url_for("/"), "@stad.bsky.social", "app-pw")
    result, state = src.fetch(SEARCH, SourceState(), NOW)
    assert result.ok, result.error
    assert sorted(m.text for m in result.mentions) == ["De Kanaalweg is alweer dicht 😡",
                                                      "Feest op de markt #lindeveld"]
    m = next(m for m in result.mentions if "Kanaalweg" in m.text)
    assert m.url == "https://bsky.app/profile/bewoner1.bsky.social/post/3k1xyz"
    assert m.author == "@bewoner1.bsky.social" and m.engagement == 5 and m.lang == "nl"
    assert pds.logins == 1 and pds.refreshes == 1
    searches = [r for r, _ in httpserver.log if r.path.endswith("searchPosts")]
    assert searches[-1].args["sort"] == "latest" and searches[-1].args["lang"] == "nl"
    assert searches[-1].args["since"] == (NOW - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert state.values["newest"] == "2026-01-06T15:00:00+00:00"
    src.fetch(SEARCH, state, NOW)
    again = [r for r, _ in httpserver.log if r.path.endswith("searchPosts")][-1]
    assert again.args["since"] == "2026-01-06T14:50:00Z" and pds.logins == 1


def test_missing_or_wrong_credentials_are_explained(httpserver: HTTPServer, client: httpx.Client) -> None:
    serve(httpserver, FakePds())
    none, _ = BlueskySource(client, httpserver.url_for("/"), "", None).fetch(SEARCH, SourceState(), NOW)
    assert none.error is not None and none.error.code == "config" and "app password" in none.error.reason
    wrong, _ = BlueskySource(client, httpserver.url_for("/"), "stad.bsky.social", "nope").fetch(
        SEARCH, SourceState(), NOW)
    assert wrong.error is not None and wrong.error.code == "auth" and "stad.bsky.social" in wrong.error.reason


def test_post_url() -> None:
    assert post_url("a.bsky.social", "at://did:plc:x/app.bsky.feed.post/3kabc") == \
        "https://bsky.app/profile/a.bsky.social/post/3kabc"


class PagedPds(FakePds):
    """Pages of posts behind a cursor; the page after ``fail_after`` pages answers ``failure``."""

    def __init__(self, pages: list[list[dict[str, Any]]], fail_after: int, failure: Response) -> None:
        super().__init__()
        self.pages, self.fail_after, self.failure = pages, fail_after, failure
        self.expired_once = True

    def search(self, request: Request) -> Response:
        page = int(request.args.get("cursor", "0"))
        if page >= self.fail_after:
            return self.failure
        more = page + 1 < len(self.pages)
        return Response(json.dumps({"posts": self.pages[page], **({"cursor": str(page + 1)} if more else {})}),
                        content_type="application/json")


def full_page(start: int) -> list[dict[str, Any]]:
    return [post(start + i, f"#lindeveld melding {start + i}", f"2026-01-06T15:{i % 60:02d}:00.000Z")
            for i in range(100)]


ONE_QUERY = Search("Lindeveld", "#lindeveld", ("bluesky",))


def test_pages_follow_the_cursor_and_a_later_refusal_keeps_what_was_found(
        httpserver: HTTPServer, client: httpx.Client) -> None:
    refused = Response(json.dumps({"error": "RateLimitExceeded"}), status=429, headers={"Retry-After": "60"})
    serve(httpserver, PagedPds([full_page(0), full_page(100), full_page(200)], 2, refused))
    src = BlueskySource(client, httpserver.url_for("/"), "stad.bsky.social", "app-pw")
    result, state = src.fetch(ONE_QUERY, SourceState(), NOW)
    assert result.ok, result.error
    assert len(result.mentions) == 200
    assert state.values["newest"] == "2026-01-06T15:59:00+00:00"


def test_a_first_refusal_or_broken_json_fails_the_poll_with_its_reason(
        httpserver: HTTPServer, client: httpx.Client) -> None:
    refused = Response("slow down", status=429, headers={"Retry-After": "60"})
    serve(httpserver, PagedPds([full_page(0)], 0, refused))
    src = BlueskySource(client, httpserver.url_for("/"), "stad.bsky.social", "app-pw")
    result, state = src.fetch(ONE_QUERY, SourceState({"newest": "2026-01-06T12:00:00+00:00"}), NOW)
    assert result.error is not None and result.error.source == "bluesky"
    assert result.error.code == "rate_limited" and result.error.retry_after_s == 60
    assert state.values["newest"] == "2026-01-06T12:00:00+00:00"
    httpserver.clear()
    serve(httpserver, PagedPds([full_page(0)], 0, Response("{not json", content_type="application/json")))
    broken, _ = src.fetch(ONE_QUERY, SourceState(), NOW)
    assert broken.error is not None and broken.error.code == "parse" and "broken JSON" in broken.error.reason
