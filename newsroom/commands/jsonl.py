"""Reading JSONL on the command line: one object per line, each with a ``text``; errors name the line."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from newsroom.errors import UsageError


def text_records(lines: Iterable[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-blank line; a line that is not a JSON object with a
    ``text`` string raises UsageError naming its number (earlier lines have been yielded)."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"line {number} is not JSON: {exc.msg}") from exc
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise UsageError(f"line {number} has no text")
        yield number, record
