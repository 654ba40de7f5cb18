"""The config file as the settings dialog writes it: comments kept, only non-defaults, versions migrated
with a backup, broken and newer files kept once and never overwritten silently, export/import, checks."""

from __future__ import annotations

import tomllib
from pathlib import Path

import keyring
import pytest

from newsroom.config import (
    CONFIG_VERSION,
    Config,
    ConfigError,
    Problem,
    build_config,
    config_diff,
    export_settings,
    import_settings,
    load_config,
    save_config,
    validate_all,
)
from newsroom.config.schema import all_settings
from newsroom.domain import Search
from newsroom.secrets import SERVICE, get_secret, set_secret

COMMENTED = """\
# Wall in the town hall, 2nd floor — ask Ilse before changing
version = 2

[wall]
name = "Lindeveld"   # as the mayor wants it
# six is too many for the 43" screen
max_topics = 4

[alerts]
# the press office wants fewer false alarms
sensitivity = "fewer"

[[searches]]
# the bridge works, until June
name = "Kanaalweg"
query = '"Kanaalweg" OR #lindeveld -voetbal'
sources = ["rss"]
"""

V1 = """\
# written by hand in 2025
[wall]
name = "Lindeveld"

[pipeline]
# the old PC is slow
snapshot_interval_s = 5.0

[[searches]]
name = "Markt"
query = '"Grote Markt"'
"""


