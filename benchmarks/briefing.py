"""The daily briefing on a big day: gathering a 24-hour period from a store of N mentions in T topics
(read-only connection, as ``newsroom briefing`` does) and drawing the PDF.

    python benchmarks/briefing.py [--n 200000] [--topics 300]
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsroom.briefing.data import gather, open_read_only, period
from newsroom.domain import Mention, Polarity, Sentiment
from newsroom.store import Store

WORDS = ["storm", "daken", "bomen", "brandweer", "kelder", "water", "wegenwerken", "Stationsstraat", "file",
         "omleiding", "brug", "Kanaalweg", "afgesloten", "kerstmarkt", "parkeerzone", "bus", "halte", "Lindeveld",
         "noodnummer", "stroompanne", "Fluvius", "zwembad", "lek", "bibliotheek", "markt", "fietsers"]


def fill(store: Store, n: int, topics: int, end: datetime) -> None:
    rng = random.Random(7)
    neg, neu = Sentiment(Polarity.NEGATIVE, -0.6, 0.9), Sentiment(Polarity.NEUTRAL, 0.0, 0.9)
    batch: list[Mention] = []
    for i in range(n):
        topic = 1 + min(int(rng.paretovariate(1.2)) - 1, topics - 1)  # a few big stories, a long tail
        batch.append(Mention(id=f"b:{i}", source=rng.choice(("rss", "mastodon", "bluesky")),
                             text=f"@user{i} " + " ".join(rng.sample(WORDS, 7)), lang="nl",
                             published=end - timedelta(seconds=int(86_000 * (n - i) / n)),
                             author=f"a{i}", sentiment=neg if i % 3 == 0 else neu, topic=topic))
        if len(batch) == 20_000:
            store.add_mentions(batch)
            batch = []
    store.add_mentions(batch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--topics", type=int, default=300)
    args = parser.parse_args()
    end = datetime(2026, 3, 22, 12, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "newsroom.sqlite3"
        store = Store.open(path)
        t = time.perf_counter()
        fill(store, args.n, args.topics, end)
        store.close()
        print(f"store of {args.n} mentions in {args.topics} topics built in {time.perf_counter() - t:.1f} s")
        ro = open_read_only(path)
        t = time.perf_counter()
        data = gather(ro, *period(end, timedelta(hours=24)), wall_name="Lindeveld", created=end)
        gathered = time.perf_counter() - t
        ro.close()
        print(f"gather (24 h, top {len(data.topics)} topics, {data.mentions} mentions): {gathered * 1000:.0f} ms")
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from newsroom.ui.app import make_app
        from newsroom.ui.briefing_pdf import write_pdf

        make_app("nl")
        t = time.perf_counter()
        pages = write_pdf(data, Path(tmp) / "tamtam.pdf", "nl")
        drawn = time.perf_counter() - t
        size = (Path(tmp) / "tamtam.pdf").stat().st_size
        print(f"PDF: {pages} pages, {size / 1024:.0f} KiB, drawn in {drawn * 1000:.0f} ms")


if __name__ == "__main__":
    main()
