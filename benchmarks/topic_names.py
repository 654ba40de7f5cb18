"""Why topic names miss: per story, the name of its largest topic beside the reference name.

Runs the development town streams through ``newsroom topics``'s computation (``assign_topics``) and,
for every story, prints its largest topic's label, the story's reference name and key words, and
classifies the story:

- ``ok``: the label holds a key word of the story (the check of ``benchmarks/topics.py``);
- ``topic``: a miss that is the clustering's: the largest topic is mostly another story (or chatter),
  or none of the story's key words is written in the topic's posts;
- ``name``: a miss that is the name's: the topic is mostly this story and its posts write a key word.

Then the same naming on the true stories (``gold``: each story's own posts named as one topic, with the
clusterer's words, rarity and background): how names do when the topic is right, whatever the clustering.
``as written``: the name's words, in order, occur in one of the topic's posts.

Development streams only by default (``benchmarks/data/devstreams`` and the development towns of
``benchmarks/data/towns``); ``--report`` adds the generated report towns (do not tune on them).

``--wall``: the same classes for the wall's path (the stream replayed through the wall's ``Pipeline`` as
``benchmarks/topics.py`` does; the label is the last title the wall showed for the story's largest
topic), each with that title's history and what :func:`name_topic` says of the topic's final posts
named afresh (``fresh``: all its posts; ``last 48``: the posts the wall keeps for a name): which misses
are the wall's topics (a fragment, or a mix of stories), which its names, and of those which are a
name kept from the topic's first posts.

``--wall-stability``: how often the tiles' titles change as the wall's own path shows them (the stories
pass included; ``--stability`` looks at a bare clusterer); ``--posts`` prints each change.

    python benchmarks/topic_names.py [--report] [--posts] [--only meerhoutem] [--wall] [--wall-stability]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from dev_streams import HAND_WRITTEN, hand_written_path
from readable import is_readable, load_readable

from newsroom.analysis import topic_batch
from newsroom.analysis.topic_batch import assign_topics
from newsroom.analysis.topic_names import name_topic
from newsroom.analysis.topics import TopicClusterer
from newsroom.analysis.words import fold
from newsroom.commands.topics import read_records
from newsroom.domain import utcnow

HERE = Path(__file__).resolve().parent
DEV = [hand_written_path(t) for t in HAND_WRITTEN]
DEV += [HERE / "data" / "towns" / f"{t}.jsonl" for t in ("lindeveld", "oosterbeke")]
REPORT = [HERE / "data" / "towns" / f"{t}.jsonl" for t in ("kaaienburg", "vlietrode", "heidemaal")]
CHATTER = ("-", "chatter")
_WORDS = re.compile(r"\w+", re.UNICODE)


def keys_of(info: dict[str, Any]) -> list[str]:
    """A story's key words (devstreams: "keywords"; generated towns: "keys")."""
    return [fold(k.lower()) for k in info.get("keys", info.get("keywords", []))]


def holds_key(label: str, keys: list[str]) -> bool:
    """The check of benchmarks/topics.py: a key word inside the folded label."""
    return any(k in fold(label.lower()) for k in keys)


def as_written(label: str, texts: list[str]) -> bool:
    """The name's words, in that order and next to each other, in one of the posts."""
    words = _WORDS.findall(fold(label.lower()))
    needle = " " + " ".join(words) + " "
    return bool(words) and any(needle in " " + " ".join(_WORDS.findall(fold(t.lower()))) + " " for t in texts)


def run(path: Path) -> tuple[list[dict[str, Any]], list[Any], TopicClusterer]:
    """The stream's posts, the assignments and the clusterer that named them."""
    lines = path.read_text(encoding="utf-8").splitlines()
    posts = [json.loads(line) for line in lines]
    caught: list[TopicClusterer] = []
    original = topic_batch.story_names

    def catching(clusterer: TopicClusterer, idf: Callable[[str], float] | None = None,
                 links: Mapping[str, str] | None = None, keep_town: bool = True) -> dict[int, str]:
        caught.append(clusterer)
        return original(clusterer, idf, links, keep_town)

    topic_batch.story_names = catching  # type: ignore[assignment]
    try:
        result = assign_topics(read_records(lines, utcnow()))
    finally:
        topic_batch.story_names = original  # type: ignore[assignment]
    return posts, result, caught[0]


