"""Quality floors on our own labelled social-media posts (held out: never used for tuning; the
``*_dev`` files were). Floors, not targets: benchmarks/sentiment.py prints the measured figures."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from newsroom.analysis.sentiment import SentimentScorer
from tests.analysis.f1 import macro_f1

DATA = Path(__file__).resolve().parents[1] / "data" / "sentiment"
LABELS = {"positive", "negative", "neutral"}


def load(name: str) -> list[dict[str, str]]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize(("name", "minimum"), [
    ("social_nl.jsonl", 300), ("social_nl_dev.jsonl", 150), ("social_fr.jsonl", 60), ("social_en.jsonl", 60),
    ("social_fr_dev.jsonl", 30), ("social_en_dev.jsonl", 30),
])
def test_sets_are_well_formed_and_balanced(name: str, minimum: int) -> None:
    rows = load(name)
    assert len(rows) >= minimum
    counts = Counter(r["label"] for r in rows)
    assert set(counts) == LABELS
    assert min(counts.values()) >= len(rows) / 4  # balanced-ish: every class at least a quarter
    assert all(isinstance(r["text"], str) and r["text"].strip() for r in rows)


def test_held_out_sets_share_no_post_with_dev_sets() -> None:
    for lang in ("nl", "fr", "en"):
        held_out = {r["text"] for r in load(f"social_{lang}.jsonl")}
        dev = {r["text"] for r in load(f"social_{lang}_dev.jsonl")}
        assert not held_out & dev


@pytest.mark.parametrize(("name", "lang", "floor"), [
    ("social_nl.jsonl", "nl", 0.75),
    ("social_fr.jsonl", "fr", 0.68),
    ("social_en.jsonl", "en", 0.70),
])
def test_macro_f1_floor_on_held_out_posts(name: str, lang: str, floor: float) -> None:
    rows = load(name)
    scorer = SentimentScorer()
    pred = [scorer.score(r["text"], lang).label.value for r in rows]
    assert macro_f1([r["label"] for r in rows], pred, LABELS) >= floor


def test_language_detection_does_not_break_the_dutch_floor() -> None:
    rows = load("social_nl.jsonl")
    scorer = SentimentScorer()
    pred = [scorer.score(r["text"]).label.value for r in rows]  # language detected per post
    assert macro_f1([r["label"] for r in rows], pred, LABELS) >= 0.72
