"""Any RSS or Atom feed, filtered locally by each search's query; conditional GET per feed."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

import feedparser
import httpx

from newsroom.domain import FetchError, FetchResult, Mention, Search
from newsroom.query import Query, QueryError, parse_query
from newsroom.sources.base import SourceState
from newsroom.sources.http import DEFAULT_MAX_BYTES, HttpResult, get
from newsroom.sources.normalize import MAX_TITLE, canonical_url, entry_time, html_to_text, stable_id

log = logging.getLogger("newsroom.sources.rss")


EntryHook = Callable[[Any, Mention], Mention]


def parse_feed(
    body: bytes,
    headers: dict[str, str],
    source: str,
    now: datetime,
    hook: EntryHook | None = None,
) -> tuple[list[Mention], str | None]:
    """Mentions from a feed body; the second value is feedparser's complaint for a malformed feed."""
    parsed: Any = feedparser.parse(
        body,
        response_headers={k.lower(): v for k, v in headers.items()},
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    problem = None
    if parsed.get("bozo"):
        problem = f"{type(parsed.get('bozo_exception')).__name__}: {parsed.get('bozo_exception')}"
    feed_title = html_to_text(str(parsed.feed.get("title", "")), 200)
    mentions: list[Mention] = []
    for entry in parsed.entries:
        title = html_to_text(str(entry.get("title", "")), MAX_TITLE)
        summary = html_to_text(str(entry.get("summary", "") or entry.get("description", "")))
        content = entry.get("content")
        if not summary and content:
            summary = html_to_text(str(content[0].get("value", "")))
        link = str(entry.get("link", "") or "")
        native = str(entry.get("id", "") or link or title)
        if not (title or summary):
            continue
        published, flags = entry_time(entry.get("published_parsed") or entry.get("updated_parsed"), now)
        author = html_to_text(str(entry.get("author", "") or feed_title), 200)
        text = (
            f"{title}. {summary}" if title and summary and not summary.startswith(title) else summary or title
        )
        mention = Mention(
            id=stable_id(source, native),
            source=source,
            text=text,
            title=title,
            url=link,
            canonical_url=canonical_url(link),
            author=author,
            published=published,
            flags=flags,
        )
        mentions.append(hook(entry, mention) if hook else mention)
    return mentions, problem


class RssSource:
    """Polls configured feeds; each search keeps the items its query matches."""

    name = "rss"
    title = "RSS"

    def __init__(
        self,
        client: httpx.Client,
        feeds: Sequence[str],
        *,
        interval_s: float = 600.0,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        self.client = client
        self.feeds = tuple(feeds)
        self.interval_s = interval_s
        self.max_bytes = max_bytes

    def fetch(self, search: Search, state: SourceState, now: datetime) -> tuple[FetchResult, SourceState]:
        """Poll every feed (conditionally); an error only when every feed failed."""
        try:
            query: Query | None = parse_query(search.query)
        except QueryError:
            query = None
        values = dict(state.values)
        cache: dict[str, dict[str, str]] = dict(values.get("feeds", {}))
        found: list[Mention] = []
        errors: list[FetchError] = []
        not_modified = 0
        for url in self.feeds:
            kept = cache.get(url, {})
            headers = {}
            if kept.get("etag"):
                headers["If-None-Match"] = kept["etag"]
            if kept.get("modified"):
                headers["If-Modified-Since"] = kept["modified"]
            answer = get(self.client, url, self.name, headers=headers, max_bytes=self.max_bytes)
            if isinstance(answer, FetchError):
                errors.append(answer)
                continue
            if answer.not_modified:
                not_modified += 1
                continue
            cache[url] = _validators(answer)
            mentions, problem = parse_feed(answer.body, answer.headers, self.name, now)
            if problem and not mentions:
                errors.append(FetchError(self.name, "parse", f"{url} is not a readable feed ({problem})"))
                continue
            if problem:
                log.info("feed %s is malformed but readable: %s", url, problem)
            found += [m for m in mentions if query is None or query.matches(f"{m.title} {m.text}")]
        values["feeds"] = cache
        searched = tuple(replace(m, searches=(search.name,)) for m in found)
        if errors and len(errors) == len(self.feeds):
            first = errors[0]
            reason = (
                first.reason if len(errors) == 1 else f"all {len(errors)} feeds failed; first: {first.reason}"
            )
            error = FetchError(self.name, first.code, reason, first.status, first.retry_after_s)
            return FetchResult(self.name, search.name, error=error, fetched_at=now), SourceState(values, now)
        for e in errors:
            log.warning("RSS: %s", e.reason)
        result = FetchResult(
            self.name, search.name, searched, not_modified=not_modified == len(self.feeds), fetched_at=now
        )
        return result, SourceState(values, now)


def _validators(answer: HttpResult) -> dict[str, str]:
    headers = {k.lower(): v for k, v in answer.headers.items()}
    out = {}
    if headers.get("etag"):
        out["etag"] = headers["etag"]
    if headers.get("last-modified"):
        out["modified"] = headers["last-modified"]
    return out
