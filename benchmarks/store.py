"""The store at scale: fill a temporary store in bulk with N mentions (and their per-minute counts) over
90 days, then time what the wall does with it: inserting new batches (``Store.add_mentions``: dedupe,
insert, counts), a topic merge, and building a snapshot (``SnapshotBuilder.build``: the store's counts
for 18 topics over 8 days, the wall's series, the newest mentions, alerts).

    python benchmarks/store.py                 # 1,000,000 rows
    python benchmarks/store.py --rows 10000000 # 10 million (a few GB of temporary disk, several minutes)
    python benchmarks/store.py --rows 1000000 --rows 10000000

Every size prints one block; the last line of each says the rows and the times.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsroom.analysis.topics import TopicState
from newsroom.domain import Mention, Polarity, Sentiment
from newsroom.pipeline.snapshot import SnapshotBuilder
from newsroom.store import Store

END = datetime(2026, 11, 24, 13, 0, tzinfo=UTC)
DAYS = 90
TOPICS = 5000
SEARCHES = ("Lindeveld", "Kanaalweg", "Stationsstraat")
WORDS = ("brug", "Kanaalweg", "dicht", "storm", "brandweer", "file", "markt", "bus", "parkeerzone",
         "schandalig", "chapeau", "omleiding", "bewoners", "stad", "schepen", "burgemeester")
_COLUMNS = ("id, source, url, canonical_url, author, title, text, published, lang, searches, "
            "sentiment_label, sentiment_score, sentiment_confidence, topic, engagement, duplicate_of, flags")


def fill(store: Store, rows: int, seed: int = 16) -> None:
    """``rows`` mentions over the last 90 days (busier lately), with their counts, in bulk."""
    rng = random.Random(seed)
    db = store._db
    start = int((END - timedelta(days=DAYS)).timestamp())
    span = int(END.timestamp()) - start
    chunk = 100_000
    began = time.perf_counter()
    for base in range(0, rows, chunk):
        batch = []
        counts: Counter[tuple[str, str, int]] = Counter()
        negs: Counter[tuple[str, str, int]] = Counter()
        for i in range(base, min(rows, base + chunk)):
            published = start + int(span * (rng.random() ** 0.5))
            topic = 1 + int(TOPICS * rng.random() ** 2)
            search = SEARCHES[i % 3]
            neg = rng.random() < 0.3
            dup = f"b:{i - 1}" if i and rng.random() < 0.1 else None
            text = " ".join(rng.choice(WORDS) for _ in range(12))
            batch.append((f"b:{i}", "rss", f"https://krant.example/{i}", f"https://krant.example/{i}", "",
                          "", text, published, "nl", search, "negative" if neg else "neutral",
                          -0.5 if neg else 0.0, 0.8, topic, 0, dup, ""))
            if dup is None:
                minute = published - published % 60
                for key in (("wall", "wall"), ("search", search), ("topic", str(topic))):
                    counts[(*key, minute)] += 1
                    negs[(*key, minute)] += neg
        db.execute("BEGIN")
        db.executemany(f"INSERT INTO mentions ({_COLUMNS}) VALUES ({','.join('?' * 17)})", batch)
        db.executemany("INSERT INTO counts (scope, key, minute, total, negative) VALUES (?, ?, ?, ?, ?) "
                       "ON CONFLICT(scope, key, minute) DO UPDATE SET total = total + excluded.total, "
                       "negative = negative + excluded.negative",
                       [(*k, v, negs[k]) for k, v in sorted(counts.items())])
        db.execute("COMMIT")
        done = min(rows, base + chunk)
        if done % (rows // 10 or 1) < chunk:
            print(f"  filled {done:,} mentions ({time.perf_counter() - began:.0f} s)", file=sys.stderr)
    db.execute("PRAGMA optimize")


def new_batch(first: int, n: int, at: datetime) -> list[Mention]:
    neg = Sentiment(Polarity.NEGATIVE, -0.5, 0.8)
    return [Mention(id=f"new:{first + i}", source="rss", text=f"nieuw bericht {first + i}",
                    published=at - timedelta(seconds=i % 600), url=f"https://nieuw.example/{first + i}",
                    canonical_url=f"https://nieuw.example/{first + i}", searches=(SEARCHES[i % 3],),
                    lang="nl", sentiment=neg if i % 3 == 0 else None, topic=1 + i % 50)
            for i in range(n)]


def run(rows: int, batches: int, snapshots: int) -> None:
    with tempfile.TemporaryDirectory(prefix="newsroom-store-bench-") as tmp:
        path = Path(tmp) / "store.sqlite3"
        store = Store.open(path)
        t = time.perf_counter()
        fill(store, rows)
        fill_s = time.perf_counter() - t
        size_mb = (path.stat().st_size + Path(f"{path}-wal").stat().st_size) / 1e6
        print(f"rows {rows:,}: filled in {fill_s:.0f} s, file {size_mb:,.0f} MB")

        t = time.perf_counter()
        for b in range(batches):
            store.add_mentions(new_batch(b * 1000, 1000, END - timedelta(minutes=b)))
        insert_s = time.perf_counter() - t
        rate = batches * 1000 / insert_s
        print(f"  insert: {batches} batches of 1,000 new mentions in {insert_s:.2f} s = {rate:,.0f} mentions/s")

        t = time.perf_counter()
        store.merge_topics(7, 8)
        print(f"  merge of topic 7 into 8: {time.perf_counter() - t:.3f} s")

        topics = [TopicState(id=tid, label=f"topic {tid}", terms=(), size=100, negative=30,
                             first_seen=END - timedelta(days=2), last_seen=END) for tid in range(1, 19)]
        builder = SnapshotBuilder(store, max_topics=6)
        times = []
        for _ in range(snapshots):
            t = time.perf_counter()
            builder.build(END, "Lindeveld", topics, [])
            times.append(time.perf_counter() - t)
        med = statistics.median(times)
        print(f"  snapshot build (18 topics, 8 days of counts, 30 newest): median {med * 1000:.0f} ms, "
              f"max {max(times) * 1000:.0f} ms over {snapshots}")
        store.close()
        print(f"RESULT rows={rows:,} insert={rate:,.0f}/s snapshot_median={med * 1000:.0f}ms "
              f"snapshot_max={max(times) * 1000:.0f}ms")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rows", type=int, action="append", help="mentions in the store (repeatable)")
    p.add_argument("--batches", type=int, default=20, help="batches of 1,000 new mentions to insert")
    p.add_argument("--snapshots", type=int, default=10, help="snapshot builds to time")
    args = p.parse_args()
    for rows in args.rows or [1_000_000]:
        run(rows, args.batches, args.snapshots)


if __name__ == "__main__":
    main()
