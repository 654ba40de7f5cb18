"""The embedded wall's own collector (``newsroom``, ``newsroom --demo``): which child collector runs, and
which store the wall's reader opens. Plain Python, no Qt.

The wall holds the data folder's instance lock, then starts ``newsroom collector`` as a child
(``newsroom.collector.child``) on the same data folder and config: the demo's own store with the demo, the
data folder's store with a config. The wall's reader opens that store once the child says it works on it
(``open_location``, on the reader's thread); a child that does not within START_WAIT_S is a start problem
on the wall, tried again with the wall's back-off while the child keeps being restarted.

A config without searches has no collector (it would refuse to run): the wall reads the data folder's
store, and a child starts once settings with searches are applied. So does a demo wall that started
without a config (``switch_to_config``: its demo child is stopped, the configured one started, and the
reader reopens on the data folder's store).
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

from newsroom.collector.child import ChildCollector, wall_collector
from newsroom.paths import AppPaths
from newsroom.pipeline.start_problem import StartFailed

log = logging.getLogger("newsroom.collector.embedded")

#: how long the reader waits for the child to say it works on the store before the start notice shows
START_WAIT_S = 20.0
#: the store file of the demo's collector, in the data folder (newsroom.pipeline.factory.DEMO_STORE)
DEMO_STORE = "demo.sqlite3"
_SLICE_S = 0.25


class EmbeddedCollector:
    """The child collector of one wall (none while its config has no searches)."""

    def __init__(self, paths: AppPaths, basedir: str | Path | None, config_file: Path | None, *, demo: bool,
                 at: str | None = None, log_level: str | None = None, searches: bool = True,
                 start_wait_s: float = START_WAIT_S) -> None:
        self.paths = paths
        self.basedir = Path(basedir).expanduser().resolve() if basedir else None
        self.config_file = config_file
        self.demo = demo
        self.at = at
        self.log_level = log_level
        self.start_wait_s = start_wait_s
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.child: ChildCollector | None = self._make() if demo or searches else None

    def _make(self) -> ChildCollector:
        config = self.config_file.resolve() if self.config_file else None
        return wall_collector(basedir=self.basedir, config=config, demo=self.demo,
                              at=self.at if self.demo else None, log_level=self.log_level)

    @property
    def location(self) -> Path:
        """The store the child writes and the wall reads."""
        return self.paths.data_dir / DEMO_STORE if self.demo else self.paths.store_file

    def start(self) -> None:
        """Start the child (idempotent; none without searches)."""
        with self._lock:
            child = self.child
        if child is not None and not self._stopping.is_set():
            child.start()

    def open_location(self) -> Path:
        """Start the child if needed and wait until it works on the store; the store's location. A child
        that does not within ``start_wait_s`` raises StartFailed (the wall's start notice)."""
        self.start()
        with self._lock:
            child = self.child
        if child is None:
            return self.location
        deadline = time.monotonic() + self.start_wait_s
        while not child.wait_active(_SLICE_S):
            if self._stopping.is_set():
                raise StartFailed("other", "the wall is stopping")
            if time.monotonic() >= deadline:
                last = next((line for line in reversed(child.last_lines) if line.strip()), "")
                last = last.removeprefix("newsroom: ")
                if "error:" in last or "config" in last:
                    raise StartFailed("config", last)
                raise StartFailed("other", f"the collector did not start within {self.start_wait_s:.0f} s"
                                           + (f" ({last})" if last else ""))
        return self.location

    def switch_to_config(self) -> bool:
        """Settings with searches were applied: a demo (or no) collector gives way to one on the config and
        the data folder's store. True when the reader must reopen (blocks while the old child stops)."""
        with self._lock:
            if self._stopping.is_set() or (self.child is not None and not self.demo):
                return False
            old, self.demo = self.child, False
            self.child = self._make()
        if old is not None:
            log.info("settings applied: the demo's collector gives way to the configured one")
            old.stop()
        self.start()
        return True

    def stop_async(self) -> threading.Thread:
        """SIGTERM the child now and wait for it on a thread (the wall's worker stops meanwhile)."""
        self._stopping.set()
        with self._lock:
            child = self.child
        thread = threading.Thread(target=child.stop if child is not None else (lambda: None),
                                  name="collector-stop", daemon=True)
        thread.start()
        return thread
