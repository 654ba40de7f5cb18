"""Builds a ready Pipeline: the demo, or the user's configured sources."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from newsroom.config import Config, load_config
from newsroom.config.lent import has_user_config, lent_config
from newsroom.domain import Search, utcnow
from newsroom.localtime import set_zone
from newsroom.paths import AppPaths
from newsroom.pipeline.runner import Pipeline
from newsroom.sources.demo import DemoSource, demo_moment, load_scenario
from newsroom.sources.poller import Poller
from newsroom.sources.registry import build_sources, unknown_sources
from newsroom.store import Store, open_store
from newsroom.store.opening import parse_location, store_location

#: the demo's borrowed config lives in newsroom.config.lent (a reading wall imports it without the analysis)
__all__ = ["DEMO_STORE", "build_demo_pipeline", "build_pipeline", "has_user_config", "lent_config",
           "open_or_recover"]

log = logging.getLogger("newsroom.pipeline.factory")

DEMO_STORE = "demo.sqlite3"
#: ``store_file`` for a demo that keeps its store in memory (``screenshot --demo``): no file at all
PRIVATE_STORE = Path(":memory:")


def build_demo_pipeline(paths: AppPaths, *, clock: Callable[[], datetime] = utcnow,
                        store_file: str | Path | None = None, at: str | None = None,
                        config: Config | None = None, fresh: bool = True) -> Pipeline:
    """The embedded demo, in a fresh store of its own (the user's store is never touched).

    By default the store is ``demo.sqlite3`` in the data folder, deleted and made anew: only the wall
    holding that folder's instance lock may do this (a second demo would pull it from under the
    first). ``store_file=PRIVATE_STORE`` keeps the store in memory and touches no file; a store URL
    (``postgresql://…``) is opened as it is. ``at`` picks the
    scenario's moment shown as now (``demo_moment``: quiet, crisis or an ISO time); ``config`` lends the
    demo the wall and display settings of a user's config (never its sources or searches).
    ``fresh=False`` continues the demo store left by an earlier run (a collector taking over or
    restarted): its replay goes on where it was.
    """
    scenario = load_scenario()
    moment = demo_moment(scenario, at)
    if isinstance(store_file, str):  # a store URL (tests and benchmarks on PostgreSQL): used as it is
        store = open_store(store_file)
    elif store_file == PRIVATE_STORE:
        store = Store.open(PRIVATE_STORE)
    else:
        paths.data_dir.mkdir(parents=True, exist_ok=True)
        db = store_file or paths.data_dir / DEMO_STORE
        for suffix in ("", "-wal", "-shm") if fresh else ():
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        store = Store.open(db)
    search = Search(scenario.town, scenario.town, ("demo",), ("nl", "en", "fr"))
    poller = Poller([DemoSource(scenario, moment=moment)], [search], store, clock=clock)
    demo_config = Config({k: v for k, v in config.values.items() if k.startswith(("wall.", "display."))
                          and k not in ("wall.name", "wall.timezone")}) if config else Config()
    return Pipeline(demo_config, store, poller, clock=clock, demo=True, searches=(search,),
                    wall_name=scenario.town)


def build_pipeline(paths: AppPaths, config_file: Path | None, *, demo: bool,
                   clock: Callable[[], datetime] = utcnow, strict: bool = False,
                   demo_store: Path | None = None, at: str | None = None,
                   demo_fresh: bool = True, store: str | None = None) -> Pipeline:
    """The demo pipeline (its store: see ``build_demo_pipeline``), or the one the user's config describes,
    on the store ``store`` (``--store``), else the config's ``store.url``, else the data folder's file."""
    if demo:
        lent = lent_config(paths, config_file)
        pipeline = build_demo_pipeline(paths, clock=clock, store_file=demo_store, at=at, config=lent,
                                       fresh=demo_fresh)
        set_zone(str(pipeline.config.get("wall.timezone")))
        return pipeline
    loaded = load_config(config_file or paths.config_file, strict=strict)
    location = store_location(store, loaded.config.get("store.url"), paths.store_file)
    opened, damaged = open_or_recover(location)
    from newsroom.alerts.setup import build_dispatcher

    def make_poller(config: Config) -> Poller:  # again on a live reconfiguration (Pipeline.reconfigure)
        return Poller(build_sources(config), config.searches, opened, clock=clock)

    target = opened.target
    pipeline = Pipeline(loaded.config, opened, make_poller(loaded.config), clock=clock,
                        notifier=build_dispatcher(loaded.config, paths, target), make_poller=make_poller,
                        make_notifier=lambda config: build_dispatcher(config, paths, target))
    missing = tuple(("source_unavailable", name) for name in unknown_sources(loaded.config))
    recovered = (("store_recovered", damaged.name),) if damaged else ()
    pipeline.set_notices(loaded.notices + missing + recovered)
    set_zone(str(loaded.config.get("wall.timezone")))
    return pipeline


def open_or_recover(location: str | Path) -> tuple[Store, Path | None]:
    """The store at ``location``: an SQLite file SQLite cannot read is moved aside and a new one started
    (``Store.open_or_recover``); a PostgreSQL database is opened (and migrated) as it is."""
    where = parse_location(location)
    if where.path is not None:
        return Store.open_or_recover(where.path)
    return open_store(location), None


