"""``newsroom screenshot``: the crisis view, the demo at a chosen moment, the config's display settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from newsroom.cli import main, parse_arguments
from newsroom.commands.screenshot import Display, prepare
from newsroom.ui import theme
from newsroom.ui.app import make_app
from newsroom.ui.render import posed_wall
from newsroom.ui.widgets.tile import TopicTile


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def write_config(folder: Path, text: str) -> Path:
    cfg = folder / "wall.toml"
    cfg.write_text(text, encoding="utf-8")
    return cfg


def test_screenshot_crisis_writes_a_png_of_the_size_asked(tmp_path: Path) -> None:
    out = tmp_path / "crisis.png"
    proc = subprocess.run(
        [sys.executable, "-m", "newsroom", "screenshot", "--demo", "--crisis", "--out", str(out),
         "--size", "1280x720", "--basedir", str(tmp_path)], capture_output=True, text=True, timeout=120,
        check=False, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr
    assert png_size(out) == (1280, 720)


def test_the_quiet_demo_is_an_ordinary_afternoon(qtbot: QtBot, tmp_path: Path) -> None:
    # a broken config of the user's own never stops the demo: it lends nothing
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "config.toml").write_text("[wall\nmax_topics = 2\n", encoding="utf-8")
    args = parse_arguments(["screenshot", "--demo", "--at", "quiet", "--out", str(tmp_path / "q.png"),
                            "--basedir", str(tmp_path)])
    snapshot, display, lang = prepare(args)
    assert display == Display() and lang == "nl"
    assert snapshot.alerts == () and snapshot.crises == ()
    assert len(snapshot.topics) >= 4
    assert all(not t.substories for t in snapshot.topics)
    make_app(lang)
    wall = posed_wall(snapshot, 1920, 1080, diagonal_in=display.diagonal_in, distance_m=display.distance_m,
                      tiles=display.tiles)
    qtbot.addWidget(wall)
    assert not wall.banner.isVisible()
    assert sum(t.isVisible() for t in wall.findChildren(TopicTile)) >= 4
    assert not wall.crisis.isVisible()


def test_the_demo_with_a_config_uses_its_display_and_tiles_and_crisis_names_a_topic(
        qtbot: QtBot, tmp_path: Path) -> None:
    cfg = write_config(tmp_path, "[wall]\nname = 'Zoutleeuw'\nmax_topics = 3\n"
                                 "[display]\nscreen_diagonal_in = 32.0\nviewing_distance_m = 3.0\n")
    args = parse_arguments(["screenshot", "--demo", "--config", str(cfg), "--crisis", "Brug Kanaalweg",
                            "--out", str(tmp_path / "c.png"), "--basedir", str(tmp_path)])
    snapshot, display, _ = prepare(args)
    assert display == Display(32.0, 3.0, 3)
    assert len(snapshot.topics) == 3
    assert snapshot.wall_name == "Lindeveld"  # the demo's town, not the config's
    # the storm's fragments are one tile: its sub-stories are listed, the day's other stories keep tiles
    storm = snapshot.topics[0]
    assert len(storm.substories) >= 3 and storm.substories[0].topic_id == storm.id
    assert snapshot.crises[0].title == "Brug Kanaalweg" and snapshot.crises[0].alert is None
    assert any(c.alert is not None and c.alert.severity >= 3 for c in snapshot.crises[1:])
    make_app("nl")
    wall = posed_wall(snapshot, 1280, 720, diagonal_in=display.diagonal_in, distance_m=display.distance_m,
                      tiles=display.tiles, crisis=True)
    qtbot.addWidget(wall)
    assert len(wall.findChildren(TopicTile)) == 3
    assert wall.scale == theme.TypeScale.for_screen(720, 32.0, 3.0)
    assert wall.crisis.isVisible() and wall.crisis.title.text() == "Brug Kanaalweg"


def test_a_stored_wall_screenshot_uses_the_config_display(tmp_path: Path) -> None:
    cfg = write_config(tmp_path, "[wall]\nmax_topics = 2\n[display]\nscreen_diagonal_in = 75.0\n")
    args = parse_arguments(["screenshot", "--config", str(cfg), "--out", str(tmp_path / "s.png"),
                            "--basedir", str(tmp_path)])
    snapshot, display, _ = prepare(args)
    assert not snapshot.demo
    assert display == Display(75.0, 5.0, 2)


@pytest.mark.parametrize(("extra", "says"), [
    (["--demo", "--at", "yesterday"], "--at must be quiet, crisis or an ISO time"),
    (["--demo", "--at", "2025-01-01T12:00Z"], "is outside the demo"),
])
def test_bad_moments_and_topics_are_exit_2(extra: list[str], says: str, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["screenshot", "--out", str(tmp_path / "x.png"), "--basedir", str(tmp_path), *extra])
    assert code == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1


def test_crisis_of_a_topic_that_is_not_there_is_exit_2(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    cfg = write_config(tmp_path, "[wall]\nname = 'Zoutleeuw'\n")  # an empty store: no topics at all
    code = main(["screenshot", "--config", str(cfg), "--crisis", "nergens", "--out", str(tmp_path / "x.png"),
                 "--basedir", str(tmp_path)])
    assert code == 2
    assert "no topic on the wall matches 'nergens'; the topics now: none yet" in capsys.readouterr().err
    code = main(["screenshot", "--config", str(cfg), "--crisis", "--out", str(tmp_path / "x.png"),
                 "--basedir", str(tmp_path)])
    assert code == 2
    assert "there is no topic on the wall yet" in capsys.readouterr().err


def test_at_without_the_demo_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = write_config(tmp_path, "[wall]\nname = 'Zoutleeuw'\n")
    code = main(["screenshot", "--config", str(cfg), "--at", "quiet", "--out", str(tmp_path / "x.png"),
                 "--basedir", str(tmp_path)])
    assert code == 2
    assert "add --demo" in capsys.readouterr().err


def test_the_wall_checks_its_moment_before_it_starts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--demo", "--at", "gisteren", "--basedir", str(tmp_path)])
    assert code == 2
    assert "--at must be quiet, crisis or an ISO time" in capsys.readouterr().err


def test_a_folder_without_a_config_is_drawn_as_its_wall_shows_it_with_the_next_step(qtbot: QtBot,
                                                                                    tmp_path: Path) -> None:
    """No config of its own: the demo, with the setup line the wall on that folder shows (asked for
    ``--demo``, the demo alone)."""
    args = parse_arguments(["screenshot", "--out", str(tmp_path / "n.png"), "--basedir", str(tmp_path)])
    snapshot, display, lang = prepare(args)
    assert snapshot.demo and ("no_config", "") in snapshot.notices
    make_app(lang)
    wall = posed_wall(snapshot, 1920, 1080, diagonal_in=display.diagonal_in, distance_m=display.distance_m,
                      tiles=display.tiles)
    qtbot.addWidget(wall)
    assert wall.setup_hint.isVisible() and "Ctrl+," in wall.setup_hint.text()
    asked = parse_arguments(["screenshot", "--demo", "--out", str(tmp_path / "d.png"), "--basedir", str(tmp_path)])
    assert ("no_config", "") not in prepare(asked)[0].notices
