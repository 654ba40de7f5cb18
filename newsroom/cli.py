"""Command line: ``newsroom [OPTIONS] [COMMAND [OPTIONS]]``; Qt is imported only by commands that need it.

Each sub-command lives in ``newsroom/commands/<name>.py`` with ``register(subparsers)`` adding its parser
and setting ``handler``. They are imported here by name (a packaged app only has the modules its
imports name) and import their heavy parts inside their handlers, so ``--help`` stays quick.

The global options (``--basedir``, ``--config``, ``--store``, ``--log-level``, ``--verbose``) are defined
once, in ``add_global_options``, and added to the top level and to every sub-command with ``SUPPRESS`` as
their default: a sub-parser only sets what was given after the sub-command and never overwrites what was
given before it. ``parse_arguments`` fills in the defaults afterwards.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn

from newsroom import __version__
from newsroom.commands import (
    briefing,
    collect,
    collector,
    completion,
    doctor,
    import_,
    init,
    screenshot,
    secret,
    sentiment,
    settings,
    spikes,
    topics,
    wall,
)
from newsroom.errors import NewsroomError, UsageError
from newsroom.log import DEFAULT_LEVEL, LEVELS, log_to_file_only, redact, setup_logging, teardown_logging
from newsroom.paths import AppPaths

log = logging.getLogger("newsroom.cli")

#: Sub-command modules, in ``--help`` order: the order a newcomer needs them (start, check, collect, look,
#: then the tools for data and the machine); only commands that work are listed.
COMMANDS: tuple[ModuleType, ...] = (init, settings, doctor, collect, collector, screenshot, briefing, import_,
                                    sentiment, topics, spikes, secret, completion)

Handler = Callable[[argparse.Namespace], int]

#: Options of every command, accepted before and after the sub-command, and their defaults.
GLOBAL_DEFAULTS: dict[str, Any] = {"basedir": None, "config": None, "store": None, "log_level": None,
                                   "verbose": False}
#: Options of the wall itself (top level); a sub-command may accept some of them too (screenshot).
WALL_DEFAULTS: dict[str, Any] = {"demo": False, "windowed": False, "screen": None, "lang": None, "at": None,
                                 "reader": False, "in_process": False}


class _Parser(argparse.ArgumentParser):
    """Usage errors as one line (exit 2) that says where help is."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def add_global_options(parser: argparse.ArgumentParser) -> None:
    """The options every command accepts: the one definition, used by the top level and each command."""
    group = parser.add_argument_group("options of every command (before or after the command)")
    group.add_argument("--basedir", metavar="DIR", default=argparse.SUPPRESS,
                       help="keep config, data, cache and logs under this folder")
    group.add_argument("--config", metavar="F", default=argparse.SUPPRESS,
                       help="read this TOML config file instead of the user's own")
    group.add_argument("--store", metavar="URL", default=argparse.SUPPRESS,
                       help="the store: postgresql://user@host/db for a shared database, or a file path "
                            "(default: the config's store.url, else the SQLite file in the data folder)")
    group.add_argument("--log-level", choices=tuple(LEVELS), type=str.lower, default=argparse.SUPPRESS,
                       help="how much the log file keeps (default: the config's log.level, else info)")
    group.add_argument("--verbose", action="store_true", default=argparse.SUPPRESS,
                       help="log debug details, also to stderr")


def _accepted(parser: argparse.ArgumentParser) -> set[str]:
    return {action.dest for action in parser._actions}


