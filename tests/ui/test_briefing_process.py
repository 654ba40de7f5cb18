"""The key B on a reading wall: ``newsroom briefing --store …`` as a real child process (QProcess) on a
real store a demo pipeline wrote; the wall hears where the PDF went, or why there is none."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from newsroom.config import Config
from newsroom.paths import AppPaths
from newsroom.pipeline.factory import build_demo_pipeline
from newsroom.ui.app import make_app
from newsroom.ui.briefing_process import StoreBriefing, briefing_argv

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def child_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The child runs this checkout (``python -m newsroom``)."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))


def test_b_on_a_reading_wall_writes_the_briefing_of_the_store_in_a_child_process(
        qtbot: QtBot, tmp_path: Path, child_env: None) -> None:
    paths = AppPaths.under(tmp_path)
    pipeline = build_demo_pipeline(paths, store_file=paths.store_file, at="crisis")
    try:
        assert pipeline.poll_once().new > 0
    finally:
        pipeline.close()
    make_app("nl")  # the wall's translations, whatever an earlier test installed
    briefing = StoreBriefing(paths.store_file, Config(), paths.data_dir, lang="nl", basedir=tmp_path)
    notices: list[str] = []
    briefing.notice.connect(notices.append)
    with qtbot.waitSignal(briefing.written, timeout=120_000) as written:
        briefing.write_now()
        assert briefing.busy
        briefing.write_now()  # a second B while it runs starts nothing more
    pdf = Path(written.args[0])
    assert pdf.parent == paths.data_dir / "briefings" and pdf.name.startswith("tamtam-")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert notices == ["De tamtam wordt gemaakt…", f"Tamtam bewaard: briefings/{pdf.name}"]
    assert not briefing.busy


def test_a_briefing_that_fails_says_why_in_one_line(qtbot: QtBot, tmp_path: Path, child_env: None) -> None:
    not_a_store = tmp_path / "store.sqlite3"
    not_a_store.write_text("not a database", encoding="utf-8")
    make_app("nl")
    briefing = StoreBriefing(not_a_store, Config(), tmp_path, lang="nl", basedir=tmp_path)
    notices: list[str] = []
    briefing.notice.connect(notices.append)
    briefing.write_now()
    qtbot.waitUntil(lambda: len(notices) == 2, timeout=120_000)
    assert notices[0] == "De tamtam wordt gemaakt…"
    assert notices[-1].startswith("De tamtam kon niet gemaakt worden: the store "), notices
    assert "\n" not in notices[-1] and "Traceback" not in notices[-1]
    assert not list(tmp_path.glob("briefings/*.pdf"))


def test_the_briefing_command_line_names_the_store_and_the_wall_s_options(tmp_path: Path) -> None:
    argv = briefing_argv("postgresql://wall@db/newsroom", tmp_path / "b.pdf", basedir=tmp_path,
                         config=tmp_path / "c.toml", lang="en")
    i = argv.index("briefing")
    assert argv[i:] == ["briefing", "--store", "postgresql://wall@db/newsroom", "--out", str(tmp_path / "b.pdf"),
                        "--lang", "en", "--basedir", str(tmp_path), "--config", str(tmp_path / "c.toml")]
