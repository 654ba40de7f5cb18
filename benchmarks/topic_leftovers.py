"""Where the story posts that are not in their story's largest topic sit, and what fixing each kind would give.

On the development streams (true labels: a diagnosis, not a method), after ``newsroom topics``:

- every story post outside its story's largest topic is put in one kind: in a fragment whose majority
  is its own story, by that fragment's size (1, 2, 3-5, 6+); inside another story's topic; inside a
  chatter topic;
- whether it carries evidence: a model word it shares with its story's largest topic (a *subject*
  word: one of that topic's words in at least 10 % of its posts), a concept it shares, a name;
- the AMI an oracle would reach with each fix alone (the ceiling of that kind of method): every
  own-story fragment of at least 3 posts joined to its story's largest topic; every own-story fragment
  of any size; only the misplaced posts that share a subject word or concept moved there; only those
  that share none; every misplaced post.

    python benchmarks/topic_leftovers.py [--sets meerhoutem,brugwaarde] [--steps]

``--steps``: instead, after each of the batch's story steps, how many story posts sit in a topic of 6
posts or more whose majority is another story (which steps put them there).

Development streams only (docs/topics.md, thirteenth pass).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dev_streams import HAND_WRITTEN, dev_streams

from newsroom.analysis import topic_batch
from newsroom.analysis.topic_concepts import stream_concepts
from newsroom.commands.topics import read_records
from newsroom.domain import utcnow

HERE = Path(__file__).resolve().parent
STREAMS = {name.rstrip("*"): path for name, path in dev_streams()}
SUBJECT_SHARE = 0.1


def is_chatter(story: str) -> bool:
    """Whether a label marks a post of no story."""
    return story in ("-", "chatter", "none") or story.startswith("chatter-")


def final_state(lines: list[str]) -> tuple[dict[str, int], dict[str, frozenset[str]], Any]:
    """The batch's final topic and model words of every post id, and the clusterer."""
    seen: dict[str, Any] = {}
    original = topic_batch.story_names

    def capture(clusterer: Any, *how: Any) -> dict[int, str]:
        seen["c"] = clusterer
        return {}

    topic_batch.story_names = capture
    try:
        topic_batch.assign_topics(read_records(lines, utcnow()))
    finally:
        topic_batch.story_names = original
    c = seen["c"]
    return ({d.id: c.resolve(d.topic) for d in c.kept}, {d.id: frozenset(d.terms) for d in c.kept}, c)


def ami(scorer: Any, gold: list[str], pred: list[Any]) -> float:
    """AMI of ``pred`` against ``gold`` (chatter posts each a class of their own)."""
    return float(scorer.metrics(gold, [str(p) for p in pred])["ami"])


def topics_and_stories(ids: list[str], story: dict[str, str], topic: dict[str, int]
                       ) -> tuple[dict[int, list[str]], dict[int, str], dict[str, int]]:
    """Each topic's post ids, each topic's majority story, each story's largest topic (chatter is no
    story)."""
    members: dict[int, list[str]] = {}
    for i in ids:
        members.setdefault(topic[i], []).append(i)
    major = {t: max(Counter(story[i] for i in m).items(), key=lambda kv: (kv[1], kv[0]))[0]
             for t, m in members.items()}
    largest = {}
    for s in sorted({s for s in story.values() if not is_chatter(s)}):
        c = Counter(topic[i] for i in ids if story[i] == s)
        largest[s] = max(c.items(), key=lambda kv: (kv[1], -kv[0]))[0]
    return members, major, largest


