"""``newsroom spikes``: CSV ``timestamp,value`` on stdin → ``timestamp,value,score,alert`` on stdout.

Causal and streaming: each row is scored with the rows before it and written at once. The decision is
the wall's own (``newsroom.analysis.spikes``), in local time: ``--timezone``, else the config's
``wall.timezone`` (default Europe/Brussels). Timestamps without a zone are UTC, like the store's.
"""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import tzinfo

from newsroom.errors import UsageError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the parser."""
    p = sub.add_parser("spikes", help="score a timestamp,value CSV on stdin for spikes")
    p.add_argument("--sensitivity", choices=("fewer", "balanced", "more"), default="balanced")
    p.add_argument("--timezone", default=None,
                   help="local time zone of the daily rhythm (default: the config's wall.timezone)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Stream the scored rows; a bad row stops with its number (earlier rows are already written)."""
    from newsroom.analysis.spikes import SpikeDetector
    from newsroom.domain import parse_time

    detector = SpikeDetector(args.sensitivity, tz=_zone(args))
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["timestamp", "value", "score", "alert"])
    previous = None
    for number, row in enumerate(csv.reader(sys.stdin), 1):
        if not row or not "".join(row).strip():
            continue
        if number == 1 and row[0].strip().lower() == "timestamp":
            continue
        if len(row) < 2:
            raise UsageError(f"row {number} needs timestamp,value")
        stamp, raw = row[0].strip(), row[1].strip()
        try:
            ts = parse_time(stamp.replace(" ", "T"))
            value = float(raw)
        except ValueError as exc:
            raise UsageError(f"row {number}: {stamp!r},{raw!r} is not a timestamp and a number") from exc
        if previous is not None and ts <= previous:
            raise UsageError(f"row {number}: timestamps must increase ({stamp} is not after the row before)")
        previous = ts
        step = detector.update(ts, value)
        writer.writerow([stamp, raw, f"{step.score:.6f}", int(step.alert)])
    sys.stdout.flush()
    return 0


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
