"""Feed N synthetic mentions through the pipeline (language, sentiment, topics, store) and print
mentions/s and peak RSS as the last line.

    python benchmarks/pipeline.py [--n 200000] [--batch 500]
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsroom.config import Config
from newsroom.domain import FetchResult, Mention, Search, SourceHealth
from newsroom.pipeline.runner import Pipeline
from newsroom.store import Store

WORDS = {
    "storm": ["storm", "daken", "bomen", "stroompanne", "brandweer", "Lindeveld-Noord", "kelder", "water", "opvang", "schade"],
    "roads": ["wegenwerken", "Stationsstraat", "file", "omleiding", "handelaars", "stof", "lawaai", "fietspad"],
    "bridge": ["brug", "Kanaalweg", "afgesloten", "omrijden", "pendelaars", "kanaal", "schoolroute"],
    "fest": ["lichtjesstoet", "praalwagens", "kinderen", "muziek", "Grote", "Markt", "kerstmarkt", "sfeer"],
    "parking": ["parkeerzone", "betalend", "blauwe", "zone", "bewonerskaart", "boete", "parkeerapp"],
    "bus": ["De", "Lijn", "bus", "lijn", "21", "halte", "dienstregeling", "belbus", "chauffeur"],
}
GLUE = ["de", "het", "een", "is", "weer", "niet", "echt", "al", "nog", "en", "maar", "ook", "wel", "zo"]
MOOD = ["Schandalig!", "Belachelijk.", "Goed bezig 👍", "Chapeau!", "Amai 😡", "", "", "Niet slecht."]


class ReplayPoller:
    """Hands out pre-built mentions in batches, one batch per poll."""

    def __init__(self, mentions: list[Mention], batch: int) -> None:
        self.mentions = mentions
        self.batch = batch
        self.pos = 0

    def poll_due(self, now: datetime | None = None) -> list[FetchResult]:
        chunk = self.mentions[self.pos:self.pos + self.batch]
        self.pos += self.batch
        return [FetchResult("synthetic", "Lindeveld", tuple(chunk))]

    def health(self, now: datetime | None = None) -> list[SourceHealth]:
        return [SourceHealth("synthetic", "Synthetic")]

    def close(self) -> None:
        pass


def synthesise(n: int, start: datetime, seed: int = 7) -> list[Mention]:
    rng = random.Random(seed)
    stories = list(WORDS)
    out = []
    for i in range(n):
        story = rng.choice(stories)
        words = rng.sample(WORDS[story], 4) + rng.sample(GLUE, 3)
        rng.shuffle(words)
        text = " ".join(words) + " " + rng.choice(MOOD)
        t = start + timedelta(seconds=i * 43200 / n)
        out.append(Mention(id=f"syn:{i}", source="synthetic", text=text, published=t,
                           url=f"https://example.invalid/{i}", canonical_url=f"https://example.invalid/{i}",
                           searches=("Lindeveld",)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()
    start = datetime(2026, 3, 22, 7, 0, tzinfo=UTC)
    mentions = synthesise(args.n, start)
    clock_box = [start]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "bench.sqlite3")
        poller = ReplayPoller(mentions, args.batch)
        pipeline = Pipeline(Config(), store, poller, clock=lambda: clock_box[0],
                            searches=(Search("Lindeveld", "Lindeveld"),), wall_name="Lindeveld")
        began = time.perf_counter()
        while poller.pos < len(mentions):
            clock_box[0] = mentions[min(poller.pos, len(mentions) - 1)].published + timedelta(seconds=1)
            pipeline.poll_once()
        snap_began = time.perf_counter()
        snapshot = pipeline.snapshot()
        snap_ms = (time.perf_counter() - snap_began) * 1000
        elapsed = time.perf_counter() - began
        stored = store.mention_count()
        pipeline.close()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"stored {stored} mentions, {len(snapshot.topics)} topics on the wall, snapshot {snap_ms:.0f} ms")
    print(f"pipeline: {args.n} mentions in {elapsed:.1f} s = {args.n / elapsed:.0f} mentions/s, "
          f"peak RSS {rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
