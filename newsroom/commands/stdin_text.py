"""stdin and stdout of the data commands (``sentiment``, ``topics``, ``spikes``) in UTF-8 whatever the
locale: a line that is not UTF-8 (a file saved as Windows-1252 or Latin-1) is read as Windows-1252
instead of stopping the command or writing the bytes back unchanged, and a byte-order mark before the
first line is dropped."""

from __future__ import annotations

import codecs
import sys
from collections.abc import Iterable, Iterator
from typing import IO

from newsroom.errors import UsageError

#: the encoding a line that is not UTF-8 is read in: Windows' Western European code page, a superset of
#: Latin-1's printable characters (é, ç, ë, €, curly quotes), what a spreadsheet on Windows saves
FALLBACK_ENCODING = "cp1252"


def _fallback(exc: UnicodeError) -> tuple[str, int]:
    """The bytes UTF-8 cannot read, read as Windows-1252 (a byte it does not define becomes U+FFFD)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start:exc.end].decode(FALLBACK_ENCODING, errors="replace"), exc.end


ERRORS = "newsroom-cp1252"
codecs.register_error(ERRORS, _fallback)


def decoded(raw: bytes) -> str:
    """One line's bytes as text: UTF-8, and the bytes that are not UTF-8 as Windows-1252, so "café"
    reads the same from a UTF-8 file and from a Latin-1 one."""
    return raw.decode("utf-8", errors=ERRORS)


def text_lines(raw_lines: Iterable[bytes] | Iterable[str]) -> Iterator[str]:
    """Lines as text, line by line (nothing is read ahead); bytes are decoded with :func:`decoded`, a text
    line that holds undecodable bytes (Python's surrogate escapes) the same way; a BOM before the first
    line is dropped."""
    first = True
    for raw in raw_lines:
        if isinstance(raw, bytes):
            line = decoded(raw)
        else:
            try:
                line = raw.encode("utf-8").decode("utf-8")
            except UnicodeEncodeError:  # undecodable bytes kept as surrogates by the text layer
                line = decoded(raw.encode("utf-8", errors="surrogateescape"))
        if first:
            line, first = line.removeprefix("\ufeff"), False
        yield line


def stdin_lines(stream: IO[str] | None = None) -> Iterator[str]:
    """stdin's lines as text (:func:`text_lines`), read as bytes when stdin has them; UsageError when
    there is no stdin (the command was started with it closed)."""
    source = sys.stdin if stream is None else stream
    if source is None:
        raise UsageError("there is no stdin to read (it is closed); give the input on stdin, "
                         "e.g. newsroom spikes < series.csv or newsroom topics < posts.jsonl")
    buffer = getattr(source, "buffer", None)
    return text_lines(buffer if buffer is not None else source)


def utf8_stdout() -> None:
    """stdout writes UTF-8 (the formats' encoding), also where the locale says otherwise."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(encoding="utf-8", errors="replace")
