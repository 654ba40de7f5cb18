"""The demo at a chosen moment (``--demo --at quiet|crisis|ISO-TIME``) for the briefing.

``crisis`` is the demo's own moment (45 minutes into the storm on its second day), ``quiet`` an ordinary
afternoon of its first day (15:00 on Monday), an ISO time any moment of the scenario (without a zone:
the wall's time zone). The replay then maps that moment onto "now", as the demo wall does with its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from newsroom.config import Config
from newsroom.domain import Search, parse_time, utcnow
from newsroom.errors import UsageError
from newsroom.localtime import zone
from newsroom.pipeline.factory import PRIVATE_STORE
from newsroom.pipeline.runner import Pipeline
from newsroom.sources.demo import QUIET_AFTER_START, DemoSource, Scenario, load_scenario
from newsroom.sources.poller import Poller
from newsroom.store import Store


def demo_moment(value: str | None, scenario: Scenario) -> datetime:
    """The scenario time ``--at`` names; UsageError with a sentence when it is not one."""
    text = (value or "crisis").strip().lower()
    if text == "crisis":
        return scenario.anchor
    if text == "quiet":
        return scenario.start + QUIET_AFTER_START
    try:
        moment = datetime.fromisoformat(value.strip() if value else "")
    except ValueError:
        raise UsageError(f"--at must be quiet, crisis or an ISO time such as 2026-01-05T15:00, "
                         f"not {value!r}") from None
    moment = parse_time(moment.replace(tzinfo=moment.tzinfo or zone()).isoformat())
    first, last = scenario.start + timedelta(hours=1), scenario.start + scenario.length
    if not first <= moment <= last:
        raise UsageError(f"--at {value} is outside the demo, which runs from {first:%Y-%m-%d %H:%M} to "
                         f"{last:%Y-%m-%d %H:%M} UTC")
    return moment


def demo_pipeline(at: str | None = None, *, clock: Callable[[], datetime] = utcnow) -> Pipeline:
    """The embedded demo in a private in-memory store, replayed so that ``clock()`` is the moment ``at``
    names; call ``poll_once()`` to load its history."""
    scenario = load_scenario()
    moment = demo_moment(at, scenario)
    scenario = replace(scenario, now_offset=moment - scenario.crisis_start)
    store = Store.open(PRIVATE_STORE)
    search = Search(scenario.town, scenario.town, ("demo",), ("nl", "en", "fr"))
    poller = Poller([DemoSource(scenario)], [search], store, clock=clock)
    return Pipeline(Config(), store, poller, clock=clock, demo=True, searches=(search,),
                    wall_name=scenario.town)
