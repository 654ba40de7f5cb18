"""The requests that follow replies on Bluesky, through the signed-in session of the search
(``newsroom.sources.threads`` decides which).

- Reply counts: ``app.bsky.feed.getPosts?uris=…`` (25 posts per request).
- A post's replies: ``app.bsky.feed.getPostThread?uri=…&depth=…&parentHeight=0``, walked level by level;
  each reply's record names its parent (``reply.parent.uri``). Posts that are blocked or not found in
  the thread are skipped; a thread whose post is gone (``NotFound``) counts as a 404.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

import httpx

from newsroom.domain import FetchError, Mention
from newsroom.sources.bluesky import parse_post
from newsroom.sources.http import HttpResult
from newsroom.sources.normalize import as_dict
from newsroom.sources.threads import MAX_DEPTH, MAX_REPLIES, Followed

NAME = "bluesky"
#: GET /xrpc/<method> with params through the session (``BlueskySource.xrpc``)
Xrpc = Callable[[str, "dict[str, str] | httpx.QueryParams"], "HttpResult | FetchError"]


class BlueskyReplies:
    """Reply counts and threads through the session's ``xrpc``."""

    def __init__(self, xrpc: Xrpc) -> None:
        self.xrpc = xrpc

    def _json(self, method: str, params: dict[str, str] | httpx.QueryParams) -> Any:
        answer = self.xrpc(method, params)
        if isinstance(answer, FetchError):
            if answer.status == 400 and "not found" in answer.reason.lower():
                return replace(answer, status=404)  # the post was deleted: gone, like a 404
            return answer
        try:
            return json.loads(answer.body.decode("utf-8", errors="replace"))
        except json.JSONDecodeError as exc:
            return FetchError(NAME, "parse", f"Bluesky sent broken JSON for {method} ({exc.msg})")

    def recount(self, keys: Sequence[str]) -> dict[str, int] | FetchError:
        """The reply counts of the posts ``keys`` (at:// URIs) that are still there."""
        data = self._json("app.bsky.feed.getPosts", httpx.QueryParams([("uris", k) for k in keys]))
        if isinstance(data, FetchError):
            return data
        posts = as_dict(data).get("posts")
        if not isinstance(posts, list):
            return FetchError(NAME, "parse", "Bluesky's getPosts answer has no list of posts")
        return {str(p["uri"]): int(p["replyCount"]) for p in posts if isinstance(p, dict) and p.get("uri")
                and isinstance(p.get("replyCount"), int)}

    def replies(self, post: Followed, now: datetime) -> list[Mention] | FetchError:
        """The replies under ``post``, level by level (the first level first), at most MAX_REPLIES."""
        data = self._json("app.bsky.feed.getPostThread",
                          {"uri": post.key, "depth": str(MAX_DEPTH), "parentHeight": "0"})
        if isinstance(data, FetchError):
            return data
        thread = as_dict(as_dict(data).get("thread"))
        if not thread.get("post"):
            return FetchError(NAME, "parse", f"Bluesky's thread of {post.key} has no post")
        out: list[Mention] = []
        level = [thread]
        for _ in range(MAX_DEPTH):
            below = [as_dict(r) for node in level for r in node.get("replies") or [] if isinstance(r, dict)]
            level = [r for r in below if isinstance(r.get("post"), dict)]  # not blocked, not missing
            for node in level:
                m = parse_post(node["post"], now)
                if m is not None and m.reply_to is not None:
                    out.append(m)
                if len(out) >= MAX_REPLIES:
                    return out
        return out
