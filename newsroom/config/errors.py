"""The configuration's exceptions: each one's message is a sentence for the operator."""

from __future__ import annotations


class ConfigError(ValueError):
    """A configuration problem, as a sentence."""


class NewerConfigError(ConfigError):
    """The file was written by a newer Newsroom Wall: this version must not read or replace it."""

    def __init__(self, version: int, readable: int) -> None:
        super().__init__(f"the config file has version {version}; this Newsroom Wall reads up to {readable}")
        self.version = version
