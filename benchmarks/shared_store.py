"""Several walls on one store while a collector imports (issue 17): ``newsroom import --store URL`` of N
generated mentions (benchmarks/crisis.py's crisis day of 12 hours, ending now: its topics are live and
its spike raises alerts) while three wall processes read the same store
(a ``SnapshotReader`` snapshot at most every 2 s, woken by ``Store.wait_change``: LISTEN/NOTIFY on
PostgreSQL, the counter read every 0.25 s on SQLite). One wall acknowledges an alert every few seconds;
the others say when they learnt of it.

    python benchmarks/shared_store.py                      # 1,000,000 mentions, SQLite then PostgreSQL
    python benchmarks/shared_store.py --mentions 100000
    python benchmarks/shared_store.py --store postgresql://user@host/empty_db   # a real server
    python benchmarks/shared_store.py --engines postgresql

Prints, per engine: mentions/s of the import (the target: PostgreSQL within 20 % of SQLite), the
p50/p95/max of a wall's snapshot build (target p95 < 100 ms), and the acknowledgement's propagation
(ack written by one wall -> another wall's wait_change woke and its next read saw it; -> shown in its
next snapshot). The throwaway server is the tests' (tests/pg_cluster.py, loaded by path: a Unix socket,
fsync off, quicker than a production server). Prints, never asserts. The load average is printed with
the figures (the 2 cores of the development machine are shared).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import select
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load(path: Path, name: str) -> ModuleType:
    """A module from a file (tests/pg_cluster.py and benchmarks/crisis.py are no packages)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


# --- one wall (a process of its own: ``--wall LOCATION``) ------------------------------------------

def run_wall(location: str, every_s: float) -> None:
    """Read the store like a reading wall until ``stop`` on stdin; ``ack`` acknowledges an alert.
    Prints ``BUILD ms cpu_ms``, ``ACK id|by t``, ``WOKE id|by t`` (a change woke the wall and its read
    saw the ack), ``SNAP id|by t`` (its snapshot shows it)."""
    from newsroom.pipeline.reader import SnapshotReader
    from newsroom.store import open_store

    reader = SnapshotReader(open_store(location), wall_name="Lindeveld")
    store = reader.store
    seen, last_build, dirty, acks = -1, 0.0, True, 0
    woke: set[str] = set()
    shown: set[str] = set()
    while True:
        if select.select([sys.stdin], [], [], 0)[0]:
            command = sys.stdin.readline().strip()
            if command in ("stop", ""):
                break
            if command == "ack":  # an unseen alert first, else one seen before, by someone new
                alerts = sorted(store.active_alerts(), key=lambda a: a.acknowledged_by is not None)
                if not alerts:
                    print("NOALERT", flush=True)
                else:
                    acks += 1
                    at = time.time()
                    reader.acknowledge(alerts[0].id, f"bench{acks}")
                    print(f"ACK {alerts[0].id}|bench{acks} {at:.6f}", flush=True)
        counter = store.wait_change(seen, 0.25)
        acked = False
        if counter != seen:
            seen, dirty = counter, True
            for alert in store.active_alerts():  # what the reader worker reads on a change
                key = f"{alert.id}|{alert.acknowledged_by}"
                if alert.acknowledged_by is not None and key not in woke:
                    woke.add(key)
                    acked = True
                    print(f"WOKE {key} {time.time():.6f}", flush=True)
        now = time.monotonic()
        # the reader worker's policy: an acknowledgement at once, anything else at most every every_s
        if acked or (now - last_build >= every_s and (dirty or now - last_build >= 10)):
            began, cpu = time.perf_counter(), time.process_time()
            snapshot = reader.snapshot()
            print(f"BUILD {(time.perf_counter() - began) * 1000:.2f} {(time.process_time() - cpu) * 1000:.2f}",
                  flush=True)
            last_build, dirty = now, False
            for alert in snapshot.alerts:
                key = f"{alert.id}|{alert.acknowledged_by}"
                if alert.acknowledged_by is not None and key not in shown:
                    shown.add(key)
                    print(f"SNAP {key} {time.time():.6f}", flush=True)
    reader.close()


# --- the run -------------------------------------------------------------------------------------

