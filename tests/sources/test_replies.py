"""The conversation under matched posts, against a local server: reply links as the sources give them
(Mastodon's local ``in_reply_to_id`` resolved to our ids, Bluesky's ``reply.parent.uri``, X's
``replied_to``) and the replies followed under posts whose reply count grew, bounded, polite, and never at
the cost of the poll's own mentions."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsroom.domain import Search
from newsroom.sources.base import SourceState
from newsroom.sources.bluesky import BlueskySource
from newsroom.sources.mastodon import MastodonSource
from newsroom.sources.normalize import stable_id
from newsroom.sources.threads import (
    BOOK_KEY,
    MAX_BOOK,
    MAX_THREADS,
    RECOUNT,
    REFUSED_KEY,
    WAIT_KEY,
    Followed,
    follow,
)
from newsroom.sources.xsearch import XSource

NOW = datetime(2026, 1, 6, 16, 0, tzinfo=UTC)
SEARCH = Search("Lindeveld", "#lindeveld -voetbal", ("mastodon", "bluesky", "x"))
HOST = "https://social.example"


def status(n: int, text: str, *, replies: int = 0, parent: int | None = None,
           created: str = "2026-01-06T15:00:00.000Z") -> dict[str, Any]:
    """A status of the instance with local id ``n`` (the uri our id is made from is not the id)."""
    return {
        "id": str(n), "created_at": created, "language": "nl", "in_reply_to_id": str(parent) if parent else None,
        "uri": f"{HOST}/users/bewoner{n}/statuses/99{n}", "url": f"{HOST}/@bewoner{n}/99{n}",
        "spoiler_text": "", "content": f"<p>{text}</p>", "replies_count": replies, "reblogs_count": 0,
        "favourites_count": 0, "reblog": None, "account": {"acct": f"bewoner{n}"},
    }


def our(n: int) -> str:
    return stable_id("mastodon", f"{HOST}/users/bewoner{n}/statuses/99{n}")


class Instance:
    """A Mastodon instance: a tag timeline, reply counts (statuses?id[]=) and contexts."""

    def __init__(self) -> None:
        self.timeline = [status(1, "Brug dicht #lindeveld", replies=2),
                         status(5, "Alweer die brug #lindeveld", parent=1)]
        self.counts = {"1": 2}
        self.context: dict[str, Any] = {"ancestors": [], "descendants": [
            status(2, "Schandalig, al drie weken", parent=1),
            status(3, "Eens, en niemand zegt iets", parent=2),
            status(4, "Antwoord op iets dat hier niet staat", parent=77),
            status(7, "Wie gaat er zondag naar het voetbal?", parent=1),
        ]}
        self.context_answer: Response | None = None
        self.context_asked = 0
        self.newer: list[dict[str, Any]] = []

    def tag(self, request: Request) -> Response:
        items = self.newer if request.args.get("min_id") else self.timeline  # min_id: what is newer
        return Response(json.dumps(items), content_type="application/json")

    def statuses(self, request: Request) -> Response:
        found = [status(int(i), "x", replies=self.counts[i]) for i in request.args.getlist("id[]")
                 if i in self.counts]
        return Response(json.dumps(found), content_type="application/json")

    def contexts(self, request: Request) -> Response:
        self.context_asked += 1
        return self.context_answer or Response(json.dumps(self.context), content_type="application/json")


def serve(httpserver: HTTPServer, instance: Instance, token: str | None = None) -> MastodonSource:
    httpserver.expect_request("/api/v1/timelines/tag/lindeveld").respond_with_handler(instance.tag)
    httpserver.expect_request("/api/v1/statuses").respond_with_handler(instance.statuses)
    httpserver.expect_request("/api/v1/statuses/1/context").respond_with_handler(instance.contexts)
    return MastodonSource(httpx.Client(timeout=2.0), httpserver.url_for("/"), token=token, reply_pause_s=0)


def test_mastodon_replies_are_followed_once_per_reply_count_with_their_parents(httpserver: HTTPServer) -> None:
    instance = Instance()
    src = serve(httpserver, instance, token="t0k")
    result, state = src.fetch(SEARCH, SourceState(), NOW)
    assert result.error is None
    context = next(r for r, _ in httpserver.log if r.path.endswith("/context"))
    assert context.headers["Authorization"] == "Bearer t0k"  # the configured token, as for the timeline
    got = {m.id: m for m in result.mentions}
    # the timeline's own reply: its parent (a local id) is in the same answer
    assert got[our(5)].reply_to == our(1) and got[our(1)].reply_to is None
    # the context: direct and nested replies, none of which has the tag; the one whose parent is unknown is
    # left out rather than linked to a guess
    assert got[our(2)].reply_to == our(1) and got[our(3)].reply_to == our(2)
    assert our(4) not in got
    assert our(7) not in got  # the search's exclusions hold for replies too
    assert {m.searches for m in result.mentions} == {("Lindeveld",)}
    assert instance.context_asked == 1
    json.dumps(state.values)  # the book is plain JSON

    result, state = src.fetch(SEARCH, state, NOW + timedelta(minutes=3))
    assert result.error is None and result.mentions == () and instance.context_asked == 1  # same count

    instance.counts["1"] = 3
    instance.context["descendants"].append(status(6, "Ik woon er ook", parent=1))
    result, state = src.fetch(SEARCH, state, NOW + timedelta(minutes=6))
    assert instance.context_asked == 2
    assert {m.id: m.reply_to for m in result.mentions}[our(6)] == our(1)

    instance.counts["1"] = 9  # older than 48 hours: no longer followed, and forgotten
    result, state = src.fetch(SEARCH, state, NOW + timedelta(hours=49))
    assert instance.context_asked == 2 and state.values[BOOK_KEY] == {}


def test_a_later_reply_s_parent_is_found_among_the_posts_of_earlier_polls(httpserver: HTTPServer) -> None:
    instance = Instance()
    src = serve(httpserver, instance)
    _, state = src.fetch(SEARCH, SourceState(), NOW)
    instance.newer = [status(8, "Nog altijd dicht #lindeveld", parent=1), status(9, "#lindeveld ?", parent=88)]
    result, _ = src.fetch(SEARCH, state, NOW + timedelta(minutes=3))
    assert {m.id: m.reply_to for m in result.mentions} == {our(8): our(1), our(9): None}


def test_a_failed_context_keeps_the_poll_and_is_tried_again_later(httpserver: HTTPServer) -> None:
    instance = Instance()
    src = serve(httpserver, instance)
    for answer, again_after in ((Response("{broken", content_type="application/json"), timedelta(minutes=31)),
                                (Response("oops", status=500), timedelta(minutes=31)),
                                (Response("slow down", status=429, headers={"Retry-After": "3600"}),
                                 timedelta(minutes=61)),
                                (Response("closed", status=401), timedelta(minutes=31))):
        instance.context_answer, instance.context_asked = answer, 0
        result, state = src.fetch(SEARCH, SourceState(), NOW)
        assert result.error is None and {our(1), our(5)} == {m.id for m in result.mentions}
        assert instance.context_asked == 1
        instance.context_answer = None
        result, state = src.fetch(SEARCH, state, NOW + timedelta(minutes=5))
        assert instance.context_asked == 1 and result.mentions == ()  # not yet
        result, state = src.fetch(SEARCH, state, NOW + again_after)
        assert instance.context_asked == 2 and our(2) in {m.id for m in result.mentions}
    assert WAIT_KEY not in state.values and REFUSED_KEY not in state.values  # the 401 is over


def test_a_deleted_post_is_not_asked_again_and_following_can_be_switched_off(httpserver: HTTPServer) -> None:
    instance = Instance()
    src = serve(httpserver, instance)
    instance.context_answer = Response(json.dumps({"error": "Record not found"}), status=404)
    _, state = src.fetch(SEARCH, SourceState(), NOW)
    src.fetch(SEARCH, state, NOW + timedelta(hours=1))
    assert instance.context_asked == 1
    off = MastodonSource(httpx.Client(timeout=2.0), httpserver.url_for("/"), follow_replies=False)
    result, _ = off.fetch(SEARCH, SourceState(), NOW)
    assert instance.context_asked == 1 and {m.id for m in result.mentions} == {our(1), our(5)}


def test_at_most_a_few_threads_per_poll_the_most_new_replies_first(httpserver: HTTPServer) -> None:
    posts = [status(10 + i, f"Bericht {i} #lindeveld", replies=1 + i) for i in range(12)]
    httpserver.expect_request("/api/v1/timelines/tag/lindeveld").respond_with_json(posts)
    httpserver.expect_request("/api/v1/statuses").respond_with_json(posts)
    asked: list[str] = []

    def context(request: Request) -> Response:
        asked.append(request.path.split("/")[-2])
        return Response(json.dumps({"ancestors": [], "descendants": []}), content_type="application/json")

    for i in range(12):
        httpserver.expect_request(f"/api/v1/statuses/{10 + i}/context").respond_with_handler(context)
    src = MastodonSource(httpx.Client(timeout=2.0), httpserver.url_for("/"), reply_pause_s=0)
    _, state = src.fetch(SEARCH, SourceState(), NOW)
    assert asked == [str(10 + i) for i in range(11, 11 - MAX_THREADS, -1)]
    assert len(httpserver.log) == 1 + 1 + MAX_THREADS  # the tag's page, one recount, the threads
    src.fetch(SEARCH, state, NOW + timedelta(minutes=3))
    assert sorted(asked[MAX_THREADS:]) == ["10", "11", "12", "13"]  # the rest, next poll


def post(n: int, text: str, *, replies: int = 0, parent: int | None = None) -> dict[str, Any]:
    record: dict[str, Any] = {"$type": "app.bsky.feed.post", "text": text, "createdAt": "2026-01-06T15:00:00Z"}
    if parent is not None:
        ref = {"uri": uri(parent), "cid": f"bafy{parent}"}
        record["reply"] = {"root": ref, "parent": ref}
    return {"uri": uri(n), "cid": f"bafy{n}", "author": {"did": f"did:plc:b{n}", "handle": f"b{n}.bsky.social"},
            "record": record, "indexedAt": "2026-01-06T15:00:00Z", "replyCount": replies}


def uri(n: int) -> str:
    return f"at://did:plc:b{n}/app.bsky.feed.post/3k{n}"


class Pds:
    def __init__(self) -> None:
        self.replies = 2
        self.threads = 0
        self.thread_answer: Response | None = None

    def search(self, request: Request) -> Response:
        return Response(json.dumps({"posts": [post(1, "Brug dicht #lindeveld", replies=self.replies)]}),
                        content_type="application/json")

    def get_posts(self, request: Request) -> Response:
        assert request.args.getlist("uris") == [uri(1)]
        return Response(json.dumps({"posts": [post(1, "x", replies=self.replies)]}), content_type="application/json")

    def thread(self, request: Request) -> Response:
        assert request.headers["Authorization"] == "Bearer acc" and request.args["uri"] == uri(1)
        self.threads += 1
        if self.thread_answer is not None:
            return self.thread_answer
        tree = {"post": post(1, "Brug dicht #lindeveld", replies=2), "replies": [
            {"post": post(2, "Schandalig", parent=1), "replies": [{"post": post(3, "Inderdaad", parent=2)}]},
            {"$type": "app.bsky.feed.defs#blockedPost", "uri": uri(8), "blocked": True},
            {"$type": "app.bsky.feed.defs#notFoundPost", "uri": uri(9), "notFound": True},
        ]}
        return Response(json.dumps({"thread": tree}), content_type="application/json")


def bluesky(httpserver: HTTPServer, pds: Pds) -> BlueskySource:
    httpserver.expect_request("/xrpc/com.atproto.server.createSession", method="POST").respond_with_json(
        {"accessJwt": "acc", "refreshJwt": "ref"})
    httpserver.expect_request("/xrpc/app.bsky.feed.searchPosts").respond_with_handler(pds.search)
    httpserver.expect_request("/xrpc/app.bsky.feed.getPosts").respond_with_handler(pds.get_posts)
    httpserver.expect_request("/xrpc/app.bsky.feed.getPostThread").respond_with_handler(pds.thread)
    return BlueskySource(httpx.Client(timeout=2.0), httpserver.url_for("/"), "stad.bsky.social", "pw",
                         reply_pause_s=0)


def test_bluesky_threads_are_followed_through_the_session(httpserver: HTTPServer) -> None:
    pds = Pds()
    src = bluesky(httpserver, pds)
    result, state = src.fetch(SEARCH, SourceState(), NOW)
    links = {m.id: m.reply_to for m in result.mentions}
    b = lambda n: stable_id("bluesky", uri(n))  # noqa: E731
    assert links == {b(1): None, b(2): b(1), b(3): b(2)} and pds.threads == 1
    assert {m.searches for m in result.mentions} == {("Lindeveld",)}
    _, state = src.fetch(SEARCH, state, NOW + timedelta(minutes=3))
    assert pds.threads == 1  # the same count
    pds.replies = 3
    _, state = src.fetch(SEARCH, state, NOW + timedelta(minutes=6))
    assert pds.threads == 2


def test_a_bluesky_thread_that_fails_keeps_the_search_s_posts(httpserver: HTTPServer) -> None:
    pds = Pds()
    src = bluesky(httpserver, pds)
    pds.thread_answer = Response(json.dumps({"error": "NotFound", "message": "Post not found"}), status=400,
                                 content_type="application/json")
    result, state = src.fetch(SEARCH, SourceState(), NOW)
    assert result.error is None and [m.text for m in result.mentions] == ["Brug dicht #lindeveld"]
    src.fetch(SEARCH, state, NOW + timedelta(hours=2))
    assert pds.threads == 1  # gone: not asked again at this count
    pds.thread_answer = Response("{", content_type="application/json")
    result, _ = src.fetch(SEARCH, SourceState(), NOW)
    assert result.error is None and len(result.mentions) == 1
    pds.thread_answer = Response("{}", status=429, headers={"Retry-After": "600"})
    result, state = src.fetch(SEARCH, SourceState(), NOW)
    assert result.error is None and len(result.mentions) == 1
    assert state.values[WAIT_KEY] == (NOW + timedelta(seconds=600)).isoformat()


def test_an_x_reply_names_the_post_it_answers(httpserver: HTTPServer) -> None:
    page = {"data": [
        {"id": "20", "text": "#lindeveld schandalig", "author_id": "7", "created_at": "2026-01-06T15:10:00Z",
         "referenced_tweets": [{"type": "quoted", "id": "5"}, {"type": "replied_to", "id": "19"}]},
        {"id": "21", "text": "#lindeveld mooi", "author_id": "7", "created_at": "2026-01-06T15:11:00Z"}],
        "meta": {"newest_id": "21"}}
    httpserver.expect_request("/2/tweets/search/recent").respond_with_json(page)
    result, _ = XSource(httpx.Client(timeout=2.0), httpserver.url_for("/"), "b").fetch(SEARCH, SourceState(), NOW)
    assert {m.id: m.reply_to for m in result.mentions} == {"x:20": "x:19", "x:21": None}
    fields = httpserver.log[0][0].args["tweet.fields"].split(",")
    assert "referenced_tweets" in fields
    assert len(httpserver.log) == 1  # conversations are not searched on X: every read is billed


class Quiet:
    """A service whose posts never get replies (the book only grows by what searches find)."""

    def __init__(self) -> None:
        self.recounted: list[int] = []

    def recount(self, keys: Any) -> dict[str, int]:
        self.recounted.append(len(keys))
        return {}

    def replies(self, post: Any, now: datetime) -> list[Any]:
        raise AssertionError("no post has replies")


def test_the_book_stays_bounded_for_a_wall_that_runs_for_months() -> None:
    values: dict[str, Any] = {}
    quiet = Quiet()
    for day in range(60):
        now = NOW + timedelta(days=day)
        posts = [Followed(f"{day}-{i}", f"m:{day}-{i}", now - timedelta(minutes=i), 0) for i in range(150)]
        follow("mastodon", posts, values, now, quiet)
        assert len(values[BOOK_KEY]) <= MAX_BOOK
    assert set(values[BOOK_KEY]) == {f"59-{i}" for i in range(150)} | {f"58-{i}" for i in range(50)}
    assert set(quiet.recounted) == {RECOUNT}  # one request's worth of the newest, every poll


def test_the_config_switch_reaches_the_source(httpserver: HTTPServer) -> None:
    from newsroom.config.loader import parse_config
    from newsroom.sources.registry import build_sources

    instance = Instance()
    serve(httpserver, instance)
    searches = [{"name": "Lindeveld", "query": "#lindeveld", "sources": ["mastodon"]}]
    for switch, asked in ((True, 1), (False, 1)):
        config, _ = parse_config({"sources": {"mastodon": {"instance": httpserver.url_for("/"),
                                                           "follow_replies": switch}}, "searches": searches})
        (src,) = build_sources(config)
        src.reply_pause_s = 0  # type: ignore[attr-defined]
        src.fetch(config.searches[0], SourceState(), NOW)
        assert instance.context_asked == asked


def test_test_connection_asks_the_search_only(httpserver: HTTPServer) -> None:
    from newsroom.config.loader import parse_config
    from newsroom.ui.settings.probes import test_search

    instance = Instance()
    serve(httpserver, instance)
    config, _ = parse_config({"sources": {"mastodon": {"instance": httpserver.url_for("/")}},
                              "searches": [{"name": "L", "query": "#lindeveld", "sources": ["mastodon"]}]})
    (tested,) = test_search(config, config.searches[0])
    assert tested.error is None and tested.count == 2 and instance.context_asked == 0
    assert [r.path for r, _ in httpserver.log] == ["/api/v1/timelines/tag/lindeveld"]


def test_replies_shared_by_two_threads_come_once() -> None:
    from newsroom.domain import Mention
    from newsroom.sources.threads import with_replies

    def m(i: int) -> Mention:
        return Mention(id=f"m:{i}", source="mastodon", text=f"bericht {i}", published=NOW)

    out = with_replies([m(1)], [m(2), m(1), m(2), m(3)], "L", lambda text: not text.endswith("3"))
    assert [(x.id, x.searches) for x in out] == [("m:1", ()), ("m:2", ("L",))]
