"""``newsroom collector [--demo [--at MOMENT] [--resume] [--speed X]] [--standby-every 5s]``: the
headless collector. It polls every configured search on the pipeline's schedule, analyses, writes the
store, keeps retention and sends the alert channels, for every wall that reads that store. Imports no
Qt.

One collector works per store: the first holds the store's leadership lock and says
``collector active on STORE`` on stderr; another says ``standing by: another collector holds STORE``,
tries again every few seconds and takes over when the first dies. SIGTERM and SIGINT end it cleanly
(the current step finishes, queued alerts are sent, the store is closed): exit 0.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import re
import signal
import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from newsroom.errors import UsageError

if TYPE_CHECKING:
    from newsroom.collector.morning import MorningMail
    from newsroom.collector.service import Collector
    from newsroom.config import Config
    from newsroom.paths import AppPaths
    from newsroom.pipeline.runner import Pipeline

log = logging.getLogger("newsroom.commands.collector")

_SECONDS = re.compile(r"^(\d+(?:\.\d+)?)\s*s?$")
#: the shortest pause between two tries of a standby (``--standby-every``)
MIN_STANDBY_S = 0.2
#: the longest: a take-over must come within 30 s of the active collector's end
MAX_STANDBY_S = 25.0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the parser."""
    p = sub.add_parser("collector", help="headless: poll, analyse, store and alert for every wall",
                       description="Run the collector without a screen: poll every configured search on "
                                   "its schedule, analyse, store, keep retention and send the alert "
                                   "channels, for every wall that reads the same store. One collector "
                                   "works per store; a second one stands by and takes over when the "
                                   "first stops or dies.",
                       epilog="The first line on stderr says whether it works ('collector active on "
                              "STORE') or stands by. SIGTERM or Ctrl+C: the current step ends, queued "
                              "alerts are sent, the store is closed, exit 0.")
    p.add_argument("--demo", action="store_true", help="collect the embedded demo scenario (its own store)")
    p.add_argument("--at", metavar="MOMENT",
                   help="with --demo: the demo's moment shown as now (quiet, crisis or an ISO time inside "
                        "the demo, the wall's time unless it names a zone)")
    p.add_argument("--resume", action="store_true",
                   help="with --demo: continue the demo store an earlier collector left instead of "
                        "starting it afresh")
    p.add_argument("--speed", type=float, metavar="X",
                   help="with --demo: the demo's clock runs X times as fast as the real one (benchmarks)")
    p.add_argument("--until-stdin-closes", action="store_true",
                   help="stop when standard input closes (the wall that started this collector ended)")
    p.add_argument("--standby-every", metavar="INTERVAL", default="5s",
                   help="how often a standby collector tries to take over (default 5s; at most 25s)")
    p.set_defaults(handler=run)


def standby_interval(text: str) -> float:
    """``--standby-every``: ``5s`` → 5.0; a bare number is seconds; a sentence when out of bounds."""
    m = _SECONDS.match(text.strip().lower())
    if not m:
        raise UsageError(f"--standby-every must look like 5s or 1.5s, not {text!r}")
    seconds = float(m.group(1))
    if not MIN_STANDBY_S <= seconds <= MAX_STANDBY_S:
        raise UsageError(f"--standby-every must be between {MIN_STANDBY_S:g} s and {MAX_STANDBY_S:g} s "
                         "(a take-over must come within 30 s)")
    return seconds


def check_options(args: argparse.Namespace) -> None:
    """Usage errors before any work: demo-only options without --demo, a speed that is not positive."""
    from newsroom.commands.wall import check_demo_moment

    for name, given in (("--resume", args.resume), ("--speed", args.speed is not None)):
        if given and not args.demo:
            raise UsageError(f"{name} is an option of the demo; add --demo")
    if args.speed is not None and not 0 < args.speed <= 10_000:
        raise UsageError(f"--speed must be above 0 and at most 10000, not {args.speed:g}")
    check_demo_moment(args.at, bool(args.demo))


def fast_clock(speed: float) -> Callable[[], datetime]:
    """A clock that starts at the real now and runs ``speed`` times as fast."""
    from newsroom.domain import utcnow

    origin = utcnow()
    start = time.monotonic()
    return lambda: origin + timedelta(seconds=(time.monotonic() - start) * speed)


def store_location(args: argparse.Namespace, paths: AppPaths, config: Config | None = None) -> str | Path:
    """The store this collector works on, and so the one whose leadership it takes: ``--store`` when
    given, else the config's ``store.url`` (where this version has it), else the data folder's file (the
    demo's own file with ``--demo``)."""
    from newsroom.pipeline.factory import DEMO_STORE

    given = getattr(args, "store", None)
    if given:
        return str(given)
    if args.demo:
        return paths.data_dir / DEMO_STORE
    configured = config.values.get("store.url") if config is not None else None
    if isinstance(configured, str) and configured.strip():
        return configured.strip()
    return paths.store_file


def shown(location: str | Path) -> str:
    """The store as it may be shown and logged: a URL without its password."""
    text = str(location)
    if "://" not in text:
        return text
    parts = urlsplit(text)
    if parts.password is None:
        return text
    user = f"{parts.username}@" if parts.username else ""
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit(parts._replace(netloc=f"{user}{host}{port}"))


