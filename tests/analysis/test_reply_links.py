"""Reply links as evidence of a story (newsroom.analysis.reply_links): a reply that carries none of the
story's words ("Klopt", "Mooi zo") goes where the post it answers went, in ``newsroom topics``, in the
streaming clusterer, in the wall's stories pass and through the collector's pipeline; a bad
``reply_to`` is a usage error; the result is the same whatever the hash seed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsroom.analysis.reply_links import naming_posts, usable_links
from newsroom.analysis.topic_batch import assign_topics
from newsroom.analysis.topics import TopicClusterer
from tests.analysis.test_wall_stories import _mentions, _stream, _wall, _wall_pipeline

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 11, 23, 7, 0, tzinfo=UTC)

#: two stories told over a morning, and replies that carry none of their words
BRIDGE = ["De Kanaalbrug is dicht voor herstelling van de pijlers",
          "Omleiding voor fietsers aan de Kanaalbrug, de brug blijft dicht",
          "Herstelling van de Kanaalbrug loopt vertraging op, pijlers beschadigd",
          "Kanaalbrug dicht: bussen rijden om via de Kanaalweg",
          "Wanneer gaat de Kanaalbrug terug open? De omleiding duurt lang",
          "Aannemer werkt aan de pijlers van de Kanaalbrug"]
BAKERY = ["Bakkerij Verhaegen in de Dorpsstraat sluit eind deze maand",
          "Geen opvolger voor bakker Verhaegen, de bakkerij sluit",
          "Wij gaan de koffiekoeken van bakkerij Verhaegen missen",
          "Bakker Verhaegen stopt na veertig jaar in de Dorpsstraat",
          "Laatste week van bakkerij Verhaegen, rij tot aan de kerk",
          "De bakkerij van Verhaegen in de Dorpsstraat krijgt misschien een opvolger"]
#: (reply id, text, the post it answers)
REPLIES = [("r1", "Klopt helemaal, ik zag het ook", "bake-2"),
           ("r2", "Echt waar? Dat wist ik niet", "bridge-4"),
           ("r3", "Mooi zo, merci om te delen", "r1")]


def _lines(with_links: bool) -> list[str]:
    rows: list[dict[str, str]] = []
    for n, (bridge, bakery) in enumerate(zip(BRIDGE, BAKERY, strict=True)):
        rows.append({"id": f"bridge-{n}", "text": bridge})
        rows.append({"id": f"bake-{n}", "text": bakery})
    for n, row in enumerate(rows):
        row["published"] = (T0 + timedelta(minutes=10 * n)).isoformat()
    for n, (mid, text, parent) in enumerate(REPLIES):
        row = {"id": mid, "text": text, "published": (T0 + timedelta(hours=2, minutes=n)).isoformat()}
        if with_links:
            row["reply_to"] = parent
        rows.append(row)
    return [json.dumps(r, ensure_ascii=False) for r in rows]


def _topics(lines: list[str], seed: str = "0") -> tuple[dict[str, int], subprocess.CompletedProcess[str]]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-m", "newsroom", "topics"], input="\n".join(lines) + "\n",
                          capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    out = {r["id"]: r["topic"] for r in map(json.loads, done.stdout.splitlines())}
    return out, done


def test_newsroom_topics_puts_a_reply_without_the_storys_words_with_the_post_it_answers() -> None:
    linked, done = _topics(_lines(with_links=True))
    assert done.returncode == 0, done.stderr
    assert linked["r1"] == linked["bake-2"] == linked["bake-0"]
    assert linked["r2"] == linked["bridge-4"] == linked["bridge-0"]
    assert linked["r3"] == linked["bake-2"]                     # a reply to a reply: the same thread
    plain, _ = _topics(_lines(with_links=False))
    assert plain["r1"] != plain["bake-2"]                       # its words alone do not say it
    assert plain["r2"] != plain["bridge-4"]


def test_the_same_output_whatever_the_hash_seed() -> None:
    outputs = {_topics(_lines(with_links=True), seed)[1].stdout for seed in ("1", "2", "3")}
    assert len(outputs) == 1


def test_a_reply_to_that_is_no_id_is_a_usage_error_naming_the_line() -> None:
    """A number is an id (pass 21: ids may be numbers); a list is not."""
    lines = _lines(with_links=False)
    lines[3] = json.dumps({"id": "x", "text": "Klopt", "reply_to": [7]})
    _, done = _topics(lines)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip().splitlines() == [
        "newsroom: line 4: reply_to must be the id of an earlier line as a string in double quotes, "
        "not a list; see docs/formats.md"]


def test_ids_and_reply_to_may_be_numbers() -> None:
    """The same stream with every id and reply_to a number: the same topics, the ids echoed as numbers."""
    given = [json.loads(line) for line in _lines(with_links=True)]
    number = {str(g["id"]): n for n, g in enumerate(given, 100)}
    numeric = [{**g, "id": number[str(g["id"])],
                **({"reply_to": number.get(str(g["reply_to"]), g["reply_to"])} if g.get("reply_to") else {})}
               for g in given]
    _, done = _topics([json.dumps(g) for g in given])
    _, done_numeric = _topics([json.dumps(g) for g in numeric])
    assert done.returncode == done_numeric.returncode == 0
    words = [json.loads(line) for line in done.stdout.splitlines()]
    numbers = [json.loads(line) for line in done_numeric.stdout.splitlines()]
    assert [o["id"] for o in numbers] == list(range(100, 100 + len(given)))
    assert [(o["topic"], o["label"]) for o in numbers] == [(o["topic"], o["label"]) for o in words]


def test_a_parent_we_never_saw_a_later_one_or_null_is_ignored() -> None:
    plain = _lines(with_links=False)
    odd = [json.loads(line) for line in plain]
    odd[0]["reply_to"] = "bake-5"           # a later line
    odd[1]["reply_to"] = "elsewhere-17"     # not in the stream
    odd[2]["reply_to"] = odd[2]["id"]       # itself
    odd[3]["reply_to"] = None
    assert _topics([json.dumps(r) for r in odd])[1].stdout == _topics(plain)[1].stdout
    assert usable_links(["a", "b", "c"], {"a": "c", "b": "a", "c": "c", "z": "a"}) == {"b": "a"}


def test_a_topic_is_named_from_its_posts_that_answer_no_one() -> None:
    posts = [("a", "Bakkerij Verhaegen sluit", "nl"), ("b", "Klopt, jammer", "nl"), ("c", "Ja echt", None)]
    assert naming_posts(posts, {"b": "a", "c": "b"}) == [("Bakkerij Verhaegen sluit", "nl")]
    assert naming_posts(posts[1:], {"b": "a", "c": "b"}) == [("Klopt, jammer", "nl"), ("Ja echt", None)]
    assert naming_posts(posts, {}) == [(text, lang) for _, text, lang in posts]


def test_the_batch_keeps_a_thread_whole_after_its_story_steps() -> None:
    records = [(r["id"], r["text"], datetime.fromisoformat(r["published"]), "nl")
               for r in map(json.loads, _lines(with_links=False))]
    done = {a.id: a.topic for a in assign_topics(records, replies={"r1": "bake-2", "r3": "r1"})}
    assert done["r1"] == done["r3"] == done["bake-2"]


def test_without_times_too_a_reply_goes_with_its_parent() -> None:
    records = [(r["id"], r["text"], T0, "nl") for r in map(json.loads, _lines(with_links=False))]
    plain = {a.id: a.topic for a in assign_topics(records)}
    linked = {a.id: a.topic for a in assign_topics(records, replies={"r1": "bake-2", "r2": "bridge-4"})}
    assert plain["r1"] != plain["bake-2"]
    assert plain["r2"] != plain["bridge-4"]
    assert linked["r1"] == linked["bake-2"]
    assert linked["r2"] == linked["bridge-4"]


def test_the_streaming_clusterer_places_a_reply_with_its_parent() -> None:
    c = TopicClusterer()
    at = T0
    for n, text in enumerate(BRIDGE + BAKERY):
        c.add(f"p{n}", text, "nl", at + timedelta(minutes=n))
    bakery = c.assignments()["p8"]
    without = c.add("r0", "Klopt helemaal, ik zag het ook", "nl", at + timedelta(minutes=30))
    with_link = c.add("r1", "Klopt helemaal, ik zag het ook", "nl", at + timedelta(minutes=31), reply_to="p8")
    assert with_link == c.resolve(bakery)
    assert without != with_link
    c.add("r3", "", "nl", at + timedelta(minutes=32), reply_to="r1")    # no words at all: still its thread
    assert c.assignments()["r3"] == with_link
    assert c.add("r4", "Echt waar, de Kanaalbrug", "nl", at + timedelta(minutes=33),
                 reply_to="never-seen") != with_link                  # a parent never seen: its words


def test_a_thread_of_posts_without_words_is_no_tile() -> None:
    c = TopicClusterer()
    c.add("a", "Top", "nl", T0)
    for n, (mid, text, parent) in enumerate([("b", "Ja echt", "a"), ("c", "😂", "b"), ("d", "Hoe lang nog?", "a")]):
        c.add(mid, text, "nl", T0 + timedelta(minutes=n + 1), reply_to=parent)
    assert len(set(c.assignments().values())) == 4          # each alone, as posts without words were
    assert c.topics(T0 + timedelta(minutes=5)) == []         # no blank tile


def _replied_stream() -> tuple[list[tuple[str, str, datetime, str]], dict[str, str]]:
    """The wall stories' three-day stream with wordless replies under some of its posts."""
    posts = _stream()
    answers = ["Klopt helemaal", "Echt waar?", "Mooi zo, merci", "Dat dacht ik ook al", "Haha ja"]
    parents = [p for p in posts if p[3] != "-"][7::11]
    replies = {}
    for n, (mid, _, published, story) in enumerate(parents):
        rid = f"reply{n}"
        replies[rid] = mid
        posts.append((rid, answers[n % len(answers)], published + timedelta(minutes=2), story))
    return sorted(posts, key=lambda p: (p[2], p[0])), replies


