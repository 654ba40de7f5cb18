"""`newsroom screenshot` with a real config: the wall from the store, read-only; nothing polled or sent."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsroom.cli import main
from newsroom.config import load_config
from newsroom.domain import AlertScope, AlertState, SourceHealth, SpikeAlert, utcnow
from newsroom.paths import AppPaths
from newsroom.pipeline.stored import stored_snapshot
from newsroom.store import Store

STORIES = (
    "De brug aan de Kanaalweg is weer dicht, schandalig voor de fietsers",
    "Zwembad De Meersen opnieuw dicht door een lek, de kinderen zijn teleurgesteld",
)


def write_config(tmp_path: Path, base_url: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        '[wall]\nname = "Lindeveld"\n\n[[searches]]\nname = "Lindeveld"\nquery = "Lindeveld"\n'
        'sources = ["rss"]\n\n'
        f'[sources.rss]\nfeeds = ["{base_url}/feed.xml"]\n\n[alerts]\nsound = false\ndesktop = false\n',
        encoding="utf-8")
    return path


def fill_store(tmp_path: Path, config: Path) -> list[str]:
    """Mentions through the real import, then stored health rows and an active alert; returns the ids."""
    now = utcnow()
    lines = []
    for i in range(40):
        story = STORIES[i % 2]
        published = (now - timedelta(minutes=5 + 7 * i)).strftime("%Y-%m-%dT%H:%M:%SZ")
        lines.append(json.dumps({"id": f"rss:{i}", "source": "rss", "text": f"{story} ({i})",
                                 "url": f"https://news.example/{i}", "published": published,
                                 "searches": ["Lindeveld"]}))
    data = tmp_path / "in.jsonl"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["--basedir", str(tmp_path), "--config", str(config), "import", str(data)]) == 0
    with Store.open(tmp_path / "data" / "newsroom.sqlite3") as store:
        assert store.topic_summaries() and store.change_counter() > 0, "the import wrote what walls read"
        store.save_health(SourceHealth("rss", "RSS", last_success=now - timedelta(minutes=3), items_last_poll=4))
        store.save_health(SourceHealth("gdelt", "GDELT", last_error="did not answer in time",
                                       last_error_at=now - timedelta(minutes=1), consecutive_failures=2))
        store.save_alert(SpikeAlert(
            id="alert-1", scope=AlertScope.WALL, key="wall", title="Lindeveld", state=AlertState.RAISED,
            severity=3, started=now - timedelta(minutes=20), updated=now - timedelta(minutes=2), window_min=60,
            observed=14, expected=2.0, spread=1.0, score=0.9, mention_ids=("rss:0", "rss:2")))
    return [f"rss:{i}" for i in range(40)]


def store_files(tmp_path: Path) -> dict[str, str]:
    """Hash of every store file's content (side files that exist must be empty or unchanged)."""
    data = tmp_path / "data"
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(data.iterdir())
            if not p.name.endswith("-shm")}


def test_the_snapshot_is_built_from_what_is_stored(tmp_path: Path) -> None:
    config = write_config(tmp_path, "http://127.0.0.1:9")
    ids = fill_store(tmp_path, config)
    before = store_files(tmp_path)
    paths = AppPaths.under(tmp_path)
    snap = stored_snapshot(paths, load_config(config, strict=True))
    assert snap.wall_name == "Lindeveld" and not snap.demo
    # gdelt's stored row is of a source the config no longer asks: neither shown nor counted
    assert {h.source: h.ok for h in snap.health} == {"rss": True}
    assert [a.id for a in snap.alerts] == ["alert-1"]
    assert snap.latest[0].id == "rss:0" and {m.id for m in snap.latest} <= set(ids)
    assert snap.topics, "topics come from the stored mentions"
    assert all(set(t.representative_ids) <= set(ids) for t in snap.topics)
    assert snap.total is not None and sum(snap.total.values) == 40
    after = store_files(tmp_path)
    assert after.pop("newsroom.sqlite3") == before.pop("newsroom.sqlite3")
    assert after.pop("newsroom.sqlite3-wal", None) in (None, hashlib.sha256(b"").hexdigest())


def test_no_store_yet_is_an_empty_wall_and_creates_nothing(tmp_path: Path) -> None:
    config = write_config(tmp_path, "http://127.0.0.1:9")
    snap = stored_snapshot(AppPaths.under(tmp_path), load_config(config, strict=True))
    assert snap.topics == () and snap.latest == () and snap.health == ()
    assert not (tmp_path / "data").exists()


