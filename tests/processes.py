"""Waiting for what another thread or process does, reading what it stored, whether a process still lives
(Linux: /proc), and ending one."""

from __future__ import annotations

import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def wait_until(check: Callable[[], bool], what: str, timeout_s: float = 60) -> None:
    """Return once ``check()`` is true; fail, naming ``what``, when it is not after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while not check():
        assert time.monotonic() < deadline, f"{what} did not happen within {timeout_s} s"
        time.sleep(0.05)


def alive(pid: int) -> bool:
    """True while the process runs (False once it is gone, or a zombie nobody reaped yet)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def ended(process: subprocess.Popen[Any]) -> None:
    """A test's ``finally``: ``process`` killed if it still runs, waited for, its pipes read and closed
    (the child never outlives the test; a second call, or one after ``communicate``, changes nothing)."""
    if process.poll() is None:
        process.kill()
    process.communicate()


def query(store: Path | str, sql: str) -> list[tuple[Any, ...]]:
    """Rows of a read-only query of a store another process may be writing (a file, or a PostgreSQL URL);
    [] before the store exists or has its tables."""
    if isinstance(store, str):
        import psycopg

        try:
            with psycopg.connect(store, autocommit=True) as pg:
                return list(pg.execute(sql).fetchall())
        except psycopg.Error:
            return []  # not migrated yet
    if not store.exists():
        return []
    db = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=5)
    try:
        return db.execute(sql).fetchall()
    except sqlite3.Error:
        return []  # not migrated yet
    finally:
        db.close()
