"""Options of every command, before or after the sub-command; user errors said before any work."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

import newsroom.cli
from newsroom import __version__
from newsroom.cli import build_parser, main, parse_arguments

#: Each command with arguments that make it run for real and end quickly ("wall" = no command).
RUNS: dict[str, list[str]] = {
    "wall": [],
    "screenshot": ["screenshot", "--out", "{tmp}/x.png", "--size", "1x1"],  # stops at --size: no Qt here
    "briefing": ["briefing", "--out", "{tmp}/x.pdf", "--since", "1x"],  # stops at --since: no Qt here
    "collect": ["collect", "--once"],  # stops: no config to poll from
    "collector": ["collector"],  # stops: no config (or one without searches) to poll from
    "import": ["import", "{tmp}/in.jsonl"],
    "sentiment": ["sentiment"],
    "spikes": ["spikes"],
    "topics": ["topics"],
    "doctor": ["doctor"],
    "secret": ["secret", "check", "sources.x.bearer_token"],
    "settings": ["settings", "--screenshots", "{tmp}/shots", "--size", "1x1"],  # stops at --size: no Qt here
    "init": ["init", "--town", "Lindeveld"],
    "completion": ["completion", "bash"],
}
EXIT = {"wall": 0, "screenshot": 2, "briefing": 2, "collect": 2, "collector": 2, "import": 0, "sentiment": 0, "spikes": 0, "topics": 0,
        "doctor": None, "secret": 1, "settings": 2, "init": 0, "completion": 0}
#: commands that write the config file: a --config that does not exist yet is where they write
WRITES_CONFIG = {"init", "settings"}


def command_names() -> list[str]:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert sub.choices is not None
    return list(sub.choices)


def test_every_command_has_a_cheap_run() -> None:
    assert set(command_names()) | {"wall"} == set(RUNS)


def argv(name: str, tmp: Path, options: list[str], where: str) -> list[str]:
    command = [a.replace("{tmp}", str(tmp)) for a in RUNS[name]]
    return options + command if where == "before" else command + options


@pytest.fixture
def quiet_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


@pytest.fixture
def wall_runs(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The wall's runner, recorded instead of opening a window."""
    seen: list[object] = []

    def run(args: object) -> int:
        seen.append(args)
        return 0

    monkeypatch.setattr(newsroom.cli, "_run_wall", run)
    return seen


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("name", list(RUNS))
def test_options_are_parsed_before_and_after_the_command(name: str, where: str, tmp_path: Path) -> None:
    options = ["--basedir", str(tmp_path / "b"), "--config", str(tmp_path / "c.toml"), "--log-level",
               "WARNING", "--verbose"]
    args = parse_arguments(argv(name, tmp_path, options, where))
    assert (args.command or "wall") == name
    assert args.basedir == str(tmp_path / "b") and args.config == str(tmp_path / "c.toml")
    assert args.log_level == "warning" and args.verbose is True


@pytest.mark.parametrize("name", list(RUNS))
def test_defaults_when_not_given(name: str, tmp_path: Path) -> None:
    args = parse_arguments(argv(name, tmp_path, [], "after"))
    assert (args.basedir, args.config, args.log_level, args.verbose) == (None, None, None, False)


