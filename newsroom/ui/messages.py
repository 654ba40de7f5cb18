"""Every sentence the wall shows, built from data, translatable (source strings in English)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QLocale

from newsroom.domain import SourceHealth, SpikeAlert, SubStory
from newsroom.localtime import to_local
from newsroom.privacy import NETWORKS

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
        return config_invalid(detail)
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
    if code == "store_lost":  # a wall reading a shared store: the last picture stays on the screen
        return tr("Connection to the database lost since %1").replace("%1", detail)
    if code == "backlog":  # the collector is catching up (newsroom.pipeline.reader.BACKLOG_NOTICE)
        waiting = QLocale().toString(int(detail)) if detail.isdigit() else detail  # 12.000 in Dutch
        return tr("Catching up: %1 mentions").replace("%1", waiting)
    if code == "worker_error":  # the detail is a program's English message: it goes to the log only
        return tr("Problem while processing; details are in the log")
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


# --- the overview (issue 14): health summary, failure reasons, queue, tiles, feed -------------

#: FetchError codes as a short reason a person understands (see newsroom/sources)
_REASONS = {
    "config": "setting missing",
    "auth": "login refused",
    "timeout": "no answer",
    "connect": "no connection",
    "network": "no connection",
    "rate_limited": "too many requests",
    "parse": "unreadable answer",
    "too_large": "answer too large",
    "redirects": "too many redirects",
    "crash": "internal error",
}


def failure_reason(h: SourceHealth) -> str:
    """Why a source fails, in a few translated words ('setting missing', 'server error 503')."""
    code = h.last_error_code or ""
    if code in _REASONS:
        return tr(_REASONS[code])
    if code == "http_status" or h.last_error_status:
        return tr("server error %1").replace("%1", str(h.last_error_status or "?"))
    return tr("failing")


def health_summary(health: Sequence[SourceHealth]) -> tuple[str, str]:
    """('7 of 8 sources working', 'X: setting missing · Bluesky: login refused'): the count, then each
    failing source with its reason (the caller elides the second part to the room it has)."""
    total = len(health)
    working = sum(1 for h in health if h.ok)
    if total == 0:
        return "", ""
    if working == total:
        count = tr("all %1 sources working").replace("%1", str(total)) if total > 1 else \
            tr("1 source working")
    else:
        count = tr("%1 of %2 sources working").replace("%1", str(working)).replace("%2", str(total))
    # the network's short name where it has one ("Bluesky", not "Bluesky (bsky.social)"): the reason
    # is what the summary is for, and the top bar has room for little
    failing = [f"{NETWORKS.get(h.source, h.title)}: {failure_reason(h)}" for h in health if not h.ok]
    return count, " · ".join(failing)


def default_wall_name(name: str) -> bool:
    """True for the name an unconfigured wall has (the setting's default)."""
    return name.strip().lower() in ("", "newsroom")


def wall_title() -> str:
    """What the wall calls itself when no town is set."""
    return tr("Newsroom wall")


def subtitle() -> str:
    """The word after the town's name."""
    return tr("newsroom")


def spike_badge() -> str:
    """The badge on an alerted tile: an icon and a word, never colour alone."""
    return tr("▲ SPIKE")


def seen_badge() -> str:
    """The small mark on a tile whose alert was acknowledged."""
    return tr("✓ seen")


def more_alerts(n: int) -> str:
    """'+2 more alerts' beside the banner's alert."""
    if n == 1:
        return tr("+1 more alert")
    return tr("+%1 more alerts").replace("%1", str(n))


def copies_on(n: int, networks: Sequence[str]) -> str:
    """'+1 on Mastodon': copies of one post on other networks, counted once."""
    return tr("+%1 on %2").replace("%1", str(n)).replace("%2", ", ".join(networks))


def replying_to(parent: str) -> str:
    """'↳ replying to: “Brandweer komt pas morgen…”': what a reply on the wall answers."""
    return tr("↳ replying to: “%1”").replace("%1", parent)


def spark_now() -> str:
    """The time mark at the right end of a sparkline."""
    return tr("now")


def spark_hours_ago(hours: int) -> str:
    """'-6 h' under a sparkline."""
    return tr("-%1 h").replace("%1", str(hours))


_LINE = re.compile(r"\bline (\d+)")


def config_invalid(detail: str) -> str:
    """The config notice without the parser's English: the line it stopped at and the backup's name."""
    reason, _, backup = detail.rpartition(" — ")
    line = _LINE.search(reason or detail)
    if line:
        text = tr("The configuration could not be read (line %1); running on defaults, copy kept as %2")
        return text.replace("%1", line.group(1)).replace("%2", backup or "?")
    return tr("The configuration could not be read; running on defaults, copy kept as %1").replace(
        "%1", backup or "?")
