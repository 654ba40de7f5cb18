"""Loading a script of ``benchmarks/`` in a test (they are plain scripts that import their neighbours)."""

from __future__ import annotations

import importlib.util
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def benchmark_script(name: str) -> ModuleType:
    """Import ``benchmarks/<name>.py`` as a module, with its folder on the path while it loads."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location(f"{name}_script", BENCHMARKS / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # as an import would (a dataclass of the script looks itself up)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(BENCHMARKS))


def two_story_stream() -> list[tuple[str, str, datetime, str | None]]:
    """Sixteen posts of two stories (a fire, roadworks) five hours apart: enough for the batch's story
    steps to run, for the patches of the topic measurement scripts to be checked as undone."""
    start = datetime(2026, 3, 2, 8, tzinfo=UTC)
    texts = ["Brand in de Kerkstraat, de brandweer is ter plaatse", "Rookwolk boven de Kerkstraat na brand",
             "Wegenwerken op de Ringlaan starten maandag", "Ringlaan dicht door wegenwerken, omleiding"]
    return [(f"p{n}", texts[n % 4], start + timedelta(hours=5 * n), "nl") for n in range(16)]
