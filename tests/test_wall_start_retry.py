"""The real wall (a subprocess, with its own collector as a child) on a data folder it cannot use: it
starts, says why, tries again and recovers by itself once the folder can be used, without a restart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.processes import ended
from tests.test_wall_lifecycle import WAIT_S, log_text, wait_for_log

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

ROOT = Path(__file__).resolve().parents[1]


def test_a_wall_whose_data_folder_is_in_the_way_recovers_when_it_is_free(tmp_path: Path) -> None:
    basedir = tmp_path / "wall"
    (basedir / "config").mkdir(parents=True)
    (basedir / "config" / "config.toml").write_text(
        '[wall]\nname = "Lindeveld"\n\n[[searches]]\nname = "Kanaalweg"\nquery = "Kanaalweg"\nsources = []\n',
        encoding="utf-8")
    (basedir / "data").write_text("a file where the data folder belongs", encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    env.pop("NOTIFY_SOCKET", None)
    wall = subprocess.Popen([sys.executable, "-m", "newsroom", "--windowed", "--basedir", str(basedir)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_log(basedir, "could not open the store (attempt 1, data_unwritable", wall)
        assert "wall shows live data" not in log_text(basedir)
        (basedir / "data").unlink()
        wait_for_log(basedir, "wall shows live data", wall)
        wall.send_signal(signal.SIGTERM)
        _, err = wall.communicate(timeout=WAIT_S)
    finally:
        ended(wall)
    assert wall.returncode == 0, err
    log = log_text(basedir)
    assert "the instance lock" in log and "is taken now" in log
    assert "the store opened after" in log
    assert "collector active on" in log  # its child collector started once the lock was taken
    assert "collector stopped (SIGTERM)" in log
    assert (basedir / "data" / "newsroom.sqlite3").is_file()
    assert not (basedir / "data" / "wall.lock").exists(), "the lock taken late is released too"
