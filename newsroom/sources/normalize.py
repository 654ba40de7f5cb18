"""Normalising remote items: plain text, UTC dates, canonical URLs, stable ids, size caps."""

from __future__ import annotations

import hashlib
import html
import re
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MAX_TEXT = 4000
MAX_TITLE = 400
FUTURE_SLACK = timedelta(minutes=10)

_TAG = re.compile(r"<[^>]+>")
_BLOCK = re.compile(
    r"<\s*/?\s*(br|p|div|li|ul|ol|h\d|tr|td|th|table|blockquote|section|article|header|footer|hr|img)\b[^>]*>",
    re.IGNORECASE,
)
_SCRIPT = re.compile(r"<\s*(script|style)\b.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)
_SPACE = re.compile(r"\s+")
TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid|at_\w+|xtor|ref|ref_src|_ga)$", re.IGNORECASE
)


def html_to_text(value: str, limit: int = MAX_TEXT) -> str:
    """Plain text from HTML: scripts dropped, tags removed, entities decoded, whitespace folded."""
    text = _SCRIPT.sub(" ", value)
    text = _BLOCK.sub(" ", text)
    text = _TAG.sub("", text)  # inline tags (a, span, b) join their text: "#<span>tag</span>" -> "#tag"
    text = html.unescape(html.unescape(text)) if "&amp;" in text else html.unescape(text)
    text = "".join(c for c in text if c.isprintable() or c in "\n\t")
    return _SPACE.sub(" ", text).strip()[:limit]


def plain_text(value: str, limit: int = MAX_TEXT) -> str:
    """Text that is already plain (Bluesky, X): control characters dropped, whitespace folded."""
    text = "".join(c for c in value if c.isprintable() or c in "\n\t")
    return _SPACE.sub(" ", text).strip()[:limit]


def as_dict(value: Any) -> dict[str, Any]:
    """``value`` when it is a JSON object, else an empty one (remote JSON is untrusted)."""
    return value if isinstance(value, dict) else {}


def canonical_url(url: str) -> str:
    """The URL without tracking parameters and fragment, host lower-cased."""
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    if parts.scheme not in ("http", "https"):
        return url.strip()
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)]
    )
    path = parts.path or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def stable_id(source: str, native: str) -> str:
    """'<source>:<native id>' when short, else a hash of it."""
    native = native.strip()
    if native and len(native) <= 100 and " " not in native:
        return f"{source}:{native}"
    return f"{source}:{hashlib.sha1(native.encode('utf-8')).hexdigest()[:20]}"


def iso_time(value: Any) -> datetime | None:
    """An ISO 8601 time as the APIs send it (``Z`` for UTC allowed); None when it is not one."""
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def checked_time(when: datetime | None, now: datetime) -> tuple[datetime, tuple[str, ...]]:
    """A post's time as stored, with its data-quality flags: missing (None) → now, flagged
    ``date_missing``; more than ``FUTURE_SLACK`` ahead → now, flagged ``date_future``."""
    if when is None:
        return now, ("date_missing",)
    if when > now + FUTURE_SLACK:
        return now, ("date_future",)
    return when, ()


def entry_time(parsed: time.struct_time | None, now: datetime) -> tuple[datetime, tuple[str, ...]]:
    """A UTC time from feedparser's parsed date; missing → now, future → now (both flagged)."""
    if parsed is None:
        return checked_time(None, now)
    try:
        when = datetime(*parsed[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return checked_time(None, now)
    return checked_time(when, now)
