"""A PostgreSQL server for the tests, and a fresh database for each test that asks for one.

The server is, in order: ``PRESSLENS_TEST_POSTGRES_URL`` (a role that may create databases, any
database of the server in the URL); else ``postgresql+psycopg://presslens:presslens@127.0.0.1:5432/
postgres``. When nothing answers there, the URL is on this machine, ``pg_ctlcluster`` (Debian's
postgresql-common) exists and we are root, the cluster on that port is started and the role created
(and the cluster stopped again after the tests). ``PRESSLENS_TEST_POSTGRES_AUTOSTART=0`` never starts
anything. Without a server the PostgreSQL variants skip, or fail where ``CI`` is set.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shlex
import shutil
import subprocess
import time
from dataclasses import dataclass, field

import psycopg
from sqlalchemy.engine import URL, make_url

ENV_URL = "PRESSLENS_TEST_POSTGRES_URL"
ENV_AUTOSTART = "PRESSLENS_TEST_POSTGRES_AUTOSTART"
DEFAULT_URL = "postgresql+psycopg://presslens:presslens@127.0.0.1:5432/postgres"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", None, ""}


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _connect(url: URL, dbname: str | None = None, timeout: int = 3) -> psycopg.Connection:
    return psycopg.connect(host=url.host or "127.0.0.1", port=url.port or 5432, user=url.username,
                           password=url.password, dbname=dbname or url.database or "postgres",
                           connect_timeout=timeout, autocommit=True)


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@dataclass
class Server:
    """A reachable server: makes and drops databases through the admin URL."""

    url: URL
    started: list[str] = field(default_factory=list)  # pg_ctlcluster VERSION NAME we started
    databases: set[str] = field(default_factory=set)

    def database_url(self, name: str) -> str:
        return self.url.set(drivername="postgresql+psycopg", database=name).render_as_string(hide_password=False)

    def create_database(self, label: str = "", template: str | None = None) -> str:
        """A new database (``presslens_test_<label>_<random>``, UTF-8), or a copy of ``template``; its URL."""
        name = "presslens_test_" + (f"{label}_" if label else "") + secrets.token_hex(4)
        with _connect(self.url) as conn:
            if template:
                conn.execute(f"CREATE DATABASE {_quote_ident(name)} TEMPLATE {_quote_ident(template)}")
            else:
                try:
                    conn.execute(f"CREATE DATABASE {_quote_ident(name)} TEMPLATE template0 ENCODING 'UTF8'"
                                 " LOCALE 'C.UTF-8'")
                except psycopg.Error:  # no C.UTF-8 on that server: its own locale, still UTF-8
                    conn.execute(f"CREATE DATABASE {_quote_ident(name)} TEMPLATE template0 ENCODING 'UTF8'")
        self.databases.add(name)
        return self.database_url(name)

    def drop_database(self, url_or_name: str) -> None:
        """Drop a test database. FORCE ends our own sessions on it; one the test role may not end (an autovacuum
        worker that has just begun on the new database) is waited out, a few times."""
        name = make_url(url_or_name).database if "://" in url_or_name else url_or_name
        for attempt in range(20):
            try:
                with _connect(self.url) as conn:
                    conn.execute(f"DROP DATABASE IF EXISTS {_quote_ident(name)} WITH (FORCE)")
                break
            except psycopg.errors.InsufficientPrivilege:
                if attempt == 19:
                    raise
                time.sleep(0.5)
        self.databases.discard(name)

    def admin(self) -> psycopg.Connection:
        """An autocommit connection to the server's admin database."""
        return _connect(self.url)

    def close(self) -> None:
        for name in sorted(self.databases):
            with contextlib.suppress(psycopg.Error):
                self.drop_database(name)
        for cluster in self.started:
            subprocess.run(["pg_ctlcluster", *cluster.split(), "stop"], check=False, capture_output=True)
        self.started.clear()


def _answers(url: URL) -> str | None:
    """None when the server takes the URL's role, else why not."""
    try:
        with _connect(url) as conn:
            may_create = conn.execute("SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user"
                                      ).fetchone()[0]
            version = conn.info.server_version
    except psycopg.Error as exc:
        return " ".join(line.strip() for line in str(exc).strip().splitlines()) or type(exc).__name__
    if not may_create:
        return f"role {url.username!r} may not create databases (ALTER ROLE ... CREATEDB)"
    if version < 130000:
        return f"server version {version} is older than 13 (DROP DATABASE ... WITH (FORCE))"
    return None


def find_server() -> Server | str:
    """A reachable server, or the reason there is none."""
    raw = os.environ.get(ENV_URL) or DEFAULT_URL
    try:
        url = make_url(raw)
    except Exception as exc:
        return f"{ENV_URL} is not a URL: {exc}"
    shown = url.render_as_string(hide_password=True)
    why = _answers(url)
    if why is None:
        return Server(url)
    if os.environ.get(ENV_AUTOSTART, "1") == "0":
        return f"nothing answers at {shown} ({why}); {ENV_AUTOSTART}=0"
    if url.host not in LOCAL_HOSTS:
        return f"nothing answers at {shown} ({why})"
    if not shutil.which("pg_ctlcluster") or not shutil.which("pg_lsclusters"):
        return f"nothing answers at {shown} ({why}) and pg_ctlcluster is not installed"
    if os.geteuid() != 0:
        return f"nothing answers at {shown} ({why}); starting a cluster needs root"
    server = Server(url)
    try:
        _start_cluster(url.port or 5432, server)
        _ensure_role(url)
    except (OSError, subprocess.CalledProcessError, RuntimeError) as exc:
        server.close()
        detail = getattr(exc, "stderr", "") or str(exc)
        return f"nothing answers at {shown} ({why}) and starting PostgreSQL failed: {str(detail).strip()[:300]}"
    for _ in range(20):
        why = _answers(url)
        if why is None:
            return server
        time.sleep(0.5)
    server.close()
    return f"started PostgreSQL, but {shown} still does not answer: {why}"


def _start_cluster(port: int, server: Server) -> None:
    listing = subprocess.run(["pg_lsclusters", "--no-header"], check=True, capture_output=True, text=True).stdout
    clusters = [line.split() for line in listing.splitlines() if line.strip()]
    # Ver Cluster Port Status Owner Data-directory Log-file; the newest version on this port first
    on_port = sorted((c for c in clusters if len(c) >= 4 and c[2] == str(port)), key=lambda c: -float(c[0]))
    if not on_port:
        raise RuntimeError(f"no PostgreSQL cluster is set up on port {port} (pg_lsclusters)")
    version, name, _, status = on_port[0][:4]
    if status != "online":
        subprocess.run(["pg_ctlcluster", version, name, "start"], check=True, capture_output=True, text=True)
        server.started.append(f"{version} {name}")


def _ensure_role(url: URL) -> None:
    """Create the URL's role (login, password, CREATEDB) when it is missing, as the postgres user."""
    if not url.username or url.username == "postgres":
        return
    role = url.username
    sql = (f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {_quote_literal(role)}) THEN "
           f"CREATE ROLE {_quote_ident(role)} LOGIN CREATEDB PASSWORD {_quote_literal(url.password or '')}; "
           "END IF; END $$;")
    psql = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-p", str(url.port or 5432), "-d", "postgres", "-c", sql]
    if shutil.which("runuser"):
        command = ["runuser", "-u", "postgres", "--", *psql]
    else:
        command = ["su", "postgres", "-c", shlex.join(psql)]
    subprocess.run(command, check=True, capture_output=True, text=True, timeout=60)
