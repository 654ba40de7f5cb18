"""Topic clustering on the short-text stream benchmarks (MStream's and GSDMM's sets).

Every document goes, in file order, through the code path of ``newsroom topics`` (``read_records`` on
JSONL lines, then ``assign_topics``); the result is scored with ``../shared/tools/cluster_nmi.py``
(geometric NMI as in both papers, AMI, ARI, cluster counts) and timed (documents per second, parsing
included). ``--sweeps 0`` is the one-pass stream and its consolidation (the merges the wall also makes);
the command line's default adds one reassignment sweep after the stream.

The lines carry ``"lang": "en"`` (all sets are English): the wall clusters mentions whose language was
detected once for sentiment. Without it ``newsroom topics`` detects each line's language itself; the
cost of that is measured and printed at the end.

First, the labelled town streams of ``benchmarks/data/towns/`` (our own seeded generator; development and
report-only towns marked): topics returned, AMI against the stories, coverage (median share of a story's
posts in its largest topic), stories whose topic name holds their key word, and whether three hash
seeds give the same output (the command line in subprocesses).

    python benchmarks/topics.py [--shared ../shared] [--sweeps 0,1] [--sets Tweets,News] [--repeat 3]
                                [--towns-only | --no-towns] [--names] [--ablate concepts,frequencies,learned,placement]
                                [--replies] [--streams meerhoutem,dommelroode]
    python benchmarks/topics.py --time-evidence

``--ablate`` turns parts of the batch's story steps off, to compare with and without them: the
municipal concepts (``newsroom/analysis/topic_concepts.py``), the general word frequencies
(``newsroom/analysis/topic_commonness.py``), the learned grouping of fragments
(``newsroom/analysis/topic_pairs.py``: the hand-set bars of ``group_stories`` instead), the learned
placement of single posts at the end of the story steps (``newsroom/analysis/topic_placement.py``). ``--time-evidence`` prints only how much a post's time says
about its story on the development streams, with the true labels: the ceiling of any placing by time
(docs/topics.md, eighth pass). ``--replies``: a stream with hand-annotated reply links beside it
(``<stream>.replies.json``, benchmarks/data/REPLIES.md) gets a second row, batch and wall, with
``reply_to`` added to its lines (docs/topics.md, nineteenth pass); ``--streams`` runs only the named
town streams.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from dev_streams import HAND_WRITTEN, hand_written_path
from readable import is_readable, load_readable
from shared_tools import load_tool

from newsroom.analysis import topic_batch
from newsroom.analysis.language import detect_language
from newsroom.analysis.topic_batch import assign_topics
from newsroom.analysis.topics import ALPHA, BETA
from newsroom.analysis.words import fold
from newsroom.commands.topics import DEFAULT_SWEEPS, read_input, read_records
from newsroom.domain import utcnow
from newsroom.progress import Progress

#: (file, paper name, anchor method, anchor NMI)
SETS = (
    ("mstream/Tweets.jsonl", "Tweets", "MStream", 0.844),
    ("mstream/Tweets-T.jsonl", "Tweets-T", "MStream", 0.882),
    ("mstream/News.jsonl", "News", "MStream", 0.834),
    ("mstream/News-T.jsonl", "News-T", "MStream", 0.850),
    ("gsdmm/T.jsonl", "T", "GSDMM", 0.874),
    ("gsdmm/S.jsonl", "S", "GSDMM", 0.896),
    ("gsdmm/TS.jsonl", "TS", "GSDMM", 0.928),
    ("gsdmm/Tweet.jsonl", "Tweet", "-", None),
)


def as_jsonl(path: Path, spread_hours: float = 0.0) -> list[str]:
    """The set as ``newsroom topics`` input lines: {"id", "text", "lang"} (ids are line numbers); with
    ``spread_hours``, also a "published" time, spread evenly over that many hours in file order."""
    texts = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                obj = json.loads(line)
                texts.append(obj.get("textCleaned", obj.get("text", "")))
    start = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)
    lines = []
    for n, text in enumerate(texts):
        record = {"id": str(n), "text": text, "lang": "en"}
        if spread_hours:
            record["published"] = (start + timedelta(hours=spread_hours * n / len(texts))).isoformat()
        lines.append(json.dumps(record))
    return lines


def spread_rows(root: Path, scorer: Any) -> None:
    """The same sets with publication times: topics decay and retire (6 h of silence) on the way, as on
    the wall; the final assignment is made over the whole stream."""
    for rel, name in (("mstream/Tweets.jsonl", "Tweets"), ("mstream/Tweets-T.jsonl", "Tweets-T")):
        path = root / rel
        if not path.is_file():
            continue
        _ids, gold = scorer.read_gold(str(path))
        for hours in (24.0, 72.0):
            result = assign_topics(read_records(as_jsonl(path, hours), utcnow()))
            m = scorer.metrics(gold, [str(a.topic) for a in result])
            print(f"{name} spread over {hours:.0f} h, default sweeps: NMI {m['nmi_geometric']:.3f} "
                  f"ARI {m['ari']:.3f} clusters {m['n_pred_clusters']}/{m['n_gold_clusters']}", flush=True)


def detect_cost(root: Path) -> None:
    """Print what detecting the language of every line (input without "lang") adds per document."""
    path = root / "mstream" / "Tweets-T.jsonl"
    if not path.is_file():
        return
    texts = [json.loads(line)["text"] for line in as_jsonl(path)]
    detect_language("warm up")
    start = time.perf_counter()
    langs = [detect_language(t, ("en",)) for t in texts]
    per_doc = (time.perf_counter() - start) / len(texts) * 1e6
    print(f"language detection (input without lang), Tweets-T: {per_doc:.0f} µs per document more; "
          f"{sum(1 for x in langs if x == 'en') / len(langs):.1%} detected English")


TOWNS = Path(__file__).resolve().parent / "data" / "towns"
CHATTER = ("-", "chatter")


def _keys(info: dict[str, Any]) -> list[str]:
    return list(info.get("keys", info.get("keywords", [])))


def _folded(text: str) -> str:
    return fold(text.lower())


_WORDS = re.compile(r"\w+", re.UNICODE)


def _as_written(label: str, texts: list[str]) -> bool:
    """Whether a name is a phrase people wrote: its words, in that order and next to each other, in one
    of the topic's posts (case and accents aside); two top words glued together mostly are not."""
    words = _WORDS.findall(_folded(label))
    if not words:
        return False
    needle = " " + " ".join(words) + " "
    return any(needle in " " + " ".join(_WORDS.findall(_folded(text))) + " " for text in texts)