class Wall:
    """A wall process and what it said."""

    def __init__(self, location: str, every_s: float, env: dict[str, str]) -> None:
        self.process = subprocess.Popen([sys.executable, __file__, "--wall", location, "--every", str(every_s)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        self.lines: list[str] = []
        assert self.process.stdout is not None
        self._thread = threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True)
        self._thread.start()

    def _read(self, stream: IO[str]) -> None:
        for line in stream:
            self.lines.append(line.strip())

    def send(self, command: str) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()

    def stop(self) -> None:
        try:
            self.send("stop")
            self.process.wait(30)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait(10)
        self._thread.join(10)

    def said(self, word: str) -> list[list[str]]:
        return [line.split()[1:] for line in self.lines if line.startswith(word + " ")]


def quantiles(values: list[float]) -> str:
    if not values:
        return "none"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return (f"p50 {statistics.median(ordered):.0f} ms, p95 {p95:.0f} ms, max {ordered[-1]:.0f} ms "
            f"({len(ordered)})")


def store_size(location: str) -> int:
    """Bytes the store takes: the SQLite file and its WAL, or the PostgreSQL database (tables, indexes)."""
    if location.startswith(("postgresql://", "postgres://")):
        import psycopg

        with psycopg.connect(location, autocommit=True) as conn:
            row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
            return int(row[0]) if row else 0
    return sum(p.stat().st_size for p in Path(location).parent.glob(Path(location).name + "*") if p.is_file())


def run(name: str, location: str, data: Path, n: int, basedir: Path, args: argparse.Namespace) -> None:
    """Import ``data`` into ``location`` while three walls read it; print the figures."""
    from newsroom.store import open_store

    env = {**os.environ, "PYTHONPATH": str(ROOT), "CI": "1"}
    open_store(location).close()  # the schema exists before the walls open it
    walls = [Wall(location, args.every, env) for _ in range(args.walls)]
    time.sleep(2)  # the walls' imports
    load_before = os.getloadavg()[0]
    began = time.perf_counter()
    importer = subprocess.Popen([sys.executable, "-m", "newsroom", "import", str(data), "--basedir", str(basedir),
                                 "--store", location], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                text=True)
    next_ack = time.monotonic() + args.ack_every
    while importer.poll() is None:
        time.sleep(0.1)
        if time.monotonic() >= next_ack:
            walls[0].send("ack")
            next_ack += args.ack_every
    seconds = time.perf_counter() - began
    load_after = os.getloadavg()[0]
    err = importer.stderr.read() if importer.stderr else ""
    time.sleep(3)  # the last acknowledgement reaches the other walls
    during = len(walls[0].said("ACK"))
    for _ in range(5):  # and a few with the store at rest
        walls[0].send("ack")
        time.sleep(2.5)
    for wall in walls:
        wall.stop()
    if importer.returncode != 0:
        print(f"{name}: the import failed (exit {importer.returncode}): {err.strip()[-400:]}")
        return
    builds = [float(w[0]) for wall in walls for w in wall.said("BUILD")]
    build_cpu = [float(w[1]) for wall in walls for w in wall.said("BUILD")]
    told = walls[0].said("ACK")
    acks = {a[0]: float(a[1]) for a in told}
    busy = {a[0] for a in told[:during]}

    def delays(word: str, ids: set[str]) -> list[float]:
        return [(float(t) - acks[i]) * 1000 for wall in walls[1:] for i, t in wall.said(word) if i in ids]

    print(f"{name}: {n:,} mentions imported in {seconds:.0f} s = {n / seconds:,.0f} mentions/s "
          f"(with {len(walls)} walls reading; load average {load_before:.1f} -> {load_after:.1f})")
    print(f"  {err.strip().splitlines()[-1] if err.strip() else ''}")
    print(f"  a wall's snapshot build: {quantiles(builds)}; its CPU time {quantiles(build_cpu)}")
    print(f"  size of the store after the import: {store_size(location) / 1e6:,.0f} MB")
    idle = sum(1 for line in walls[0].lines if line == "NOALERT")
    print(f"  no alert to acknowledge yet {idle} times; {len(walls) - 1} other walls")
    for what, ids in (("during the import", busy), ("after it", set(acks) - busy)):
        print(f"  acknowledgement {what} ({len(ids)} acks): the other walls woken and read it "
              f"{quantiles(delays('WOKE', ids))}; shown in their snapshot {quantiles(delays('SNAP', ids))}",
              flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentions", type=int, default=1_000_000)
    parser.add_argument("--store", help="postgresql:// URL of an empty database (default: a throwaway server)")
    parser.add_argument("--engines", default="sqlite,postgresql", help="which engines, in this order")
    parser.add_argument("--walls", type=int, default=3)
    parser.add_argument("--every", type=float, default=2.0, help="a wall's refresh (s)")
    parser.add_argument("--ack-every", type=float, default=5.0, help="seconds between acknowledgements")
    parser.add_argument("--wall", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.wall:
        run_wall(args.wall, args.every)
        return
    crisis = load(ROOT / "benchmarks" / "crisis.py", "newsroom_bench_crisis")
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    with tempfile.TemporaryDirectory(prefix="newsroom-shared-") as tmp:
        data = Path(tmp) / "crisis.jsonl"
        t = time.perf_counter()
        # the crisis day ends now: its topics are live and its spike raises alerts the walls show
        crisis.START = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=crisis.HOURS)
        crisis.write_day(data, args.mentions)
        print(f"generated {args.mentions:,} mentions ({data.stat().st_size / 1e6:,.0f} MB) in "
              f"{time.perf_counter() - t:.0f} s; {os.cpu_count()} cores, load average "
              f"{os.getloadavg()[0]:.1f}", flush=True)
        for engine in engines:
            base = Path(tmp) / engine
            if engine == "sqlite":
                run("sqlite", str(base / "newsroom.sqlite3"), data, args.mentions, base, args)
            elif args.store:
                run("postgresql", args.store, data, args.mentions, base, args)
            else:
                pg = load(ROOT / "tests" / "pg_cluster.py", "newsroom_bench_pg_cluster")
                with pg.throwaway_database("--store") as url:
                    run("postgresql (throwaway server, Unix socket, fsync off)", url, data, args.mentions,
                        base, args)


if __name__ == "__main__":
    main()
