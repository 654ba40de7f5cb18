"""Store housekeeping and restart costs: the per-insert count cleanup against a big counts table (the
old full-table DELETE beside the touched-keys one), a restart's 24-hour replay (and a quiet week's,
with the posts the stories pass keeps), and the v2 -> v3 upgrade (backup plus one-off VACUUM) of a
store of N mentions.

    python benchmarks/store_restart.py [--n 50000]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsroom.config import Config
from newsroom.domain import Mention, Polarity, Search, Sentiment
from newsroom.pipeline.runner import Pipeline
from newsroom.sources.poller import Poller
from newsroom.store import Store
from newsroom.store.schema import MIGRATIONS

WORDS = ["storm", "daken", "bomen", "brandweer", "kelder", "water", "wegenwerken", "Stationsstraat", "file",
         "omleiding", "brug", "Kanaalweg", "afgesloten", "kerstmarkt", "parkeerzone", "bus", "halte"]
SEARCH = Search("Lindeveld", "Lindeveld", ("rss",), ("nl",))


def mentions(n: int, end: datetime, rng: random.Random) -> list[Mention]:
    neg = Sentiment(Polarity.NEGATIVE, -0.6, 0.9)
    neu = Sentiment(Polarity.NEUTRAL, 0.0, 0.9)
    return [Mention(id=f"b:{i}", source="rss", text=" ".join(rng.sample(WORDS, 6)), lang="nl",
                    published=end - timedelta(seconds=int(86_000 * (n - i) / n)), searches=("Lindeveld",),
                    author=f"a{i}", sentiment=neg if i % 5 == 0 else neu, topic=1 + i % 300)
            for i in range(n)]


def timed(fn: object) -> float:
    t = time.perf_counter()
    fn()  # type: ignore[operator]
    return time.perf_counter() - t


def quiet_week(path: Path, now: datetime, rng: random.Random, per_day: int = 600) -> None:
    """A restart of a quiet wall: a week of ``per_day`` mentions a day. The replay also reads the posts
    older than its day that the stories pass keeps (at most wall_stories.MOST_POSTS rows more)."""
    n = 7 * per_day
    week = [Mention(id=f"w:{m.id}", source=m.source, text=m.text, lang="nl",
                    published=now - (now - m.published) * 7, searches=m.searches, author=m.author,
                    sentiment=m.sentiment, topic=m.topic) for m in mentions(n, now, rng)]
    with Store.open(path) as store:
        store.add_mentions(week)
        tracemalloc.start()
        t = time.perf_counter()
        wall = Pipeline(Config(), store, Poller([], [SEARCH], store, clock=lambda: now), clock=lambda: now,
                        searches=(SEARCH,))
        replay = time.perf_counter() - t
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        replayed = len(wall.clusterer.assignments())
    print(f"restart of a quiet week ({n} mentions, {per_day}/day): replay {replay:.2f} s, "
          f"peak {peak / 1e6:.0f} MB (tracemalloc), {replayed} posts replayed")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=50_000)
    ap.add_argument("--count-rows", type=int, default=1_000_000,
                    help="extra per-minute count rows (90 days of a busy wall)")
    args = ap.parse_args()
    rng = random.Random(1)
    now = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    batch = mentions(args.n, now, rng)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "newsroom.sqlite3"
        with Store.open(path) as store:
            store.add_mentions(batch)
            start = int((now - timedelta(days=90)).timestamp()) // 60 * 60
            store._db.executemany("INSERT OR IGNORE INTO counts VALUES ('topic', ?, ?, 1, 0)",
                                  ((str(10_000 + i % 4000), start + 60 * (i // 4000)) for i in range(args.count_rows)))
            rows = store._db.execute("SELECT COUNT(*) FROM counts").fetchone()[0]
            old = timed(lambda: store._db.execute("DELETE FROM counts WHERE total <= 0 AND negative <= 0"))
            fresh = [Mention(id=f"new:{i}", source="rss", text=m.text, lang="nl", published=now, author=m.author,
                             searches=m.searches, sentiment=m.sentiment, topic=m.topic)
                     for i, m in enumerate(batch[:200])]
            insert = timed(lambda: store.add_mentions(fresh))
            moved = {m.id: 999 for m in batch[:200]}
            new = timed(lambda: store.set_topics(moved))
            print(f"over {rows} count rows: the old per-insert cleanup (full-table DELETE) {old * 1000:.1f} ms; "
                  f"now a whole insert of 200 mentions {insert * 1000:.1f} ms and moving 200 mentions to "
                  f"another topic (touched-keys cleanup included) {new * 1000:.1f} ms")
        clock = now
        with Store.open(path) as store:
            t = time.perf_counter()
            Pipeline(Config(), store, Poller([], [SEARCH], store, clock=lambda: clock), clock=lambda: clock,
                     searches=(SEARCH,))
            replay = time.perf_counter() - t
        print(f"restart: 24-hour replay of {args.n} stored mentions {replay:.2f} s "
              f"({args.n / replay:.0f} mentions/s)")
        quiet_week(Path(tmp) / "week.sqlite3", now, rng)
        v2 = Path(tmp) / "v2.sqlite3"
        db = sqlite3.connect(v2, isolation_level=None)
        for version in (1, 2):
            MIGRATIONS[version](db)
        db.execute("PRAGMA user_version = 2")
        # today's add_mentions writes the reply link (schema 7): the column is there while it writes
        db.execute("ALTER TABLE mentions ADD COLUMN reply_to TEXT")
        Store(db, v2).add_mentions(batch)
        db.execute("ALTER TABLE mentions DROP COLUMN reply_to")
        db.close()
        size = v2.stat().st_size
        upgrade = timed(lambda: Store.open(v2).close())
        print(f"upgrade v2 -> v3 of {args.n} mentions ({size / 1e6:.1f} MB): {upgrade:.2f} s "
              "including the backup copy and the one-off VACUUM")


if __name__ == "__main__":
    main()
