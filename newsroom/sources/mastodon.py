"""Mastodon hashtag timelines on any instance, with the tag's RSS feed as fallback.

Full-text search of statuses is not available anonymously on Mastodon, so a search is followed
through its ``#hashtags`` (or, when it has none, its single words used as tags). Incremental with
``min_id`` and the ``Link`` header; an instance that closed its API to anonymous readers is read
through ``/tags/<tag>.rss`` (the 20 newest posts) instead. The replies under matched posts are
followed through their context (``newsroom.sources.mastodon_replies``, ``newsroom.sources.threads``).
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

import httpx

from newsroom.domain import FetchError, FetchResult, Mention, Search
from newsroom.query import Query
from newsroom.sources.base import SourceState, failed, read_query
from newsroom.sources.http import DEFAULT_MAX_BYTES, get
from newsroom.sources.normalize import (
    as_dict,
    canonical_url,
    checked_time,
    html_to_text,
    iso_time,
    stable_id,
)
from newsroom.sources.rss import parse_feed
from newsroom.sources.threads import Followed, follow, known_ids, with_replies

log = logging.getLogger("newsroom.sources.mastodon")

PAGE = 40
MAX_PAGES = 5
MAX_TAGS = 4
#: the API answers these when an instance does not let anonymous readers see hashtag timelines
CLOSED = {401, 403, 404, 410, 422}
_LINK = re.compile(r'<([^>]+)>\s*;\s*rel="?(\w+)"?')


def tags_for(query: Query) -> list[str]:
    """The hashtags to follow: the query's #tags, else its single words, at most four."""
    words = query.hashtags() or [t for t in query.terms() if " " not in t]
    out: list[str] = []
    for w in words:
        plain = unicodedata.normalize("NFKD", w).encode("ascii", "ignore").decode().lower()
        tag = re.sub(r"\W", "", plain)
        if tag and tag not in out:
            out.append(tag)
    return out[:MAX_TAGS]


def links(header: str) -> dict[str, str]:
    """rel -> URL from a Link header."""
    return {rel: url for url, rel in _LINK.findall(header or "")}


def _id_key(status_id: str) -> tuple[int, str]:
    return (len(status_id), status_id)  # snowflake ids: longer is newer, then lexical


def _count(value: Any) -> int:
    return int(value) if isinstance(value, int | float) else 0


def status_of(item: Any) -> dict[str, Any]:
    """The status an item is about: the one it boosts, else itself ({} for what is not a status)."""
    return as_dict(as_dict(item).get("reblog")) or as_dict(item)


def our_ids(items: Any) -> dict[str, str]:
    """The instance's local status id -> our mention id, for the statuses in ``items`` (and those they
    boost): what an ``in_reply_to_id`` (a local id) is resolved through."""
    out: dict[str, str] = {}
    for item in items if isinstance(items, list) else []:
        for status in (as_dict(item), as_dict(as_dict(item).get("reblog"))):
            uri = str(status.get("uri") or status.get("url") or "")
            if status.get("id") and uri:
                out[str(status["id"])] = stable_id("mastodon", uri)
    return out


def parse_status(item: Any, now: datetime, parents: Mapping[str, str] | None = None) -> Mention | None:
    """One Status (or the status it boosts) as a Mention; its ``reply_to`` when its parent's local id
    is in ``parents`` (local id -> our id; never guessed)."""
    if not isinstance(item, dict):
        return None
    status = status_of(item)
    text = html_to_text(str(status.get("content") or ""))
    warning = html_to_text(str(status.get("spoiler_text") or ""), 300)
    if warning:
        text = f"{warning}. {text}" if text else warning
    uri = str(status.get("uri") or status.get("url") or "")
    if not text or not uri:
        return None
    account = as_dict(status.get("account"))
    url = str(status.get("url") or uri)
    published, flags = checked_time(iso_time(status.get("created_at")), now)
    engagement = sum(_count(status.get(k)) for k in
                     ("replies_count", "reblogs_count", "favourites_count", "quotes_count"))
    return Mention(
        id=stable_id("mastodon", uri),
        source="mastodon",
        text=text,
        url=url,
        canonical_url=canonical_url(url),
        author="@" + str(account.get("acct") or account.get("username") or "?"),
        published=published,
        lang=str(status["language"]) if status.get("language") else None,
        engagement=engagement,
        flags=flags,
        reply_to=(parents or {}).get(str(status.get("in_reply_to_id") or "")),
    )


