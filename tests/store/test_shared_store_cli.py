"""The commands on a shared PostgreSQL store, as a user runs them (subprocesses of ``python -m newsroom``
with ``--store postgresql://…``): import writes there and makes no SQLite file, screenshot draws the wall
from there, doctor describes it; a store that cannot be reached is one line and exit 1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from newsroom.cli import main, parse_arguments
from newsroom.commands.screenshot import prepare
from newsroom.config import load_config
from newsroom.domain import utcnow
from newsroom.paths import AppPaths
from newsroom.pipeline.stored import stored_snapshot
from newsroom.store import open_store

STORIES = (
    "De brug aan de Kanaalweg is weer dicht, schandalig voor de fietsers",
    "Zwembad De Meersen opnieuw dicht door een lek, de kinderen zijn teleurgesteld",
)


def newsroom(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsroom", *args], capture_output=True, text=True,
                          timeout=180, check=False, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def test_import_screenshot_and_doctor_on_a_shared_store(tmp_path: Path, pg_url: str,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[wall]\nname = "Lindeveld"\n\n[[searches]]\nname = "Lindeveld"\nquery = "Lindeveld"\n'
                      'sources = ["rss"]\n\n[sources.rss]\nfeeds = ["http://127.0.0.1:9/feed.xml"]\n\n'
                      "[alerts]\nsound = false\ndesktop = false\n", encoding="utf-8")
    now = utcnow()
    lines = [json.dumps({"id": f"rss:{i}", "source": "rss", "text": f"{STORIES[i % 2]} ({i})",
                         "url": f"https://news.example/{i}", "searches": ["Lindeveld"],
                         "published": (now - timedelta(minutes=5 + 7 * i)).strftime("%Y-%m-%dT%H:%M:%SZ")})
             for i in range(30)]
    data = tmp_path / "in.jsonl"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    base = ["--basedir", str(tmp_path), "--config", str(config)]

    done = newsroom("import", str(data), *base, "--store", pg_url)
    assert done.returncode == 0, done.stderr
    with open_store(pg_url, read_only=True) as store:
        assert store.mention_count() == 30
        assert {m.topic for m in store.latest_mentions(30)} - {None}  # analysed: topics assigned
    assert not (tmp_path / "data" / "newsroom.sqlite3").exists()  # nothing went to the embedded store

    out = tmp_path / "wall.png"
    done = newsroom("--store", pg_url, "screenshot", *base, "--out", str(out), "--size", "960x540")
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    bare = tmp_path / "bare"  # another machine's wall: no config of its own, only --store
    shown, _, _ = prepare(parse_arguments(["screenshot", "--basedir", str(bare), "--store", pg_url,
                                           "--out", str(out)]))
    assert not shown.demo and {m.id for m in shown.latest} <= {f"rss:{i}" for i in range(30)}
    snapshot = stored_snapshot(AppPaths.under(tmp_path), load_config(config, strict=True), store=pg_url)
    assert {m.id for m in snapshot.latest} <= {f"rss:{i}" for i in range(30)} and snapshot.latest
    assert snapshot.topics

    main(["doctor", *base, "--store", pg_url])
    said = capsys.readouterr().out
    assert "30 mentions, schema" in said and "may write" in said, said


def test_an_unreachable_store_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"id": "x:1", "text": "Kanaalbrug weer dicht"}) + "\n", encoding="utf-8")
    unreachable = f"postgresql://wall:geheim@/nergens?host={tmp_path}"
    assert main(["import", str(data), "--basedir", str(tmp_path), "--store", unreachable]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot be reached" in err and "geheim" not in err


def test_the_config_key_store_url_chooses_the_store(tmp_path: Path, pg_url: str) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[store]\nurl = "{pg_url}"\n', encoding="utf-8")
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"id": "x:1", "text": "Kanaalbrug weer dicht"}) + "\n", encoding="utf-8")
    assert main(["import", str(data), "--basedir", str(tmp_path), "--config", str(config)]) == 0
    with open_store(pg_url, read_only=True) as store:
        assert [m.id for m in store.latest_mentions(5)] == ["x:1"]


def test_collect_stores_in_the_shared_store_and_polls_conditionally_from_it(
        httpserver: HTTPServer, tmp_path: Path, pg_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    feed = (Path(__file__).resolve().parents[1] / "data" / "sources" / "lindeveld_rss.xml").read_bytes()

    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(feed, headers={"ETag": '"v1"'}, content_type="application/rss+xml")

    httpserver.expect_request("/feed.xml").respond_with_handler(handler)
    cfg = tmp_path / "config.toml"
    cfg.write_text('[wall]\nname = "Lindeveld"\n\n[[searches]]\nname = "Lindeveld"\n'
                   "query = '\"Kanaalweg\" OR #lindeveld -voetbal'\nsources = [\"rss\"]\n\n"
                   f'[sources.rss]\nfeeds = ["{httpserver.url_for("/feed.xml")}"]\n', encoding="utf-8")
    args = ["collect", "--config", str(cfg), "--basedir", str(tmp_path), "--store", pg_url]
    assert main(args) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2
    with open_store(pg_url, read_only=True) as store:
        assert store.mention_count() == 2 and [h.source for h in store.load_health()] == ["rss"]
    assert main(args) == 0  # the feed's ETag was kept in the shared store
    assert capsys.readouterr().out == ""
    assert httpserver.log[-1][0].headers["If-None-Match"] == '"v1"'
    assert not (tmp_path / "data" / "newsroom.sqlite3").exists()


def test_the_walls_pipeline_and_its_alert_delivery_log_use_the_shared_store(
        tmp_path: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsroom.alerts.dispatcher import AlertDispatcher
    from newsroom.pipeline.factory import build_pipeline
    from newsroom.store.deliveries import DeliveryLog, DeliveryRecord, Outcome

    monkeypatch.setenv("NEWSROOM_SECRET_ALERTS_WEBHOOK_URL", "http://127.0.0.1:9/hook")
    cfg = tmp_path / "config.toml"
    cfg.write_text('[wall]\nname = "Lindeveld"\n\n[alerts]\nsound = false\ndesktop = false\n', encoding="utf-8")
    pipeline = build_pipeline(AppPaths.under(tmp_path), cfg, demo=False, store=pg_url)
    try:
        assert pipeline.store.engine == "postgresql" and "***" not in pipeline.store.location
        dispatcher = pipeline.notifier
        assert isinstance(dispatcher, AlertDispatcher) and isinstance(dispatcher._log, DeliveryLog)
        record = DeliveryRecord("a1", "webhook", 3, "raised", utcnow().replace(microsecond=0), Outcome.SENT)
        dispatcher._log.record(record)
        with DeliveryLog.open(pg_url) as log:
            assert log.since(record.at) == [record]
        assert pipeline.snapshot().wall_name == "Lindeveld"
    finally:
        pipeline.close()
    assert not (tmp_path / "data" / "newsroom.sqlite3").exists()