def test_after_the_command_wins_over_before(tmp_path: Path) -> None:
    args = parse_arguments(["--basedir", "a", "--log-level", "error", "import", "f", "--basedir", "b"])
    assert args.basedir == "b" and args.log_level == "error"


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("name", list(RUNS))
def test_basedir_and_log_level_take_effect(name: str, where: str, tmp_path: Path, quiet_stdin: None,
                                           wall_runs: list[object],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    home = Path(os.environ["HOME"])  # the user's folders, made temporary by conftest
    (tmp_path / "in.jsonl").write_text('{"id": "a:1", "text": "De brug is weer dicht"}\n', encoding="utf-8")
    base = tmp_path / "base"
    code = main(argv(name, tmp_path, ["--basedir", str(base), "--log-level", "debug", "--verbose"], where))
    assert EXIT[name] is None or code == EXIT[name], capsys.readouterr().err
    log = (base / "logs" / "newsroom.log").read_text(encoding="utf-8")
    assert f"INFO    newsroom.cli: newsroom {__version__}: {name}" in log
    assert "DEBUG   newsroom.cli: options:" in log  # --log-level
    assert "newsroom: options:" in capsys.readouterr().err  # --verbose: debug lines on stderr too
    assert not list(home.rglob("newsroom.log")), "a log was written to the user's folders"
    if name == "import":  # the store is the one under --basedir, not the user's
        assert (base / "data" / "newsroom.sqlite3").exists()
        assert not list(home.rglob("*.sqlite3"))
    if name == "wall":
        assert [vars(a)["basedir"] for a in wall_runs] == [str(base)]


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("name", list(RUNS))
def test_config_is_read(name: str, where: str, tmp_path: Path, quiet_stdin: None, wall_runs: list[object],
                        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in.jsonl").write_text('{"id": "a:1", "text": "De brug is weer dicht"}\n', encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text('[log]\nlevel = "debug"\n', encoding="utf-8")
    main(argv(name, tmp_path, ["--basedir", str(tmp_path), "--config", str(config)], where))
    log = (tmp_path / "logs" / "newsroom.log").read_text(encoding="utf-8")
    assert "DEBUG   newsroom.cli: options:" in log, "log.level from the --config file was not used"


@pytest.mark.parametrize("where", ["before", "after"])
@pytest.mark.parametrize("name", list(RUNS))
def test_a_config_that_does_not_exist_is_an_error(name: str, where: str, tmp_path: Path, quiet_stdin: None,
                                                  wall_runs: list[object],
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in.jsonl").write_text('{"id": "a:1", "text": "De brug is weer dicht"}\n', encoding="utf-8")
    missing = tmp_path / "nope.toml"
    code = main(argv(name, tmp_path, ["--basedir", str(tmp_path), "--config", str(missing)], where))
    if name in WRITES_CONFIG:  # the file is what they make (settings stops earlier here: a bad --size)
        assert code == EXIT[name]
        assert "does not exist" not in capsys.readouterr().err
        assert missing.is_file() == (name == "init")
        return
    assert code == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1
    assert err[0].startswith(f"newsroom: the config file {missing} does not exist; write one")
    assert "docs/configuration.md" in err[0]
    assert wall_runs == []
    assert not (tmp_path / "data").exists()


def test_wall_options_go_to_a_command_that_has_them(tmp_path: Path) -> None:
    args = parse_arguments(["--demo", "--lang", "en", "screenshot", "--out", "x.png"])
    assert args.demo is True and args.lang == "en"
    args = parse_arguments(["screenshot", "--out", "x.png"])
    assert args.demo is False and args.lang is None and args.windowed is False


def test_a_wall_option_with_a_command_that_has_none_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--windowed", "collect", "--once"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err == ["newsroom: --windowed is an option of the wall, not of 'newsroom collect' "
                   "(see newsroom --help)"]


def test_usage_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["screenshot"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "newsroom screenshot: the following arguments are required: --out (see newsroom screenshot --help)"]
    assert main(["--log-level", "loud", "topics"]) == 2
    assert len(capsys.readouterr().err.splitlines()) == 1


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"newsroom {__version__}\n"
    assert main(["import", "--help"]) == 0
    text = capsys.readouterr().out
    assert "--basedir DIR" in text and "--log-level" in text


def test_the_version_is_written_once() -> None:
    root = Path(__file__).resolve().parents[1]
    pyproject = (root / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and 'attr = "newsroom.__version__"' in pyproject
    assert f'"{__version__}"' not in pyproject


def test_doctor_prints_the_version(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["doctor", "--basedir", str(tmp_path)])
    assert f"Newsroom Wall {__version__}" in capsys.readouterr().out


# --- user errors before the work -------------------------------------------------------------------------


def run(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "newsroom", *args, "--basedir", str(tmp_path)],
                          capture_output=True, text=True, timeout=60, check=False,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


@pytest.mark.parametrize("out", ["{file}/x.png", "{dir}"])
def test_screenshot_to_an_unwritable_out_is_said_before_any_work(tmp_path: Path, out: str) -> None:
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    target = out.format(file=tmp_path / "afile", dir=tmp_path)
    proc = run(["screenshot", "--demo", "--out", target], tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith(f"newsroom: --out {target}")
    assert "unexpected" not in proc.stderr
    assert not (tmp_path / "data").exists(), "the demo was built before the check"


def test_collect_to_an_unwritable_out_is_said_before_polling(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/feed.xml").respond_with_data("<rss/>")
    config = tmp_path / "c.toml"
    config.write_text('[[searches]]\nname = "A"\nquery = "brug"\nsources = ["rss"]\n\n'
                      f'[sources.rss]\nfeeds = ["{httpserver.url_for("/feed.xml")}"]\n', encoding="utf-8")
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    proc = run(["collect", "--once", "--config", str(config), "--out", str(tmp_path / "afile" / "o.jsonl")],
               tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        f"newsroom: --out {tmp_path / 'afile' / 'o.jsonl'} cannot be written: {tmp_path / 'afile'} is a file, "
        "not a folder"]
    assert httpserver.log == []
    assert not (tmp_path / "data").exists()


def test_collect_out_into_a_new_folder(httpserver: HTTPServer, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    feed = (Path(__file__).resolve().parent / "data" / "sources" / "lindeveld_rss.xml").read_bytes()
    httpserver.expect_request("/feed.xml").respond_with_data(feed, content_type="application/rss+xml")
    config = tmp_path / "c.toml"
    config.write_text("[[searches]]\nname = \"A\"\nquery = '\"Kanaalweg\" OR #lindeveld'\nsources = [\"rss\"]\n\n"
                      f'[sources.rss]\nfeeds = ["{httpserver.url_for("/feed.xml")}"]\n', encoding="utf-8")
    out = tmp_path / "new" / "o.jsonl"
    assert main(["collect", "--once", "--config", str(config), "--out", str(out), "--basedir", str(tmp_path)]) == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 3  # the feed's three matching items


@pytest.mark.parametrize("what", ["missing", "folder", "binary"])
def test_import_of_a_bad_input_file_is_one_line(tmp_path: Path, what: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = {"missing": tmp_path / "nope.jsonl", "folder": tmp_path, "binary": tmp_path / "b.jsonl"}[what]
    (tmp_path / "b.jsonl").write_bytes(b'{"text": "ok"}\n\xff\xfe\x00garbage\n')
    assert main(["import", str(path), "--basedir", str(tmp_path / "base")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1 and str(path) in err[0] and err[0].endswith("nothing was imported")
    if what == "binary":  # each line is decoded on its own: the error names the line that is not UTF-8
        assert err[0] == f"newsroom: {path}, line 2 is not UTF-8 text; save the file as UTF-8; nothing was imported"
    assert not (tmp_path / "base" / "data").exists()


# --- what a packaged app (PyInstaller's analysis of import statements) gets to see -------------------------


def _imported_names(path: Path, package: str) -> set[str]:
    """Names imported as ``from <package> import a, b`` anywhere in a module (top level or in a function)."""
    import ast

    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == package:
            names.update(alias.name for alias in node.names)
        if isinstance(node, ast.Import):
            names.update(a.name.removeprefix(package + ".") for a in node.names if a.name.startswith(package + "."))
    return names


def test_every_command_module_is_imported_by_name() -> None:
    root = Path(newsroom.cli.__file__).parent
    commands = {p.stem for p in (root / "commands").glob("*.py")
                if "def register(" in p.read_text(encoding="utf-8")}
    assert commands, "no command modules found"
    imported = _imported_names(root / "cli.py", "newsroom.commands")
    assert commands | {"wall"} <= imported
    assert {m.__name__.rsplit(".", 1)[1] for m in newsroom.cli.COMMANDS} == commands
    for path in (root / "cli.py", root / "config" / "schema.py"):
        text = path.read_text(encoding="utf-8")
        assert "importlib" not in text and "pkgutil" not in text, f"{path.name} imports by computed names"


def test_every_config_key_module_is_imported_by_name() -> None:
    from newsroom.config.schema import all_settings

    root = Path(newsroom.cli.__file__).parent / "config"
    modules = {p.stem for p in (root / "keys").glob("*.py") if p.stem != "__init__"}
    assert modules <= _imported_names(root / "schema.py", "newsroom.config.keys")
    import importlib

    declared = {s.key for m in modules for s in importlib.import_module(f"newsroom.config.keys.{m}").SETTINGS}
    assert declared == set(all_settings())
    assert "log.level" in declared


def test_the_command_line_starts_without_heavy_imports() -> None:
    code = ("import sys\nfrom newsroom.cli import build_parser\nbuild_parser().format_help()\n"
            "heavy = ('PySide6', 'shiboken6', 'pyqtgraph', 'numpy', 'httpx', 'nltk', 'feedparser', 'sqlite3')\n"
            "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in heavy)))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