def help_epilog(user: AppPaths) -> str:
    """The end of ``newsroom --help``: where this user's files live, the formats, the first two commands."""
    return (
        "where your files live:\n"
        f"  config  {user.config_file}  (every key: docs/configuration.md)\n"
        f"  data    {user.data_dir}{os.sep}\n"
        f"  logs    {user.log_file}\n"
        "  with --basedir DIR: DIR/config/config.toml, DIR/data/, DIR/logs/\n"
        "the records of import, sentiment, topics and spikes: docs/formats.md\n"
        "\n"
        "try first:\n"
        "  newsroom --demo --windowed    the wall on its embedded demo, in a window\n"
        "  newsroom init --town NAME     a config for your town; then 'newsroom doctor' and 'newsroom'\n"
    )


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (defaults of the shared options are filled in by ``parse_arguments``)."""
    parser = _Parser(
        prog="newsroom",
        description="Newsroom Wall: what lives on the online village square, on the wall screen.\n"
                    "Without a command: the wall (the embedded demo until you have a config).",
        epilog=help_epilog(AppPaths.for_user()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newsroom {__version__}")
    # the commands first in --help (groups are shown in the order they are made), in COMMANDS order
    sub = parser.add_subparsers(title="commands", dest="command",
                                metavar="COMMAND", parser_class=_Parser)
    add_global_options(parser)
    wall_options = parser.add_argument_group("the wall (no command)")
    wall_options.add_argument("--demo", action="store_true", default=argparse.SUPPRESS,
                              help="run the wall on the embedded demo")
    wall_options.add_argument("--windowed", action="store_true", default=argparse.SUPPRESS,
                              help="a window instead of fullscreen")
    wall_options.add_argument("--screen", type=int, metavar="N", default=argparse.SUPPRESS,
                              help="show the wall on screen N")
    wall_options.add_argument("--lang", choices=("nl", "en"), default=argparse.SUPPRESS,
                              help="interface language")
    wall_options.add_argument("--at", metavar="MOMENT", default=argparse.SUPPRESS,
                              help="the demo's moment: quiet (an ordinary afternoon), crisis (default) "
                                   "or an ISO time inside the demo, the wall's time unless it names a "
                                   "zone (2026-01-06T14:05, or 2026-01-06T13:05Z)")
    # hidden until the collector command and --store land (issue 17): the wall only reads the data
    # folder's store, which a collector writes (newsroom.commands.wall.reader_location)
    wall_options.add_argument("--reader", action="store_true", default=argparse.SUPPRESS,
                              help=argparse.SUPPRESS)
    # the escape hatch: the embedded wall's pipeline on a thread of its own process instead of a child
    # collector (also NEWSROOM_IN_PROCESS=1; newsroom.commands.wall.in_process)
    wall_options.add_argument("--in-process", action="store_true", default=argparse.SUPPRESS,
                              help=argparse.SUPPRESS)
    for module in COMMANDS:
        module.register(sub)
    for command in sub.choices.values():
        add_global_options(command)
    return parser


def parse_arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parsed arguments with every default filled in; usage errors exit 2 (SystemExit)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command:
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        accepted = _accepted(sub.choices[args.command])
        for name in WALL_DEFAULTS:
            if hasattr(args, name) and name not in accepted:
                option = "--" + name.replace("_", "-")
                parser.error(f"{option} is an option of the wall, not of 'newsroom {args.command}'")
    for name, default in (GLOBAL_DEFAULTS | WALL_DEFAULTS).items():
        if not hasattr(args, name):
            setattr(args, name, default)
    if args.config:  # `--config=~/wall.toml` is not expanded by the shell
        args.config = str(Path(args.config).expanduser())
    return args


def configured_log_level(config_file: Path) -> str | None:
    """``log.level`` from the config file, when it can be read (the command reports a broken file)."""
    import tomllib

    try:
        with config_file.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return None
    section = data.get("log")
    value = section.get("level") if isinstance(section, dict) else None
    return value.lower() if isinstance(value, str) and value.lower() in LEVELS else None


def missing_config(config_file: Path, paths: AppPaths) -> str:
    """The sentence for a ``--config`` that is not there."""
    what = "is a folder, not a file" if config_file.is_dir() else "does not exist"
    return (f"the config file {config_file} {what}; write one (every key is in docs/configuration.md; "
            f"'newsroom init --config {config_file}' writes an example) or leave out --config to use "
            f"{paths.config_file}")


def _run_wall(args: argparse.Namespace) -> int:
    return wall.run_wall(args)


def unconfigured_notice(paths: AppPaths) -> str:
    """The one line an unconfigured ``newsroom`` prints before the demo starts."""
    return (f"newsroom: no config yet ({paths.config_file}), so the demo runs; configure your town with "
            "'newsroom init --town NAME' or 'newsroom settings'")


def _complete() -> None:
    """Answer the shell's completion request (``newsroom completion``'s script sets _ARGCOMPLETE) and exit."""
    import argcomplete

    argcomplete.autocomplete(build_parser())


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``newsroom`` script; returns the exit code."""
    if argv is None and "_ARGCOMPLETE" in os.environ:
        _complete()
    try:
        args = parse_arguments(argv)
    except SystemExit as exc:  # --help, --version, or a usage error argparse has already printed
        return exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 2
    paths = AppPaths.resolve(args.basedir)
    config_file = Path(args.config) if args.config else None
    level = (args.log_level or ("debug" if args.verbose else None)
             or configured_log_level(config_file or paths.config_file) or DEFAULT_LEVEL)
    setup_logging(paths.log_file, level=level, verbose=args.verbose)
    log.info("newsroom %s: %s", __version__, args.command or "wall")
    log.debug("options: %s", {k: v for k, v in sorted(vars(args).items()) if k != "handler"})
    handler: Handler = getattr(args, "handler", _run_wall)
    try:
        writes_config = getattr(args, "writes_config", False)  # init: the file is what it makes
        if config_file is not None and not config_file.is_file() and not writes_config:
            raise UsageError(missing_config(config_file, paths))
        if args.command is None and not args.demo and not (config_file or paths.config_file).exists():
            print(unconfigured_notice(paths), file=sys.stderr)
        return handler(args)
    except NewsroomError as exc:
        log.info("stopped: %s", exc)
        print(f"newsroom: {redact(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:              # the reader went away (`newsroom topics | head`): not a failure
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0
    except Exception as exc:
        log_to_file_only("newsroom.cli", "unexpected failure: %s", exc)
        print(f"newsroom: unexpected failure: {redact(str(exc))} (details in {paths.log_file})",
              file=sys.stderr)
        return 1
    finally:
        teardown_logging()
