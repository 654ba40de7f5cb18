"""A large import's check in two halves (this process the first, a pool's worker the second) finds what
one check of the whole file finds: the same count, or the same error about the same first bad line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from newsroom.commands.import_ import check_file, check_in_two, count_lines
from newsroom.errors import UsageError
from newsroom.pipeline.pool import start_pool


@pytest.fixture(scope="module")
def pool() -> Iterator[ProcessPoolExecutor]:
    started = start_pool(1)
    assert started is not None
    yield started
    started.shutdown(wait=True)


def good(i: int) -> str:
    return json.dumps({"id": f"c:{i}", "text": f"De brug is weer dicht ({i}) é", "published": "2026-03-22T07:00:00Z"},
                      ensure_ascii=False)


def write(path: Path, lines: list[str | bytes], *, end: bool = True) -> Path:
    raw = b"\n".join(line if isinstance(line, bytes) else line.encode() for line in lines)
    path.write_bytes(raw + (b"\n" if end else b""))
    return path


def outcome(check: object) -> tuple[str, object]:
    assert callable(check)
    try:
        return "ok", check()
    except UsageError as exc:
        return "error", str(exc)


BAD_JSON = '{"id": "x", "text": "half'
NO_TEXT = '{"id": "y"}'
NOT_UTF8 = b'{"id": "z", "text": "caf\xe9"}'


@pytest.mark.parametrize(("name", "make"), [
    ("good", lambda: [good(i) for i in range(300)]),
    ("blank lines", lambda: [good(i) if i % 7 else "" for i in range(300)]),
    ("one line", lambda: [good(0)]),
    ("bad in the second half", lambda: [good(i) if i != 250 else NO_TEXT for i in range(300)]),
    ("not JSON at the very end", lambda: [*(good(i) for i in range(299)), BAD_JSON]),
    ("not UTF-8 in the second half", lambda: [good(i) if i != 201 else NOT_UTF8 for i in range(300)]),
    ("bad in both halves: the first wins", lambda: [NO_TEXT if i in (40, 260) else good(i) for i in range(300)]),
    ("the first line of the second half", None),
])
def test_two_halves_find_what_one_check_finds(tmp_path: Path, pool: ProcessPoolExecutor, name: str,
                                              make: object) -> None:
    for end in (True, False):
        if make is None:  # the worker's first line is bad: its number counts every line before it
            lines: list[str | bytes] = [good(i) for i in range(300)]
            raw = write(tmp_path / "probe.jsonl", lines, end=end).read_bytes()
            middle = raw.index(b"\n", len(raw) // 2) + 1  # where check_in_two splits
            half = raw[:middle].count(b"\n")
            padded = NO_TEXT[:-1] + ', "pad": ""}'
            lines[half] = padded[:-2] + "x" * (len(lines[half].encode()) - len(padded)) + '"}'
            assert len(lines[half]) == len(str(lines[half - 1]).encode())  # the same middle
        else:
            assert callable(make)
            lines = make()
        path = write(tmp_path / f"{name}.jsonl", lines, end=end)
        whole = outcome(lambda p=path: check_file(p, progress=False))
        halves = outcome(lambda p=path: check_in_two(p, pool))
        assert halves == whole, (name, end)
        assert count_lines(path) == len(lines)
        if name == "the first line of the second half":
            assert whole == ("error", f"{path}, line {half + 1} has no text; " + str(whole[1]).split("; ", 1)[1])
        if name.startswith("bad in both"):
            assert "line 41 " in str(whole[1])


def test_a_bad_line_in_the_workers_half_imports_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    from newsroom.cli import main

    monkeypatch.setenv("NEWSROOM_IMPORT_WORKERS", "1")
    data = write(tmp_path / "day.jsonl", [good(i) if i != 280 else NO_TEXT for i in range(300)])
    assert main(["import", str(data), "--basedir", str(tmp_path)]) == 2
    assert f"{data}, line 281 has no text; nothing was imported" in capsys.readouterr().err
    assert not (tmp_path / "data" / "newsroom.sqlite3").exists()  # checked before the store is opened
