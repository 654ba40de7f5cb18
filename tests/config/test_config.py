"""Configuration: defaults, readable errors, atomic round-trip, corrupt files kept and replaced."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from newsroom.config import CONFIG_VERSION, Config, load_config, save_config
from newsroom.domain import Search
from newsroom.errors import UsageError

GOOD = """
[wall]
name = "Lindeveld"

[[searches]]
name = "Kanaalweg"
query = '"Kanaalweg" OR #lindeveld -voetbal'
sources = ["rss", "gnews"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_means_defaults(tmp_path: Path) -> None:
    loaded = load_config(tmp_path / "none.toml", strict=False)
    assert loaded.config.get("store.retention_days") == 90
    assert loaded.config.searches == ()


def test_reads_core_keys_and_searches(tmp_path: Path) -> None:
    loaded = load_config(write(tmp_path, GOOD), strict=True)
    assert loaded.config.wall_name == "Lindeveld"
    assert loaded.config.searches == (
        Search("Kanaalweg", '"Kanaalweg" OR #lindeveld -voetbal', ("rss", "gnews"), ("nl",)),)


@pytest.mark.parametrize(("text", "message"), [
    ("[display]\nviewing_distance_m = 45\n", "display.viewing_distance_m must be between 0.5 and 30, not 45"),
    ("[wall]\nlanguage = 'de'\n", "wall.language must be one of nl, en"),
    ("[store]\nretention_days = 'lang'\n", "store.retention_days must be a whole number"),
    ("[[searches]]\nname = 'A'\nquery = 'x'\n[[searches]]\nname = 'A'\nquery = 'y'\n", "names must be unique"),
    ("[[searches]]\nname = 'A'\n", "search 'A' has no query"),
    ("[[searches]]\nname = 'A'\nquery = '\"Grote Markt'\n", "search 'A' has a query that cannot be read: missing closing quote after position 1"),
    ("[wall\nname = 'x'", "bad config"),
])
def test_errors_are_sentences_naming_the_key(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(UsageError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_config(write(tmp_path, text), strict=True)


def test_unknown_keys_are_a_notice_not_an_error(tmp_path: Path) -> None:
    loaded = load_config(write(tmp_path, "[wall]\nname = 'X'\ncolour_scheme = 'pink'\n"), strict=True)
    assert ("config_unknown_key", "wall.colour_scheme") in loaded.notices


def test_corrupt_file_is_backed_up_and_defaults_used(tmp_path: Path) -> None:
    path = write(tmp_path, "[wall\nthis is not toml")
    loaded = load_config(path, strict=False)
    assert loaded.config.wall_name == "Newsroom"
    assert loaded.notices[0][0] == "config_invalid"
    backups = list(tmp_path.glob("config.toml.corrupt-*"))
    assert len(backups) == 1
    assert backups[0].read_text(encoding="utf-8") == "[wall\nthis is not toml"


def test_save_is_atomic_versioned_and_only_non_defaults(tmp_path: Path) -> None:
    config = Config({"wall.name": "Lindeveld", "store.retention_days": 90},
                    (Search("Markt", '"Grote Markt"', ("rss",), ("nl", "fr")),))
    path = tmp_path / "sub" / "config.toml"
    save_config(config, path)
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    assert doc["version"] == CONFIG_VERSION == 2
    assert doc["wall"] == {"name": "Lindeveld"}
    assert "store" not in doc
    assert list(path.parent.iterdir()) == [path]
    again = load_config(path, strict=True).config
    assert again.wall_name == "Lindeveld"
    assert again.searches == config.searches


def test_refuses_a_newer_config_version(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="version 9"):
        load_config(write(tmp_path, "version = 9\n"), strict=True)


def test_configuration_docs_are_current() -> None:
    from newsroom.config.docs import render_markdown

    page = Path(__file__).resolve().parents[2] / "docs" / "configuration.md"
    assert page.read_text(encoding="utf-8") == render_markdown(), "run: python -m newsroom.config.docs > docs/configuration.md"
