"""The requests that follow replies on a Mastodon instance (``newsroom.sources.threads`` decides which).

- Reply counts: ``GET /api/v1/statuses?id[]=…`` (Mastodon 4.3 and later, 20 statuses per request).
- A post's replies: ``GET /api/v1/statuses/:id/context``, its ``descendants``, readable anonymously on
  most instances (with the token when one is configured). An ``in_reply_to_id`` is the instance's local
  id, not the URI our ids are made from: it is resolved through the post and the descendants of the
  same answer; a reply whose parent is not among them is left out (its link is never guessed).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

import httpx

from newsroom.domain import FetchError, Mention
from newsroom.sources.http import get
from newsroom.sources.mastodon import our_ids, parse_status
from newsroom.sources.threads import MAX_DEPTH, MAX_REPLIES, Followed

#: the source name on errors and mentions
NAME = "mastodon"


class MastodonReplies:
    """Reply counts and contexts from one instance."""

    def __init__(self, client: httpx.Client, instance: str, token: str | None, max_bytes: int) -> None:
        self.client = client
        self.instance = instance.rstrip("/")
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.max_bytes = max_bytes

    def _json(self, url: str) -> Any:
        answer = get(self.client, url, NAME, headers=self.headers, max_bytes=self.max_bytes)
        if isinstance(answer, FetchError):
            return answer
        try:
            return json.loads(answer.body.decode("utf-8", errors="replace"))
        except json.JSONDecodeError as exc:
            return FetchError(NAME, "parse", f"{url} sent broken JSON ({exc.msg})")

    def recount(self, keys: Sequence[str]) -> dict[str, int] | FetchError:
        """The reply counts of the statuses ``keys`` (local ids) that are still there."""
        data = self._json(f"{self.instance}/api/v1/statuses?" + urlencode([("id[]", k) for k in keys]))
        if isinstance(data, FetchError):
            return data
        if not isinstance(data, list):
            return FetchError(NAME, "parse", "the statuses answer is not a list")
        return {str(s["id"]): int(s["replies_count"]) for s in data if isinstance(s, dict) and s.get("id")
                and isinstance(s.get("replies_count"), int)}

    def replies(self, post: Followed, now: datetime) -> list[Mention] | FetchError:
        """The descendants of ``post`` as mentions, parents before children, at most MAX_REPLIES,
        MAX_DEPTH levels deep."""
        data = self._json(f"{self.instance}/api/v1/statuses/{post.key}/context")
        if isinstance(data, FetchError):
            return data
        if not isinstance(data, dict) or not isinstance(data.get("descendants"), list):
            return FetchError(NAME, "parse", f"the context of {post.key} has no list of descendants")
        descendants = [d for d in data["descendants"] if isinstance(d, dict) and d.get("id")]
        parents = {post.key: post.mention_id, **our_ids(descendants)}
        depth = {post.key: 0}
        out: list[Mention] = []
        for d in descendants:  # the API lists a parent before its replies
            parent = str(d.get("in_reply_to_id") or "")
            if parent not in depth or depth[parent] >= MAX_DEPTH:
                continue
            depth[str(d["id"])] = depth[parent] + 1
            m = parse_status(d, now, parents)
            if m is not None:
                out.append(m)
            if len(out) >= MAX_REPLIES:
                break
        return out
