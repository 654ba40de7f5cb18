"""The collector's loop: stand by until this process holds the store's leadership, then build the
pipeline and poll on its schedule (ingest, store, retention, alerts) until asked to stop or the
leadership is lost. Plain Python: no Qt, no threads of its own (the poller's fetch threads and the
alert dispatcher's thread are the pipeline's).

Taking over from a collector that died continues its work: the pipeline is built only once the lock is
held, so topic ids continue above the store's high-water mark, the clusterer is rebuilt from the
stored mentions, the poller resumes from the stored source state, and the alert dispatcher reads the
store's delivery log before it tells any channel anything. Active alerts are handed to the dispatcher
once at the start: a channel the dead collector never reached hears of them now, one it did is not
told again.

Stopping (``request_stop``, from a SIGTERM/SIGINT handler) ends the current step, sends what the
dispatcher has queued, closes the store and gives the lock up.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from newsroom.collector.status import ACTIVE, CANNOT_LEAD, CANNOT_START, STANDING_BY, TOOK_OVER
from newsroom.pipeline.runner import Pipeline
from newsroom.pipeline.start_problem import BACKOFF_S, classify, retry_delay
from newsroom.sources.poller import Poller
from newsroom.store.leadership import Leadership

log = logging.getLogger("newsroom.collector")

#: how often a standby collector tries to take the lock (a take-over comes within this plus the build)
STANDBY_EVERY_S = 5.0
#: the pipeline's cadence when no fetch ends sooner (the wall's worker polls as often)
POLL_EVERY_S = 1.0


@dataclass(frozen=True, slots=True)
class Timing:
    """How often the collector tries, polls and rebuilds after a failed start."""

    standby_every_s: float = STANDBY_EVERY_S
    poll_every_s: float = POLL_EVERY_S
    build_retry_s: tuple[float, ...] = BACKOFF_S


class Collector:
    """One collector process's work on one store; ``run`` returns when it is asked to stop."""

    def __init__(self, leadership: Leadership, build: Callable[[], Pipeline], *, store_name: str,
                 timing: Timing = Timing(), say: Callable[[str], None] | None = None,
                 data_dir: Path | None = None,
                 between_polls: Callable[[Pipeline], None] | None = None) -> None:
        self.leadership = leadership
        self._build = build
        self.store_name = store_name
        self.timing = timing
        self._say = say or (lambda line: None)
        self._data_dir = data_dir
        #: called before every poll (e.g. a new configuration applied: ``ConfigWatch``)
        self._between_polls = between_polls
        self._stop = threading.Event()
        self._wake = threading.Event()
        #: poll cycles run so far (all terms of office together)
        self.polls = 0
        #: how many times this process became the active collector
        self.terms = 0
        #: True while the lock was taken after standing by (another collector worked before)
        self.took_over = False

    def request_stop(self) -> None:
        """End the loop after the current step (safe from a signal handler or another thread)."""
        self._stop.set()
        self._wake.set()

    @property
    def stopping(self) -> bool:
        """True once a stop was asked for."""
        return self._stop.is_set()

    def run(self) -> int:
        """Stand by, work while the lock is held, stand by again if it is lost; 0 once stopped."""
        stood_by = False
        failed_builds = 0
        problem = ""  # the last reason the lock could not be asked for, said once until it changes
        try:
            while not self._stop.is_set():
                pause = self.timing.standby_every_s
                taken = self._take()
                if isinstance(taken, str):  # not "another collector holds it": nobody could be asked
                    if taken != problem:
                        self._say(CANNOT_LEAD.format(store=self.store_name, why=taken, pause=pause))
                        problem = taken
                elif taken:
                    problem = ""
                    self.took_over = stood_by
                    if self._work():
                        failed_builds = 0
                        stood_by = True  # the lock was lost: whoever works next takes over
                    else:
                        failed_builds += 1
                        pause = retry_delay(failed_builds, self.timing.build_retry_s)
                        line = CANNOT_START.format(store=self.store_name, pause=pause)
                        self._say(line)
                        log.warning("%s (gave the leadership up meanwhile)", line)
                    self.leadership.release()
                elif not stood_by:
                    line = STANDING_BY.format(store=self.store_name)
                    self._say(line)
                    log.info("%s%s", line, f" ({who})" if (who := self.leadership.holder()) else "")
                    stood_by = True
                self._stop.wait(pause)
        finally:
            self.leadership.release()
        log.info("collector stopped")
        return 0

    def _take(self) -> bool | str:
        """True: this process leads now; False: another collector does; a text: why the lock could not
        be asked for at all (an unwritable folder, an unreachable server)."""
        try:
            return self.leadership.try_acquire()
        except Exception as exc:  # say it, try again
            log.warning("cannot take the leadership of %s (%s); trying again", self.store_name, exc)
            return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__

    def _work(self) -> bool:
        """Build the pipeline, say so, poll until stopped or the lock is lost; False when the pipeline
        could not be built. The status line comes once the store is ready: a demo's store is made anew
        by the build, so a wall waiting for the line never opens the old one."""
        try:
            pipeline = self._build()
        except Exception as exc:
            code, detail = classify(exc, self._data_dir)
            log.error("the pipeline cannot start (%s: %s)", code, detail or exc, exc_info=code == "other")
            return False
        self.terms += 1
        line = (TOOK_OVER if self.took_over else ACTIVE).format(store=self.store_name)
        self._say(line)
        log.info(line)
        try:
            self._resume_alerts(pipeline)
            if isinstance(pipeline.poller, Poller):  # a fetch that ends is taken in at once
                pipeline.poller.set_listener(self._wake.set)
            self._poll_until_done(pipeline)
        finally:
            if isinstance(pipeline.poller, Poller):
                pipeline.poller.set_listener(None)
            pipeline.close()  # the dispatcher sends what is queued, the store is checkpointed
            log.info("pipeline closed")
        return True

    def _poll_until_done(self, pipeline: Pipeline) -> None:
        failures = 0
        while not self._stop.is_set():
            if not self.leadership.check():
                log.error("lost the leadership of %s: stopping work, standing by", self.store_name)
                return
            self._wake.clear()
            started = time.monotonic()
            try:
                if self._between_polls is not None:
                    self._between_polls(pipeline)
                report = pipeline.poll_once()
                self.polls += 1
                failures = 0
                if report.new or report.errors:
                    log.info("poll: %d fetches ended, %d mentions, %d new, %d errors", report.results,
                             report.fetched, report.new, report.errors)
            except Exception:  # keep polling: the next cycle may work (a locked or full store)
                failures += 1
                if failures == 1:
                    log.exception("poll cycle failed")
                else:
                    log.warning("poll cycle failed again (%d in a row)", failures)
            rest = self.timing.poll_every_s - (time.monotonic() - started)
            if rest > 0:
                self._wake.wait(rest)

    @staticmethod
    def _resume_alerts(pipeline: Pipeline) -> None:
        """The store's active alerts go to the dispatcher once: its delivery log keeps every channel
        from hearing one twice, and a channel the last collector never reached hears it now."""
        notifier = pipeline.notifier
        if notifier is None:
            return
        active = pipeline.store.active_alerts()
        for alert in active:
            notifier.submit(alert)
        if active:
            log.info("%d active alerts handed to the dispatcher (each channel hears an alert once)",
                     len(active))
