"""The wall gathers its small fragments into the story whose names they share, as the batch does
(:func:`newsroom.analysis.topic_absorb.gather_on_wall`, :func:`topic_merges.gather_small`), but only
once a fragment went quiet, only into a story, never into another small fragment."""

from __future__ import annotations

from collections.abc import Callable

from newsroom.analysis.story_fragment import Fragment
from newsroom.analysis.topic_absorb import WALL_QUIET_S, gather_fragments, gather_on_wall, settled_fragments

H = 3600.0


def _idf(word: str) -> float:
    return 2.0


def _is_place(word: str) -> bool:
    return word in {"hoogveld", "kerkstraat", "molenstraat"}


STORY = Fragment(1, 8.0, {"hoogveld": 4.0, "inbraak": 8.0, "politie": 7.0, "dief": 4.0, "nacht": 3.0,
                           "achterdeur": 3.0}, tuple(k * 0.1 * H for k in range(8)))
REPLY = Fragment(2, 1.0, {"hoogveld": 1.0, "camera": 1.0, "gekocht": 1.0, "deurbel": 1.0}, (2 * H,))
CHATTER = Fragment(3, 1.0, {"loodgieter": 1.0, "badkamer": 1.0}, (1.5 * H,))


def _gather(fragments: list[Fragment], now: float,
            is_name: Callable[[str], bool] = _is_place) -> list[tuple[int, int]]:
    return gather_on_wall(settled_fragments(fragments, now), _idf, is_name, max_holders=25)


def test_a_quiet_reply_that_names_the_storys_place_joins_it_and_chatter_stays() -> None:
    assert _gather([STORY, REPLY, CHATTER], 2 * H + WALL_QUIET_S) == [(1, 2)]
    # the place's name is what makes it: read as an ordinary word the one shared word is not enough
    assert _gather([STORY, REPLY, CHATTER], 2 * H + WALL_QUIET_S, lambda w: False) == []


def test_a_young_fragment_may_be_a_storys_start_and_waits() -> None:
    assert _gather([STORY, REPLY, CHATTER], 2 * H + WALL_QUIET_S - 60.0) == []
    assert [f.id for f in settled_fragments([STORY, REPLY, CHATTER], 2 * H + 60.0)] == [1]


def test_small_fragments_join_a_story_never_each_other() -> None:
    a = Fragment(4, 3.0, {"hoogveld": 3.0, "inbraak": 3.0, "politie": 2.0}, (0.0, 0.2 * H, 0.4 * H))
    b = Fragment(5, 2.0, {"hoogveld": 2.0, "inbraak": 2.0, "politie": 1.0}, (0.5 * H, 0.6 * H))
    assert gather_fragments([a, b], _idf, _is_place) == [(4, 5)]         # the batch's end of stream
    assert _gather([a, b], 10 * H) == []                                 # the wall: a merge is final


def test_fragments_that_each_name_another_street_stay_apart_on_the_wall() -> None:
    story = Fragment(1, 8.0, {"kerkstraat": 8.0, "wegenwerken": 8.0, "omleiding": 4.0},
                     tuple(k * 0.1 * H for k in range(8)))
    other = Fragment(2, 2.0, {"molenstraat": 2.0, "wegenwerken": 2.0, "omleiding": 1.0}, (H, 1.2 * H))
    assert _gather([story, other], 10 * H) == []


def test_only_pairs_with_a_fresh_fragment_are_compared() -> None:
    fragments = settled_fragments([STORY, REPLY, CHATTER], 2 * H + WALL_QUIET_S)
    assert gather_on_wall(fragments, _idf, _is_place, max_holders=25, fresh={3}) == []
    assert gather_on_wall(fragments, _idf, _is_place, max_holders=25, fresh={2}) == [(1, 2)]


def test_the_wall_remembers_the_quiet_fragments_it_gathered_and_compares_them_once() -> None:
    from datetime import UTC, datetime, timedelta

    from newsroom.analysis import topic_merges
    from newsroom.analysis.topics import TopicClusterer

    t0 = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    texts = ["Inbraak in Hoogveld vannacht, politie zoekt getuigen", "Kapper aanraden in het centrum?",
             "Inbrekers in Hoogveld via de achterdeur binnen, politie ter plaatse",
             "Mooie zonsondergang aan de vaart", "Derde inbraak in Hoogveld, politie vraagt beelden",
             "Kermis op het Marktplein begint vrijdag", "Politie patrouilleert in Hoogveld na de inbraken",
             "Nieuwe bakker in de Dorpsstraat, aanrader", "Weer een inbraak in Hoogveld, politie onderzoekt",
             "Inbraak Hoogveld: politie vindt sporen", "Voetbalploeg wint thuis", "Inbraak in Hoogveld, buren bang"]
    posts = [(f"p{n}", text, t0 + timedelta(minutes=20 * n)) for n, text in enumerate(texts)]
    wall = TopicClusterer()
    for _, text, _ in posts:
        wall.observe(text, "nl")
    for mid, text, published in posts:
        wall.add(mid, text, "nl", published)
    wall.consolidate_stories()
    now = posts[-1][2].timestamp()
    quiet = {tid for tid in wall.live_ids() if wall.size_of(tid) <= 5
             and now - wall.fragment(tid).times[-1] >= WALL_QUIET_S}
    assert quiet and quiet <= set(wall.gathered)          # each quiet fragment was compared
    remembered = dict(wall.gathered)
    assert topic_merges.gather_small(wall, wall.idf) == 0  # nothing changed: nothing joins again
    assert wall.gathered == remembered
