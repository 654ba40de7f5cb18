"""Privacy mode "topics, not people" for the briefing: no author names or handles in what it prints.

Authors are never printed at all; this module takes handles out of the texts themselves: ``@name``,
``@name@instance.social`` (Mastodon), ``@name.bsky.social`` (Bluesky), ``u/name`` (Reddit) and profile
links (``https://x.com/name``, ``https://mastodon.social/@name``). Each becomes ``@…`` so the sentence
still reads. (The wall's own privacy module may replace this one; the rules are the same.)
"""

from __future__ import annotations

import re

#: what a handle becomes
MASK = "@…"

_PROFILE_URL = re.compile(
    r"https?://(?:www\.)?(?:[\w-]+\.)+[a-z]{2,}/(?:@[\w.-]+(?:@[\w.-]+)?|u/[\w-]+|user/[\w-]+|profile/[\w.:-]+)"
    r"[^\s]*|https?://(?:www\.)?(?:x|twitter)\.com/[\w]+[^\s]*", re.IGNORECASE | re.UNICODE)
_HANDLE = re.compile(r"(?<![\w@/])@[\w][\w.-]*(?:@[\w-]+(?:\.[\w-]+)+)?", re.UNICODE)
_REDDIT = re.compile(r"(?<![\w/])/?u/[\w-]{2,}", re.UNICODE)


def redact_handles(text: str) -> str:
    """``text`` with every handle and profile link replaced by ``@…`` (an e-mail address stays: the
    ``@`` of ``a@b.be`` follows a letter)."""
    text = _PROFILE_URL.sub(MASK, text)
    text = _HANDLE.sub(lambda m: MASK + ("" if not m.group().endswith(".") else "."), text)
    return _REDDIT.sub(MASK, text)
