"""The real wall as a reader (a subprocess of ``newsroom --reader``) on the data folder's store while a
collecting Pipeline in this process keeps it open and writes: it shows the data without loading the
analysis, and stops cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from newsroom.paths import AppPaths
from newsroom.pipeline.factory import build_demo_pipeline
from newsroom.store.schema import SCHEMA_VERSION
from tests.processes import ended
from tests.test_wall_lifecycle import WAIT_S, log_text, wait_for_log

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/PID/maps")

ROOT = Path(__file__).resolve().parents[1]


def test_a_reading_wall_shows_a_running_collector_s_store_without_the_analysis(tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path)
    collector = build_demo_pipeline(paths, store_file=paths.store_file, at="crisis")
    wall: subprocess.Popen[str] | None = None
    try:
        assert collector.poll_once().new > 0
        collector.publish(force=True)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
                   PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
        env.pop("NOTIFY_SOCKET", None)
        wall = subprocess.Popen([sys.executable, "-m", "newsroom", "--reader", "--windowed", "--basedir",
                                 str(tmp_path)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        wait_for_log(tmp_path, "wall shows live data", wall)
        assert f"the wall reads the store {paths.store_file}" in log_text(tmp_path)
        collector.store.bump_change()  # the collector goes on writing while the wall reads
        maps = Path(f"/proc/{wall.pid}/maps").read_text(encoding="utf-8")
        assert "PySide6" in maps and "site-packages/scipy/" not in maps, "the reading wall loaded the analysis"
        wall.send_signal(signal.SIGTERM)
        _, err = wall.communicate(timeout=WAIT_S)
        assert wall.returncode == 0, err
        assert collector.store.schema_version == SCHEMA_VERSION
    finally:
        if wall is not None:
            ended(wall)
        collector.close()