def _readable_mark(label: str, story: str, subjects: dict[str, list[str]] | None, counts: Counter[str]) -> str:
    """Count a readable label (benchmarks/readable.py) and mark it: " R" readable, " -" not, "" no keys."""
    if subjects is None or story not in subjects:
        return ""
    counts["read of"] += 1
    ok = is_readable(label, subjects[story])
    counts["readable"] += ok
    return " R" if ok else " -"


def report(path: Path, show_posts: bool) -> Counter[str]:
    """Print one stream's stories; returns the counts of each class."""
    posts, result, clusterer = run(path)
    names = json.loads(path.with_suffix("").with_suffix(".names.json").read_text(encoding="utf-8"))
    subjects = load_readable(path)
    stories = [p["story"] for p in posts]
    topic = [a.topic for a in result]
    label_of = {a.topic: a.label for a in result}
    lang_of = {d.id: d.lang for d in clusterer.kept}
    weights = topic_batch._word_weights(clusterer)     # the names' word weights, as in the batch
    counts: Counter[str] = Counter()
    print(f"== {path.stem}: {len(posts)} posts, {len(names)} stories, {len(set(topic))} topics")
    for story, info in names.items():
        keys = keys_of(info)
        mine = Counter(t for t, s in zip(topic, stories, strict=True) if s == story)
        if not mine:
            continue
        top, k = max(mine.items(), key=lambda kv: (kv[1], str(kv[0])))
        members = [i for i, t in enumerate(topic) if t == top]
        texts = [posts[i]["text"] for i in members]
        majority, m = Counter(stories[i] for i in members).most_common(1)[0]
        label = label_of[top]
        if holds_key(label, keys):
            kind = "ok"
        elif majority != story or not any(key in fold(t.lower()) for t in texts for key in keys):
            kind = "topic"
        else:
            kind = "name"
        counts[kind] += 1
        readable = _readable_mark(label, story, subjects, counts)
        own = [(p["text"], lang_of.get(p["id"], p.get("lang"))) for p in posts if p["story"] == story]
        gold = name_topic(own, clusterer.words, weights, clusterer.background, keep_town=False)
        gold_ok = holds_key(gold, keys)
        counts["gold ok"] += gold_ok
        counts["written"] += as_written(label, texts)
        counts["gold written"] += as_written(gold, [t for t, _ in own])
        print(f"{kind:5s}{readable} {label!r:45s} <- {info['name']!r}")
        print(f"      topic {len(members)} posts, {k} of the story's {sum(mine.values())}, "
              f"mostly {majority} ({m}); gold name {gold!r}{'' if gold_ok else '  (misses)'}")
        if show_posts and kind != "ok":
            for text in texts[:12]:
                print(f"        | {text[:150]}")
    print(f"   {dict(counts)}")
    return counts


