"""``newsroom doctor`` and ``newsroom secret``: findings with fixes, exit codes, secrets via env."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsroom.cli import main


def test_doctor_explains_bad_config_and_missing_credentials(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSROOM_SECRET_SOURCES_BLUESKY_APP_PASSWORD", raising=False)
    cfg = tmp_path / "config.toml"
    cfg.write_text("[[searches]]\nname = 'A'\nquery = '\"Kanaalweg'\nsources = ['rss']\n", encoding="utf-8")
    assert main(["doctor", "--config", str(cfg), "--basedir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "missing closing quote after position 1" in out and "[FAIL] config" in out
    cfg.write_text("[[searches]]\nname = 'A'\nquery = 'Kanaalweg'\nsources = ['rss', 'bluesky', 'reddit']\n",
                   encoding="utf-8")
    assert main(["doctor", "--config", str(cfg), "--basedir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "[FAIL] source 'reddit' is named by a search but does not exist" in out
    assert "[FAIL] Bluesky is asked for but has no handle and app password" in out
    assert "newsroom secret set sources.bluesky.app_password" in out
    assert "[warn] searches ask for RSS but no feeds are configured" in out


def test_doctor_probe_polls_and_a_healthy_setup_exits_0(httpserver: HTTPServer, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    feed = (Path(__file__).parent / "data" / "sources" / "lindeveld_rss.xml").read_bytes()
    httpserver.expect_request("/feed.xml").respond_with_data(feed, content_type="application/rss+xml")
    cfg = tmp_path / "config.toml"
    cfg.write_text(f"[network]\nuser_agent_contact = 'a@b.example'\n[sources.rss]\nfeeds = "
                   f"['{httpserver.url_for('/feed.xml')}']\n[[searches]]\nname = 'A'\nquery = 'Kanaalweg'\n"
                   "sources = ['rss']\n", encoding="utf-8")
    assert main(["doctor", "--probe", "--config", str(cfg), "--basedir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "[  ok] probe rss for 'A': 1 matching items" in out
    assert "FAIL" not in out


def test_doctor_reports_a_damaged_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = tmp_path / "data" / "newsroom.sqlite3"
    store.parent.mkdir(parents=True)
    store.write_bytes(b"this is not a database" * 100)
    assert main(["doctor", "--basedir", str(tmp_path)]) == 1
    assert "cannot be opened" in capsys.readouterr().out


def test_secret_check_reads_the_environment(capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSROOM_SECRET_SOURCES_X_BEARER_TOKEN", "abc")
    assert main(["secret", "check", "sources.x.bearer_token"]) == 0
    assert "present" in capsys.readouterr().out
    assert main(["secret", "check", "wall.name"]) == 2
    assert "not a secret setting" in capsys.readouterr().err


def test_doctor_checks_alert_channels(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSROOM_SECRET_ALERTS_EMAIL_PASSWORD", raising=False)
    cfg = tmp_path / "config.toml"
    cfg.write_text("[alerts]\nquiet_hours = 'na tienen'\n[alerts.email]\nhost = 'smtp.example'\n"
                   "username = 'wall'\nrecipients = ['a@b.example']\n", encoding="utf-8")
    assert main(["doctor", "--config", str(cfg), "--basedir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "quiet hours 'na tienen' must look like 22:00-07:00" in out
    assert "no sender or recipients" in out and "newsroom secret set alerts.email.password" in out
