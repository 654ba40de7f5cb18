"""``newsroom import F.jsonl``: feed mentions through the same pipeline into the store."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.errors import UsageError

if TYPE_CHECKING:
    from newsroom.domain import Mention

BATCH = 1000


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
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    mention = mention_from_record(record, default_id=f"import:{path.name}:{number}")
                except (json.JSONDecodeError, ValueError, TypeError) as exc:
                    raise UsageError(f"{path}, line {number}: {exc}; nothing was imported") from exc
                mentions.append(mention)
    except UnicodeDecodeError as exc:
        raise UsageError(f"{path}, line {number + 1} is not UTF-8 text; nothing was imported") from exc
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}; nothing was imported") from exc
    return mentions


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the parser."""
    p = sub.add_parser("import", help="feed mentions from a JSONL file into the store")
    p.add_argument("file", help="JSONL file, one mention per line (DESIGN.md format)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Validate the whole file first (before the pipeline is even loaded), then import it in batches."""
    mentions = read_mentions(Path(args.file))
    from newsroom.paths import AppPaths
    from newsroom.pipeline.factory import build_pipeline

    paths = AppPaths.resolve(args.basedir)
    pipeline = build_pipeline(paths, Path(args.config) if args.config else None, demo=False,
                              strict=bool(args.config))
    added = 0
    try:
        for i in range(0, len(mentions), BATCH):
            added += pipeline.ingest(mentions[i:i + BATCH])
    finally:
        pipeline.close()
    print(f"{added} new mentions imported, {len(mentions) - added} already known")
    return 0
