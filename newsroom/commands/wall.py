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
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
import signal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsroom.errors import CommandFailed

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from newsroom.collector.embedded import EmbeddedCollector
    from newsroom.config import Config, LoadedConfig
    from newsroom.paths import AppPaths
    from newsroom.pipeline.reader import SnapshotReader
    from newsroom.store import Store
    from newsroom.ui.briefing_process import StoreBriefing
    from newsroom.ui.briefing_service import BriefingService
    from newsroom.ui.reader_worker import ReaderWorker
    from newsroom.ui.worker import PipelineWorker

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


def run_wall(args: argparse.Namespace) -> int:
    """Start the Qt app, the worker thread and the wall window; returns the exit code."""
    from newsroom import systemd
    from newsroom.config import LoadedConfig, load_config
    from newsroom.paths import AppPaths
    from newsroom.ui.app import (
        QuitOnSignals,
        make_app,
        ready_once_running,
        route_qt_messages,
        start_keepalive,
    )
    from newsroom.ui.single_instance import SingleInstance
    from newsroom.ui.wall import WallWindow, connect_worker

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
    route_qt_messages()
    app = make_app(lang)
    instance = SingleInstance(paths.data_dir)
    if not instance.acquire() and instance.cannot_write():
        # an unwritable data folder: the wall starts and says so; the lock is tried again with the pipeline
        log.warning("cannot write the instance lock %s; the wall shows why and tries again",
                    instance.lock_path)
    elif not instance.held:
        if instance.ask_to_activate():
            print(f"newsroom: the wall for {paths.data_dir} is already running; brought it to the front")
            return 0
        raise CommandFailed(
            f"another wall (process {instance.holder_pid()}) holds {instance.lock_path} but does not "
            "answer; wait a minute and try again, or stop that process")
    own: EmbeddedCollector | None = None
    if shared is None and not in_process(args):
        from newsroom.collector.embedded import EmbeddedCollector

        # the collector starts now, holding the lock: its imports and preload overlap Qt's start
        own = EmbeddedCollector(paths, args.basedir, config_file, demo=demo, at=args.at,
                                log_level=getattr(args, "log_level", None),
                                searches=bool(loaded.config.searches))
        if instance.held:
            own.start()
    quit_signals = QuitOnSignals(app)
    wall = WallWindow(diagonal_in=float(loaded.config.get("display.screen_diagonal_in")),
                      distance_m=float(loaded.config.get("display.viewing_distance_m")),
                      tiles=int(loaded.config.get("wall.max_topics")),
                      privacy=bool(loaded.config.get("display.privacy")))
    wall.apply_wall_settings(loaded.config)  # privacy, crisis view, stale threshold
    instance.activate_requested.connect(wall.bring_forward)
    settings_dialog: list[object] = []  # one dialog per wall, made the first time it is asked for

    def open_settings() -> None:
        from newsroom.ui.settings.dialog import open_from_wall

        existing = settings_dialog.pop() if settings_dialog else None
        settings_dialog.append(open_from_wall(wall, worker, paths, config_file or paths.config_file,
                                              lang=lang, existing=existing))  # type: ignore[arg-type]

    wall.settings_requested.connect(open_settings)

    def build():  # type: ignore[no-untyped-def]
        from newsroom.pipeline.factory import build_pipeline

        # only here, holding the instance lock, may the demo replace its store (demo.sqlite3)
        if not instance.held:
            raise PermissionError(errno.EACCES, "the instance lock cannot be written",
                                  str(instance.lock_path))
        pipeline = build_pipeline(paths, config_file, demo=demo, at=args.at, store=args.store)
        if no_config and not args.demo:
            pipeline.set_notices([("no_config", "")])
        return pipeline

    interval = float(loaded.config.get("display.refresh_s"))
    worker: PipelineWorker | ReaderWorker
    briefing: BriefingService | None = None
    store_briefing: StoreBriefing | None = None
    if shared is not None:
        from newsroom.ui.reader_worker import ReaderWorker

        worker = ReaderWorker(reader_opener(shared, loaded), config=loaded.config,
                              min_snapshot_interval_s=interval, data_dir=paths.data_dir)
        log.info("the wall reads the store %s (no polling, no analysis here)", shared)
    elif own is not None:
        from newsroom.ui.reader_worker import ReaderWorker

        reading = ReaderWorker(
            own_collector_opener(own, loaded, held=lambda: instance.held,
                                 notices=[("no_config", "")] if no_config and not args.demo else ()),
            config=loaded.config, min_snapshot_interval_s=interval, data_dir=paths.data_dir)
        worker = reading
        log.info("the wall reads the store %s, written by its own collector (a child process)",
                 own.location)
        if not args.demo:  # settings with searches applied: the configured collector takes over
            follow_settings(reading, own)
    else:
        from newsroom.pipeline.factory import build_pipeline
        from newsroom.ui.worker import PipelineWorker

        # settings applied on a demo wall that started without a config: the configured wall takes over
        worker = PipelineWorker(build, min_snapshot_interval_s=interval, data_dir=paths.data_dir,
                                rebuild=None if args.demo else (
            lambda _config: build_pipeline(paths, config_file, demo=False, store=args.store)))
    connect_worker(wall, worker)
    instance.retry_with(worker)
    if shared is None and own is None:
        from newsroom.ui.briefing_service import BriefingService

        briefing = BriefingService(worker, loaded.config, paths.data_dir, lang=lang, parent=app)
        wall.briefing_requested.connect(briefing.write_now)
        briefing.notice.connect(wall.show_notice)
    else:  # a reading wall: the key B runs `newsroom briefing --store …` (the morning mail is not sent)
        from newsroom.ui.briefing_process import StoreBriefing

        store_briefing = StoreBriefing((lambda: own.location) if own is not None else str(shared),
                                       loaded.config, paths.data_dir, lang=lang, basedir=args.basedir,
                                       config_file=args.config, parent=app)
        wall.briefing_requested.connect(store_briefing.write_now)
        store_briefing.notice.connect(wall.show_notice)
    first_snapshot: list[bool] = []

    def on_snapshot(_snapshot: object) -> None:
        if not first_snapshot:
            first_snapshot.append(True)
            log.info("wall shows live data")
            systemd.notify("STATUS=showing live data")

    worker.snapshot_ready.connect(on_snapshot)
    if shared is None and own is None:
        from newsroom.pipeline.preload import freeze_loaded, preload

        # what analysis loads on first use, loaded now: on the pipeline thread it froze the painting window
        preload(demo=demo)
        freeze_loaded()  # a full garbage collection of all that, on the pipeline thread, froze the wall
    from newsroom.ui.gc_policy import install as install_gc_policy

    install_gc_policy(wall)  # start-up's objects out of full collections' walks (and the first snapshot's)
    screens = app.screens()
    screen = args.screen if args.screen is not None else int(loaded.config.get("display.screen"))
    if 0 <= screen < len(screens):
        wall.setScreen(screens[screen])
        wall.move(screens[screen].geometry().topLeft())
    if args.windowed:
        wall.resize(1600, 900)
        wall.show()
    else:
        wall.showFullScreen()
    wall.start_kiosk(**kiosk_settings(loaded.config))
    keepalive = start_keepalive(app)
    ready_once_running("wall shown, loading data")
    worker.start()
    log.info("wall started (%s)", "demo" if demo else "config")
    code = app.exec()
    reason = signal.Signals(quit_signals.received).name if quit_signals.received else "window closed"
    systemd.stopping(f"stopping ({reason})")
    if keepalive is not None:
        keepalive.stop()
    wall.stop()
    if briefing is not None:
        briefing.stop()
    if store_briefing is not None:
        store_briefing.stop()
    # the collector first (SIGTERM: it ends its step, sends queued alerts, closes the store), the
    # reader meanwhile; both well within systemd's stop timeout (child.STOP_TIMEOUT_S, then a kill)
    stopping_child = own.stop_async() if own is not None else None
    if not worker.stop(STOP_TIMEOUT_MS):
        # the worker thread is stuck in a poll: Qt would abort when its QThread object is destroyed
        log.error("the pipeline did not stop within %d s (%s); ending the process",
                  STOP_TIMEOUT_MS // 1000, reason)
        instance.release()
        logging.shutdown()
        os._exit(1)
    if stopping_child is not None:
        stopping_child.join()
        log.info("collector stopped (%s)", reason)
    log.info("pipeline closed (%s)", reason)
    instance.release()
    quit_signals.uninstall()
    return int(code)


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
