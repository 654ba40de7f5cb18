"""X (Twitter) API v2 recent search, only with the user's own bearer token (a paid API).

Incremental with ``since_id``; ``next_token`` paging is bounded because every post read is billed.
When ``x-rate-limit-remaining`` hits zero the poller waits until ``x-rate-limit-reset``. A reply's
parent comes with the post (``referenced_tweets``, ``replied_to``); conversations are not searched
(every post read is billed to the user).
"""

from __future__ import annotations

import html
import json
import logging
from dataclasses import replace
from datetime import datetime
from typing import Any

import httpx

from newsroom.domain import FetchError, FetchResult, Mention, Search
from newsroom.query import AnyOf, Query, to_x
from newsroom.sources.base import SourceState, failed, read_query
from newsroom.sources.http import DEFAULT_MAX_BYTES, request
from newsroom.sources.normalize import as_dict, canonical_url, checked_time, iso_time, plain_text, stable_id

log = logging.getLogger("newsroom.sources.xsearch")

PAGE = 100
MAX_PAGES = 2
MAX_QUERY = 512


def x_query(search: Search, query: Query) -> str:
    """The search's parsed query in X operators, without retweets, in its language when it has one."""
    q = to_x(query)
    q = f"({q}) -is:retweet" if isinstance(query.root, AnyOf) else f"{q} -is:retweet"
    if len(search.languages) == 1:
        q += f" lang:{search.languages[0]}"
    return q


def replied_to(tweet: dict[str, Any]) -> str | None:
    """Our id of the post ``tweet`` answers (its ``replied_to`` reference), if any."""
    for ref in tweet.get("referenced_tweets") or []:
        if isinstance(ref, dict) and ref.get("type") == "replied_to" and ref.get("id"):
            return stable_id("x", str(ref["id"]))
    return None


def parse_page(data: Any, now: datetime) -> list[Mention]:
    """Mentions from one recent-search answer (authors from ``includes.users``)."""
    if not isinstance(data, dict):
        return []
    included = as_dict(data.get("includes")).get("users")
    users = {str(u.get("id")): u for u in included or [] if isinstance(u, dict)}
    out = []
    for tweet in data.get("data") or []:
        if not isinstance(tweet, dict) or not tweet.get("id") or not tweet.get("text"):
            continue
        user = users.get(str(tweet.get("author_id")), {})
        username = str(user.get("username") or tweet.get("author_id") or "i")
        url = f"https://x.com/{username}/status/{tweet['id']}"
        published, flags = checked_time(iso_time(tweet.get("created_at")), now)
        metrics = as_dict(tweet.get("public_metrics"))
        out.append(Mention(
            id=stable_id("x", str(tweet["id"])),
            source="x",
            text=plain_text(html.unescape(str(tweet["text"]))),  # X escapes &, < and >
            url=url,
            canonical_url=canonical_url(url),
            author="@" + username,
            published=published,
            lang=str(tweet["lang"]) if tweet.get("lang") and tweet.get("lang") != "und" else None,
            engagement=sum(int(v or 0) for v in metrics.values() if isinstance(v, int | float)),
            flags=flags,
            reply_to=replied_to(tweet),
        ))
    return out


class XSource:
    """Recent search with a bearer token."""

    name = "x"
    title = "X"
    min_spacing_s = 1.0

    def __init__(self, client: httpx.Client, base_url: str, bearer: str | None, *,
                 interval_s: float = 900.0, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.client = client
        self.url = base_url.rstrip("/") + "/2/tweets/search/recent"
        self.host = httpx.URL(self.url).host
        self.bearer = bearer
        self.interval_s = interval_s
        self.max_bytes = max_bytes

    def fetch(self, search: Search, state: SourceState, now: datetime) -> tuple[FetchResult, SourceState]:
        """Posts newer than the last seen id."""
        def fail(error: FetchError) -> tuple[FetchResult, SourceState]:
            return failed(error, search, state, now)

        if not self.bearer:
            return fail(FetchError(self.name, "config", "X needs your own API bearer token (newsroom "
                                   "secret set sources.x.bearer_token); the X API is paid per post read"))
        query = read_query(self.name, search)
        if isinstance(query, FetchError):
            return fail(query)
        q = x_query(search, query)
        if len(q) > MAX_QUERY:
            return fail(FetchError(self.name, "config", f"the query of {search.name!r} is longer than the "
                                   f"{MAX_QUERY} characters X accepts"))
        params = {"query": q, "max_results": str(PAGE),
                  "tweet.fields": "created_at,lang,public_metrics,author_id,referenced_tweets",
                  "expansions": "author_id", "user.fields": "username,name"}
        since_id = state.values.get("since_id")
        if since_id:
            params["since_id"] = str(since_id)
        headers = {"Authorization": f"Bearer {self.bearer}"}
        found: list[Mention] = []
        newest = since_id
        for page in range(MAX_PAGES):
            answer = request(self.client, "GET", self.url, self.name, headers=headers, params=params,
                             max_bytes=self.max_bytes)
            if isinstance(answer, FetchError):
                if answer.status == 401:
                    answer = replace(answer, code="auth", reason="X refused the bearer token (401); "
                                     "store it again: newsroom secret set sources.x.bearer_token")
                if found:
                    log.warning("X: %s", answer.reason)
                    break
                return fail(answer)
            try:
                data = json.loads(answer.body.decode("utf-8", errors="replace"))
            except json.JSONDecodeError as exc:
                return fail(FetchError(self.name, "parse", f"X sent broken JSON ({exc.msg})"))
            found += parse_page(data, now)
            meta = as_dict(as_dict(data).get("meta"))
            if page == 0 and meta.get("newest_id"):
                newest = str(meta["newest_id"])
            token = meta.get("next_token")
            if not token or not since_id:  # a first poll takes one page: no backfill bill
                break
            params = {**params, "pagination_token": str(token)}
        kept = tuple(replace(m, searches=(search.name,)) for m in found if query.matches(m.text))
        values = dict(state.values)
        if newest:
            values["since_id"] = newest
        return FetchResult(self.name, search.name, kept, fetched_at=now), SourceState(values, now)
