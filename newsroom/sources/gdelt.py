"""GDELT DOC 2.0 article search: one request per search, strictly serial, at least 5 s apart.

GDELT matches the query on (English translations of) article text and returns titles only, so the
local pass applies exclusions but cannot re-check the positive words. Failures mean "no data", never
"zero mentions".
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from newsroom.domain import FetchError, FetchResult, Mention, Search
from newsroom.query import Query, to_gdelt
from newsroom.sources.base import SourceState, failed, read_query
from newsroom.sources.http import DEFAULT_MAX_BYTES, get
from newsroom.sources.normalize import MAX_TITLE, canonical_url, checked_time, html_to_text, stable_id

log = logging.getLogger("newsroom.sources.gdelt")

#: GDELT asks for "one request every 5 seconds"; a little more keeps us clear of its load shedding.
MIN_SPACING_S = 6.0
MAX_RECORDS = 250
LANGUAGES = {"dutch": "nl", "english": "en", "french": "fr", "german": "de"}


def timespan(last_poll: datetime | None, now: datetime) -> str:
    """The window to ask for: since the last poll plus 15 min overlap, 15 min to 1 day."""
    if last_poll is None:
        return "1d"
    minutes = int((now - last_poll).total_seconds() // 60) + 15
    minutes = max(15, min(minutes, 1440))
    return "1d" if minutes >= 1440 else f"{minutes}min"


def gdelt_query(query: Query, language: str, countries: list[str]) -> str:
    """The search translated to GDELT operators plus language and country filters."""
    q = to_gdelt(query)
    if language:
        q += f" sourcelang:{language}"
    if len(countries) == 1:
        q += f" sourcecountry:{countries[0]}"
    elif countries:
        q += " (" + " OR ".join(f"sourcecountry:{c}" for c in countries) + ")"
    return q


def seen_time(value: str, now: datetime) -> tuple[datetime, tuple[str, ...]]:
    """'20260604T213000Z' -> UTC datetime; missing or future -> now, flagged."""
    try:
        when = datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    except (TypeError, ValueError):
        return checked_time(None, now)
    return checked_time(when, now)


def parse_artlist(body: bytes, now: datetime) -> list[Mention] | str:
    """Mentions from an artlist answer, or GDELT's own complaint as a string."""
    text = body.decode("utf-8", errors="replace").strip()
    if not text:
        return []
    if not text.startswith("{"):
        return html_to_text(text, 300) or "an empty answer"
    try:
        data: Any = json.loads(text, strict=False)  # GDELT sometimes sends raw control characters
    except json.JSONDecodeError as exc:
        return f"broken JSON ({exc.msg} at position {exc.pos})"
    articles = data.get("articles", []) if isinstance(data, dict) else []
    out = []
    for a in articles if isinstance(articles, list) else []:
        if not isinstance(a, dict):
            continue
        url = str(a.get("url") or "")
        title = html_to_text(str(a.get("title") or ""), MAX_TITLE)
        if not url or not title:
            continue
        published, flags = seen_time(str(a.get("seendate") or ""), now)
        out.append(Mention(
            id=stable_id("gdelt", canonical_url(url)),
            source="gdelt",
            text=title,
            title=title,
            url=url,
            canonical_url=canonical_url(url),
            author=html_to_text(str(a.get("domain") or ""), 200),
            published=published,
            lang=LANGUAGES.get(str(a.get("language") or "").lower()),
            flags=flags,
        ))
    return out


class GdeltSource:
    """GDELT DOC 2.0 ``mode=artlist`` per search."""

    name = "gdelt"
    title = "GDELT"
    min_spacing_s = MIN_SPACING_S

    def __init__(self, client: httpx.Client, base_url: str, *, language: str = "dutch",
                 countries: list[str] | None = None, interval_s: float = 900.0,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.client = client
        self.url = base_url.rstrip("/") + "/api/v2/doc/doc"
        self.host = httpx.URL(self.url).host
        self.language = language
        self.countries = list(countries if countries is not None else ["BE", "NL"])
        self.interval_s = interval_s
        self.max_bytes = max_bytes

    def fetch(self, search: Search, state: SourceState, now: datetime) -> tuple[FetchResult, SourceState]:
        """One artlist request for the window since the last poll."""
        query = read_query(self.name, search)
        if isinstance(query, FetchError):
            return failed(query, search, state, now)
        q = gdelt_query(query, self.language, self.countries)
        params = {"query": q, "mode": "artlist", "format": "json", "sort": "DateDesc",
                  "maxrecords": str(MAX_RECORDS), "timespan": timespan(state.last_poll, now)}
        answer = get(self.client, self.url, self.name, params=params, max_bytes=self.max_bytes)
        if isinstance(answer, FetchError):
            return failed(answer, search, state, now)
        parsed = parse_artlist(answer.body, now)
        if isinstance(parsed, str):
            code, wait = ("rate_limited", 60.0) if "limit requests" in parsed.lower() else ("refused", None)
            error = FetchError(self.name, code, f"GDELT did not answer with articles: {parsed}",
                               answer.status, wait)
            return failed(error, search, state, now)
        horizon = now - timedelta(days=2)
        kept = tuple(
            replace(m, searches=(search.name,))
            for m in parsed if query.allows(m.title) and m.published >= horizon
        )
        return FetchResult(self.name, search.name, kept, fetched_at=now), SourceState(dict(state.values), now)
