"""How hard each labelled town stream is, measured the way issue 13 measured its own stream.

Issue 13 gave one yardstick for its unseen stream: tf-idf with agglomerative clustering, told the true
number of stories, reached AMI 0.35 there. This script runs that same baseline (scikit-learn's default
``TfidfVectorizer`` and Ward linkage cut at the number of stories) on each of our streams, beside
``newsroom topics``. A stream where the baseline scores far below 0.35 is harder than the issue's; the
pair of figures places each of our results against the bar. AMI counts each chatter post as a class
of its own, as ``benchmarks/topics.py`` does.

Needs the ``bench`` extra (scikit-learn)::

    python benchmarks/topic_difficulty.py
"""
from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from pathlib import Path

from dev_streams import dev_streams
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_mutual_info_score

from newsroom.analysis.text import STOP_WORDS
from newsroom.analysis.topic_batch import assign_topics
from newsroom.commands.topics import read_records
from newsroom.domain import utcnow

DATA = Path(__file__).resolve().parent / "data"
#: (name, file, split): development streams were tuned on, report-only streams never
STREAMS = (
    *((name, path, "dev") for name, path in dev_streams()),
    ("holdout*", DATA / "holdout" / "stream.jsonl", "report"),
    ("holdout2*", DATA / "holdout2" / "stream.jsonl", "report"),
    ("holdout3*", DATA / "holdout3" / "stream.jsonl", "report"),
)
#: the issue's own figure for its unseen stream
ISSUE_BASELINE = 0.35


@dataclass(frozen=True)
class Difficulty:
    """One stream's baseline and our result on it."""

    posts: int
    stories: int
    baseline_ami: float
    baseline_stop_ami: float
    our_ami: float


def is_chatter(story: str) -> bool:
    """Whether a label marks a post of no story (each stream writes it its own way)."""
    return story in ("-", "chatter", "none") or story.startswith("chatter-")


def gold_labels(stories: list[str]) -> list[str]:
    """The classes AMI is computed against: a story each, every chatter post one of its own."""
    return [f"-{n}" if is_chatter(s) else s for n, s in enumerate(stories)]


_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern


def without_stop_words(text: str) -> list[str]:
    """scikit-learn's default tokens of ``text``, less the app's Dutch, French and English stop words."""
    return [w for w in _TOKEN.findall(text.lower()) if w not in STOP_WORDS]


def baseline(texts: list[str], k: int, drop_stop_words: bool = False) -> list[int]:
    """The issue's yardstick: tf-idf and Ward agglomerative clustering cut at ``k`` clusters."""
    vectorizer = TfidfVectorizer(analyzer=without_stop_words) if drop_stop_words else TfidfVectorizer()
    matrix = vectorizer.fit_transform(texts).toarray()
    return [int(x) for x in AgglomerativeClustering(n_clusters=k, linkage="ward").fit_predict(matrix)]


def measure(path: Path) -> Difficulty:
    """The baseline and ``newsroom topics`` on one labelled stream."""
    lines = path.read_text(encoding="utf-8").splitlines()
    posts = [json.loads(line) for line in lines]
    stories = [str(p["story"]) for p in posts]
    gold = gold_labels(stories)
    k = len({s for s in stories if not is_chatter(s)})
    ours = [str(a.topic) for a in assign_topics(read_records(lines, utcnow()))]
    texts = [str(p["text"]) for p in posts]
    return Difficulty(
        posts=len(posts),
        stories=k,
        baseline_ami=float(adjusted_mutual_info_score(gold, baseline(texts, k))),
        baseline_stop_ami=float(adjusted_mutual_info_score(gold, baseline(texts, k, drop_stop_words=True))),
        our_ami=float(adjusted_mutual_info_score(gold, ours)),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default="", help="comma-separated stream names (default: all there are)")
    args = parser.parse_args()
    wanted = {s.strip() for s in args.sets.split(",") if s.strip()}
    print(f"{'stream':<13} {'split':<7} {'posts':>5} {'stories':>7} {'baseline':>8} {'no stop':>7} {'ours':>6}")
    for name, path, split in STREAMS:
        if (wanted and name.rstrip("*") not in wanted) or not path.is_file():
            continue
        d = measure(path)
        print(f"{name:<13} {split:<7} {d.posts:>5} {d.stories:>7} {d.baseline_ami:>8.3f} {d.baseline_stop_ami:>7.3f} {d.our_ami:>6.3f}",
              flush=True)
    print(f"*: hand-written. baseline: tf-idf + Ward cut at the true number of stories (issue 13's yardstick;"
          f" {ISSUE_BASELINE:.2f} on the issue's unseen stream); no stop: the same without Dutch, French and English"
          f" stop words (the app's list); ours: newsroom topics. AMI: chatter posts each"
          f" a class of their own.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
