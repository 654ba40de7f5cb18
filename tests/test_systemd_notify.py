"""sd_notify against a real unix datagram socket: a path socket and an abstract one ('@name')."""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsroom import systemd

pytestmark = pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="unix sockets only")


@pytest.fixture
def listener(tmp_path: Path) -> Iterator[tuple[socket.socket, str]]:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    path = str(tmp_path / "notify.sock")
    sock.bind(path)
    sock.settimeout(5)
    yield sock, path
    sock.close()


def test_states_arrive_as_one_datagram(listener: tuple[socket.socket, str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    sock, path = listener
    monkeypatch.setenv("NOTIFY_SOCKET", path)
    assert systemd.ready("wall shown")
    assert sock.recv(4096) == b"READY=1\nSTATUS=wall shown"
    assert systemd.watchdog()
    assert sock.recv(4096) == b"WATCHDOG=1"
    assert systemd.stopping()
    assert sock.recv(4096) == b"STOPPING=1"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="abstract sockets are Linux-only")
def test_an_abstract_socket_name_starting_with_at_is_used() -> None:
    name = f"newsroom-test-{os.getpid()}"
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
        sock.bind("\0" + name)
        sock.settimeout(5)
        assert systemd.notify("READY=1", env={"NOTIFY_SOCKET": "@" + name})
        assert sock.recv(4096) == b"READY=1"


def test_without_systemd_nothing_is_sent_and_nothing_fails(monkeypatch: pytest.MonkeyPatch,
                                                           tmp_path: Path) -> None:
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    assert not systemd.ready()
    assert not systemd.watchdog()
    # a socket that went away: a warning in the log, no exception
    assert not systemd.notify("READY=1", env={"NOTIFY_SOCKET": str(tmp_path / "gone.sock")})
    assert not systemd.notify("READY=1", env={"NOTIFY_SOCKET": "relative/path"})


def test_watchdog_interval_is_half_of_watchdog_usec_for_this_process() -> None:
    pid = str(os.getpid())
    assert systemd.watchdog_interval_s({"WATCHDOG_USEC": "30000000"}) == 15.0
    assert systemd.watchdog_interval_s({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": pid}) == 15.0
    assert systemd.watchdog_interval_s({"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": "1"}) is None
    assert systemd.watchdog_interval_s({}) is None
    assert systemd.watchdog_interval_s({"WATCHDOG_USEC": "soon"}) is None
    assert systemd.watchdog_interval_s({"WATCHDOG_USEC": "0"}) is None
