"""`newsroom spikes` reads the daily rhythm in local time: --timezone, else the config's wall.timezone."""

from __future__ import annotations

import math
import random
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from newsroom.analysis.spikes import SpikeDetector

START = datetime(2026, 3, 2, tzinfo=UTC)


def series() -> list[tuple[datetime, int]]:
    """Four days of 5-minute counts with a strong evening peak at 19:00 UTC."""
    rng = random.Random(9)
    out = []
    for i in range(4 * 288):
        t = START + timedelta(minutes=5 * i)
        hour = t.hour + t.minute / 60
        lam = 0.5 + 6 * math.exp(-((hour - 19) ** 2) / 3)
        out.append((t, sum(rng.random() < lam / 20 for _ in range(20))))
    return out


def run(*args: str) -> list[str]:
    rows = ["timestamp,value"] + [f"{t.strftime('%Y-%m-%d %H:%M:%S')},{v}" for t, v in series()]
    proc = subprocess.run([sys.executable, "-m", "newsroom", "spikes", *args], input="\n".join(rows) + "\n",
                          capture_output=True, text=True, check=True)
    return [line.split(",")[2] for line in proc.stdout.splitlines()[1:]]


def expected_scores(zone: str) -> list[str]:
    det = SpikeDetector("balanced", tz=ZoneInfo(zone))
    return [f"{det.update(t, v).score:.6f}" for t, v in series()]


def test_timezone_option_and_config_are_honoured(tmp_path: Path) -> None:
    brussels = run("--timezone", "Europe/Brussels", "--basedir", str(tmp_path))
    new_york = run("--timezone", "America/New_York", "--basedir", str(tmp_path))
    assert brussels == expected_scores("Europe/Brussels")
    assert new_york == expected_scores("America/New_York")
    assert brussels != new_york  # weekdays and time-of-day slots are cut at other moments
    config = tmp_path / "config.toml"
    config.write_text('[wall]\ntimezone = "America/New_York"\n', encoding="utf-8")
    assert run("--config", str(config)) == new_york
    assert run("--basedir", str(tmp_path)) == brussels  # no config: Europe/Brussels


def test_an_unknown_timezone_is_one_readable_sentence() -> None:
    proc = subprocess.run([sys.executable, "-m", "newsroom", "spikes", "--timezone", "Mars/Olympus"],
                          input="timestamp,value\n", capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert proc.stderr.strip() == "newsroom: unknown time zone 'Mars/Olympus' (use a name like Europe/Brussels)"
