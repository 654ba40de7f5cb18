"""The command line as a newcomer meets it: help, first config, errors that say what to do, progress,
completion. Where a message is the user's only help, its exact text is asserted."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

import newsroom.cli
from newsroom.cli import build_parser, main, parse_arguments
from newsroom.commands.init import example_config
from newsroom.config.loader import toml_problem
from newsroom.paths import AppPaths

ROOT = Path(__file__).resolve().parents[1]
FEED = (ROOT / "tests" / "data" / "sources" / "lindeveld_rss.xml").read_bytes()


def run(args: list[str], stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m newsroom ARGS`` with stdout and stderr pipes (not a terminal)."""
    return subprocess.run([sys.executable, "-m", "newsroom", *args], input=stdin, capture_output=True,
                          text=True, timeout=120, check=False, env=env)


# --- help ---------------------------------------------------------------------------------------------

def test_help_lists_commands_in_a_newcomers_order() -> None:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert sub.choices is not None
    names = list(sub.choices)
    assert names[:4] == ["init", "settings", "doctor", "collect"]
    assert names.index("screenshot") < names.index("import") < names.index("secret") < names.index("completion")


def test_help_says_where_files_live_and_ends_with_two_commands_to_try() -> None:
    text = build_parser().format_help()
    user = AppPaths.for_user()
    assert f"  config  {user.config_file}  (every key: docs/configuration.md)\n" in text
    assert f"  data    {user.data_dir}{os.sep}\n" in text
    assert f"  logs    {user.log_file}\n" in text
    assert "docs/formats.md" in text
    assert text.rstrip().splitlines()[-3:] == [
        "try first:",
        "  newsroom --demo --windowed    the wall on its embedded demo, in a window",
        "  newsroom init --town NAME     a config for your town; then 'newsroom doctor' and 'newsroom'",
    ]


@pytest.mark.parametrize("command", ["import", "topics", "sentiment", "spikes", "collect"])
def test_every_data_command_links_the_formats(command: str) -> None:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert sub.choices is not None
    assert "docs/formats.md" in sub.choices[command].format_help()
    assert (ROOT / "docs" / "formats.md").is_file()


