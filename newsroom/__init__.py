"""Newsroom Wall: what lives on the online village square, on the newsroom's wall screen."""

__version__ = "0.1.0"
APP_NAME = "newsroom-wall"
