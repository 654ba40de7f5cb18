"""Start, stop and restart of the real wall: subprocesses of ``python -m newsroom --demo --windowed``.

Each wall reports to a real unix datagram socket as systemd's ``$NOTIFY_SOCKET`` would receive it.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.processes import ended

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and unix sockets")

ROOT = Path(__file__).resolve().parents[1]
WAIT_S = 90.0


class NotifySocket:
    """A unix datagram socket standing in for systemd's notify socket; a thread keeps reading it."""

    def __init__(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="nw-")  # short: unix socket paths are limited to ~100 bytes
        self.path = os.path.join(self.folder, "notify")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.sock.settimeout(0.1)
        self.messages: list[str] = []
        self._seen = threading.Condition()
        self._open = True
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while self._open:
            try:
                message = self.sock.recv(4096).decode()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._seen:
                self.messages.append(message)
                self._seen.notify_all()

    def count(self, state: str) -> int:
        """How many datagrams so far hold ``state``."""
        with self._seen:
            return sum(state in message.split("\n") for message in self.messages)

    def wait_for(self, state: str, times: int = 1, timeout_s: float = WAIT_S) -> None:
        """Wait until ``times`` datagrams have held ``state``."""
        with self._seen:
            if not self._seen.wait_for(lambda: sum(state in m.split("\n") for m in self.messages) >= times,
                                       timeout_s):
                raise AssertionError(f"no {state} within {timeout_s} s; got {self.messages[-5:]}")

    def close(self) -> None:
        self._open = False
        self._reader.join()
        self.sock.close()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def notify() -> Iterator[NotifySocket]:
    sock = NotifySocket()
    yield sock
    sock.close()


def wall_env(notify: NotifySocket) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", NOTIFY_SOCKET=notify.path, WATCHDOG_USEC="200000",
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])))
    env.pop("WATCHDOG_PID", None)
    return env


def start_wall(basedir: Path, notify: NotifySocket, *, demo: bool = True) -> subprocess.Popen[str]:
    args = [sys.executable, "-m", "newsroom", *(["--demo"] if demo else []), "--windowed", "--basedir", str(basedir)]
    return subprocess.Popen(args, env=wall_env(notify), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def log_text(basedir: Path) -> str:
    log = basedir / "logs" / "newsroom.log"
    return log.read_text(encoding="utf-8") if log.exists() else ""


def wait_for_log(basedir: Path, line: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + WAIT_S
    while line not in log_text(basedir):
        if process.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"{line!r} not logged; exit {process.poll()}:\n{log_text(basedir)}")
        time.sleep(0.1)


def stop(process: subprocess.Popen[str], signum: int) -> tuple[int, str]:
    process.send_signal(signum)
    try:
        _, err = process.communicate(timeout=WAIT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        _, err = process.communicate()
        raise
    return process.returncode, err


def test_sigterm_closes_the_pipeline_and_a_second_start_brings_the_wall_forward(
        tmp_path: Path, notify: NotifySocket) -> None:
    basedir = tmp_path / "wall"
    first = start_wall(basedir, notify)
    try:
        notify.wait_for("READY=1")
        notify.wait_for("WATCHDOG=1", times=3)  # the keep-alive repeats (every 0.1 s here)
        wait_for_log(basedir, "wall shows live data", first)

        second = subprocess.run(
            [sys.executable, "-m", "newsroom", "--demo", "--windowed", "--basedir", str(basedir)],
            env=wall_env(notify), capture_output=True, text=True, timeout=WAIT_S, check=False)
        assert second.returncode == 0, second.stderr
        assert second.stdout.strip().endswith("is already running; brought it to the front")
        assert len(second.stdout.strip().splitlines()) == 1
        wait_for_log(basedir, "wall brought to the front", first)
        assert first.poll() is None  # the second start left the first one running

        code, err = stop(first, signal.SIGTERM)
    finally:
        ended(first)
    assert code == 0, err
    notify.wait_for("STOPPING=1")
    log = log_text(basedir)
    assert "received SIGTERM: stopping the wall" in log
    assert "pipeline closed (SIGTERM)" in log
    data = basedir / "data"
    # the store was closed: its WAL is checkpointed into the file and gone; the lock is released
    assert (data / "demo.sqlite3").stat().st_size > 0
    assert not (data / "demo.sqlite3-wal").exists() or (data / "demo.sqlite3-wal").stat().st_size == 0
    assert not (data / "wall.lock").exists()


def test_a_killed_wall_does_not_block_the_next_start_and_sigint_stops_it(
        tmp_path: Path, notify: NotifySocket) -> None:
    # a wall on a config of its own (no sources: quick to start) and its real store
    basedir = tmp_path / "wall"
    (basedir / "config").mkdir(parents=True)
    (basedir / "config" / "config.toml").write_text("[wall]\nlanguage = \"nl\"\n", encoding="utf-8")
    killed = start_wall(basedir, notify, demo=False)
    try:
        notify.wait_for("READY=1")
    finally:
        ended(killed)
    assert (basedir / "data" / "wall.lock").exists()  # left behind, as after a crash or power cut

    again = start_wall(basedir, notify, demo=False)
    try:
        notify.wait_for("READY=1", times=2)
        wait_for_log(basedir, "wall shows live data", again)
        code, err = stop(again, signal.SIGINT)
    finally:
        ended(again)
    assert code == 0, err
    assert "already running" not in err
    log = log_text(basedir)
    assert "wall started (config)" in log
    assert "pipeline closed (SIGINT)" in log
    store = basedir / "data" / "newsroom.sqlite3"
    assert store.exists()
    assert not Path(f"{store}-wal").exists() or Path(f"{store}-wal").stat().st_size == 0
