"""The command line: help lists working commands; screenshots; errors are one line with exit codes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from newsroom.cli import build_parser, main


def test_help_lists_only_working_commands() -> None:
    text = build_parser().format_help()
    assert "screenshot" in text and "settings" in text and "briefing" in text


@pytest.mark.parametrize("size", ["big", "10x10", "1920*1080"])
def test_bad_size_is_exit_2(size: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code = main(["screenshot", "--out", str(tmp_path / "x.png"), "--size", size, "--basedir", str(tmp_path)])
    assert code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("newsroom: --size")


def test_bad_config_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("[display]\nviewing_distance_m = 99\n", encoding="utf-8")
    code = main(["screenshot", "--out", str(tmp_path / "x.png"), "--config", str(cfg), "--basedir", str(tmp_path)])
    assert code == 2
    assert "viewing_distance_m must be between" in capsys.readouterr().err


@pytest.mark.parametrize("size", ["1920x1080", "3840x2160"])
def test_screenshot_of_the_demo(tmp_path: Path, size: str) -> None:
    out = tmp_path / "wall.png"
    proc = subprocess.run(
        [sys.executable, "-m", "newsroom", "screenshot", "--demo", "--out", str(out), "--size", size,
         "--basedir", str(tmp_path)], capture_output=True, text=True, timeout=120, check=False,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    assert f"{width}x{height}" == size


def test_import_feeds_the_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "in.jsonl"
    data.write_text(
        '{"id": "a:1", "text": "Schandalig, de brug aan de Kanaalweg is weer dicht", '
        '"published": "2026-11-23T10:15:00Z", "searches": ["Kanaalweg"]}\n'
        "\n"
        '{"id": "a:2", "text": "Chapeau voor de brandweer"}\n', encoding="utf-8")
    assert main(["import", str(data), "--basedir", str(tmp_path)]) == 0
    first = capsys.readouterr()
    assert first.out == "" and re.fullmatch(r"2 mentions in \d+\.\d s: 2 new, 0 already known\n", first.err)
    assert main(["import", str(data), "--basedir", str(tmp_path)]) == 0
    assert re.fullmatch(r"2 mentions in \d+\.\d s: 0 new, 2 already known\n", capsys.readouterr().err)
    from newsroom.store import Store

    with Store.open(tmp_path / "data" / "newsroom.sqlite3") as store:
        stored = store.get_mentions(["a:1"])[0]
        assert stored.lang == "nl"
        assert stored.sentiment is not None


def test_import_rejects_a_bad_line_and_imports_nothing(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "bad.jsonl"
    data.write_text('{"id": "a:1", "text": "goed"}\n{"id": "a:2"}\n', encoding="utf-8")
    assert main(["import", str(data), "--basedir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err == (f"newsroom: {data}, line 2 has no text; nothing was imported; correct that line and run "
                   "the import again (format: docs/formats.md)\n")
    assert not (tmp_path / "data" / "newsroom.sqlite3").exists()


def test_sentiment_command_streams_jsonl() -> None:
    lines = ('{"id": 1, "text": "Schandalig, de brug is weer dicht 😡"}\n'
             '{"id": 2, "text": "Bravo aux bénévoles", "lang": "fr"}\n')
    proc = subprocess.run([sys.executable, "-m", "newsroom", "sentiment"], input=lines, capture_output=True,
                          text=True, check=True)
    import json

    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == [1, 2]
    assert out[0]["lang"] == "nl" and out[0]["sentiment"]["label"] == "negative"
    assert out[1]["lang"] == "fr" and out[1]["sentiment"]["label"] == "positive"
    assert -1 <= out[0]["sentiment"]["score"] <= 1


def test_sentiment_command_names_the_bad_line() -> None:
    proc = subprocess.run([sys.executable, "-m", "newsroom", "sentiment"], input='{"text": "goed"}\n{oops\n',
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert proc.stderr.strip().startswith("newsroom: line 2 is not JSON")
    assert len(proc.stdout.splitlines()) == 1


def test_spikes_command() -> None:
    rows = ["timestamp,value"] + [f"2026-01-05 {h:02d}:{m:02d}:00,{4 + (m % 3)}" for h in range(6) for m in range(0, 60, 5)]
    rows[-3:] = [r.rsplit(",", 1)[0] + ",80" for r in rows[-3:]]
    proc = subprocess.run([sys.executable, "-m", "newsroom", "spikes"], input="\n".join(rows) + "\n",
                          capture_output=True, text=True, check=True)
    out = proc.stdout.splitlines()
    assert out[0] == "timestamp,value,score,alert"
    assert len(out) == len(rows)
    alerts = [line.rsplit(",", 1)[1] for line in out[1:]]
    assert alerts[-3] == "1" and alerts.count("1") == 1
    assert all(0 <= float(line.split(",")[2]) <= 1 for line in out[1:])


def test_spikes_command_names_the_bad_row() -> None:
    proc = subprocess.run([sys.executable, "-m", "newsroom", "spikes"],
                          input="timestamp,value\n2026-01-05 00:00:00,3\n2026-01-05 00:05:00,lots\n",
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2
    assert proc.stderr.startswith("newsroom: row 3:")


def test_a_reader_that_goes_away_is_not_a_failure(tmp_path: Path) -> None:
    """`newsroom topics < big.jsonl | head -1`: the closed pipe ends the command quietly."""
    lines = "".join(json.dumps({"id": str(i), "text": f"Wegenwerken in de Stationsstraat, dag {i}"}) + "\n"
                    for i in range(3000))
    with subprocess.Popen([sys.executable, "-m", "newsroom", "topics", "--basedir", str(tmp_path)],
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as proc:
        assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
        proc.stdin.write(lines)
        proc.stdin.close()
        assert proc.stdout.readline().startswith('{"id": "0"')
        proc.stdout.close()
        assert proc.wait(timeout=120) == 0
        assert proc.stderr.read() == ""
