"""Learned same-story evidence: the logistic regression, the pair model's joins, and the shipped model
being what its training script makes from the development streams."""

from __future__ import annotations

import bisect
import json
import math
import random
from pathlib import Path

import numpy as np
import pytest

from newsroom.analysis import topic_pairs
from newsroom.analysis.topic_pairs import (
    CLOSE_SCALE_S,
    FEATURES,
    PairFragment,
    PairModel,
    _apart,
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


def _plain_closeness(a: list[float], b: list[float]) -> tuple[float, float]:
    """The closeness as first written: a search in ``b`` for every time of ``a``."""
    total, least = 0.0, float("inf")
    for t in a:
        i = bisect.bisect_left(b, t)
        gap = min((abs(b[j] - t) for j in (i - 1, i) if 0 <= j < len(b)), default=float("inf"))
        least = min(least, gap)
        total += math.exp(-gap / CLOSE_SCALE_S) if gap < float("inf") else 0.0
    return (total / len(a) if a else 0.0), least


def _plain_features(a: PairFragment, b: PairFragment, top_idf: float) -> list[float]:
    """The features as first written: dot products sorting the shorter vector's items every time, the
    closeness by :func:`_plain_closeness`."""
    small, big = (a, b) if (a.posts, a.id) <= (b.posts, b.id) else (b, a)

    def dot(x: dict[str, float], y: dict[str, float]) -> float:
        if len(x) > len(y):
            x, y = y, x
        return sum(v * y[w] for w, v in sorted(x.items()) if w in y)

    explained = rarest = 0.0
    for w, weight, is_key_concept in small.weights:
        if big.words.get(w, 0.0) > 0.0:
            explained += weight * big.words[w]
            rarest = max(rarest, weight) if not is_key_concept else rarest
    explained = explained / (small.total * big.posts) if small.total > 0.0 else 0.0
    cosine, concept = dot(small.vector, big.vector), dot(small.concept_vector, big.concept_vector)
    close, gap = _plain_closeness(small.sample, big.times)
    meaning = 0.0
    if small.meaning is not None and big.meaning is not None:
        meaning = float(small.meaning @ big.meaning) / float(np.linalg.norm(small.meaning) * np.linalg.norm(big.meaning))
    return [cosine, concept, explained, rarest / top_idf, close,
            math.log1p(gap / 3600.0) if gap < float("inf") else 6.0, float(bool(small.names & big.names)),
            float(_apart(small, big)), math.log1p(small.posts), math.log1p(big.posts),
            small.replies / small.posts, small.questions / small.posts, cosine * close, explained * close,
            meaning, meaning * close]


def test_the_fast_features_are_the_plain_ones_to_the_last_bit() -> None:
    """Fragments before, after, around and touching each other in time (a time equal to the other's
    first or last; more than CLOSE_SAMPLE posts), random words: every feature is the same float."""
    rng = random.Random(22)
    words = ["gete", "kelder", "zandzak", "wegenwerk", "stationsstraat", "omleiding", "bakker", "brug",
             "concept:water", "concept:verkeer"]
    fragments = []
    for fid in range(60):
        start = rng.choice([0.0, 10.0, 24.0, 100.0])
        hours = [start + rng.choice([0.0, 0.5, 1.0, 3.0]) * k for k in range(rng.randint(1, 30))]
        if fid % 7 == 0:
            hours.append(24.0)                               # a time equal to another's first or last
        posts = len(hours)
        counts = {w: float(rng.randint(1, posts)) for w in rng.sample(words, rng.randint(1, len(words)))}
        fragment = prepare(_fragment(fid, counts, posts, hours), _idf, _is_name)
        if fid % 3:                                        # sentence vectors on two in three
            fragment.meaning = np.array([rng.gauss(0.0, 1.0) for _ in range(8)])
        fragments.append(fragment)
    fast_paths = straddling = 0
    for f in fragments:
        for g in fragments:
            if f.id == g.id:
                continue
            assert pair_features(f, g, _idf, 6.0) == _plain_features(f, g, 6.0)
            small, big = (f, g) if (f.posts, f.id) <= (g.posts, g.id) else (g, f)
            after = min(small.sample) > big.times[-1] or max(small.sample) <= big.times[0]
            fast_paths += after
            # the closeness had every time of the smaller one measured to the bigger one's last time
            # (a wrong shortcut): it differs where the times overlap, so these cases test the condition
            wrong = sum(math.exp(-abs(big.times[-1] - t) / CLOSE_SCALE_S) for t in small.sample) / len(small.sample)
            straddling += not after and wrong != _plain_closeness(small.sample, big.times)[0]
    assert fast_paths > 100 and straddling > 100


def test_the_learned_joins_are_the_plain_ones(monkeypatch: pytest.MonkeyPatch) -> None:
    """The joins of fragments on the shipped model with the fast features and with the plain ones."""
    rng = random.Random(5)
    words = ["gete", "kelder", "zandzak", "wegenwerk", "omleiding", "brug", "concept:water"]

    def fragments() -> list[PairFragment]:
        out = []
        for fid in range(40):
            start = 72.0 * (fid % 4) + rng.random() * 6
            hours = sorted(start + rng.random() * 5 for _ in range(rng.randint(1, 8)))
            counts = {w: float(rng.randint(1, len(hours))) for w in rng.sample(words, rng.randint(1, 4))}
            out.append(_fragment(fid, counts, len(hours), hours))
        return out

    given = fragments()
    fast = learned_merges([PairFragment(f.id, f.posts, dict(f.words), list(f.times)) for f in given],
                          _idf, _is_name, shipped_model())
    monkeypatch.setattr(topic_pairs, "pair_features", lambda a, b, _idf, top: _plain_features(a, b, top))
    plain = learned_merges([PairFragment(f.id, f.posts, dict(f.words), list(f.times)) for f in given],
                           _idf, _is_name, shipped_model())
    assert fast == plain and len(fast) > 5
