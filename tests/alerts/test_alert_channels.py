"""Channels against real local servers: webhooks (generic, Teams, Slack) over HTTP and e-mail over
SMTP with STARTTLS and login (aiosmtpd with a trustme certificate); desktop and sound via fake tools."""

from __future__ import annotations

import json
import ssl
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import trustme
from aiosmtpd.smtp import AuthResult, LoginPassword
from pytest_httpserver import HTTPServer

from newsroom.alerts.channels import (
    ChannelError,
    DesktopChannel,
    EmailChannel,
    SoundChannel,
    WebhookChannel,
    write_chime,
)
from newsroom.alerts.explain import explain
from newsroom.domain import SpikeAlert
from tests.smtp_inbox import Inbox, smtp_inbox


@pytest.mark.parametrize("fmt", ["generic", "teams", "slack"])
def test_webhook_formats(fmt: str, httpserver: HTTPServer, alert: SpikeAlert) -> None:
    httpserver.expect_request("/hook/secret-token", method="POST").respond_with_data("1")
    with httpx.Client() as client:
        WebhookChannel(client, httpserver.url_for("/hook/secret-token"), fmt).send(explain(alert), alert)
    body: dict[str, Any] = json.loads(httpserver.log[0][0].data)
    if fmt == "generic":
        assert body["observed"] == 48 and body["expected"] == 3.0 and body["severity"] == 4
        assert body["started"] == "2026-03-10T13:05:00Z" and body["mention_ids"] == ["rss:1", "x:2"]
        assert body["text"].startswith("48 negatieve berichten in 30 min")
    elif fmt == "teams":
        card = body["attachments"][0]
        assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
        texts = [b["text"] for b in card["content"]["body"]]
        assert texts[0] == "Nieuwe piek: wateroverlast Kanaalweg (ernst 4/5)" and "48 negatieve" in texts[1]
    else:
        assert body["text"] == "Nieuwe piek: wateroverlast Kanaalweg (ernst 4/5)"
        assert body["blocks"][1]["text"]["text"].startswith("48 negatieve berichten")


def test_webhook_failures_say_whether_to_retry(httpserver: HTTPServer, alert: SpikeAlert) -> None:
    httpserver.expect_ordered_request("/h").respond_with_data("busy", status=503)
    httpserver.expect_ordered_request("/h").respond_with_data("gone", status=404)
    with httpx.Client() as client:
        channel = WebhookChannel(client, httpserver.url_for("/h"))
        with pytest.raises(ChannelError) as busy:
            channel.send(explain(alert), alert)
        with pytest.raises(ChannelError) as gone:
            channel.send(explain(alert), alert)
    assert busy.value.retry and not gone.value.retry
    assert "/h" not in str(busy.value)  # the URL (a secret) is not repeated, only the host


def test_slack_text_cannot_inject_mentions(alert: SpikeAlert) -> None:
    from dataclasses import replace

    from newsroom.alerts.channels import slack_payload

    evil = replace(alert, title="<!channel> <https://evil.example|klik>")
    payload = slack_payload(explain(evil), evil)
    assert "<!channel>" not in json.dumps(payload["text"]) and "&lt;!channel&gt;" in payload["text"]


def _authenticator(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"wall" and auth_data.password == b"geheim"
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def smtp_server(tmp_path: Path) -> Iterator[tuple[int, Inbox, ssl.SSLContext]]:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(server_ctx)
    client_ctx = ssl.create_default_context()
    ca.configure_trust(client_ctx)
    with smtp_inbox(tls_context=server_ctx, require_starttls=True, authenticator=_authenticator,
                    auth_require_tls=True) as (inbox, port):
        yield port, inbox, client_ctx


def test_email_over_starttls_with_login(smtp_server: tuple[int, Inbox, ssl.SSLContext],
                                        alert: SpikeAlert) -> None:
    port, inbox, ctx = smtp_server
    channel = EmailChannel("127.0.0.1", port, "wall@lindeveld.example", ["woordvoerder@lindeveld.example"],
                           username="wall", password="geheim", context=ctx, timeout_s=5)
    channel.send(explain(alert), alert)
    (sender, recipients, content), = inbox.envelopes
    assert sender == "wall@lindeveld.example" and recipients == ["woordvoerder@lindeveld.example"]
    text = content.decode()
    assert "Subject: [Newsroom Wall] Nieuwe piek: wateroverlast Kanaalweg" in text
    assert "X-Newsroom-Alert: alert:abc123" in text


def test_email_wrong_password_and_untrusted_certificate(smtp_server: tuple[int, Inbox, ssl.SSLContext],
                                                        alert: SpikeAlert) -> None:
    port, inbox, ctx = smtp_server
    wrong = EmailChannel("127.0.0.1", port, "a@b.example", ["c@d.example"], username="wall",
                         password="fout", context=ctx, timeout_s=5)
    with pytest.raises(ChannelError, match="refused the login") as refused:
        wrong.send(explain(alert), alert)
    assert not refused.value.retry
    untrusted = EmailChannel("127.0.0.1", port, "a@b.example", ["c@d.example"], username="wall",
                             password="geheim", timeout_s=5)  # the system trust store does not know our CA
    with pytest.raises(ChannelError, match="TLS"):
        untrusted.send(explain(alert), alert)
    assert inbox.envelopes == []


def test_email_refuses_a_server_without_starttls(alert: SpikeAlert) -> None:
    with smtp_inbox() as (inbox, port):
        channel = EmailChannel("127.0.0.1", port, "a@b.example", ["c@d.example"], username="wall",
                               password="geheim", timeout_s=5)
        with pytest.raises(ChannelError, match="does not offer STARTTLS"):
            channel.send(explain(alert), alert)
        EmailChannel("127.0.0.1", port, "a@b.example", ["c@d.example"], starttls=False,
                     timeout_s=5).send(explain(alert), alert)  # a relay on this machine, no login
    assert len(inbox.envelopes) == 1
    with pytest.raises(ChannelError, match="no e-mail recipients"):
        EmailChannel("127.0.0.1", 1, "a@b.example", []).send(explain(alert), alert)


def _fake_tool(tmp_path: Path, name: str) -> tuple[Path, Path]:
    log = tmp_path / f"{name}.log"
    tool = tmp_path / name
    tool.write_text(f'#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a" >> {log}; done\n', encoding="utf-8")
    tool.chmod(tool.stat().st_mode | stat.S_IEXEC)
    return tool, log


def test_desktop_and_sound_call_the_system_tools(tmp_path: Path, alert: SpikeAlert) -> None:
    notify, notify_log = _fake_tool(tmp_path, "notify-send")
    DesktopChannel(str(notify)).send(explain(alert), alert)
    args = notify_log.read_text(encoding="utf-8").splitlines()
    assert "--urgency=critical" in args and "Nieuwe piek: wateroverlast Kanaalweg (ernst 4/5)" in args
    player, player_log = _fake_tool(tmp_path, "paplay")
    chime = tmp_path / "cache" / "chime.wav"
    SoundChannel(chime, str(player)).send(explain(alert), alert)
    assert player_log.read_text(encoding="utf-8").splitlines() == [str(chime), str(chime)]  # severity 4: twice
    assert chime.stat().st_size > 30_000 and write_chime(chime) == chime
    missing = DesktopChannel(str(notify))
    missing.command = None  # as on a machine without notify-send or osascript
    with pytest.raises(ChannelError, match="no desktop notification tool"):
        missing.send(explain(alert), alert)
