"""The collector's kill test: two ``newsroom collector`` processes on one store (SQLite, and
PostgreSQL where tests/pg_cluster.py is), fed an RSS feed by a local server. The first works (polls, stores, raises an alert and tells the webhook), the second
stands by; the active one is killed with SIGKILL, the second takes over within 30 s and polls the feed,
which has grown meanwhile. No mention is stored twice, the alert carries on under the same id and the
webhook never hears the same alert state twice. A search added to the config file meanwhile reaches
the running collector. Also: SIGTERM ends a collector cleanly (exit 0, the
store closed and its lock free) and the collector never imports Qt."""

from __future__ import annotations

import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import IO, Any
from xml.sax.saxutils import escape

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from tests.processes import query, wait_until

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ("[wall]\nname = 'Lindeveld'\n[[searches]]\nname = 'Lindeveld'\nquery = 'Lindeveld'\n"
          "sources = ['rss']\n[sources.rss]\nfeeds = ['{feed}']\n[alerts]\nmin_severity = 1\n"
          "[alerts.webhook]\nformat = 'generic'\n")
STORIES = (("markt", "kraampjes", "zaterdag", "groenten", "bezoekers"),
           ("fietspad", "aanleg", "Stationsstraat", "werken", "omleiding"),
           ("bibliotheek", "voorleesuur", "kinderen", "boeken", "woensdag"))
FLOOD = ("kelder", "water", "Kanaalweg", "pompen", "brandweer", "overstroming", "riolering", "straat", "huis",
         "buren")
ANGER = ("schandalig", "woedend", "een schande", "rampzalig", "boos", "niemand helpt", "verschrikkelijk",
         "belachelijk")


def item(guid: str, text: str, at: datetime) -> str:
    return (f"<item><guid>https://nieuws.example/{guid}</guid><link>https://nieuws.example/{guid}</link>"
            f"<title>{escape(text)}</title><description>{escape(text)} ({guid})</description>"
            f"<pubDate>{format_datetime(at)}</pubDate></item>")


def calm(i: int) -> str:
    return f"Lindeveld {' '.join(random.Random(i).sample(STORIES[i % 3], 4))} {i}"


def angry(i: int) -> str:
    rng = random.Random(-i)
    return f"Lindeveld {rng.choice(ANGER)}: {' '.join(rng.sample(FLOOD, 4))}, {rng.choice(ANGER)} {i}"


def feed_items(now: datetime, *, grown: bool) -> list[str]:
    """A calm day, then an angry flood in the last 20 minutes; ``grown``: 30 more posts since."""
    items = [item(f"calm{i}", calm(i), now - timedelta(minutes=m))
             for i, m in enumerate(range(24 * 60, 25, -15))]
    items += [item(f"flood{i}", angry(i), now - timedelta(seconds=1200 - 4 * i)) for i in range(300)]
    if grown:
        items += [item(f"later{i}", calm(1000 + i), now + timedelta(seconds=i)) for i in range(30)]
    return items


def rss(items: list[str]) -> str:
    return ("<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Lindeveld</title>"
            f"<link>https://nieuws.example/</link><description>nieuws</description>{''.join(items)}"
            "</channel></rss>")


class Lines:
    """A process's stderr, read on a thread: every line kept, waited for with a deadline."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self.lines: list[str] = []
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()

    def close(self) -> None:
        """After the process ended: the rest read, the pipe closed."""
        self._thread.join(10)
        self._stream.close()

    def wait_for(self, text: str, timeout_s: float) -> float:
        """Seconds until a line containing ``text`` was there; fails after ``timeout_s``."""
        start = time.monotonic()
        with self._changed:
            while not any(text in line for line in self.lines):
                left = timeout_s - (time.monotonic() - start)
                assert left > 0, f"no line with {text!r} within {timeout_s} s: {self.lines}"
                self._changed.wait(left)
        return time.monotonic() - start


#: ``newsroom collector`` run by ``cli.main``, saying at the end whether Qt was imported on the way
DRIVER = """
import sys
from newsroom.cli import main
code = main(sys.argv[1:])
print("qt imported" if any(m.startswith("PySide6") for m in sys.modules) else "no qt", flush=True)
sys.exit(code)
"""


def collector(base: Path, env: dict[str, str], store: Path | str) -> subprocess.Popen[str]:
    """``newsroom collector`` on ``base`` (its config there), trying every 0.5 s while it stands by; on
    a PostgreSQL ``store`` with ``--store``."""
    where = ["--store", store] if isinstance(store, str) else []
    return subprocess.Popen([sys.executable, "-c", DRIVER, "collector", "--basedir", str(base), "--config",
                             str(base / "config.toml"), "--standby-every", "0.5", *where],
                            env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.fixture(params=["sqlite", "postgresql"])
def town(request: pytest.FixtureRequest, httpserver: HTTPServer, tmp_path: Path) -> dict[str, Any]:
    """The feed (``grow()`` adds posts), the webhook's messages, the config and the environment."""
    now = datetime.now(UTC).replace(microsecond=0)
    state: dict[str, Any] = {"grown": False, "posts": [], "feed_hits": 0}

    def feed(_request: Request) -> Response:
        state["feed_hits"] += 1
        return Response(rss(feed_items(now, grown=state["grown"])), content_type="application/rss+xml")

    def hook(request: Request) -> Response:
        state["posts"].append(json.loads(request.data))
        return Response("ok")

    httpserver.expect_request("/feed.xml").respond_with_handler(feed)
    httpserver.expect_request("/hooks/wall", method="POST").respond_with_handler(hook)
    (tmp_path / "config.toml").write_text(CONFIG.format(feed=httpserver.url_for("/feed.xml")),
                                          encoding="utf-8")
    state["env"] = {**os.environ, "PYTHONPATH": str(ROOT),
                    "NEWSROOM_SECRET_ALERTS_WEBHOOK_URL": httpserver.url_for("/hooks/wall")}
    state["db"] = tmp_path / "data" / "newsroom.sqlite3"
    if request.param == "postgresql":
        try:  # tests/pg_cluster.py's fresh database (it skips where no server binary exists)
            state["db"] = str(request.getfixturevalue("pg_url"))
        except pytest.FixtureLookupError:
            pytest.skip("tests/pg_cluster.py (the throwaway PostgreSQL server) is not in this checkout")
    state["grow"] = lambda: state.update(grown=True)
    return state