def replies_path(path: Path) -> Path:
    """The reply links annotated beside a labelled stream (benchmarks/data/REPLIES.md)."""
    return path.with_suffix("").with_suffix(".replies.json")


def with_replies(lines: list[str], path: Path) -> list[str]:
    """The stream's lines with ``reply_to`` added from its ``.replies.json`` (as a source gives it)."""
    links = json.loads(replies_path(path).read_text(encoding="utf-8"))
    out = []
    for line in lines:
        record = json.loads(line)
        if record["id"] in links:
            record["reply_to"] = links[record["id"]]
        out.append(json.dumps(record, ensure_ascii=False))
    return out


def town_row(path: Path, scorer: Any, seeds: tuple[str, ...] = ("1", "2", "3"),
             lines: list[str] | None = None) -> dict[str, Any]:
    """Score ``newsroom topics`` on one labelled town stream (see benchmarks/data/towns/generate.py).

    AMI counts each chatter post as a class of its own (it belongs to no story); coverage is the median
    share of a story's posts in its largest topic; a story is named when its largest topic's label
    contains one of its key words; deterministic: the command line in subprocesses under ``seeds`` as
    PYTHONHASHSEED gives the same output every time. ``lines``: the stream's lines as given (with
    reply links), else the file's."""
    lines = lines if lines is not None else path.read_text(encoding="utf-8").splitlines()
    names = json.loads(path.with_suffix("").with_suffix(".names.json").read_text(encoding="utf-8"))
    stories = [json.loads(line)["story"] for line in lines]
    start = time.perf_counter()
    given = read_input(lines, utcnow())
    result = assign_topics(given.records, replies=given.replies)
    elapsed = time.perf_counter() - start
    gold = [s if s not in CHATTER else f"-{n}" for n, s in enumerate(stories)]
    pred = [str(a.topic) for a in result]
    m = scorer.metrics(gold, pred)
    sizes = Counter(pred)
    shares, named, bad = [], 0, []
    subjects, readable = load_readable(path), 0
    label_of = {str(a.topic): a.label for a in result}
    texts = [json.loads(line)["text"] for line in lines]
    written = 0
    for story, info in names.items():
        mine = Counter(p for p, s in zip(pred, stories, strict=True) if s == story)
        if not mine:
            continue
        top, k = max(mine.items(), key=lambda kv: (kv[1], kv[0]))
        shares.append(k / sum(mine.values()))
        label = _folded(label_of[top])
        written += _as_written(label_of[top], [t for t, p in zip(texts, pred, strict=True) if p == top])
        readable += subjects is not None and is_readable(label_of[top], subjects.get(story, []))
        if any(_folded(word) in label for word in _keys(info)):
            named += 1
        else:
            bad.append(f"{info['name']!r} -> {label_of[top]!r}")
    outputs = set()
    for seed in seeds:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-m", "newsroom", "topics"], input="\n".join(lines), text=True,
                              capture_output=True, env=env, check=True)
        outputs.add(done.stdout)
    return {"topics": len(sizes), "2+": sum(1 for k in sizes.values() if k >= 2),
            "5+": sum(1 for k in sizes.values() if k >= 5), "stories": len(names), "ami": m["ami"],
            "nmi": m["nmi_geometric"], "coverage": statistics.median(shares), "named": named,
            "written": written, "deterministic": len(outputs) == 1, "docs/s": len(lines) / elapsed,
            "unnamed": bad, "readable": readable if subjects is not None else None}


