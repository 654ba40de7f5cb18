"""Newsroom Wall: what lives on the online village square, on the newsroom's wall screen."""

#: The one place the version is written: pyproject.toml reads it, ``--version`` and ``doctor`` print it.
__version__ = "0.1.0"
APP_NAME = "newsroom-wall"
