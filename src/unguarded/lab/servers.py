"""Start and stop real database servers on loopback high ports with temp data dirs.

Used by ``unguarded demo`` and by the test fixtures, so there is one launcher per
server, and :data:`LAUNCHERS` says once which of them plays each engine, open and
protected. Every server binds 127.0.0.1 only, keeps its data in its own directory and is
stopped by PID. Debian's servers refuse to run as root, so as root they are started as
their service users (``postgres``, ``mysql``, ``memcache``).
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from ..engines import by_name

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


class LabError(RuntimeError):
    """A lab server could not start; the message says what to install or check."""


def free_port() -> int:
    """A free high TCP port on 127.0.0.1 (the OS picks one from the ephemeral range)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for_port(
    port: int, timeout: float, proc: subprocess.Popen[bytes] | None = None, log: Path | None = None
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            raise LabError(f"server exited with code {proc.returncode} before listening on {port}\n{tail}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.1)
    raise LabError(f"server did not listen on 127.0.0.1:{port} within {timeout:.0f}s")


def find_binary(name: str, *candidates: str, package: str) -> str:
    """A server binary from PATH or Debian's versioned dirs, else a clear install hint."""
    found = shutil.which(name)
    if found:
        return found
    for pattern in candidates:
        matches = sorted(glob.glob(pattern))
        if matches:
            return matches[-1]
    raise LabError(f"{name} not found: install it with 'apt-get install {package}' (see README: test command)")


def _chown(path: Path, user: str) -> None:
    if IS_ROOT:
        shutil.chown(path, user, user)
        for p in path.rglob("*"):
            shutil.chown(p, user, user)


def _as_user(user: str, argv: Sequence[str]) -> list[str]:
    """For short setup commands; long-running servers use :func:`_drop_root` instead."""
    return ["runuser", "-u", user, "--", *argv] if IS_ROOT else list(argv)


def _drop_root(user: str | None) -> dict[str, Any]:
    """Popen arguments that start the server directly as ``user`` when we are root.

    Not ``runuser``: it answers SIGTERM by waiting two seconds before killing its child,
    which made every stop take two seconds after the server itself had shut down.
    """
    if not (IS_ROOT and user):
        return {}
    return {
        "user": user,
        "group": user,
        "extra_groups": [],
        "env": {**os.environ, "HOME": str(Path("~" + user).expanduser())},
    }


@dataclass
class LabServer:
    """One running server: engine name, port, data dir, process and how it is protected."""

    engine: str
    workdir: Path
    protected: bool = False
    port: int = field(default_factory=free_port)
    proc: subprocess.Popen[bytes] | None = None
    secret: str | None = None
    tls: bool = False

    @property
    def log(self) -> Path:
        return self.workdir / "server.log"

    @property
    def url(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> LabServer:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self._prepare()
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                self.command(),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                **_drop_root(self.run_as),
            )
        wait_for_port(self.port, self.start_timeout, self.proc, self.log)
        self._ready()
        return self

    start_timeout: ClassVar[float] = 30.0
    #: service user the server runs as when started by root (servers that cannot switch themselves)
    run_as: ClassVar[str | None] = None

    def _prepare(self) -> None:
        """Create the data dir contents before the first start (initdb and the like)."""

    def _ready(self) -> None:
        """Wait until the server answers its protocol, not just accepts TCP."""

    def command(self) -> list[str]:
        raise NotImplementedError

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(5)


def self_signed_cert(workdir: Path) -> tuple[Path, Path]:
    """A throwaway certificate for TLS-only lab servers (openssl, two days)."""
    cert, key = workdir / "cert.pem", workdir / "key.pem"
    if not cert.exists():
        subprocess.run(
            [
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-subj",
                "/CN=localhost",
                "-days",
                "2",
                "-keyout",
                str(key),
                "-out",
                str(cert),
            ],
            check=True,
            capture_output=True,
        )
    return cert, key


class RedisServer(LabServer):
    """Open: no password, protected mode off. Protected: requirepass. ``tls``: TLS-only port."""

    def command(self) -> list[str]:
        argv = [
            find_binary("redis-server", package="redis-server"),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(self.workdir),
            "--daemonize",
            "no",
        ]
        if self.tls:
            cert, key = self_signed_cert(self.workdir)
            argv += [
                "--port",
                "0",
                "--tls-port",
                str(self.port),
                "--tls-cert-file",
                str(cert),
                "--tls-key-file",
                str(key),
                "--tls-auth-clients",
                "no",
            ]
        else:
            argv += ["--port", str(self.port)]
        if self.protected:
            self.secret = self.secret or "lab-" + os.urandom(8).hex()
            argv += ["--requirepass", self.secret, "--protected-mode", "yes"]
        else:
            argv += ["--protected-mode", "no"]
        return argv


class MemcachedServer(LabServer):
    """Protected variant: ASCII auth (``-Y``), which refuses every command until login."""

    def _prepare(self) -> None:
        if self.protected:
            self.secret = self.secret or "lab-" + os.urandom(8).hex()
            auth = self.workdir / "auth"
            auth.write_text(f"lab:{self.secret}\n")
            _chown(self.workdir, "memcache")

    def command(self) -> list[str]:
        argv = [
            find_binary("memcached", package="memcached"),
            "-l",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            "0",
            "-m",
            "64",
        ]
        if IS_ROOT:
            argv += ["-u", "memcache"]
        if self.protected:
            argv += ["-Y", str(self.workdir / "auth")]
        return argv


class MongoStandIn(LabServer):
    """secantusdb: a MongoDB wire-protocol server on WiredTiger (``--auth`` for protected)."""

    start_timeout: ClassVar[float] = 60.0

    def command(self) -> list[str]:
        exe = shutil.which("secantusd-py") or str(Path(sys.executable).with_name("secantusd-py"))
        if not Path(exe).exists():
            raise LabError("secantusd-py not found: pip install secantusdb (the 'demo' or 'test' extra)")
        argv = [
            exe,
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--storage-path",
            str(self.workdir / "data"),
            "--log-level",
            "WARNING",
        ]
        return argv + (["--auth"] if self.protected else [])


class OpenSearchStandIn(LabServer):
    """osmem-server: an in-memory OpenSearch-compatible HTTP server (always open)."""

    def command(self) -> list[str]:
        try:
            from osmem_server import resolve_binary
        except ImportError as exc:
            raise LabError("osmem-server not installed: pip install osmem-server (the 'test' extra)") from exc
        return [resolve_binary(), "-addr", f"127.0.0.1:{self.port}", "-no-stdin-watch"]


class SecuredSearchStandIn(LabServer):
    """Answers like Elasticsearch with security on: 401 and its exact error body."""

    def command(self) -> list[str]:
        return [sys.executable, "-m", "unguarded.lab.secured_search", str(self.port)]


class ProtocolStandIn(LabServer):
    """A stand-in written here from an engine's documented protocol (``lab/*_standin.py``).

    Its data is ``data.json`` in the workdir (:meth:`seed`; the stand-in reloads it when
    it changes) and it logs every request it receives to ``requests.log`` (:meth:`requests`),
    the server-side record the read-only tests check.
    """

    module: ClassVar[str]

    def command(self) -> list[str]:
        argv = [sys.executable, "-m", f"unguarded.lab.{self.module}", str(self.port), str(self.workdir)]
        return argv + (["--auth"] if self.protected else [])

    def seed(self, data: dict[str, Any]) -> None:
        temp = self.workdir / "data.json.tmp"
        temp.write_text(json.dumps(data))
        temp.replace(self.workdir / "data.json")

    def requests(self) -> list[dict[str, Any]]:
        log = self.workdir / "requests.log"
        return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


class CassandraStandIn(ProtocolStandIn):
    """CQL native protocol v4; ``--auth`` answers STARTUP with PasswordAuthenticator's AUTHENTICATE."""

    module: ClassVar[str] = "cassandra_standin"


class SolrStandIn(ProtocolStandIn):
    """Solr's admin and select JSON API; ``--auth`` answers like the BasicAuth plugin (401)."""

    module: ClassVar[str] = "solr_standin"


class KibanaStandIn(ProtocolStandIn):
    """Kibana 7.17's status and security answers; ``--auth`` answers like Kibana with security on."""

    module: ClassVar[str] = "kibana_standin"


class Neo4jStandIn(ProtocolStandIn):
    """Neo4j's discovery and transactional HTTP API; ``--auth`` answers 401 Security.Unauthorized."""

    module: ClassVar[str] = "neo4j_standin"


class PostgresServer(LabServer):
    """Open: ``trust`` for everyone (postgres with no password). Protected: scram-sha-256."""

    def _bin(self, name: str) -> str:
        return find_binary(name, f"/usr/lib/postgresql/*/bin/{name}", package="postgresql")

    @property
    def datadir(self) -> Path:
        return self.workdir / "data"

    def _prepare(self) -> None:
        if (self.datadir / "PG_VERSION").exists():
            return
        self.secret = self.secret or "lab-" + os.urandom(8).hex()
        pwfile = self.workdir / "pw"
        pwfile.write_text(self.secret + "\n")
        _chown(self.workdir, "postgres")
        method = "scram-sha-256" if self.protected else "trust"
        subprocess.run(
            _as_user(
                "postgres",
                [
                    self._bin("initdb"),
                    "-D",
                    str(self.datadir),
                    "-U",
                    "postgres",
                    f"--pwfile={pwfile}",
                    f"--auth={method}",
                    "-E",
                    "UTF8",
                    "--locale=C",
                ],
            ),
            check=True,
            capture_output=True,
        )

    run_as: ClassVar[str | None] = "postgres"

    def command(self) -> list[str]:
        return [
            self._bin("postgres"),
            "-D",
            str(self.datadir),
            "-p",
            str(self.port),
            "-k",
            str(self.workdir),
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "log_statement=all",
            "-c",
            "fsync=off",
            # the application name tells the scanner's statements from the setup helper's
            "-c",
            "log_line_prefix=%m [%p] %q[%a] ",
            "-c",
            "log_destination=stderr",
            "-c",
            "logging_collector=off",
        ]

    def _ready(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if b"ready to accept connections" in self.log.read_bytes():
                return
            time.sleep(0.1)

    def psql(self, sql: str, db: str = "postgres", *, file: Path | None = None) -> str:
        """Run SQL as the superuser over the unix socket (setup only; scans use TCP)."""
        argv = [
            self._bin("psql"),
            "-h",
            str(self.workdir),
            "-p",
            str(self.port),
            "-U",
            "postgres",
            "-d",
            db,
            "-v",
            "ON_ERROR_STOP=1",
            "-q",
            "-A",
            "-t",
        ]
        argv += ["-f", str(file)] if file else ["-c", sql]
        env = {**os.environ, "PGPASSWORD": self.secret or ""}
        done = subprocess.run(_as_user("postgres", argv), capture_output=True, text=True, env=env)
        if done.returncode != 0:
            raise LabError(f"psql failed: {done.stderr[-500:]}")
        return done.stdout


class MariaDBServer(LabServer):
    """Open: root with an empty password (the vendor default). Protected: root has a password."""

    start_timeout: ClassVar[float] = 60.0

    def _bin(self, name: str) -> str:
        return find_binary(name, f"/usr/sbin/{name}", f"/usr/bin/{name}", package="mariadb-server")

    @property
    def datadir(self) -> Path:
        return self.workdir / "data"

    @property
    def socket_path(self) -> Path:
        return self.workdir / "mysqld.sock"

    def _prepare(self) -> None:
        if (self.datadir / "mysql").exists():
            return
        self.datadir.mkdir(parents=True, exist_ok=True)
        _chown(self.workdir, "mysql")
        argv = [
            self._bin("mariadb-install-db"),
            "--no-defaults",
            f"--datadir={self.datadir}",
            "--auth-root-authentication-method=normal",
            "--skip-test-db",
        ]
        if IS_ROOT:
            argv.append("--user=mysql")
        subprocess.run(argv, check=True, capture_output=True)
        if self.protected:
            self.secret = self.secret or "lab-" + os.urandom(8).hex()
            init = self.workdir / "init.sql"
            # mariadb-install-db also creates root@<hostname> with no password: every root row gets one.
            hosts = ("localhost", "127.0.0.1", "::1", socket.gethostname())
            init.write_text(
                "".join(f"ALTER USER IF EXISTS 'root'@'{h}' IDENTIFIED BY '{self.secret}';\n" for h in hosts)
                + "DELETE FROM mysql.global_priv WHERE User='';\nFLUSH PRIVILEGES;\n"
            )
            _chown(self.workdir, "mysql")

    def command(self) -> list[str]:
        argv = [
            self._bin("mariadbd"),
            "--no-defaults",
            f"--datadir={self.datadir}",
            f"--port={self.port}",
            "--bind-address=127.0.0.1",
            f"--socket={self.socket_path}",
            f"--pid-file={self.workdir / 'mysqld.pid'}",
            "--general-log=1",
            f"--general-log-file={self.workdir / 'general.log'}",
            "--skip-log-bin",
            "--innodb-buffer-pool-size=32M",
            "--skip-name-resolve",
        ]
        if IS_ROOT:
            argv.append("--user=mysql")
        if self.protected:
            argv.append(f"--init-file={self.workdir / 'init.sql'}")
        return argv

    def mysql(self, sql: str | None = None, *, file: Path | None = None, db: str | None = None) -> str:
        """Run SQL as root over the unix socket (setup only; scans use TCP)."""
        argv = [self._bin("mariadb"), f"--socket={self.socket_path}", "-u", "root", "--batch", "--skip-column-names"]
        if self.protected and self.secret:
            argv.append(f"--password={self.secret}")
        if db:
            argv.append(db)
        stdin = file.read_bytes() if file else (sql or "").encode()
        done = subprocess.run(argv, input=stdin, capture_output=True)
        if done.returncode != 0:
            raise LabError(f"mariadb client failed: {done.stderr.decode(errors='replace')[-500:]}")
        return done.stdout.decode(errors="replace")


@dataclass(frozen=True)
class LabLaunchers:
    """The lab servers that play one engine: an open one and a protected one."""

    open: type[LabServer]
    protected: type[LabServer]


#: engine name -> its lab servers; the contract test checks every registered engine has a row
LAUNCHERS: dict[str, LabLaunchers] = {
    "redis": LabLaunchers(open=RedisServer, protected=RedisServer),
    "memcached": LabLaunchers(open=MemcachedServer, protected=MemcachedServer),
    "mongodb": LabLaunchers(open=MongoStandIn, protected=MongoStandIn),
    "elasticsearch": LabLaunchers(open=OpenSearchStandIn, protected=SecuredSearchStandIn),
    "postgresql": LabLaunchers(open=PostgresServer, protected=PostgresServer),
    "mysql": LabLaunchers(open=MariaDBServer, protected=MariaDBServer),
    "cassandra": LabLaunchers(open=CassandraStandIn, protected=CassandraStandIn),
    "solr": LabLaunchers(open=SolrStandIn, protected=SolrStandIn),
    "neo4j": LabLaunchers(open=Neo4jStandIn, protected=Neo4jStandIn),
    "kibana": LabLaunchers(open=KibanaStandIn, protected=KibanaStandIn),
}


def start(engine: str, workdir: Path, *, protected: bool = False, tls: bool = False) -> LabServer:
    """Start one lab server for an engine (or an alias: ``opensearch``, ``mariadb``).

    Raises :class:`LabError` with an install hint if it cannot, or if no lab server
    plays that engine.
    """
    known = by_name(engine)
    launchers = LAUNCHERS.get(known.name) if known is not None else None
    if launchers is None:
        raise LabError(f"no lab server plays the engine {engine!r} (see LAUNCHERS in unguarded.lab.servers)")
    launcher = launchers.protected if protected else launchers.open
    server = launcher(engine=engine, workdir=workdir, protected=protected, tls=tls)
    try:
        return server.start()
    except BaseException:
        server.stop()
        raise
