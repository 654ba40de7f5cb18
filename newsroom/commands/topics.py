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

from newsroom.commands.given_times import from_epoch, given_time
from newsroom.commands.jsonl import FORMATS_DOC, array_or_lines, given_language, kind_in_words, text_records
from newsroom.commands.stdin_text import stdin_lines, utf8_stdout
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
    """The checked input: (key, text, published, lang) per line, the id each line gave (echoed as given:
    a number stays a number), and reply key -> the key its ``reply_to`` names (which of those count, an
    earlier line, is the batch's rule: ``reply_links.usable_links``). A line's key is its id as text;
    a line whose id is missing or was used before gets a key of its own (:func:`line_key`)."""

    records: list[tuple[str, str, datetime, str | None]] = field(default_factory=list)
    replies: dict[str, str] = field(default_factory=dict)
    given_ids: list[object] = field(default_factory=list)


def read_input(lines: Iterable[str], now: datetime) -> TopicsInput:
    """Parse and check the input lines; a bad line raises UsageError."""
    out = TopicsInput()
    seen: set[str] = set()
    with Progress("reading", unit="mentions") as bar:
        for number, record in bar.iterate(text_records(lines, null_text=True)):
            reply_to = _reply_to(number, record)
            checked = _checked(number, record, seen, now)
            out.records.append(checked)
            out.given_ids.append(record.get("id"))
            if reply_to is not None:
                out.replies[checked[0]] = reply_to
    return out


def read_records(lines: Iterable[str], now: datetime) -> list[tuple[str, str, datetime, str | None]]:
    """Parse and check the input lines: (id, text, published, lang); a bad line raises UsageError."""
    return read_input(lines, now).records


def id_text(value: object) -> str | None:
    """An id or a ``reply_to`` as text: a string as it is, a number as JSON writes it (``7``, ``7.5``);
    None for anything else (null, true, a list, an object)."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return json.dumps(value)
    return None


def line_key(number: int, raw_id: object, seen: set[str]) -> str:
    """The line's key in the clustering: its id as text; for a line without a usable id, or whose id an
    earlier line used, ``id (line N)``, made unique (the output still gives the id as written)."""
    key = id_text(raw_id)
    if key is None or key in seen:
        base = f"{key if key is not None else ''} (line {number})".lstrip()
        key, extra = base, 1
        while key in seen:
            extra += 1
            key = f"{base} {extra}"
    seen.add(key)
    return key


def _reply_to(number: int, record: dict[str, object]) -> str | None:
    """A record's ``reply_to`` as text (null or absent: None), or UsageError naming its line."""
    value = record.get("reply_to")
    if value is None:
        return None
    text = id_text(value)
    if text is not None:
        return text
    raise UsageError(f"line {number}: reply_to must be the id of an earlier line as a string in double "
                     f"quotes, not {kind_in_words(value)}; see {FORMATS_DOC}")


def _checked(number: int, record: dict[str, object], seen: set[str],
             now: datetime) -> tuple[str, str, datetime, str | None]:
    """One record's (key, text, published, lang), or UsageError naming its line."""
    key = line_key(number, record.get("id"), seen)
    published = record.get("published")
    try:
        when = published_time(published, now)
    except ValueError as exc:
        raise UsageError(f"line {number}: published {published!r} is not a time; write ISO-8601 such as "
                         f"\"2026-11-23T10:15:00Z\" or epoch seconds; see {FORMATS_DOC}") from exc
    text = record["text"]
    return key, text if isinstance(text, str) else "", when, given_language(record.get("lang"))


def published_time(value: object, now: datetime) -> datetime:
    """``published`` as given: null or empty is ``now``; a number is epoch seconds (or milliseconds);
    a string is any form :func:`given_time` reads. ValueError otherwise."""
    if value is None or value == "":
        return now
    if isinstance(value, int | float) and not isinstance(value, bool):
        return from_epoch(float(value))
    if isinstance(value, str):
        return given_time(value)
    raise ValueError(f"{value!r} is not a time")


def named(labels: list[str], topics: list[int], texts: list[str]) -> list[str]:
    """Every topic's label non-empty: a topic the namer left without a name (its posts hold no word it
    names by, such as "Hoe lang nog?") is named by the first words of its first post that has any, swear
    words masked ("K**!": :func:`first_words`, as the wall does)."""
    from newsroom.analysis.topic_names import first_words

    fallback: dict[int, str] = {}
    for label, topic, text in zip(labels, topics, texts, strict=True):
        if not label.strip() and topic not in fallback and text.strip():
            fallback[topic] = first_words([text])
    return [label if label.strip() else fallback.get(topic, UNNAMED)
            for label, topic in zip(labels, topics, strict=True)]


#: the label of a topic none of whose posts has any text
UNNAMED = "(no text)"


def run(args: argparse.Namespace) -> int:
    """Read the whole stream, cluster it in order, write the final assignment of every line."""
    from newsroom.analysis.topic_batch import assign_topics
    from newsroom.domain import utcnow

    if args.sweeps < 0:
        raise UsageError("--sweeps must be 0 or more")
    if args.retire_after <= 0:
        raise UsageError("--retire-after must be more than 0 hours")
    started = time.monotonic()
    given = read_input(array_or_lines(stdin_lines()), utcnow())
    records = given.records
    with Progress(f"clustering {len(records):,} mentions", unit="stage", total=1) as bar:
        assignments = assign_topics(records, sweeps=args.sweeps, retire_after_s=args.retire_after * 3600,
                                    replies=given.replies)
        bar.advance()
    labels = named([a.label for a in assignments], [a.topic for a in assignments], [r[1] for r in records])
    utf8_stdout()
    out = sys.stdout
    for given_id, a, label in zip(given.given_ids, assignments, labels, strict=True):
        out.write(json.dumps({"id": given_id, "topic": a.topic, "label": label}, ensure_ascii=False) + "\n")
    out.flush()
    topics = len({a.topic for a in assignments})
    print(summary_line(len(records), ("mention", "mentions"), time.monotonic() - started,
                       [(topics, "topic" if topics == 1 else "topics")]), file=sys.stderr)
    return 0
