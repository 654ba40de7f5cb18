"""The instance lock of a data folder and its local socket, in one process (two processes: test_wall_lifecycle)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSysInfo
from PySide6.QtNetwork import QLocalSocket
from pytestqt.qtbot import QtBot

from newsroom.ui.single_instance import SingleInstance, server_name


def test_one_holder_per_folder_and_the_lock_is_free_again_after_release(qtbot: QtBot, tmp_path: Path) -> None:
    first = SingleInstance(tmp_path / "a" / "data")
    second = SingleInstance(tmp_path / "a" / "data")
    other = SingleInstance(tmp_path / "b" / "data")
    try:
        assert first.acquire() and first.held
        assert not second.acquire() and not second.held
        assert second.holder_pid() > 0
        assert other.acquire()  # another folder, another wall
        first.release()
        assert not (tmp_path / "a" / "data" / "wall.lock").exists()
        assert second.acquire()
    finally:
        for instance in (first, second, other):
            instance.release()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/exe")
def test_a_lock_naming_a_live_process_that_holds_nothing_is_taken_over(qtbot: QtBot, tmp_path: Path) -> None:
    # as after a crash when the process id now belongs to another program of the same name (here: us)
    data = tmp_path / "data"
    data.mkdir()
    exe = Path(os.readlink("/proc/self/exe")).name
    (data / "wall.lock").write_text(f"{os.getpid()}\n{exe}\n{QSysInfo.machineHostName()}\n", encoding="utf-8")
    instance = SingleInstance(data)
    try:
        assert instance.acquire()
        assert instance.holder_pid() == os.getpid()
    finally:
        instance.release()


def test_the_socket_name_is_stable_per_folder_and_differs_between_folders(tmp_path: Path) -> None:
    a = server_name(tmp_path / "a")
    assert a == server_name(tmp_path / "x" / ".." / "a")
    assert a != server_name(tmp_path / "b")
    assert a.startswith("newsroom-wall-") and len(a) < 40  # fits every platform's socket path limit


def test_only_an_activate_request_brings_the_wall_forward(qtbot: QtBot, tmp_path: Path) -> None:
    instance = SingleInstance(tmp_path / "data")
    assert instance.acquire()
    asked: list[bool] = []
    instance.activate_requested.connect(lambda: asked.append(True))
    try:
        for request, expected in ((b"shutdown\n", []), (b"activ", [True])):
            client = QLocalSocket()
            client.connectToServer(instance.name)
            qtbot.waitUntil(lambda c=client: c.state() == QLocalSocket.LocalSocketState.ConnectedState)
            client.write(request)
            client.flush()
            if request == b"activ":  # a request split over two packets
                qtbot.wait(50)
                client.write(b"ate\n")
                client.flush()
                qtbot.waitUntil(lambda c=client: c.bytesAvailable() > 0 or c.waitForReadyRead(10))
                assert bytes(client.readAll().data()) == b"ok\n"
            else:
                qtbot.waitUntil(lambda c=client: c.state() == QLocalSocket.LocalSocketState.UnconnectedState)
            assert asked == expected
            client.abort()
    finally:
        instance.release()


def test_bring_forward_shows_a_minimised_wall_and_keeps_fullscreen(qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    from newsroom.ui.wall import WallWindow

    wall = WallWindow()
    qtbot.addWidget(wall)
    wall.showFullScreen()
    wall.showMinimized()
    assert wall.isMinimized()
    wall.bring_forward()
    assert wall.isVisible() and not wall.isMinimized()
    assert wall.windowState() & Qt.WindowState.WindowFullScreen
    wall.stop()
