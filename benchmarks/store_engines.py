"""The store on both engines, side by side: ``Store.add_mentions`` in batches of 1,000 (dedupe, insert,
per-minute counts) and the wall's reads (18 topics' counts over 8 days, the wall's series, the newest 30
mentions, the active alerts), on a temporary SQLite file and on PostgreSQL.

    python benchmarks/store_engines.py                       # 100,000 mentions; a throwaway server
    python benchmarks/store_engines.py --mentions 1000000
    python benchmarks/store_engines.py --store postgresql://user@host/empty_db   # a real server

The throwaway server is the tests' (tests/pg_cluster.py: a Unix socket, fsync off — quicker than a
production server; give ``--store`` for figures of a real one). The last line per engine says
mentions/s and the p50/p95 of one wall read.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsroom.domain import Mention, Polarity, Sentiment
from newsroom.store import Store, open_store

END = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)
SEARCHES = ("Lindeveld", "Kanaalweg", "Stationsstraat")
BATCH = 1000


def mentions(first: int, n: int) -> list[Mention]:
    """``n`` mentions over the last 12 hours (a crisis day), 300 topics, 30 % negative."""
    neg = Sentiment(Polarity.NEGATIVE, -0.5, 0.8)
    neutral = Sentiment(Polarity.NEUTRAL, 0.0, 0.8)
    return [Mention(id=f"m:{i}", source="rss", text=f"bericht {i} over de brug aan de Kanaalweg",
                    url=f"https://krant.example/{i}", canonical_url=f"https://krant.example/{i}",
                    published=END - timedelta(seconds=(i * 7919) % 43200), lang="nl",
                    searches=(SEARCHES[i % 3],), sentiment=neg if i % 10 < 3 else neutral,
                    topic=1 + (i * 31) % 300) for i in range(first, first + n)]


def wall_read(store: Store) -> None:
    since = END - timedelta(days=8)
    for topic in range(1, 19):
        store.counts("topic", str(topic), since, END, step_s=3600)
    store.counts("wall", "wall", END - timedelta(hours=24), END)
    store.latest_mentions(30)
    store.active_alerts()


def run(name: str, location: str | Path, total: int) -> None:
    with open_store(location) as store:
        began = time.perf_counter()
        for first in range(0, total, BATCH):
            store.add_mentions(mentions(first, min(BATCH, total - first)))
        took = time.perf_counter() - began
        reads = []
        for _ in range(30):
            t = time.perf_counter()
            wall_read(store)
            reads.append((time.perf_counter() - t) * 1000)
        reads.sort()
        p95 = reads[int(len(reads) * 0.95) - 1]
        print(f"{name}: {total:,} mentions in {took:.1f} s = {total / took:,.0f} mentions/s; one wall read "
              f"p50 {statistics.median(reads):.1f} ms, p95 {p95:.1f} ms", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mentions", type=int, default=100_000)
    parser.add_argument("--store", help="postgresql:// URL of an empty database (default: a throwaway server)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run("sqlite", Path(tmp) / "s.sqlite3", args.mentions)
    if args.store:
        run("postgresql", args.store, args.mentions)
        return
    from tests.pg_cluster import throwaway_database

    with throwaway_database("--store") as url:
        run("postgresql (throwaway server, fsync off)", url, args.mentions)


if __name__ == "__main__":
    main()