def run(args: argparse.Namespace) -> int:
    """Run until SIGTERM/SIGINT; 0 then, 2 for bad options or config."""
    from newsroom.collector.service import Collector, Timing
    from newsroom.paths import AppPaths
    from newsroom.store.leadership import Leadership

    check_options(args)
    standby = standby_interval(args.standby_every)
    paths = AppPaths.resolve(args.basedir)
    config_file, config = collector_config(args, paths)
    location = store_location(args, paths, config)
    leadership = Leadership(location)
    collector: Collector
    build = pipeline_builder(args, paths, config_file,
                             first_term=lambda: collector.terms == 0 and not collector.took_over)
    between_polls, morning = follow_config(args, config_file, config, location)
    collector = Collector(leadership, build, store_name=shown(location), say=announce,
                          data_dir=paths.data_dir, timing=Timing(standby_every_s=standby),
                          between_polls=between_polls)
    return run_until_stopped(collector, args, morning)


def collector_config(args: argparse.Namespace, paths: AppPaths) -> tuple[Path | None, Config | None]:
    """The config file and its config: a collector of searches needs one, valid and with searches
    (else ``UsageError``); the demo reads none, and borrows a ``--config``'s wall and display settings."""
    from newsroom.commands.config_file import required_config
    from newsroom.config import load_config

    if args.demo:
        return (Path(args.config) if args.config else None), None
    config_file = required_config(args, paths, "collector")
    config = load_config(config_file, strict=True).config
    if not config.searches:
        raise UsageError(f"{config_file} has no [[searches]] to poll; add one (see 'newsroom init' "
                         "or docs/configuration.md)")
    return config_file, config


def pipeline_builder(args: argparse.Namespace, paths: AppPaths, config_file: Path | None, *,
                     first_term: Callable[[], bool]) -> Callable[[], Pipeline]:
    """What builds the pipeline each time the collector takes the lead: the demo starts afresh only
    in the first term of the first collector on its store (``first_term``), unless ``--resume``; one
    that takes over (or works again after a lost lead) continues the replay where it was."""
    from newsroom.pipeline.factory import build_pipeline

    clock = fast_clock(args.speed) if args.speed else None

    def build() -> Pipeline:
        fresh = not args.resume and first_term()
        kwargs: dict[str, Any] = {"clock": clock} if clock is not None else {}
        if getattr(args, "store", None):  # --store (issue 17's store option, where this version has it)
            kwargs["store"] = args.store
        return build_pipeline(paths, config_file, demo=bool(args.demo), strict=True, at=args.at,
                              demo_fresh=fresh, **kwargs)

    return build


def announce(line: str) -> None:
    """A line about the collector's state on stderr (``collector active on …``, ``standing by: …``),
    and to systemd (Type=notify): up, and which."""
    from newsroom import systemd

    print(f"newsroom: {line}", file=sys.stderr, flush=True)
    systemd.notify("READY=1", f"STATUS={line}")


def follow_config(args: argparse.Namespace, config_file: Path | None, config: Config | None,
                  location: str | Path) -> tuple[Callable[[Pipeline], None] | None, MorningMail | None]:
    """A collector of a config file: between polls it applies the file's changes (settings saved on a
    wall reach it) and sends the morning briefing mail when it is due (a wall that reads the store
    sends none). (None, None) for the demo."""
    if config_file is None or args.demo:
        return None, None
    from newsroom.collector.config_watch import ConfigWatch
    from newsroom.collector.morning import MorningMail

    watch = ConfigWatch(config_file)
    assert config is not None
    morning = MorningMail(config, location, basedir=args.basedir, config_file=config_file)

    def between_polls(pipeline: Pipeline) -> None:
        config = watch.changed()
        if config is not None:
            diff = pipeline.reconfigure(config)
            morning.apply(config)
            log.info("the changed config file is applied (%d settings, searches +%d -%d ~%d)",
                     len(diff.values), len(diff.searches_added), len(diff.searches_removed),
                     len(diff.searches_changed))
        morning.check(pipeline.store.get_meta, pipeline.store.set_meta, pipeline.clock())

    return between_polls, morning


def run_until_stopped(collector: Collector, args: argparse.Namespace, morning: MorningMail | None) -> int:
    """Run the collector until SIGTERM/SIGINT (or, with ``--until-stdin-closes``, the end of standard
    input); what analysis loads is loaded first. Then wait for a morning mail being sent and give the
    signals their handlers back; the collector's exit code."""
    from newsroom.pipeline.preload import freeze_loaded, preload

    previous = _on_signals(collector.request_stop)
    if args.until_stdin_closes:
        _stop_when_stdin_closes(collector.request_stop)
    try:
        if not collector.stopping:  # loaded while standing by too: a take-over then costs the replay only
            preload(demo=bool(args.demo))
            freeze_loaded()
        return collector.run()
    finally:
        if morning is not None:
            morning.wait(60)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _stop_when_stdin_closes(stop: Callable[[], None]) -> None:
    """A thread that reads standard input to its end, then asks the collector to stop."""

    def watch() -> None:
        with contextlib.suppress(OSError, ValueError):
            while sys.stdin.buffer.read(4096):
                pass
        log.info("standard input closed (the wall that started this collector ended): stopping")
        stop()

    threading.Thread(target=watch, name="stdin-watch", daemon=True).start()


def _on_signals(stop: Callable[[], None]) -> dict[signal.Signals, Any]:
    """SIGTERM and SIGINT ask the collector to stop; returns the handlers they had."""
    previous: dict[signal.Signals, Any] = {}

    def handler(signum: int, _frame: FrameType | None) -> None:
        log.info("%s received: stopping after the current step", signal.Signals(signum).name)
        signal.signal(signum, previous[signal.Signals(signum)])  # a second one is not so patient
        stop()

    signals = [signal.SIGTERM, signal.SIGINT]
    if sys.platform == "win32":  # what the wall sends its child collector there
        signals.append(signal.SIGBREAK)
    for sig in signals:
        previous[sig] = signal.signal(sig, handler)
    return previous
