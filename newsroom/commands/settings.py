"""``newsroom settings [--screenshots DIR [--size WxH]]``: the settings dialog on its own (no wall).

With no config file yet it opens on the first-run path (town, first search, sources) and writes a config
that ``newsroom doctor`` accepts. ``--screenshots DIR`` renders every page to a PNG instead (offscreen,
nothing saved) and exits.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from newsroom.errors import UsageError

if TYPE_CHECKING:
    pass


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the parser."""
    p = sub.add_parser("settings", help="the settings dialog (searches, sources, alerts, display, data)")
    p.add_argument("--lang", choices=("nl", "en"), default=argparse.SUPPRESS,
                   help="interface language (default: the config's wall.language)")
    p.add_argument("--screenshots", metavar="DIR",
                   help="render every page to DIR/settings-N-PAGE.png (offscreen, nothing saved) and exit")
    p.add_argument("--size", default="1920x1080", help="pixel size of the screenshots, e.g. 1920x1080")
    p.set_defaults(handler=run, writes_config=True)  # the first run makes the file


def run(args: argparse.Namespace) -> int:
    """Show the dialog until it is closed (exit 0), or write the screenshots."""
    from newsroom.commands.screenshot import parse_size

    size = parse_size(args.size)
    shots = Path(args.screenshots) if args.screenshots else None
    if shots is not None:
        if shots.exists() and not shots.is_dir():
            raise UsageError(f"--screenshots {shots} is a file, not a folder")
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from newsroom.paths import AppPaths
    from newsroom.ui.app import make_app, route_qt_messages
    from newsroom.ui.settings import model
    from newsroom.ui.settings.dialog import SettingsDialog

    paths = AppPaths.resolve(args.basedir)
    config_file = Path(args.config) if args.config else paths.config_file
    lang = args.lang or str(model.load(config_file).draft.get("wall.language"))
    route_qt_messages()
    app = make_app(lang)
    dialog = SettingsDialog(paths, config_file, lang=lang, demo_preview=True)
    if shots is not None:
        from newsroom.ui.settings.screenshots import write_screenshots

        for path in write_screenshots(dialog, shots, size):
            print(path)
        return 0
    dialog.finished.connect(app.quit)
    dialog.show()
    app.exec()
    print(f"settings: {config_file}")
    return 0
