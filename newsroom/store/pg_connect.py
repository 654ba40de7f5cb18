"""Connecting to a PostgreSQL store: the password from the URL, else the keyring
(``newsroom secret set store.password``), else libpq's own ``PGPASSWORD``/``~/.pgpass`` (never logged);
a connect timeout; an unreachable server, a refused login or a missing database as one sentence."""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg import conninfo

from newsroom.store.opening import StoreUnavailable, hide_password

#: the keyring entry of the store's password when the URL has none
PASSWORD_SECRET = "store.password"
#: seconds a connection attempt may take unless the URL says otherwise
CONNECT_TIMEOUT_S = 10


def _with_password(url: str, application_name: str = "newsroom") -> dict[str, Any]:
    """Connection keywords: the URL, the keyring's password when the URL has none, a connect timeout
    and the application name (seen in ``pg_stat_activity``)."""
    params = conninfo.conninfo_to_dict(url)
    extra: dict[str, Any] = {}
    if not params.get("password"):
        from newsroom.secrets import get_secret

        secret = get_secret(PASSWORD_SECRET)
        if secret:
            extra["password"] = secret
    if "connect_timeout" not in params:
        extra["connect_timeout"] = CONNECT_TIMEOUT_S
    if "application_name" not in params:
        extra["application_name"] = application_name
    return extra


def connect(url: str, *, application_name: str = "newsroom") -> psycopg.Connection[Any]:
    """An autocommit psycopg connection to ``url`` (named ``application_name`` in ``pg_stat_activity``
    unless the URL names it); :class:`StoreUnavailable` with one sentence when the server cannot be
    reached, refuses the login or has no such database."""
    try:
        extra = _with_password(url, application_name)
    except psycopg.ProgrammingError as exc:  # a malformed URL
        raise StoreUnavailable(f"the store URL {hide_password(url)} cannot be read ({first_line(exc)}); "
                               "write postgresql://user@host:5432/database") from None
    try:
        return psycopg.connect(url, autocommit=True, **extra)
    except psycopg.OperationalError as exc:
        raise StoreUnavailable(unavailable_sentence(url, exc)) from None


def first_line(exc: BaseException) -> str:
    """The last line of a database error's message (its own words, without the context lines)."""
    text = str(exc).strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else type(exc).__name__


def unavailable_sentence(url: str, exc: BaseException) -> str:
    """One sentence for a failed connection: what went wrong and what to do (no password in it)."""
    shown = hide_password(url)
    text = str(exc)
    params = conninfo.conninfo_to_dict(url)
    user = params.get("user") or "(your login name)"
    database = params.get("dbname") or user
    if "password authentication failed" in text or "no password supplied" in text:
        return (f"the PostgreSQL server refused the login of user {user} for the store {shown}; check "
                "the user and set its password with 'newsroom secret set store.password'")
    if "does not exist" in text and "database" in text:
        return (f"the database {database} of the store {shown} does not exist; create it "
                f"(createdb {database}) or correct --store / store.url")
    if "role" in text and "does not exist" in text:
        return (f"the PostgreSQL server knows no user {user} (store {shown}); create the role "
                "('newsroom store-roles' prints the SQL) or correct the URL")
    return (f"the PostgreSQL server of the store {shown} cannot be reached ({first_line(exc)}); check "
            "that it runs and that host and port are right")

