"""Channels an alert can go out on: webhooks (generic JSON, Microsoft Teams, Slack), e-mail over SMTP
with STARTTLS, a desktop notification and a sound. Each ``send`` raises ChannelError on failure and
says whether trying again later may help. Secrets (webhook URLs, passwords) never reach the log.
"""

from __future__ import annotations

import importlib
import logging
import math
import shutil
import smtplib
import ssl
import struct
import subprocess
import sys
import wave
from collections.abc import Sequence
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Protocol

import httpx

from newsroom.alerts.explain import Explanation
from newsroom.domain import SpikeAlert

log = logging.getLogger("newsroom.alerts.channels")


class ChannelError(Exception):
    """A delivery failed; ``retry`` says whether a later attempt may work."""

    def __init__(self, message: str, *, retry: bool) -> None:
        super().__init__(message)
        self.retry = retry


class Channel(Protocol):
    """One way of telling people."""

    #: short name for logs and health ("webhook", "email", "desktop", "sound")
    name: str
    #: external channels respect quiet hours
    external: bool

    def send(self, explanation: Explanation, alert: SpikeAlert) -> None:
        """Deliver once; raise ChannelError on failure."""
        ...


def _iso(dt: datetime | None) -> str | None:
    return dt.isoformat().replace("+00:00", "Z") if dt else None


def generic_payload(e: Explanation, a: SpikeAlert) -> dict[str, Any]:
    """The generic JSON body: every number behind the alert, plus the sentences."""
    return {
        "id": a.id, "state": a.state.value, "scope": a.scope.value, "key": a.key, "title": a.title,
        "severity": a.severity, "headline": e.headline, "text": e.body, "observed": a.observed,
        "expected": round(a.expected, 2), "spread": round(a.spread, 2), "window_min": a.window_min,
        "score": round(a.score, 4), "started": _iso(a.started), "updated": _iso(a.updated),
        "first_seen": _iso(a.first_seen), "top_terms": list(a.top_terms), "mention_ids": list(a.mention_ids),
        "acknowledged_by": a.acknowledged_by,
    }


def _slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_payload(e: Explanation, a: SpikeAlert) -> dict[str, Any]:
    """Slack incoming-webhook message with a header and a section (text escaped: no mentions/links)."""
    return {
        "text": _slack_escape(e.headline),
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": e.headline[:150]}},
            {"type": "section", "text": {"type": "mrkdwn", "text": _slack_escape(e.body)[:2900]}},
        ],
    }


def teams_payload(e: Explanation, a: SpikeAlert) -> dict[str, Any]:
    """Microsoft Teams (Workflows incoming webhook) message carrying an Adaptive Card."""
    colour = "Attention" if a.severity >= 4 else "Warning" if a.severity >= 2 else "Default"
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [
            {"type": "TextBlock", "text": e.headline, "weight": "Bolder", "size": "Medium", "wrap": True,
             "color": colour},
            {"type": "TextBlock", "text": e.body, "wrap": True},
        ],
    }
    return {"type": "message", "attachments": [
        {"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": card}]}


PAYLOADS = {"generic": generic_payload, "slack": slack_payload, "teams": teams_payload}


class WebhookChannel:
    """POSTs JSON to a webhook URL (the URL is a secret: it is never logged in full)."""

    external = True

    def __init__(self, client: httpx.Client, url: str, fmt: str = "generic") -> None:
        if fmt not in PAYLOADS:
            raise ValueError(f"unknown webhook format {fmt!r}; use generic, teams or slack")
        self.client = client
        self.url = url
        self.fmt = fmt
        self.name = f"webhook:{fmt}"

    def send(self, explanation: Explanation, alert: SpikeAlert) -> None:
        """One POST; 429 and 5xx may be retried, other 4xx not."""
        host = httpx.URL(self.url).host
        try:
            response = self.client.post(self.url, json=PAYLOADS[self.fmt](explanation, alert))
        except httpx.HTTPError as exc:
            raise ChannelError(f"the webhook at {host} cannot be reached ({type(exc).__name__})",
                               retry=True) from None
        if response.status_code >= 400:
            retry = response.status_code == 429 or response.status_code >= 500
            raise ChannelError(f"the webhook at {host} answered {response.status_code}", retry=retry)


