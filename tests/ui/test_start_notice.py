"""A wall whose pipeline cannot start says why, full screen and in Dutch, tries again with growing
pauses, and recovers by itself once the cause is gone: a store of a newer version, an unwritable data
folder. Real stores, a real worker thread, the real wall."""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from newsroom.paths import AppPaths
from newsroom.pipeline.factory import build_pipeline
from newsroom.pipeline.runner import Pipeline
from newsroom.pipeline.start_problem import BACKOFF_S, StartProblem, classify, retry_delay
from newsroom.store.schema import SCHEMA_VERSION, NewerSchemaError
from newsroom.ui.app import make_app
from newsroom.ui.wall import WallWindow, connect_worker
from newsroom.ui.worker import PipelineWorker
from tests.ui.conftest import shown_wall

NEVER_MS = 60_000
FAST = (0.05, 0.1, 0.2)


def quiet_config(tmp_path: Path) -> Path:
    """A config with one search and no sources: the pipeline builds fast and polls nothing."""
    path = tmp_path / "config.toml"
    path.write_text('[wall]\nname = "Lindeveld"\n\n[[searches]]\nname = "Kanaalweg"\n'
                    'query = "Kanaalweg"\nsources = []\n', encoding="utf-8")
    return path


def newer_store(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()


def run_wall(qtbot: QtBot, paths: AppPaths, config: Path) -> tuple[WallWindow, PipelineWorker]:
    wall = shown_wall(qtbot, size=(1280, 720))

    def build() -> Pipeline:
        return build_pipeline(paths, config, demo=False)

    worker = PipelineWorker(build, poll_ms=50, min_snapshot_interval_s=0.0, retry_delays_s=FAST,
                            data_dir=paths.data_dir)
    connect_worker(wall, worker)
    return wall, worker


def test_a_store_of_a_newer_version_is_shown_and_the_wall_recovers_when_it_is_replaced(
        qtbot: QtBot, tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path)
    newer_store(paths.store_file)
    wall, worker = run_wall(qtbot, paths, quiet_config(tmp_path))
    try:
        worker.start()
        qtbot.waitUntil(wall.start_notice.isVisible, timeout=NEVER_MS)
        notice = wall.start_notice
        assert notice.geometry() == wall.rect(), "full screen"
        assert notice.title.text() == "⚠ De wall kan nog niet starten"
        assert "nieuwere versie van Newsroom Wall" in notice.reason.text()
        assert str(paths.data_dir) in notice.reason.text()
        assert notice.problem is not None and notice.problem.code == "store_newer"
        assert QApplication.activeModalWidget() is None, "never a modal dialog"
        qtbot.waitUntil(lambda: notice.problem is not None and notice.problem.attempt >= 2, timeout=NEVER_MS)
        assert wall.snapshot is None

        paths.store_file.unlink()  # the operator puts the right store back (here: none, a new one)
        qtbot.waitUntil(lambda: wall.snapshot is not None, timeout=NEVER_MS)
        qtbot.waitUntil(lambda: not notice.isVisible(), timeout=NEVER_MS)
        assert worker.failed_starts == 0
        assert wall.snapshot.wall_name == "Lindeveld" and wall.snapshot.searches == ("Kanaalweg",)
    finally:
        wall.stop()
        assert worker.stop()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="root writes to any folder: file modes cannot make it unwritable")
def test_an_unwritable_data_folder_is_shown_and_the_wall_recovers_when_it_is_writable(
        qtbot: QtBot, tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path)
    paths.data_dir.mkdir(parents=True)
    paths.data_dir.chmod(0o500)
    wall, worker = run_wall(qtbot, paths, quiet_config(tmp_path))
    try:
        worker.start()
        qtbot.waitUntil(wall.start_notice.isVisible, timeout=NEVER_MS)
        assert wall.start_notice.problem is not None and wall.start_notice.problem.code == "data_unwritable"
        assert "kan niet geschreven worden" in wall.start_notice.reason.text()
        paths.data_dir.chmod(0o700)
        qtbot.waitUntil(lambda: wall.snapshot is not None and not wall.start_notice.isVisible(),
                        timeout=NEVER_MS)
    finally:
        paths.data_dir.chmod(0o700)
        wall.stop()
        assert worker.stop()


def test_a_file_in_the_place_of_the_data_folder_is_shown_until_it_goes(qtbot: QtBot, tmp_path: Path) -> None:
    """The same path as an unwritable folder, also for root (whom file modes do not stop)."""
    paths = AppPaths.under(tmp_path)
    paths.data_dir.write_text("not a folder", encoding="utf-8")
    wall, worker = run_wall(qtbot, paths, quiet_config(tmp_path))
    try:
        worker.start()
        qtbot.waitUntil(wall.start_notice.isVisible, timeout=NEVER_MS)
        assert wall.start_notice.problem is not None and wall.start_notice.problem.code == "data_unwritable"
        assert f"In de gegevensmap {paths.data_dir} kan niet geschreven worden" in wall.start_notice.reason.text()
        assert wall.start_notice.retry.text().startswith("Nieuwe poging")
        paths.data_dir.unlink()
        qtbot.waitUntil(lambda: wall.snapshot is not None and not wall.start_notice.isVisible(),
                        timeout=NEVER_MS)
        assert paths.store_file.is_file()
    finally:
        wall.stop()
        assert worker.stop()


def test_causes_are_told_apart(tmp_path: Path) -> None:
    assert classify(NewerSchemaError(9, 3), tmp_path) == ("store_newer", str(tmp_path))
    assert classify(PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "x.sqlite3"))) == \
        ("data_unwritable", str(tmp_path))
    assert classify(sqlite3.OperationalError("attempt to write a readonly database"), tmp_path) == \
        ("data_unwritable", str(tmp_path))
    assert classify(sqlite3.OperationalError("unable to open database file"), tmp_path)[0] == "data_unwritable"
    assert classify(OSError(errno.ENOSPC, "No space left on device"), tmp_path) == ("disk_full", str(tmp_path))
    assert classify(ValueError("boom")) == ("other", "ValueError: boom")


def test_the_pauses_grow_to_five_minutes() -> None:
    assert [retry_delay(n) for n in range(1, 10)] == [5, 10, 20, 40, 80, 160, 300, 300, 300]
    assert max(BACKOFF_S) == 300


def test_the_notice_in_english_and_its_countdown(qtbot: QtBot) -> None:
    make_app("en")
    wall = WallWindow()
    qtbot.addWidget(wall)
    wall.resize(1920, 1080)
    wall.show_start_problem(StartProblem("data_unwritable", "/srv/wall/data", 2, 20.0))
    assert wall.start_notice.reason.text().startswith("The data folder /srv/wall/data cannot be written to.")
    assert wall.start_notice.retry.text().startswith("Next attempt in 20 s (attempt 3)")
    wall.start_recovered()
    assert not wall.start_notice.isVisible()
    wall.stop()
    make_app("nl")
