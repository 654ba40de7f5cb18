"""The collector follows its config file: a changed file is applied once, a broken one is said and
skipped (the collector keeps what it has), and the running pipeline polls the new searches."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsroom.collector.config_watch import ConfigWatch

ONE = "[[searches]]\nname = 'Lindeveld'\nquery = 'Lindeveld'\nsources = ['rss']\n"
TWO = ONE + "[[searches]]\nname = 'Kanaalweg'\nquery = 'Kanaalweg'\nsources = ['rss']\n"


def rewrite(path: Path, text: str, tick: int) -> None:
    path.write_text(text, encoding="utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + tick * 1_000_000_000))  # a coarse clock's save


def test_a_changed_file_is_given_once_and_a_broken_one_is_skipped(tmp_path: Path,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "config.toml"
    path.write_text(ONE, encoding="utf-8")
    watch = ConfigWatch(path)
    assert watch.changed() is None
    rewrite(path, TWO, 1)
    config = watch.changed()
    assert config is not None and [s.name for s in config.searches] == ["Lindeveld", "Kanaalweg"]
    assert watch.changed() is None
    rewrite(path, TWO + "[[searches]]\nname = \n", 2)
    assert watch.changed() is None and "the changed config file cannot be used" in caplog.text
    rewrite(path, "[wall]\nname = 'Lindeveld'\n", 3)
    assert watch.changed() is None and "has no [[searches]]" in caplog.text
    path.unlink()
    assert watch.changed() is None and "is gone" in caplog.text
    rewrite(path, ONE, 4)
    config = watch.changed()
    assert config is not None and [s.name for s in config.searches] == ["Lindeveld"]
