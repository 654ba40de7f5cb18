"""``newsroom screenshot --out F.png [--demo [--at quiet|crisis|ISO]] [--size WxH] [--crisis [TOPIC]]
[--lang nl|en]``.

With a real config the picture is the wall as the store has it: nothing is polled, no alert is sent and
the user's store is only read (newsroom.pipeline.stored). Without one, or with ``--demo``: the demo, at
the moment ``--at`` names. The picture is drawn for the config's screen (``display.*``) and shows its
``wall.max_topics`` tiles, also for the demo. ``--crisis`` renders the crisis view instead of the
overview.
"""

from __future__ import annotations

import argparse
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.commands.output import writable_output
from newsroom.config import Config, LoadedConfig
from newsroom.errors import UsageError
from newsroom.localtime import set_zone

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
    p.add_argument("--at", metavar="MOMENT", default=argparse.SUPPRESS,
                   help="the demo's moment: quiet (an ordinary afternoon), crisis (default) or an ISO "
                        "time inside the demo, the wall's time unless it names a zone (2026-01-06T14:05, "
                        "or 2026-01-06T13:05Z)")
    p.add_argument("--size", default="1920x1080", help="pixel size, e.g. 1920x1080 or 3840x2160")
    p.add_argument("--crisis", nargs="?", const="", default=None, metavar="TOPIC",
                   help="the crisis view of TOPIC (its id or words of its name; default: the most "
                        "severe alerted event, else the first tile)")
    p.add_argument("--lang", choices=("nl", "en"), default=argparse.SUPPRESS,
                   help="interface language (default: the config's wall.language)")
    p.set_defaults(handler=run)


@dataclass(frozen=True, slots=True)
class Display:
    """What the picture is drawn for: the config's screen, viewing distance and number of tiles."""

    diagonal_in: float = 55.0
    distance_m: float = 5.0
    tiles: int = 6
    #: ``display.privacy``: no author names or handles
    privacy: bool = True
    #: ``display.theme``: the wall's colours
    theme: str = "donker"
    #: ``display.mask_swearing``: swear words in the posts shown get asterisks
    mask_swearing: bool = True

    @classmethod
    def of(cls, config: Config) -> Display:
        """The display settings of ``config``."""
        return cls(float(config.get("display.screen_diagonal_in")),
                   float(config.get("display.viewing_distance_m")), int(config.get("wall.max_topics")),
                   bool(config.get("display.privacy")), str(config.get("display.theme")),
                   bool(config.get("display.mask_swearing")))


def _demo_snapshot(paths: AppPaths, *, at: str | None, config: Config | None,
                   focus: str | None) -> WallSnapshot:
    """The embedded demo after one poll, at the moment ``at`` names, on ``config``'s wall and display
    settings; in memory, never the demo store of a wall running on the same folder."""
    from newsroom.pipeline.factory import PRIVATE_STORE, build_demo_pipeline

    pipeline = build_demo_pipeline(paths, store_file=PRIVATE_STORE, at=at, config=config)
    try:
        set_zone(str(pipeline.config.get("wall.timezone")))
        pipeline.poll_once()
        return pipeline.snapshot(focus=focus)
    finally:
        pipeline.close()


def _checked_moment(at: str | None, demo: bool) -> None:
    from newsroom.commands.wall import check_demo_moment

    check_demo_moment(at, demo)


def prepare(args: argparse.Namespace) -> tuple[WallSnapshot, Display, str]:
    """The snapshot to render (demo, or from the store), the display it is drawn for, its language."""
    from newsroom.config import load_config
    from newsroom.paths import AppPaths
    from newsroom.pipeline.factory import has_user_config

    paths = AppPaths.resolve(args.basedir)
    config_file = Path(args.config) if args.config else None
    configured = has_user_config(paths, config_file)
    # a --store given is read even without a config of this machine's own (a wall of a shared store)
    demo = bool(args.demo) or not (configured or args.store)
    _checked_moment(args.at, demo)
    # a config given or found is read strictly: its display settings shape the picture, also of the demo
    # (with --demo the user's own config only lends them when it is valid; a --config given must be)
    lenient = demo and config_file is None
    if lenient:
        from newsroom.pipeline.factory import lent_config

        lent = lent_config(paths, None)
        loaded = LoadedConfig(lent) if lent is not None else None
    else:
        loaded = (load_config(config_file or paths.config_file, strict=True) if configured
                  else LoadedConfig(Config()) if args.store else None)
    config = loaded.config if loaded is not None else Config()
    try:
        if demo:
            snapshot = _demo_snapshot(paths, at=args.at, config=config if loaded else None, focus=args.crisis)
            if not args.demo:  # no config of its own: as the wall on this folder shows it (what to do next)
                snapshot = replace(snapshot, notices=(*snapshot.notices, ("no_config", "")))
        else:
            from newsroom.pipeline.stored import stored_snapshot

            assert loaded is not None
            snapshot = stored_snapshot(paths, loaded, focus=args.crisis, store=args.store)
    except LookupError as exc:
        raise UsageError(str(exc.args[0])) from None
    if args.crisis is not None and not snapshot.crises:
        raise UsageError("there is no topic on the wall yet, so there is no crisis view to render")
    return snapshot, Display.of(config), args.lang or str(config.get("wall.language"))


def run(args: argparse.Namespace) -> int:
    """Check the arguments, build the snapshot, render it."""
    width, height = parse_size(args.size)
    out = writable_output(args.out)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    snapshot, display, lang = prepare(args)
    from newsroom.ui.app import make_app, route_qt_messages
    from newsroom.ui.render import render_wall

    route_qt_messages()
    make_app(lang)
    print(render_wall(snapshot, out, width, height, diagonal_in=display.diagonal_in,
                      distance_m=display.distance_m, tiles=display.tiles, crisis=args.crisis is not None,
                      privacy=display.privacy, theme=display.theme, mask_swearing=display.mask_swearing))
    return 0
