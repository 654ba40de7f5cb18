"""Progress of long command-line work on stderr, and the summary line every such command ends with.

The bar (tqdm: count, rate, time left) is drawn only when stderr is a terminal and not under CI
(``CI`` set) or a dumb terminal; in pipes, logs and CI nothing but the summary line is written.
Numbers and durations are formatted for the language asked: ``1.000.000`` in Dutch, ``1,000,000`` in
English (the command line speaks English unless told otherwise).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from types import TracebackType
from typing import IO, TypeVar

T = TypeVar("T")

#: the words of the summary line, per language
_WORDS = {
    "en": {"in": "in", "min": "min", "h": "h", "s": "s"},
    "nl": {"in": "in", "min": "min", "h": "u", "s": "s"},
}


def shows_progress(stream: IO[str] | None = None) -> bool:
    """True when a progress bar belongs on ``stream`` (default stderr): a terminal, outside CI."""
    stream = sys.stderr if stream is None else stream
    if os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False


def format_count(n: int, lang: str = "en") -> str:
    """A whole number with thousands separators: ``1.000.000`` (nl), ``1,000,000`` (en)."""
    text = f"{n:,}"
    return text.replace(",", ".") if lang == "nl" else text


def format_duration(seconds: float, lang: str = "en") -> str:
    """``0.4 s`` / ``12 s`` / ``3 min 12 s`` / ``2 h 05 min`` (Dutch: ``0,4 s``, ``2 u 05 min``)."""
    w = _WORDS.get(lang, _WORDS["en"])
    seconds = max(0.0, seconds)
    if seconds < 10:
        text = f"{seconds:.1f}"
        return f"{text.replace('.', ',') if lang == 'nl' else text} {w['s']}"
    whole = round(seconds)
    if whole < 60:
        return f"{whole} {w['s']}"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} {w['min']} {secs} {w['s']}"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} {w['h']} {minutes:02d} {w['min']}"


def summary_line(count: int, noun: str | tuple[str, str], seconds: float,
                 parts: Sequence[tuple[int, str]] = (), lang: str = "en") -> str:
    """``1,000,000 mentions in 3 min 12 s: 998,412 new, 1,588 already known``; ``noun`` may be
    (singular, plural)."""
    if isinstance(noun, tuple):
        noun = noun[0] if count == 1 else noun[1]
    head = f"{format_count(count, lang)} {noun} {_WORDS.get(lang, _WORDS['en'])['in']} " \
           f"{format_duration(seconds, lang)}"
    if not parts:
        return head
    return head + ": " + ", ".join(f"{format_count(n, lang)} {label}" for n, label in parts)


class Progress:
    """One bar for one stage of work; a no-op where :func:`shows_progress` says no.

    ``with Progress("importing", total=n, unit="mentions") as bar: bar.advance(k)``. ``scale``: show
    large counts as 1.2M, 795k (for bytes).
    """

    def __init__(self, description: str, *, total: int | None = None, unit: str = "items",
                 stream: IO[str] | None = None, enabled: bool | None = None, scale: bool = False) -> None:
        self._stream = sys.stderr if stream is None else stream
        self._enabled = shows_progress(self._stream) if enabled is None else enabled
        self._bar = None
        if self._enabled:
            from tqdm import tqdm

            self._bar = tqdm(total=total, desc=description, unit=f" {unit}", file=self._stream,
                             leave=False, dynamic_ncols=True, mininterval=0.2, unit_scale=scale)

    @property
    def enabled(self) -> bool:
        """Whether a bar is drawn."""
        return self._bar is not None

    def advance(self, n: int = 1) -> None:
        """``n`` more items done."""
        if self._bar is not None:
            self._bar.update(n)

    def iterate(self, items: Iterable[T]) -> Iterator[T]:
        """Yield ``items``, advancing by one each."""
        for item in items:
            yield item
            self.advance()

    def close(self) -> None:
        """Remove the bar (the summary line follows on a clean line)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
