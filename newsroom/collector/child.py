"""The wall's own collector: ``newsroom collector`` started as a child process on the wall's data
folder, restarted with a growing pause when it dies, stopped when the wall ends. Plain Python, no Qt.

- The same program: ``python -m newsroom collector`` from a Python install, the bundle's own binary
  (``newsroom-wall collector``) when frozen by PyInstaller.
- The child's standard input is a pipe from the wall and ``--until-stdin-closes`` makes it stop when
  that pipe closes: a wall that is killed (even with SIGKILL) takes its collector with it.
- Its stderr is read on a thread: the status line (``collector active on …``) tells the wall that the
  store is being written (``wait_active``); the last lines are kept to say why it died.
- ``stop``: SIGTERM (the collector finishes its step, sends queued alerts, closes the store), wait,
  then kill.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from newsroom.collector.status import ACTIVE
from newsroom.pipeline.start_problem import BACKOFF_S, retry_delay

log = logging.getLogger("newsroom.collector.child")

#: how long ``stop`` waits after SIGTERM before it kills (the wall's own stop allows 45 s in all)
STOP_TIMEOUT_S = 30.0
#: a child that ran this long before it died starts its back-off again from the first pause
STABLE_AFTER_S = 120.0
#: environment the child must not inherit: systemd watches the wall's process, not the collector's
_NOT_INHERITED = ("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID")
_ACTIVE_MARK = ACTIVE.split("{", 1)[0]  # "collector active on "


def program() -> list[str]:
    """How to start this same program: the bundle's console binary ``newsroom`` (the wall runs as
    ``newsroom-wall``, which has no standard streams on Windows; same code), else the binary itself, or
    this Python with ``-m newsroom``."""
    if getattr(sys, "frozen", False):
        exe = Path(sys.executable)
        console = exe.with_name("newsroom" + exe.suffix)
        return [str(console if console.is_file() else exe)]
    return [sys.executable, "-m", "newsroom"]


def collector_argv(*, basedir: str | Path | None, config: str | Path | None, demo: bool,
                   at: str | None = None, store: str | None = None, log_level: str | None = None
                   ) -> list[str]:
    """The command line of the wall's collector (``newsroom collector …``) for the wall's options."""
    argv = [*program(), "collector", "--until-stdin-closes"]
    if basedir is not None:
        argv += ["--basedir", str(basedir)]
    if config is not None:
        argv += ["--config", str(config)]
    if store:
        argv += ["--store", store]
    if log_level:
        argv += ["--log-level", log_level]
    if demo:
        argv.append("--demo")
        if at:
            argv += ["--at", at]
    return argv


def wall_collector(*, basedir: str | Path | None, config: str | Path | None, demo: bool,
                   at: str | None = None, store: str | None = None, log_level: str | None = None,
                   env: Mapping[str, str] | None = None,
                   backoff_s: Sequence[float] = BACKOFF_S) -> ChildCollector:
    """The collector of an embedded wall (``newsroom``, ``newsroom --demo``), not started yet: the
    wall's own options; a demo one started again after it died continues its store."""
    return ChildCollector(collector_argv(basedir=basedir, config=config, demo=demo, at=at, store=store,
                                         log_level=log_level),
                          env=env, backoff_s=backoff_s, resume_flag="--resume" if demo else None)


