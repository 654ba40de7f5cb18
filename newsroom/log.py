"""Logging: named loggers per area, a rotating file in the user log dir, warnings on stderr, no secrets.

Every line that reaches the file or the terminal passes ``RedactSecrets`` first: the values of the
app's secrets (``newsroom.secrets``) and whatever looks like a credential (``Authorization`` headers,
bearer tokens, passwords, ``token=`` / ``access_token=`` parameters, passwords in URLs) are replaced
by ``[redacted]``, in the message, its arguments and its traceback, also in httpx/httpcore's lines.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
from pathlib import Path
from typing import TextIO

_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
LEVELS: dict[str, int] = {"debug": logging.DEBUG, "info": logging.INFO, "warning": logging.WARNING,
                          "error": logging.ERROR}
DEFAULT_LEVEL = "info"
#: Third-party loggers whose debug lines are worth keeping when the level is ``debug``.
NETWORK_LOGGERS = ("httpx", "httpcore")
REDACTED = "[redacted]"

# "Authorization: Bearer x", "'authorization': 'Basic x'", "(b'Authorization', b'Bearer x')"
_AUTH_HEADER = re.compile(
    r"""(?i)(\b(?:proxy-)?authorization\b['"]?\s*(?:[:=,]|=>)\s*b?['"]?)([^'"\r\n]+)""")
# "Bearer x" anywhere (a token pasted in a message or an error)
_SCHEME_TOKEN = re.compile(r"(?i)(\b(?:bearer|basic|token)\s+)([A-Za-z0-9._~+/=-]{8,})")
# key=value, key: value, "key": "value" for keys that name a credential
_KEYS = (r"access_?token|refresh_?token|id_?token|auth_?token|token|accessJwt|refreshJwt|app_?password|"
         r"password|passwd|pwd|secret|client_?secret|api_?key|apikey|bearer_?token|webhook_?url")
_KEY_VALUE = re.compile(
    r"""(?i)(["']?\b(?:[\w-]{1,40}[._-]){0,5}(?:""" + _KEYS + r""")\b["']?\s*[:=]\s*b?)"""
    r"""("[^"]*"|'[^']*'|[^\s&"',;)}\]]+)""")
# https://user:password@host
_URL_PASSWORD = re.compile(r"(?i)(\b[a-z][a-z0-9+.-]{0,20}://[^/\s:@]{1,200}:)([^@\s/]{1,500})(@)")
# Cheap tests first: most lines name no credential at all (every quantifier above is bounded too, so
# a long line of remote text cannot make a pattern backtrack for seconds).
_KEY_HINTS = ("token", "passw", "pwd", "secret", "key", "jwt", "webhook")


def _quoted(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[0] + REDACTED + value[0]
    return REDACTED


def redact(text: str, secrets: tuple[str, ...] | None = None) -> str:
    """``text`` with every known secret value and every credential-looking value replaced."""
    if secrets is None:
        from newsroom.secrets import known_values

        secrets = known_values()
    for value in secrets:
        if value in text:
            text = text.replace(value, REDACTED)
    lower = text.lower()
    if "authorization" in lower:
        text = _AUTH_HEADER.sub(lambda m: m.group(1) + REDACTED, text)
    if "bearer" in lower or "basic" in lower or "token" in lower:
        text = _SCHEME_TOKEN.sub(lambda m: m.group(1) + REDACTED, text)
    if any(hint in lower for hint in _KEY_HINTS):
        text = _KEY_VALUE.sub(lambda m: m.group(1) + _quoted(m.group(2)), text)
    if "://" in text and "@" in text:
        text = _URL_PASSWORD.sub(lambda m: m.group(1) + REDACTED + m.group(3), text)
    return text


class RedactSecrets(logging.Filter):
    """Takes secrets out of a record before any handler writes it (message, arguments, traceback)."""

    def filter(self, record: logging.LogRecord) -> bool:
        from newsroom.secrets import known_values

        secrets = known_values()
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: keep what there is, readable and redacted
            message = f"{record.msg!r} {record.args!r}"
        record.msg = redact(message, secrets)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, secrets)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, secrets)
        return True


class _OneLine(logging.Formatter):
    """Console format: the message only; tracebacks go to the log file."""

    def format(self, record: logging.LogRecord) -> str:
        return "newsroom: " + record.getMessage()


class _Stderr(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time (tests and embedders swap it)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


_installed: list[logging.Handler] = []
_levels: dict[str, int] = {}  # logger name -> its level before setup_logging


def level_name(name: str | None) -> str:
    """A valid level name (``info`` for None or an unknown name)."""
    return name if name in LEVELS else DEFAULT_LEVEL


def setup_logging(log_file: Path | None, *, level: str = DEFAULT_LEVEL, verbose: bool = False) -> None:
    """Send ``newsroom.*`` logs at ``level`` to a rotating file (5 × 2 MB) and warnings (with
    ``verbose``: everything) to stderr. At ``debug`` the file also gets httpx/httpcore's lines.
    Calling it again replaces what an earlier call set up."""
    teardown_logging()
    number = LEVELS[level_name(level)]
    network = logging.DEBUG if number <= logging.DEBUG else logging.WARNING
    wanted = {"newsroom": number} | dict.fromkeys(NETWORK_LOGGERS, network)
    for name, value in wanted.items():
        logger = logging.getLogger(name)
        _levels[name] = logger.level
        logger.setLevel(value)
    logging.getLogger("newsroom").propagate = True
    redactor = RedactSecrets()
    handlers: list[logging.Handler] = []
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
            handlers.append(file_handler)
    console = _Stderr()
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(_OneLine())
    handlers.append(console)
    root = logging.getLogger()
    for handler in handlers:
        handler.addFilter(redactor)
        root.addHandler(handler)
        _installed.append(handler)


def teardown_logging() -> None:
    """Remove and close the handlers ``setup_logging`` added (other handlers are left alone) and give
    the loggers it changed their levels back."""
    root = logging.getLogger()
    while _installed:
        handler = _installed.pop()
        root.removeHandler(handler)
        handler.close()
    for name, value in _levels.items():
        logging.getLogger(name).setLevel(value)
    _levels.clear()


def log_to_file_only(logger: str, message: str, exc: BaseException) -> None:
    """An error with its traceback in the log file, not on the terminal (which gets one line)."""
    log = logging.getLogger(logger)
    record = log.makeRecord(log.name, logging.ERROR, __file__, 0, message, (exc,),
                            (type(exc), exc, exc.__traceback__))
    for handler in _installed:
        if isinstance(handler, logging.FileHandler):
            handler.handle(record)
