"""Test helper, run as a subprocess by tests/test_restart_kill.py (not a test itself): the wall's
pipeline built the way the wall builds it (``build_pipeline`` from a config, webhook channel included)
under a simulated clock. Mentions published before START are fed at once (the wall's history); then
one simulated minute at a time up to END. After each minute it waits until the alert dispatcher is
idle, prints the minute, and waits for a line on stdin (none once stdin is closed), so the test can
SIGKILL it at an exact point. A run resumes at the minute of the newest stored mention.

Usage: python restart_driver.py BASEDIR CONFIG DATA.jsonl START END   (times ISO 8601, UTC)
"""

from __future__ import annotations

import sqlite3
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.clock import Clock


def newest_stored(store_file: Path) -> datetime | None:
    """Publication time of the newest stored mention (read-only), None without a store."""
    if not store_file.exists():
        return None
    db = sqlite3.connect(f"file:{store_file}?mode=ro", uri=True)
    try:
        row = db.execute("SELECT MAX(published) FROM mentions").fetchone()
    except sqlite3.Error:
        return None
    finally:
        db.close()
    return datetime.fromtimestamp(row[0], UTC) if row[0] else None


def main(basedir: str, config: str, data: str, start_iso: str, end_iso: str, *, interactive: bool = True) -> int:
    from newsroom.commands.import_ import read_mentions
    from newsroom.paths import AppPaths
    from newsroom.pipeline.factory import build_pipeline

    start, end = datetime.fromisoformat(start_iso), datetime.fromisoformat(end_iso)
    mentions = sorted(read_mentions(Path(data)), key=lambda m: m.published)
    paths = AppPaths.resolve(basedir)
    newest = newest_stored(paths.store_file)
    minute = start if newest is None or newest < start else newest.replace(second=0, microsecond=0)
    clock = Clock(minute)
    pipeline = build_pipeline(paths, Path(config), demo=False, clock=clock, strict=True)
    try:
        if newest is None or newest < start:
            pipeline.ingest([m for m in mentions if m.published < start], now=start)
        while minute < end:
            step = minute + timedelta(minutes=1)
            clock.now = step
            pipeline.ingest([m for m in mentions if minute <= m.published < step], now=step)
            notifier = pipeline.notifier
            if notifier is not None and hasattr(notifier, "wait_idle"):
                notifier.wait_idle(30)
            sys.stdout.write(f"{step.isoformat()}\n")
            sys.stdout.flush()
            if interactive and not sys.stdin.readline():
                interactive = False
            minute = step
    finally:
        pipeline.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:6]))
