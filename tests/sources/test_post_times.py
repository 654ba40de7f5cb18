"""A post's time as every source stores it (normalize.checked_time): a missing or unreadable time is
now, flagged date_missing; a time more than ten minutes ahead is now, flagged date_future; any other
time is kept as given."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from newsroom.sources.bluesky import parse_post
from newsroom.sources.mastodon import parse_status
from newsroom.sources.normalize import FUTURE_SLACK, checked_time, entry_time
from newsroom.sources.xsearch import parse_page

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
PAST = NOW - timedelta(hours=3)
AHEAD = NOW + FUTURE_SLACK + timedelta(minutes=1)


def test_checked_time_keeps_a_time_and_flags_a_missing_or_future_one() -> None:
    assert checked_time(PAST, NOW) == (PAST, ())
    assert checked_time(NOW + FUTURE_SLACK, NOW) == (NOW + FUTURE_SLACK, ()), "up to the slack: kept"
    assert checked_time(AHEAD, NOW) == (NOW, ("date_future",))
    assert checked_time(None, NOW) == (NOW, ("date_missing",))


def _mastodon(created: str) -> dict[str, Any]:
    return {"uri": "https://m.example/1", "content": "<p>Brug dicht</p>", "created_at": created}


def _bluesky(created: str) -> dict[str, Any]:
    return {"uri": "at://did:plc:a/app.bsky.feed.post/1", "author": {"handle": "a.example"},
            "record": {"text": "Brug dicht", "createdAt": created}}


def _x(created: str) -> dict[str, Any]:
    return {"data": [{"id": "1", "text": "Brug dicht", "author_id": "9", "created_at": created}]}


@pytest.mark.parametrize(("created", "published", "flags"), [
    (PAST.isoformat().replace("+00:00", "Z"), PAST, ()),
    (AHEAD.isoformat().replace("+00:00", "Z"), NOW, ("date_future",)),
    ("not a time", NOW, ("date_missing",)),
])
def test_every_source_stores_a_post_time_alike(created: str, published: datetime,
                                               flags: tuple[str, ...]) -> None:
    posts = [parse_status(_mastodon(created), NOW), parse_post(_bluesky(created), NOW),
             *parse_page(_x(created), NOW)]
    assert len(posts) == 3
    for post in posts:
        assert post is not None
        assert (post.source, post.published, post.flags) == (post.source, published, flags)


def test_a_feed_entry_time_is_checked_the_same_way() -> None:
    assert entry_time(time.struct_time((2026, 3, 2, 7, 0, 0, 0, 61, 0)), NOW) == (PAST, ())
    assert entry_time(None, NOW) == (NOW, ("date_missing",))
    assert entry_time(AHEAD.timetuple(), NOW) == (NOW, ("date_future",))
