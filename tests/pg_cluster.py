"""A throwaway PostgreSQL server for the tests (issue 17): one cluster per test session in a temporary
folder, listening only on a Unix socket there, a fresh database per test, stopped and removed at the end
of the session (also when tests fail). Never a mock.

Debian's ``initdb`` refuses to run as root: as root the cluster is made and run by the user ``nobody``
(``runuser -u nobody --``) in a folder given to it; as any other user, by that user. The server binaries
are looked for in ``NEWSROOM_PG_BIN``, /usr/lib/postgresql/15/bin, or on PATH; without them the tests
that need a server are skipped and say why.

Fixtures: ``pg_cluster`` (session: the running :class:`Cluster`), ``pg_url`` (a ``postgresql://`` URL of
a new, empty database of its own per test), and for tests of engine-neutral behaviour
``store_location`` (parametrised: an SQLite file path, then a ``pg_url``) and ``any_store`` (the store
opened there).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from newsroom.store import Store, open_store

DEFAULT_BIN = Path("/usr/lib/postgresql/15/bin")
SUPERUSER = "postgres"
#: local connections of the superuser need no password; every other role logs in with its password
HBA = "local all postgres trust\nlocal all all scram-sha-256\n"


def server_bin() -> Path | None:
    """The folder with initdb, pg_ctl and postgres, or None."""
    candidates = [os.environ.get("NEWSROOM_PG_BIN", ""), str(DEFAULT_BIN)]
    found = shutil.which("initdb")
    if found:
        candidates.append(str(Path(found).parent))
    for c in candidates:
        if c and all((Path(c) / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return Path(c)
    return None


class Cluster:
    """One running server: ``url(db)``, ``create_database()``, ``stop()``."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.as_other = getattr(os, "geteuid", lambda: -1)() == 0
        # as root: under /tmp, which nobody can reach (TMPDIR may be a folder only root may enter)
        self.root = Path(tempfile.mkdtemp(prefix="newsroom-pg-", dir="/tmp" if self.as_other else None))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self._names = itertools.count(1)
        self.running = False
        if self.as_other:  # initdb refuses root: the folder and the server belong to nobody
            import pwd

            nobody = pwd.getpwnam("nobody")
            os.chown(self.root, nobody.pw_uid, nobody.pw_gid)
        self.root.chmod(0o755)  # the socket is in here: the tests (root) must reach it

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        prefix = ["runuser", "-u", "nobody", "--"] if self.as_other else []
        return subprocess.run([*prefix, *args], capture_output=True, text=True, timeout=60, check=False,
                              cwd=self.root)

    def start(self) -> None:
        done = self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", SUPERUSER, "-A", "trust",
                         "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        if done.returncode != 0:
            raise RuntimeError(f"initdb failed: {done.stderr.strip()}")
        (self.data / "pg_hba.conf").write_text(HBA)
        options = (f"-k {self.root} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
                   "-c full_page_writes=off -c max_connections=60")
        done = self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o",
                         options, "-w", "-t", "30", "start")
        if done.returncode != 0:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            raise RuntimeError(f"the test server did not start: {done.stderr.strip()} {log[-2000:]}")
        self.running = True

    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str | None = None) -> str:
        """A URL on the cluster's socket."""
        who = quote(user) + (f":{quote(password)}" if password else "")
        return f"postgresql://{who}@/{database}?host={quote(str(self.root))}"

    def admin(self, sql: str) -> None:
        """Run ``sql`` as the superuser in the ``postgres`` database."""
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql.encode())

    def create_database(self) -> str:
        """A new empty database; its name."""
        name = f"t{os.getpid()}_{next(self._names)}"
        self.admin(f"CREATE DATABASE {name} STRATEGY = FILE_COPY")  # quicker for a small template
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database, closing whatever is still connected to it."""
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        """Stop the server (at once) and remove its folder."""
        if self.running:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
            self.running = False
        shutil.rmtree(self.root, ignore_errors=True)


@contextlib.contextmanager
def throwaway_database(option: str) -> Iterator[str]:
    """For the benchmarks: a throwaway server started and the URL of a new database in it while the
    block runs; the server stopped after. Without server binaries: SystemExit naming ``option`` (the
    benchmark's own way to give a database)."""
    bindir = server_bin()
    if bindir is None:
        raise SystemExit(f"no PostgreSQL server binaries: give {option} postgresql://…")
    cluster = Cluster(bindir)
    try:
        cluster.start()
        yield cluster.url(cluster.create_database())
    finally:
        cluster.stop()


def database_of(url: str) -> str:
    """The database a cluster URL names."""
    return urlsplit(url).path.lstrip("/")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """The session's running PostgreSQL server (skips when no server binary is installed)."""
    bindir = server_bin()
    if bindir is None:
        pytest.skip("no PostgreSQL server binaries (initdb, pg_ctl, postgres) in /usr/lib/postgresql/15/bin, "
                    "NEWSROOM_PG_BIN or on PATH")
    cluster = Cluster(bindir)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_cluster: Cluster) -> Iterator[str]:
    """The URL of a new, empty database of this test's own (the superuser, no password)."""
    name = pg_cluster.create_database()
    yield pg_cluster.url(name)
    with contextlib.suppress(Exception):
        pg_cluster.drop_database(name)


ENGINES = ("sqlite", "postgresql")


@pytest.fixture(params=ENGINES)
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """Where a new store goes, once per engine: a file path (SQLite), a ``postgresql://`` URL of an empty
    database."""
    if request.param == "sqlite":
        return tmp_path / "data" / "store.sqlite3"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def any_store(store_location: str | Path) -> Iterator[Store]:
    """A new store on each engine."""
    s = open_store(store_location)
    yield s
    s.close()
