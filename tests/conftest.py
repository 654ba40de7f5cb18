"""Shared test set-up: Qt offscreen, the user's real folders and keyring kept out of every test."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import keyring
import pytest
from pytest_httpserver import HTTPServer

from tests.memory_keyring import MemoryKeyring

if TYPE_CHECKING:  # the pure tests run without Qt: nothing of newsroom.ui is imported here
    from newsroom.ui.reader_worker import ReaderWorker

pytest_plugins = ["tests.pg_cluster"]  # pg_cluster, pg_url: a throwaway PostgreSQL server (issue 17)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory,
                        monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point HOME and the XDG folders at a temporary tree so no test touches real user files."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (("XDG_CONFIG_HOME", ".config"), ("XDG_DATA_HOME", ".local/share"),
                     ("XDG_CACHE_HOME", ".cache"), ("XDG_STATE_HOME", ".local/state")):
        monkeypatch.setenv(var, str(home / sub))
    return home


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses Qt fixtures as ``gui``."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qapp" in fixtures:
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    """A local server that answers requests concurrently (the default fixture answers one at a time)."""
    s = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    s.start()
    yield s
    s.clear()
    if s.is_running():
        s.stop()


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """The keyring for this test: in memory, empty at the start, the previous backend back after."""
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    try:
        yield ring
    finally:
        keyring.set_keyring(before)


@pytest.fixture
def workers() -> Iterator[list[ReaderWorker]]:
    """The reader workers a test starts (the test appends them): each must stop at the test's end."""
    made: list[ReaderWorker] = []
    yield made
    for worker in made:
        assert worker.stop()


@pytest.fixture(autouse=True)
def _widgets_live_until_teardown(request: pytest.FixtureRequest) -> Iterator[None]:
    """Keep every widget a test gives to ``qtbot.addWidget`` alive until the test's teardown.

    pytest-qt holds them weakly and processes events once more after the test returns. A window that
    only reference cycles (signal connections to its own methods) still keep alive is then freed by
    Python's cycle collector at whatever allocation comes next — possibly inside one of its own paint
    events, which destroys the window being painted and crashes Qt. Kept here, it is freed below, at
    a moment when nothing paints.
    """
    if "qtbot" not in request.fixturenames:
        yield
        return
    qtbot = request.getfixturevalue("qtbot")
    kept: list[Any] = []
    add_widget = qtbot.addWidget

    def add_and_keep(widget: Any, *args: Any, **kwargs: Any) -> Any:
        kept.append(widget)
        return add_widget(widget, *args, **kwargs)

    qtbot.addWidget = add_and_keep
    yield
    for widget in kept:
        widget.close()
    kept.clear()
    gc.collect()
