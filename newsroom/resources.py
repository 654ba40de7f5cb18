"""Find files under ``resources/`` in a checkout, an installed wheel or a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_dir() -> Path:
    """The ``resources`` folder: PyInstaller's bundle, the source checkout, or the installed copy."""
    bundle = getattr(sys, "_MEIPASS", None)
    candidates = []
    if bundle:
        candidates.append(Path(bundle) / "resources")
    here = Path(__file__).resolve().parent
    candidates += [here.parent / "resources", here / "_resources"]
    for folder in candidates:
        if folder.is_dir():
            return folder
    raise FileNotFoundError("the resources folder of Newsroom Wall is missing from this installation")


def resource_path(*parts: str) -> Path:
    """Path of one resource, e.g. ``resource_path("demo", "scenario.jsonl.gz")``."""
    return resources_dir().joinpath(*parts)
