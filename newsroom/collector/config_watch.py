"""The collector follows its config file: searches, sources and alert settings saved by a wall's settings
dialog (or by hand) reach the running collector without a restart (``Pipeline.reconfigure``). The file
is looked at between two polls (its size and modification time: a stat, no read); a changed file that
cannot be used is said once in the log and the collector keeps the configuration it has."""

from __future__ import annotations

import logging
from pathlib import Path

from newsroom.config import Config, load_config
from newsroom.errors import NewsroomError

log = logging.getLogger("newsroom.collector.config_watch")


class ConfigWatch:
    """``changed()`` gives the config file's new content once after each change, else None."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp = self._look()

    def _look(self) -> tuple[int, int] | None:
        try:
            st = self.path.stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def changed(self) -> Config | None:
        """The new configuration when the file changed since the last look and can be used; None when it
        did not change, or changed into something that cannot be used (said in the log once)."""
        stamp = self._look()
        if stamp == self._stamp:
            return None
        self._stamp = stamp
        if stamp is None:
            log.warning("the config file %s is gone; the collector keeps the configuration it has", self.path)
            return None
        try:
            loaded = load_config(self.path, strict=True)
        except (NewsroomError, OSError) as exc:
            log.warning("the changed config file cannot be used (%s); the collector keeps the configuration "
                        "it has", exc)
            return None
        if not loaded.config.searches:
            log.warning("the changed config file %s has no [[searches]]; the collector keeps the ones it has",
                        self.path)
            return None
        return loaded.config
