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

    python benchmarks/topic_names.py [--report] [--posts] [--only meerhoutem]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsroom.analysis import topic_batch
from newsroom.analysis.topic_batch import assign_topics
from newsroom.analysis.topic_names import name_topic
from newsroom.analysis.topics import TopicClusterer
from newsroom.analysis.words import fold
from newsroom.commands.topics import read_records
from newsroom.domain import utcnow

HERE = Path(__file__).resolve().parent
DEV = [HERE / "data" / "devstreams" / f"{t}.jsonl" for t in ("meerhoutem", "dommelroode")]
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

    def catching(clusterer: TopicClusterer, idf: Callable[[str], float] | None = None) -> dict[int, str]:
        caught.append(clusterer)
        return original(clusterer, idf)

    topic_batch.story_names = catching  # type: ignore[assignment]
    try:
        result = assign_topics(read_records(lines, utcnow()))
    finally:
        topic_batch.story_names = original  # type: ignore[assignment]
    return posts, result, caught[0]


def report(path: Path, show_posts: bool) -> Counter[str]:
    """Print one stream's stories; returns the counts of each class."""
    posts, result, clusterer = run(path)
    names = json.loads(path.with_suffix("").with_suffix(".names.json").read_text(encoding="utf-8"))
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
        own = [(p["text"], lang_of.get(p["id"], p.get("lang"))) for p in posts if p["story"] == story]
        gold = name_topic(own, clusterer.words, weights, clusterer.background)
        gold_ok = holds_key(gold, keys)
        counts["gold ok"] += gold_ok
        counts["written"] += as_written(label, texts)
        counts["gold written"] += as_written(gold, [t for t, _ in own])
        print(f"{kind:5s} {label!r:45s} <- {info['name']!r}")
        print(f"      topic {len(members)} posts, {k} of the story's {sum(mine.values())}, "
              f"mostly {majority} ({m}); gold name {gold!r}{'' if gold_ok else '  (misses)'}")
        if show_posts and kind != "ok":
            for text in texts[:12]:
                print(f"        | {text[:150]}")
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--report", action="store_true", help="also the generated report towns")
    parser.add_argument("--posts", action="store_true", help="print the posts of topics whose name misses")
    parser.add_argument("--only", default="", help="only streams whose name holds this")
    parser.add_argument("--stability", action="store_true", help="how often the wall's names change")
    args = parser.parse_args()
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
          f"as written {total['gold written']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
