"""What a wall opens, decided before Qt starts (``newsroom.commands.wall.resolve_wall``): the demo for
want of a config (with its notice unless the demo was asked for), a shared store to read (``--reader``,
``--store`` or the config's ``store.url``), the config the settings dialog writes, the language."""

from __future__ import annotations

from pathlib import Path

from newsroom.cli import parse_arguments
from newsroom.commands.wall import WallPlan, resolve_wall
from newsroom.paths import AppPaths

SHARED = "postgresql://wall@db.example/news"


def plan(tmp_path: Path, *options: str) -> WallPlan:
    return resolve_wall(parse_arguments(["--basedir", str(tmp_path / "base"), *options]))


def shared_config(tmp_path: Path) -> Path:
    config = tmp_path / "wall.toml"
    config.write_text(f'[store]\nurl = "{SHARED}"\n\n[wall]\nlanguage = "en"\n', encoding="utf-8")
    return config


def test_without_a_config_the_wall_shows_the_demo_and_says_why(tmp_path: Path) -> None:
    wall = plan(tmp_path)
    assert wall.demo and wall.no_config and wall.shared is None
    assert wall.fallback_notices == [("no_config", "")]
    assert wall.settings_file == AppPaths.resolve(str(tmp_path / "base")).config_file
    assert (tmp_path / "base").is_dir()  # the app's folders are made


def test_the_demo_asked_for_has_no_notice(tmp_path: Path) -> None:
    wall = plan(tmp_path, "--demo")
    assert wall.demo and wall.no_config and wall.fallback_notices == []


def test_a_reading_wall_reads_the_data_folders_store_without_a_demo_to_fall_back_on(tmp_path: Path) -> None:
    wall = plan(tmp_path, "--reader")
    assert not wall.demo and not wall.no_config and wall.fallback_notices == []
    assert wall.shared == AppPaths.resolve(str(tmp_path / "base")).store_file


def test_the_configs_store_url_makes_a_wall_that_reads_it(tmp_path: Path) -> None:
    config = shared_config(tmp_path)
    wall = plan(tmp_path, "--config", str(config))
    assert wall.shared == SHARED and not wall.demo
    assert wall.settings_file == config and wall.config_file == config
    assert wall.lang == "en"
    assert plan(tmp_path, "--config", str(config), "--lang", "nl").lang == "nl"


def test_the_demo_on_a_shared_config_shows_the_demo_not_the_store(tmp_path: Path) -> None:
    wall = plan(tmp_path, "--config", str(shared_config(tmp_path)), "--demo")
    assert wall.demo and wall.shared is None and wall.lang == "en"