def wall_assignment(lines: list[str]) -> tuple[dict[str, int], dict[int, str], list[float]]:
    """Replay a town stream through the wall's path (Pipeline with a simulated clock, a poll every five
    stream minutes, a real store in a temporary folder): the store's final topic of every post, the
    wall's labels (the last title shown, or the name a stories pass gave the topic once it had ended),
    and the seconds each consolidation took."""
    import tempfile

    from wall_replay import Replay, stream_mentions

    from newsroom.config import Config
    from newsroom.domain import Search
    from newsroom.pipeline.runner import Pipeline
    from newsroom.store import Store

    mentions = stream_mentions(json.loads(line) for line in lines)
    replay = Replay(mentions)
    timings: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp) / "wall.sqlite3")
        pipeline = Pipeline(Config(), store, replay, clock=lambda: replay.now,  # type: ignore[arg-type]
                            searches=(Search("Town", "Town"),), wall_name="Town")
        consolidate = pipeline.clusterer.consolidate_stories

        def timed(**how: Any) -> int:
            began = time.perf_counter()
            merges = consolidate(**how)
            timings.append(time.perf_counter() - began)
            return merges

        pipeline.clusterer.consolidate_stories = timed  # type: ignore[method-assign]
        step = timedelta(minutes=5)
        labels: dict[int, str] = {}
        ended = pipeline.clusterer.ended_names
        while replay.pos < len(mentions):
            replay.now += step
            before = dict(ended)
            if pipeline.poll_once().new:   # the wall's titles as it shows them, the last one kept
                labels.update((t.id, t.label) for t in pipeline.clusterer.topics(replay.now))
            # then the names a pass gave ended topics (what the store keeps for the briefing)
            labels.update((tid, name) for tid, name in sorted(ended.items()) if before.get(tid) != name)
        final = {m.id: m.topic for m in store.mentions_since(mentions[0].published - step)
                 if m.topic is not None}
        pipeline.close()
    return final, labels, timings


