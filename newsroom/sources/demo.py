"""The embedded demo: replays the Lindeveld scenario so that "now" falls inside its crisis (or at the
moment ``--at`` names: ``demo_moment``).

The first poll returns the history up to now; later polls return what became due since, at the
scenario's own pace, so the wall keeps moving. After the scenario's end it starts again, shifted.
"""

from __future__ import annotations

import gzip
import json
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from newsroom.domain import FetchResult, Mention, Search, mention_from_record, parse_time
from newsroom.localtime import DEFAULT_ZONE, load_zone
from newsroom.resources import resource_path
from newsroom.sources.base import SourceState

log = logging.getLogger("newsroom.sources.demo")


@dataclass(frozen=True, slots=True)
class Scenario:
    """The recorded scenario: mentions with their original times and the crisis moment."""

    town: str
    start: datetime
    length: timedelta
    crisis_start: datetime
    now_offset: timedelta  # where "now" falls after the crisis starts
    mentions: tuple[Mention, ...]

    @property
    def anchor(self) -> datetime:
        """The scenario time that is mapped onto the real "now" at first start."""
        return self.crisis_start + self.now_offset

    @property
    def end(self) -> datetime:
        """The scenario's last moment."""
        return self.start + self.length


#: ``--at quiet``: an ordinary afternoon of the first day (Monday 15:00 in Lindeveld, CET)
QUIET_AFTER_START = timedelta(hours=14)
#: the demo wall's time zone (the default ``wall.timezone``: the demo keeps it whatever a config says);
#: ``--at`` reads a time without a zone in it
DEMO_ZONE = DEFAULT_ZONE


def demo_moment(scenario: Scenario, at: str | None) -> datetime:
    """The scenario time that ``--at`` names, the same for every command (wall, ``screenshot``,
    ``briefing``, ``collector``): ``quiet``, ``crisis`` (the default) or an ISO time inside the scenario,
    its first and last moment included. A time without a zone is the demo wall's local time
    (``2026-01-06T14:05`` in ``DEMO_ZONE``); one with ``Z`` or an offset is read as written. Raises
    ``ValueError`` with a sentence naming what is allowed."""
    text = (at or "crisis").strip()
    if text.lower() == "crisis":
        return scenario.anchor
    if text.lower() == "quiet":
        return scenario.start + QUIET_AFTER_START
    tz = load_zone(DEMO_ZONE)
    first, last = scenario.start.astimezone(tz), scenario.end.astimezone(tz)
    span = (f"from {first:%Y-%m-%dT%H:%M} to {last:%Y-%m-%dT%H:%M} "
            f"(the wall's time, {DEMO_ZONE}; or add Z for UTC)")
    try:
        given = datetime.fromisoformat(text[:-1] + "Z" if text.endswith("z") else text)
    except ValueError:
        raise ValueError(f"--at must be quiet, crisis or an ISO time {span}, not {at!r}") from None
    moment = (given if given.tzinfo is not None else given.replace(tzinfo=tz)).astimezone(UTC)
    if not scenario.start <= moment <= scenario.end:
        raise ValueError(f"--at {text} is outside the demo, which runs {span}")
    return moment


@lru_cache(maxsize=2)
def load_scenario(folder: Path | None = None) -> Scenario:
    """Read ``scenario.json`` and ``scenario.jsonl.gz`` from the demo resources."""
    base = folder or resource_path("demo")
    meta = json.loads((base / "scenario.json").read_text(encoding="utf-8"))
    mentions: list[Mention] = []
    with gzip.open(base / "scenario.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            rec = json.loads(line)
            mentions.append(mention_from_record(rec))
    mentions.sort(key=lambda m: m.published)
    return Scenario(
        town=str(meta["town"]),
        start=parse_time(meta["start"]),
        length=timedelta(hours=float(meta["hours"])),
        crisis_start=parse_time(meta["crisis_start"]),
        now_offset=timedelta(minutes=float(meta["now_after_crisis_start_min"])),
        mentions=tuple(mentions),
    )


class DemoSource:
    """A Source that replays the scenario with shifted timestamps (see module docstring)."""

    name = "demo"
    title = "Demo"
    interval_s = 5.0
    #: no I/O: the poller fetches it on its own thread at once
    needs_network = False

    def __init__(self, scenario: Scenario | None = None, *, moment: datetime | None = None) -> None:
        self.scenario = scenario or load_scenario()
        #: the scenario time shown as "now" at the first poll (default: 45 minutes into the crisis)
        self.moment = moment or self.scenario.anchor

    def fetch(self, search: Search, state: SourceState, now: datetime) -> tuple[FetchResult, SourceState]:
        """Everything that became due between the last poll and ``now`` (all history at first)."""
        values = dict(state.values)
        if "shift_s" not in values:
            values["shift_s"] = (now - self.moment).total_seconds()
        shift = timedelta(seconds=float(values["shift_s"]))
        last = parse_time(values["last"]) if "last" in values else None
        found = self._between(shift, last, now)
        values["last"] = now.isoformat()
        result = FetchResult(self.name, search.name, tuple(found), fetched_at=now)
        return result, SourceState(values, now)

    def _between(self, shift: timedelta, after: datetime | None, until: datetime) -> list[Mention]:
        """Shifted mentions in (after, until], repeating the scenario as often as time requires."""
        sc = self.scenario
        out: list[Mention] = []
        first_cycle = 0 if after is None else int((after - shift - sc.start) // sc.length)
        last_cycle = int((until - shift - sc.start) // sc.length)
        for cycle in range(max(first_cycle, 0), last_cycle + 1):
            offset = shift + cycle * sc.length
            for m in sc.mentions:
                t = m.published + offset
                if t > until:
                    break
                if after is not None and t <= after:
                    continue
                out.append(self._copy(m, t, cycle))
        return out

    @staticmethod
    def _copy(m: Mention, t: datetime, cycle: int) -> Mention:
        suffix = f"~{cycle}" if cycle else ""
        url = m.url + suffix
        return Mention(
            id=m.id + suffix, source=m.source, text=m.text, published=t, url=url, author=m.author,
            title=m.title, searches=m.searches, engagement=m.engagement, canonical_url=url,
            reply_to=m.reply_to + suffix if m.reply_to else None,  # a reply answers its own cycle's post
        )
