"""One configured HTTP client and a fetch that maps every transport problem to a FetchError."""

from __future__ import annotations

import email.utils
import json
import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx

from newsroom import __version__
from newsroom.domain import FetchError

log = logging.getLogger("newsroom.sources.http")

DEFAULT_TIMEOUT_S = 20.0
DEFAULT_MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5


def total_s(client: httpx.Client) -> float:
    """A whole-answer deadline: a read timeout alone never ends a server that trickles bytes."""
    read = client.timeout.read or DEFAULT_TIMEOUT_S
    return 3 * read


def user_agent(contact: str = "") -> str:
    """'NewsroomWall/0.1 (+contact)': names the app and, when configured, the operator."""
    return f"NewsroomWall/{__version__}" + (f" (+{contact})" if contact else "")


def make_client(*, contact: str = "", timeout_s: float = DEFAULT_TIMEOUT_S) -> httpx.Client:
    """The client every source uses: explicit timeouts, limited redirects, TLS verified."""
    return httpx.Client(
        headers={"User-Agent": user_agent(contact), "Accept-Encoding": "gzip, deflate"},
        timeout=httpx.Timeout(timeout_s, connect=min(10.0, timeout_s)),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        verify=True,
    )


@dataclass(frozen=True, slots=True)
class HttpResult:
    """A successful (2xx or 304) response, body capped."""

    status: int
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    url: str = ""

    @property
    def not_modified(self) -> bool:
        """True for 304 Not Modified."""
        return self.status == 304


def retry_after_s(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _service_message(response: httpx.Response) -> str:
    """The service's own explanation from an error body ({"message": ...} or short text), if any."""
    try:
        raw = b""
        for chunk in response.iter_bytes():
            raw += chunk
            if len(raw) > 4096:
                break
    except httpx.HTTPError:
        return ""
    text = raw[:4096].decode("utf-8", errors="replace").strip()
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict):
        for key in ("message", "error_description", "detail", "error", "title"):
            if isinstance(data.get(key), str) and data[key]:
                return str(data[key])[:200]
        errors = data.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], dict):
            return str(errors[0].get("message") or errors[0].get("detail") or "")[:200]
        return ""
    if text.startswith("<") or not text:
        return ""
    return " ".join(text.split())[:200]


def rate_limit_reset_s(headers: httpx.Headers, now: datetime | None = None) -> float | None:
    """Seconds until a rate-limit window resets: X sends unix seconds, Mastodon an ISO time."""
    value = headers.get("x-rate-limit-reset") or headers.get("x-ratelimit-reset")
    if not value:
        return None
    now = now or datetime.now(UTC)
    try:
        when = (datetime.fromtimestamp(float(value), UTC) if value.strip().replace(".", "").isdigit()
                else datetime.fromisoformat(value.strip().replace("Z", "+00:00")))
    except (ValueError, OverflowError, OSError):
        return None
    return max(0.0, (when - now).total_seconds()) if when.tzinfo else None


def get(
    client: httpx.Client,
    url: str,
    source: str,
    *,
    headers: dict[str, str] | None = None,
    params: dict[str, str] | httpx.QueryParams | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> HttpResult | FetchError:
    """GET ``url``; the body is read up to ``max_bytes``. Never raises for network trouble."""
    return request(client, "GET", url, source, headers=headers, params=params, max_bytes=max_bytes)


def request(
    client: httpx.Client,
    method: str,
    url: str,
    source: str,
    *,
    headers: dict[str, str] | None = None,
    params: dict[str, str] | httpx.QueryParams | None = None,
    json_body: Any = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> HttpResult | FetchError:
    """One request; the body is read up to ``max_bytes``. Never raises for network trouble."""
    try:
        with client.stream(method, url, headers=headers, params=params, json=json_body) as response:
            if response.status_code == 304:
                return HttpResult(304, b"", dict(response.headers), str(response.url))
            return _refusal(response, url, source) or _body(response, url, source, total_s(client), max_bytes)
    except httpx.TooManyRedirects:
        return FetchError(source, "redirects", f"{url} redirects more than {MAX_REDIRECTS} times")
    except httpx.TimeoutException:
        return FetchError(source, "timeout", f"{url} did not answer in time")
    except httpx.ConnectError as exc:
        return FetchError(source, "connect", f"cannot connect to {httpx.URL(url).host}: {exc}")
    except httpx.HTTPError as exc:
        return FetchError(source, "network", f"network problem with {url}: {exc}")


def _refusal(response: httpx.Response, url: str, source: str) -> FetchError | None:
    """The error a 429/503 (with how long to wait) or another 4xx/5xx answer stands for; None when the
    server answered."""
    if response.status_code in (429, 503):
        wait = retry_after_s(response.headers.get("Retry-After")) or rate_limit_reset_s(response.headers)
        reason = (
            "the server asks us to slow down (429 Too Many Requests)"
            if response.status_code == 429
            else "the service is temporarily unavailable (503)"
        )
        if wait:
            reason += f"; it asks to wait {wait:.0f} s"
        return FetchError(source, "rate_limited", reason, response.status_code, wait)
    if response.status_code >= 400:
        said = _service_message(response)
        return FetchError(
            source,
            "http_status",
            f"the server answered {response.status_code} {response.reason_phrase} for {url}"
            + (f" ({said})" if said else ""),
            response.status_code,
        )
    return None


def _body(response: httpx.Response, url: str, source: str, limit_s: float,
          max_bytes: int) -> HttpResult | FetchError:
    """The answer's body, read within ``limit_s`` seconds and up to ``max_bytes``."""
    chunks: list[bytes] = []
    size = 0
    deadline = time.monotonic() + limit_s
    for chunk in response.iter_bytes():
        if time.monotonic() > deadline:
            return FetchError(source, "timeout", f"{url} sends its answer too slowly; it was given up")
        size += len(chunk)
        if size > max_bytes:
            return FetchError(
                source,
                "too_large",
                f"the answer from {url} is larger than {max_bytes // 1_000_000} MB; it was not read",
            )
        chunks.append(chunk)
    return HttpResult(response.status_code, b"".join(chunks), dict(response.headers), str(response.url))
