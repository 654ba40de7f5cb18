"""``newsroom screenshot --out F.png [--demo] [--size WxH] [--lang nl|en]``.

With a real config the picture is the wall as the store has it: nothing is polled, no alert is sent and
the user's store is only read (newsroom.pipeline.stored). Without one, or with ``--demo``: the demo.
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.commands.output import writable_output
from newsroom.errors import UsageError

if TYPE_CHECKING:
    from newsroom.domain import WallSnapshot
    from newsroom.paths import AppPaths

_SIZE = re.compile(r"^(\d{2,5})x(\d{2,5})$")


def parse_size(text: str) -> tuple[int, int]:
    """'1920x1080' → (1920, 1080); a sentence otherwise."""
    m = _SIZE.match(text.strip().lower())
    if not m:
        raise UsageError(f"--size must look like 1920x1080, not {text!r}")
    w, h = int(m.group(1)), int(m.group(2))
    if not (320 <= w <= 8192 and 240 <= h <= 8192):
        raise UsageError(f"--size {text} is out of range (320x240 to 8192x8192)")
    return w, h


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the parser."""
    p = sub.add_parser("screenshot", help="render the wall offscreen to a PNG")
    p.add_argument("--out", required=True, help="PNG file to write")
    # SUPPRESS: `newsroom --demo screenshot` = `newsroom screenshot --demo` (cli fills the defaults)
    p.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help="render the embedded demo")
    p.add_argument("--size", default="1920x1080", help="pixel size, e.g. 1920x1080 or 3840x2160")
    p.add_argument("--lang", choices=("nl", "en"), default=argparse.SUPPRESS,
                   help="interface language (default: the config's wall.language)")
    p.set_defaults(handler=run)


def _demo_snapshot(paths: AppPaths) -> tuple[WallSnapshot, str]:
    """The embedded demo after one poll, and its language; in memory, never the demo store of a
    wall running on the same folder."""
    from newsroom.pipeline.factory import PRIVATE_STORE, build_pipeline

    pipeline = build_pipeline(paths, None, demo=True, demo_store=PRIVATE_STORE)
    try:
        pipeline.poll_once()
        snapshot = pipeline.snapshot()
        lang = str(pipeline.config.get("wall.language"))
    finally:
        pipeline.close()
    return snapshot, lang


def _stored_snapshot(paths: AppPaths, config_file: Path | None) -> tuple[WallSnapshot, str]:
    """The wall from the user's store and config: read only, nothing polled or sent."""
    from newsroom.config import load_config
    from newsroom.pipeline.stored import stored_snapshot

    loaded = load_config(config_file or paths.config_file, strict=True)
    return stored_snapshot(paths, loaded), str(loaded.config.get("wall.language"))


def run(args: argparse.Namespace) -> int:
    """Check the arguments, build the snapshot (demo, or from the store), render it."""
    width, height = parse_size(args.size)
    out = writable_output(args.out)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from newsroom.paths import AppPaths
    from newsroom.pipeline.factory import has_user_config

    paths = AppPaths.resolve(args.basedir)
    config_file = Path(args.config) if args.config else None
    if args.demo or not has_user_config(paths, config_file):
        snapshot, lang = _demo_snapshot(paths)
    else:
        snapshot, lang = _stored_snapshot(paths, config_file)
    from newsroom.ui.app import make_app, route_qt_messages
    from newsroom.ui.render import render_wall

    route_qt_messages()
    make_app(args.lang or lang)
    print(render_wall(snapshot, out, width, height))
    return 0
