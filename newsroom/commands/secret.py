"""``newsroom secret set|clear|check KEY``: keep passwords and tokens in the system keyring.

The value is read without echo from the terminal, or from stdin when it is not a terminal.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from newsroom.errors import CommandFailed, UsageError


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the parser."""
    p = sub.add_parser("secret", help="store, clear or check a password or token in the system keyring")
    p.add_argument("action", choices=("set", "clear", "check"))
    p.add_argument("key", help="a secret setting, e.g. sources.bluesky.app_password")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Exit 0 when done (check: when the secret is present), 1 otherwise, 2 for an unknown key."""
    from newsroom.config.schema import all_settings
    from newsroom.secrets import get_secret, set_secret

    secrets = sorted(k for k, s in all_settings().items() if s.secret)
    if args.key not in secrets:
        raise UsageError(f"{args.key} is not a secret setting; these are: {', '.join(secrets)}")
    if args.action == "check":
        present = get_secret(args.key) is not None
        print(f"{args.key}: {'present' if present else 'missing'}")
        return 0 if present else 1
    value = ""
    if args.action == "set":
        value = getpass.getpass(f"{args.key}: ") if sys.stdin.isatty() else sys.stdin.readline().strip()
        if not value:
            raise UsageError("an empty value was given; use 'clear' to remove a secret")
    try:
        set_secret(args.key, value)
    except RuntimeError as exc:
        raise CommandFailed(str(exc)) from exc
    print(f"{args.key}: {'stored' if value else 'removed'} in the system keyring")
    return 0
