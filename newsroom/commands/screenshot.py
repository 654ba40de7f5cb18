"""``newsroom screenshot --out F.png [--demo] [--size WxH] [--lang nl|en]``."""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from newsroom.errors import UsageError

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
    from newsroom.cli import add_common

    p = sub.add_parser("screenshot", help="render the wall offscreen to a PNG")
    add_common(p)
    p.add_argument("--out", required=True, help="PNG file to write")
    p.add_argument("--demo", action="store_true", help="render the embedded demo")
    p.add_argument("--size", default="1920x1080", help="pixel size, e.g. 1920x1080 or 3840x2160")
    p.add_argument("--lang", choices=("nl", "en"), default=None, help="interface language (default nl)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Build the pipeline, poll once, render the snapshot."""
    width, height = parse_size(args.size)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from newsroom.paths import AppPaths
    from newsroom.pipeline.factory import PRIVATE_STORE, build_pipeline, has_user_config

    paths = AppPaths.resolve(args.basedir)
    config_file = Path(args.config) if args.config else None
    demo = args.demo or not has_user_config(paths, config_file)
    # the demo in memory: never the demo store of a wall running on the same folder
    pipeline = build_pipeline(paths, config_file, demo=demo, strict=bool(args.config),
                              demo_store=PRIVATE_STORE)
    try:
        pipeline.poll_once()
        snapshot = pipeline.snapshot()
        lang = args.lang or str(pipeline.config.get("wall.language"))
    finally:
        pipeline.close()
    from newsroom.ui.app import make_app, route_qt_messages
    from newsroom.ui.render import render_wall

    route_qt_messages()
    make_app(lang)
    out = render_wall(snapshot, Path(args.out), width, height)
    print(out)
    return 0
