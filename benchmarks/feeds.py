"""Run the RSS path (feedparser + our normaliser) over feedparser's own test corpus.

Prints files, crashes (must be 0), entries turned into mentions and entries/s.

    python benchmarks/feeds.py [FOLDER]   (default ../shared/benchmarks/feeds)
"""

from __future__ import annotations

import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

from newsroom.sources.rss import parse_feed


def main() -> int:
    default = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "feeds"
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else default
    files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in (".xml", ".json", ".rdf", ".atom"))
    if not files:
        print(f"no feeds under {folder}")
        return 1
    now = datetime.now(UTC)
    crashes = mentions = malformed = 0
    began = time.perf_counter()
    for path in files:
        try:
            found, problem = parse_feed(path.read_bytes(), {}, "rss", now)
        except Exception:
            crashes += 1
            print(f"CRASH {path}:\n{traceback.format_exc()}")
            continue
        mentions += len(found)
        malformed += problem is not None
    elapsed = time.perf_counter() - began
    print(f"files {len(files)}, crashes {crashes}, malformed but handled {malformed}, "
          f"mentions {mentions}, {mentions / elapsed:.0f} entries/s, {len(files) / elapsed:.0f} files/s")
    return 1 if crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
