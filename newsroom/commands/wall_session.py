"""One run of the wall, once ``newsroom.commands.wall`` has resolved what it opens (a ``WallPlan``):
the data folder's instance lock (``claim_instance``), then a ``WallSession``: the wall's own collector,
the window, the worker that feeds it (a reader of a store, or the pipeline on a thread), the key B's
briefing; ``WallSession.run`` shows the window, runs Qt's event loop and closes it all in order.

Qt is imported only when a session starts (nothing outside newsroom/ui imports it at import time).
"""

from __future__ import annotations

import errno
import logging
import os
import signal
from typing import TYPE_CHECKING

from newsroom import systemd
from newsroom.commands.wall import (
    STOP_TIMEOUT_MS,
    follow_settings,
    in_process,
    kiosk_settings,
    own_collector_opener,
    reader_opener,
)
from newsroom.errors import CommandFailed

if TYPE_CHECKING:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from newsroom.collector.embedded import EmbeddedCollector
    from newsroom.commands.wall import WallPlan
    from newsroom.config import Config
    from newsroom.paths import AppPaths
    from newsroom.pipeline.runner import Pipeline
    from newsroom.ui.briefing_process import StoreBriefing
    from newsroom.ui.briefing_service import BriefingService
    from newsroom.ui.reader_worker import ReaderWorker
    from newsroom.ui.settings.dialog import SettingsDialog
    from newsroom.ui.single_instance import SingleInstance
    from newsroom.ui.wall import WallWindow
    from newsroom.ui.worker import PipelineWorker

log = logging.getLogger("newsroom.commands.wall")


def claim_instance(paths: AppPaths) -> SingleInstance | None:
    """The data folder's instance lock (one wall per data folder); None when another wall holds it and
    was brought to the front. An unwritable data folder: the wall starts anyway, says why and tries
    the lock again with its pipeline. A holder that does not answer: ``CommandFailed``."""
    from newsroom.ui.single_instance import SingleInstance

    instance = SingleInstance(paths.data_dir)
    if not instance.acquire() and instance.cannot_write():
        log.warning("cannot write the instance lock %s; the wall shows why and tries again",
                    instance.lock_path)
    elif not instance.held:
        if instance.ask_to_activate():
            print(f"newsroom: the wall for {paths.data_dir} is already running; brought it to the front")
            return None
        raise CommandFailed(
            f"another wall (process {instance.holder_pid()}) holds {instance.lock_path} but does not "
            "answer; wait a minute and try again, or stop that process")
    return instance


