"""A local SMTP server for the tests that send mail (the alerts' e-mail channel, the morning mail):
aiosmtpd on a free port of 127.0.0.1, its inbox kept in memory."""

from __future__ import annotations

import contextlib
import email
import socket
from collections.abc import Iterator
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on (just now)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Inbox:
    """aiosmtpd's handler: every mail received, as (sender, recipients, raw content)."""

    def __init__(self) -> None:
        self.envelopes: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"

    @property
    def messages(self) -> list[Message]:
        """The mails received, parsed."""
        return [email.message_from_bytes(content) for _, _, content in self.envelopes]


@contextlib.contextmanager
def smtp_inbox(**options: Any) -> Iterator[tuple[Inbox, int]]:
    """The server runs while the block does: its inbox and port. ``options`` go to aiosmtpd's
    ``Controller`` (TLS, a login)."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port(), **options)
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()
