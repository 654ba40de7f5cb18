"""Does a restart lose anything a user sees? Each development stream goes through the wall's path
(:class:`~newsroom.pipeline.runner.Pipeline`, a poll every five stream minutes, a real store) twice:
once straight through, once restarted (a new Pipeline on the same store) at 1/3 and at 2/3 of its
posts. Printed per stream: AMI between the two final assignments and the share of posts in the same
topic id; over every poll after the first restart, the share of polls whose 8 biggest shown tiles are
the same (id and title), the share of those tiles (by id) with the same title and their mean size
difference; and the seconds each restart's replay took.

    python benchmarks/restart_topics.py [--streams meerhoutem,lindeveld]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from dev_streams import dev_streams
from sklearn.metrics import adjusted_mutual_info_score
from wall_replay import Replay, stream_mentions

from newsroom.config import Config
from newsroom.domain import Mention, Search
from newsroom.pipeline.runner import Pipeline
from newsroom.store import Store

STEP = timedelta(minutes=5)
TOP = 8


@dataclass
class Run:
    """What one run showed: the final topic of each post, the biggest tiles at each poll, replay times."""

    final: dict[str, int] = field(default_factory=dict)
    tiles: list[list[tuple[int, str, int]]] = field(default_factory=list)
    replay_s: list[float] = field(default_factory=list)
    #: the poll at which the first restart came
    first_restart: int = 0


def read_stream(path: Path) -> list[Mention]:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return stream_mentions(records)


def run(mentions: list[Mention], restarts: tuple[int, ...]) -> Run:
    """The stream through the wall, restarted when ``restarts`` (post counts) are passed."""
    replay = Replay(mentions)
    out = Run()
    search = (Search("Town", "Town"),)
    with tempfile.TemporaryDirectory() as tmp:
        file = Path(tmp) / "wall.sqlite3"

        def build() -> Pipeline:   # a new process: the store opened anew
            return Pipeline(Config(), Store.open(file), replay, clock=lambda: replay.now,  # type: ignore[arg-type]
                            searches=search, wall_name="Town")

        pipeline = build()
        due = list(restarts)
        while replay.pos < len(mentions):
            replay.now += STEP
            if due and replay.pos >= due[0]:
                due.pop(0)
                pipeline.close()
                began = time.perf_counter()
                pipeline = build()
                out.replay_s.append(time.perf_counter() - began)
                out.first_restart = out.first_restart or len(out.tiles)
            pipeline.poll_once()
            shown = sorted(pipeline.clusterer.topics(replay.now), key=lambda t: (-t.size, t.id))[:TOP]
            out.tiles.append([(t.id, t.label, t.size) for t in shown])
        out.final = {m.id: m.topic for m in pipeline.store.mentions_since(mentions[0].published - STEP)
                     if m.topic is not None}
        pipeline.close()
    return out


def compare(name: str, mentions: list[Mention]) -> dict[str, float]:
    n = len(mentions)
    cuts = (n // 3, 2 * n // 3)
    straight, restarted = run(mentions, ()), run(mentions, cuts)
    ids = [m.id for m in mentions]
    a = [str(straight.final.get(i, f"none:{i}")) for i in ids]
    b = [str(restarted.final.get(i, f"none:{i}")) for i in ids]
    ami = adjusted_mutual_info_score(a, b)
    same_id = sum(x == y for x, y in zip(a, b, strict=True)) / n
    # a topic made after a restart has an id of the new process's block (ids are never reused): the
    # restarted run's ids are read as the straight run's id holding most of their posts, one to one
    votes = Counter(zip(b, a, strict=True))
    as_a: dict[str, str] = {}
    taken: set[str] = set()
    for (y, x), _ in sorted(votes.items(), key=lambda kv: (-kv[1], kv[0])):
        if y not in as_a and x not in taken:
            as_a[y] = x
            taken.add(x)
    same = sum(x == as_a.get(y) for x, y in zip(a, b, strict=True)) / n
    first = restarted.first_restart
    # the tiles as a user sees them: titles and sizes (a tile's id is not shown; one made after a
    # restart has an id of the new process's block)
    polls = list(zip(straight.tiles[first:], restarted.tiles[first:], strict=False))
    equal = sum([(t, s) for _, t, s in x] == [(t, s) for _, t, s in y] for x, y in polls) / max(1, len(polls))
    titled = total = 0
    size_diff: list[float] = []
    for x, y in polls:
        other = {t: s for _, t, s in reversed(y)}
        for _, t, s in x:
            total += 1
            if t in other:
                titled += 1
                size_diff.append(abs(other[t] - s) / max(1, s))
    row = {"ami": ami, "same": same, "polls": equal, "titles": titled / max(1, total),
           "size": statistics.fmean(size_diff) if size_diff else 0.0,
           "replay": max(restarted.replay_s, default=0.0)}
    print(f"{name:14s} AMI {ami:.3f}  same id {same_id:.1%}  same topic {same:.1%}  polls alike {equal:.1%}  "
          f"top-{TOP} titles {row['titles']:.1%}  size off {row['size']:.1%}  "
          f"replay {row['replay']:.2f} s", flush=True)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streams", default="", help="comma-separated stream names (default: all)")
    args = parser.parse_args(argv)
    wanted = {s.strip() for s in args.streams.split(",") if s.strip()}
    rows = [compare(name, read_stream(path)) for name, path in dev_streams()
            if not wanted or name.rstrip("*") in wanted]
    if rows:
        print(f"{'mean':14s} AMI {statistics.fmean(r['ami'] for r in rows):.3f}  "
              f"same topic {statistics.fmean(r['same'] for r in rows):.1%}  "
              f"polls alike {statistics.fmean(r['polls'] for r in rows):.1%}  "
              f"top-{TOP} titles {statistics.fmean(r['titles'] for r in rows):.1%}  "
              f"size off {statistics.fmean(r['size'] for r in rows):.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
