"""Database roles of a shared PostgreSQL store (issue 17): one writing role for the collector and one
read-only role for the walls.

- the **collector** (default ``newsroom_collector``) owns the tables: it creates and migrates them and
  writes mentions, counts, topics, alerts and deliveries;
- a **wall** (default ``newsroom_wall``) reads everything and may change only what a wall itself does:
  acknowledging an alert (INSERT and UPDATE on ``alerts``: the store saves an alert with
  ``INSERT … ON CONFLICT DO UPDATE``, which needs both) and waking the other walls (INSERT and UPDATE on
  ``meta``, where the change counter lives). It cannot add or delete mentions, counts or deliveries.

Searches, sources and alert settings live in the collector's config file, not in the database, so a
wall's role cannot change them; a wall that should edit them needs that file (see docs/deployment.md).

Run as a database administrator, once per database (again after an upgrade that adds tables):
``python -m newsroom.store.roles postgresql://postgres@dbserver/newsroom`` (``--print`` only shows the
SQL). Passwords are set from ``NEWSROOM_COLLECTOR_PASSWORD`` / ``NEWSROOM_WALL_PASSWORD`` when given,
else with psql's ``\\password ROLE``; each machine keeps its own in its keyring
(``newsroom secret set store.password``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

from psycopg import sql

from newsroom.store import pg_schema

WRITER = "newsroom_collector"
WALL = "newsroom_wall"
#: the tables a wall may write, and why (see the module's docstring)
WALL_WRITES = ("alerts", "meta")


def _role(name: str, password: str | None) -> list[sql.Composed]:
    statements: list[sql.Composed] = [sql.SQL(
        "DO $$ BEGIN CREATE ROLE {} LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$").format(
            sql.Identifier(name))]
    if password:
        statements.append(sql.SQL("ALTER ROLE {} PASSWORD {}").format(sql.Identifier(name),
                                                                     sql.Literal(password)))
    return statements


def role_statements(database: str, *, writer: str = WRITER, wall: str = WALL,
                    writer_password: str | None = None,
                    wall_password: str | None = None) -> list[sql.Composed]:
    """The statements that create both roles and give them their rights on ``database``'s ``public``
    schema, before the tables exist (the collector creates them as their owner)."""
    w, r = sql.Identifier(writer), sql.Identifier(wall)
    db = sql.Identifier(database)
    return [
        *_role(writer, writer_password),
        *_role(wall, wall_password),
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}, {}").format(db, w, r),
        sql.SQL("GRANT USAGE, CREATE ON SCHEMA public TO {}").format(w),
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(r),
        # tables the collector makes later are readable by walls without another grant
        sql.SQL("ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA public GRANT SELECT ON TABLES TO {}").format(
            w, r),
    ]


def table_statements(*, writer: str = WRITER, wall: str = WALL) -> list[sql.Composed]:
    """The rights on the tables (once they exist): everything for the collector, reading everything and
    writing acknowledgements and the change counter for walls."""
    w, r = sql.Identifier(writer), sql.Identifier(wall)
    statements: list[sql.Composed] = [
        sql.SQL("GRANT ALL ON ALL TABLES IN SCHEMA public TO {}").format(w),
        sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA public TO {}").format(r),
    ]
    statements += [sql.SQL("GRANT INSERT, UPDATE ON {} TO {}").format(sql.Identifier(t), r)
                   for t in WALL_WRITES]
    return statements


def apply_roles(admin_url: str, *, writer: str = WRITER, wall: str = WALL, writer_password: str | None = None,
                wall_password: str | None = None) -> None:
    """As the administrator at ``admin_url``: create the roles, let the collector's role create (or
    migrate) the tables as their owner, then grant the walls their rights."""
    from newsroom.store.pg_connect import connect
    from newsroom.store.pg_connection import PgConnection
    from newsroom.store.postgres import migrate

    raw = connect(admin_url)
    try:
        database = str(raw.info.dbname)
        for statement in role_statements(database, writer=writer, wall=wall,
                                         writer_password=writer_password, wall_password=wall_password):
            raw.execute(statement)
        raw.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(writer)))
        migrate(PgConnection(raw), database)  # the tables belong to the collector's role
        raw.execute("RESET ROLE")
        for statement in table_statements(writer=writer, wall=wall):
            raw.execute(statement)
    finally:
        raw.close()


def _text(statements: Sequence[sql.Composed], conn: Any) -> str:
    return "".join(f"{s.as_string(conn)};\n" for s in statements)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m newsroom.store.roles ADMIN_URL [--print]``."""
    parser = argparse.ArgumentParser(prog="python -m newsroom.store.roles",
                                     description="Create the collector's and the walls' database roles.")
    parser.add_argument("admin_url", help="postgresql:// URL of the database, as an administrator")
    parser.add_argument("--writer", default=WRITER, help=f"the collector's role (default {WRITER})")
    parser.add_argument("--wall", default=WALL, help=f"the walls' role (default {WALL})")
    parser.add_argument("--print", action="store_true", help="only print the SQL")
    args = parser.parse_args(argv)
    writer_pw = os.environ.get("NEWSROOM_COLLECTOR_PASSWORD") or None
    wall_pw = os.environ.get("NEWSROOM_WALL_PASSWORD") or None
    from newsroom.errors import NewsroomError

    try:
        if args.print:
            from newsroom.store.pg_connect import connect

            with connect(args.admin_url) as raw:
                first = role_statements(str(raw.info.dbname), writer=args.writer, wall=args.wall)
                sys.stdout.write(_text(first, raw) + f"-- then start the collector once as {args.writer}, "
                                 "and:\n" + _text(table_statements(writer=args.writer, wall=args.wall), raw))
            return 0
        apply_roles(args.admin_url, writer=args.writer, wall=args.wall, writer_password=writer_pw,
                    wall_password=wall_pw)
    except NewsroomError as exc:
        sys.stderr.write(f"newsroom: {exc}\n")
        return 1
    sys.stdout.write(f"roles {args.writer} (collector) and {args.wall} (walls) are ready; tables: "
                     f"{', '.join(pg_schema.TABLES)}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
