"""``newsroom collector``'s options: usage errors (exit 2) before any work, the demo's fast clock."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newsroom.cli import main
from newsroom.commands.collector import fast_clock, shown, standby_interval
from newsroom.domain import utcnow
from newsroom.errors import UsageError


@pytest.mark.parametrize(("args", "said"), [
    (["--resume"], "--resume is an option of the demo; add --demo"),
    (["--speed", "10"], "--speed is an option of the demo; add --demo"),
    (["--demo", "--speed", "0"], "--speed must be above 0"),
    (["--demo", "--at", "gisteren"], "--at must be quiet, crisis or an ISO time"),
    (["--at", "quiet"], "--at picks a moment of the demo; add --demo"),
    (["--demo", "--standby-every", "40s"], "--standby-every must be between 0.2 s and 25 s"),
    (["--demo", "--standby-every", "vaak"], "--standby-every must look like 5s"),
    ([], "there is no config file yet"),
])
def test_usage_errors_before_any_work(args: list[str], said: str, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["collector", "--basedir", str(tmp_path), *args]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and said in err[0], err
    assert not (tmp_path / "data").exists()


def test_a_config_without_searches_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[wall]\nname = 'Lindeveld'\n", encoding="utf-8")
    assert main(["collector", "--basedir", str(tmp_path), "--config", str(config)]) == 2
    assert "has no [[searches]] to poll" in capsys.readouterr().err


def test_standby_interval_and_fast_clock() -> None:
    assert standby_interval("5s") == standby_interval("5") == 5.0 and standby_interval("0.5s") == 0.5
    with pytest.raises(UsageError):
        standby_interval("0.1")
    clock = fast_clock(3600.0)  # an hour a second
    first = clock()
    assert abs((first - utcnow()).total_seconds()) < 60
    time.sleep(0.05)
    assert (clock() - first).total_seconds() >= 0.05 * 3600 * 0.9


def test_the_store_is_shown_without_its_password() -> None:
    assert shown("postgresql://collector:geheim@db.lindeveld.be:5433/wall?sslmode=require") == (
        "postgresql://collector@db.lindeveld.be:5433/wall?sslmode=require")
    assert shown("postgresql://db/wall") == "postgresql://db/wall"
    assert shown(Path("/srv/data/newsroom.sqlite3")) == "/srv/data/newsroom.sqlite3"


def test_the_store_whose_leadership_is_taken(tmp_path: Path) -> None:
    """The one the pipeline writes: --store, else the config's store.url, else the data folder's file."""
    import argparse

    from newsroom.commands.collector import store_location
    from newsroom.config import Config
    from newsroom.paths import AppPaths

    paths = AppPaths.resolve(tmp_path)
    shared = Config({"store.url": "postgresql://collector@db/wall"})
    args = argparse.Namespace(demo=False, store=None)
    assert store_location(args, paths, None) == paths.store_file
    assert store_location(args, paths, shared) == "postgresql://collector@db/wall"
    assert store_location(argparse.Namespace(demo=False, store="postgresql://db/other"), paths,
                          shared) == "postgresql://db/other"
    assert store_location(argparse.Namespace(demo=True, store=None), paths, None) == (
        paths.data_dir / "demo.sqlite3")
