"""What removing a search costs the running wall's worker: a store of N mentions over the last day from
two searches (two sets of stories), a Pipeline on it (the restart replay), then ``reconfigure`` with the
second search gone. Prints the time the worker is held and what is left on the wall.

    python benchmarks/remove_search.py [--n 50000]

Run it with PYTHONPATH pointing at another checkout to compare versions.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsroom.config import Config
from newsroom.domain import Mention, Polarity, Search, Sentiment
from newsroom.pipeline.runner import Pipeline
from newsroom.sources.poller import Poller
from newsroom.store import Store

STORIES = {
    "Kanaalweg": [["brug", "Kanaalweg", "dicht", "omleiding", "ring", "files", "pendelbus", "werken"],
                  ["storm", "daken", "bomen", "brandweer", "kelder", "water", "schade", "wind"]],
    "Markt": [["frituur", "Grote", "Markt", "brand", "brandweer", "gewonden", "uitgebrand", "rook"],
              ["kerstmarkt", "kramen", "Markt", "glühwein", "schaatsbaan", "opening", "zaterdag", "muziek"]],
}
SEARCHES = tuple(Search(name, name, ("rss",), ("nl",)) for name in STORIES)


def mentions(n: int, end: datetime, rng: random.Random) -> list[Mention]:
    neg = Sentiment(Polarity.NEGATIVE, -0.6, 0.9)
    neu = Sentiment(Polarity.NEUTRAL, 0.0, 0.9)
    names = sorted(STORIES)
    out = []
    for i in range(n):
        name = names[i % 2]
        words = STORIES[name][(i // 2) % 2]
        out.append(Mention(id=f"b:{i}", source="rss", text=" ".join(rng.sample(words, 6)), lang="nl",
                           published=end - timedelta(seconds=int(86_000 * (n - i) / n)), searches=(name,),
                           author=f"a{i}", sentiment=neg if i % 5 == 0 else neu))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=50_000)
    args = ap.parse_args()
    rng = random.Random(1)
    now = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "newsroom.sqlite3"
        with Store.open(path) as store:
            store.add_mentions(mentions(args.n, now, rng))
        config = Config({}, SEARCHES)
        with Store.open(path) as store:
            t = time.perf_counter()
            pipeline = Pipeline(config, store, Poller([], list(SEARCHES), store, clock=lambda: now),
                                clock=lambda: now)
            replay = time.perf_counter() - t
            before = pipeline.snapshot()
            t = time.perf_counter()
            pipeline.reconfigure(Config({}, SEARCHES[:1]))
            held = time.perf_counter() - t
            after = pipeline.snapshot()
            left = {name for topic in after.topics
                    for m in store.get_mentions(list(topic.representative_ids)) for name in m.searches}
        print(f"{args.n} stored mentions, replay at start {replay:.2f} s; removing one of two searches "
              f"held the worker {held * 1000:.0f} ms; topics on the wall {len(before.topics)} -> "
              f"{len(after.topics)}, their searches now {sorted(left)}")


if __name__ == "__main__":
    main()
