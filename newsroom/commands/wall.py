"""The default command: the wall, fullscreen (or ``--windowed``), on the demo or the user's config."""

from __future__ import annotations

import argparse
import logging
import signal
from pathlib import Path

log = logging.getLogger("newsroom.commands.wall")


def run_wall(args: argparse.Namespace) -> int:
    """Start the Qt app, the worker thread and the wall window; returns the exit code."""
    from newsroom.config import load_config
    from newsroom.paths import AppPaths
    from newsroom.pipeline.factory import build_pipeline, has_user_config
    from newsroom.ui.app import make_app, route_qt_messages
    from newsroom.ui.wall import WallWindow, connect_worker
    from newsroom.ui.worker import PipelineWorker

    paths = AppPaths.resolve(args.basedir)
    paths.ensure()
    config_file = Path(args.config) if args.config else None
    no_config = not has_user_config(paths, config_file)
    demo = bool(args.demo) or no_config
    loaded = load_config(None if demo else (config_file or paths.config_file), strict=bool(args.config))
    lang = args.lang or str(loaded.config.get("wall.language"))
    route_qt_messages()
    app = make_app(lang)
    wall = WallWindow(diagonal_in=float(loaded.config.get("display.screen_diagonal_in")),
                      distance_m=float(loaded.config.get("display.viewing_distance_m")),
                      tiles=int(loaded.config.get("wall.max_topics")))

    def build():  # type: ignore[no-untyped-def]
        pipeline = build_pipeline(paths, config_file, demo=demo)
        if no_config and not args.demo:
            pipeline.set_notices([("no_config", "")])
        return pipeline

    interval = float(loaded.config.get("pipeline.snapshot_interval_s"))
    worker = PipelineWorker(build, min_snapshot_interval_s=interval)
    connect_worker(wall, worker)
    screens = app.screens()
    if args.screen is not None and 0 <= args.screen < len(screens):
        wall.setScreen(screens[args.screen])
        wall.move(screens[args.screen].geometry().topLeft())
    if args.windowed:
        wall.resize(1600, 900)
        wall.show()
    else:
        wall.showFullScreen()
    signal.signal(signal.SIGINT, lambda *_: app.quit())
    worker.start()
    log.info("wall started (%s)", "demo" if demo else "config")
    code = app.exec()
    wall.stop()
    worker.stop()
    return int(code)
