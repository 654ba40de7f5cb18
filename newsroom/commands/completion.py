"""``newsroom completion bash|zsh|fish``: the shell's completion script (argcomplete). The script asks
``newsroom`` itself for the candidates, so they always follow the parser: commands, options, choices.

Install, e.g. ``newsroom completion bash > ~/.local/share/bash-completion/completions/newsroom``,
``newsroom completion fish > ~/.config/fish/completions/newsroom.fish``, or for zsh a file ``_newsroom``
in a folder of ``$fpath``.
"""

from __future__ import annotations

import argparse
import sys

SHELLS = ("bash", "zsh", "fish")

_WHERE = {
    "bash": "~/.local/share/bash-completion/completions/newsroom",
    "zsh": "a file named _newsroom in a folder of $fpath",
    "fish": "~/.config/fish/completions/newsroom.fish",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the parser."""
    p = sub.add_parser("completion", help="print the shell completion script (bash, zsh or fish)",
                       description="Print the tab-completion script for a shell; save it where the "
                                   "shell looks: " + "; ".join(f"{k}: {v}" for k, v in _WHERE.items()) + ".")
    p.add_argument("shell", choices=SHELLS, help="the shell to complete in")
    p.set_defaults(handler=run)


def script(shell: str, prog: str = "newsroom") -> str:
    """The completion script for ``shell``."""
    from argcomplete.shell_integration import shellcode

    return shellcode([prog], shell=shell)


def run(args: argparse.Namespace) -> int:
    """Write the script to stdout."""
    sys.stdout.write(script(args.shell))
    return 0
