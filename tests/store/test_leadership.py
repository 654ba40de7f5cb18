"""The leadership lock: one holder per store, freed by release or by the holder's death (also kill -9);
the PostgreSQL advisory lock on the test cluster when it is there."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from newsroom.store.leadership import Leadership, is_postgres, lock_key, sqlite_path
from tests.processes import ended


@pytest.fixture
def pg(request: pytest.FixtureRequest) -> str:
    """A fresh PostgreSQL database: tests/pg_cluster.py's ``pg_url`` (which skips where no server
    binary exists), once this checkout has it."""
    try:
        return str(request.getfixturevalue("pg_url"))
    except pytest.FixtureLookupError:
        pytest.skip("tests/pg_cluster.py (the throwaway PostgreSQL server) is not in this checkout")


ROOT = Path(__file__).resolve().parents[2]
HOLD = """
import sys
from newsroom.store.leadership import Leadership
lock = Leadership(sys.argv[1])
print("held" if lock.try_acquire() else "refused", flush=True)
sys.stdin.readline()
"""


def test_one_holder_at_a_time_until_released(tmp_path: Path) -> None:
    store = tmp_path / "data" / "newsroom.sqlite3"
    first, second = Leadership(store), Leadership(f"sqlite://{store}")
    assert first.try_acquire() and first.held and first.try_acquire()  # taking it again: still ours
    assert not second.try_acquire() and not second.held
    assert first.lock_path == second.lock_path == store.with_name("newsroom.sqlite3.lock")
    assert first.holder() == f"process {os.getpid()}"
    first.release()
    assert not first.held and second.try_acquire()
    second.release()
    second.release()  # twice: no error


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_a_killed_holder_frees_the_lock_at_once(tmp_path: Path) -> None:
    store = tmp_path / "newsroom.sqlite3"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(store)], env=env, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        mine = Leadership(store)
        assert not mine.try_acquire()
        assert mine.holder() == f"process {holder.pid}"
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
        assert mine.try_acquire()
        mine.release()
    finally:
        ended(holder)


def test_an_unwritable_folder_is_an_error_not_a_refusal(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    with pytest.raises(FileExistsError):
        Leadership(blocker / "newsroom.sqlite3").try_acquire()


def test_locations_and_keys() -> None:
    assert is_postgres("postgresql://wall@db/newsroom") and is_postgres("postgres://db/newsroom")
    assert not is_postgres("sqlite:///srv/newsroom.sqlite3") and not is_postgres(Path("/x/postgresql://"))
    assert sqlite_path("sqlite:///srv/newsroom.sqlite3") == Path("/srv/newsroom.sqlite3")
    assert Leadership("postgresql://db/newsroom").lock_path is None
    assert Leadership(Path("/srv/a.sqlite3"), name="briefing").lock_path == Path("/srv/a.sqlite3.briefing.lock")
    key = lock_key("collector")
    assert key == lock_key("collector") != lock_key("briefing")
    assert -(2**63) <= key < 2**63


def test_postgresql_advisory_lock(pg: str) -> None:
    first, second = Leadership(pg), Leadership(pg)
    assert first.try_acquire() and first.check()
    assert not second.try_acquire()
    first.release()
    assert second.try_acquire() and second.check()
    # the session that holds the lock ends (the server drops it): the holder notices and lets go
    import psycopg

    with psycopg.connect(pg, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                      "WHERE application_name = 'newsroom collector leadership'")
    assert not second.check() and not second.held
    assert first.try_acquire()
    first.release()
