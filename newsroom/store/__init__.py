"""The store: the embedded SQLite file (default) or a shared PostgreSQL database (issue 17)."""

from newsroom.store.opening import StoreUnavailable, open_store
from newsroom.store.store import Store

__all__ = ["Store", "StoreUnavailable", "open_store"]
