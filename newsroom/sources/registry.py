"""Builds the configured sources from the config.

Sources are registered by name (the key under ``[sources.<name>]`` and in a search's ``sources``).
A search that names a source this version does not have is reported on the wall and in
``newsroom doctor`` instead of being silently ignored.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import httpx

from newsroom.config import Config
from newsroom.sources.base import Source

log = logging.getLogger("newsroom.sources.registry")


def _client(config: Config) -> httpx.Client:
    from newsroom.sources.http import make_client

    return make_client(
        contact=str(config.get("network.user_agent_contact")),
        timeout_s=float(config.get("network.timeout_s")),
    )


def _rss(config: Config) -> Source:
    from newsroom.sources.rss import RssSource

    return RssSource(
        _client(config),
        list(config.get("sources.rss.feeds")),
        interval_s=float(config.get("sources.rss.interval_s")),
        max_bytes=int(config.get("network.max_bytes")),
    )


def _youtube(config: Config) -> Source:
    from newsroom.sources.rss import RssSource

    base = str(config.get("sources.youtube.base_url")).rstrip("/")
    feeds = [f"{base}/feeds/videos.xml?channel_id={c}" for c in config.get("sources.youtube.channels")]
    source = RssSource(
        _client(config),
        feeds,
        interval_s=float(config.get("sources.youtube.interval_s")),
        max_bytes=int(config.get("network.max_bytes")),
    )
    source.name, source.title = "youtube", "YouTube"
    return source


def _gnews(config: Config) -> Source:
    from newsroom.sources.newssearch import google_news

    return google_news(
        _client(config),
        str(config.get("sources.gnews.base_url")),
        str(config.get("sources.gnews.edition")),
        interval_s=float(config.get("sources.gnews.interval_s")),
        max_bytes=int(config.get("network.max_bytes")),
    )


def _bing(config: Config) -> Source:
    from newsroom.sources.newssearch import bing_news

    return bing_news(
        _client(config),
        str(config.get("sources.bing.base_url")),
        str(config.get("sources.bing.market")),
        interval_s=float(config.get("sources.bing.interval_s")),
        max_bytes=int(config.get("network.max_bytes")),
    )


def _gdelt(config: Config) -> Source:
    from newsroom.sources.gdelt import GdeltSource

    return GdeltSource(
        _client(config),
        str(config.get("sources.gdelt.base_url")),
        language=str(config.get("sources.gdelt.language")),
        countries=list(config.get("sources.gdelt.countries")),
        interval_s=float(config.get("sources.gdelt.interval_s")),
        max_bytes=int(config.get("network.max_bytes")),
    )


def _mastodon(config: Config) -> Source:
    from newsroom.secrets import get_secret
    from newsroom.sources.mastodon import MastodonSource

    return MastodonSource(
        _client(config),
        str(config.get("sources.mastodon.instance")),
        token=get_secret("sources.mastodon.token"),
        interval_s=float(config.get("sources.mastodon.interval_s")),
        max_bytes=int(config.get("network.max_bytes")),
        follow_replies=bool(config.get("sources.mastodon.follow_replies")),
    )


def _bluesky(config: Config) -> Source:
    from newsroom.secrets import get_secret
    from newsroom.sources.bluesky import BlueskySource

    return BlueskySource(
        _client(config),
        str(config.get("sources.bluesky.service")),
        str(config.get("sources.bluesky.handle")),
        get_secret("sources.bluesky.app_password"),
        interval_s=float(config.get("sources.bluesky.interval_s")),
        max_bytes=int(config.get("network.max_bytes")),
        follow_replies=bool(config.get("sources.bluesky.follow_replies")),
    )


def _x(config: Config) -> Source:
    from newsroom.secrets import get_secret
    from newsroom.sources.xsearch import XSource

    return XSource(
        _client(config),
        str(config.get("sources.x.base_url")),
        get_secret("sources.x.bearer_token"),
        interval_s=float(config.get("sources.x.interval_s")),
        max_bytes=int(config.get("network.max_bytes")),
    )


#: name -> factory(config) for every source this version can poll
FACTORIES: dict[str, Callable[[Config], Source]] = {
    "rss": _rss,
    "gnews": _gnews,
    "bing": _bing,
    "youtube": _youtube,
    "gdelt": _gdelt,
    "mastodon": _mastodon,
    "bluesky": _bluesky,
    "x": _x,
}


def unknown_sources(config: Config) -> list[str]:
    """Source names used by searches that this version cannot poll."""
    wanted = {name for s in config.searches for name in s.sources}
    return sorted(wanted - set(FACTORIES))


def configured_sources(config: Config) -> list[str]:
    """Names of the sources that ``build_sources`` makes for this config (the ones the wall polls)."""
    wanted = {name for s in config.searches for name in s.sources}
    return sorted(wanted & set(FACTORIES))


def build_sources(config: Config) -> list[Source]:
    """One adapter per source that a search asks for and that is switched on (``sources.<name>.enabled``)."""
    wanted = {name for s in config.searches for name in s.sources}
    for name in unknown_sources(config):
        log.warning("source %r is named by a search but not available in this version", name)
    return [FACTORIES[name](config) for name in sorted(wanted)
            if name in FACTORIES and config.get(f"sources.{name}.enabled")]