def test_the_wall_keeps_replies_with_their_parents_through_its_stories_passes() -> None:
    posts, replies = _replied_stream()

    def wall(links: dict[str, str]) -> dict[str, int]:
        return _wall(posts, links).assignments()

    linked = wall(replies)
    assert all(linked[r] == linked[p] for r, p in replies.items())
    plain = wall({})
    assert any(plain[r] != plain[p] for r, p in replies.items())


def test_the_pipeline_hands_reply_to_to_the_clusterer(tmp_path: Path) -> None:
    posts, replies = _replied_stream()
    mentions = _mentions(posts, replies)
    end = posts[-1][2] + timedelta(hours=1)
    pipeline = _wall_pipeline(tmp_path / "wall.sqlite3", lambda: end)
    try:
        for m in mentions:
            pipeline.ingest([m])
        stored = {m.id: m.topic for m in pipeline.store.mentions_since(T0 - timedelta(hours=1))}
    finally:
        pipeline.close()
    assert all(stored[r] == stored[p] for r, p in replies.items())


def test_a_reply_of_no_words_follows_its_parent_when_a_stories_pass_moves_it() -> None:
    """"Echt waar?" under a post is a post of no words, which no step reads: a stories pass that moved
    the parent to another story left the reply behind in the old topic."""
    from newsroom.analysis import topic_recent

    c = TopicClusterer()
    start = datetime(2026, 11, 24, 9, tzinfo=UTC)
    c.add("parent", "Bakkerij Verhaegen in de Dorpsstraat sluit na veertig jaar", "nl", start)
    c.add("other", "Wegenwerken in de Kerkstraat tot maart, omleiding via de Molenweg", "nl",
          start + timedelta(minutes=1))
    c.add("reply", "Echt waar?", "nl", start + timedelta(minutes=2), reply_to="parent")
    c.add("reply2", "Ja 😢", "nl", start + timedelta(minutes=3), reply_to="reply")
    assert c.assignments()["reply"] == c.assignments()["reply2"] == c.assignments()["parent"]
    kept = {post.id: (post, tid) for post, tid in c.recent_posts()}
    assert set(kept) == {"parent", "other"}               # no step reads a post of no words
    post, old = kept["parent"]
    new = c.new_topic(start)
    c.move_posts([(post, old, new)])                      # what a pass does to the parent
    assert topic_recent.follow_parents(c) == 2           # the reply, and the reply to it, at once
    assert c.assignments()["reply"] == c.assignments()["reply2"] == c.assignments()["parent"] == c.resolve(new)
    assert c.drain_moves()["reply2"] == c.resolve(new)      # the store is told
    assert topic_recent.follow_parents(c) == 0
    tiles = c.topics(start + timedelta(minutes=5), min_size=1)   # a post of no words is no sample: the
    assert any(t.id == c.resolve(new) and t.size == 3 for t in tiles)   # tile is summed (it divided by 0)
