"""The embedded SQLite store."""

from newsroom.store.store import Store

__all__ = ["Store"]
