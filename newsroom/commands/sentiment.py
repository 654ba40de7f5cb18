"""``newsroom sentiment``: JSONL on stdin (``text``, optional ``lang``) → the same lines with
``lang`` and ``sentiment`` added, streamed line by line."""

from __future__ import annotations

import argparse
import json
import sys

from newsroom.commands.jsonl import FORMATS_DOC, text_records


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the parser."""
    p = sub.add_parser("sentiment", help="add language and sentiment to JSONL mentions on stdin",
                       description="Add lang and sentiment (label, score in [-1, 1], confidence) to JSONL "
                                   "mentions on stdin (text, optional lang), line by line.",
                       epilog=f"The input record: {FORMATS_DOC}.")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Stream stdin to stdout; a bad line stops with its number (earlier lines are already written)."""
    from newsroom.analysis.language import detect_language
    from newsroom.analysis.sentiment import SentimentScorer

    scorer = SentimentScorer()
    out = sys.stdout
    for _, record in text_records(sys.stdin):
        text = record["text"]
        lang = record.get("lang") if isinstance(record.get("lang"), str) else None
        lang = lang or detect_language(text)
        result = scorer.score(text, lang)
        record["lang"] = lang
        record["sentiment"] = {"label": result.label.value, "score": result.score,
                               "confidence": result.confidence}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.flush()
    return 0
