"""``collect`` and ``collector`` need a config file: both say the same sentence when there is none or it
cannot be read (exit 2, one line, nothing polled or stored)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsroom.cli import main

COMMANDS = ("collect", "collector")


@pytest.mark.parametrize("command", COMMANDS)
def test_a_missing_config_says_how_to_write_one(command: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main([command, "--basedir", str(tmp_path)]) == 2
    path = tmp_path / "config" / "config.toml"
    assert capsys.readouterr().err == (
        f"newsroom: there is no config file yet ({path}); write an example one with 'newsroom init' "
        f"(or use 'newsroom settings'), then run 'newsroom {command}' again\n")
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_folder_where_the_config_should_be_cannot_be_read(command: str, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "config" / "config.toml"
    path.mkdir(parents=True)
    assert main([command, "--basedir", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"newsroom: the config file {path} cannot be read (it is a folder, not a file); move the folder "
        f"away and write an example config with 'newsroom init', then run 'newsroom {command}' again\n")
    assert not (tmp_path / "data").exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root reads any file: file modes cannot make it unreadable")
@pytest.mark.parametrize("command", COMMANDS)
def test_a_config_without_read_permission_cannot_be_read(command: str, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "c.toml"
    path.write_text("[wall]\nname = 'Lindeveld'\n", encoding="utf-8")
    path.chmod(0o200)
    try:
        assert main([command, "--basedir", str(tmp_path), "--config", str(path)]) == 2
    finally:
        path.chmod(0o600)
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"newsroom: the config file {path} cannot be read (permission denied); let this user read it "
        f"(or name another with --config), then run 'newsroom {command}' again")
