"""``--demo --at MOMENT`` means the same moment in every command: the wall, ``screenshot``, ``briefing`` and
``collector`` accept and refuse the same moments with the same sentence, and ``screenshot`` and ``briefing``
show the demo at the same moment (a time without a zone is the demo wall's local time, Europe/Brussels)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsroom.cli import main, parse_arguments
from newsroom.commands.collector import check_options
from newsroom.commands.screenshot import prepare
from newsroom.commands.wall import check_demo_moment
from newsroom.errors import UsageError
from newsroom.paths import AppPaths
from newsroom.pipeline.factory import PRIVATE_STORE, build_demo_pipeline
from newsroom.sources.demo import DEMO_ZONE, load_scenario


@pytest.mark.parametrize("at", ["gisteren", "2026-01-05T00:59", "2026-01-08T01:01", "2026-01-08T00:00:01Z"])
def test_every_command_refuses_a_moment_outside_the_demo_with_the_same_sentence(
        at: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    said: dict[str, str] = {}
    for name in ("screenshot", "briefing"):
        out = str(tmp_path / f"x.{'png' if name == 'screenshot' else 'pdf'}")
        assert main([name, "--demo", "--at", at, "--out", out, "--basedir", str(tmp_path)]) == 2, name
        said[name] = capsys.readouterr().err
    # the wall and the collector run until stopped: their own checks before any work, without starting
    with pytest.raises(UsageError) as wall:
        check_demo_moment(at, demo=True)
    said["wall"] = f"newsroom: {wall.value}\n"
    with pytest.raises(UsageError) as collector:
        check_options(parse_arguments(["collector", "--demo", "--at", at, "--basedir", str(tmp_path)]))
    said["collector"] = f"newsroom: {collector.value}\n"
    assert len(set(said.values())) == 1, said
    assert said["wall"].count("\n") == 1 and said["wall"].startswith("newsroom: --at ")
    assert not list(tmp_path.rglob("x.*"))


@pytest.mark.parametrize(("at", "moment"), [
    ("2026-01-05T02:30", datetime(2026, 1, 5, 1, 30, tzinfo=UTC)),      # no zone: the wall's time (CET)
    ("2026-01-05T00:30Z", datetime(2026, 1, 5, 0, 30, tzinfo=UTC)),     # half an hour into the demo
    ("2026-01-05T09:00+01:00", datetime(2026, 1, 5, 8, 0, tzinfo=UTC)),  # an offset as written
])
def test_screenshot_and_briefing_show_the_demo_at_the_same_moment(
        at: str, moment: datetime, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    newest = [m for m in load_scenario().mentions if m.published <= moment][-1]
    snapshot, _, _ = prepare(parse_arguments(["screenshot", "--demo", "--at", at, "--out",
                                              str(tmp_path / "x.png"), "--basedir", str(tmp_path)]))
    assert snapshot.latest[0].id == newest.id  # the newest post on the wall is the moment's newest
    assert snapshot.mentions_last_hour > 0
    assert main(["briefing", "--demo", "--at", at, "--since", "1h", "--out", str(tmp_path / "x.pdf"),
                 "--basedir", str(tmp_path)]) == 0
    counted = re.search(r"(\d+) mentions", capsys.readouterr().out)
    assert counted is not None and int(counted.group(1)) == snapshot.mentions_last_hour


def test_the_demo_wall_keeps_the_zone_its_moments_are_read_in(tmp_path: Path) -> None:
    from newsroom.config import Config

    lent = Config({"wall.timezone": "Asia/Tokyo", "wall.max_topics": 4})
    pipeline = build_demo_pipeline(AppPaths.resolve(tmp_path), store_file=PRIVATE_STORE, config=lent)
    try:
        assert pipeline.config.get("wall.timezone") == DEMO_ZONE
        assert pipeline.config.get("wall.max_topics") == 4
    finally:
        pipeline.close()
