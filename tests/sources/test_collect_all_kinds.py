"""``newsroom collect --once`` with every source kind on one local server, some of them failing."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsroom.cli import main

DATA = Path(__file__).resolve().parents[1] / "data" / "sources"
RECENT = datetime.now(UTC) - timedelta(hours=1)  # collect polls "now": posts must be recent
NOW_ISO = RECENT.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _config(tmp_path: Path, base: str, sources: list[str]) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(f"""
[wall]
name = "Lindeveld"

[[searches]]
name = "Lindeveld"
query = '"Kanaalweg" OR #lindeveld -voetbal'
sources = {json.dumps(sources)}

[network]
user_agent_contact = "communicatie@lindeveld.example"

[sources.rss]
feeds = ["{base}/feed.xml"]
[sources.gnews]
base_url = "{base}"
[sources.bing]
base_url = "{base}"
[sources.youtube]
base_url = "{base}/yt"
channels = ["UCbroken"]
[sources.gdelt]
base_url = "{base}"
[sources.mastodon]
instance = "{base}"
[sources.bluesky]
service = "{base}"
handle = "stad.bsky.social"
[sources.x]
base_url = "{base}"
""", encoding="utf-8")
    return path


def _serve(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/feed.xml").respond_with_data((DATA / "lindeveld_rss.xml").read_bytes(),
                                                             content_type="application/rss+xml")
    httpserver.expect_request("/rss/search").respond_with_data((DATA / "gnews_search.xml").read_bytes(),
                                                               content_type="application/xml")
    httpserver.expect_request("/news/search").respond_with_data("busy", status=503,
                                                                headers={"Retry-After": "120"})
    httpserver.expect_request("/yt/feeds/videos.xml").respond_with_data("gone", status=404)
    httpserver.expect_request("/api/v2/doc/doc").respond_with_json({"articles": [
        {"url": "https://gazet.example/kanaalweg", "title": "Kanaalweg: brug blijft dicht tot maart",
         "seendate": RECENT.strftime("%Y%m%dT%H%M%SZ"), "domain": "gazet.example", "language": "Dutch"}]})
    httpserver.expect_request("/api/v1/timelines/tag/lindeveld").respond_with_json([{
        "id": "1001", "created_at": NOW_ISO, "language": "nl", "uri": "https://s.example/statuses/1001",
        "url": "https://s.example/@an/1001", "content": "<p>Wateroverlast in de straat #lindeveld</p>",
        "account": {"acct": "an"}}])
    httpserver.expect_request("/api/v1/timelines/tag/kanaalweg").respond_with_json([])
    httpserver.expect_request("/xrpc/com.atproto.server.createSession", method="POST").respond_with_json(
        {"accessJwt": "a", "refreshJwt": "r"})

    def search_posts(request: Request) -> Response:
        posts = [{"uri": "at://did:plc:z/app.bsky.feed.post/3kz", "author": {"handle": "z.bsky.social"},
                  "record": {"text": "Kanaalweg alweer afgesloten, dit is niet normaal", "createdAt": NOW_ISO}}]
        return Response(json.dumps({"posts": posts if "Kanaalweg" in request.args["q"] else []}),
                        content_type="application/json")

    httpserver.expect_request("/xrpc/app.bsky.feed.searchPosts").respond_with_handler(search_posts)
    httpserver.expect_request("/2/tweets/search/recent").respond_with_json(
        {"data": [{"id": "55", "text": "Fijn dat de Kanaalweg snel hersteld wordt", "created_at": NOW_ISO,
                   "author_id": "1"}], "includes": {"users": [{"id": "1", "username": "buur"}]},
         "meta": {"newest_id": "55"}})


def test_every_kind_answers_and_failures_are_explained(httpserver: HTTPServer, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSROOM_SECRET_SOURCES_BLUESKY_APP_PASSWORD", "app-pw")
    monkeypatch.setenv("NEWSROOM_SECRET_SOURCES_X_BEARER_TOKEN", "bearer")
    _serve(httpserver)
    kinds = ["rss", "gnews", "bing", "youtube", "gdelt", "mastodon", "bluesky", "x"]
    cfg = _config(tmp_path, httpserver.url_for("").rstrip("/"), kinds)
    args = ["collect", "--once", "--config", str(cfg), "--basedir", str(tmp_path)]
    assert main(args) == 0
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert {r["source"] for r in records} == {"rss", "gnews", "gdelt", "mastodon", "bluesky", "x"}
    assert all("Lindeveld" in r["searches"] and r["sentiment"] is not None for r in records)
    err = captured.err
    assert "Bing News: FAILED: the service is temporarily unavailable (503); it asks to wait 120 s" in err
    assert "YouTube: FAILED: the server answered 404" in err
    for title in ("RSS", "Google News", "GDELT", "Mastodon", "Bluesky", "X"):
        assert f"{title}: ok;" in err
    user_agents = {r.headers["User-Agent"] for r, _ in httpserver.log}
    assert len(user_agents) == 1 and "communicatie@lindeveld.example" in next(iter(user_agents))
    # a second run stores and prints nothing twice
    assert main(args) == 0
    assert capsys.readouterr().out == ""