def test_a_standby_takes_over_within_30_s_and_repeats_nothing(tmp_path: Path, town: dict[str, Any]) -> None:
    db: Path | str = town["db"]
    notify = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)  # what systemd would hear (Type=notify)
    notify.bind(str(tmp_path / "notify.sock"))
    notify.settimeout(30)
    env = {**town["env"], "NOTIFY_SOCKET": str(tmp_path / "notify.sock")}
    processes = [collector(tmp_path, env, db) for _ in range(2)]
    readers = [Lines(p.stderr) for p in processes if p.stderr is not None]
    try:
        for r in readers:  # one works, the other stands by
            r.wait_for(f"{db}", 60)
        active = next(i for i, r in enumerate(readers) if any("collector active on" in x for x in r.lines))
        first, second = processes[active], processes[1 - active]
        second_err = readers[1 - active]
        assert any(f"standing by: another collector holds {db}" in x for x in second_err.lines)
        heard = sorted(notify.recv(4096).decode() for _ in range(2))
        assert heard == [f"READY=1\nSTATUS=collector active on {db}",
                         f"READY=1\nSTATUS=standing by: another collector holds {db}"]
        # the active one polls, stores the feed and tells the webhook about the flood
        wait_until(lambda: bool(query(db, "SELECT 1 FROM deliveries WHERE outcome = 'sent'")),
                   "an alert delivered by the active collector", 60)
        told_before = list(town["posts"])
        assert told_before and told_before[0]["state"] == "raised"
        stored_before = {r[0]: r[1:] for r in query(db, "SELECT id, topic, sentiment_label FROM mentions")}
        assert len(stored_before) == len(feed_items(datetime.now(UTC), grown=False))
        assert first.poll() is None and second.poll() is None
        # a search added to the config file (as a wall's settings dialog saves it) reaches the active one
        config = tmp_path / "config.toml"
        config.write_text(config.read_text(encoding="utf-8").replace(
            "[sources.rss]", "[[searches]]\nname = 'Kanaalweg'\nquery = 'Kanaalweg'\nsources = ['rss']\n"
                             "[sources.rss]"), encoding="utf-8")
        log_file = tmp_path / "logs" / "newsroom.log"
        wait_until(lambda: "the changed config file is applied (0 settings, searches +1 -0 ~0)"
                   in log_file.read_text(encoding="utf-8"), "the new search applied", 30)
        town["grow"]()
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        killed = time.monotonic()
        took = second_err.wait_for(f"collector active on {db} (took over)", 30)
        wait_until(lambda: query(db, "SELECT COUNT(*) FROM mentions")[0][0] == len(stored_before) + 30,
                   "the grown feed stored by the new collector", 30)
        print(f"take-over: at work again (lock taken, pipeline rebuilt from the store) {took:.2f} s after the kill; "
              f"the grown feed stored (pipeline rebuilt, polled) {time.monotonic() - killed:.2f} s after it")
        assert time.monotonic() - killed < 30
        # no mention twice (by id or address), nothing stored before changed its topic or sentiment
        rows = query(db, "SELECT id, canonical_url, topic, sentiment_label FROM mentions")
        assert len({r[0] for r in rows}) == len({r[1] for r in rows}) == len(rows) == len(stored_before) + 30
        after = {r[0]: (r[2], r[3]) for r in rows}
        assert {mid: after[mid] for mid in stored_before} == stored_before
        # the alert carries on under the same id; nothing told before the kill is told again
        alert_id = told_before[0]["id"]
        record = json.loads(query(db, f"SELECT record FROM alerts WHERE id = '{alert_id}'")[0][0])
        assert record["state"] in ("raised", "ongoing")
        # SIGTERM: the current step ends, the store is closed, exit 0; Qt was never imported
        second.send_signal(signal.SIGTERM)
        assert second.wait(30) == 0, second_err.lines
        assert second.stdout is not None and second.stdout.read().strip() == "no qt"
        said: dict[str, list[int]] = {}
        for post in town["posts"]:
            said.setdefault(post["id"], []).append(post["severity"])
        for severities in said.values():  # each message to a channel more severe than the one before
            assert severities == sorted(set(severities)), town["posts"]
        outcomes = [r[0] for r in query(db, "SELECT outcome FROM deliveries")]
        assert set(outcomes) <= {"sent", "sending"} and outcomes.count("sent") <= len(town["posts"])
    finally:
        for p in processes:
            if p.poll() is None:
                p.kill()
            p.wait(10)
            if p.stdout is not None:
                p.stdout.close()
        for r in readers:
            r.close()
        notify.close()
    # the store was closed (its WAL checkpointed away) and the lock is free for the next collector
    if isinstance(db, Path):
        assert not Path(f"{db}-wal").exists() or Path(f"{db}-wal").stat().st_size == 0
    from newsroom.store.leadership import Leadership

    lock = Leadership(db)
    assert lock.try_acquire()
    lock.release()
    log = (tmp_path / "logs" / "newsroom.log").read_text(encoding="utf-8")
    assert "SIGTERM received" in log and "pipeline closed" in log and "collector stopped" in log

