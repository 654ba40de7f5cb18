"""``newsroom collect --once [--config F] [--out F.jsonl]``: poll every search once, print the new
scored mentions as JSONL and one health line per source on stderr. What is printed is also stored, so a
second run prints only what is new."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

from newsroom.commands.output import writable_output
from newsroom.errors import CommandFailed, UsageError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the parser."""
    p = sub.add_parser("collect", help="poll every configured search once and print the mentions")
    p.add_argument("--once", action="store_true", required=True, help="poll once and stop")
    p.add_argument("--out", help="write JSONL here instead of stdout")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Exit 0 when at least one source worked, 1 when all failed, 2 for a bad config."""
    from newsroom.analysis.language import detect_language
    from newsroom.analysis.sentiment import SentimentScorer
    from newsroom.config import load_config
    from newsroom.domain import Mention, mention_to_record, utcnow
    from newsroom.paths import AppPaths
    from newsroom.sources.poller import Poller
    from newsroom.sources.registry import build_sources, unknown_sources
    from newsroom.store import Store

    out = writable_output(args.out) if args.out else None
    paths = AppPaths.resolve(args.basedir)
    config_file = Path(args.config) if args.config else paths.config_file
    loaded = load_config(config_file, strict=True)
    config = loaded.config
    if not config.searches:
        raise UsageError(f"{config_file} has no [[searches]] to poll")
    missing = unknown_sources(config)
    sources = build_sources(config)
    if not sources:
        raise UsageError(f"no available source is named by the searches (unavailable: {', '.join(missing)})")
    store = Store.open(paths.store_file)
    scorer = SentimentScorer(config.values.get("sentiment.user_lexicon"))
    languages = {s.name: s.languages for s in config.searches}
    try:
        poller = Poller(sources, config.searches, store)
        now = utcnow()
        results = poller.poll_all(now)
        found: dict[str, Mention] = {}
        for result in results:
            for m in result.mentions:
                if m.id in found:  # one post found by several searches keeps all their names
                    merged = tuple(dict.fromkeys(found[m.id].searches + m.searches))
                    found[m.id] = replace(found[m.id], searches=merged)
                else:
                    found[m.id] = m
        fresh = []
        for m in store.filter_new(found.values()):
            text = f"{m.title}. {m.text}" if m.title and m.title != m.text else m.text
            hints = tuple(lang for name in m.searches for lang in languages.get(name, ()))
            lang = m.lang if m.lang in ("nl", "fr", "en") else detect_language(text, hints)
            fresh.append(replace(m, lang=lang, sentiment=scorer.score(text, lang)))
        store.add_mentions(fresh)  # a second run finds them stored and prints nothing twice
        lines = [json.dumps(mention_to_record(m), ensure_ascii=False) for m in fresh]
        health = poller.health(now)
    finally:
        store.close()
    text = "".join(line + "\n" for line in lines)
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    from newsroom.log import redact

    for h in health:  # a service's error may repeat the credential it refused
        state = "ok" if h.ok else f"FAILED: {h.last_error}"
        print(redact(f"{h.title}: {state}; {h.items_last_poll} items"), file=sys.stderr)
    for name in missing:
        print(f"{name}: not available in this version", file=sys.stderr)
    if all(not h.ok for h in health):
        raise CommandFailed("every source failed")
    return 0
