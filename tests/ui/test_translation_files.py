"""The Dutch translation files: ``newsroom_nl.ts`` and ``newsroom_nl.qm`` are exactly what
``resources/i18n/make_translations.py`` writes from its tables, and every string they translate is one the
code still uses (a string removed from the code leaves no entry behind)."""

from __future__ import annotations

import ast
import runpy
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from newsroom.ui.messages import _DAYPARTS, _WEEKDAYS

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"


def _tables() -> dict[str, Any]:
    return runpy.run_path(str(I18N / "make_translations.py"))


def _code_strings() -> set[str]:
    """Every string literal in newsroom/ (adjacent literals joined, as Python joins them), and the
    weekday phrases ``messages.day_part`` builds."""
    found: set[str] = set()
    for module in sorted((ROOT / "newsroom").rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    found.update(f"on a {day} {part}" for day in _WEEKDAYS for _, part in _DAYPARTS)
    return found


def test_every_dutch_entry_is_a_string_the_code_uses() -> None:
    sources = [m.findtext("source") for m in ET.parse(I18N / "newsroom_nl.ts").getroot().iter("message")]
    table = _tables()["NL"]
    assert sorted(s or "" for s in sources) == sorted(table), "newsroom_nl.ts is not the table written out"
    unused = sorted(set(table) - _code_strings())
    assert not unused, f"translated but used nowhere in newsroom/: {unused}"


def test_the_committed_files_are_what_the_script_writes(tmp_path: Path) -> None:
    tables = _tables()
    ts = tmp_path / "newsroom_nl.ts"
    tables["write_ts"](ts, tables["NL"], "nl_NL")
    assert ts.read_text(encoding="utf-8") == (I18N / "newsroom_nl.ts").read_text(encoding="utf-8")
    tool = shutil.which("pyside6-lrelease") or str(Path(sys.executable).parent / "pyside6-lrelease")
    subprocess.run([tool, "-silent", str(ts), "-qm", str(tmp_path / "newsroom_nl.qm")], check=True,
                   capture_output=True, timeout=60)
    assert (tmp_path / "newsroom_nl.qm").read_bytes() == (I18N / "newsroom_nl.qm").read_bytes()