def wall_report(path: Path) -> Counter[str]:
    """Print one stream's stories as the wall names them (see the module's docstring); returns the counts
    of each class and of the fresh names that hold a key word."""
    import tempfile
    from datetime import timedelta

    from wall_replay import Replay, stream_mentions

    from newsroom.config import Config
    from newsroom.domain import Search
    from newsroom.pipeline.runner import Pipeline
    from newsroom.store import Store

    posts = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    names = json.loads(path.with_suffix("").with_suffix(".names.json").read_text(encoding="utf-8"))
    subjects = load_readable(path)
    mentions = stream_mentions(posts)
    replay = Replay(mentions)
    history: dict[int, list[tuple[int, str]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "wall.sqlite3")
        pipeline = Pipeline(Config(), store, replay, clock=lambda: replay.now,  # type: ignore[arg-type]
                            searches=(Search("Town", "Town"),), wall_name="Town")
        step = timedelta(minutes=5)
        while replay.pos < len(mentions):
            replay.now += step
            if pipeline.poll_once().new:
                for t in pipeline.clusterer.topics(replay.now):
                    seen = history.setdefault(t.id, [])
                    if not seen or seen[-1][1] != t.label:
                        seen.append((t.size, t.label))
        final = {m.id: m.topic for m in store.mentions_since(mentions[0].published - step) if m.topic is not None}
        clusterer = pipeline.clusterer
        pipeline.close()
    topic = [final.get(p["id"], -1 - n) for n, p in enumerate(posts)]
    stories = [p["story"] for p in posts]
    background = clusterer.background | clusterer._common_words() | clusterer._searched[1]
    counts: Counter[str] = Counter()
    print(f"== {path.stem} (wall): {len(posts)} posts, {len(names)} stories, {len(set(topic))} topics")
    for story, info in names.items():
        keys = keys_of(info)
        mine = Counter(t for t, s in zip(topic, stories, strict=True) if s == story)
        top, k = max(mine.items(), key=lambda kv: (kv[1], str(kv[0])))   # ties as benchmarks/topics.py
        members = [i for i, t in enumerate(topic) if t == top]
        texts = [(posts[i]["text"], posts[i].get("lang")) for i in members]
        majority, m = Counter(stories[i] for i in members).most_common(1)[0]
        seen = history.get(top, [])
        label = seen[-1][1] if seen else ""
        if holds_key(label, keys):
            kind = "ok"
        elif majority != story or not any(key in fold(t.lower()) for t, _ in texts for key in keys):
            kind = "topic"
        else:
            kind = "name"
        counts[kind] += 1
        readable = _readable_mark(label, story, subjects, counts)
        fresh = name_topic(texts, clusterer.words, clusterer.idf, background, keep_town=False)
        recent = name_topic(texts[-48:], clusterer.words, clusterer.idf, background, keep_town=False)
        counts["fresh ok"] += holds_key(fresh, keys)
        counts["last 48 ok"] += holds_key(recent, keys)
        print(f"{kind:5s}{readable} {label!r:45s} <- {info['name']!r}")
        print(f"      topic {len(members)} posts, {k} of the story's {sum(mine.values())}, mostly {majority} ({m}); "
              f"fresh {fresh!r}, last 48 {recent!r}")
        print(f"      titles (size, title): {seen[-5:]}")
    print(f"   {dict(counts)}")
    return counts


def stability(path: Path, show: bool = False) -> tuple[int, int, int]:
    """The wall's names as a stream goes by (the clusterer as the wall runs it: every post observed and
    added, merges every 10 posts): the shown topics (5 posts or more) are looked at every 5 posts;
    returns (looks, looks at which a topic's name had changed since the last look, topics shown)."""
    from datetime import datetime

    posts = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    clusterer = TopicClusterer()
    last: dict[int, str] = {}
    looks = changes = 0
    for n, post in enumerate(posts):
        when = datetime.fromisoformat(post["published"].replace("Z", "+00:00"))
        clusterer.observe(post["text"], post.get("lang"))
        clusterer.add(post["id"], post["text"], post.get("lang"), when)
        if n % 10 == 9:
            clusterer.consolidate()
        if n % 5 == 4:
            for topic in clusterer.topics(when, min_size=5):
                looks += 1
                changed = topic.id in last and last[topic.id] != topic.label
                if changed and show:
                    print(f"    {topic.id:4d} ({topic.size:3d} posts) {last[topic.id]!r} -> {topic.label!r}")
                changes += changed
                last[topic.id] = topic.label
    return looks, changes, len(last)


def wall_stability(path: Path, show: bool = False, tiles: int = 8) -> tuple[int, int, int, int]:
    """The tiles' titles as the wall's own path shows them (``Pipeline`` with a simulated clock, a poll
    every five stream minutes, its stories pass every half hour, a real store in a temporary folder): at
    each poll that brought posts, the ``tiles`` biggest topics of 10 posts or more are looked at; returns
    (looks, looks at which a tile's title had changed since its last look, tiles, distinct titles)."""
    import tempfile
    from datetime import timedelta

    from wall_replay import Replay, stream_mentions

    from newsroom.config import Config
    from newsroom.domain import Search
    from newsroom.pipeline.runner import Pipeline
    from newsroom.store import Store

    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    mentions = stream_mentions(records)
    replay = Replay(mentions)
    last: dict[int, str] = {}
    titles: dict[int, set[str]] = {}
    looks = changes = 0
    with tempfile.TemporaryDirectory() as tmp:
        pipeline = Pipeline(Config(), Store.open(Path(tmp) / "wall.sqlite3"), replay,  # type: ignore[arg-type]
                            clock=lambda: replay.now, searches=(Search("Town", "Town"),), wall_name="Town")
        try:
            while replay.pos < len(mentions):
                replay.now += timedelta(minutes=5)
                if not pipeline.poll_once().new:
                    continue
                for topic in [t for t in pipeline.clusterer.topics(replay.now) if t.size >= 10][:tiles]:
                    looks += 1
                    if topic.id in last and last[topic.id] != topic.label:
                        changes += 1
                        if show:
                            print(f"    {replay.now:%d %H:%M} {topic.id:4d} ({topic.size:3d} posts) "
                                  f"{last[topic.id]!r} -> {topic.label!r}")
                    last[topic.id] = topic.label
                    titles.setdefault(topic.id, set()).add(topic.label)
        finally:
            pipeline.close()
    return looks, changes, len(titles), sum(len(v) for v in titles.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--report", action="store_true", help="also the generated report towns")
    parser.add_argument("--posts", action="store_true", help="print the posts of topics whose name misses")
    parser.add_argument("--only", default="", help="only streams whose name holds this")
    parser.add_argument("--stability", action="store_true", help="how often the wall's names change")
    parser.add_argument("--wall-stability", action="store_true",
                        help="how often the tiles' titles change on the wall's own path (stories pass included)")
    parser.add_argument("--wall", action="store_true", help="the wall's titles: why they miss")
    args = parser.parse_args()
    if args.wall:
        wall_total: Counter[str] = Counter()
        for path in DEV + (REPORT if args.report else []):
            if not args.only or args.only in path.stem:
                wall_total += wall_report(path)
                sys.stdout.flush()
        print(f"all (wall): named {wall_total['ok']}, missed by the topic {wall_total['topic']}, by the name "
              f"{wall_total['name']}; named afresh from all the topic's posts {wall_total['fresh ok']}, "
              f"from its last 48 {wall_total['last 48 ok']}; readable {wall_total['readable']} of "
              f"{wall_total['read of']} (streams with readable keys)")
        return 0
    if args.wall_stability:
        sums = [0, 0, 0, 0]
        for path in DEV + (REPORT if args.report else []):
            if args.only and args.only not in path.stem:
                continue
            row = wall_stability(path, args.posts)
            sums = [a + b for a, b in zip(sums, row, strict=True)]
            print(f"{path.stem:12s} {row[0]:5d} looks, titles changed at {row[1]} ({row[1] / max(row[0], 1):.1%}); "
                  f"{row[2]} tiles, {row[3]} titles", flush=True)
        print(f"{'all':12s} {sums[0]:5d} looks, titles changed at {sums[1]} ({sums[1] / max(sums[0], 1):.1%}); "
              f"{sums[2]} tiles, {sums[3]} titles")
        return 0
    if args.stability:
        for path in DEV + (REPORT if args.report else []):
            looks, changes, shown = stability(path, args.posts)
            print(f"{path.stem:12s} {shown:4d} topics shown, {looks:5d} looks, names changed at {changes} "
                  f"({changes / max(looks, 1):.1%})")
        return 0
    total: Counter[str] = Counter()
    for path in DEV + (REPORT if args.report else []):
        if args.only and args.only not in path.stem:
            continue
        total += report(path, args.posts)
        sys.stdout.flush()
    n = total["ok"] + total["topic"] + total["name"]
    print(f"all: {n} stories; named {total['ok']}, missed by the topic {total['topic']}, by the name "
          f"{total['name']}; as written {total['written']}; on the true stories named {total['gold ok']}, "
          f"as written {total['gold written']}; readable {total['readable']} of {total['read of']} (streams with "
          f"readable keys)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
