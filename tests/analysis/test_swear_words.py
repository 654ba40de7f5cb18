"""Swear words never name a topic nor stand in its cloud (the wall hangs in a town hall), while the
words they look like stay ("kleren", "eikels", "Kom op tegen Kanker")."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsroom.analysis.cloud_filter import shown_in_cloud
from newsroom.analysis.swear_words import is_swear_word, masked
from newsroom.analysis.topic_names import name_topic
from newsroom.analysis.topic_words import WordReader

WEATHER = ["Kutweer vandaag in Lindeveld, alles nat", "Wat een kutweer weer", "Kutweer, de kelder loopt vol",
           "Kutweer en de bus is te laat"]


@pytest.mark.parametrize("word", ["kut", "Kut", "KUT", "#kutweer", "Klotebus", "tering", "godverdomme",
                                  "Fucking", "shit", "merde", "Putain", "WTF", "klootzakken"])
def test_swear_words_are_known(word: str) -> None:
    assert is_swear_word(word)
    assert not shown_in_cloud(word)


@pytest.mark.parametrize("word", ["kleren", "eikels", "kanker", "Kanker", "kankeronderzoek", "zakken", "con",
                                  "unique", "Kerkstraat", "shiitake", "bordeel"])
def test_words_that_look_alike_stay(word: str) -> None:
    assert not is_swear_word(word)
    assert shown_in_cloud(word)


def test_a_cloud_phrase_with_a_swear_word_is_left_out() -> None:
    assert not shown_in_cloud("kut bus")
    assert shown_in_cloud("bus 47")


def test_a_topic_is_never_named_by_a_swear_word() -> None:
    """Before, the topic below was called "Kutweer Lindeveld"."""
    reader = WordReader()
    for text in WEATHER:
        reader.read(text, "nl")
    name = name_topic([(t, "nl") for t in WEATHER], reader, lambda w: 1.0)
    assert name
    assert not any(is_swear_word(w) for w in name.split())


def test_masked_keeps_the_first_letter() -> None:
    assert masked("Kut!!! #kutweer, wat een shit") == "K**!!! #k******, wat een s***"
    assert masked("Kom op tegen Kanker") == "Kom op tegen Kanker"


def test_the_command_line_masks_a_label_taken_from_a_post() -> None:
    """A topic of posts that hold nothing but swearing is labelled by its first post's words, masked."""
    lines = [{"id": "1", "text": "Kut!!!", "published": "2026-11-17T07:13:00Z"},
             {"id": "2", "text": "Fucking shit", "published": "2026-11-17T07:14:00Z"}]
    done = subprocess.run([sys.executable, "-m", "newsroom", "topics"], input="\n".join(json.dumps(x) for x in lines),
                          capture_output=True, text=True, check=True, timeout=120)
    labels = [json.loads(line)["label"] for line in done.stdout.splitlines()]
    assert labels == ["K**!!!", "F****** s***"]


def test_a_wall_topic_of_nothing_but_swearing_is_called_by_its_masked_first_words() -> None:
    """No word to name it by once swear words name nothing: the tile's title is the first post's first
    words, masked, never empty (before: "Kutweer")."""
    from datetime import UTC, datetime, timedelta

    from newsroom.analysis.topics import TopicClusterer

    clusterer = TopicClusterer()
    start = datetime(2026, 11, 17, 8, tzinfo=UTC)
    clusterer.add("m1", "Kutweer", "nl", start, negative=True)
    labels = [t.label for t in clusterer.topics(start + timedelta(minutes=5), min_size=1)]
    assert labels == ["K******"]
