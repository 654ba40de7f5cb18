"""Logging: named loggers per area, a rotating file in the user log dir, warnings on stderr."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class _OneLine(logging.Formatter):
    """Console format: the message only; tracebacks go to the log file."""

    def format(self, record: logging.LogRecord) -> str:
        return "newsroom: " + record.getMessage()


def setup_logging(log_file: Path | None, *, verbose: bool = False) -> None:
    """Send ``newsroom.*`` logs to a rotating file (5 × 2 MB) and warnings to stderr."""
    root = logging.getLogger("newsroom")
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    if log_file is not None:
        try:
            log_file.parent.mkdir(parents=True, exist_ok=True)
            file_handler = logging.handlers.RotatingFileHandler(
                log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
            )
        except OSError as exc:
            print(f"newsroom: cannot write the log file {log_file}: {exc}", file=sys.stderr)
        else:
            file_handler.setFormatter(logging.Formatter(_FORMAT))
            root.addHandler(file_handler)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(_OneLine())
    root.addHandler(console)
    root.propagate = False