def wall_row(path: Path, scorer: Any, lines: list[str] | None = None) -> dict[str, Any]:
    """The same measures as :func:`town_row` for the wall's final assignment (a topic's name: the last
    title the wall showed for it); ``lines`` as there."""
    lines = lines if lines is not None else path.read_text(encoding="utf-8").splitlines()
    names = json.loads(path.with_suffix("").with_suffix(".names.json").read_text(encoding="utf-8"))
    records = [json.loads(line) for line in lines]
    start = time.perf_counter()
    final, labels, timings = wall_assignment(lines)
    elapsed = time.perf_counter() - start
    gold = [r["story"] if r["story"] not in CHATTER else f"-{n}" for n, r in enumerate(records)]
    pred = [str(final.get(r["id"], f"none{n}")) for n, r in enumerate(records)]
    m = scorer.metrics(gold, pred)
    sizes = Counter(pred)
    shares, named, bad = [], 0, []
    written = 0
    subjects, readable = load_readable(path), 0
    for story, info in names.items():
        mine = Counter(p for p, r in zip(pred, records, strict=True) if r["story"] == story)
        if not mine:
            continue
        top, k = max(mine.items(), key=lambda kv: (kv[1], kv[0]))
        shares.append(k / sum(mine.values()))
        label = labels.get(int(top), "") if top.isdigit() else ""
        written += _as_written(label, [r["text"] for r, p in zip(records, pred, strict=True) if p == top])
        readable += subjects is not None and is_readable(label, subjects.get(story, []))
        if any(_folded(word) in _folded(label) for word in _keys(info)):
            named += 1
        else:
            bad.append(f"{info['name']!r} -> {label!r}")
    return {"topics": len(sizes), "2+": sum(1 for k in sizes.values() if k >= 2),
            "5+": sum(1 for k in sizes.values() if k >= 5), "stories": len(names), "ami": m["ami"],
            "nmi": m["nmi_geometric"], "coverage": statistics.median(shares), "named": named,
            "written": written, "deterministic": None, "docs/s": len(lines) / elapsed, "unnamed": bad,
            "consolidation": max(timings, default=0.0), "readable": readable if subjects is not None else None}


def consolidation_cost(live: int = 1500, seed: int = 5) -> None:
    """Print what one wall consolidation (:meth:`TopicClusterer.consolidate_stories`) costs with about
    ``live`` live topics: a seeded stream of that many small stories (own words each, a few shared)
    posted within two hours; the first consolidation over all of it but its last five minutes, the next
    once those five minutes came in (as on the wall, every five minutes)."""
    import random

    from newsroom.analysis.topics import TopicClusterer

    rng = random.Random(seed)
    shared = [f"gedeeld{k}" for k in range(200)]
    stories = [[f"woord{s}x{k}" for k in range(6)] for s in range(live)]
    start = datetime(2026, 11, 2, 6, 0, tzinfo=UTC)
    posts = []
    for n in range(live * 4):
        story = stories[rng.randrange(live)]
        words = rng.sample(story, 5) + rng.sample(shared, 1)
        posts.append((f"p{n}", " ".join(words), start + timedelta(seconds=7200 * n / (live * 4))))
    clusterer = TopicClusterer(max_topics=2 * live)
    for _, text, _ in posts:
        clusterer.observe(text, "nl")
    cut = posts[-1][2] - timedelta(minutes=5)
    for when, part in (("first", [p for p in posts if p[2] <= cut]), ("next", [p for p in posts if p[2] > cut])):
        for mid, text, published in part:
            clusterer.add(mid, text, "nl", published)
        before = len(clusterer.live_ids())
        began, cpu = time.perf_counter(), time.process_time()
        merges = clusterer.consolidate()
        middle, cpu_middle = time.perf_counter(), time.process_time()
        merges += clusterer.group_stories()
        elapsed, cpu_elapsed = time.perf_counter() - began, time.process_time() - cpu
        print(f"wall consolidation ({when}, {len(part)} posts since) with {before} live topics: "
              f"{elapsed * 1000:.0f} ms ({merges} merges; story grouping {(elapsed - middle + began) * 1000:.0f} ms); "
              f"CPU {cpu_elapsed * 1000:.0f} ms (story grouping {(cpu_elapsed - cpu_middle + cpu) * 1000:.0f} ms); "
              "target < 500 ms")


