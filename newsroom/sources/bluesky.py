"""Bluesky post search (``app.bsky.feed.searchPosts``) through the user's own PDS session.

Anonymous search is refused since January 2025, so this needs a handle and an app password (kept
in the keyring). The session is created once, refreshed when the access token expires, and only
recreated when the refresh fails (``createSession`` is limited to a few hundred per day). The replies
under matched posts are followed through the same session (``newsroom.sources.bluesky_replies``).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

import httpx

from newsroom.domain import FetchError, FetchResult, Mention, Search
from newsroom.query import bluesky_queries
from newsroom.sources.base import SourceState, failed, read_query
from newsroom.sources.http import DEFAULT_MAX_BYTES, HttpResult, request
from newsroom.sources.normalize import as_dict, canonical_url, checked_time, iso_time, plain_text, stable_id
from newsroom.sources.threads import Followed, follow, with_replies

log = logging.getLogger("newsroom.sources.bluesky")

PAGE = 100
MAX_PAGES = 3
OVERLAP = timedelta(minutes=10)
FIRST_WINDOW = timedelta(days=1)


def post_url(handle: str, uri: str) -> str:
    """https://bsky.app/profile/<handle>/post/<rkey> from an at:// URI."""
    rkey = uri.rsplit("/", 1)[-1]
    return f"https://bsky.app/profile/{handle}/post/{rkey}"


def parse_post(view: Any, now: datetime) -> Mention | None:
    """One postView as a Mention."""
    if not isinstance(view, dict):
        return None
    record = as_dict(view.get("record"))
    author = as_dict(view.get("author"))
    uri = str(view.get("uri") or "")
    text = plain_text(str(record.get("text") or ""))
    if not uri or not text:
        return None
    published = iso_time(record.get("createdAt")) or iso_time(view.get("indexedAt"))
    # a time without a zone counts as missing
    published, flags = checked_time(published if published and published.tzinfo else None, now)
    handle = str(author.get("handle") or author.get("did") or "?")
    url = post_url(handle, uri)
    langs = record.get("langs")
    engagement = sum(int(view[k]) for k in ("replyCount", "repostCount", "likeCount", "quoteCount")
                     if isinstance(view.get(k), int))
    parent = str(as_dict(as_dict(record.get("reply")).get("parent")).get("uri") or "")
    return Mention(
        id=stable_id("bluesky", uri),
        source="bluesky",
        text=text,
        url=url,
        canonical_url=canonical_url(url),
        author="@" + handle,
        published=published,
        lang=str(langs[0])[:8] if isinstance(langs, list) and langs else None,
        engagement=engagement,
        flags=flags,
        reply_to=stable_id("bluesky", parent) if parent.startswith("at://") else None,
    )


@dataclass
class _Session:
    access: str = ""
    refresh: str = ""


@dataclass
class _Found:
    """The posts one poll found (first seen wins), the ones whose replies may be followed, and the newest
    time among them."""

    newest: datetime | None
    mentions: dict[str, Mention] = field(default_factory=dict)
    followed: dict[str, Followed] = field(default_factory=dict)

    def add(self, view: Any, now: datetime) -> None:
        """Read one postView."""
        m = parse_post(view, now)
        if m is None:
            return
        self.mentions.setdefault(m.id, m)
        replies = view.get("replyCount")
        if isinstance(replies, int):
            self.followed[m.id] = Followed(str(view["uri"]), m.id, m.published, replies)
        if "date_missing" not in m.flags and (self.newest is None or m.published > self.newest):
            self.newest = m.published


