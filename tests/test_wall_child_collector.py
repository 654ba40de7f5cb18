"""The embedded wall with its own collector: real subprocesses of ``python -m newsroom --demo --windowed``,
whose child ``newsroom collector`` writes the store the wall reads.

A child killed is started again and the store moves on; SIGTERM to the wall ends both (exit 0); a wall
killed with SIGKILL leaves no collector behind.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.processes import alive, ended, query, wait_until
from tests.test_wall_lifecycle import WAIT_S, log_text, wait_for_log

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX signals, /proc")

ROOT = Path(__file__).resolve().parents[1]
_STARTED = re.compile(r"collector started \(process (\d+)\)")


def start_wall(basedir: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    for name in ("NOTIFY_SOCKET", "NEWSROOM_IN_PROCESS"):
        env.pop(name, None)
    return subprocess.Popen([sys.executable, "-m", "newsroom", "--demo", "--at", "quiet", "--windowed",
                             "--basedir", str(basedir)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def children(basedir: Path) -> list[int]:
    """The collector processes the wall started, in order (from its log)."""
    return [int(pid) for pid in _STARTED.findall(log_text(basedir))]


def change_counter(store: Path) -> int:
    rows = query(store, "SELECT value FROM meta WHERE key = 'change'")
    return int(rows[0][0]) if rows else 0


def test_the_wall_reads_its_child_collector_which_is_restarted_when_killed_and_sigterm_ends_both(
        tmp_path: Path) -> None:
    basedir = tmp_path / "wall"
    wall = start_wall(basedir)
    try:
        wait_for_log(basedir, "collector active on", wall)
        wait_for_log(basedir, "wall shows live data", wall)
        log = log_text(basedir)
        store = basedir / "data" / "demo.sqlite3"
        assert f"the wall reads the store {store}, written by its own collector" in log
        assert "analysis loaded" not in log.split("newsroom.cli: newsroom 0.1.0: collector")[0], \
            "the wall's own process loaded the analysis"
        maps = Path(f"/proc/{wall.pid}/maps").read_text(encoding="utf-8")
        assert "site-packages/scipy/" not in maps, "the wall's process loaded the analysis"
        (first,) = children(basedir)
        wait_until(lambda: change_counter(store) > 0, "the child wrote the store", timeout_s=WAIT_S)

        os.kill(first, signal.SIGKILL)
        wait_until(lambda: len(children(basedir)) == 2, "a second collector started", timeout_s=WAIT_S)
        second = children(basedir)[1]
        assert second != first and alive(second)
        wait_for_log(basedir, "the collector ended (-9)", wall)
        before = change_counter(store)
        wait_until(lambda: change_counter(store) > before, "the restarted collector writes the store", timeout_s=WAIT_S)
        assert wall.poll() is None

        wall.send_signal(signal.SIGTERM)
        _, err = wall.communicate(timeout=WAIT_S)
    finally:
        ended(wall)
    assert wall.returncode == 0, err
    assert not alive(second), "the collector outlived the wall"
    log = log_text(basedir)
    assert "collector stopped (SIGTERM)" in log
    # the collector closed its store: the WAL is checkpointed into the file
    assert not Path(f"{store}-wal").exists() or Path(f"{store}-wal").stat().st_size == 0
    assert not (basedir / "data" / "wall.lock").exists()


def test_a_wall_killed_with_sigkill_leaves_no_collector(tmp_path: Path) -> None:
    basedir = tmp_path / "wall"
    wall = start_wall(basedir)
    try:
        wait_for_log(basedir, "collector active on", wall)
        (child,) = children(basedir)
        assert alive(child)
    finally:
        ended(wall)
    # its stdin (a pipe from the wall) closed: the collector ends by itself
    wait_until(lambda: not alive(child), "the collector ended after its wall was killed", timeout_s=30)
