"""Command line: ``newsroom [--demo] [COMMAND]``; Qt is imported only by commands that need it.

Each sub-command lives in ``newsroom/commands/<name>.py`` with ``register(subparsers)`` adding its
parser and setting ``handler``; only commands that work are listed in ``COMMANDS``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import sys
from collections.abc import Callable, Sequence

from newsroom import __version__
from newsroom.errors import NewsroomError
from newsroom.log import setup_logging
from newsroom.paths import AppPaths

#: Sub-command modules under ``newsroom.commands``, in ``--help`` order.
COMMANDS: tuple[str, ...] = (
    "screenshot",
    "collect",
    "import_",
    "sentiment",
    "spikes",
    "topics",
    "doctor",
    "secret",
)

Handler = Callable[[argparse.Namespace], int]


def add_common(parser: argparse.ArgumentParser) -> None:
    """Options every command accepts."""
    parser.add_argument("--basedir", help="keep config, data, cache and logs under this folder")
    parser.add_argument("--config", help="read this TOML config file instead of the user's own")
    parser.add_argument("--verbose", action="store_true", help="log debug details to stderr")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser."""
    parser = argparse.ArgumentParser(
        prog="newsroom",
        description="Newsroom Wall: what lives on the online village square, on the wall screen.",
    )
    parser.add_argument("--version", action="version", version=f"newsroom {__version__}")
    add_common(parser)
    parser.add_argument("--demo", action="store_true", help="run the wall on the embedded demo")
    parser.add_argument("--windowed", action="store_true", help="a window instead of fullscreen")
    parser.add_argument("--screen", type=int, default=None, help="show the wall on screen N")
    parser.add_argument("--lang", choices=("nl", "en"), default=None, help="interface language")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"newsroom.commands.{name}")
        module.register(sub)
    return parser


def _wall_handler(args: argparse.Namespace) -> int:
    from newsroom.commands.wall import run_wall  # type: ignore[import-not-found,unused-ignore]

    code: int = run_wall(args)
    return code


def _log_to_file_only(exc: BaseException) -> None:
    """Keep the traceback in the log file without printing it to the terminal."""
    log = logging.getLogger("newsroom.cli")
    for handler in logging.getLogger("newsroom").handlers:
        if isinstance(handler, logging.FileHandler):
            record = log.makeRecord(log.name, logging.ERROR, __file__, 0, "unexpected failure: %s",
                                    (exc,), (type(exc), exc, exc.__traceback__))
            handler.handle(record)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newsroom`` script; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    paths = AppPaths.resolve(args.basedir)
    setup_logging(paths.log_file, verbose=args.verbose)
    handler: Handler = getattr(args, "handler", _wall_handler)
    try:
        return handler(args)
    except NewsroomError as exc:
        print(f"newsroom: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:              # the reader went away (`newsroom topics | head`): not a failure
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0
    except Exception as exc:
        logging.getLogger("newsroom.cli").debug("unexpected failure", exc_info=True)
        _log_to_file_only(exc)
        print(f"newsroom: unexpected failure: {exc} (details in {paths.log_file})", file=sys.stderr)
        return 1