def story_pass_cost() -> None:
    """Print what one pass of the wall's stories (:func:`wall_stories.story_pass`: ``newsroom topics``'
    computation over the kept recent posts, mapped onto the live topics) costs over the most posts it
    takes (MOST_POSTS): the five generated towns' streams one after the other (town posts, many stories),
    and the generated crisis day (benchmarks/crisis.py: few stories, long posts). CPU time."""
    import tempfile

    from crisis import write_day  # type: ignore[import-not-found]

    from newsroom.analysis import topics as topics_module
    from newsroom.analysis import wall_stories
    from newsroom.analysis.topics import TopicClusterer

    def fed(rows: list[tuple[str, str, datetime]]) -> TopicClusterer:
        clusterer = TopicClusterer()
        for _, text, _ in rows:
            clusterer.observe(text, "nl")
        for mid, text, published in rows:
            clusterer.add(mid, text, "nl", published)
        return clusterer

    town: list[tuple[str, str, datetime]] = []
    base = datetime(2026, 11, 2, tzinfo=UTC)
    for n, path in enumerate(sorted(TOWNS.glob("*.jsonl"))):    # each town a day after the one before
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        when = [datetime.fromisoformat(r["published"].replace("Z", "+00:00")) for r in rows]
        shift = base + timedelta(days=n) - min(when)
        town += [(f"{path.stem}:{r['id']}", r["text"], w + shift) for r, w in zip(rows, when, strict=True)]
    with tempfile.TemporaryDirectory() as tmp:
        day = Path(tmp) / "crisis.jsonl"
        write_day(day, 4 * wall_stories.MOST_POSTS)
        crisis = [(r["id"], r["text"], datetime.fromisoformat(r["published"].replace("Z", "+00:00")))
                  for r in map(json.loads, day.read_text(encoding="utf-8").splitlines())]
    crisis.sort(key=lambda r: r[2])
    was = topics_module.WALL_STORIES
    topics_module.WALL_STORIES = False
    try:
        for name, rows in (("towns", sorted(town, key=lambda r: r[2])), ("crisis day", crisis)):
            clusterer = fed(rows)
            began = time.process_time()
            done = wall_stories.story_pass(clusterer)
            print(f"wall stories pass over the {name}' last {done.posts} posts: "
                  f"{(time.process_time() - began) * 1000:.0f} ms CPU ({done.stories} stories, {done.merges} "
                  f"merges, {done.moves} moves)", flush=True)
    finally:
        topics_module.WALL_STORIES = was


