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
from collections.abc import Callable, Iterator
from datetime import datetime, tzinfo
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from newsroom.commands.jsonl import FORMATS_DOC
from newsroom.commands.spike_rows import SpikeRow, spike_rows
from newsroom.commands.stdin_text import stdin_lines, utf8_stdout
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
    """Stream the scored rows; a row that cannot be read stops with its number (earlier rows are already
    written). A row with a missing value, or whose time is not after the rows before it, is echoed with
    score 0 and alert 0 and not learnt from (the summary on stderr counts them). A file written newest
    first (its second row before its first) is read whole and scored oldest first, and written back
    in its own order."""
    from newsroom.analysis.spikes import SpikeDetector

    steps = _Steps(SpikeDetector(args.sensitivity, tz=_zone(args)))
    lines = stdin_lines()
    utf8_stdout()
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["timestamp", "value", "score", "alert"])
    started = time.monotonic()
    with Progress("scoring", unit="rows") as bar:
        rows = bar.iterate(spike_rows(lines))
        head = _first_two(rows, lambda row: _write(writer, row, *steps(row)))
        if len(head) == 2 and head[1].when < head[0].when:
            given = head + list(rows)
            scored: dict[int, tuple[float, bool]] = {}
            for n in sorted(range(len(given)), key=lambda n: given[n].when):
                scored[n] = steps(given[n])
            for n, row in enumerate(given):
                _write(writer, row, *scored[n])
        else:
            for row in chain(head, rows):
                _write(writer, row, *steps(row))
    sys.stdout.flush()
    print(summary_line(steps.rows, ("row", "rows"), time.monotonic() - started, steps.notes()),
          file=sys.stderr)
    return 0


def _first_two(rows: Iterator[SpikeRow], write: Callable[[SpikeRow], None]) -> list[SpikeRow]:
    """The first two rows (to see which way the file runs); when the second cannot be read, the first is
    written before the error goes on (the rows before a bad one are always written)."""
    head: list[SpikeRow] = []
    try:
        head.extend(islice(rows, 2))
    except UsageError:
        for row in head:
            write(row)
        raise
    return head


def _write(writer: Any, row: SpikeRow, score: float, alert: bool) -> None:
    writer.writerow([row.stamp, row.raw, f"{score:.6f}", int(alert)])


class _Steps:
    """The detector over rows in time order: (score, alert) per row; a row without a value, or not after
    the latest one, is (0, False) and not learnt from. A negative value is learnt as 0 (the detector
    counts posts)."""

    def __init__(self, detector: SpikeDetector) -> None:
        self.detector = detector
        self.latest: datetime | None = None
        self.rows = self.alerts = self.missing = self.backwards = 0

    def __call__(self, row: SpikeRow) -> tuple[float, bool]:
        self.rows += 1
        if self.latest is not None and row.when <= self.latest:
            self.backwards += 1
            return 0.0, False
        self.latest = row.when
        if row.value is None:
            self.missing += 1
            return 0.0, False
        step = self.detector.update(row.when, max(row.value, 0.0))
        self.alerts += int(step.alert)
        return step.score, step.alert

    def notes(self) -> list[tuple[int, str]]:
        """The summary's parts: alerts, and the rows not scored and why."""
        out = [(self.alerts, "alert" if self.alerts == 1 else "alerts")]
        if self.missing:
            out.append((self.missing, "without a value (not scored)"))
        if self.backwards:
            out.append((self.backwards, "not after the row before (not scored)"))
        return out


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
