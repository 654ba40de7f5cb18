"""The default command: the wall, fullscreen (or ``--windowed``), on the demo or the user's config.

Every wall reads: it shows what a collector writes to the store and analyses nothing itself
(newsroom.ui.reader_worker). A wall of a shared store (``--store URL``, ``store.url``, or ``--reader``
for the data folder's own store) reads what some other collector writes (``reader_location``); the
embedded wall (``newsroom``, ``newsroom --demo``) starts its own collector as a child process on the same
data folder and config (newsroom.collector.embedded) and reads its store. ``--in-process`` (hidden) or
``NEWSROOM_IN_PROCESS=1`` keeps the old way: the pipeline on a thread of the wall's process.

One wall per data folder: a second start brings the running wall to the front and exits 0. SIGTERM
and SIGINT (``systemctl stop``, Ctrl+C) close the pipeline (the alert dispatcher sends what is queued,
the store is checkpointed) and exit 0. Under systemd it reports READY=1, WATCHDOG=1 and STOPPING=1.

Here: what a wall opens (``WallPlan``, ``resolve_wall``) and how its reader opens a store;
``newsroom.commands.wall_session`` starts and closes the wall's parts.
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from newsroom.collector.embedded import EmbeddedCollector
    from newsroom.config import Config, LoadedConfig
    from newsroom.paths import AppPaths
    from newsroom.pipeline.reader import SnapshotReader
    from newsroom.store import Store
    from newsroom.ui.reader_worker import ReaderWorker

log = logging.getLogger("newsroom.commands.wall")

#: how long the worker may take to finish its cycle and close the pipeline (systemd: TimeoutStopSec=60)
STOP_TIMEOUT_MS = 45_000
#: the environment variable that keeps the pipeline in the wall's process (as ``--in-process``)
IN_PROCESS_ENV = "NEWSROOM_IN_PROCESS"


def check_demo_moment(at: str | None, demo: bool) -> None:
    """``--at`` names a moment of the demo: a usage error without the demo or for a moment it lacks."""
    if at is None:
        return
    from newsroom.errors import UsageError
    from newsroom.sources.demo import demo_moment, load_scenario

    if not demo:
        raise UsageError("--at picks a moment of the demo; add --demo (a real store has no other moment)")
    try:
        demo_moment(load_scenario(), at)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def reader_location(args: argparse.Namespace, paths: AppPaths) -> str | Path | None:
    """Where a wall that only reads finds the store a collector writes: ``--store`` (a path or a
    ``postgresql://`` URL; the option of every command that touches the store), or the data folder's
    store with ``--reader``; None for the wall that runs its own pipeline."""
    store = getattr(args, "store", None)
    if store:
        return str(store)
    if getattr(args, "reader", False):
        return paths.store_file
    return None


def in_process(args: argparse.Namespace) -> bool:
    """True when the embedded wall runs its pipeline on a thread of its own process (the old way)."""
    return bool(getattr(args, "in_process", False)) or os.environ.get(IN_PROCESS_ENV, "") not in ("", "0")


def open_shared_store(location: str | Path) -> Store:
    """The store at ``location`` (SQLite or PostgreSQL)."""
    from newsroom.store import open_store

    return open_store(location)


def reader_opener(location: str | Path, loaded: LoadedConfig) -> Callable[[], SnapshotReader]:
    """Opens the store and builds this wall's reader (its display settings, its config's notices)."""
    from newsroom.pipeline.reader import SnapshotReader

    def open_reader() -> SnapshotReader:
        return SnapshotReader.for_config(open_shared_store(location), loaded.config, notices=loaded.notices)

    return open_reader


def own_collector_opener(own: EmbeddedCollector, loaded: LoadedConfig, *, held: Callable[[], bool],
                         notices: Sequence[tuple[str, str]] = ()) -> Callable[[], SnapshotReader]:
    """The reader of the embedded wall: once the instance lock is held, start the wall's collector, wait
    until it works on its store, and open that store (on the reader's thread)."""
    from newsroom.pipeline.reader import SnapshotReader

    def open_reader() -> SnapshotReader:
        if not held():  # only the wall holding the lock may start a collector on this data folder
            raise PermissionError(errno.EACCES, "the instance lock cannot be written", "")
        demo = own.demo
        location = own.open_location()
        return SnapshotReader.for_config(open_shared_store(location), loaded.config,
                                         notices=(*loaded.notices, *(notices if demo else ())))

    return open_reader


def follow_settings(worker: ReaderWorker, own: EmbeddedCollector) -> None:
    """Settings with searches applied on a wall without its configured collector (the demo it fell back
    on, or a config that had no searches): that collector starts, and the reader moves to its store."""

    def config_applied(config: Config, _diff: object) -> None:
        if config.searches and (own.demo or own.child is None):
            import threading

            def switch() -> None:
                if own.switch_to_config():
                    worker.reopen()

            threading.Thread(target=switch, name="collector-switch", daemon=True).start()

    worker.config_applied.connect(config_applied)


@dataclass(frozen=True)
class WallPlan:
    """What a wall opens, resolved from its command line and config before Qt starts."""

    args: argparse.Namespace
    paths: AppPaths
    config_file: Path | None  # --config; None: the data folder's config
    shared: str | Path | None  # the store a reading wall reads; None: its own collector or pipeline
    no_config: bool  # no config file (and no shared store to read): the wall shows the demo
    demo: bool
    loaded: LoadedConfig
    lang: str

    @property
    def settings_file(self) -> Path:
        """The config file the settings dialog reads and writes."""
        return self.config_file or self.paths.config_file

    @property
    def fallback_notices(self) -> list[tuple[str, str]]:
        """The notice of a wall that shows the demo for want of a config (not asked with ``--demo``)."""
        return [("no_config", "")] if self.no_config and not self.args.demo else []


def resolve_wall(args: argparse.Namespace) -> WallPlan:
    """The wall's folders (created when they can be), its config or the demo's, and the shared store
    it only reads (``--store``, ``--reader``, or the config's ``store.url``); its language."""
    from newsroom.config import LoadedConfig, load_config
    from newsroom.paths import AppPaths

    paths = AppPaths.resolve(args.basedir)
    try:
        paths.ensure()
    except OSError as exc:  # the wall starts anyway: its start notice says why and it tries again
        log.warning("cannot create the app's folders: %s", exc)
    config_file = Path(args.config) if args.config else None
    shared = reader_location(args, paths)
    # a wall that reads has no demo to fall back on: without a config it shows the store on defaults
    no_config = shared is None and not (config_file or paths.config_file).exists()
    demo = bool(args.demo) or no_config
    check_demo_moment(args.at, demo)
    # --demo with a config: the demo's data on that config's wall and display settings (the user's own
    # config only when it is valid: the demo never backs it up or reports it; a --config given must be)
    if demo and config_file is None:
        from newsroom.config.lent import lent_config

        lent = lent_config(paths, None)
        loaded = LoadedConfig(lent) if lent is not None else load_config(None, strict=False)
    else:
        loaded = load_config(config_file or paths.config_file, strict=bool(args.config))
    if shared is None and not demo and str(loaded.config.get("store.url")):
        # the wall of a shared store reads what its collector writes
        shared = str(loaded.config.get("store.url"))
    lang = args.lang or str(loaded.config.get("wall.language"))
    return WallPlan(args, paths, config_file, shared, no_config, demo, loaded, lang)


def run_wall(args: argparse.Namespace) -> int:
    """Start the Qt app, the worker thread and the wall window; returns the exit code."""
    from newsroom.commands.wall_session import WallSession, claim_instance
    from newsroom.ui.app import make_app, route_qt_messages

    plan = resolve_wall(args)
    route_qt_messages()
    app = make_app(plan.lang)
    instance = claim_instance(plan.paths)
    if instance is None:  # the running wall was brought to the front
        return 0
    return WallSession(plan, app, instance).run()


def kiosk_settings(config: Config) -> dict[str, Any]:
    """``WallWindow.start_kiosk`` arguments from the config: night hours when night dimming is on (an
    unreadable schedule is logged and the default used), the rotation's page time when it is on."""
    from newsroom.config.schema import all_settings
    from newsroom.night_hours import NightHours, NightHoursError

    night = None
    if config.get("display.night_dimming"):
        try:
            night = NightHours.parse(str(config.get("display.night_hours")))
        except NightHoursError as exc:
            log.warning("%s; using %s", exc, all_settings()["display.night_hours"].default)
            night = NightHours.parse(str(all_settings()["display.night_hours"].default))
    rotation_s = float(config.get("display.rotation_s")) if config.get("display.rotation") else None
    return {"night": night, "rotation_s": rotation_s, "drift": bool(config.get("display.burn_in"))}
