"""Import N generated mentions (realistic Dutch municipal posts, some English and French, copies of
stories, seeded) through ``newsroom import``'s path and print mentions/s by stage, wall and CPU time.

    python benchmarks/import_speed.py [--n 20000] [--workers 0|1|2] [--profile out.html] [--keep F.jsonl]

CPU time (``time.process_time``, this process only; a pool's workers are counted apart) says what the
work costs whatever else runs on the machine; wall time says what a user waits. The machine's load
average is printed with the figures because the 2 cores are shared.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

PLACES = ["Kanaalweg", "Grote Markt", "Stationsstraat", "Lindeveld-Noord", "het stadhuis", "de Leiebrug",
          "het zwembad", "de Kerkstraat", "het Sint-Jansplein", "de ring"]
STORIES = {
    "storm": ("storm", ["daken", "bomen", "stroompanne", "brandweer", "kelders", "water", "opvang",
                        "schade", "rukwinden", "omgewaaid", "zandzakjes"]),
    "roads": ("wegenwerken", ["file", "omleiding", "handelaars", "stof", "lawaai", "fietspad", "asfalt",
                              "signalisatie", "aannemer", "vertraging"]),
    "bridge": ("brug", ["afgesloten", "omrijden", "pendelaars", "kanaal", "schoolroute", "herstelling",
                        "scheepvaart", "ingenieurs"]),
    "fest": ("lichtjesstoet", ["praalwagens", "kinderen", "muziek", "kerstmarkt", "sfeer", "vrijwilligers",
                               "vuurwerk", "glühwein"]),
    "parking": ("parkeerzone", ["betalend", "blauwe", "zone", "bewonerskaart", "boete", "parkeerapp",
                                "parkeerwachter", "automaat"]),
    "bus": ("belbus", ["De Lijn", "halte", "dienstregeling", "chauffeur", "lijn 21", "afgeschaft",
                       "reizigers", "vertraging"]),
    "waste": ("afvalophaling", ["containerpark", "pmd", "restafval", "sluikstort", "ophaaldag", "zakken",
                                "intercommunale"]),
}
OPENERS = ["Weer", "Vandaag", "Al de hele ochtend", "Sinds gisteren", "Dit weekend", "Eindelijk",
           "Opgelet:", "Nieuws:"]
MIDDLES = ["is het weer chaos aan", "zijn er problemen met de", "wordt gewerkt aan", "gaat het mis bij",
           "was het druk rond", "komt er eindelijk iets aan", "klagen bewoners over de", "is iedereen blij met"]
MOODS = ["Schandalig!", "Belachelijk dit.", "Goed bezig 👍", "Chapeau aan de stad!", "Amai 😡", "",
         "Niet slecht.", "Wanneer leren ze het?", "Proficiat aan iedereen.", "Echt triest.", "#lindeveld"]
ENGLISH = ["Storm damage in {p} again, roofs and trees down", "Roadworks near {p} cause long delays",
           "Great atmosphere at the light parade on {p}", "Bridge at {p} closed, commuters angry"]
FRENCH = ["Tempête à {p}: toits arrachés et arbres tombés", "Travaux près de {p}, longs embouteillages",
          "Belle ambiance au cortège lumineux de {p}", "Le pont de {p} est fermé, colère des navetteurs"]
SOURCES = ["mastodon", "bluesky", "rss", "gnews", "x"]


def generate(n: int, start: datetime, seed: int = 16) -> list[dict[str, object]]:
    """n mention records over 12 hours: mostly Dutch posts about a few stories, 10 % English or
    French, 8 % copies of an earlier post (retweets, syndicated articles), some with titles."""
    rng = random.Random(seed)
    names = sorted(STORIES)
    out: list[dict[str, object]] = []
    for i in range(n):
        t = start + timedelta(seconds=i * 43200 / n)
        place = rng.choice(PLACES)
        r = rng.random()
        if out and r < 0.08:
            text = str(rng.choice(out[-500:])["text"]) + rng.choice(["", " RT", " via @nieuws"])
        elif r < 0.13:
            text = rng.choice(ENGLISH).format(p=place)
        elif r < 0.18:
            text = rng.choice(FRENCH).format(p=place)
        else:
            head, words = STORIES[rng.choice(names)]
            extra = rng.sample(words, rng.randint(2, 5))
            text = (f"{rng.choice(OPENERS)} {rng.choice(MIDDLES)} {place}: {head} en "
                    f"{', '.join(extra)}. {rng.choice(MOODS)}").strip()
        rec: dict[str, object] = {"id": f"gen:{i}", "source": rng.choice(SOURCES), "text": text,
                                  "published": t.strftime("%Y-%m-%dT%H:%M:%SZ"),
                                  "url": f"https://example.invalid/{i}", "searches": ["Lindeveld"]}
        if rng.random() < 0.2:
            rec["title"] = f"{place}: {text.split('.')[0][:60]}"
        out.append(rec)
    return out


def write_jsonl(path: Path, n: int) -> None:
    start = datetime(2026, 3, 22, 7, 0, tzinfo=UTC)
    with path.open("w", encoding="utf-8") as f:
        for rec in generate(n, start):
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=None,
                        help="pool workers for language and sentiment (default: the import's own choice)")
    parser.add_argument("--profile", type=Path, help="write a pyinstrument HTML profile here")
    parser.add_argument("--keep", type=Path, help="write the generated JSONL here and keep it")
    args = parser.parse_args()

    from newsroom.commands.import_ import BATCH, read_mentions
    from newsroom.config import Config
    from newsroom.domain import Search
    from newsroom.pipeline import stages
    from newsroom.pipeline.heap import settle, settled_heap
    from newsroom.pipeline.prepare import CHUNK, Preparer, preparer_workers, start_pool
    from newsroom.pipeline.runner import Pipeline
    from newsroom.pipeline.stored import StoredHealth
    from newsroom.store import Store

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "gen.jsonl"
        write_jsonl(path, args.n)
        profiler = None
        if args.profile:
            from pyinstrument import Profiler
            profiler = Profiler()
            profiler.start()
        wall0, cpu0 = time.perf_counter(), time.process_time()
        workers = preparer_workers(args.n) if args.workers is None else args.workers
        pool = start_pool(workers)  # as the import does: the workers start while the pipeline is built
        mentions = read_mentions(path)
        read_wall, read_cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        store = Store.open(Path(tmp) / "bench.sqlite3")
        pipeline = Pipeline(Config(), store, StoredHealth([]), searches=(Search("Lindeveld", "Lindeveld"),),
                            wall_name="Lindeveld")
        timer = stages.StageTimer()
        pipeline.timer = timer
        wall1, cpu1 = time.perf_counter(), time.process_time()
        try:
            with Preparer(pipeline, workers, pool=pool) as prepare:
                batches = (mentions[i:i + BATCH] for i in range(0, len(mentions), BATCH))
                with settled_heap():
                    for batch, prepared in timer.timed("prepare" + (" (pool, taken back)" if workers else ""),
                                                       prepare.batches(batches)):
                        pipeline.ingest(batch, prepared=prepared)
                        settle()
                taken_back = prepare.taken_back
        finally:
            pipeline.close()
        ingest_wall, ingest_cpu = time.perf_counter() - wall1, time.process_time() - cpu1
        if profiler is not None:
            profiler.stop()
            args.profile.write_text(profiler.output_html() if args.profile.suffix == ".html" else profiler.output_text(unicode=True, show_all=False), encoding="utf-8")
    load_after = os.getloadavg()
    n = args.n
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{workers} pool worker(s) for language, sentiment and words; this process took back "
          f"{taken_back} of {-(-n // CHUNK)} chunks of {CHUNK} that no worker had started")
    print(f"machine load average (1 min) {load_before[0]:.1f} before, {load_after[0]:.1f} after, "
          f"on {os.cpu_count()} cores")
    print(f"{'stage':<22}{'wall s':>8}{'cpu s':>8}{'/s (wall)':>12}{'/s (cpu)':>12}")
    rows = [("read + validate", read_wall, read_cpu), *timer.rows(), ("ingest total", ingest_wall, ingest_cpu)]
    for name, w, c in rows:
        print(f"{name:<22}{w:8.2f}{c:8.2f}{n / w if w else 0:12,.0f}{n / c if c else 0:12,.0f}")
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # the pool's workers, after they ended
    pool_cpu = children.ru_utime + children.ru_stime
    if workers:
        print(f"{'pool workers (cpu)':<22}{'':8}{pool_cpu:8.2f}{'':12}{n / pool_cpu if pool_cpu else 0:12,.0f}")
    all_cpu = read_cpu + ingest_cpu + pool_cpu
    print(f"all processes: {all_cpu:.2f} CPU s = {n / all_cpu:,.0f} mentions per CPU-second; on 2 idle cores "
          f"at best ~{n / max(all_cpu / 2, read_cpu + ingest_cpu):,.0f} mentions/s")
    total = read_wall + ingest_wall
    print(f"import: {n} mentions in {total:.1f} s = {n / total:,.0f} mentions/s (wall), "
          f"{n / (read_cpu + ingest_cpu):,.0f} mentions/s per CPU-second of this process, peak RSS {rss_mb:.0f} MB")
    return 0



if __name__ == "__main__":
    sys.exit(main())
