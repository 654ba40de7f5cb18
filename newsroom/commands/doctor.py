"""``newsroom doctor [--probe]``: checks environment, config, store and sources and says how to fix
what is wrong. Exit 0 when nothing is wrong (warnings allowed), 1 when something must be fixed."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field


@dataclass
class Report:
    """Findings in order: (level, what, how to fix)."""

    lines: list[tuple[str, str, str]] = field(default_factory=list)

    def ok(self, what: str) -> None:
        """Something is fine."""
        self.lines.append(("ok", what, ""))

    def warn(self, what: str, fix: str = "") -> None:
        """Works, but worse than it could."""
        self.lines.append(("warn", what, fix))

    def fail(self, what: str, fix: str = "") -> None:
        """Must be fixed."""
        self.lines.append(("FAIL", what, fix))

    @property
    def failed(self) -> bool:
        """True when at least one check failed."""
        return any(level == "FAIL" for level, _, _ in self.lines)

    def render(self) -> str:
        """One line per finding, with the fix indented below it."""
        out = []
        for level, what, fix in self.lines:
            out.append(f"[{level:>4}] {what}")
            if fix:
                out.append(f"       → {fix}")
        return "\n".join(out) + "\n"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the parser."""
    p = sub.add_parser("doctor", help="check environment, config, store and sources")
    p.add_argument("--probe", action="store_true", help="also poll every configured source once")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print the report; exit 1 when something must be fixed."""
    from newsroom.doctor import check_all
    from newsroom.paths import AppPaths

    report = Report()
    check_all(report, AppPaths.resolve(args.basedir), args.config, probe=args.probe, store=args.store)
    sys.stdout.write(report.render())
    return 1 if report.failed else 0
