"""The pipeline thread: builds the pipeline there, polls on a timer, emits a snapshot when something changed
(throttled; at least every IDLE_REFRESH_S, since parts of the wall move with the clock).

Polling never waits for the network (the poller's requests run on fetch threads), so an
acknowledgement or a snapshot waits at most for one analysis step, and ``stop`` ends the thread
promptly: requests still in flight are left to end on their own and their results are dropped.
A pipeline that cannot be built (an unwritable data folder, a store of a newer version) is tried again
on the worker thread after a growing pause (5 s, 10 s, … 5 min): each failure is emitted as a
``StartProblem`` for the wall's full-screen notice, a later success as ``started``.
Qt must never destroy a running QThread (that aborts the process): a worker whose thread is running
is kept referenced (newsroom.ui.thread_keeper) until it has stopped, and one still running at
interpreter exit is stopped then. The thread, the start and its retries, jobs and the stop are
newsroom.ui.thread_worker's, shared with the reader's worker.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Signal, Slot

from newsroom.config import Config, ConfigDiff, config_diff
from newsroom.domain import WallSnapshot
from newsroom.pipeline.runner import Pipeline
from newsroom.pipeline.start_problem import BACKOFF_S
from newsroom.sources.poller import Poller
from newsroom.ui.thread_worker import ThreadWorker

log = logging.getLogger("newsroom.ui.worker")

#: a snapshot is built at least this often when nothing arrived: the sparklines' window, the last hour's
#: count and the age of the newest data move with the clock
IDLE_REFRESH_S = 60.0


class PipelineWorker(ThreadWorker[Pipeline]):
    """Lives on its own QThread; never touches a widget. Only frozen snapshots leave it."""

    log = log
    thread_name = "newsroom-worker"
    kind = "pipeline"
    target_name = "pipeline"
    open_verb = ("start", "started")
    _wake = Signal()

    def __init__(self, build: Callable[[], Pipeline], *, poll_ms: int = 1000,
                 min_snapshot_interval_s: float = 2.0, retry_delays_s: Sequence[float] = BACKOFF_S,
                 data_dir: Path | None = None,
                 rebuild: Callable[[Config], Pipeline] | None = None,
                 idle_refresh_s: float = IDLE_REFRESH_S) -> None:
        super().__init__(min_snapshot_interval_s=min_snapshot_interval_s, idle_refresh_s=idle_refresh_s,
                         retry_delays_s=retry_delays_s, data_dir=data_dir)
        self._build = build
        self._rebuild = rebuild
        self._poll_ms = poll_ms
        #: poll cycles run so far (read by tests from the GUI thread)
        self.polls = 0
        self._woken = threading.Event()
        self._wake.connect(self._poll)

    def _open(self) -> Pipeline:
        return self._build()

    def _begin(self, target: Pipeline) -> None:
        if isinstance(target.poller, Poller):  # a fetch that ends is taken in at once
            target.poller.set_listener(self._fetch_ended)
        self._run_steps(self._poll, self._poll_ms)
        self._poll()

    def _log_start_failed(self, exc: Exception, code: str, delay: float) -> None:
        if self.failed_starts == 1:
            log.exception("could not start the pipeline (%s); trying again in %.0f s", code, delay)
        else:
            super()._log_start_failed(exc, code, delay)

    def _fetch_ended(self) -> None:
        """Called on a fetch thread: one queued poll for any number of fetches that end meanwhile."""
        if not self._woken.is_set():
            self._woken.set()
            self._wake.emit()

    @Slot()
    def _poll(self) -> None:
        self._woken.clear()
        pipeline = self._target
        if pipeline is None:
            return
        try:
            report = pipeline.poll_once()
            self.polls += 1
            # a fetch that ended changed the sources' health even when it brought nothing new
            self._dirty = self._dirty or report.results > 0 or report.new > 0 or report.errors > 0
            now = time.monotonic()
            if self._snapshot_due(now):
                snapshot: WallSnapshot = pipeline.snapshot()
                self._last_emit = now
                self._dirty = False
                self.snapshot_ready.emit(snapshot)
        except Exception as exc:  # keep polling: the next cycle may work
            log.exception("poll cycle failed")
            self.error.emit(str(exc))

    @Slot(str, str)
    def _acknowledge(self, alert_id: str, by: str) -> None:
        if self._target is not None:
            self._target.acknowledge(alert_id, by)
            self._refresh_at_once()
            self._poll()

    @Slot(object)
    def _apply_config(self, config: Config) -> None:
        """Run on ``config`` from now on, without a restart: ``Pipeline.reconfigure`` (new searches poll,
        removed ones and their topics go, thresholds at once). A demo wall given a configuration with
        searches is rebuilt on it (``rebuild``). Then ``config_applied(config, diff)`` is emitted and a
        fresh snapshot follows at once."""
        pipeline = self._target
        if pipeline is None:  # not running: the next start reads the saved file
            return
        try:
            old_poller = pipeline.poller
            if pipeline.demo and self._rebuild is not None and config.searches:
                diff: ConfigDiff = config_diff(pipeline.config, config)
                built = self._rebuild(config)  # first: should it fail, the demo goes on
                self._target = None
                pipeline.close()
                pipeline = self._target = built
                log.info("the demo made way for the configured wall")
            else:
                diff = pipeline.reconfigure(config)
            if pipeline.poller is not old_poller:
                if isinstance(old_poller, Poller):
                    old_poller.set_listener(None)
                if isinstance(pipeline.poller, Poller):
                    pipeline.poller.set_listener(self._fetch_ended)
            self._min_interval = float(config.get("display.refresh_s"))
            self.config_applied.emit(config, diff)
        except Exception as exc:
            log.exception("applying the new settings failed")
            self.error.emit(f"the new settings could not be applied: {exc}")
            return
        self._refresh_at_once()
        self._poll()