class WallSession:
    """The wall's parts, built in the order they start: its collector (the embedded wall), the window,
    its worker and the briefing; ``run`` shows the window and returns the exit code once it closed."""

    def __init__(self, plan: WallPlan, app: QApplication, instance: SingleInstance) -> None:
        from newsroom.ui.app import QuitOnSignals
        from newsroom.ui.wall import connect_worker

        self.plan = plan
        self.app = app
        self.instance = instance
        self.own = self._start_own_collector()
        self.quit_signals = QuitOnSignals(app)
        self.settings_dialog: SettingsDialog | None = None  # made the first time it is asked for
        self.wall = self._build_window()
        self.worker = self._make_worker()
        connect_worker(self.wall, self.worker)
        instance.retry_with(self.worker)
        self.briefing = self._start_briefing()
        self.live = False  # the first snapshot has been shown
        self.keepalive: QTimer | None = None  # WATCHDOG=1 to systemd while the event loop runs
        self.worker.snapshot_ready.connect(self._first_snapshot)

    @property
    def pipeline_here(self) -> bool:
        """The pipeline runs on a thread of this process (no shared store, no collector of its own)."""
        return self.plan.shared is None and self.own is None

    # --- building ----------------------------------------------------------------------------------

    def _start_own_collector(self) -> EmbeddedCollector | None:
        """The embedded wall's collector, a child process on the same data folder and config: started
        now, holding the lock, so that its imports and preload overlap Qt's start. None for a wall of
        a shared store and for the pipeline in the wall's process."""
        plan = self.plan
        if plan.shared is not None or in_process(plan.args):
            return None
        from newsroom.collector.embedded import EmbeddedCollector

        own = EmbeddedCollector(plan.paths, plan.args.basedir, plan.config_file, demo=plan.demo,
                                at=plan.args.at, log_level=getattr(plan.args, "log_level", None),
                                searches=bool(plan.loaded.config.searches))
        if self.instance.held:
            own.start()
        return own

    def _build_window(self) -> WallWindow:
        """The wall window on the config's display and wall settings; a second start brings it to the
        front, Ctrl+, or F2 opens the settings."""
        from newsroom.ui.wall import WallWindow

        config = self.plan.loaded.config
        wall = WallWindow(diagonal_in=float(config.get("display.screen_diagonal_in")),
                          distance_m=float(config.get("display.viewing_distance_m")),
                          tiles=int(config.get("wall.max_topics")),
                          privacy=bool(config.get("display.privacy")))
        wall.apply_wall_settings(config)  # privacy, crisis view, stale threshold
        self.instance.activate_requested.connect(wall.bring_forward)
        wall.settings_requested.connect(self._open_settings)
        return wall

    def _open_settings(self) -> None:
        """The settings dialog over the wall: one per wall, made the first time it is asked for."""
        from newsroom.ui.settings.dialog import open_from_wall

        plan = self.plan
        self.settings_dialog = open_from_wall(self.wall, self.worker, plan.paths, plan.settings_file,
                                              lang=plan.lang, existing=self.settings_dialog)

    def _make_worker(self) -> PipelineWorker | ReaderWorker:
        """What feeds the window: a reader of the shared store, a reader of the own collector's store
        (which follows settings that add searches), or the pipeline on a thread of this process."""
        plan = self.plan
        interval = float(plan.loaded.config.get("display.refresh_s"))
        if plan.shared is not None:
            from newsroom.ui.reader_worker import ReaderWorker

            worker = ReaderWorker(reader_opener(plan.shared, plan.loaded), config=plan.loaded.config,
                                  min_snapshot_interval_s=interval, data_dir=plan.paths.data_dir)
            log.info("the wall reads the store %s (no polling, no analysis here)", plan.shared)
            return worker
        own = self.own
        if own is not None:
            from newsroom.ui.reader_worker import ReaderWorker

            instance = self.instance
            reading = ReaderWorker(
                own_collector_opener(own, plan.loaded, held=lambda: instance.held,
                                     notices=plan.fallback_notices),
                config=plan.loaded.config, min_snapshot_interval_s=interval, data_dir=plan.paths.data_dir)
            log.info("the wall reads the store %s, written by its own collector (a child process)",
                     own.location)
            if not plan.args.demo:  # settings with searches applied: the configured collector takes over
                follow_settings(reading, own)
            return reading
        from newsroom.ui.worker import PipelineWorker

        # settings applied on a demo wall that started without a config: the configured wall takes over
        return PipelineWorker(self._build_pipeline, min_snapshot_interval_s=interval,
                              data_dir=plan.paths.data_dir,
                              rebuild=None if plan.args.demo else self._configured_pipeline)

    def _build_pipeline(self) -> Pipeline:
        """The pipeline of the wall that runs it on its own thread (``--in-process``)."""
        from newsroom.pipeline.factory import build_pipeline

        plan = self.plan
        # only here, holding the instance lock, may the demo replace its store (demo.sqlite3)
        if not self.instance.held:
            raise PermissionError(errno.EACCES, "the instance lock cannot be written",
                                  str(self.instance.lock_path))
        pipeline = build_pipeline(plan.paths, plan.config_file, demo=plan.demo, at=plan.args.at,
                                  store=plan.args.store)
        if plan.fallback_notices:
            pipeline.set_notices(plan.fallback_notices)
        return pipeline

    def _configured_pipeline(self, _config: Config) -> Pipeline:
        """The pipeline of the config, when settings were applied on a demo wall started without one."""
        from newsroom.pipeline.factory import build_pipeline

        plan = self.plan
        return build_pipeline(plan.paths, plan.config_file, demo=False, store=plan.args.store)

    def _start_briefing(self) -> BriefingService | StoreBriefing:
        """The key B's briefing: written through the pipeline's thread, or for a reading wall by
        ``newsroom briefing --store …`` (which sends no morning mail)."""
        plan = self.plan
        briefing: BriefingService | StoreBriefing
        if self.pipeline_here:
            from newsroom.ui.briefing_service import BriefingService

            briefing = BriefingService(self.worker, plan.loaded.config, plan.paths.data_dir, lang=plan.lang,
                                       parent=self.app)
        else:
            from newsroom.ui.briefing_process import StoreBriefing

            own = self.own
            briefing = StoreBriefing((lambda: own.location) if own is not None else str(plan.shared),
                                     plan.loaded.config, plan.paths.data_dir, lang=plan.lang,
                                     basedir=plan.args.basedir, config_file=plan.args.config, parent=self.app)
        self.wall.briefing_requested.connect(briefing.write_now)
        briefing.notice.connect(self.wall.show_notice)
        return briefing

    def _first_snapshot(self, _snapshot: object) -> None:
        """The first snapshot on the window: logged and told to systemd."""
        if not self.live:
            self.live = True
            log.info("wall shows live data")
            systemd.notify("STATUS=showing live data")

    # --- running -----------------------------------------------------------------------------------

    def run(self) -> int:
        """Show the window, start the worker, run Qt's event loop; then close it all and return the
        loop's exit code."""
        from newsroom.ui.app import ready_once_running, start_keepalive

        self._preload()
        self._show()
        self.keepalive = start_keepalive(self.app)
        ready_once_running("wall shown, loading data")
        self.worker.start()
        log.info("wall started (%s)", "demo" if self.plan.demo else "config")
        code = self.app.exec()
        self._close()
        return int(code)

    def _preload(self) -> None:
        """The pipeline in this process: what analysis loads on first use, loaded now (on the pipeline
        thread it froze the painting window), and frozen out of full garbage collections."""
        if self.pipeline_here:
            from newsroom.pipeline.preload import freeze_loaded, preload

            preload(demo=self.plan.demo)
            freeze_loaded()  # a full garbage collection of all that, on the pipeline thread, froze the wall

    def _show(self) -> None:
        """The window on its screen (``--screen``, else ``display.screen``), fullscreen or 1600×900
        ``--windowed``, with the kiosk's night dimming, rotation and drift."""
        from newsroom.ui.gc_policy import install as install_gc_policy

        plan, wall = self.plan, self.wall
        # start-up's objects out of full collections' walks (and the first snapshot's)
        install_gc_policy(wall)
        screens = self.app.screens()
        screen = plan.args.screen
        if screen is None:
            screen = int(plan.loaded.config.get("display.screen"))
        if 0 <= screen < len(screens):
            wall.setScreen(screens[screen])
            wall.move(screens[screen].geometry().topLeft())
        if plan.args.windowed:
            wall.resize(1600, 900)
            wall.show()
        else:
            wall.showFullScreen()
        wall.start_kiosk(**kiosk_settings(plan.loaded.config))

    def _close(self) -> None:
        """Tell systemd the wall stops and why; stop the watchdog's timer, the window, the briefing, the
        collector and the worker (one stuck in a poll ends the process); release the lock."""
        received = self.quit_signals.received
        reason = signal.Signals(received).name if received else "window closed"
        systemd.stopping(f"stopping ({reason})")
        if self.keepalive is not None:
            self.keepalive.stop()
        self.wall.stop()
        self.briefing.stop()
        # the collector first (SIGTERM: it ends its step, sends queued alerts, closes the store), the
        # reader meanwhile; both well within systemd's stop timeout (child.STOP_TIMEOUT_S, then a kill)
        stopping_child = self.own.stop_async() if self.own is not None else None
        if not self.worker.stop(STOP_TIMEOUT_MS):
            # the worker thread is stuck in a poll: Qt would abort when its QThread object is destroyed
            log.error("the pipeline did not stop within %d s (%s); ending the process",
                      STOP_TIMEOUT_MS // 1000, reason)
            self.instance.release()
            logging.shutdown()
            os._exit(1)
        if stopping_child is not None:
            stopping_child.join()
            log.info("collector stopped (%s)", reason)
        log.info("pipeline closed (%s)", reason)
        self.instance.release()
        self.quit_signals.uninstall()