class BlueskySource:
    """Full-text post search with an app-password session."""

    name = "bluesky"
    title = "Bluesky"
    min_spacing_s = 0.5

    def __init__(self, client: httpx.Client, service: str, handle: str, app_password: str | None, *,
                 interval_s: float = 180.0, max_bytes: int = DEFAULT_MAX_BYTES,
                 follow_replies: bool = True, reply_pause_s: float | None = None) -> None:
        self.client = client
        self.service = service.rstrip("/")
        self.host = httpx.URL(self.service).host
        self.handle = handle.lstrip("@")
        self.app_password = app_password
        self.interval_s = interval_s
        self.max_bytes = max_bytes
        self._session = _Session()
        self.follow_replies = follow_replies
        #: seconds between two requests that follow replies (the spacing the poller keeps between polls)
        self.reply_pause_s = self.min_spacing_s if reply_pause_s is None else reply_pause_s

    def fetch(self, search: Search, state: SourceState, now: datetime) -> tuple[FetchResult, SourceState]:
        """Posts since the last poll (with overlap), newest first, a few pages per alternative."""
        def fail(code: str, reason: str, **kw: Any) -> tuple[FetchResult, SourceState]:
            return failed(FetchError(self.name, code, reason, **kw), search, state, now)

        if not self.handle or not self.app_password:
            return fail("config", "Bluesky needs a handle (sources.bluesky.handle) and an app password "
                        "(newsroom secret set sources.bluesky.app_password); anonymous search is refused "
                        "since 2025")
        query = read_query(self.name, search)
        if isinstance(query, FetchError):
            return failed(query, search, state, now)
        last = iso_time(state.values.get("newest"))
        since = (last - OVERLAP) if last else now - FIRST_WINDOW
        found = _Found(newest=last)
        for q in bluesky_queries(query):
            params = {"q": q, "sort": "latest", "limit": str(PAGE),
                      "since": since.strftime("%Y-%m-%dT%H:%M:%SZ")}
            if len(search.languages) == 1:
                params["lang"] = search.languages[0]
            problem = self._search_pages(params, found, now)
            if problem is not None:
                return failed(problem, search, state, now)
        kept = [replace(m, searches=(search.name,)) for m in found.mentions.values()
                if query.matches(m.text) and m.published >= since]
        values = dict(state.values)
        if found.newest is not None:
            values["newest"] = found.newest.isoformat()
        if self.follow_replies:
            from newsroom.sources.bluesky_replies import BlueskyReplies

            matched = (found.followed[m.id] for m in kept if m.id in found.followed)
            replies = follow(self.name, matched, values, now, BlueskyReplies(self.xrpc),
                             pause_s=self.reply_pause_s)
            kept = with_replies(kept, replies, search.name, query.allows)
        return FetchResult(self.name, search.name, tuple(kept), fetched_at=now), SourceState(values, now)

    def _search_pages(self, params: dict[str, str], found: _Found, now: datetime) -> FetchError | None:
        """Up to MAX_PAGES pages of one query into ``found``; the error that fails the poll, if any (a
        request that fails after some posts were found only ends this query)."""
        for _ in range(MAX_PAGES):
            answer = self.xrpc("app.bsky.feed.searchPosts", params)
            if isinstance(answer, FetchError):
                if found.mentions:
                    log.warning("Bluesky: %s", answer.reason)
                    return None
                return answer
            try:
                data = json.loads(answer.body.decode("utf-8", errors="replace"))
            except json.JSONDecodeError as exc:
                return FetchError(self.name, "parse", f"Bluesky sent broken JSON ({exc.msg})")
            posts = data.get("posts") if isinstance(data, dict) else None
            if not isinstance(posts, list):
                return FetchError(self.name, "parse", "Bluesky's answer has no list of posts")
            for view in posts:
                found.add(view, now)
            cursor = data.get("cursor")
            if not cursor or len(posts) < PAGE:
                return None
            params = {**params, "cursor": str(cursor)}
        return None

    def xrpc(self, method: str, params: dict[str, str] | httpx.QueryParams) -> HttpResult | FetchError:
        """GET ``/xrpc/<method>`` with a valid session: refresh on an expired token, log in again if that
        fails."""
        for attempt in range(3):
            if not self._session.access:
                problem = self._login()
                if problem:
                    return problem
            answer = request(self.client, "GET", f"{self.service}/xrpc/{method}", self.name,
                             headers={"Authorization": f"Bearer {self._session.access}"}, params=params,
                             max_bytes=self.max_bytes)
            expired = isinstance(answer, FetchError) and answer.status in (400, 401) and (
                "expired" in answer.reason.lower() or "token" in answer.reason.lower())
            if not expired or attempt == 2:
                return answer
            if not self._refresh():
                self._session = _Session()
        return FetchError(self.name, "auth", "Bluesky keeps refusing the session")

    def _login(self) -> FetchError | None:
        answer = request(self.client, "POST", f"{self.service}/xrpc/com.atproto.server.createSession",
                         self.name, json_body={"identifier": self.handle, "password": self.app_password})
        if isinstance(answer, FetchError):
            if answer.status in (400, 401):
                return FetchError(self.name, "auth", f"Bluesky refused the login of {self.handle}: check "
                                  "sources.bluesky.handle and the app password", answer.status)
            return answer
        return None if self._take(answer) else FetchError(self.name, "auth", "Bluesky sent no session")

    def _refresh(self) -> bool:
        if not self._session.refresh:
            return False
        answer = request(self.client, "POST", f"{self.service}/xrpc/com.atproto.server.refreshSession",
                         self.name, headers={"Authorization": f"Bearer {self._session.refresh}"})
        return not isinstance(answer, FetchError) and self._take(answer)

    def _take(self, answer: HttpResult) -> bool:
        try:
            data = json.loads(answer.body)
        except ValueError:
            return False
        if not isinstance(data, dict) or not data.get("accessJwt"):
            return False
        self._session = _Session(str(data["accessJwt"]), str(data.get("refreshJwt") or ""))
        return True
