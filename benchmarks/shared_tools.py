"""Loading the validated scorers in ``../shared/tools/`` (plain scripts, not an installed package)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType


def load_tool(path: Path) -> ModuleType:
    """Import the script at ``path`` as a module named after its file."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
