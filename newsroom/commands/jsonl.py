"""Reading JSONL on the command line: one object per line, each with a ``text``; errors name the line,
say what was expected and point to docs/formats.md."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from newsroom.errors import UsageError

#: where the record formats are explained (linked from every command's help and its errors)
FORMATS_DOC = "docs/formats.md"

#: json's own messages, in plain words
_JSON_MESSAGES = (
    ("Expecting ',' delimiter", "a ',' is missing between two values"),
    ("Expecting ':' delimiter", "a ':' is missing after a key"),
    ("Expecting property name enclosed in double quotes", "a key must be text in double quotes"),
    ("Expecting value", "a value is missing (text must be in double quotes)"),
    ("Unterminated string", "a text is not closed with a double quote"),
    ("Invalid control character", "a text holds a raw tab or line break (write it as \\t or \\n)"),
    ("Invalid \\escape", "a backslash starts an escape JSON does not know (write \\\\ for a backslash)"),
    ("Extra data", "more follows after the object (one JSON object per line)"),
)


def kind_in_words(value: object) -> str:
    """``the number 5``, ``a list``: what the user wrote instead, in words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return f"{value!r}"


def json_problem(exc: json.JSONDecodeError) -> str:
    """``column 12: a ',' is missing between two values``: where on the line, and what was expected."""
    plain = next((words for start, words in _JSON_MESSAGES if exc.msg.startswith(start)), exc.msg)
    return f"column {exc.colno}: {plain}"


def parse_line(line: str) -> Any:
    """One line as JSON; the line's own end is not part of it (so json's positions stay on this line),
    nor a byte-order mark some Windows editors put before the first line."""
    return json.loads(line.rstrip("\r\n").removeprefix("\ufeff"))


def given_language(value: object) -> str | None:
    """A record's ``lang`` as a plain code: ``NL``, ``nl-BE``, ``nl_BE`` are ``nl``; None when it is no
    text (then the language is detected)."""
    if not isinstance(value, str):
        return None
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code or None


def array_or_lines(lines: Iterable[str]) -> Iterator[str]:
    """JSONL lines as they come; but when the input is one JSON array of objects (``[{...}, {...}]``,
    on one line or spread over many, as ``json.dump`` or pandas' ``to_json(orient="records")`` write
    it), or objects each spread over several lines (``{`` alone on the first line, as ``json.dump(...,
    indent=2)`` one after the other writes them), one line per object. Input that starts so and cannot
    be read that way is given back as its lines (so the error names its first line)."""
    given = iter(lines)
    head: list[str] = []
    for line in given:
        head.append(line)
        if line.strip():
            break
    first = head[-1].strip() if head else ""
    if not first.startswith("[") and first != "{":
        yield from head
        yield from given
        return
    rest = list(given)
    items = _json_values("".join(head + rest))
    if items is None:
        yield from head
        yield from rest
        return
    for item in items:
        yield json.dumps(item, ensure_ascii=False) + "\n"


def _json_values(text: str) -> list[Any] | None:
    """The elements of one JSON array, or the JSON values written one after the other; None when
    ``text`` is neither."""
    decoder = json.JSONDecoder()
    values: list[Any] = []
    at = len(text) - len(text.lstrip())
    try:
        while at < len(text):
            value, end = decoder.raw_decode(text, at)
            values.append(value)
            at = end + len(text[end:]) - len(text[end:].lstrip())
    except json.JSONDecodeError:
        return None
    if len(values) == 1 and isinstance(values[0], list):
        return list(values[0])
    return values if all(isinstance(v, dict) for v in values) else None


def text_problem(record: Any, null_text: bool = False) -> str | None:
    """Why ``record`` is not an object with a ``text`` string, or None when it is (``null_text``: or
    ``null``, a post without text)."""
    if not isinstance(record, dict):
        return f"must be a JSON object {{...}}, not {kind_in_words(record)}"
    if "text" not in record:
        return "has no text"
    if null_text and record["text"] is None:
        return None
    if not isinstance(record["text"], str):
        return f"text must be a string in double quotes, not {kind_in_words(record['text'])}"
    return None


def text_records(lines: Iterable[str], *, where: str = "",
                 not_json_next: str = f"one object per line, see {FORMATS_DOC}",
                 bad_record_next: str = f"see {FORMATS_DOC}", first: int = 1, null_text: bool = False
                 ) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-blank line; a line that is not a JSON object with a
    ``text`` string raises UsageError naming its number (earlier lines have been yielded). The message
    starts with ``where`` (e.g. the file) and ends with what to do next. ``first``: the number of the
    first line (a part of a file). ``null_text``: a ``"text": null`` is let through (the caller reads
    it as empty)."""
    for number, line in enumerate(lines, first):
        if not line.strip():
            continue
        try:
            record = parse_line(line)
        except json.JSONDecodeError as exc:
            raise UsageError(f"{where}line {number} is not JSON ({json_problem(exc)}); "
                             f"{not_json_next}") from exc
        problem = text_problem(record, null_text)
        if problem is not None:
            sep = ": " if problem.startswith("text") else " "
            raise UsageError(f"{where}line {number}{sep}{problem}; {bad_record_next}")
        yield number, record
