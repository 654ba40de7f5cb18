"""The dialog's background work, in plain Python: test a search or a source, send a test alert, run the
doctor, export mentions. Each function runs on a pool thread and returns frozen dataclasses."""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from newsroom.config import Config
from newsroom.domain import Search, WallSnapshot, utcnow
from newsroom.paths import AppPaths

log = logging.getLogger("newsroom.ui.settings.probes")

T = TypeVar("T")

#: mentions shown per source after "Test now"
SAMPLE_SIZE = 3
#: mentions read from the store per step of an export
EXPORT_BATCH = 5000


def with_typed_secrets(secrets: Mapping[str, str], work: Callable[[], T]) -> Callable[[], T]:
    """``work`` to run on a pool thread with the dialog's typed (unsaved) secrets in place of the stored
    ones; nothing is written to the keyring."""
    typed = dict(secrets)

    def run() -> T:
        from newsroom.secrets import typed_secrets

        with typed_secrets(typed):
            return work()

    return run


@dataclass(frozen=True, slots=True)
class SourceTest:
    """What one source returned for one search."""

    source: str
    title: str
    count: int
    samples: tuple[str, ...] = ()
    error: str | None = None


def _close(source: object) -> None:
    client = getattr(source, "client", None)
    close = getattr(client, "close", None)
    if callable(close):
        close()


def _without_replies(config: Config, name: str) -> Config:
    """``config`` with the source's reply following off: a test asks the search once, quickly; it does
    not follow conversations (up to nine more requests, spaced)."""
    from newsroom.config.schema import all_settings

    key = f"sources.{name}.follow_replies"
    if key not in all_settings():
        return config
    return Config({**config.values, key: False}, config.searches)


def test_search(config: Config, search: Search) -> tuple[SourceTest, ...]:
    """Ask each of the search's sources once (nothing stored); a result per source, in its order."""
    from newsroom.sources.base import SourceState
    from newsroom.sources.registry import FACTORIES

    out: list[SourceTest] = []
    for name in search.sources:
        factory = FACTORIES.get(name)
        if factory is None:
            out.append(SourceTest(name, name, 0, error=f"{name} is not a source this version knows"))
            continue
        source = factory(_without_replies(config, name))
        try:
            result, _state = source.fetch(search, SourceState(), utcnow())
        except Exception as exc:  # an adapter must not raise; if one does, the operator still sees why
            log.exception("testing %s failed", name)
            out.append(SourceTest(name, source.title, 0, error=str(exc)))
            continue
        finally:
            _close(source)
        samples = tuple(" ".join((m.title or m.text).split())[:160] for m in result.mentions[:SAMPLE_SIZE])
        out.append(SourceTest(name, source.title, len(result.mentions), samples,
                              result.error.reason if result.error else None))
    return tuple(out)


def test_source(config: Config, name: str) -> SourceTest:
    """Poll one source once for a search that uses it (or the wall's name when none does)."""
    search = next((s for s in config.searches if name in s.sources), None)
    if search is None:
        town = config.wall_name.replace('"', " ").strip() or "nieuws"
        search = Search("test", f'"{town}"', (name,))
    return test_search(config, Search(search.name, search.query, (name,), search.languages))[0]


def demo_snapshot(paths: AppPaths) -> WallSnapshot:
    """The embedded demo after one poll, in memory (for the preview when no wall is running)."""
    from newsroom.commands.screenshot import _demo_snapshot

    return _demo_snapshot(paths, at=None, config=None, focus=None)