class ChildCollector:
    """One child collector process at a time, kept running until ``stop``."""

    def __init__(self, argv: Sequence[str], *, env: Mapping[str, str] | None = None,
                 backoff_s: Sequence[float] = BACKOFF_S, stop_timeout_s: float = STOP_TIMEOUT_S,
                 resume_flag: str | None = None) -> None:
        self.argv = list(argv)
        base = dict(os.environ if env is None else env)
        self.env = {k: v for k, v in base.items() if k not in _NOT_INHERITED}
        self.backoff_s = tuple(backoff_s)
        self.stop_timeout_s = stop_timeout_s
        #: added to the command line of every start after the first (the demo continues its store)
        self.resume_flag = resume_flag
        #: starts after the first (the child died and was started again)
        self.restarts = 0
        #: the last lines the current child wrote on stderr
        self.last_lines: deque[str] = deque(maxlen=20)
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._active = threading.Event()
        self._supervisor: threading.Thread | None = None

    @property
    def pid(self) -> int | None:
        """The current child's process id (None before the first start or after stop)."""
        with self._lock:
            return self._process.pid if self._process is not None else None

    def start(self) -> None:
        """Start the child and the thread that restarts it when it dies (idempotent)."""
        if self._supervisor is not None:
            return
        self._stopping.clear()
        self._supervisor = threading.Thread(target=self._supervise, name="collector-child", daemon=True)
        self._supervisor.start()

    def wait_active(self, timeout_s: float) -> bool:
        """True once the current child said it works on the store (not while it stands by)."""
        return self._active.wait(timeout_s)

    def stop(self, timeout_s: float | None = None) -> int | None:
        """SIGTERM to the child, wait up to ``timeout_s`` (default ``stop_timeout_s``), then kill;
        returns its exit code (None when it never ran). No restart follows."""
        self._stopping.set()
        with self._lock:
            process = self._process
        code = None
        if process is not None:
            code = _terminate(process, self.stop_timeout_s if timeout_s is None else timeout_s)
        if self._supervisor is not None:
            self._supervisor.join(10)
            self._supervisor = None
        with self._lock:
            self._process = None
        return code

    # --- the supervising thread ---------------------------------------------------------------------

    def _supervise(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            argv = self.argv + ([self.resume_flag] if self.restarts and self.resume_flag else [])
            started = time.monotonic()
            try:
                process = self._spawn(argv)
            except OSError as exc:
                code: int | str = f"could not start: {exc}"
            else:
                self._read_stderr(process)  # until the child closes it (it ended)
                code = process.wait()
                self._close_pipes(process)
            self._active.clear()
            if self._stopping.is_set():
                return
            failures = 1 if time.monotonic() - started >= STABLE_AFTER_S else failures + 1
            pause = retry_delay(failures, self.backoff_s)
            last = "; ".join(list(self.last_lines)[-3:])
            log.warning("the collector ended (%s)%s; starting it again in %.3g s", code,
                        f": {last}" if last else "", pause)
            if self._stopping.wait(pause):
                return
            self.restarts += 1

    def _spawn(self, argv: list[str]) -> subprocess.Popen[bytes]:
        with self._lock:
            if self._stopping.is_set():
                raise OSError("the wall is stopping")
            self.last_lines.clear()
            self._process = subprocess.Popen(argv, env=self.env, stdin=subprocess.PIPE,
                                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                             **_own_group())
            log.info("collector started (process %d)", self._process.pid)
            return self._process

    def _read_stderr(self, process: subprocess.Popen[bytes]) -> None:
        assert process.stderr is not None
        for raw in process.stderr:
            line = raw.decode("utf-8", "replace").rstrip()
            self.last_lines.append(line)
            if _ACTIVE_MARK in line:
                self._active.set()
            log.debug("collector said: %s", line)

    @staticmethod
    def _close_pipes(process: subprocess.Popen[bytes]) -> None:
        for pipe in (process.stdin, process.stderr):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()


if sys.platform == "win32":
    def _own_group() -> dict[str, Any]:
        # no console window for the console binary started by the windowless wall
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW}

    _STOP_SIGNAL = signal.CTRL_BREAK_EVENT  # reaches a process group of its own as SIGBREAK
else:
    def _own_group() -> dict[str, Any]:
        """Its own session: Ctrl+C in the wall's terminal reaches the wall, which then stops it."""
        return {"start_new_session": True}

    _STOP_SIGNAL = signal.SIGTERM


def _terminate(process: subprocess.Popen[bytes], timeout_s: float) -> int:
    """SIGTERM, wait, kill; the exit code."""
    if process.poll() is None:
        with contextlib.suppress(OSError):
            process.send_signal(_STOP_SIGNAL)
        try:
            return process.wait(timeout_s)
        except subprocess.TimeoutExpired:
            log.error("the collector did not stop within %.0f s of SIGTERM; killing it", timeout_s)
            process.kill()
    return process.wait()