def test_unconfigured_wall_says_the_demo_runs_and_how_to_configure(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(newsroom.cli, "_run_wall", lambda args: 0)
    assert main(["--basedir", str(tmp_path)]) == 0
    assert capsys.readouterr().err == (
        f"newsroom: no config yet ({tmp_path / 'config' / 'config.toml'}), so the demo runs; configure your "
        "town with 'newsroom init --town NAME' or 'newsroom settings'\n")
    assert main(["--basedir", str(tmp_path), "--demo"]) == 0  # asked for the demo: nothing to say
    assert capsys.readouterr().err == ""


# --- init ---------------------------------------------------------------------------------------------

def test_init_writes_a_config_doctor_accepts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["init", "--town", "Sint-Niklaas", "--basedir", str(tmp_path)]) == 0
    path = tmp_path / "config" / "config.toml"
    assert capsys.readouterr().out.splitlines()[0] == f"Wrote an example config for Sint-Niklaas to {path}"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["wall"]["name"] == "Sint-Niklaas"
    assert data["searches"] == [{"name": "Sint-Niklaas", "query": '"Sint-Niklaas"', "sources": ["rss", "gnews"],
                                 "languages": ["nl"]}]
    assert data["sources"]["rss"]["feeds"] and data["sources"]["gnews"]["edition"] == "BE:nl"
    assert path.read_text(encoding="utf-8").count("\n# ") >= 10  # commented for a reader
    assert main(["doctor", "--basedir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert f"[  ok] config {path}" in out and "[FAIL]" not in out


def test_doctor_without_a_config_points_to_init(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["doctor", "--basedir", str(tmp_path)]) == 0
    assert ("[warn] no searches are configured: the wall only shows the demo\n"
            "       → write an example config with: newsroom init --town NAME (or use newsroom settings)\n"
            ) in capsys.readouterr().out


def test_init_never_overwrites_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mine.toml"
    path.write_text('[wall]\nname = "Eigen"\n', encoding="utf-8")
    assert main(["init", "--config", str(path)]) == 2
    assert capsys.readouterr().err == (
        f"newsroom: {path} already exists; nothing was written (edit it, run 'newsroom settings', or add "
        "--force to replace it)\n")
    assert path.read_text(encoding="utf-8") == '[wall]\nname = "Eigen"\n'
    assert main(["init", "--config", str(path), "--force", "--town", 'Den "Haag"']) == 0
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["wall"]["name"] == 'Den "Haag"' and data["searches"][0]["query"] == '"Den Haag"'


def test_example_config_escapes_every_town_name() -> None:
    for town in ("Lindeveld", "L'Écluse", 'a\\b"c', "Zoutleeuw OR -x"):
        data = tomllib.loads(example_config(town))
        assert data["wall"]["name"] == town


# --- errors in input files ------------------------------------------------------------------------------

@pytest.mark.parametrize(("line", "problem"), [
    ('{"text": 5}', "line 1: text must be a string in double quotes, not the number 5"),
    ('{"text": "a" "b"}', "line 1 is not JSON (column 14: a ',' is missing between two values)"),
    ('{"text": "a",}', "line 1 is not JSON (column 14: a key must be text in double quotes)"),
    ('["text"]', "line 1 must be a JSON object {...}, not a list"),
    ('{"id": 1}', "line 1 has no text"),
])
def test_import_says_which_line_what_was_expected_and_what_to_do(
        line: str, problem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "bad.jsonl"
    data.write_text(line + "\n", encoding="utf-8")
    assert main(["import", str(data), "--basedir", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (f"newsroom: {data}, {problem}; nothing was imported; correct that line "
                                       "and run the import again (format: docs/formats.md)\n")
    assert not (tmp_path / "data" / "newsroom.sqlite3").exists()


def test_a_file_from_a_windows_editor_imports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "windows.jsonl"
    data.write_bytes(b'\xef\xbb\xbf{"id": "w:1", "text": "De brug is dicht"}\r\n{"id": "w:2", "text": "Bravo"}\r\n')
    assert main(["import", str(data), "--basedir", str(tmp_path)]) == 0
    assert capsys.readouterr().err.endswith(": 2 new, 0 already known\n")


def test_stdin_commands_name_the_line_and_the_format(monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"id": "a", "text": "goed"}\n{"id": "b", "text": "x"\n'))
    assert main(["topics"]) == 2
    assert capsys.readouterr().err == ("newsroom: line 2 is not JSON (column 24: a ',' is missing between two "
                                       "values); one object per line, see docs/formats.md\n")
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"id": "a", "text": "goed"}\n{"id": "b", "text": ["a"]}\n'))
    assert main(["topics"]) == 2
    assert capsys.readouterr().err == ("newsroom: line 2: text must be a string in double quotes, not a list; "
                                       "see docs/formats.md\n")


def test_toml_errors_in_plain_words_with_line_and_column() -> None:
    cases = {
        '[wall]\nname = "Lindeveld\n': "line 2, column 18: a text in quotes is not closed before the end of the line",
        "[wall\nname = 1\n": "line 1, column 6: a [table] header must end with ]",
        "[wall]\nname = Lindeveld\n": 'line 2, column 8: a value is missing or not valid (text goes in quotes: '
                                      'name = "Lindeveld")',
        "[wall]\nname\n": "line 2, column 5: a key must be followed by = and a value",
    }
    for text, expected in cases.items():
        with pytest.raises(tomllib.TOMLDecodeError) as caught:
            tomllib.loads(text)
        assert toml_problem(caught.value) == expected


def test_doctor_says_a_toml_error_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = tmp_path / "config.toml"
    cfg.write_text('[wall]\nname = "Lindeveld\n', encoding="utf-8")
    assert main(["doctor", "--config", str(cfg), "--basedir", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert (f"[FAIL] config {cfg}: line 2, column 18: a text in quotes is not closed before the end of "
            "the line\n       → fix the file, or move it away to start from the defaults\n") in out
    assert "bad config" not in out and out.count(str(cfg)) == 1
    assert main(["collect", "--config", str(cfg), "--basedir", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"newsroom: bad config {cfg}: line 2, column 18: a text in quotes is not closed before the end of the "
        "line; correct the file (every key is in docs/configuration.md)\n")


# --- collect --------------------------------------------------------------------------------------------

def test_collect_polls_once_by_default_and_once_is_still_accepted() -> None:
    assert parse_arguments(["collect"]).every is None
    assert parse_arguments(["collect", "--once"]).once is True
    assert parse_arguments(["collect", "--every", "5m"]).every == "5m"
    with pytest.raises(SystemExit):
        parse_arguments(["collect", "--once", "--every", "5m"])


@pytest.mark.parametrize(("value", "message"), [
    ("soon", "--every must look like 5m, 30s or 1h, not 'soon'"),
    ("5s", "--every 5s is too often; poll at most once every 30 seconds"),
])
def test_collect_every_is_checked(value: str, message: str, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["collect", "--every", value, "--basedir", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"newsroom: {message}\n"


def test_collect_without_a_config_says_how_to_start(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["collect", "--basedir", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"newsroom: there is no config file yet ({tmp_path / 'config' / 'config.toml'}); write an example one "
        "with 'newsroom init' (or use 'newsroom settings'), then run 'newsroom collect' again\n")


def test_collect_without_once_polls_once_and_ends_with_a_summary(
        httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    httpserver.expect_request("/feed.xml").respond_with_data(FEED, content_type="application/rss+xml")
    assert main(["init", "--basedir", str(tmp_path)]) == 0
    cfg = tmp_path / "config" / "config.toml"
    text = cfg.read_text(encoding="utf-8").replace("https://www.vrt.be/vrtnws/nl.rss.articles.xml",
                                                   httpserver.url_for("/feed.xml"))
    cfg.write_text(text.replace('sources = ["rss", "gnews"]', 'sources = ["rss"]'), encoding="utf-8")
    capsys.readouterr()
    assert main(["collect", "--basedir", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    titles = [json.loads(line)["title"] for line in captured.out.splitlines()]
    assert "Lindeveld opent noodopvang na storm" in titles
    last = captured.err.splitlines()[-1]
    assert last.startswith(f"{len(titles)} mention") and last.endswith(f": {len(titles)} new, 0 already known")


def test_collect_every_polls_in_rounds_until_ctrl_c(httpserver: HTTPServer, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from newsroom.commands import collect

    httpserver.expect_request("/feed.xml").respond_with_data(FEED, content_type="application/rss+xml")
    cfg = tmp_path / "c.toml"
    assert main(["init", "--config", str(cfg)]) == 0
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(
        "https://www.vrt.be/vrtnws/nl.rss.articles.xml", httpserver.url_for("/feed.xml")).replace(
        'sources = ["rss", "gnews"]', 'sources = ["rss"]'), encoding="utf-8")
    waits: list[float] = []

    def sleep(seconds: float) -> None:  # the pause between rounds; Ctrl+C during the second one
        waits.append(seconds)
        if len(waits) == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(collect.time, "sleep", sleep)
    out = tmp_path / "o.jsonl"
    capsys.readouterr()
    assert main(["collect", "--every", "2m", "--config", str(cfg), "--basedir", str(tmp_path),
                 "--out", str(out)]) == 130
    assert len(waits) == 2 and all(100 < w <= 120 for w in waits)
    titles = [json.loads(line)["title"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert "Lindeveld opent noodopvang na storm" in titles and len(set(titles)) == len(titles)
    summaries = [line for line in capsys.readouterr().err.splitlines() if " in " in line and ": " in line
                 and line.endswith("already known")]
    assert len(summaries) == 2 and summaries[1].endswith(f": 0 new, {len(titles)} already known")


# --- progress and summaries -----------------------------------------------------------------------------

def test_sentiment_ends_with_its_counts(monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"text": "Schandalig, de brug is weer dicht"}\n'
                                                  '{"text": "Chapeau!"}\n'))
    assert main(["sentiment"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 2
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("2 mentions in ")
    assert lines[0].endswith(" s: 1 negative, 0 neutral, 1 positive")


def test_pipes_get_no_progress_bar_only_the_summary(tmp_path: Path) -> None:
    rows = "timestamp,value\n" + "".join(f"2026-01-05T{h:02d}:00:00Z,{4 + h % 3}\n" for h in range(24))
    proc = run(["spikes", "--timezone", "UTC"], rows)
    assert proc.returncode == 0 and len(proc.stdout.splitlines()) == 25
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("24 rows in ") and lines[0].endswith(" s: 0 alerts")
    assert "\r" not in proc.stderr and "\x1b" not in proc.stderr


def on_a_terminal(args: list[str], stdin: str) -> tuple[str, str]:
    """Run ``newsroom ARGS`` with stderr on a pseudo-terminal of 100 columns; (stdout, what the terminal got)."""
    import fcntl
    import pty
    import struct
    import termios

    main_fd, child_fd = pty.openpty()
    fcntl.ioctl(child_fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a terminal's size
    env = {k: v for k, v in os.environ.items() if k != "CI"} | {"TERM": "xterm"}
    try:
        proc = subprocess.run([sys.executable, "-m", "newsroom", *args], input=stdin.encode(),
                              stdout=subprocess.PIPE, stderr=child_fd, timeout=120, check=True, env=env)
        os.close(child_fd)
        child_fd = -1
        seen = b""
        while True:
            try:
                chunk = os.read(main_fd, 4096)
            except OSError:  # the terminal is closed once read to the end
                break
            if not chunk:
                break
            seen += chunk
    finally:
        if child_fd >= 0:
            os.close(child_fd)
        os.close(main_fd)
    return proc.stdout.decode(), seen.decode("utf-8", "replace")


def test_a_terminal_gets_a_progress_bar() -> None:
    rows = "".join(f"2026-01-05T{h:02d}:00:00Z,{4 + h % 3}\n" for h in range(24))
    out, terminal = on_a_terminal(["spikes", "--timezone", "UTC"], rows)
    assert len(out.splitlines()) == 25
    assert "scoring" in terminal and "rows" in terminal and "\r" in terminal  # the bar, redrawn in place
    assert "24 rows in " in terminal


def test_import_on_a_terminal_shows_its_stages(tmp_path: Path) -> None:
    data = tmp_path / "in.jsonl"
    data.write_text("".join(f'{{"id": "t:{i}", "text": "De brug is weer dicht {i}"}}\n' for i in range(30)),
                    encoding="utf-8")
    out, terminal = on_a_terminal(["import", str(data), "--basedir", str(tmp_path)], "")
    assert out == ""
    assert "checking in.jsonl" in terminal and "importing" in terminal and "30/30" in terminal
    assert terminal.rstrip().splitlines()[-1].endswith(": 30 new, 0 already known")


def test_summary_numbers_follow_the_language() -> None:
    from newsroom.progress import format_duration, summary_line

    parts = [(998_412, "nieuw"), (1_588, "al gekend")]
    assert summary_line(1_000_000, "berichten", 192.0, parts, lang="nl") == \
        "1.000.000 berichten in 3 min 12 s: 998.412 nieuw, 1.588 al gekend"
    assert summary_line(1_000_000, ("mention", "mentions"), 192.0, [(998_412, "new"), (1_588, "already known")]) \
        == "1,000,000 mentions in 3 min 12 s: 998,412 new, 1,588 already known"
    assert summary_line(1, ("mention", "mentions"), 0.44) == "1 mention in 0.4 s"
    assert [format_duration(s) for s in (0.04, 42.4, 3725)] == ["0.0 s", "42 s", "1 h 02 min"]
    assert format_duration(2.5, "nl") == "2,5 s" and format_duration(7300, "nl") == "2 u 01 min"


def test_ci_gets_no_progress_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsroom.progress import shows_progress

    class Terminal:
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert shows_progress(Terminal()) is True  # type: ignore[arg-type]
    monkeypatch.setenv("CI", "true")
    assert shows_progress(Terminal()) is False  # type: ignore[arg-type]


# --- completion -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_script_for_each_shell(shell: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    assert "newsroom" in script and "_ARGCOMPLETE" in script


def test_completion_answers_from_the_parser(tmp_path: Path) -> None:
    answer = tmp_path / "answer"
    env = os.environ | {"_ARGCOMPLETE": "1", "_ARGCOMPLETE_SHELL": "bash", "COMP_LINE": "newsroom co",
                        "COMP_POINT": "11", "_ARGCOMPLETE_STDOUT_FILENAME": str(answer), "_ARGCOMPLETE_IFS": "\n"}
    subprocess.run([sys.executable, "-m", "newsroom"], capture_output=True, timeout=60, check=False, env=env)
    assert sorted(answer.read_text(encoding="utf-8").split()) == ["collect", "collector", "completion"]


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_with_the_printed_script(tmp_path: Path) -> None:
    launcher = tmp_path / "newsroom"  # `newsroom` on PATH, running this checkout
    launcher.write_text(f'#!/bin/sh\nPYTHONPATH={ROOT} exec {sys.executable} -m newsroom "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    script = ('source <(newsroom completion bash)\n'
              'COMP_WORDS=(newsroom completion ""); COMP_CWORD=2; COMP_LINE="newsroom completion "; '
              'COMP_POINT=20; COMP_TYPE=9\n'
              '_python_argcomplete newsroom "" completion\n'
              'printf "%s\\n" "${COMPREPLY[@]}"\n')
    env = os.environ | {"PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}"}
    proc = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60, check=True, env=env)
    offered = proc.stdout.split()
    assert {"bash", "zsh", "fish", "--basedir"} <= set(offered) and "init" not in offered