def send_test_alert(config: Config, paths: AppPaths, channel: str, lang: str) -> str:
    """Send a test message on one channel; returns the channel's name, raises with a sentence."""
    from newsroom.alerts.channels import ChannelError
    from newsroom.alerts.explain import Explanation
    from newsroom.alerts.setup import build_channels
    from newsroom.domain import AlertScope, AlertState, SpikeAlert

    switched_on = Config({**config.values, f"alerts.{channel}": True} if channel in ("sound", "desktop")
                         else config.values, config.searches)
    found = [c for c in build_channels(switched_on, paths) if c.name.split(":")[0] == channel]
    if not found:
        raise RuntimeError(f"the {channel} channel is not set up yet" if lang == "en"
                           else f"het kanaal {channel} is nog niet ingesteld")
    now = datetime.now(UTC)
    headline = ("Test from Newsroom Wall" if lang == "en" else "Test van Newsroom Wall")
    body = ("If you read this, alerts reach you here." if lang == "en"
            else "Als u dit leest, komen alarmen hier aan.")
    alert = SpikeAlert(id="test", scope=AlertScope.WALL, key="wall", title=config.wall_name,
                       state=AlertState.RAISED, severity=1, started=now, updated=now, window_min=30,
                       observed=0, expected=0.0, spread=0.0, score=0.0)
    try:
        found[0].send(Explanation(headline, body, 1, "test"), alert)
    except ChannelError as exc:
        raise RuntimeError(str(exc)) from exc
    return channel


@dataclass(frozen=True, slots=True)
class Finding:
    """One line of the doctor's report."""

    level: str  # "ok", "warn", "FAIL"
    what: str
    fix: str = ""


class _Collect:
    def __init__(self) -> None:
        self.lines: list[Finding] = []

    def ok(self, what: str) -> None:
        self.lines.append(Finding("ok", what))

    def warn(self, what: str, fix: str = "") -> None:
        self.lines.append(Finding("warn", what, fix))

    def fail(self, what: str, fix: str = "") -> None:
        self.lines.append(Finding("FAIL", what, fix))


def doctor(paths: AppPaths, config_file: Path) -> tuple[Finding, ...]:
    """The checks of ``newsroom doctor`` (without probing the sources)."""
    from newsroom.doctor import check_all

    report = _Collect()
    check_all(report, paths, str(config_file) if config_file.exists() else None, probe=False)
    return tuple(report.lines)


def export_mentions(store_file: str | Path, out: Path) -> int:
    """Every stored mention, oldest first, to ``out`` (.csv or .jsonl); returns how many. ``store_file``:
    the embedded file or a shared store's ``postgresql://`` URL (read in a read-only session)."""
    from newsroom.domain import mention_to_record
    from newsroom.store import open_store

    if isinstance(store_file, Path) and not store_file.exists():
        raise FileNotFoundError(f"there is no store yet at {store_file}")
    fmt = "csv" if out.suffix.lower() == ".csv" else "jsonl"
    count = 0
    store = open_store(store_file, read_only=True)
    tmp = out.with_name(out.name + ".part")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            columns = ["id", "source", "published", "lang", "sentiment", "score", "searches", "author",
                       "url", "title", "text"]
            writer = csv.writer(fh) if fmt == "csv" else None
            if writer is not None:
                writer.writerow(columns)
            since = datetime.fromtimestamp(0, UTC)
            seen_at_edge: set[str] = set()
            while True:
                batch = [m for m in store.mentions_since(since, EXPORT_BATCH) if m.id not in seen_at_edge]
                if not batch:
                    break
                for m in batch:
                    rec = mention_to_record(m)
                    if writer is None:
                        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    else:
                        sentiment = rec["sentiment"] or {}
                        writer.writerow([rec["id"], rec["source"], rec["published"], rec["lang"] or "",
                                         sentiment.get("label", ""), sentiment.get("score", ""),
                                         ";".join(rec["searches"]), rec["author"], rec["url"], rec["title"],
                                         rec["text"]])
                    count += 1
                edge = batch[-1].published
                seen_at_edge = {m.id for m in batch if m.published == edge} | (
                    seen_at_edge if edge == since else set())
                since = edge
        tmp.replace(out)
    finally:
        store.close()
        tmp.unlink(missing_ok=True)
    return count
