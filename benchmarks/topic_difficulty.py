"""How hard each labelled town stream is, measured the way issue 13 measured its own stream.

Issue 13 gave one yardstick for its unseen stream: tf-idf with agglomerative clustering, told the true
number of stories, reached AMI 0.35 there. This script runs that same baseline (scikit-learn's default
``TfidfVectorizer`` and Ward linkage cut at the number of stories) on each of our streams, beside
``newsroom topics``. A stream where the baseline scores far below 0.35 is harder than the issue's; the
pair of figures places each of our results against the bar. AMI counts each chatter post as a class
of its own, as ``benchmarks/topics.py`` does.

``--supervised`` adds what the stream's words and meaning can tell at all: a classifier *trained on the
stream's own true stories* (logistic regression on the posts' tf-idf word keys, as the clusterer reads
them, and their sentence vectors, :mod:`newsroom.analysis.post_meaning`), five-fold cross-validated: each
story post gets the story a model trained on the other four fifths gives it (chatter posts stay exact
classes of their own, an advantage no clusterer has). No unsupervised method is expected to beat it by
much; where ours comes close, what is left is not in the text.

Needs the ``bench`` extra (scikit-learn)::

    python benchmarks/topic_difficulty.py [--supervised]
"""
from __future__ import annotations

import argparse
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from dev_streams import dev_streams
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import adjusted_mutual_info_score
from sklearn.model_selection import KFold, cross_val_predict

from newsroom.analysis.language import detect_language
from newsroom.analysis.post_meaning import embed
from newsroom.analysis.text import STOP_WORDS
from newsroom.analysis.topic_batch import assign_topics
from newsroom.analysis.topics import TopicClusterer
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
    supervised_ami: float | None = None


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


def word_keys(posts: list[dict[str, object]]) -> list[set[str]]:
    """Each post's word keys as the clusterer reads them (stemmed, in the post's language)."""
    clusterer = TopicClusterer()
    keys = []
    for post in posts:
        text = str(post["text"])
        lang = str(post.get("lang") or detect_language(text))
        keys.append(set(clusterer._terms(text, clusterer._reading_language(lang), ())))
    return keys


def supervised(posts: list[dict[str, object]], gold: list[str], folds: int = 5) -> list[str]:
    """Every story post's story as a classifier trained on the others' true stories gives it
    (``folds``-fold, fixed shuffle); chatter posts keep their own classes."""
    rows = [n for n, label in enumerate(gold) if not label.startswith("-")]
    keys = word_keys(posts)
    df = Counter(k for n in rows for k in keys[n])
    vocab = {k: i for i, k in enumerate(sorted(df))}
    words = np.zeros((len(rows), len(vocab)))
    for r, n in enumerate(rows):
        for k in keys[n]:
            words[r, vocab[k]] = math.log(len(rows) / df[k])
    words /= np.maximum(np.linalg.norm(words, axis=1, keepdims=True), 1e-9)
    meanings = embed([str(posts[n]["text"]) for n in rows])
    features = words if meanings is None else np.hstack([words, meanings])
    model = LogisticRegression(C=10.0, max_iter=3000)
    guessed = cross_val_predict(model, features, [gold[n] for n in rows],
                                cv=KFold(folds, shuffle=True, random_state=0))
    out = list(gold)
    for r, n in enumerate(rows):
        out[n] = str(guessed[r])
    return out


def measure(path: Path, with_supervised: bool = False) -> Difficulty:
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
        supervised_ami=(float(adjusted_mutual_info_score(gold, supervised(posts, gold)))
                        if with_supervised else None),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", default="", help="comma-separated stream names (default: all there are)")
    parser.add_argument("--supervised", action="store_true",
                        help="also a classifier trained on each stream's own true stories (5-fold)")
    args = parser.parse_args()
    wanted = {s.strip() for s in args.sets.split(",") if s.strip()}
    print(f"{'stream':<13} {'split':<7} {'posts':>5} {'stories':>7} {'baseline':>8} {'no stop':>7} {'ours':>6}"
          + (f" {'supervised':>10}" if args.supervised else ""))
    for name, path, split in STREAMS:
        if (wanted and name.rstrip("*") not in wanted) or not path.is_file():
            continue
        d = measure(path, args.supervised)
        extra = f" {d.supervised_ami:>10.3f}" if d.supervised_ami is not None else ""
        print(f"{name:<13} {split:<7} {d.posts:>5} {d.stories:>7} {d.baseline_ami:>8.3f} {d.baseline_stop_ami:>7.3f}"
              f" {d.our_ami:>6.3f}{extra}", flush=True)
    print(f"*: hand-written. baseline: tf-idf + Ward cut at the true number of stories (issue 13's yardstick;"
          f" {ISSUE_BASELINE:.2f} on the issue's unseen stream); no stop: the same without Dutch, French and English"
          f" stop words (the app's list); ours: newsroom topics. AMI: chatter posts each"
          f" a class of their own." + (" supervised: logistic regression on word keys and sentence vectors"
          " trained on the stream's own true stories, 5-fold (chatter exact)." if args.supervised else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