def diagnose(name: str, lines: list[str], scorer: Any) -> None:
    """Print where one stream's story posts outside their story's largest topic sit, and the oracles."""
    rows = [json.loads(line) for line in lines]
    ids = [r["id"] for r in rows]
    story = {r["id"]: r["story"] for r in rows}
    topic, words, clusterer = final_state(lines)
    concepts = stream_concepts([d.text for d in clusterer.kept])
    concept_of = {d.id: concepts.keys[n] for n, d in enumerate(clusterer.kept)}
    members, major, largest = topics_and_stories(ids, story, topic)
    stories = sorted(largest)
    # the subject words / concepts of each story's largest topic
    subject: dict[int, set[str]] = {}
    for t in set(largest.values()):
        m = members[t]
        cnt: Counter[str] = Counter(w for i in m for w in words[i] | concept_of[i])
        subject[t] = {w for w, c in cnt.items() if c >= max(2, SUBJECT_SHARE * len(m))}
    kinds: Counter[str] = Counter()
    evidence: Counter[str] = Counter()
    moved_subject, moved_none = {}, {}
    total = 0
    for i in ids:
        s = story[i]
        if is_chatter(s) or topic[i] == largest[s]:
            continue
        total += 1
        t = topic[i]
        size = len(members[t])
        if major[t] == s:
            kind = "own 1" if size == 1 else "own 2" if size == 2 else "own 3-5" if size <= 5 else "own 6+"
        elif is_chatter(major[t]):
            kind = "chatter topic"
        else:
            kind = "other story"
        kinds[kind] += 1
        mine = words[i] | concept_of[i]
        shares = bool(mine & subject[largest[s]])
        evidence[(kind, shares)] += 1
        if shares:
            moved_subject[i] = largest[s]
        else:
            moved_none[i] = largest[s]
    gold = [s if not is_chatter(s) else f"-{n}" for n, s in enumerate(story[i] for i in ids)]
    now = [topic[i] for i in ids]
    print(f"\n== {name}: {len(ids)} posts, {len(stories)} stories, {total} story posts outside their "
          f"story's largest topic; AMI now {ami(scorer, gold, now):.3f}")
    for kind in ("own 1", "own 2", "own 3-5", "own 6+", "other story", "chatter topic"):
        n = kinds[kind]
        print(f"  {kind:14s} {n:4d}  share a subject word/concept of their story's largest topic: "
              f"{evidence[(kind, True)]:4d}")

    def oracle_join(min_size: int) -> list[int]:
        out = []
        for i in ids:
            t = topic[i]
            s = major[t]
            if not is_chatter(s) and len(members[t]) >= min_size and t != largest[s]:
                out.append(largest[s])
            else:
                out.append(t)
        return out

    def oracle_move(moves: dict[str, int]) -> list[int]:
        return [moves.get(i, topic[i]) for i in ids]

    print(f"  oracle: own fragments >= 3 posts joined to the largest: {ami(scorer, gold, oracle_join(3)):.3f}")
    print(f"  oracle: own fragments of any size joined:              {ami(scorer, gold, oracle_join(1)):.3f}")
    print(f"  oracle: posts sharing a subject word/concept moved:    {ami(scorer, gold, oracle_move(moved_subject)):.3f}"
          f" ({len(moved_subject)} posts)")
    print(f"  oracle: posts sharing none moved:                      {ami(scorer, gold, oracle_move(moved_none)):.3f}"
          f" ({len(moved_none)} posts)")
    print(f"  oracle: every misplaced post moved:                    "
          f"{ami(scorer, gold, oracle_move({**moved_subject, **moved_none})):.3f}")
    shares = []
    for s in stories:
        c = Counter(topic[i] for i in ids if story[i] == s)
        shares.append(c[largest[s]] / sum(c.values()))
    print(f"  coverage now {statistics.median(shares):.2f}")


STEPS = ("split_places", "reassign_by_story", "group_fragments", "absorb_replies", "absorb_small",
         "regroup_small", "place_posts")


def intruders(lines: list[str]) -> list[tuple[str, int]]:
    """(step, story posts in a topic of 6+ posts of another story) before the first story step and after
    each."""
    gold = {r["id"]: r["story"] for r in map(json.loads, lines)}
    out: list[tuple[str, int]] = []

    def count(clusterer: Any, label: str) -> None:
        members: dict[int, list[str]] = {}
        for d in clusterer.kept:
            members.setdefault(clusterer.resolve(d.topic), []).append(gold[d.id])
        n = 0
        for stories in members.values():
            if len(stories) >= 6:
                major = max(Counter(stories).items(), key=lambda kv: (kv[1], kv[0]))[0]
                n += sum(1 for s in stories if s != major and not is_chatter(s))
        out.append((label, n))

    observe_steps(lines, STEPS, count, "before the story steps")
    return out


def observe_steps(lines: list[str], steps: tuple[str, ...], count: Callable[[Any, str], None],
                  first: str) -> None:
    """Run the batch on ``lines`` with ``count(clusterer, label)`` called before the first of ``steps``
    (labelled ``first``) and after each of them (labelled with its name)."""
    saved = {name: getattr(topic_batch, name) for name in steps}
    started = False

    def wrapped(name: str) -> Any:
        def step(clusterer: Any, *args: Any, **kwargs: Any) -> Any:
            nonlocal started
            if not started:
                started = True
                count(clusterer, first)
            done = saved[name](clusterer, *args, **kwargs)
            count(clusterer, name)
            return done
        return step

    for name in steps:
        setattr(topic_batch, name, wrapped(name))
    try:
        topic_batch.assign_topics(read_records(lines, utcnow()))
    finally:
        for name, f in saved.items():
            setattr(topic_batch, name, f)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=str(HERE.parents[1] / "shared"))
    parser.add_argument("--sets", default=",".join(HAND_WRITTEN), help="streams (default: the hand-written ones)")
    parser.add_argument("--steps", action="store_true", help="story posts inside another story's topic after "
                        "each story step")
    args = parser.parse_args()
    if args.steps:
        for name in args.sets.split(","):
            rows = intruders(STREAMS[name].read_text(encoding="utf-8").splitlines())
            print(f"{name}: " + ", ".join(f"{label} {n}" for label, n in rows))
        return 0
    from shared_tools import load_tool

    scorer = load_tool(Path(args.shared) / "tools" / "cluster_nmi.py")
    for name in args.sets.split(","):
        diagnose(name, STREAMS[name].read_text(encoding="utf-8").splitlines(), scorer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
