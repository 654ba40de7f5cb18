"""Learned same-story evidence: the logistic regression, the pair model's joins, and the shipped model
being what its training script makes from the development streams."""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np
import pytest

from newsroom.analysis.topic_pairs import (
    FEATURES,
    PairFragment,
    PairModel,
    fit_logistic,
    learned_merges,
    pair_features,
    prepare,
    reply_like,
    shipped_model,
)
from tests.benchmark_scripts import benchmark_script

ROOT = Path(__file__).resolve().parents[2]


def _data(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two features; the label follows 2·a − b plus noise, the third feature is noise."""
    rng = random.Random(seed)
    rows, labels = [], []
    for _ in range(n):
        a, b, c = rng.gauss(0, 1), rng.gauss(0, 1), rng.gauss(0, 1)
        rows.append([a, b, c])
        labels.append(float(2.0 * a - b + rng.gauss(0, 0.5) > 0.0))
    return np.array(rows), np.array(labels)


def test_the_regression_learns_a_rule_and_generalises() -> None:
    x, y = _data(600, 1)
    model = fit_logistic(x, y, features=["a", "b", "c"], l2=1.0)
    assert model.coef[0] > 1.0 and model.coef[1] < -0.5 and abs(model.coef[2]) < 0.3
    test_x, test_y = _data(400, 2)
    right = sum((model.probability(row) >= 0.5) == bool(label) for row, label in zip(test_x, test_y, strict=True))
    assert right / len(test_y) > 0.9
    again = fit_logistic(x, y, features=["a", "b", "c"], l2=1.0)
    assert again == model                                    # no sampling: the same fit every time
    assert PairModel.from_json(model.to_json()) == model


def test_a_stronger_penalty_shrinks_the_coefficients() -> None:
    x, y = _data(300, 3)
    loose = fit_logistic(x, y, features=["a", "b", "c"], l2=0.1)
    tight = fit_logistic(x, y, features=["a", "b", "c"], l2=100.0)
    assert sum(abs(c) for c in tight.coef) < 0.5 * sum(abs(c) for c in loose.coef)


def test_row_weights_count_rows_less_or_more() -> None:
    x, y = _data(300, 4)
    # the same rule, and rows that go against it: weighed low, the fit follows the rule; weighed 1, less so
    against_x, against_y = _data(300, 5)
    mixed_x, mixed_y = np.vstack([x, against_x]), np.concatenate([y, 1.0 - against_y])
    even = fit_logistic(mixed_x, mixed_y, features=["a", "b", "c"], l2=1.0)
    ones = fit_logistic(mixed_x, mixed_y, features=["a", "b", "c"], l2=1.0, weights=np.ones(600))
    assert ones.coef == pytest.approx(even.coef) and ones.intercept == pytest.approx(even.intercept)
    low = fit_logistic(mixed_x, mixed_y, features=["a", "b", "c"], l2=1.0,
                       weights=np.concatenate([np.ones(300), np.full(300, 0.2)]))
    assert low.coef[0] > even.coef[0] + 0.5 and low.coef[1] < even.coef[1] - 0.2


def _fragment(fid: int, words: dict[str, float], posts: int, hours: list[float]) -> PairFragment:
    return PairFragment(fid, posts, dict(words), sorted(h * 3600.0 for h in hours))


def _idf(word: str) -> float:
    return {"gete": 3.0, "kelder": 2.5, "zandzak": 3.0, "wegenwerk": 2.0, "stationsstraat": 3.0,
            "kanaalweg": 3.0, "omleiding": 2.0, "bakker": 6.0}.get(word, 1.0)


def _is_name(word: str) -> bool:
    return word in {"gete", "stationsstraat", "kanaalweg"}


def test_features_say_what_the_pair_shares() -> None:
    flood = prepare(_fragment(1, {"gete": 4, "kelder": 3, "zandzak": 2}, 4, [1, 1.2, 1.5, 2]), _idf, _is_name)
    reply = prepare(_fragment(2, {"kelder": 1}, 1, [2.1]), _idf, _is_name)
    far = prepare(_fragment(3, {"kelder": 1}, 1, [40.0]), _idf, _is_name)
    near = dict(zip(FEATURES, pair_features(flood, reply, _idf, 3.5), strict=True))
    away = dict(zip(FEATURES, pair_features(far, flood, _idf, 3.5), strict=True))
    assert near["explained"] == pytest.approx(0.75)          # its one word, in 3 of the 4 posts
    assert near["closeness"] > 0.9 and away["closeness"] < 0.01
    assert near["log_small"] == pytest.approx(np.log1p(1)) and near["log_big"] == pytest.approx(np.log1p(4))
    station = prepare(_fragment(4, {"wegenwerk": 3, "stationsstraat": 3}, 3, [5, 6, 7]), _idf, _is_name)
    canal = prepare(_fragment(5, {"wegenwerk": 3, "kanaalweg": 3}, 3, [5.5, 6.5, 7.5]), _idf, _is_name)
    assert dict(zip(FEATURES, pair_features(station, canal, _idf, 3.5), strict=True))["apart"] == 1.0


def _always(level: float = 0.5) -> PairModel:
    """A model that only looks at the words explained (p = 0.5 at 0.3 explained)."""
    coef = tuple(10.0 if f == "explained" else 0.0 for f in FEATURES)
    mean = tuple(0.3 if f == "explained" else 0.0 for f in FEATURES)
    return PairModel(FEATURES, mean, (1.0,) * len(FEATURES), coef, 0.0, level)


def test_learned_joins_follow_the_probability_and_never_join_two_places() -> None:
    fragments = [
        _fragment(1, {"gete": 4, "kelder": 3, "zandzak": 2}, 4, [1, 1.2, 1.5, 2]),
        _fragment(2, {"kelder": 1, "zandzak": 1}, 1, [2.1]),
        _fragment(3, {"bakker": 1, "kelder": 1}, 1, [3.0]),        # its rarest word is its own
        _fragment(4, {"wegenwerk": 3, "stationsstraat": 3}, 3, [5, 6, 7]),
        _fragment(5, {"wegenwerk": 3, "kanaalweg": 3}, 3, [5.5, 6.5, 7.5]),
    ]
    merges = learned_merges([PairFragment(f.id, f.posts, dict(f.words), list(f.times)) for f in fragments],
                            _idf, _is_name, _always())
    assert merges == [(1, 2)]                                   # the two streets stay two stories
    assert learned_merges([PairFragment(f.id, f.posts, dict(f.words), list(f.times)) for f in fragments],
                          _idf, _is_name, _always(0.999)) == []


def test_reply_like_posts() -> None:
    assert reply_like("Hoe lang nog?")
    assert not reply_like("Overstroming in de Molenstraat, kelders onder water")   # a subject, a name
    assert not reply_like("")




def test_the_shipped_model_is_what_its_script_trains_from_the_development_streams() -> None:
    shipped = shipped_model()
    assert shipped.features == FEATURES and 0.0 < shipped.level < 1.0
    script = benchmark_script("topic_pairs")
    data = script.training_data()
    assert set(data) == {"meerhoutem*", "dommelroode*", "lindeveld", "oosterbeke", "kaaienburg", "vlietrode",
                         "heidemaal"}
    model = script.train(data, sorted(data), shipped.level, largest=shipped.largest)
    assert model.coef == pytest.approx(shipped.coef, abs=1e-6)
    assert model.intercept == pytest.approx(shipped.intercept, abs=1e-6)
    written = json.loads((ROOT / "newsroom" / "analysis" / "lexicons" / "pair_model.json").read_text("utf-8"))
    assert written["features"] == list(FEATURES)
