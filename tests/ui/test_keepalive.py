"""The systemd keep-alive runs on the GUI thread: while that thread is blocked, no WATCHDOG=1 leaves."""

from __future__ import annotations

import socket
import sys
import tempfile
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QObject
from pytestqt.qtbot import QtBot

from newsroom.ui.app import start_keepalive

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="unix sockets")


def _drain(sock: socket.socket) -> list[bytes]:
    got = []
    while True:
        try:
            got.append(sock.recv(4096))
        except BlockingIOError:
            return got


def test_a_blocked_gui_thread_sends_no_keepalive(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    with tempfile.TemporaryDirectory(prefix="nw-") as folder, \
            socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        path = str(Path(folder) / "notify")
        sock.bind(path)
        sock.setblocking(False)
        monkeypatch.setenv("NOTIFY_SOCKET", path)
        monkeypatch.setenv("WATCHDOG_USEC", "100000")  # every 50 ms
        monkeypatch.delenv("WATCHDOG_PID", raising=False)
        owner = QObject()
        timer = start_keepalive(owner)
        assert timer is not None and timer.interval() == 50
        received: list[bytes] = []

        def three_arrived() -> bool:
            received.extend(_drain(sock))
            return len(received) >= 3

        qtbot.waitUntil(three_arrived)
        assert set(received) == {b"WATCHDOG=1"}

        time.sleep(0.4)  # the GUI thread hangs: eight intervals pass without the event loop
        assert _drain(sock) == []
        qtbot.waitUntil(lambda: bool(_drain(sock)))  # and it resumes with the loop
        timer.stop()

        monkeypatch.delenv("WATCHDOG_USEC")
        assert start_keepalive(owner) is None  # no WatchdogSec: no timer
