"""Where AMI is lost on the development streams: too few joins, or posts in the wrong topic.

On each stream (true labels: a diagnosis, not a method), after ``newsroom topics``:

- AMI now; AMI if every topic were merged into its majority story (every topic whose majority is a story
  relabelled with that story: the ceiling of joining, the under-merging), and if every story post moved
  to its story's largest topic (the placement ceiling);
- how many story posts sit in topics of one or two posts, and for those whose topic's majority is their
  own story: is their story's largest topic among the k story-sized topics (4 posts or more) nearest the
  post by its words (cosine of idf-weighted words and concepts with the topic's), by its sentence vector
  (cosine with the topic's summed vectors), by both (the sum of the two cosines), and by both times
  closeness in time (0.3 + 0.7 e^(-gap/6 h) to the topic's nearest post).

    python benchmarks/topic_losses.py [--sets meerhoutem,brugwaarde] [--steps]

``--steps``: instead, after each of the batch's story steps, the topics, the story and chatter posts in
topics of one or two posts, AMI and the ceiling of joining (every topic merged into its majority story):
which step joins, and which one mixes stories.

Development streams only (docs/topics.md, twenty-fourth pass).
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from dev_streams import HAND_WRITTEN
from topic_consensus import consensus, parse_runs
from topic_leftovers import STREAMS, ami, final_state, is_chatter, observe_steps, topics_and_stories

from newsroom.analysis import topic_batch
from newsroom.analysis.topic_concepts import stream_concepts

HERE = Path(__file__).resolve().parent
TOP_K = (1, 3, 5)
STORY = 4


def _closeness(times: list[float], t: float) -> float:
    i = bisect.bisect_left(times, t)
    gap = min((abs(times[j] - t) for j in (i - 1, i) if 0 <= j < len(times)), default=math.inf)
    return 0.3 + 0.7 * math.exp(-gap / (6 * 3600.0))


def diagnose(name: str, lines: list[str], scorer: Any) -> None:
    """Print one stream's ceilings and where the posts of tiny topics' stories rank."""
    rows = [json.loads(line) for line in lines]
    ids = [r["id"] for r in rows]
    story = {r["id"]: r["story"] for r in rows}
    topic, _, c = final_state(lines)
    kept = c.kept
    pos = {d.id: n for n, d in enumerate(kept)}
    members, major, largest = topics_and_stories(ids, story, topic)
    stories = sorted(largest)
    gold = [s if not is_chatter(s) else f"-{n}" for n, s in enumerate(story[i] for i in ids)]
    now = [topic[i] for i in ids]
    merged = [major[topic[i]] if not is_chatter(major[topic[i]]) else topic[i] for i in ids]
    moved = [largest[story[i]] if not is_chatter(story[i]) else topic[i] for i in ids]
    small_merged = [major[topic[i]] if len(members[topic[i]]) <= 2 and not is_chatter(major[topic[i]])
                    else topic[i] for i in ids]
    small_merged = [largest[s] if isinstance(s, str) else s for s in small_merged]
    print(f"\n== {name}: {len(ids)} posts, {len(stories)} stories, {len(members)} topics "
          f"({sum(len(m) >= 5 for m in members.values())} of 5+)")
    print(f"  AMI now {ami(scorer, gold, now):.3f}; every topic merged into its majority story "
          f"{ami(scorer, gold, merged):.3f}; every story post moved to its story's largest topic "
          f"{ami(scorer, gold, moved):.3f}; only topics of 1-2 posts joined to their majority's largest "
          f"{ami(scorer, gold, small_merged):.3f}")
    tiny = [i for i in ids if len(members[topic[i]]) <= 2]
    tiny_story = [i for i in tiny if not is_chatter(story[i])]
    print(f"  posts in topics of 1-2 posts: {len(tiny)} ({len(tiny_story)} story posts, "
          f"{len(tiny) - len(tiny_story)} chatter)")
    # rank the story-sized topics for the story posts of tiny topics
    idf = topic_batch._word_weights(c)
    concepts = stream_concepts([d.text for d in kept])
    vectors = topic_batch.kept_meanings(c)
    assert vectors is not None
    keys = [frozenset(d.terms) | (concepts.keys[n] if d.terms else frozenset()) for n, d in enumerate(kept)]
    weight = concepts.weighted_idf(idf, 1.0)
    vocab = sorted({k for ks in keys for k in ks})
    col = {k: n for n, k in enumerate(vocab)}
    w = np.zeros((len(kept), len(vocab)))
    for n, ks in enumerate(keys):
        for k in ks:
            w[n, col[k]] = max(weight(k), 0.0)
    big = sorted(t for t, m in members.items() if len(m) >= STORY)
    tw = np.array([w[[pos[i] for i in members[t]]].sum(axis=0) for t in big])
    tw /= np.maximum(np.linalg.norm(tw, axis=1, keepdims=True), 1e-12)
    tv = np.array([vectors[[pos[i] for i in members[t]]].astype(np.float64).sum(axis=0) for t in big])
    tv /= np.maximum(np.linalg.norm(tv, axis=1, keepdims=True), 1e-12)
    times = {t: sorted(kept[pos[i]].published.timestamp() for i in members[t]) for t in big}
    hits: Counter[tuple[str, int]] = Counter()
    judged = 0
    no_words = 0
    for i in tiny_story:
        target = largest[story[i]]
        if target not in times:
            continue
        judged += 1
        n = pos[i]
        wn = np.linalg.norm(w[n])
        if wn == 0:
            no_words += 1
        cw = tw @ (w[n] / max(wn, 1e-12))
        cv = tv @ vectors[n].astype(np.float64)
        close = np.array([_closeness(times[t], kept[n].published.timestamp()) for t in big])
        for label, score in (("words", cw), ("meaning", cv), ("both", cw + cv), ("both x time", (cw + cv) * close)):
            order = sorted(range(len(big)), key=lambda k: (-score[k], big[k]))
            rank = [big[k] for k in order].index(target) + 1
            for k in TOP_K:
                hits[(label, k)] += rank <= k
    print(f"  story posts of tiny topics whose story's largest topic has {STORY}+ posts: {judged} "
          f"({no_words} with no word); that topic among the top k:")
    for label in ("words", "meaning", "both", "both x time"):
        print(f"    {label:12s} " + "  ".join(f"top {k}: {hits[(label, k)]:3d}" for k in TOP_K))


STEPS = ("split_places", "reassign_by_story", "learned_gather", "group_stories", "absorb_replies",
         "absorb_small", "regroup_small", "place_posts")


def steps(lines: list[str], scorer: Any) -> list[str]:
    """One line per story step: topics, posts of story / chatter in topics of 1-2 posts, AMI, the
    ceiling of joining."""
    story = {r["id"]: r["story"] for r in map(json.loads, lines)}
    ids = list(story)
    gold = [s if not is_chatter(s) else f"-{n}" for n, s in enumerate(story[i] for i in ids)]
    out: list[str] = []

    def count(c: Any, label: str) -> None:
        topic = {d.id: c.resolve(d.topic) for d in c.kept}
        members: dict[int, list[str]] = {}
        for i in ids:
            members.setdefault(topic[i], []).append(i)
        tiny = [i for i in ids if len(members[topic[i]]) <= 2]
        major = {t: max(Counter(story[i] for i in m).items(), key=lambda kv: (kv[1], kv[0]))[0]
                 for t, m in members.items()}
        merged = [major[topic[i]] if not is_chatter(major[topic[i]]) else str(topic[i]) for i in ids]
        out.append(f"{label:18s} {len(members):4d} topics, in 1-2: {sum(not is_chatter(story[i]) for i in tiny):3d} "
                   f"story / {sum(is_chatter(story[i]) for i in tiny):2d} chatter, AMI "
                   f"{ami(scorer, gold, [topic[i] for i in ids]):.3f}, joining ceiling {ami(scorer, gold, merged):.3f}")

    observe_steps(lines, STEPS, count, "word model")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=str(HERE.parents[1] / "shared"))
    parser.add_argument("--sets", default=",".join(HAND_WRITTEN), help="streams (default: the hand-written ones)")
    parser.add_argument("--steps", action="store_true", help="AMI and the joining ceiling after each story step")
    parser.add_argument("--consensus", default="", help="the story steps start from the fragments the word "
                        "model's runs agree on: its other runs, e.g. time:0.2,reverse:0.3,hash:0.3 "
                        "(benchmarks/topic_consensus.py; empty: as shipped)")
    parser.add_argument("--least", type=int, default=0, help="with --consensus: posts together in at least "
                        "this many runs (0: all)")
    parser.add_argument("--link", choices=("single", "average"), default="single", help="with --consensus: "
                        "components of the pairs together in --least runs, or average link down to --least / runs")
    args = parser.parse_args()
    with consensus(parse_runs(args.consensus), args.least, args.link):
        return losses(args)


def losses(args: argparse.Namespace) -> int:
    """What main prints."""
    from shared_tools import load_tool

    scorer = load_tool(Path(args.shared) / "tools" / "cluster_nmi.py")
    for name in args.sets.split(","):
        lines = STREAMS[name].read_text(encoding="utf-8").splitlines()
        if args.steps:
            print(f"{name}:\n  " + "\n  ".join(steps(lines, scorer)))
            continue
        diagnose(name, lines, scorer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