class MastodonSource:
    """Hashtag timelines of one instance."""

    name = "mastodon"
    title = "Mastodon"
    min_spacing_s = 1.0  # 300 requests per 5 minutes per IP

    def __init__(self, client: httpx.Client, instance: str, *, token: str | None = None,
                 interval_s: float = 180.0, max_bytes: int = DEFAULT_MAX_BYTES,
                 follow_replies: bool = True, reply_pause_s: float | None = None) -> None:
        self.client = client
        self.instance = instance.rstrip("/")
        self.host = httpx.URL(self.instance).host
        self.token = token
        self.interval_s = interval_s
        self.max_bytes = max_bytes
        self.follow_replies = follow_replies
        #: seconds between two requests that follow replies (the spacing the poller keeps between polls)
        self.reply_pause_s = self.min_spacing_s if reply_pause_s is None else reply_pause_s

    def fetch(self, search: Search, state: SourceState, now: datetime) -> tuple[FetchResult, SourceState]:
        """New posts on each of the search's tags since the last poll."""
        query = read_query(self.name, search)
        if isinstance(query, FetchError):
            return failed(query, search, state, now)
        tags = tags_for(query)
        if not tags:
            error = FetchError(self.name, "config", f"{search.name!r} has no #hashtag or word to follow "
                               "on Mastodon (full-text search is not available anonymously)")
            return failed(error, search, state, now)
        values = dict(state.values)
        newest: dict[str, str] = dict(values.get("min_id", {}))
        found: dict[str, Mention] = {}
        followed: dict[str, Followed] = {}
        seen = known_ids(values)  # matched posts of earlier polls, by local id
        errors: list[FetchError] = []
        for tag in tags:
            got = self._tag(tag, newest.get(tag), values, now, followed, seen)
            if isinstance(got, FetchError):
                errors.append(got)
                continue
            mentions, top = got
            if top:
                newest[tag] = top
            for m in mentions:
                found.setdefault(m.id, m)
        values["min_id"] = newest
        if errors and len(errors) == len(tags):
            return failed(errors[0], search, state, now)
        for e in errors:
            log.warning("Mastodon: %s", e.reason)
        kept = [replace(m, searches=(search.name,)) for m in found.values() if query.matches(m.text)]
        if self.follow_replies and values.get("mode") != "rss":
            from newsroom.sources.mastodon_replies import MastodonReplies

            requests = MastodonReplies(self.client, self.instance, self.token, self.max_bytes)
            matched = (followed[m.id] for m in kept if m.id in followed)
            replies = follow(self.name, matched, values, now, requests, pause_s=self.reply_pause_s)
            kept = with_replies(kept, replies, search.name, query.allows)
        return FetchResult(self.name, search.name, tuple(kept), fetched_at=now), SourceState(values, now)

    def _tag(self, tag: str, min_id: str | None, values: dict[str, Any], now: datetime,
             followed: dict[str, Followed],
             seen: dict[str, str]) -> tuple[list[Mention], str | None] | FetchError:
        if values.get("mode") == "rss":
            return self._rss(tag, now)
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        url: str | None = f"{self.instance}/api/v1/timelines/tag/{tag}"
        params: dict[str, str] | None = {"limit": str(PAGE), **({"min_id": min_id} if min_id else {})}
        mentions: list[Mention] = []
        top = min_id
        for _ in range(MAX_PAGES):
            assert url is not None
            answer = get(self.client, url, self.name, headers=headers, params=params,
                         max_bytes=self.max_bytes)
            if isinstance(answer, FetchError):
                if answer.status in CLOSED and not mentions:
                    log.info("Mastodon %s: API closed (%s); reading the RSS feed", self.host, answer.status)
                    values["mode"] = "rss"
                    return self._rss(tag, now)
                return answer
            try:
                items = json.loads(answer.body.decode("utf-8", errors="replace"))
            except json.JSONDecodeError as exc:
                return FetchError(self.name, "parse", f"{self.host} sent broken JSON for #{tag} ({exc.msg})")
            if not isinstance(items, list):
                return FetchError(self.name, "parse", f"{self.host} did not send a list of posts for #{tag}")
            parents = {**seen, **our_ids(items)}
            for item in items:
                m = parse_status(item, now, parents)
                status = status_of(item)
                if m is not None:
                    mentions.append(m)
                    if status.get("id"):
                        followed[m.id] = Followed(str(status["id"]), m.id, m.published,
                                                  _count(status.get("replies_count")))
                if isinstance(item, dict) and item.get("id"):
                    sid = str(item["id"])
                    top = sid if top is None or _id_key(sid) > _id_key(top) else top
            # Only page forward (newer) from a known position; a first poll takes one page.
            url = links(answer.headers.get("link", "") or answer.headers.get("Link", "")).get("prev")
            params = None
            if min_id is None or len(items) < PAGE or not url:
                break
        return mentions, top

    def _rss(self, tag: str, now: datetime) -> tuple[list[Mention], str | None] | FetchError:
        url = f"{self.instance}/tags/{tag}.rss"
        answer = get(self.client, url, self.name, max_bytes=self.max_bytes)
        if isinstance(answer, FetchError):
            return answer
        mentions, problem = parse_feed(answer.body, answer.headers, self.name, now)
        if problem and not mentions:
            return FetchError(self.name, "parse", f"{url} is not a readable feed ({problem})")
        return mentions, None
