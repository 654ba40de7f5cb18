"""The query language: parsing, local matching, translations; examples and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsroom.query import QueryError, fold, parse_query, to_gdelt, to_google, to_x

DESIGN_QUERY = '"Kanaalweg" OR #lindeveld -voetbal'


@pytest.mark.parametrize(("text", "expected"), [
    ("De Kanaalweg is weer dicht", True),
    ("Storm in #Lindeveld", True),
    ("Lindeveld wint de derby", True),
    ("Kanaalweg: voetbal gaat niet door", False),
    ("Kanaalwegen worden hersteld", False),
    ("Niets te melden", False),
])
def test_design_example(text: str, expected: bool) -> None:
    assert parse_query(DESIGN_QUERY).matches(text) is expected


def test_word_boundaries_accents_and_case() -> None:
    q = parse_query("Gent")
    assert not q.matches("Een agent regelt het verkeer")
    assert q.matches("Betoging in GENT vandaag")
    assert parse_query("Liège").matches("Overstroming in Liege")
    assert parse_query("Liege").matches("Inondations à LIÈGE")
    assert parse_query('"Grote Markt"').matches("Kerstmarkt op de grote  markt!")
    assert not parse_query('"Grote Markt"').matches("De markt is groot")


def test_or_binds_tighter_than_and_as_in_google() -> None:
    q = parse_query("storm schade OR overlast")
    assert q.matches("storm en overlast")
    assert not q.matches("overlast zonder wind")


def test_parentheses() -> None:
    q = parse_query("(brug OR tunnel) -(fiets OR voetganger)")
    assert q.matches("De brug is dicht")
    assert not q.matches("De brug is dicht voor fiets")


@pytest.mark.parametrize(("query", "message", "position"), [
    ('brug "Kanaal weg', "missing closing quote after position 6", 6),
    ("(brug OR tunnel", "missing closing parenthesis for the one at position 1", 1),
    ("brug OR", "OR at position 6 needs a term after it", 6),
    ("OR brug", "OR at position 1 needs a term before it", 1),
    ("brug )", "unexpected ')' at position 6", 6),
    ("-voetbal", "at least one term that is not excluded", 2),
    ("", "the query is empty", 1),
])
def test_errors_are_sentences_with_a_position(query: str, message: str, position: int) -> None:
    with pytest.raises(QueryError, match=message.replace("(", r"\(").replace(")", r"\)")) as info:
        parse_query(query)
    assert info.value.position == position


def test_translations() -> None:
    q = parse_query(DESIGN_QUERY)
    assert to_google(q) == "(Kanaalweg OR lindeveld) -voetbal"
    assert to_gdelt(parse_query("Kanaalweg OR Lindeveld")) == "(Kanaalweg OR Lindeveld)"
    assert to_x(q) == "(Kanaalweg OR #lindeveld) -voetbal"
    assert q.hashtags() == ["lindeveld"]
    assert q.terms() == ["Kanaalweg", "lindeveld"]


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéèëï", min_size=2, max_size=8).filter(
    lambda w: w.upper() != "OR")


@settings(max_examples=80, deadline=None)
@given(words, words, words)
def test_word_matches_only_on_boundaries(word: str, before: str, after: str) -> None:
    q = parse_query(word)
    assert q.matches(f"{before} {word.upper()}, {after}")
    if not fold(before + word + after).count(fold(word)) > 1:
        assert not q.matches(f"{before}{word}{after}")


@settings(max_examples=80, deadline=None)
@given(words, words, st.booleans(), st.booleans())
def test_exclusion_and_or_semantics(a: str, b: str, has_a: bool, has_b: bool) -> None:
    if fold(a) == fold(b):
        return
    text = " ".join([w for w, present in ((a, has_a), (b, has_b)) if present]) or "leeg"
    assert parse_query(f"{a} -{b}").matches(text) is (has_a and not has_b)
    assert parse_query(f"{a} OR {b}").matches(text) is (has_a or has_b)
    assert parse_query(f"{a} {b}").matches(text) is (has_a and has_b)


queries = st.recursive(
    words.map(lambda w: w) | words.map(lambda w: "#" + w) | st.lists(words, min_size=2, max_size=3).map(
        lambda ws: '"' + " ".join(ws) + '"'),
    lambda inner: st.one_of(
        st.tuples(inner, inner).map(lambda t: f"{t[0]} OR {t[1]}"),
        st.tuples(inner, inner).map(lambda t: f"({t[0]} {t[1]})"),
        st.tuples(inner, inner).map(lambda t: f"{t[0]} -{t[1]}"),
    ),
    max_leaves=6,
)


@settings(max_examples=80, deadline=None)
@given(queries)
def test_rendering_round_trips(text: str) -> None:
    q = parse_query(text)
    assert parse_query(to_x(q)).root == q.root


def test_bluesky_alternatives_and_lenient_matching() -> None:
    from newsroom.query import bluesky_queries

    q = parse_query('"Kanaalweg" OR #lindeveld -voetbal')
    assert bluesky_queries(q) == ["Kanaalweg -voetbal", "#lindeveld -voetbal"]
    assert bluesky_queries(parse_query("(a OR b) (c OR d) (e OR f)")) == ["a c e"]  # too many: first only
    assert q.allows("Brug hersteld") and not q.allows("Voetbal in de stad")
    assert not q.matches("Brug hersteld")
