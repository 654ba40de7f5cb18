"""``newsroom collect [--every 5m] [--config F] [--out F.jsonl]``: poll every search once (or every
interval until Ctrl+C), print the new scored mentions as JSONL and one health line per source on stderr.
What is printed is also stored, so a second run prints only what is new. ``--once`` is the default and
still accepted."""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.commands.jsonl import FORMATS_DOC
from newsroom.commands.output import writable_output
from newsroom.errors import CommandFailed, UsageError
from newsroom.progress import Progress, summary_line

if TYPE_CHECKING:
    from newsroom.analysis.sentiment import SentimentScorer
    from newsroom.config import Config
    from newsroom.domain import Mention, SourceHealth
    from newsroom.sources.poller import Poller
    from newsroom.store import Store

_EVERY = re.compile(r"^(\d+(?:\.\d+)?)\s*(s|m|min|h)?$")
#: the shortest interval between two rounds (sources keep their own politeness on top)
MIN_EVERY_S = 30.0


def parse_every(text: str) -> float:
    """``5m`` → 300.0 seconds; ``30s``, ``1h``, a bare number is minutes; a sentence otherwise."""
    m = _EVERY.match(text.strip().lower())
    if not m:
        raise UsageError(f"--every must look like 5m, 30s or 1h, not {text!r}")
    unit = m.group(2) or "m"
    seconds = float(m.group(1)) * {"s": 1, "m": 60, "min": 60, "h": 3600}[unit]
    if seconds < MIN_EVERY_S:
        raise UsageError(f"--every {text} is too often; poll at most once every {MIN_EVERY_S:g} seconds")
    return seconds


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the parser."""
    p = sub.add_parser("collect", help="poll every configured search once and print the new mentions",
                       description="Poll every configured search once and print the new scored mentions "
                                   "as JSONL (they are stored too, so a second run prints only what is "
                                   "new); one health line per source on stderr.",
                       epilog=f"The mention record: {FORMATS_DOC}. Exit 0 when a source worked, 1 when "
                              "all failed, 2 for a bad config.")
    when = p.add_mutually_exclusive_group()
    when.add_argument("--once", action="store_true", help="poll once and stop (the default)")
    when.add_argument("--every", metavar="INTERVAL",
                      help="poll again every INTERVAL (e.g. 5m, 30s, 1h) until Ctrl+C")
    p.add_argument("--out", metavar="F.jsonl",
                   help="write JSONL here instead of stdout (with --every: appended)")
    p.set_defaults(handler=run)


@dataclass(frozen=True)
class Round:
    """What one poll of every search found."""

    found: int
    fresh: tuple[str, ...]  # JSONL lines of the new mentions
    health: tuple[SourceHealth, ...]


def run(args: argparse.Namespace) -> int:
    """Exit 0 when at least one source worked, 1 when all failed, 2 for a bad config."""
    from newsroom.analysis.sentiment import SentimentScorer
    from newsroom.commands.config_file import required_config
    from newsroom.config import load_config
    from newsroom.paths import AppPaths
    from newsroom.sources.poller import Poller
    from newsroom.sources.registry import build_sources, unknown_sources
    from newsroom.store import open_store
    from newsroom.store.opening import store_location

    every = parse_every(args.every) if args.every else None
    out = writable_output(args.out) if args.out else None
    paths = AppPaths.resolve(args.basedir)
    config_file = required_config(args, paths, "collect")
    config = load_config(config_file, strict=True).config
    if not config.searches:
        raise UsageError(f"{config_file} has no [[searches]] to poll; add one (see 'newsroom init' "
                         "or docs/configuration.md)")
    missing = unknown_sources(config)
    sources = build_sources(config)
    if not sources:
        raise UsageError(f"no available source is named by the searches (unavailable: {', '.join(missing)})")
    store = open_store(store_location(args.store, config.get("store.url"), paths.store_file))
    scorer = SentimentScorer(config.values.get("sentiment.user_lexicon"))
    # one fetch per (search, source) pair the search asks for (a search naming none asks every source)
    fetches = sum(1 for src in sources for s in config.searches if not s.sources or src.name in s.sources)
    code = 0
    try:
        poller = Poller(sources, config.searches, store)
        first = True
        while True:
            started = time.monotonic()
            result = _poll_round(poller, store, scorer, config, fetches)
            _write(result.fresh, out, append=not first)
            code = _report(result, missing, time.monotonic() - started)
            first = False
            if every is None:
                break
            time.sleep(max(0.0, every - (time.monotonic() - started)))
    finally:
        store.close()
    if code:
        raise CommandFailed("every source failed")
    return 0


def _poll_round(poller: Poller, store: Store, scorer: SentimentScorer, config: Config, fetches: int) -> Round:
    """Poll every pair once (``fetches`` of them: the bar's total), score what is new, store it."""
    from newsroom.analysis.language import detect_language
    from newsroom.domain import mention_to_record, utcnow

    languages = {s.name: s.languages for s in config.searches}
    now = utcnow()
    with Progress("polling", total=fetches, unit="fetches") as bar:
        poller.set_listener(bar.advance if bar.enabled else None)
        try:
            results = poller.poll_all(now)
        finally:
            poller.set_listener(None)
    found: dict[str, Mention] = {}
    for result in results:
        for m in result.mentions:
            if m.id in found:  # one post found by several searches keeps all their names
                merged = tuple(dict.fromkeys(found[m.id].searches + m.searches))
                found[m.id] = replace(found[m.id], searches=merged)
            else:
                found[m.id] = m
    new = list(store.filter_new(found.values()))
    fresh = []
    with Progress("scoring", total=len(new), unit="mentions") as bar:
        for m in bar.iterate(new):
            text = f"{m.title}. {m.text}" if m.title and m.title != m.text else m.text
            hints = tuple(lang for name in m.searches for lang in languages.get(name, ()))
            lang = m.lang if m.lang in ("nl", "fr", "en") else detect_language(text, hints)
            fresh.append(replace(m, lang=lang, sentiment=scorer.score(text, lang)))
    store.add_mentions(fresh)  # a second run finds them stored and prints nothing twice
    lines = tuple(json.dumps(mention_to_record(m), ensure_ascii=False) for m in fresh)
    return Round(len(found), lines, tuple(poller.health(now)))


def _write(lines: tuple[str, ...], out: Path | None, *, append: bool) -> None:
    text = "".join(line + "\n" for line in lines)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("a" if append else "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def _report(result: Round, missing: list[str], seconds: float) -> int:
    """Health lines and the summary on stderr; 1 when every source failed."""
    from newsroom.log import redact

    for h in result.health:  # a service's error may repeat the credential it refused
        state = "ok" if h.ok else f"FAILED: {h.last_error}"
        print(redact(f"{h.title}: {state}; {h.items_last_poll} items"), file=sys.stderr)
    for name in missing:
        print(f"{name}: not available in this version", file=sys.stderr)
    print(summary_line(result.found, ("mention", "mentions"), seconds,
                       [(len(result.fresh), "new"), (result.found - len(result.fresh), "already known")]),
          file=sys.stderr)
    return 1 if all(not h.ok for h in result.health) else 0
