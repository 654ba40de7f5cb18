"""Nothing outside newsroom/ui imports Qt: a fresh interpreter imports every other module."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import newsroom


def non_ui_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(newsroom.__path__, "newsroom."):
        if info.name.startswith("newsroom.ui") or info.name == "newsroom.__main__":
            continue
        names.append(info.name)
    return names


def test_every_non_ui_module_imports_without_qt() -> None:
    modules = non_ui_modules()
    assert "newsroom.pipeline.runner" in modules
    assert "newsroom.commands.screenshot" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pyqtgraph', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"Qt imported outside newsroom/ui: {out.stdout}"
