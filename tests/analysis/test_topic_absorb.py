"""Small fragments join the story that explains them (:mod:`newsroom.analysis.topic_absorb`), on a
hand-written stream of one town's day (tests/data/topic_replies.jsonl: a burst water pipe, a lost dog,
a music festival, and chatter; many replies without the story's keyword); small fragments gathered by
the names they share; a name in an English post read with the Dutch posts' key."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from newsroom.analysis.story_fragment import Fragment
from newsroom.analysis.topic_absorb import absorb_fragments, gather_fragments
from newsroom.analysis.topic_batch import assign_topics
from newsroom.commands.topics import read_records

STREAM = Path(__file__).resolve().parents[1] / "data" / "topic_replies.jsonl"
H = 3600.0


def _idf(word: str) -> float:
    return 2.0


def test_a_reply_with_one_of_the_story_words_joins_it_and_chatter_stays() -> None:
    story = [frozenset({"waterleiding", "lindestraat", "kraan"}), frozenset({"lindestraat", "kraan", "water"}),
             frozenset({"lindestraat", "water"}), frozenset({"kraan", "water", "watergroep"})]
    reply = frozenset({"kraan", "bruin"})        # no 'Lindestraat', no 'waterleiding'
    chatter = frozenset({"loodgieter", "badkamer"})
    words = [*story, reply, chatter]
    times = [0.0, 0.2 * H, 0.5 * H, 0.8 * H, 1.0 * H, 1.1 * H]
    topics = [1, 1, 1, 1, 2, 3]
    moved = absorb_fragments(words, times, topics, _idf)
    assert moved == 1
    assert topics == [1, 1, 1, 1, 1, 3]


def test_a_post_far_from_the_story_in_time_stays_alone() -> None:
    story = [frozenset({"kraan", "water", "lindestraat"})] * 4
    late = frozenset({"kraan", "lekt"})           # a leaking tap two days later is not the burst pipe
    topics = [1, 1, 1, 1, 2]
    moved = absorb_fragments([*story, late], [0.0, 0.1 * H, 0.2 * H, 0.3 * H, 48 * H], topics, _idf)
    assert moved == 0
    assert topics == [1, 1, 1, 1, 2]


def test_small_topics_never_take_posts_from_big_ones() -> None:
    words = [frozenset({"band", "walsrock"})] * 4 + [frozenset({"band", "marktplein"})] * 3
    topics = [1, 1, 1, 1, 2, 2, 2]
    assert absorb_fragments(words, [0.0] * 7, topics, _idf) == 0
    assert topics == [1, 1, 1, 1, 2, 2, 2]


def test_ties_go_to_the_bigger_then_lower_topic_whatever_the_order() -> None:
    a = [frozenset({"kermis", "markt"})] * 4
    b = [frozenset({"kermis", "markt"})] * 5
    post = frozenset({"kermis"})
    for first, second, big in ((10, 20, 20), (20, 10, 10)):
        topics = [first] * 4 + [second] * 5 + [30]
        absorb_fragments([*a, *b, post], [0.0] * 10, topics, _idf)
        assert topics[-1] == big


def _stream() -> tuple[list[str], list[str], list[int]]:
    lines = STREAM.read_text(encoding="utf-8").splitlines()
    stories = [json.loads(line)["story"] for line in lines]
    now = datetime(2026, 5, 6, tzinfo=UTC)
    topics = [a.topic for a in assign_topics(read_records(lines, now))]
    return lines, stories, topics


def test_replies_without_the_keyword_end_in_their_story_and_stories_stay_apart() -> None:
    _lines, stories, topics = _stream()
    largest = {}
    for story in ("water", "dog", "fest"):
        mine = Counter(t for t, s in zip(topics, stories, strict=True) if s == story)
        top, k = max(mine.items(), key=lambda kv: (kv[1], -kv[0]))
        assert k >= 0.9 * sum(mine.values()), (story, mine)
        largest[story] = top
    assert len(set(largest.values())) == 3


def _is_place(word: str) -> bool:
    return word in {"hoogveld", "kerkstraat", "molenstraat"}


def test_small_fragments_that_name_one_place_are_gathered() -> None:
    story = Fragment(1, 2.0, {"hoogveld": 1.0, "inbraak": 2.0, "politie": 2.0, "dief": 2.0, "nacht": 2.0},
                     (0.0, 0.5 * H))
    reply = Fragment(2, 1.0, {"hoogveld": 1.0, "camera": 1.0, "gekocht": 1.0, "deurbel": 1.0, "slim": 1.0,
                              "buurt": 1.0}, (2 * H,))
    chatter = Fragment(3, 1.0, {"loodgieter": 1.0, "badkamer": 1.0}, (1 * H,))
    assert gather_fragments([story, reply, chatter], _idf, _is_place) == [(1, 2)]
    # the one shared word is the place's name that makes it: an ordinary word would not be enough
    assert gather_fragments([story, reply, chatter], _idf, lambda w: False) == []


def test_two_stories_of_their_own_size_are_not_gathered() -> None:
    words = {"wegenwerken": 6.0, "omleiding": 6.0, "hinder": 3.0}
    big = [Fragment(tid, 6.0, dict(words), tuple(float(k) * H for k in range(6))) for tid in (1, 2)]
    assert gather_fragments(big, _idf, _is_place) == []
    small = [Fragment(tid, 2.0, {w: c / 3 for w, c in words.items()}, (0.0, H)) for tid in (1, 2)]
    assert gather_fragments(small, _idf, _is_place) == [(1, 2)]


def test_fragments_that_each_name_another_street_stay_apart() -> None:
    a = Fragment(1, 2.0, {"kerkstraat": 2.0, "wegenwerken": 2.0}, (0.0, H))
    b = Fragment(2, 2.0, {"molenstraat": 2.0, "wegenwerken": 2.0}, (0.5 * H, 1.5 * H))
    assert gather_fragments([a, b], _idf, _is_place) == []


def test_a_name_in_another_language_gets_the_key_of_the_stream_language() -> None:
    from newsroom.analysis.topic_batch import one_language_keys
    from newsroom.analysis.topics import TopicClusterer

    clusterer = TopicClusterer(keep_docs=True)
    when = datetime(2026, 5, 6, tzinfo=UTC)
    posts = [("1", "Bakkerij Verhaegen sluit de deuren", "nl"), ("2", "Jammer van Verhaegen", "nl"),
             ("3", "So sad that Verhaegen is closing, best bread in town", "en")]
    read = [(mid, text, when, lang, clusterer._terms(text, clusterer._reading_language(lang), ()))
            for mid, text, lang in posts]
    dutch = read[0][4][1]
    assert dutch not in read[2][4]                  # stemmed in English, the name is another word
    out = one_language_keys(clusterer, read)
    assert dutch in out[2][4]
    assert "bread" in out[2][4] and out[:2] == read[:2]   # its own words and the Dutch posts unchanged
