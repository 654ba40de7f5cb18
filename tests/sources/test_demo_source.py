"""The demo replay: history up to now, then live arrivals at the scenario's pace, looping forever."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from newsroom.domain import Search
from newsroom.localtime import DEFAULT_ZONE, set_zone
from newsroom.sources.base import SourceState
from newsroom.sources.demo import DEMO_ZONE, DemoSource, demo_moment, load_scenario

NOW = datetime(2026, 11, 24, 14, 0, tzinfo=UTC)
SEARCH = Search("Lindeveld", "Lindeveld", ("demo",))


def test_scenario_is_substantial_and_multilingual() -> None:
    sc = load_scenario()
    assert 2000 <= len(sc.mentions) <= 10000
    assert sc.length == timedelta(hours=72)
    assert sc.start <= sc.crisis_start <= sc.start + sc.length
    texts = " ".join(m.text for m in sc.mentions)
    assert "Stationsstraat" in texts and "the" in texts.split() and "la" in texts.split()


def test_first_poll_returns_history_with_now_inside_the_crisis() -> None:
    src = DemoSource()
    result, state = src.fetch(SEARCH, SourceState(), NOW)
    times = [m.published for m in result.mentions]
    assert times and max(times) <= NOW
    assert max(times) > NOW - timedelta(minutes=5)  # the crisis is busy right now
    assert min(times) < NOW - timedelta(hours=30)  # more than a day of history
    crisis = [m for m in result.mentions if NOW - timedelta(minutes=45) <= m.published]
    hour_before = [m for m in result.mentions
                   if NOW - timedelta(hours=24, minutes=45) <= m.published < NOW - timedelta(hours=24)]
    assert len(crisis) > 3 * max(len(hour_before), 1)
    assert state.values["shift_s"]


def test_later_polls_return_only_what_became_due() -> None:
    src = DemoSource()
    first, state = src.fetch(SEARCH, SourceState(), NOW)
    second, state = src.fetch(SEARCH, state, NOW + timedelta(minutes=10))
    assert second.mentions, "the crisis keeps producing posts"
    assert all(NOW < m.published <= NOW + timedelta(minutes=10) for m in second.mentions)
    assert not {m.id for m in first.mentions} & {m.id for m in second.mentions}
    third, _ = src.fetch(SEARCH, state, NOW + timedelta(minutes=10))
    assert third.mentions == ()


def test_it_loops_with_fresh_ids_after_the_end() -> None:
    src = DemoSource()
    _, state = src.fetch(SEARCH, SourceState(), NOW)
    later = NOW + timedelta(hours=72)
    result, _ = src.fetch(SEARCH, replace_last(state, later - timedelta(hours=1)), later)
    assert result.mentions
    assert all("~1" in m.id or "~" not in m.id for m in result.mentions)
    assert any(m.id.endswith("~1") for m in result.mentions)


def replace_last(state: SourceState, last: datetime) -> SourceState:
    return SourceState({**state.values, "last": last.isoformat()}, last)


def test_the_quiet_moment_is_the_first_afternoon_without_the_storm() -> None:
    sc = load_scenario()
    moment = demo_moment(sc, "quiet")
    assert moment.date() == sc.start.date() and 12 <= moment.hour <= 16
    assert demo_moment(sc, "crisis") == demo_moment(sc, None) == sc.anchor
    assert demo_moment(sc, "2026-01-06T09:30:00Z") == datetime(2026, 1, 6, 9, 30, tzinfo=UTC)
    result, _ = DemoSource(sc, moment=moment).fetch(SEARCH, SourceState(), NOW)
    texts = [m.text for m in result.mentions]
    assert max(m.published for m in result.mentions) <= NOW
    assert len(texts) > 300  # the morning and early afternoon of an ordinary Monday
    assert not any("stormschade" in t.lower() for t in texts)


def test_a_time_without_a_zone_is_the_demo_walls_own() -> None:
    sc = load_scenario()
    brussels = ZoneInfo(DEMO_ZONE)
    assert DEMO_ZONE == "Europe/Brussels"
    assert demo_moment(sc, "2026-01-06T08:30") == datetime(2026, 1, 6, 8, 30, tzinfo=brussels)
    assert demo_moment(sc, "2026-01-06T08:30") == datetime(2026, 1, 6, 7, 30, tzinfo=UTC)  # CET = UTC+1
    assert demo_moment(sc, " 2026-01-06t07:30z ") == datetime(2026, 1, 6, 7, 30, tzinfo=UTC)
    assert demo_moment(sc, "2026-01-06T10:30+03:00") == datetime(2026, 1, 6, 7, 30, tzinfo=UTC)
    # the process's display zone (set from a config) changes nothing: a wall and the collector it
    # starts read the same moment
    set_zone("Asia/Tokyo")
    try:
        assert demo_moment(sc, "2026-01-06T08:30") == datetime(2026, 1, 6, 7, 30, tzinfo=UTC)
    finally:
        set_zone(DEFAULT_ZONE)


def test_the_demo_runs_from_its_first_to_its_last_moment_both_included() -> None:
    sc = load_scenario()
    assert demo_moment(sc, "2026-01-05T01:00") == demo_moment(sc, "2026-01-05T00:00Z") == sc.start
    assert demo_moment(sc, "2026-01-08T01:00") == demo_moment(sc, "2026-01-08T00:00Z") == sc.end
    assert demo_moment(sc, "2026-01-05T00:30Z") == sc.start + timedelta(minutes=30)
    span = ("from 2026-01-05T01:00 to 2026-01-08T01:00 (the wall's time, Europe/Brussels; or add Z for "
            "UTC)")
    for bad in ("2026-01-05T00:59", "2026-01-04T23:59Z", "2026-01-08T01:01", "2026-01-08T00:00:01Z"):
        with pytest.raises(ValueError, match=f"^{re.escape(f'--at {bad} is outside the demo, which runs {span}')}$"):
            demo_moment(sc, bad)
    said = f"--at must be quiet, crisis or an ISO time {span}, not 'gisteren'"
    with pytest.raises(ValueError, match=f"^{re.escape(said)}$"):
        demo_moment(sc, "gisteren")


def _generator() -> dict[str, object]:
    import runpy
    from pathlib import Path

    import newsroom
    script = Path(newsroom.__file__).resolve().parent.parent / "resources" / "demo" / "generate_demo.py"
    return runpy.run_path(str(script))


def test_the_demo_has_conversations_within_each_story() -> None:
    """A share of residents' posts answer an earlier post of their own story; news and chatter never
    answer; the committed scenario is what the seeded script writes."""
    gen = _generator()
    stories = gen["by_story"]()  # type: ignore[operator]
    sc = load_scenario()
    by_id = {m.id: m for m in sc.mentions}
    replies = [m for m in sc.mentions if m.reply_to]
    residents = [m for m in sc.mentions if m.source not in ("rss", "gnews")]
    assert 0.2 <= len(replies) / len(residents) <= 0.34
    for key, records in stories.items():
        ids = {str(r["id"]) for r in records}
        for rec in records:
            if "reply_to" not in rec:
                continue
            assert key != "chatter" and rec["source"] not in ("rss", "gnews")
            parent = by_id[str(rec["reply_to"])]
            assert str(rec["reply_to"]) in ids  # the same story's post
            assert parent.published < by_id[str(rec["id"])].published  # an earlier one
    assert {m.id: m.reply_to for m in replies} == {
        str(r["id"]): str(r["reply_to"]) for records in stories.values() for r in records if "reply_to" in r}
    assert any(len(m.text) < 20 for m in replies)  # short reactions that need their parent on the wall


def test_a_replayed_reply_answers_its_own_cycles_post() -> None:
    src = DemoSource()
    first, state = src.fetch(SEARCH, SourceState(), NOW)
    later = NOW + src.scenario.length
    second, _ = src.fetch(SEARCH, state, later)
    ids = {m.id for m in second.mentions}
    looped = [m for m in second.mentions if m.reply_to and m.id.endswith("~1")]
    assert looped and all(m.reply_to.endswith("~1") for m in looped if m.reply_to)
    assert sum(1 for m in looped if m.reply_to in ids) > len(looped) // 2
    assert any(m.reply_to for m in first.mentions)
