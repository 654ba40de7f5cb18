"""``newsroom spikes``: CSV ``timestamp,value`` on stdin → ``timestamp,value,score,alert`` on stdout.

Causal and streaming: each row is scored with the rows before it and written at once. The decision is
the wall's own (``newsroom.analysis.spikes``), in local time: ``--timezone``, else the config's
``wall.timezone`` (default Europe/Brussels). Timestamps without a zone are UTC, like the store's.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from newsroom.commands.jsonl import FORMATS_DOC
from newsroom.errors import UsageError
from newsroom.progress import Progress, summary_line

if TYPE_CHECKING:
    from newsroom.analysis.spikes import SpikeDetector


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the parser."""
    p = sub.add_parser("spikes", help="score a timestamp,value CSV on stdin for spikes",
                       description="Score a timestamp,value CSV on stdin for spikes: "
                                   "timestamp,value,score,alert on stdout, each row as it comes.",
                       epilog=f"The CSV format: {FORMATS_DOC}.")
    p.add_argument("--sensitivity", choices=("fewer", "balanced", "more"), default="balanced")
    p.add_argument("--timezone", default=None,
                   help="local time zone of the daily rhythm (default: the config's wall.timezone)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Stream the scored rows; a bad row stops with its number (earlier rows are already written)."""
    from newsroom.analysis.spikes import SpikeDetector

    detector = SpikeDetector(args.sensitivity, tz=_zone(args))
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["timestamp", "value", "score", "alert"])
    previous = None
    started, rows, alerts = time.monotonic(), 0, 0
    with Progress("scoring", unit="rows") as bar:
        for number, row in bar.iterate(enumerate(csv.reader(sys.stdin), 1)):
            step = _score(number, row, previous, detector)
            if step is None:
                continue
            previous, stamp, raw, score, alert = step
            writer.writerow([stamp, raw, f"{score:.6f}", int(alert)])
            rows, alerts = rows + 1, alerts + int(alert)
    sys.stdout.flush()
    print(summary_line(rows, ("row", "rows"), time.monotonic() - started,
                       [(alerts, "alert" if alerts == 1 else "alerts")]), file=sys.stderr)
    return 0


def _score(number: int, row: list[str], previous: datetime | None,
           detector: SpikeDetector) -> tuple[datetime, str, str, float, bool] | None:
    """One row scored: (time, stamp, value text, score, alert); None for a blank row or the header."""
    from newsroom.domain import parse_time

    if not row or not "".join(row).strip():
        return None
    if number == 1 and row[0].strip().lower() == "timestamp":
        return None
    if len(row) < 2:
        raise UsageError(f"row {number} needs two columns, timestamp,value (see {FORMATS_DOC})")
    stamp, raw = row[0].strip(), row[1].strip()
    try:
        ts = parse_time(stamp.replace(" ", "T"))
        value = float(raw)
    except ValueError as exc:
        raise UsageError(f"row {number}: {stamp!r},{raw!r} is not a timestamp and a number, such as "
                         f"2026-11-23T10:00:00Z,12 (see {FORMATS_DOC})") from exc
    if previous is not None and ts <= previous:
        raise UsageError(f"row {number}: timestamps must increase ({stamp} is not after the row before)")
    step = detector.update(ts, value)
    return ts, stamp, raw, step.score, step.alert

def _zone(args: argparse.Namespace) -> tzinfo:
    """``--timezone``, else the config's ``wall.timezone``; an unknown name is a usage error."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = args.timezone
    if name is None:
        from pathlib import Path

        from newsroom.config import load_config
        from newsroom.paths import AppPaths

        config_file = Path(args.config) if args.config else AppPaths.resolve(args.basedir).config_file
        name = str(load_config(config_file, strict=args.config is not None).config.get("wall.timezone"))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UsageError(f"unknown time zone {name!r} (use a name like Europe/Brussels)") from exc