def test_screenshot_with_a_config_polls_nothing_sends_nothing_writes_nothing(
        httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/feed.xml").respond_with_data("<rss/>", content_type="application/rss+xml")
    httpserver.expect_request("/hook", method="POST").respond_with_data("ok")
    config = write_config(tmp_path, httpserver.url_for("/").rstrip("/"))
    fill_store(tmp_path, config)
    before = store_files(tmp_path)
    out = tmp_path / "wall.png"
    # the options before the command: they used to be dropped (tests/test_cli_options.py has both places)
    argv = ["--basedir", str(tmp_path), "--config", str(config), "screenshot", "--out", str(out),
            "--size", "1280x720"]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "NEWSROOM_SECRET_ALERTS_WEBHOOK_URL": httpserver.url_for("/hook")}
    proc = subprocess.run([sys.executable, "-m", "newsroom", *argv], capture_output=True, text=True,
                          env=env, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert httpserver.log == [], "the screenshot polled a source or sent an alert"
    after = store_files(tmp_path)
    assert after.pop("newsroom.sqlite3") == before.pop("newsroom.sqlite3")
    assert after.pop("newsroom.sqlite3-wal", None) in (None, hashlib.sha256(b"").hexdigest())
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")) == (1280, 720)
    assert "newsroom 0.1.0: screenshot" in (tmp_path / "logs" / "newsroom.log").read_text(encoding="utf-8")


@pytest.mark.parametrize("damage", ["newer", "garbage"])
def test_a_store_that_cannot_be_used_is_one_sentence_and_stays_as_it_was(tmp_path: Path, damage: str) -> None:
    import sqlite3

    from newsroom.errors import CommandFailed

    config = write_config(tmp_path, "http://127.0.0.1:9")
    db = tmp_path / "data" / "newsroom.sqlite3"
    db.parent.mkdir(parents=True)
    if damage == "newer":
        with Store.open(db):
            pass
        conn = sqlite3.connect(db)
        conn.execute("PRAGMA user_version = 99")
        conn.close()
    else:
        db.write_bytes(b"this is not a database" * 100)
    before = db.read_bytes()
    with pytest.raises(CommandFailed, match=r"the store .*newsroom.sqlite3 cannot be"):
        stored_snapshot(AppPaths.under(tmp_path), load_config(config, strict=True))
    assert db.read_bytes() == before


def test_a_running_wall_s_unsaved_writes_are_seen(tmp_path: Path) -> None:
    """The wall keeps the store open in WAL mode: what sits in its -wal file is part of the picture."""
    config = write_config(tmp_path, "http://127.0.0.1:9")
    fill_store(tmp_path, config)
    with Store.open(tmp_path / "data" / "newsroom.sqlite3") as running:
        running.save_health(SourceHealth("rss", "RSS", last_success=utcnow(), items_last_poll=7))
        assert (tmp_path / "data" / "newsroom.sqlite3-wal").stat().st_size > 0
        snap = stored_snapshot(AppPaths.under(tmp_path), load_config(config, strict=True))
        assert {h.source: h.items_last_poll for h in snap.health} == {"rss": 7}
        running.save_health(SourceHealth("bing", "Bing News"))  # the wall goes on writing
    with Store.open(tmp_path / "data" / "newsroom.sqlite3") as store:
        assert {h.source for h in store.load_health()} == {"bing", "gdelt", "rss"}


def test_a_store_of_before_the_topic_summaries_still_shows_its_topics(tmp_path: Path) -> None:
    """No collector wrote topic summaries yet (schema 3, or imported by an older version): the topics
    are rebuilt from the stored mentions on the copy, as before."""
    import sqlite3

    config = write_config(tmp_path, "http://127.0.0.1:9")
    fill_store(tmp_path, config)
    db = sqlite3.connect(tmp_path / "data" / "newsroom.sqlite3")
    with db:
        db.execute("DELETE FROM topic_summaries")
        db.execute("UPDATE meta SET value = '0' WHERE key = 'change'")
    db.close()
    snap = stored_snapshot(AppPaths.under(tmp_path), load_config(config, strict=True))
    assert snap.topics and snap.total is not None and sum(snap.total.values) == 40
    with Store.open(tmp_path / "data" / "newsroom.sqlite3") as store:
        assert store.topic_summaries() == [] and store.change_counter() == 0  # only the copy was written
