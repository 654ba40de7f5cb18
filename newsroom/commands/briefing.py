"""``newsroom briefing --out F.pdf [--since 24h] [--demo [--at quiet|crisis|ISO]] [--lang nl|en]``.

The daily briefing ("dagelijkse tamtam") as an A4 PDF: the period's top topics with their clouds,
charts and sentiment, the alerts with their explanation and who saw them when, a few representative
posts per topic (no names or handles) and the sources' health. With a real config it reads the store
read-only (nothing is polled, sent or written); without one, or with ``--demo``, it uses the demo.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.commands.output import writable_output
from newsroom.errors import UsageError

if TYPE_CHECKING:
    from newsroom.briefing.data import BriefingData
    from newsroom.paths import AppPaths

_SINCE = re.compile(r"^\s*(\d{1,4})\s*(m|min|h|u|d)\s*$", re.IGNORECASE)
_UNITS = {"m": 60, "min": 60, "h": 3600, "u": 3600, "d": 86400}
SHORTEST = timedelta(hours=1)
LONGEST = timedelta(days=31)


def parse_since(text: str) -> timedelta:
    """'24h' → 24 hours ('90m', '3d' too); a sentence otherwise."""
    m = _SINCE.match(text)
    if not m:
        raise UsageError(f"--since must look like 24h, 90m or 3d, not {text!r}")
    span = timedelta(seconds=int(m.group(1)) * _UNITS[m.group(2).lower()])
    if not SHORTEST <= span <= LONGEST:
        raise UsageError(f"--since {text} is out of range (1h to 31d)")
    return span


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the parser."""
    p = sub.add_parser("briefing",
                       help="the daily briefing: an A4 PDF of the period's topics, alerts and sources")
    p.add_argument("--out", required=True, help="PDF file to write")
    p.add_argument("--since", default=None,
                   help="how far back, e.g. 24h, 90m or 3d (default: the config's briefing.since_hours, 24)")
    # SUPPRESS: `newsroom --demo briefing` = `newsroom briefing --demo` (cli fills the defaults)
    p.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help="the embedded demo")
    p.add_argument("--at", metavar="quiet|crisis|ISO-TIME", default=argparse.SUPPRESS,
                   help="with --demo: the demo's moment (default crisis; quiet is an ordinary afternoon; an "
                        "ISO time inside the demo is the wall's time unless it names a zone)")
    p.add_argument("--topics", type=int, default=None, metavar="N",
                   help="how many topics (default: the config's briefing.max_topics, 8)")
    p.add_argument("--lang", choices=("nl", "en"), default=argparse.SUPPRESS,
                   help="language of the document (default: the config's wall.language)")
    p.set_defaults(handler=run)


def _demo_data(paths: AppPaths, at: str | None, since: timedelta | None,
               topics: int | None) -> tuple[BriefingData, str]:
    """The period of the embedded demo at the moment ``at`` names (as the demo wall and ``screenshot``
    read it), replayed in memory."""
    from newsroom.briefing.data import TOP_TOPICS, from_pipeline
    from newsroom.localtime import set_zone
    from newsroom.pipeline.factory import PRIVATE_STORE, build_demo_pipeline

    pipeline = build_demo_pipeline(paths, store_file=PRIVATE_STORE, at=at)
    try:
        set_zone(str(pipeline.config.get("wall.timezone")))
        pipeline.poll_once()
        default = timedelta(hours=int(pipeline.config.get("briefing.since_hours")))
        data = from_pipeline(pipeline, since or default, max_topics=topics or TOP_TOPICS)
        lang = str(pipeline.config.get("wall.language"))
    finally:
        pipeline.close()
    return data, lang


def _stored_data(paths: AppPaths, config_file: Path | None, since: timedelta | None,
                 topics: int | None, store_url: str | None = None) -> tuple[BriefingData, str]:
    from newsroom.briefing.data import gather, open_read_only, period
    from newsroom.config import Config, load_config
    from newsroom.domain import utcnow
    from newsroom.localtime import set_zone
    from newsroom.pipeline.query_terms import query_terms
    from newsroom.store.opening import store_location

    configured = config_file or paths.config_file
    config = load_config(configured, strict=True).config if configured.exists() else Config()
    set_zone(str(config.get("wall.timezone")))
    store = open_read_only(store_location(store_url, config.get("store.url"), paths.store_file))
    try:
        now = utcnow()
        start, end = period(now, since or timedelta(hours=int(config.get("briefing.since_hours"))))
        data = gather(store, start, end, wall_name=config.wall_name, created=now, health=store.load_health(),
                      exclude=query_terms(config.searches),
                      max_topics=topics or int(config.get("briefing.max_topics")))
    finally:
        store.close()
    return data, str(config.get("wall.language"))


def run(args: argparse.Namespace) -> int:
    """Check the arguments, gather the period (demo, or the store read-only), write the PDF."""
    out = writable_output(args.out)
    since = parse_since(args.since) if args.since else None
    at = getattr(args, "at", None)
    if args.topics is not None and not 1 <= args.topics <= 30:
        raise UsageError(f"--topics must be between 1 and 30, not {args.topics}")
    from newsroom.commands.wall import check_demo_moment
    from newsroom.paths import AppPaths
    from newsroom.pipeline.factory import has_user_config

    paths = AppPaths.resolve(args.basedir)
    config_file = Path(args.config) if args.config else None
    # a --store given is read even without a config of this machine's own (a wall of a shared store)
    demo = bool(args.demo) or not (has_user_config(paths, config_file) or args.store)
    check_demo_moment(at, demo)  # a bad --at is a usage error before any work
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from newsroom.progress import Progress

    started = time.monotonic()
    # two steps on a terminal (the demo's replay takes seconds); nothing in pipes and CI
    with Progress("gathering the period", total=2, unit="steps") as bar:
        if demo:
            data, lang = _demo_data(paths, at, since, args.topics)
        else:
            data, lang = _stored_data(paths, config_file, since, args.topics, args.store)
        bar.advance()
        from newsroom.ui.app import make_app, route_qt_messages
        from newsroom.ui.briefing_pdf import write_pdf

        route_qt_messages()
        lang = args.lang or lang
        make_app(lang)
        try:
            pages = write_pdf(data, out, lang)
        except OSError as exc:
            from newsroom.errors import CommandFailed

            raise CommandFailed(f"the briefing could not be written to {out}: {exc}") from None
        bar.advance()
    from newsroom.progress import format_duration

    print(f"briefing written in {format_duration(time.monotonic() - started)}", file=sys.stderr)
    print(f"{out}: {pages} page{'s' if pages != 1 else ''}, {data.mentions} mentions, "
          f"{len(data.topics)} topics, {len(data.alerts)} alerts")
    return 0
