"""Every sentence the wall shows, built from data, translatable (source strings in English)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from newsroom.domain import SourceHealth, SpikeAlert, SubStory
from newsroom.localtime import to_local

CTX = "Wall"


def tr(text: str) -> str:
    """Translate a source string of the wall."""
    return QCoreApplication.translate(CTX, text)


def ago(seconds: float) -> str:
    """'12 s ago', '3 min ago', '2 h ago'."""
    s = max(0, int(seconds))
    if s < 60:
        return tr("%1 s ago").replace("%1", str(s))
    if s < 3600:
        return tr("%1 min ago").replace("%1", str(s // 60))
    if s < 86400 * 2:
        return tr("%1 h ago").replace("%1", str(s // 3600))
    return tr("%1 days ago").replace("%1", str(s // 86400))


def short_ago(seconds: float) -> str:
    """'1 min', '3 h' for the ticker."""
    s = max(0, int(seconds))
    if s < 3600:
        return tr("%1 min").replace("%1", str(max(1, s // 60)))
    if s < 86400:
        return tr("%1 h").replace("%1", str(s // 3600))
    return tr("%1 d").replace("%1", str(s // 86400))


def live_state(newest: datetime | None, now: datetime) -> str:
    """'LIVE · updated 12 s ago' or that no data has arrived yet."""
    if newest is None:
        return tr("Waiting for data")
    return tr("LIVE · updated %1").replace("%1", ago((now - newest).total_seconds()))


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAYPARTS = ((6, "night"), (12, "morning"), (18, "afternoon"), (23, "evening"), (24, "night"))


def day_part(weekday: int, hour: int) -> str:
    """'on a Tuesday afternoon' (translated as a whole phrase)."""
    part = next(name for limit, name in _DAYPARTS if hour % 24 < limit)
    return tr(f"on a {_WEEKDAYS[weekday % 7]} {part}")


def alert_headline(a: SpikeAlert) -> str:
    """'NEGATIVE SPIKE · Storm damage Lindeveld-Noord'."""
    return tr("NEGATIVE SPIKE · %1").replace("%1", a.title)


def alert_detail(a: SpikeAlert) -> str:
    """'48 negative mentions in 30 min — normally 3 ± 2 on a Tuesday afternoon · since 14:05'."""
    since = to_local(a.started).strftime("%H:%M")
    if a.spread > a.expected:  # "2 ± 9" would suggest negative counts: say the usual upper bound
        text = tr("%1 negative mentions in %2 min — normally at most %3 %5 · since %6")
        for key, value in (("%1", str(a.observed)), ("%2", str(a.window_min)),
                           ("%3", f"{a.expected + a.spread:.0f}"), ("%5", day_part(a.weekday, a.hour)),
                           ("%6", since)):
            text = text.replace(key, value)
        return text
    text = tr("%1 negative mentions in %2 min — normally %3 ± %4 %5 · since %6")
    for key, value in (("%1", str(a.observed)), ("%2", str(a.window_min)), ("%3", f"{a.expected:.0f}"),
                       ("%4", f"{max(a.spread, 1):.0f}"), ("%5", day_part(a.weekday, a.hour)), ("%6", since)):
        text = text.replace(key, value)
    return text


def acknowledge_hint(acknowledged_by: str | None) -> str:
    """The key to press, or who has seen it."""
    if acknowledged_by:
        return tr("Seen by %1").replace("%1", acknowledged_by)
    return tr("Space = seen")


def health_line(h: SourceHealth) -> str:
    """'Google News: failing (3×): the server answered 429' or just the name when fine."""
    if h.ok:
        return h.title
    return tr("%1: failing").replace("%1", h.title)


def per_hour(n: float) -> str:
    """'214 / h'."""
    return tr("%1 / h").replace("%1", f"{n:.0f}")


def share_negative(share: float) -> str:
    """'81 % negative'."""
    return tr("%1 % negative").replace("%1", f"{share * 100:.0f}")


def trend(direction: int) -> str:
    """An arrow with a word, so the meaning does not depend on the glyph alone."""
    return {1: tr("▲ rising"), -1: tr("▼ falling")}.get(direction, tr("■ steady"))


def no_topics_yet(mentions_last_hour: int, working: int, sources: int) -> str:
    """What an empty wall says: topics need mentions; how many came in and how many sources work."""
    text = tr("No topics yet\nTopics appear as soon as enough mentions come in.\n"
              "%1 mentions in the last hour · %2 of %3 sources working")
    return text.replace("%1", str(mentions_last_hour)).replace("%2", str(working)).replace("%3", str(sources))


def notice(code: str, detail: str) -> str:
    """A translated sentence for a pipeline notice code."""
    if code == "demo":
        return tr("DEMO · fictional data")
    if code == "no_config":
        return tr("No searches yet — press Ctrl+, to set up the wall (showing the demo)")
    if code == "config_invalid":
        return tr("The configuration could not be read; running on defaults (%1)").replace("%1", detail)
    if code == "config_newer":
        return tr("The configuration is from a newer version; running on defaults (kept as %1)").replace(
            "%1", detail)
    if code == "restart_needed":
        return tr("Settings saved; these take effect after a restart: %1").replace("%1", detail)
    if code == "store_recovered":
        return tr("The data store was damaged; started a new one (old file kept as %1)").replace("%1", detail)
    if code == "config_unknown_key":
        return tr("Unknown setting ignored: %1").replace("%1", detail)
    if code == "source_unavailable":
        return tr("Source not available: %1").replace("%1", detail)
    if code == "worker_error":
        return tr("Problem: %1").replace("%1", detail)
    return detail


# --- events and the crisis view -----------------------------------------------------------


def substories(parts: Sequence[SubStory]) -> str:
    """'Also: Fire brigade (44) · Shelter in sports hall (19)': an event's other sub-stories."""
    listed = " · ".join(f"{s.label} ({s.size})" for s in parts)
    return tr("Also: %1").replace("%1", listed)


def since_start(seconds: float) -> str:
    """'for 37 min' / 'for 2 h 05 min': how long ago the spike started."""
    m = max(0, int(seconds)) // 60
    if m < 60:
        return tr("for %1 min").replace("%1", str(m))
    return tr("for %1 h %2 min").replace("%1", str(m // 60)).replace("%2", f"{m % 60:02d}")


def mentions_count(n: int) -> str:
    """'374 mentions'."""
    return tr("%1 mentions").replace("%1", str(n))


def crisis_legend(step_min: int) -> tuple[str, str, str, str]:
    """What the crisis chart's parts mean (line, negative area, normal band, start), each with the shape
    that draws it, so that colour is never the only cue."""
    return (tr("— all mentions per %1 min").replace("%1", str(step_min)), tr("■ negative"),
            tr("■ normal band"), tr("┆ start of the spike"))


def more_substories(n: int) -> str:
    """'+4 more' (the sub-stories the crisis view has no room for)."""
    return tr("+%1 more").replace("%1", str(n))
