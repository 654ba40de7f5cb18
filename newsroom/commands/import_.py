"""``newsroom import F.jsonl``: feed mentions through the same pipeline into the store.

The whole file is checked first (a bad line stops the import before anything is written), then it is
imported in batches; on a terminal both stages show a progress bar, and a summary line always ends it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.commands.jsonl import FORMATS_DOC, json_problem, parse_line, text_problem
from newsroom.errors import UsageError
from newsroom.progress import Progress, summary_line

if TYPE_CHECKING:
    from newsroom.domain import Mention

BATCH = 1000
#: the end of every error about the file: nothing happened, and what to do
_NOTHING = f"nothing was imported; correct that line and run the import again (format: {FORMATS_DOC})"


def read_mentions(path: Path) -> list[Mention]:
    """Every mention of a JSONL file; the first bad line is an error naming its number."""
    from newsroom.domain import mention_from_record

    if not path.exists():
        raise UsageError(f"the file {path} does not exist; nothing was imported")
    if path.is_dir():
        raise UsageError(f"{path} is a folder, not a JSONL file; nothing was imported")
    mentions: list[Mention] = []
    number = 0
    try:
        size = path.stat().st_size
        with path.open(encoding="utf-8") as lines, \
                Progress(f"checking {path.name}", total=size, unit="B", scale=True) as bar:
            unread = 0  # bytes read since the bar last moved (it moves every 1,000 lines: cheap)
            for number, line in enumerate(lines, 1):
                unread += len(line.encode("utf-8")) if not line.isascii() else len(line)
                if number % 1000 == 0:
                    bar.advance(unread)
                    unread = 0
                if not line.strip():
                    continue
                try:
                    record = parse_line(line)
                except json.JSONDecodeError as exc:
                    raise UsageError(f"{path}, line {number} is not JSON ({json_problem(exc)}); "
                                     f"{_NOTHING}") from exc
                problem = text_problem(record)
                if problem is not None:
                    sep = ": " if problem.startswith("text") else " "
                    raise UsageError(f"{path}, line {number}{sep}{problem}; {_NOTHING}")
                try:
                    mention = mention_from_record(record, default_id=f"import:{path.name}:{number}")
                except (ValueError, TypeError) as exc:
                    raise UsageError(f"{path}, line {number}: {exc}; {_NOTHING}") from exc
                mentions.append(mention)
            bar.advance(unread)
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}, line {number + 1} is not UTF-8 text; save the file as UTF-8; "
                         "nothing was imported") from exc
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}; nothing was imported") from exc
    return mentions


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the parser."""
    p = sub.add_parser("import", help="feed mentions from a JSONL file into the store",
                       description="Feed mentions from a JSONL file through the pipeline into the store. "
                                   "A bad line stops the import before anything is written.",
                       epilog=f"The mention record: {FORMATS_DOC}.")
    p.add_argument("file", help=f"JSONL file, one mention per line ({FORMATS_DOC})")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Validate the whole file first (before the pipeline is even loaded), then import it in batches."""
    started = time.monotonic()
    mentions = read_mentions(Path(args.file))
    from newsroom.paths import AppPaths
    from newsroom.pipeline.factory import build_pipeline

    paths = AppPaths.resolve(args.basedir)
    pipeline = build_pipeline(paths, Path(args.config) if args.config else None, demo=False,
                              strict=bool(args.config))
    from newsroom.pipeline.prepare import Preparer, preparer_workers

    added = 0
    try:
        with Progress("importing", total=len(mentions), unit="mentions") as bar, \
                Preparer(pipeline, preparer_workers(len(mentions))) as prepare:  # language, sentiment ahead
            batches = (mentions[i:i + BATCH] for i in range(0, len(mentions), BATCH))
            for batch, prepared in prepare.batches(batches):
                added += pipeline.ingest(batch, prepared=prepared)
                bar.advance(len(batch))
    finally:
        pipeline.close()
    print(summary_line(len(mentions), ("mention", "mentions"), time.monotonic() - started,
                       [(added, "new"), (len(mentions) - added, "already known")]), file=sys.stderr)
    return 0
