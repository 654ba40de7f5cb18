"""Learned placement of single posts: the features of a post and a topic, the moves the model's
probability makes, and the shipped model being what its training script makes from the development
streams."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newsroom.analysis import topic_placement
from newsroom.analysis.topic_pairs import PairModel
from newsroom.analysis.topic_placement import (
    FEATURES,
    Post,
    candidates,
    place_by_model,
    shipped_model,
)
from tests.benchmark_scripts import benchmark_script

ROOT = Path(__file__).resolve().parents[2]
H = 3600.0


def _idf(word: str) -> float:
    return {"gete": 3.0, "kelder": 2.5, "zandzak": 3.0, "kermis": 3.0, "molenplein": 3.5,
            "stationsstraat": 3.5}.get(word, 1.0)


def _is_name(word: str) -> bool:
    return word in {"molenplein", "stationsstraat"}


def _post(words: set[str], hour: float, text: str = "") -> Post:
    return Post(frozenset(words), hour * H, reply_like=False, question="?" in text)


FLOOD = [_post({"gete", "kelder"}, 1.0), _post({"gete", "zandzak"}, 1.5), _post({"gete", "kelder", "zandzak"}, 2.0),
         _post({"kelder", "zandzak"}, 2.5)]
FAIR = [_post({"kermis", "molenplein"}, 30.0), _post({"kermis"}, 31.0), _post({"kermis", "molenplein"}, 32.0)]


def _named(rows: list[tuple[int, list[float]]]) -> dict[int, dict[str, float]]:
    return {tid: dict(zip(FEATURES, x, strict=True)) for tid, x in rows}


def test_a_post_is_compared_with_its_own_topic_without_itself_and_with_the_topics_of_its_words() -> None:
    stray = _post({"kelder", "gete"}, 31.5)             # a flood post that landed in the fair's topic
    posts = [*FLOOD, *FAIR, stray]
    topics = [1, 1, 1, 1, 2, 2, 2, 2]
    rows = candidates(posts, topics, _idf, _is_name)
    own, flood = rows[-1][0], rows[-1][1]
    assert own[0] == 2 and flood[0] == 1 and len(rows[-1]) == 2
    seen = _named(rows[-1])
    assert seen[2]["own"] == 1.0 and seen[1]["own"] == 0.0
    assert seen[2]["explained"] == 0.0                  # the fair's three posts use none of its words
    assert seen[1]["explained"] == pytest.approx((2.5 * 0.75 + 3.0 * 0.75) / 5.5)
    assert seen[1]["explained_rel"] == 1.0 and seen[1]["subject_share"] == 0.75
    assert seen[2]["closeness"] > seen[1]["closeness"]   # the fair is near in time, the flood a day away
    assert seen[2]["log_size"] == pytest.approx(math.log1p(3))
    # a post alone: its own topic, without it, holds nothing
    alone = _named(candidates([*FLOOD, _post({"zandzak"}, 3.0)], [1, 1, 1, 1, 5], _idf, _is_name)[-1])
    assert alone[5]["log_size"] == 0.0 and alone[5]["closeness"] == 0.0 and alone[1]["explained"] > 0.0


def test_a_post_names_a_place_its_topic_never_names() -> None:
    station = [_post({"kermis", "stationsstraat"}, 30.5)]
    seen = _named(candidates([*FAIR, *station], [2, 2, 2, 7], _idf, _is_name)[-1])
    assert seen[2]["foreign_name"] == 1.0 and seen[2]["shared_name"] == 0.0
    seen = _named(candidates([*FAIR, _post({"kermis", "molenplein"}, 30.5)], [2, 2, 2, 7], _idf, _is_name)[-1])
    assert seen[2]["shared_name"] == 1.0 and seen[2]["foreign_name"] == 0.0


def _model(weights: dict[str, float], intercept: float, level: float) -> PairModel:
    n = len(FEATURES)
    return PairModel(FEATURES, (0.0,) * n, (1.0,) * n, tuple(weights.get(f, 0.0) for f in FEATURES), intercept,
                     level)


def test_posts_move_to_the_most_probable_topic_from_the_level_on() -> None:
    stray = _post({"kelder", "gete"}, 31.5)
    posts = [*FLOOD, *FAIR, stray]
    topics = [1, 1, 1, 1, 2, 2, 2, 2]
    words = _model({"explained": 8.0}, -4.0, 0.5)          # p > 0.5 when half the post's weight is explained
    assert place_by_model(posts, topics, _idf, _is_name, words) == 1
    assert topics == [1, 1, 1, 1, 2, 2, 2, 1]                # only the stray moved; the others stay
    assert place_by_model(posts, topics, _idf, _is_name, words) == 0
    strict = [1, 1, 1, 1, 2, 2, 2, 2]
    assert place_by_model(posts, strict, _idf, _is_name, _model({"explained": 8.0}, -4.0, 0.999)) == 0
    assert strict == [1, 1, 1, 1, 2, 2, 2, 2]                # below the level: nobody moves


def test_placement_is_the_same_whatever_the_order_of_topic_ids() -> None:
    stray = _post({"kelder", "gete"}, 31.5)
    model = _model({"explained": 8.0, "closeness": 1.0}, -4.0, 0.5)
    one = [1, 1, 1, 1, 2, 2, 2, 2]
    other = [9, 9, 9, 9, 3, 3, 3, 3]
    place_by_model([*FLOOD, *FAIR, stray], one, _idf, _is_name, model)
    place_by_model([*FLOOD, *FAIR, stray], other, _idf, _is_name, model)
    assert [{1: 9, 2: 3}[t] for t in one] == other




def test_posts_scored_a_chunk_at_a_time_move_as_when_scored_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    strays = [_post({"kelder", "gete"}, 31.5), _post({"kermis", "molenplein"}, 2.2), _post({"zandzak"}, 31.8)]
    posts = [*FLOOD, *FAIR, *strays]
    model = _model({"explained": 8.0}, -4.0, 0.5)
    whole = [1, 1, 1, 1, 2, 2, 2, 2, 1, 2]
    assert place_by_model(posts, whole, _idf, _is_name, model) == 2
    assert whole == [1, 1, 1, 1, 2, 2, 2, 1, 1, 1]             # the two flood posts in the fair moved
    monkeypatch.setattr(topic_placement, "CHUNK", 3)   # chunks end inside the strays, not on a topic
    chunked = [1, 1, 1, 1, 2, 2, 2, 2, 1, 2]
    assert place_by_model(posts, chunked, _idf, _is_name, model) == 2
    assert chunked == whole


def test_the_shipped_model_is_what_its_script_trains_from_the_development_streams() -> None:
    shipped = shipped_model()
    assert shipped.features == FEATURES and 0.0 < shipped.level < 1.0
    script = benchmark_script("topic_placement")
    data = script.training_data()
    assert set(script.SHIPPED_STREAMS) == {"meerhoutem*", "dommelroode*", "brugwaarde*", "zuidervelde*",
                                           "lindeveld", "oosterbeke", "kaaienburg", "vlietrode", "heidemaal"}
    assert set(script.SHIPPED_STREAMS) <= set(data)
    model = script.shipped(data, shipped.level)
    assert model.coef == pytest.approx(shipped.coef, abs=1e-6)
    assert model.intercept == pytest.approx(shipped.intercept, abs=1e-6)
    written = json.loads((ROOT / "newsroom" / "analysis" / "lexicons" / "placement_model.json").read_text("utf-8"))
    assert written["features"] == list(FEATURES)


PLACED = """
import json, sys
from newsroom.analysis.topic_batch import assign_topics
from newsroom.commands.topics import read_records
from newsroom.domain import utcnow
lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
print(json.dumps([[a.id, a.topic, a.label] for a in assign_topics(read_records(lines, utcnow()))]))
"""


def test_the_batch_places_posts_and_gives_the_same_output_under_two_hash_seeds(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from newsroom.analysis import topic_batch
    from newsroom.commands.topics import read_records
    from newsroom.domain import utcnow

    stream = ROOT / "benchmarks" / "data" / "devstreams" / "meerhoutem.jsonl"
    outputs = set()
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-c", PLACED, str(stream)], text=True, capture_output=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}, check=True, timeout=120)
        outputs.add(done.stdout)
    assert len(outputs) == 1
    placed = {mid: tid for mid, tid, _ in json.loads(next(iter(outputs)))}
    monkeypatch.setattr(topic_batch, "LEARNED_PLACEMENT", False)
    lines = stream.read_text(encoding="utf-8").splitlines()
    without = {a.id: a.topic for a in topic_batch.assign_topics(read_records(lines, utcnow()))}
    assert placed.keys() == without.keys()
    assert sum(placed[m] != without[m] for m in placed) >= 5       # the step moves posts on a real stream
