"""``newsroom init [--town NAME] [--force]``: write a commented example config (the town's name, one
search, RSS and Google News) that ``newsroom doctor`` accepts, and say where it was written."""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

from newsroom.errors import UsageError

#: the town of the example when none is given (the demo's own)
DEFAULT_TOWN = "Lindeveld"
#: a Flemish public news feed; every search filters it locally by its own query
EXAMPLE_FEED = "https://www.vrt.be/vrtnws/nl.rss.articles.xml"

_TEMPLATE = """\
# Newsroom Wall configuration, written by `newsroom init`.
# Every key, its default and its bounds: docs/configuration.md. Check this file with `newsroom doctor`;
# `newsroom settings` edits the same file in a dialog.
version = 1

[wall]
# The name shown on the wall.
name = {name}
# Interface language of the wall: "nl" or "en".
language = "nl"

# One [[searches]] block per thing to follow. The query: words, "exact phrases", #hashtags,
# OR between alternatives and -word to leave out (docs/configuration.md, "Searches").
[[searches]]
name = {name}
query = {query}
# Which sources this search asks: rss (the feeds below) and gnews (Google News search).
# Others: bing, youtube, gdelt, mastodon, bluesky, x (docs/sources.md).
sources = ["rss", "gnews"]
# The languages people write about it in (nl, fr, en).
languages = ["nl"]

[sources.rss]
# News feeds to read; each search keeps only the items its query matches. Add the local paper's feed.
feeds = [{feed}]

[sources.gnews]
# Google News edition: country and language.
edition = "BE:nl"

# [network]
# An e-mail or web address in the User-Agent, so a service can reach you before it blocks you:
# user_agent_contact = "communicatie@{slug}.be"
"""


def example_config(town: str) -> str:
    """The commented example config for ``town`` (TOML; the strings escaped as TOML basic strings)."""
    name = " ".join(town.split())
    quoted = name.replace('"', "")
    slug = "".join(c for c in quoted.lower() if c.isalnum() or c == "-") or "gemeente"
    return _TEMPLATE.format(name=json.dumps(name, ensure_ascii=False),
                            query=json.dumps(f'"{quoted}"', ensure_ascii=False),
                            feed=json.dumps(EXAMPLE_FEED), slug=slug)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the parser."""
    p = sub.add_parser("init", help="write a commented example config to start from",
                       description="Write a commented example config (the town's name, one search, RSS and "
                                   "Google News) that 'newsroom doctor' accepts, and say where it went.")
    p.add_argument("--town", default=DEFAULT_TOWN, metavar="NAME",
                   help=f"the town or municipality to follow (default: {DEFAULT_TOWN}, the demo's)")
    p.add_argument("--force", action="store_true", help="replace a config file that already exists")
    p.set_defaults(handler=run, writes_config=True)


def run(args: argparse.Namespace) -> int:
    """Write the example (atomically) where the config is read from; never over a file unless --force."""
    from newsroom.config import load_config
    from newsroom.paths import AppPaths

    town = " ".join(str(args.town).split())
    if not town.replace('"', "") or len(town) > 80 or not town.isprintable():
        raise UsageError(f"--town needs a town's name (up to 80 characters), not {args.town!r}")
    path = Path(args.config) if args.config else AppPaths.resolve(args.basedir).config_file
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a file name with --config")
    if path.exists() and not args.force:
        raise UsageError(f"{path} already exists; nothing was written (edit it, run 'newsroom settings', "
                         "or add --force to replace it)")
    text = example_config(town)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".config-", suffix=".toml", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        load_config(Path(tmp), strict=True)  # what we write must be what we read
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    print(f"Wrote an example config for {town} to {path}")
    print("Next: 'newsroom doctor' checks it, 'newsroom collect' polls it once, 'newsroom' starts the wall.")
    return 0
