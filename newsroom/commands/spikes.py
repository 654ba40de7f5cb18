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

from newsroom.commands.jsonl import FORMATS_DOC
from newsroom.commands.spike_rows import spike_rows
from newsroom.commands.stdin_text import stdin_lines, utf8_stdout
from newsroom.errors import UsageError
from newsroom.progress import Progress, summary_line


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
    """Stream the scored rows; a row that cannot be read stops with its number (earlier rows are already
    written). A row with a missing value, or whose time is not after the rows before it, is echoed with
    score 0 and alert 0 and not learnt from (the summary on stderr counts them)."""
    from newsroom.analysis.spikes import SpikeDetector

    detector = SpikeDetector(args.sensitivity, tz=_zone(args))
    utf8_stdout()
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["timestamp", "value", "score", "alert"])
    latest: datetime | None = None
    started, rows, alerts, missing, backwards = time.monotonic(), 0, 0, 0, 0
    with Progress("scoring", unit="rows") as bar:
        for row in bar.iterate(spike_rows(stdin_lines())):
            score, alert = 0.0, False
            if latest is not None and row.when <= latest:
                backwards += 1
            else:
                latest = row.when
                if row.value is None:
                    missing += 1
                else:
                    step = detector.update(row.when, row.value)
                    score, alert = step.score, step.alert
            writer.writerow([row.stamp, row.raw, f"{score:.6f}", int(alert)])
            rows, alerts = rows + 1, alerts + int(alert)
    sys.stdout.flush()
    notes = [(alerts, "alert" if alerts == 1 else "alerts")]
    if missing:
        notes.append((missing, "without a value (not scored)"))
    if backwards:
        notes.append((backwards, "not after the row before (not scored)"))
    print(summary_line(rows, ("row", "rows"), time.monotonic() - started, notes), file=sys.stderr)
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
