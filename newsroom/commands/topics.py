"""``newsroom topics``: JSONL on stdin (``id``, ``text``, optional ``published``, ``lang``) in stream order
→ one ``{"id", "topic", "label"}`` line per input: the final assignment after the whole stream."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from datetime import datetime

from newsroom.commands.jsonl import text_records
from newsroom.errors import UsageError

#: Reassignment sweeps after the stream (the batch command may revisit documents; the wall does not).
DEFAULT_SWEEPS = 1


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the parser."""
    p = sub.add_parser("topics", help="cluster JSONL mentions on stdin into topics")
    p.add_argument("--sweeps", type=int, default=DEFAULT_SWEEPS,
                   help=f"reassignment sweeps after the stream, before topics that tell one story are merged "
                        f"(default {DEFAULT_SWEEPS}; 0 = the stream and the merges only)")
    p.add_argument("--retire-after", type=float, default=6.0, metavar="HOURS",
                   help="a topic silent this long (by the posts' published times) retires (default 6)")
    p.set_defaults(handler=run)


def read_records(lines: Iterable[str], now: datetime) -> list[tuple[str, str, datetime, str | None]]:
    """Parse and check the input lines: (id, text, published, lang); a bad line raises UsageError."""
    from newsroom.domain import parse_time

    out: list[tuple[str, str, datetime, str | None]] = []
    seen: set[str] = set()
    for number, record in text_records(lines):
        raw_id = record.get("id")
        if raw_id is None or isinstance(raw_id, (dict, list, bool)):
            raise UsageError(f"line {number} has no id")
        mention_id = str(raw_id)
        if mention_id in seen:
            raise UsageError(f"line {number}: id {mention_id!r} was already used")
        seen.add(mention_id)
        published = record.get("published")
        if published is not None and not isinstance(published, str):
            raise UsageError(f"line {number}: published must be an ISO-8601 time")
        try:
            when = parse_time(published, now)
        except ValueError as exc:
            raise UsageError(f"line {number}: published {published!r} is not an ISO-8601 time") from exc
        lang = record.get("lang") if isinstance(record.get("lang"), str) else None
        out.append((mention_id, record["text"], when, lang))
    return out


def run(args: argparse.Namespace) -> int:
    """Read the whole stream, cluster it in order, write the final assignment of every line."""
    from newsroom.analysis.topic_batch import assign_topics
    from newsroom.domain import utcnow

    if args.sweeps < 0:
        raise UsageError("--sweeps must be 0 or more")
    if args.retire_after <= 0:
        raise UsageError("--retire-after must be more than 0 hours")
    records = read_records(sys.stdin, utcnow())
    out = sys.stdout
    for a in assign_topics(records, sweeps=args.sweeps, retire_after_s=args.retire_after * 3600):
        out.write(json.dumps({"id": a.id, "topic": a.topic, "label": a.label}, ensure_ascii=False) + "\n")
    out.flush()
    return 0
