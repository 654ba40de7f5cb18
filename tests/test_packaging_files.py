"""The start-up files in packaging/ parse, and agree with what the wall does (the bundle is built in CI)."""

from __future__ import annotations

import configparser
import plistlib
import xml.etree.ElementTree as ET
from pathlib import Path

from newsroom.collector.child import STOP_TIMEOUT_S
from newsroom.commands.wall import STOP_TIMEOUT_MS

PACKAGING = Path(__file__).resolve().parents[1] / "packaging"


def _ini(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text(encoding="utf-8"), source=str(path))
    return parser


def _seconds(value: str) -> float:
    units = {"ms": 0.001, "s": 1, "min": 60}
    for unit, factor in sorted(units.items(), key=lambda kv: -len(kv[0])):
        if value.endswith(unit):
            return float(value[: -len(unit)]) * factor
    return float(value)


def test_the_systemd_unit_waits_for_ready_watches_the_gui_and_outwaits_a_clean_stop() -> None:
    service = _ini(PACKAGING / "newsroom-wall.service")["Service"]
    assert service["Type"] == "notify"
    assert service["NotifyAccess"] == "main"
    assert service["Restart"] == "on-failure"
    assert 10 <= _seconds(service["WatchdogSec"]) <= 300
    # systemd must not SIGKILL a wall that is still closing its pipeline
    assert _seconds(service["TimeoutStopSec"]) > STOP_TIMEOUT_MS / 1000
    assert service["ExecStart"].endswith("/newsroom-wall")
    # the wall stops its child collector itself: systemd's SIGTERM goes to the wall alone
    assert service["KillMode"] == "mixed"


def test_the_collector_unit_waits_for_ready_and_outwaits_a_clean_stop() -> None:
    unit = _ini(PACKAGING / "newsroom-collector.service")
    service = unit["Service"]
    assert service["Type"] == "notify" and service["NotifyAccess"] == "main"
    assert service["Restart"] == "on-failure" and service["KillSignal"] == "SIGTERM"
    assert service["ExecStart"].endswith("/newsroom collector")
    assert _seconds(service["TimeoutStopSec"]) > STOP_TIMEOUT_S + 5  # the dispatcher's flush, the store
    assert "graphical-session.target" not in unit["Unit"].get("After", "")  # no screen needed


def test_the_desktop_entries_start_the_wall() -> None:
    for name in ("newsroom-wall.desktop", "autostart/newsroom-wall.desktop"):
        entry = _ini(PACKAGING / name)["Desktop Entry"]
        assert entry["Type"] == "Application"
        assert "newsroom" in entry["Exec"]
        assert entry["Terminal"] == "false"
    assert _ini(PACKAGING / "autostart/newsroom-wall.desktop")["Desktop Entry"]["X-GNOME-Autostart-enabled"] == "true"


def test_the_windows_task_starts_at_logon_and_again_after_a_crash() -> None:
    ns = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
    task = ET.parse(PACKAGING / "windows" / "newsroom-wall-task.xml").getroot()
    assert task.find("t:Triggers/t:LogonTrigger/t:Repetition/t:Interval", ns) is not None
    assert task.findtext("t:Settings/t:MultipleInstancesPolicy", namespaces=ns) == "IgnoreNew"
    assert task.findtext("t:Settings/t:ExecutionTimeLimit", namespaces=ns) == "PT0S"
    assert task.findtext("t:Actions/t:Exec/t:Command", namespaces=ns).endswith("newsroom-wall.exe")


def test_the_macos_launch_agent_restarts_after_a_crash_only() -> None:
    with (PACKAGING / "macos" / "org.newsroomwall.wall.plist").open("rb") as f:
        agent = plistlib.load(f)
    assert agent["RunAtLoad"] is True
    assert agent["KeepAlive"] == {"SuccessfulExit": False}
    assert agent["ProgramArguments"][0].endswith("/newsroom-wall")