def time_evidence() -> None:
    """How much a post's time says about its story, with the stories' true labels (a ceiling for any
    placing by time): per development stream, the share of story posts whose story holds the most posts
    in the hour before them (weighted by recency, e^(-gap/1.5 h)), and for reply-like posts (at most 10
    words, no word that says what happened, no capitalised word inside) how many posts back the
    previous post of their story is."""
    from newsroom.analysis.subject_words import says_what_happened

    sys.path.insert(0, str(TOWNS))
    from generate import SPLIT  # type: ignore[import-not-found]

    streams = [(f"{town}*", "dev", hand_written_path(town)) for town in HAND_WRITTEN]
    streams += [(town, _split_now(split), TOWNS / f"{town}.jsonl") for town, (_seed, split) in SPLIT.items()]
    print(f"{'stream':12s} {'split':6s} {'posts':>5s} {'span h':>6s} {'top in hour before':>18s} "
          f"{'replies':>7s} {'previous 1st':>12s} {'2-3':>5s} {'4-10':>5s} {'>10':>5s}")
    for name, split, path in streams:
        if not path.is_file():
            continue
        posts = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
        when = [datetime.fromisoformat(p["published"].replace("Z", "+00:00")).timestamp() for p in posts]
        spans: dict[str, list[float]] = {}
        for p, t in zip(posts, when, strict=True):
            if p["story"] not in CHATTER:
                spans.setdefault(p["story"], []).append(t)
        top = counted = 0
        back: Counter[str] = Counter()
        for i, p in enumerate(posts):
            if p["story"] in CHATTER:
                continue
            votes: Counter[str] = Counter()
            j = i - 1
            while j >= 0 and when[j] >= when[i] - 3600:
                if posts[j]["story"] not in CHATTER:
                    votes[posts[j]["story"]] += math.exp(-(when[i] - when[j]) / 5400)
                j -= 1
            if votes:
                counted += 1
                top += max(votes.items(), key=lambda kv: (kv[1], kv[0]))[0] == p["story"]
            words = _WORDS.findall(p["text"])
            if len(words) > 10 or any(says_what_happened(w) for w in words) \
                    or any(w[:1].isupper() for w in words[1:]):
                continue
            k = next((n for n in range(1, i + 1) if posts[i - n]["story"] == p["story"]), 999)
            back["1" if k == 1 else "2-3" if k <= 3 else "4-10" if k <= 10 else ">10"] += 1
        span = statistics.median(max(v) - min(v) for v in spans.values()) / 3600
        replies = sum(back.values())
        print(f"{name:12s} {split:6s} {len(posts):5d} {span:6.1f} {top / max(counted, 1):18.2f} {replies:7d} "
              + " ".join(f"{back[b] / max(replies, 1):{w}.2f}" for b, w in (("1", 12), ("2-3", 5), ("4-10", 5),
                                                                          (">10", 5))), flush=True)
    print("span h: median hours between a story's first and last post; top in hour before: share of story")
    print("posts whose story holds the most posts in the hour before them (true labels, recency-weighted);")
    print("replies: reply-like story posts; previous: how many posts back their story's previous post is")


def _split_now(split: str) -> str:
    """How a generated town is used now: the generator's report-only towns have been tuned on since the
    seventh pass (docs/topics.md), so they are development data, marked apart."""
    return "dev+" if split == "report" else split


def _readable_cell(row: dict[str, Any], key: str) -> str:
    """ "  readable k/n" when the stream has readable keys (benchmarks/readable.py), else nothing."""
    return "" if row.get(key) is None else f"  readable {row[key]}/{row['stories']}"


