"""What ``newsroom doctor`` says about a PostgreSQL store: server, user, schema, size, the role's
rights and TLS, read in a read-only session."""

from __future__ import annotations

from dataclasses import dataclass

import psycopg

from newsroom.store.opening import StoreUnavailable, hide_password
from newsroom.store.pg_connect import connect, first_line
from newsroom.store.pg_connection import PgConnection
from newsroom.store.postgres import schema_version_of


@dataclass(frozen=True, slots=True)
class PgStatus:
    """A PostgreSQL store as ``newsroom doctor`` describes it."""

    server: str          # the server's version, e.g. "15.18"
    user: str
    schema: int          # 0: no Newsroom tables yet
    mentions: int | None
    can_write: bool      # the user may add mentions (a collector's role; a wall's is read-only)
    can_acknowledge: bool
    tls: bool


def inspect(url: str) -> PgStatus:
    """Connect (read-only session) and describe the store; :class:`StoreUnavailable` when it cannot be
    reached."""
    raw = connect(url)
    db = PgConnection(raw)
    try:
        db.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        server, user, tls = db.execute(
            "SELECT current_setting('server_version'), current_user, "
            "COALESCE((SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()), false)").fetchone()
        version = schema_version_of(db)
        mentions = write = ack = None
        if version:
            mentions = int(db.execute("SELECT COUNT(*) FROM mentions").fetchone()[0])
            write, ack = db.execute("SELECT has_table_privilege('mentions', 'INSERT'), "
                                    "has_table_privilege('alerts', 'UPDATE')").fetchone()
        return PgStatus(str(server).split()[0], str(user), version, mentions, bool(write), bool(ack),
                        bool(tls))
    except psycopg.Error as exc:
        raise StoreUnavailable(f"the store {hide_password(url)} cannot be read: {first_line(exc)}") from None
    finally:
        raw.close()
