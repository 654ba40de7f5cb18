"""Builds the dispatcher and its channels from the config (secrets from the keyring)."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import httpx

from newsroom.alerts.channels import Channel, DesktopChannel, EmailChannel, SoundChannel, WebhookChannel
from newsroom.alerts.dispatcher import AlertDispatcher, Policy, QuietHours
from newsroom.config import Config
from newsroom.errors import NewsroomError
from newsroom.paths import AppPaths
from newsroom.secrets import get_secret
from newsroom.store.deliveries import DeliveryLog

log = logging.getLogger("newsroom.alerts.setup")


def build_channels(config: Config, paths: AppPaths, client: httpx.Client | None = None) -> list[Channel]:
    """Every channel the config switches on."""
    channels: list[Channel] = []
    if config.get("alerts.sound"):
        channels.append(SoundChannel(paths.cache_dir / "chime.wav"))
    if config.get("alerts.desktop"):
        channels.append(DesktopChannel())
    url = get_secret("alerts.webhook.url")
    if url:
        from newsroom.sources.http import make_client

        client = client or make_client(contact=str(config.get("network.user_agent_contact")))
        channels.append(WebhookChannel(client, url, str(config.get("alerts.webhook.format"))))
    host = str(config.get("alerts.email.host"))
    if host:
        channels.append(EmailChannel(
            host, int(config.get("alerts.email.port")), str(config.get("alerts.email.sender")),
            list(config.get("alerts.email.recipients")), username=str(config.get("alerts.email.username")),
            password=get_secret("alerts.email.password"), starttls=bool(config.get("alerts.email.starttls"))))
    return channels


def policy_from(config: Config) -> Policy:
    """Severity floor, all-clear, quiet hours and rate cap from the config."""
    try:
        quiet = QuietHours.parse(str(config.get("alerts.quiet_hours")))
    except ValueError as exc:
        log.warning("%s; quiet hours are off", exc)
        quiet = None
    return Policy(
        min_severity=int(config.get("alerts.min_severity")),
        notify_resolved=bool(config.get("alerts.notify_resolved")),
        quiet=quiet,
        quiet_override_severity=int(config.get("alerts.quiet_override_severity")),
        max_per_hour=int(config.get("alerts.max_per_hour")),
    )


def open_delivery_log(store_file: str | Path) -> DeliveryLog | None:
    """The delivery log of an (already opened and migrated) store at ``store_file`` (a path or a store
    URL); None, said in the log, when it cannot be opened: alerts still go out, but a restart may tell a
    channel again."""
    try:
        return DeliveryLog.open(store_file)
    except (sqlite3.Error, NewsroomError) as exc:
        log.warning("alert deliveries cannot be kept in the store (%s): a restart may send an alert again",
                    exc)
        return None


def build_dispatcher(config: Config, paths: AppPaths,
                     store_file: str | Path | None = None) -> AlertDispatcher | None:
    """A started dispatcher, or None when no channel is switched on. What it delivers is kept in the
    store at ``store_file`` (a path or a store URL; default: the paths' store), which must be open
    already."""
    channels = build_channels(config, paths)
    if not channels:
        return None
    dispatcher = AlertDispatcher(channels, policy_from(config), lang=str(config.get("wall.language")),
                                 delivery_log=open_delivery_log(store_file or paths.store_file))
    dispatcher.start()
    log.info("alerts go to: %s", ", ".join(c.name for c in channels))
    return dispatcher
