"""The rows of ``newsroom spikes``' CSV as other people write it: a comma, semicolon or tab between the
columns (with a semicolon or a tab, ``12,5`` is twelve and a half), an optional header whose names say
which column is the time and which the value (``timestamp,value``, ``time;count``, ``value,timestamp``),
extra columns, ``#`` comment rows, and a value that is missing (empty, ``NaN``, ``null``, ``NA``): such
a row is echoed and not scored."""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import chain

from newsroom.commands.given_times import given_time
from newsroom.commands.jsonl import FORMATS_DOC
from newsroom.errors import UsageError

#: a value written as one of these (any case) is missing: the row is echoed, not scored
MISSING = frozenset({"", "nan", "-nan", "null", "none", "na", "n/a", "-", "?", "inf", "-inf", "+inf",
                     "infinity", "-infinity"})
#: words in a header name that make it the time column, or the value column
TIME_NAMES = ("time", "stamp", "date", "tijd", "datum", "moment", "period", "bucket")
VALUE_NAMES = ("value", "count", "volume", "waarde", "aantal", "number", "total", "mentions", "posts")


@dataclass(frozen=True, slots=True)
class SpikeRow:
    """One data row: its number in the file, the timestamp and value as written (echoed), the time,
    and the value (None when missing)."""

    number: int
    stamp: str
    raw: str
    when: datetime
    value: float | None


@dataclass(frozen=True, slots=True)
class Layout:
    """Where the time and the value are, and how numbers are written."""

    time_column: int = 0
    value_column: int = 1
    decimal_comma: bool = False


def delimiter_of(line: str) -> str:
    """A tab or a semicolon when the first line has one (no timestamp holds either), else a comma."""
    return "\t" if "\t" in line else ";" if ";" in line else ","


def header_layout(names: list[str], decimal_comma: bool) -> Layout:
    """The columns a header names: the first whose name speaks of time, the first that speaks of a value
    (else the first other column)."""
    plain = [name.strip().strip('"').lower() for name in names]
    time_column = next((i for i, n in enumerate(plain)
                        if n in ("t", "ts") or any(w in n for w in TIME_NAMES)), 0)
    others = [i for i in range(len(plain)) if i != time_column]
    value_column = next((i for i in others if any(w in plain[i] for w in VALUE_NAMES)), others[0])
    return Layout(time_column, value_column, decimal_comma)


def is_header(fields: list[str], layout: Layout) -> bool:
    """Whether the first row names the columns: two or more, none of them a number or a time."""
    return len(fields) >= 2 and not any(_is_data(field, layout) for field in fields)


def _is_data(field: str, layout: Layout) -> bool:
    """Whether a field is a number or a time (an empty one is neither)."""
    text = field.strip()
    if not text:
        return False
    try:
        float(text.replace(",", ".") if layout.decimal_comma else text)
        return True
    except ValueError:
        pass
    try:
        given_time(text)
        return True
    except ValueError:
        return False


def _value(raw: str, layout: Layout) -> float | None:
    """The value, None when missing; ValueError when it is not a number."""
    text = raw.strip()
    if text.lower() in MISSING:
        return None
    if layout.decimal_comma:
        text = text.replace(",", ".")
    value = float(text)
    return value if math.isfinite(value) else None


def _row(number: int, fields: list[str], layout: Layout) -> SpikeRow:
    """One data row; ValueError when its time or its value cannot be read."""
    stamp = fields[layout.time_column].strip() if layout.time_column < len(fields) else ""
    raw = fields[layout.value_column].strip() if layout.value_column < len(fields) else ""
    return SpikeRow(number, stamp, raw, given_time(stamp), _value(raw, layout))


def spike_rows(lines: Iterable[str]) -> Iterator[SpikeRow]:
    """The data rows of the CSV ``lines``, one by one as they come (blank rows and ``#`` comment rows
    skipped); a row whose time or value cannot be read raises UsageError naming it (the rows before it
    have been yielded). Rows are numbered as the file's rows, blank and comment rows included."""
    given = iter(lines)
    before: list[str] = []
    sep: str | None = None
    for line in given:
        before.append(line)
        if line.strip() and not line.lstrip().startswith("#"):
            sep = delimiter_of(line)
            break
    if sep is None:
        return
    layout = Layout(decimal_comma=sep != ",")
    first = True
    for number, fields in enumerate(csv.reader(chain(before, given), delimiter=sep), 1):
        if not fields or not "".join(fields).strip() or fields[0].lstrip().startswith("#"):
            continue
        if first:
            first = False
            if is_header(fields, layout):
                layout = header_layout(fields, layout.decimal_comma)
                continue
        try:
            yield _row(number, fields, layout)
        except ValueError as exc:
            shown = ",".join(repr(f.strip()) for f in fields[:3])
            raise UsageError(f"row {number}: {shown} is not a timestamp and a number, such as "
                             f"2026-11-23T10:00:00Z,12 (see {FORMATS_DOC})") from exc
