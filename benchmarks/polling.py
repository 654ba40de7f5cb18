"""N feed sources on a local server, one of them slow: does polling hold up the pipeline thread?

Runs the real PipelineWorker (its own QThread) over a real store. While the slow feed keeps its
request open, the script asks for an acknowledgement every 100 ms and prints:

- the time from the pipeline's start until every fast source's mentions are stored and shown (a
  snapshot carries them),
- the worst wait of an acknowledgement (asked -> recorded and in the next snapshot),
- the worst gap between two snapshots (the worker polls every 200 ms),
- how long ``stop()`` took with the slow request still in flight.

``--inline`` fetches on the pipeline thread instead, as the poller did before it had fetch threads.
The analysis is warmed up (language model, alert history) before polling starts, so that the figures
are about polling; ``--cold`` leaves that to the first poll, as on a wall that has just started.

    python benchmarks/polling.py [--sources 8] [--slow-s 5] [--items 20] [--inline] [--cold]
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication

from newsroom.analysis.language import detect_language
from newsroom.config import Config
from newsroom.domain import AlertScope, AlertState, Search, SpikeAlert, WallSnapshot
from newsroom.pipeline.runner import Pipeline
from newsroom.sources.fetcher import THREAD_PREFIX
from newsroom.sources.http import make_client
from newsroom.sources.poller import Poller
from newsroom.sources.rss import RssSource
from newsroom.store import Store
from newsroom.ui.worker import PipelineWorker

WORDS = ["brug", "Kanaalweg", "storm", "stroompanne", "lichtjesstoet", "parkeerzone", "bus", "zwembad"]


def feed(i: int, items: int) -> bytes:
    now = datetime.now(UTC)
    entries = []
    for k in range(items):
        when = (now - timedelta(minutes=k)).strftime("%a, %d %b %Y %H:%M:%S +0000")
        text = f"Lindeveld: {WORDS[(i + k) % len(WORDS)]} bericht {k} van bron {i}"
        entries.append(f"<item><title>{escape(text)}</title><link>https://bron{i}.example/{k}</link>"
                       f"<guid>bron{i}-{k}</guid><pubDate>{when}</pubDate>"
                       f"<description>{escape(text)} met wat uitleg.</description></item>")
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bron {i}</title>'
            f'{"".join(entries)}</channel></rss>').encode()


class Server:
    """A threaded local server: /feed/I answers at once, /slow after ``slow_s`` (or when closed)."""

    def __init__(self, sources: int, items: int, slow_s: float) -> None:
        self.release = threading.Event()
        self.busy = threading.Semaphore(0)
        bodies = {f"/feed/{i}": feed(i, items) for i in range(sources)}
        release, busy = self.release, self.busy

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                if self.path == "/slow":
                    busy.release()
                    release.wait(slow_s)
                    busy.acquire()
                    body = bodies["/feed/0"]
                else:
                    body = bodies.get(self.path, b"")
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def slow_busy(self) -> bool:
        """True while the slow feed is answering a request."""
        if self.busy.acquire(blocking=False):
            self.busy.release()
            return True
        return False

    def close(self) -> None:
        self.release.set()
        self.httpd.shutdown()
        self.httpd.server_close()


ALERT_ID = "alert:bench"


def build(folder: Path, server: Server, sources: int, inline: bool) -> Pipeline:
    client = make_client(timeout_s=60.0)
    feeds = []
    for i in range(sources):
        url = f"{server.base}/slow" if i == 0 else f"{server.base}/feed/{i}"
        src = RssSource(client, [url])
        src.name, src.title = f"bron{i}", f"Bron {i}"
        if inline:
            src.needs_network = False  # type: ignore[attr-defined]
        feeds.append(src)
    store = Store.open(folder / "bench.sqlite3")
    now = datetime.now(UTC)
    store.save_alert(SpikeAlert(id=ALERT_ID, scope=AlertScope.WALL, key="wall", title="Test",
                                state=AlertState.RAISED, severity=3, started=now - timedelta(minutes=5),
                                updated=now, window_min=30, observed=40, expected=3.0, spread=2.0,
                                score=0.97, weekday=now.weekday(), hour=now.hour))
    search = Search("Lindeveld", "Lindeveld")
    return Pipeline(Config(), store, Poller(feeds, [search], store), searches=(search,))


def warm_up(pipeline: Pipeline) -> float:
    """Load what the first analysis loads (language model, alert history): seconds it took."""
    began = time.perf_counter()
    detect_language("Lindeveld: de brug aan de Kanaalweg blijft dicht", ())
    pipeline.ingest([])
    return time.perf_counter() - began


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--sources", type=int, default=8)
    ap.add_argument("--slow-s", type=float, default=5.0, help="how long the slow feed takes to answer")
    ap.add_argument("--items", type=int, default=20, help="items per feed")
    ap.add_argument("--inline", action="store_true", help="fetch on the pipeline thread (the old way)")
    ap.add_argument("--cold", action="store_true",
                    help="no analysis warm-up before polling: the first batch also loads the models")
    args = ap.parse_args()
    _app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    server = Server(args.sources, args.items, args.slow_s)
    snapshots: list[tuple[float, WallSnapshot]] = []
    fast = {f"bron{i}" for i in range(1, args.sources)}
    built: list[float] = []
    warm: list[float] = []

    def make(folder: Path) -> Pipeline:
        pipeline = build(folder, server, args.sources, args.inline)
        if not args.cold:
            warm.append(warm_up(pipeline))
        built.append(time.perf_counter())
        return pipeline

    with tempfile.TemporaryDirectory() as tmp:
        worker = PipelineWorker(lambda: make(Path(tmp)), poll_ms=200, min_snapshot_interval_s=0.0)
        worker.snapshot_ready.connect(lambda s: snapshots.append((time.perf_counter(), s)))
        began = time.perf_counter()
        worker.start()
        while not built and time.perf_counter() - began < 120:
            time.sleep(0.01)
        if not built:
            print("the pipeline was not built within 120 s")
            return 1
        ready = built[0]
        fast_at: float | None = None
        asked: dict[str, float] = {}
        waits: list[tuple[float, float]] = []  # (asked at, waited)

        def scan() -> None:
            nonlocal fast_at
            for at, snap in list(snapshots):
                if fast_at is None and all(h.last_success for h in snap.health if h.source in fast):
                    fast_at = at
                for alert in snap.alerts:
                    by = alert.acknowledged_by
                    if by in asked:
                        sent = asked.pop(by)
                        waits.append((sent, at - sent))

        n = 0
        while time.perf_counter() - ready < 0.9 * args.slow_s:
            n += 1
            asked[f"wall{n}"] = time.perf_counter()
            worker.acknowledge(ALERT_ID, f"wall{n}")
            time.sleep(0.1)
            scan()
        slow_busy = server.slow_busy()
        unanswered = len(asked)
        t = time.perf_counter()
        stopped = worker.stop()
        stop_s = time.perf_counter() - t
        scan()  # acknowledgements recorded after all, before the thread ended
        server.close()
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(snapshots)]
    after = [w for sent, w in waits if fast_at is not None and sent >= fast_at]
    mode = "inline (the old way)" if args.inline else "fetch threads"
    print(f"{args.sources} sources, 1 answers after {args.slow_s:.0f} s, {args.items} items each, {mode}; "
          f"pipeline built in {ready - began:.2f} s"
          + (f" (of which {warm[0]:.2f} s analysis warm-up: language model, alert history)" if warm else
             " (cold: the first poll loads the models)"))
    print("fast sources stored and shown, from the pipeline's start: "
          + (f"{fast_at - ready:.3f} s" if fast_at is not None else "not while the slow one was answering"))
    print(f"acknowledgements asked every 0.1 s while the slow one answers: {n}; {unanswered} still waiting "
          f"when stop() was asked; worst wait {max((w for _, w in waits), default=float('nan')):.3f} s, "
          f"after the first batch was analysed {max(after, default=float('nan')):.3f} s")
    print(f"snapshots: {len(snapshots)}, worst gap {max(gaps, default=float('nan')):.3f} s (polled every 0.2 s)")
    print(f"stop() with the slow request {'in flight' if slow_busy else 'done'}: {stop_s:.3f} s, "
          f"thread ended: {stopped}; fetch threads left: "
          f"{sum(t.name.startswith(THREAD_PREFIX) for t in threading.enumerate())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
