"""A town stream handed to the wall's ``Pipeline`` as a source would: the stream's records as mentions,
and a poller that gives them five stream-minutes at a time (``benchmarks/topics.py``'s wall rows,
``topic_names.py --wall`` and ``--wall-stability``, ``restart_topics.py``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from newsroom.domain import FetchResult, Mention


def stream_mentions(records: Iterable[Mapping[str, Any]]) -> list[Mention]:
    """The stream's records (``id``, ``text``, ``published``, optional ``lang`` and ``reply_to``) as the
    wall's mentions of the search "Town", in time order (a stable sort: ties keep the stream's order)."""
    mentions = [Mention(id=r["id"], source="replay", text=r["text"],
                        published=datetime.fromisoformat(r["published"].replace("Z", "+00:00")),
                        lang=r.get("lang"), url=f"https://example.invalid/{r['id']}",
                        canonical_url=f"https://example.invalid/{r['id']}", searches=("Town",),
                        reply_to=r.get("reply_to"))
                for r in records]
    return sorted(mentions, key=lambda m: m.published)


class Replay:
    """Hands the mentions to the pipeline up to the stream time ``now`` (one batch per poll)."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.pos = 0
        self.now = mentions[0].published

    def poll_due(self, now: datetime | None = None) -> list[FetchResult]:
        end = self.pos
        while end < len(self.mentions) and self.mentions[end].published <= self.now:
            end += 1
        chunk, self.pos = self.mentions[self.pos:end], end
        return [FetchResult("replay", "Town", tuple(chunk))] if chunk else []

    def health(self, now: datetime | None = None) -> list[Any]:
        return []

    def close(self) -> None:
        pass