class EmailChannel:
    """E-mail over SMTP; with ``starttls`` the password never travels unencrypted."""

    name = "email"
    external = True

    def __init__(self, host: str, port: int, sender: str, recipients: Sequence[str], *,
                 username: str = "", password: str | None = None, starttls: bool = True,
                 timeout_s: float = 20.0, context: ssl.SSLContext | None = None) -> None:
        self.host, self.port, self.sender = host, port, sender
        self.recipients = list(recipients)
        self.username, self.password = username, password
        self.starttls = starttls
        self.timeout_s = timeout_s
        self.context = context or ssl.create_default_context()

    def message(self, e: Explanation) -> EmailMessage:
        """The mail itself: plain text only."""
        msg = EmailMessage()
        msg["Subject"] = f"[Newsroom Wall] {e.headline}"
        msg["From"] = self.sender
        msg["To"] = ", ".join(self.recipients)
        msg["X-Newsroom-Alert"] = e.alert_id
        msg.set_content(e.body + "\n")
        return msg

    def send(self, explanation: Explanation, alert: SpikeAlert) -> None:
        """Connect, upgrade with STARTTLS, log in when a user is set, send."""
        self.deliver(self.message(explanation))

    def deliver(self, message: EmailMessage) -> None:
        """Send any prepared message (the alert's, or the morning briefing) the way ``send`` does."""
        if not self.recipients:
            raise ChannelError("no e-mail recipients are configured", retry=False)
        try:
            with smtplib.SMTP(self.host, self.port, timeout=self.timeout_s) as smtp:
                smtp.ehlo()
                if self.starttls:
                    if not smtp.has_extn("starttls"):
                        raise ChannelError(f"the mail server {self.host} does not offer STARTTLS; nothing "
                                           "was sent in clear text", retry=False)
                    smtp.starttls(context=self.context)
                    smtp.ehlo()
                if self.username:
                    smtp.login(self.username, self.password or "")
                smtp.send_message(message)
        except smtplib.SMTPAuthenticationError:
            raise ChannelError(f"the mail server {self.host} refused the login of {self.username}",
                               retry=False) from None
        except smtplib.SMTPRecipientsRefused:
            raise ChannelError(f"the mail server {self.host} refused the recipients", retry=False) from None
        except ssl.SSLError as exc:
            raise ChannelError(f"the TLS connection to {self.host} failed: {exc.reason}",
                               retry=False) from None
        except (smtplib.SMTPException, OSError) as exc:
            raise ChannelError(f"mail to {self.host}:{self.port} failed: {exc}", retry=True) from None


def _run(cmd: list[str]) -> None:
    try:
        subprocess.run(cmd, check=True, timeout=10, capture_output=True)
    except (OSError, subprocess.SubprocessError) as exc:
        raise ChannelError(f"{cmd[0]} failed: {exc}", retry=False) from None


def _applescript(text: str) -> str:
    """A quoted AppleScript string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class DesktopChannel:
    """A desktop notification through the system's own tool (no shell, arguments passed as a list)."""

    name = "desktop"
    external = False

    def __init__(self, command: str | None = None) -> None:
        self.command = command or self.find()

    @staticmethod
    def find() -> str | None:
        """notify-send (Linux) or osascript (macOS), when present."""
        for tool in ("notify-send", "osascript"):
            if shutil.which(tool):
                return tool
        return None

    def send(self, explanation: Explanation, alert: SpikeAlert) -> None:
        """Show a notification; urgency critical from severity 4."""
        if not self.command:
            raise ChannelError("no desktop notification tool on this system (notify-send or osascript)",
                               retry=False)
        title, body = explanation.headline[:200], explanation.body[:500]
        if Path(self.command).name == "osascript":
            script = f"display notification {_applescript(body)} with title {_applescript(title)}"
            _run([self.command, "-e", script])
        else:
            urgency = "critical" if alert.severity >= 4 else "normal"
            _run([self.command, "--app-name=Newsroom Wall", f"--urgency={urgency}", "--", title, body])


def write_chime(path: Path, *, rate: int = 22050) -> Path:
    """A soft two-tone chime (E5 then A5, 0.9 s) as a WAV file; written once."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    frames = bytearray()
    for freq, length in ((659.25, 0.4), (880.0, 0.5)):
        for i in range(int(rate * length)):
            t = i / rate
            envelope = min(1.0, t * 40) * math.exp(-4.0 * t)
            frames += struct.pack("<h", int(12000 * envelope * math.sin(2 * math.pi * freq * t)))
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(frames))
    return path


class SoundChannel:
    """Plays the chime with the system's player (winsound, afplay, paplay, pw-play or aplay)."""

    name = "sound"
    external = False

    def __init__(self, chime: Path, player: str | None = None) -> None:
        self.chime = chime
        self.player = player or self.find()

    @staticmethod
    def find() -> str | None:
        """The first audio player present."""
        if sys.platform == "win32":
            return "winsound"
        for tool in ("afplay", "paplay", "pw-play", "aplay"):
            if shutil.which(tool):
                return tool
        return None

    def send(self, explanation: Explanation, alert: SpikeAlert) -> None:
        """Play once (twice from severity 4)."""
        if not self.player:
            raise ChannelError("no audio player on this system", retry=False)
        write_chime(self.chime)
        for _ in range(2 if alert.severity >= 4 else 1):
            if self.player == "winsound":
                winsound: Any = importlib.import_module("winsound")
                winsound.PlaySound(str(self.chime), winsound.SND_FILENAME)
            else:
                _run([self.player, str(self.chime)])