def town_rows(scorer: Any, show_names: bool, wall: bool = True, replies: bool = False,
              only: set[str] | None = None) -> None:
    """The table of issue 13 for every town stream, development and report-only sets marked; with
    ``replies``, a stream with reply links beside it (``.replies.json``) gets a second row with them."""
    sys.path.insert(0, str(TOWNS))
    from generate import SPLIT  # type: ignore[import-not-found]

    header = (f"{'town':12s} {'split':6s} {'posts':>5s} {'topics':>6s} {'>=2':>4s} {'>=5':>4s} {'stories':>7s} "
              f"{'AMI':>6s} {'NMI':>6s} {'cover':>6s} {'named':>7s} {'written':>7s} {'determ':>6s} {'docs/s':>7s}")
    print(header)
    print("-" * len(header))
    streams = [(f"{town}*", "dev", hand_written_path(town)) for town in HAND_WRITTEN]
    streams += [(town, _split_now(split), TOWNS / f"{town}.jsonl") for town, (_seed, split) in SPLIT.items()]
    runs = []
    for town, split, path in streams:
        if only and town.rstrip("*") not in only:
            continue
        runs.append((town, split, path, None))
        if replies and replies_path(path).is_file():
            lines = with_replies(path.read_text(encoding="utf-8").splitlines(), path)
            runs.append((f"{town[:7]}+links", split, path, lines))
    for town, split, path, lines in runs:
        if not path.is_file():
            continue
        r = town_row(path, scorer, lines=lines)
        posts = sum(1 for _ in path.open(encoding="utf-8"))
        print(f"{town:12s} {split:6s} {posts:5d} {r['topics']:6d} {r['2+']:4d} {r['5+']:4d} {r['stories']:7d} "
              f"{r['ami']:6.3f} {r['nmi']:6.3f} {r['coverage']:6.2f} {r['named']:3d}/{r['stories']:<3d} "
              f"{r['written']:3d}/{r['stories']:<3d} {'yes' if r['deterministic'] else 'NO':>6s} {r['docs/s']:7.0f}"
              f"{_readable_cell(r, 'readable')}", flush=True)
        if show_names:
            for line in r["unnamed"]:
                print(f"    unnamed: {line}")
        if wall:
            w = wall_row(path, scorer, lines)
            print(f"{'  wall':12s} {split:6s} {posts:5d} {w['topics']:6d} {w['2+']:4d} {w['5+']:4d} "
                  f"{w['stories']:7d} {w['ami']:6.3f} {w['nmi']:6.3f} {w['coverage']:6.2f} "
                  f"{w['named']:3d}/{w['stories']:<3d} {w['written']:3d}/{w['stories']:<3d} {'-':>6s} "
                  f"{w['docs/s']:7.0f}  "
                  f"slowest consolidation {w['consolidation'] * 1000:.0f} ms{_readable_cell(w, 'readable')}",
                  flush=True)
            if show_names:
                for line in w["unnamed"]:
                    print(f"    wall unnamed: {line}")
    print("*: hand-written development stream (benchmarks/data/devstreams/); the others: our seeded generator")
    print("dev+: written by the generator as report-only, tuned on since the seventh pass: development data now;"
          " report-only are the hand-written holdouts (benchmarks/holdout.py)")
    print("AMI: chatter posts each a class of their own; cover: median share of a story's posts in its largest")
    print("topic; named: stories whose largest topic's label holds a key word of the story's reference name;")
    print("written: stories whose largest topic's label is a phrase people wrote (its words, in order and")
    print("next to each other, in one of that topic's posts; two top words glued together mostly are not);")
    print("determ: the command line under PYTHONHASHSEED 1, 2, 3 wrote the same output")
    print("readable: the label holds a subject word a staffer wants in the title (<town>.readable.json,")
    print("benchmarks/readable.py: what happened or the thing it is about, never a place or who alone)")
    print("wall: the same stream through the wall's Pipeline (simulated clock, a poll every 5 stream minutes,")
    print("consolidation every few minutes as on the wall): the store's final topic of every post; named: the")
    print("last title the wall showed for the story's largest topic, or the name a pass stored for it once ended")
    if replies:
        print("+links: the same stream with reply_to from its .replies.json (hand-annotated reply links,")
        print("benchmarks/data/REPLIES.md); the row above it is the stream without links")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", default=str(Path(__file__).resolve().parents[2] / "shared"))
    parser.add_argument("--sweeps", default=f"0,{DEFAULT_SWEEPS}", help="comma-separated sweep counts")
    parser.add_argument("--sets", default="", help="comma-separated set names (default: all)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per row (best and median shown)")
    parser.add_argument("--towns-only", action="store_true", help="only the labelled town streams")
    parser.add_argument("--no-towns", action="store_true", help="only the public short-text sets")
    parser.add_argument("--names", action="store_true", help="list the stories whose topic name misses")
    parser.add_argument("--no-wall", action="store_true", help="town streams: leave out the wall rows")
    parser.add_argument("--replies", action="store_true", help="town streams with reply links beside them "
                        "(.replies.json): a second row with reply_to added")
    parser.add_argument("--streams", default="", help="town streams: comma-separated names (default: all)")
    parser.add_argument("--time-evidence", action="store_true", help="only how much a post's time says about "
                        "its story on the development streams (true labels: a ceiling for placing by time)")
    parser.add_argument("--ablate", default="", help="comma-separated parts of the batch's story steps to turn "
                        "off, to compare: concepts (the municipal concepts), frequencies (general word "
                        "frequencies), learned (the learned grouping of fragments: the hand-set bars instead), placement "
                        "(the learned placement of single posts)")
    args = parser.parse_args()
    ablate = {part.strip() for part in args.ablate.split(",") if part.strip()}
    parts = {"concepts", "frequencies", "learned", "placement"}
    if ablate - parts:
        parser.error(f"--ablate: unknown part(s) {', '.join(sorted(ablate - parts))}")
    if "learned" in ablate:
        topic_batch.LEARNED_GROUPING = False
    if "placement" in ablate:
        topic_batch.LEARNED_PLACEMENT = False
    if "concepts" in ablate:
        topic_batch.CONCEPTS_GROUP = topic_batch.CONCEPTS_ABSORB = topic_batch.CONCEPTS_GATHER = 0.0
        topic_batch.CONCEPTS_PLACE = 0.0
    if "frequencies" in ablate:
        topic_batch.GENERAL_FREQUENCIES = False
    if args.time_evidence:
        time_evidence()
        return 0
    shared = Path(args.shared)
    tool = shared / "tools" / "cluster_nmi.py"
    if tool.is_file() and not args.no_towns:
        town_rows(load_tool(tool), args.names, not args.no_wall, args.replies,
                  {t.strip() for t in args.streams.split(",") if t.strip()})
        if not args.no_wall:
            consolidation_cost()
            story_pass_cost()
    if args.towns_only:
        return 0
    root = shared / "benchmarks" / "short-text-clustering"
    if not root.is_dir() or not tool.is_file():
        print(f"short-text clustering benchmark not found under {root} (or {tool}); skipped")
        return 0
    scorer = load_tool(tool)
    wanted = {s.strip() for s in args.sets.split(",") if s.strip()}
    sweeps_list = [int(s) for s in args.sweeps.split(",") if s.strip()]
    print(f"alpha={ALPHA} beta={BETA} (same for every set); NMI = geometric, as in the papers")
    header = (f"{'set':9s} {'sweeps':>6s} {'NMI':>6s} {'AMI':>6s} {'ARI':>6s} {'batchNMI':>8s} "
              f"{'clusters':>11s} {'>=5':>5s} {'single':>6s} {'docs/s':>8s} {'median':>8s}  anchor")
    print(header)
    print("-" * len(header))
    for rel, name, anchor_name, anchor in SETS:
        path = root / rel
        if (wanted and name not in wanted) or not path.is_file():
            continue
        _ids, gold = scorer.read_gold(str(path))
        lines = as_jsonl(path)
        for sweeps in sweeps_list:
            runs = []
            with Progress(f"{name} sweeps={sweeps}", total=max(args.repeat, 1), unit="runs") as bar:
                for _ in bar.iterate(range(max(args.repeat, 1))):
                    start = time.perf_counter()
                    records = read_records(lines, utcnow())
                    result = assign_topics(records, sweeps=sweeps)
                    runs.append(time.perf_counter() - start)
            elapsed, typical = min(runs), statistics.median(runs)
            pred = [str(a.topic) for a in result]
            m = scorer.metrics(gold, pred)
            n = len(gold)
            batch = []
            for b in range(16):
                lo, hi = b * n // 16, (b + 1) * n // 16
                batch.append(scorer.own_metrics(gold[lo:hi], pred[lo:hi])["nmi_geometric"])
            ami = "n/a" if m["ami"] is None else f"{m['ami']:.3f}"
            sizes = Counter(pred).values()
            big = sum(1 for k in sizes if k >= 5)
            single = sum(1 for k in sizes if k == 1)
            verdict = ""
            if anchor is not None:
                verdict = f"{anchor_name} {anchor:.3f} {'met' if m['nmi_geometric'] >= anchor else 'NOT met'}"
            print(f"{name:9s} {sweeps:6d} {m['nmi_geometric']:6.3f} {ami:>6s} {m['ari']:6.3f} "
                  f"{sum(batch) / len(batch):8.3f} {m['n_pred_clusters']:5d}/{m['n_gold_clusters']:<5d} {big:5d} {single:6d} "
                  f"{n / elapsed:8.0f} {n / typical:8.0f}  {verdict}", flush=True)
    if not wanted:
        spread_rows(root, scorer)
    detect_cost(root)
    print("batchNMI: mean NMI over 16 consecutive equal slices (the per-batch view of the MStream paper)")
    print("clusters: found/true; >=5: found clusters of at least 5 documents; single: one-document clusters")
    print("docs/s: wall clock (parsing included), the best of --repeat runs (the least disturbed by other")
    print("work on this shared machine); median: the median of those runs; the target is >= 5,000 docs/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
