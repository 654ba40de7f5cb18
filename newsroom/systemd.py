"""systemd's service notifications (sd_notify) over ``$NOTIFY_SOCKET``, in plain Python.

A unit with ``Type=notify`` waits for ``READY=1``; with ``WatchdogSec=`` it restarts the service when
``WATCHDOG=1`` stops arriving; ``STOPPING=1`` says a shutdown has begun. Outside systemd (no
``$NOTIFY_SOCKET``, or Windows) every call does nothing and returns False.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger("newsroom.systemd")
_warned: list[str] = []  # one warning per process, not one per keep-alive


def socket_address(env: Mapping[str, str] | None = None) -> str | None:
    """The notify socket's address, an abstract one ('@name') turned into Linux's '\\0name'."""
    address = (os.environ if env is None else env).get("NOTIFY_SOCKET", "")
    if not address or not hasattr(socket, "AF_UNIX"):
        return None
    if address.startswith("@"):
        return "\0" + address[1:]
    return address if address.startswith("/") else None


def notify(*states: str, env: Mapping[str, str] | None = None) -> bool:
    """Send ``states`` (e.g. "READY=1", "STATUS=…") as one datagram; True when it was sent.

    Never blocks: when the receiver's queue is full the message is dropped (the GUI thread sends the
    keep-alive and must not hang on a receiver that stopped reading).
    """
    address = socket_address(env)
    if address is None or not states:
        return False
    message = "\n".join(states).encode("utf-8")
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as sock:
            sock.setblocking(False)
            sock.connect(address)
            sock.sendall(message)
    except OSError as exc:
        log.log(logging.DEBUG if _warned else logging.WARNING, "could not notify systemd (%s at %s): %s",
                states[0], address.replace("\0", "@"), exc)
        _warned.append(address)
        return False
    return True


def ready(status: str = "") -> bool:
    """The service is up (``READY=1``)."""
    return notify("READY=1", *((f"STATUS={status}",) if status else ()))


def stopping(status: str = "") -> bool:
    """The service is shutting down (``STOPPING=1``)."""
    return notify("STOPPING=1", *((f"STATUS={status}",) if status else ()))


def watchdog() -> bool:
    """Keep-alive for ``WatchdogSec=`` (``WATCHDOG=1``)."""
    return notify("WATCHDOG=1")


def watchdog_interval_s(env: Mapping[str, str] | None = None) -> float | None:
    """How often to send ``WATCHDOG=1`` (half of ``$WATCHDOG_USEC``), or None when no watchdog is set.

    ``$WATCHDOG_PID``, when present, must be this process: a child started by the service is not
    the one systemd watches.
    """
    values = os.environ if env is None else env
    try:
        usec = int(values.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    pid = values.get("WATCHDOG_PID", "")
    if usec <= 0 or (pid and pid != str(os.getpid())):
        return None
    return usec / 2_000_000