def write(tmp_path: Path, text: str, name: str = "config.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def backups(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir() if p.name != "config.toml")


def test_save_keeps_the_operators_comments_and_changes_only_what_changed(tmp_path: Path) -> None:
    path = write(tmp_path, COMMENTED)
    config = load_config(path, strict=True).config
    values = dict(config.values) | {"wall.max_topics": 5, "store.retention_days": 30}
    save_config(Config(values, config.searches), path)
    text = path.read_text(encoding="utf-8")
    for comment in ("# Wall in the town hall, 2nd floor — ask Ilse before changing",
                    'name = "Lindeveld"   # as the mayor wants it', "# six is too many for the 43\" screen",
                    "# the press office wants fewer false alarms", "# the bridge works, until June"):
        assert comment in text
    assert "max_topics = 5" in text
    assert tomllib.loads(text)["store"] == {"retention_days": 30}
    assert load_config(path, strict=True).config.values == values


def test_save_writes_only_non_defaults_and_a_default_takes_its_line_and_comment_away(tmp_path: Path) -> None:
    path = write(tmp_path, COMMENTED)
    config = load_config(path, strict=True).config
    values = dict(config.values) | {"wall.max_topics": 6, "alerts.sensitivity": "balanced",
                                    "network.timeout_s": 20.0}
    save_config(Config(values, config.searches), path)
    text = path.read_text(encoding="utf-8")
    doc = tomllib.loads(text)
    assert doc["version"] == CONFIG_VERSION
    assert doc["wall"] == {"name": "Lindeveld"}
    assert "alerts" not in doc and "network" not in doc
    assert "six is too many" not in text and "fewer false alarms" not in text
    assert "# the bridge works, until June" in text


def test_saving_what_was_loaded_leaves_the_file_byte_for_byte(tmp_path: Path) -> None:
    path = write(tmp_path, COMMENTED)
    before = path.stat().st_mtime_ns
    save_config(load_config(path, strict=True).config, path)
    assert path.read_text(encoding="utf-8") == COMMENTED
    assert path.stat().st_mtime_ns == before


def test_searches_are_added_removed_and_reordered_keeping_each_ones_comments(tmp_path: Path) -> None:
    path = write(tmp_path, COMMENTED)
    config = load_config(path, strict=True).config
    markt = Search("Markt", '"Grote Markt"', ("gnews",), ("nl", "fr"))
    save_config(Config(config.values, (markt, *config.searches)), path)
    text = path.read_text(encoding="utf-8")
    assert "query = '\"Grote Markt\"'" in text  # as an operator writes a query with a phrase
    assert [s["name"] for s in tomllib.loads(text)["searches"]] == ["Markt", "Kanaalweg"]
    assert "# the bridge works, until June" in text
    assert load_config(path, strict=True).config.searches == (markt, *config.searches)
    save_config(Config(config.values, (markt,)), path)
    text = path.read_text(encoding="utf-8")
    assert "Kanaalweg" not in text and "the bridge" not in text


def test_a_version_1_file_is_migrated_once_and_its_backup_kept(tmp_path: Path) -> None:
    path = write(tmp_path, V1)
    loaded = load_config(path, strict=False)
    assert loaded.config.get("display.refresh_s") == 5.0
    assert loaded.notices == ()
    assert backups(tmp_path) == ["config.toml.v1-backup"]
    assert (tmp_path / "config.toml.v1-backup").read_text(encoding="utf-8") == V1
    text = path.read_text(encoding="utf-8")
    doc = tomllib.loads(text)
    assert doc["version"] == CONFIG_VERSION
    assert doc["display"] == {"refresh_s": 5.0}
    assert "pipeline" not in doc
    assert "# written by hand in 2025" in text
    migrated = path.read_bytes()
    assert load_config(path, strict=True).config == loaded.config  # the second start: nothing more
    assert path.read_bytes() == migrated
    assert backups(tmp_path) == ["config.toml.v1-backup"]


def test_a_version_1_file_that_means_the_same_is_read_as_it_is_and_backed_up_when_saved(tmp_path: Path) -> None:
    text = '[wall]\nname = "Lindeveld"  # ours\n'
    path = write(tmp_path, text)
    config = load_config(path, strict=False).config
    assert path.read_text(encoding="utf-8") == text and backups(tmp_path) == []
    save_config(Config(dict(config.values) | {"wall.max_topics": 3}), path)
    assert (tmp_path / "config.toml.v1-backup").read_text(encoding="utf-8") == text
    assert tomllib.loads(path.read_text(encoding="utf-8"))["version"] == CONFIG_VERSION
    assert "# ours" in path.read_text(encoding="utf-8")


def test_a_corrupt_file_is_backed_up_once_over_two_starts_and_reported(tmp_path: Path) -> None:
    broken = "[wall\nname = 'Lindeveld'\n"
    path = write(tmp_path, broken)
    notices = []
    for _start in range(2):  # a wall start reads the file twice (window settings, then the pipeline)
        for _read in range(2):
            loaded = load_config(path, strict=False)
            assert loaded.config == Config()
            notices.append(loaded.notices)
    kept = backups(tmp_path)
    assert len(kept) == 1 and kept[0].startswith("config.toml.corrupt-")
    assert (tmp_path / kept[0]).read_text(encoding="utf-8") == broken
    assert all(n == (("config_invalid", kept[0]),) for n in notices)
    assert path.read_text(encoding="utf-8") == broken  # nothing overwritten


def test_a_file_broken_another_way_gets_a_second_backup(tmp_path: Path) -> None:
    path = write(tmp_path, "[wall\n")
    load_config(path, strict=False)
    path.write_text("[store]\nretention_days = 'lang'\n", encoding="utf-8")
    load_config(path, strict=False)
    load_config(path, strict=False)
    assert len(backups(tmp_path)) == 2


def test_saving_over_a_corrupt_file_backs_it_up_first(tmp_path: Path) -> None:
    broken = "[wall\nname = 'Lindeveld'\n"
    path = write(tmp_path, broken)
    save_config(Config({"wall.name": "Lindeveld"}), path)
    kept = backups(tmp_path)
    assert len(kept) == 1 and (tmp_path / kept[0]).read_text(encoding="utf-8") == broken
    assert load_config(path, strict=True).config.wall_name == "Lindeveld"


def test_a_newer_version_file_is_kept_reported_and_never_overwritten(tmp_path: Path) -> None:
    newer = 'version = 9\n[wall]\nname = "Lindeveld"\n[future]\nthing = 1\n'
    path = write(tmp_path, newer)
    loaded = load_config(path, strict=False)
    load_config(path, strict=False)
    assert loaded.config == Config()
    assert loaded.notices == (("config_newer", "config.toml.v9-backup"),)
    assert backups(tmp_path) == ["config.toml.v9-backup"]
    with pytest.raises(ConfigError, match=r"written by a newer Newsroom Wall .* kept as config\.toml\.v9-backup"):
        save_config(Config({"wall.name": "Brugge"}), path)
    assert path.read_text(encoding="utf-8") == newer
    save_config(Config({"wall.name": "Brugge"}), path, replace_newer=True)
    assert (tmp_path / "config.toml.v9-backup").read_text(encoding="utf-8") == newer
    assert load_config(path, strict=True).config.wall_name == "Brugge"


def test_secrets_are_never_written_and_export_says_which_to_set(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSROOM_SECRET_SOURCES_X_BEARER_TOKEN", "very-secret-token")
    path = write(tmp_path, COMMENTED)
    config = load_config(path, strict=True).config
    sneaky = Config(dict(config.values) | {"sources.x.bearer_token": "very-secret-token"}, config.searches)
    save_config(sneaky, path)
    assert "very-secret-token" not in path.read_text(encoding="utf-8")
    out = tmp_path / "export" / "lindeveld.toml"
    export_settings(sneaky, out, comments_from=path)
    text = out.read_text(encoding="utf-8")
    assert "very-secret-token" not in text
    assert "newsroom secret set sources.x.bearer_token" in text
    assert "# the bridge works, until June" in text
    assert import_settings(out) == config


def test_import_refuses_a_file_it_cannot_use_with_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="is not a settings file"):
        import_settings(write(tmp_path, "<html>", "page.toml"))
    with pytest.raises(ConfigError, match="is a secret: store it in the system keyring"):
        import_settings(write(tmp_path, "[sources.x]\nbearer_token = 'abc'\n", "x.toml"))
    with pytest.raises(ConfigError, match="version 7"):
        import_settings(write(tmp_path, "version = 7\n", "new.toml"))
    assert import_settings(write(tmp_path, V1, "old.toml")).get("display.refresh_s") == 5.0


def test_validate_all_lists_every_problem_at_its_key_in_order() -> None:
    searches = [Search("Markt", '"Grote Markt'), Search("Markt", "markt"), Search("", "")]
    values = {"wall.name": "Lindeveld", "display.viewing_distance_m": 45, "wall.timezone": "Europe/Lindeveld",
              "alerts.quiet_hours": "tien tot zeven", "alerts.window_min": "30", "wall.colour": "pink",
              "sources.x.bearer_token": "abc"}
    problems = validate_all(values, searches)
    assert [p.key for p in problems] == [
        "searches[0].query", "searches[1].name", "searches[2].name", "searches[2].query",
        "display.viewing_distance_m", "wall.timezone", "alerts.quiet_hours", "alerts.window_min", "wall.colour"]
    assert problems[0].message == ("search 'Markt' has a query that cannot be read: "
                                   "missing closing quote after position 1")
    assert problems[4].message == "display.viewing_distance_m must be between 0.5 and 30, not 45"
    assert problems[4].text("nl") == "Kijkafstand (m) moet tussen 0,5 en 30 liggen, niet 45"
    assert problems[1].text("nl") == "twee zoekopdrachten heten 'Markt'; elke naam mag maar één keer voorkomen"
    assert problems[7].text("nl") == "Venster (min) moet een geheel getal zijn, niet '30'"
    assert problems[5].text("en") == problems[5].message
    assert all(p.message_nl for p in problems)
    assert validate_all({"sources.rss.feeds": ["https://a.test/f.xml", "www.vrt.be/rss"],
                         "alerts.email.recipients": ["pers@lindeveld.be", "Ilse"]}) == [
        Problem("sources.rss.feeds", "sources.rss.feeds: every feed must be a web address starting with "
                "http:// or https://, not 'www.vrt.be/rss'", "RSS- en Atom-feeds: elke feed moet een webadres "
                "zijn dat begint met http:// of https://, niet 'www.vrt.be/rss'"),
        Problem("alerts.email.recipients", "alerts.email.recipients: 'Ilse' is not an e-mail address",
                "Ontvangers: 'Ilse' is geen e-mailadres")]
    assert validate_all({"wall.timezone": "Europe/Amsterdam", "alerts.quiet_hours": "22:00-07:00",
                         "alerts.email.recipients": ["pers@lindeveld.be"]}) == []


def test_build_config_leaves_secrets_out_and_raises_the_first_problem() -> None:
    config = build_config({"wall.name": "Lindeveld", "sources.x.bearer_token": "abc", "network.timeout_s": 30},
                          [Search(" Markt ", ' "Grote Markt" ', ("rss",))])
    assert config.values == {"wall.name": "Lindeveld", "network.timeout_s": 30.0}
    assert config.searches == (Search("Markt", '"Grote Markt"', ("rss",)),)
    with pytest.raises(ConfigError, match=r"wall\.max_topics must be between 1 and 12, not 40"):
        build_config({"wall.max_topics": 40})


def test_config_diff_names_changed_keys_searches_and_what_needs_a_restart() -> None:
    a, b, c = Search("A", "a"), Search("B", "b"), Search("C", "c")
    old = Config({"wall.language": "nl", "alerts.min_negative": 10}, (a, b))
    new = Config({"wall.language": "en", "wall.max_topics": 6}, (Search("B", "bee"), c))
    diff = config_diff(old, new)
    assert diff.keys == {"wall.language"}  # min_negative 10 and max_topics 6 are the defaults
    assert (diff.searches_added, diff.searches_removed, diff.searches_changed) == (("C",), ("A",), ("B",))
    assert diff.restart_needed == ("wall.language",)
    assert not config_diff(old, Config({"alerts.min_negative": 10}, (b, a)))  # the order alone is no change


def test_every_setting_has_dutch_and_english_title_and_help() -> None:
    for key, s in all_settings().items():
        assert s.title_nl.strip() and s.title_en.strip(), key
        assert s.help_nl.strip() and s.help_en.strip(), f"{key} has no one-line help"


def test_a_secret_stored_in_the_keyring_stays_out_of_the_file_and_the_export(
        tmp_path: Path, memory_keyring: object) -> None:
    set_secret("sources.bluesky.app_password", "abcd-efgh-ijkl-mnop")
    assert keyring.get_password(SERVICE, "sources.bluesky.app_password") == "abcd-efgh-ijkl-mnop"
    path = write(tmp_path, COMMENTED)
    config = load_config(path, strict=True).config
    with_handle = Config(dict(config.values) | {"sources.bluesky.handle": "stad.bsky.social"}, config.searches)
    save_config(with_handle, path)
    out = tmp_path / "second-wall.toml"
    export_settings(with_handle, out)
    for text in (path.read_text(encoding="utf-8"), out.read_text(encoding="utf-8")):
        assert "abcd-efgh" not in text and 'handle = "stad.bsky.social"' in text
    assert "#   newsroom secret set sources.bluesky.app_password" in out.read_text(encoding="utf-8")
    assert get_secret("sources.bluesky.app_password") == "abcd-efgh-ijkl-mnop"


def test_repeated_saves_keep_the_layout_steady(tmp_path: Path) -> None:
    path = write(tmp_path, COMMENTED)
    for i in range(3):
        config = load_config(path, strict=True).config
        save_config(Config(dict(config.values) | {"wall.max_topics": 2 + i},
                           (*config.searches, Search(f"Zoek {i}", f"woord{i}"))), path)
    text = path.read_text(encoding="utf-8")
    assert "\n\n\n" not in text
    assert text.count("[[searches]]") == 4 and "# the bridge works, until June" in text


def test_a_file_that_cannot_be_updated_in_place_is_kept_before_it_is_written_anew(tmp_path: Path) -> None:
    inline = 'version = 2\nsources = { rss = { feeds = ["https://a.test/f.xml"] } }  # inline\n'
    path = write(tmp_path, inline)
    config = load_config(path, strict=True).config
    changed = Config(dict(config.values) | {"sources.gnews.edition": "NL:nl"})
    save_config(changed, path)
    kept = backups(tmp_path)
    assert len(kept) == 1 and kept[0].startswith("config.toml.before-rewrite-")
    assert (tmp_path / kept[0]).read_text(encoding="utf-8") == inline
    assert load_config(path, strict=True).config == changed
