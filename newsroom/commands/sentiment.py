"""``newsroom sentiment``: JSONL on stdin (``text``, optional ``lang``) → the same lines with
``lang`` and ``sentiment`` added, streamed line by line."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TYPE_CHECKING, Any

from newsroom.commands.jsonl import FORMATS_DOC, array_or_lines, given_language, text_records
from newsroom.commands.stdin_text import stdin_lines, utf8_stdout
from newsroom.progress import Progress, summary_line

if TYPE_CHECKING:
    from newsroom.analysis.sentiment import SentimentScorer


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the parser."""
    p = sub.add_parser("sentiment", help="add language and sentiment to JSONL mentions on stdin",
                       description="Add lang and sentiment (label, score in [-1, 1], confidence) to JSONL "
                                   "mentions on stdin (text, optional lang), line by line.",
                       epilog=f"The input record: {FORMATS_DOC}.")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Stream stdin to stdout; a bad line stops with its number (earlier lines are already written)."""
    from newsroom.analysis.sentiment import SentimentScorer

    started = time.monotonic()
    scorer = SentimentScorer()
    utf8_stdout()
    out = sys.stdout
    counts = {"negative": 0, "neutral": 0, "positive": 0}
    with Progress("scoring", unit="mentions") as bar:
        for record in bar.iterate(r for _, r in text_records(array_or_lines(stdin_lines()), null_text=True)):
            counts[_score(record, scorer)] += 1
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.flush()
    print(summary_line(sum(counts.values()), ("mention", "mentions"), time.monotonic() - started,
                       [(n, label) for label, n in counts.items()]), file=sys.stderr)
    return 0


def _score(record: dict[str, Any], scorer: SentimentScorer) -> str:
    """Add ``lang`` and ``sentiment`` to ``record``; returns the label. A given ``lang`` is read as its
    plain code (``NL``, ``nl-BE``: ``nl``); a ``"text": null`` is scored as empty and kept as null."""
    from newsroom.analysis.language import detect_language

    text = record["text"] or ""
    lang = given_language(record.get("lang")) or detect_language(text)
    result = scorer.score(text, lang)
    record["lang"] = lang
    record["sentiment"] = {"label": result.label.value, "score": result.score,
                           "confidence": result.confidence}
    return str(result.label.value)
