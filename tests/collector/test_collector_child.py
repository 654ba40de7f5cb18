"""The wall's child collector: a real ``newsroom collector --demo`` started, restarted after it died
(continuing the demo's store, not starting it afresh), stopped with SIGTERM (exit 0); a wall killed
with SIGKILL takes its collector with it (the child's stdin closes)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from newsroom.collector.child import collector_argv, program, wall_collector
from tests.processes import alive, ended, query, wait_until

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="SIGKILL and /proc")
ROOT = Path(__file__).resolve().parents[2]


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "NOTIFY_SOCKET": "/run/not-for-the-child"}


def count(db: Path, sql: str) -> int:
    rows = query(db, sql)
    return int(rows[0][0]) if rows else -1


def demo_shift(db: Path) -> float:
    """How far the demo's replay is shifted onto the real clock (its source state): a demo started
    afresh gets a new one."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        (state,) = con.execute("SELECT state FROM source_state WHERE source = 'demo'").fetchone()
    finally:
        con.close()
    return float(json.loads(state)["shift_s"])


def test_the_command_line_for_a_python_install_and_for_the_bundle(monkeypatch: pytest.MonkeyPatch,
                                                                  tmp_path: Path) -> None:
    assert collector_argv(basedir="/srv/wall", config=None, demo=True, at="quiet") == [
        sys.executable, "-m", "newsroom", "collector", "--until-stdin-closes", "--basedir", "/srv/wall", "--demo",
        "--at", "quiet"]
    assert wall_collector(basedir=None, config=None, demo=True).resume_flag == "--resume"
    assert wall_collector(basedir=None, config=None, demo=False).resume_flag is None
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    bundle = tmp_path / "newsroom"
    bundle.mkdir()
    suffix = ".exe" if sys.platform == "win32" else ""
    wall_exe, console_exe = bundle / f"newsroom-wall{suffix}", bundle / f"newsroom{suffix}"
    wall_exe.write_bytes(b"")
    monkeypatch.setattr(sys, "executable", str(wall_exe))
    assert program() == [str(wall_exe)]  # no console binary beside it: the binary itself
    console_exe.write_bytes(b"")
    assert program() == [str(console_exe)]  # the wall's collector is the bundle's console binary
    assert collector_argv(basedir=None, config="/etc/wall.toml", demo=False, log_level="debug") == [
        str(console_exe), "collector", "--until-stdin-closes", "--config", "/etc/wall.toml", "--log-level",
        "debug"]


def test_a_dead_child_is_started_again_and_the_demo_carries_on(tmp_path: Path,
                                                               caplog: pytest.LogCaptureFixture) -> None:
    db = tmp_path / "data" / "demo.sqlite3"
    child = wall_collector(basedir=tmp_path, config=None, demo=True, env=env(), backoff_s=(0.2,))
    assert "NOTIFY_SOCKET" not in child.env  # systemd watches the wall, not its collector
    child.start()
    try:
        assert child.wait_active(60), list(child.last_lines)
        wait_until(lambda: count(db, "SELECT COUNT(*) FROM mentions") > 1000, "the demo's history stored")
        first_pid = child.pid
        assert first_pid is not None
        shift = demo_shift(db)
        os.kill(first_pid, signal.SIGKILL)
        wait_until(lambda: child.pid != first_pid and child.wait_active(0), "a new collector at work")
        assert child.restarts == 1
        stored = count(db, "SELECT COUNT(*) FROM mentions")
        assert stored > 1000 and demo_shift(db) == shift  # the same replay, not a new demo
    finally:
        code = child.stop()
    assert code == 0, list(child.last_lines)
    assert child.pid is None and not alive(first_pid)
    assert "the collector ended (-9)" in caplog.text and "starting it again in 0.2 s" in caplog.text
    log = (tmp_path / "logs" / "newsroom.log").read_text(encoding="utf-8")
    assert "SIGTERM received" in log and "pipeline closed" in log
    assert count(db, "SELECT COUNT(*) FROM mentions") >= stored


WALL = """
import sys, time
from newsroom.collector.child import ChildCollector, collector_argv
child = ChildCollector(collector_argv(basedir=sys.argv[1], config=sys.argv[2], demo=False))
child.start()
while child.pid is None:
    time.sleep(0.01)
print(child.pid, flush=True)
time.sleep(600)
"""


def test_a_killed_wall_takes_its_collector_with_it(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("[[searches]]\nname = 'Lindeveld'\nquery = 'Lindeveld'\nsources = ['rss']\n"
                      "[sources.rss]\nfeeds = ['http://127.0.0.1:9/feed.xml']\n", encoding="utf-8")
    wall = subprocess.Popen([sys.executable, "-c", WALL, str(tmp_path), str(config)], env=env(), text=True,
                            stdout=subprocess.PIPE)
    try:
        assert wall.stdout is not None
        pid = int(wall.stdout.readline())
        assert alive(pid)
        wall.send_signal(signal.SIGKILL)
        wall.wait(10)
        wait_until(lambda: not alive(pid), "the collector's end after its wall's")
    finally:
        ended(wall)
    log = (tmp_path / "logs" / "newsroom.log").read_text(encoding="utf-8")
    assert "standard input closed (the wall that started this collector ended)" in log
    assert "collector stopped" in log
