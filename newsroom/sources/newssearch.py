"""News search feeds that take a query: Google News RSS search and Bing News RSS.

The query is translated into the service's operators, sent, and then applied locally again so
that the service's own matching mistakes are removed.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from newsroom.domain import FetchError, FetchResult, Mention, Search
from newsroom.query import to_google
from newsroom.sources.base import SourceState, failed, read_query
from newsroom.sources.http import DEFAULT_MAX_BYTES, get
from newsroom.sources.normalize import canonical_url
from newsroom.sources.rss import EntryHook, parse_feed

log = logging.getLogger("newsroom.sources.newssearch")


def split_publisher(title: str) -> tuple[str, str]:
    """'Headline - Publisher' -> ('Headline', 'Publisher')."""
    head, sep, tail = title.rpartition(" - ")
    if sep and head and 0 < len(tail) <= 80:
        return head.strip(), tail.strip()
    return title, ""


def _gnews_entry(entry: Any, m: Mention) -> Mention:
    title, publisher = split_publisher(m.title)
    source = entry.get("source") or {}
    publisher = str(source.get("title") or publisher or m.author)
    text = m.text if not m.text.startswith(m.title) else title
    return replace(m, title=title, text=text, author=publisher)


def unwrap_bing(url: str) -> str:
    """The article URL inside a Bing News click-tracking link (the ``url=`` parameter)."""
    try:
        params = parse_qs(urlsplit(url).query)
    except ValueError:
        return url
    inner = params.get("url", [""])[0]
    return inner if inner.startswith(("http://", "https://")) else url


def _bing_entry(entry: Any, m: Mention) -> Mention:
    real = unwrap_bing(m.url)
    publisher = str(entry.get("news_source") or m.author)
    return replace(m, url=real, canonical_url=canonical_url(real), author=publisher)


class NewsSearchSource:
    """A query-taking RSS endpoint."""

    def __init__(
        self,
        name: str,
        title: str,
        client: httpx.Client,
        url: str,
        params: dict[str, str],
        *,
        hook: EntryHook,
        interval_s: float,
        window: str = "",
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.name = name
        self.title = title
        self.client = client
        self.url = url
        self.params = params
        self.hook = hook
        self.interval_s = interval_s
        self.window = window
        self.max_bytes = max_bytes

    def fetch(self, search: Search, state: SourceState, now: datetime) -> tuple[FetchResult, SourceState]:
        """One search request; results are matched locally again."""
        query = read_query(self.name, search)
        if isinstance(query, FetchError):
            return failed(query, search, state, now)
        q = to_google(query) + (f" {self.window}" if self.window else "")
        answer = get(
            self.client, self.url, self.name, params={**self.params, "q": q}, max_bytes=self.max_bytes
        )
        if isinstance(answer, FetchError):
            return failed(answer, search, state, now)
        mentions, problem = parse_feed(answer.body, answer.headers, self.name, now, self.hook)
        if problem and not mentions:
            error = FetchError(
                self.name, "parse", f"{self.title} sent something that is not a feed ({problem})"
            )
            return failed(error, search, state, now)
        kept = tuple(
            replace(m, searches=(search.name,)) for m in mentions if query.matches(f"{m.title} {m.text}")
        )
        dropped = len(mentions) - len(kept)
        if dropped:
            log.debug("%s: %d results did not match %r locally", self.title, dropped, search.query)
        return FetchResult(self.name, search.name, kept, fetched_at=now), SourceState(dict(state.values), now)


def google_news(client: httpx.Client, base_url: str, edition: str, **kw: Any) -> NewsSearchSource:
    """Google News RSS search for an edition such as 'BE:nl' (hl=nl, gl=BE, ceid=BE:nl)."""
    country, _, lang = edition.partition(":")
    params = {"hl": lang or "nl", "gl": country or "BE", "ceid": f"{country or 'BE'}:{lang or 'nl'}"}
    return NewsSearchSource(
        "gnews",
        "Google News",
        client,
        base_url.rstrip("/") + "/rss/search",
        params,
        hook=_gnews_entry,
        window="when:1d",
        **kw,
    )


def bing_news(client: httpx.Client, base_url: str, market: str, **kw: Any) -> NewsSearchSource:
    """Bing News RSS for a market such as 'nl-BE'."""
    params = {"format": "rss", "mkt": market}
    return NewsSearchSource(
        "bing", "Bing News", client, base_url.rstrip("/") + "/news/search", params, hook=_bing_entry, **kw
    )
