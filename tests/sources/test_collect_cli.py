"""``newsroom collect --once`` against a local server: mentions, health lines, conditional re-run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsroom.cli import main

FEED = (Path(__file__).resolve().parents[1] / "data" / "sources" / "lindeveld_rss.xml").read_bytes()


def config(tmp_path: Path, feeds: list[str], sources: str = '["rss"]') -> Path:
    path = tmp_path / "config.toml"
    feed_list = ", ".join(f'"{f}"' for f in feeds)
    path.write_text(
        f'[wall]\nname = "Lindeveld"\n\n[[searches]]\nname = "Lindeveld"\n'
        f"query = '\"Kanaalweg\" OR #lindeveld -voetbal'\nsources = {sources}\n\n"
        f"[sources.rss]\nfeeds = [{feed_list}]\n", encoding="utf-8")
    return path


def test_collect_once_prints_scored_mentions_then_polls_conditionally(
        httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(FEED, headers={"ETag": '"v1"'}, content_type="application/rss+xml")

    httpserver.expect_request("/feed.xml").respond_with_handler(handler)
    cfg = config(tmp_path, [httpserver.url_for("/feed.xml")])
    assert main(["collect", "--once", "--config", str(cfg), "--basedir", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["title"] for r in records] == ["Brug aan de Kanaalweg opnieuw afgesloten",
                                             "Lindeveld opent noodopvang na storm"]
    assert all(r["lang"] == "nl" and r["sentiment"]["label"] in {"negative", "neutral", "positive"}
               for r in records)
    assert "RSS: ok; 2 items" in captured.err
    assert main(["collect", "--once", "--config", str(cfg), "--basedir", str(tmp_path)]) == 0
    assert capsys.readouterr().out == ""
    assert httpserver.log[-1][0].headers["If-None-Match"] == '"v1"'


def test_collect_fails_when_every_source_fails(httpserver: HTTPServer, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    httpserver.expect_request("/feed.xml").respond_with_data("no", status=500)
    cfg = config(tmp_path, [httpserver.url_for("/feed.xml")])
    assert main(["collect", "--once", "--config", str(cfg), "--basedir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "RSS: FAILED: the server answered 500" in err


def test_collect_bad_config_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text("[[searches]]\nname = 'A'\nquery = '(brug'\nsources = ['rss']\n", encoding="utf-8")
    assert main(["collect", "--once", "--config", str(cfg), "--basedir", str(tmp_path)]) == 2
    assert "missing closing parenthesis" in capsys.readouterr().err
