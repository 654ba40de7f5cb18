"""``newsroom topics``: JSONL on stdin (``id``, ``text``, optional ``published``, ``lang``, ``reply_to``)
in stream order → one ``{"id", "topic", "label"}`` line per input: the final assignment after the whole
stream. A reply (``reply_to``: the id of an earlier line) goes with the post it answers."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from newsroom.commands.jsonl import FORMATS_DOC, kind_in_words, text_records
from newsroom.errors import UsageError
from newsroom.progress import Progress, summary_line

#: Reassignment sweeps after the stream (the batch command may revisit documents; the wall does not).
DEFAULT_SWEEPS = 1


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the parser."""
    p = sub.add_parser("topics", help="cluster JSONL mentions on stdin into topics",
                       description="Cluster JSONL mentions on stdin (id, text, optional published, lang "
                                   "and reply_to: the id of an earlier line the post answers), in stream "
                                   "order, into topics: one {\"id\", \"topic\", \"label\"} line per "
                                   "input, the final assignment after the whole stream.",
                       epilog=f"The input record: {FORMATS_DOC}.")
    p.add_argument("--sweeps", type=int, default=DEFAULT_SWEEPS,
                   help=f"reassignment sweeps after the stream, before topics that tell one story are merged "
                        f"(default {DEFAULT_SWEEPS}; 0 = the stream and the merges only)")
    p.add_argument("--retire-after", type=float, default=6.0, metavar="HOURS",
                   help="a topic silent this long (by the posts' published times) retires (default 6)")
    p.set_defaults(handler=run)


@dataclass(slots=True)
class TopicsInput:
    """The checked input: (id, text, published, lang) per line, and reply id -> the id its ``reply_to``
    names (which of those count, an earlier line, is the batch's rule: ``reply_links.usable_links``)."""

    records: list[tuple[str, str, datetime, str | None]] = field(default_factory=list)
    replies: dict[str, str] = field(default_factory=dict)


def read_input(lines: Iterable[str], now: datetime) -> TopicsInput:
    """Parse and check the input lines; a bad line raises UsageError."""
    out = TopicsInput()
    seen: set[str] = set()
    with Progress("reading", unit="mentions") as bar:
        for number, record in bar.iterate(text_records(lines)):
            reply_to = _reply_to(number, record)
            checked = _checked(number, record, seen, now)
            out.records.append(checked)
            if reply_to is not None:
                out.replies[checked[0]] = reply_to
    return out


def read_records(lines: Iterable[str], now: datetime) -> list[tuple[str, str, datetime, str | None]]:
    """Parse and check the input lines: (id, text, published, lang); a bad line raises UsageError."""
    return read_input(lines, now).records


def _reply_to(number: int, record: dict[str, object]) -> str | None:
    """A record's ``reply_to`` (null or absent: None), or UsageError naming its line."""
    value = record.get("reply_to")
    if value is None or isinstance(value, str):
        return value
    raise UsageError(f"line {number}: reply_to must be the id of an earlier line as a string in double "
                     f"quotes, not {kind_in_words(value)}; see {FORMATS_DOC}")


def _checked(number: int, record: dict[str, object], seen: set[str],
             now: datetime) -> tuple[str, str, datetime, str | None]:
    """One record's (id, text, published, lang), or UsageError naming its line."""
    from newsroom.domain import parse_time

    raw_id = record.get("id")
    if raw_id is None or isinstance(raw_id, (dict, list, bool)):
        raise UsageError(f"line {number} has no id; every line needs one, see {FORMATS_DOC}")
    mention_id = str(raw_id)
    if mention_id in seen:
        raise UsageError(f"line {number}: id {mention_id!r} was already used")
    seen.add(mention_id)
    published = record.get("published")
    if published is not None and not isinstance(published, str):
        raise UsageError(f"line {number}: published must be an ISO-8601 time in double quotes, "
                         f"such as \"2026-11-23T10:15:00Z\"; see {FORMATS_DOC}")
    try:
        when = parse_time(published, now)
    except ValueError as exc:
        raise UsageError(f"line {number}: published {published!r} is not an ISO-8601 time") from exc
    lang = record.get("lang")
    return mention_id, str(record["text"]), when, lang if isinstance(lang, str) else None


def run(args: argparse.Namespace) -> int:
    """Read the whole stream, cluster it in order, write the final assignment of every line."""
    from newsroom.analysis.topic_batch import assign_topics
    from newsroom.domain import utcnow

    if args.sweeps < 0:
        raise UsageError("--sweeps must be 0 or more")
    if args.retire_after <= 0:
        raise UsageError("--retire-after must be more than 0 hours")
    started = time.monotonic()
    given = read_input(sys.stdin, utcnow())
    records = given.records
    with Progress(f"clustering {len(records):,} mentions", unit="stage", total=1) as bar:
        assignments = assign_topics(records, sweeps=args.sweeps, retire_after_s=args.retire_after * 3600,
                                    replies=given.replies)
        bar.advance()
    out = sys.stdout
    for a in assignments:
        out.write(json.dumps({"id": a.id, "topic": a.topic, "label": a.label}, ensure_ascii=False) + "\n")
    out.flush()
    topics = len({a.topic for a in assignments})
    print(summary_line(len(records), ("mention", "mentions"), time.monotonic() - started,
                       [(topics, "topic" if topics == 1 else "topics")]), file=sys.stderr)
    return 0
