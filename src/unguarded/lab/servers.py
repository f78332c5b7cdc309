"""Start and stop real database servers on loopback high ports with temp data dirs.

Used by ``unguarded demo`` and by the test fixtures, so there is one launcher per
server, and :data:`LAUNCHERS` says once which of them plays each engine, open and
protected. Every server binds 127.0.0.1 only, keeps its data in its own directory and is
stopped by PID. Debian's servers refuse to run as root, so as root they are started as
their service users (``postgres``, ``mysql``, ``memcache``).
"""

from __future__ import annotations

import base64
import contextlib
import glob
import importlib.util
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
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


@dataclass
class Neo4jStandIn(ProtocolStandIn):
    """Neo4j's discovery and transactional HTTP API plus Bolt on ``bolt_port``; ``--auth`` answers Security.Unauthorized."""

    module: ClassVar[str] = "neo4j_standin"
    bolt_port: int = field(default_factory=free_port)

    def command(self) -> list[str]:
        return [*super().command(), "--bolt-port", str(self.bolt_port)]

    def _ready(self) -> None:
        wait_for_port(self.bolt_port, self.start_timeout, self.proc, self.log)

    def bolt_messages(self) -> list[dict[str, Any]]:
        """The Bolt messages the stand-in received (``bolt.log``), for the read-only proof."""
        log = self.workdir / "bolt.log"
        return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


class DockerStandIn(ProtocolStandIn):
    """The Docker Engine API's GETs as dockerd 24 answers them; ``--auth`` answers like an authorization plugin (403)."""

    module: ClassVar[str] = "docker_standin"


class KafkaStandIn(ProtocolStandIn):
    """The Kafka wire protocol's reads (Metadata, ListOffsets, Fetch); ``--auth`` is a SASL_PLAINTEXT listener."""

    module: ClassVar[str] = "kafka_standin"


@dataclass
class KubernetesStandIn(ProtocolStandIn):
    """The API server's GETs over TLS on ``port``, the kubelet's on ``kubelet_port`` (TLS) and ``readonly_port`` (HTTP, open one only)."""

    module: ClassVar[str] = "kubernetes_standin"
    kubelet_port: int = field(default_factory=free_port)
    readonly_port: int = field(default_factory=free_port)

    def command(self) -> list[str]:
        cert, key = self_signed_cert(self.workdir)
        argv = [*super().command(), "--cert", str(cert), "--key", str(key), "--kubelet-port", str(self.kubelet_port)]
        return argv + ([] if self.protected else ["--readonly-port", str(self.readonly_port)])

    def _ready(self) -> None:
        wait_for_port(self.kubelet_port, self.start_timeout, self.proc, self.log)
        if not self.protected:
            wait_for_port(self.readonly_port, self.start_timeout, self.proc, self.log)


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


def _http_ready(url: str, timeout: float, ok: Callable[[int, bytes], bool]) -> None:
    """Poll ``url`` until ``ok(status, body)``: a port that accepts TCP may not serve yet."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 (loopback lab)
            if ok(answer.status, answer.read()):
                return
        time.sleep(0.1)
    raise LabError(f"{url} did not answer as expected within {timeout:.0f}s")


def _lab_npm_binary(name: str, package: str) -> str:
    """A binary that scripts/setup.sh installed from npm under the checkout's ``.lab-npm``."""
    checkout = Path(__file__).resolve().parents[3]
    for prefix in (os.environ.get("UNGUARDED_LAB_NPM"), str(checkout / ".lab-npm")):
        if prefix and (Path(prefix) / "node_modules" / ".bin" / name).exists():
            return str(Path(prefix) / "node_modules" / ".bin" / name)
    found = shutil.which(name)
    if found:
        return found
    raise LabError(f"{name} not found: run scripts/setup.sh (npm install --prefix .lab-npm {package})")


class PouchDBServer(LabServer):
    """pouchdb-server (the CouchDB HTTP API, in memory). Open: admin party. Protected: an admin in its config.

    Its HTTP log (``couch.log``: one line per request with the method) is the read-only proof.
    """

    admin_user: ClassVar[str] = "lab"

    @property
    def http_log(self) -> Path:
        return self.workdir / "couch.log"

    def _prepare(self) -> None:
        config: dict[str, Any] = {"log": {"file": str(self.http_log), "level": "info"}}
        if self.protected:
            self.secret = self.secret or "lab-" + os.urandom(8).hex()
            config["admins"] = {self.admin_user: self.secret}
        (self.workdir / "data").mkdir(exist_ok=True)
        (self.workdir / "config.json").write_text(json.dumps(config))

    def command(self) -> list[str]:
        return [
            _lab_npm_binary("pouchdb-server", "pouchdb-server@4.2.0"),
            "--port",
            str(self.port),
            "--host",
            "127.0.0.1",
            "--in-memory",
            "--no-stdout-logs",
            "--dir",
            str(self.workdir / "data"),
            "--config",
            str(self.workdir / "config.json"),
        ]

    def _ready(self) -> None:
        # Protected: the admin is hashed and applied at start; until then the party is on.
        def applied(status: int, body: bytes) -> bool:
            return status == 200 and (b'"_admin"' in body) != self.protected

        _http_ready(f"http://127.0.0.1:{self.port}/_session", self.start_timeout, applied)


class InfluxDBServer(LabServer):
    """Debian's influxd 1.x. Open: ``auth-enabled = false``. Protected: auth on and an admin user.

    Its HTTP access log and ``/debug/vars`` counters are the read-only proof.
    """

    run_as: ClassVar[str | None] = "influxdb"
    admin_user: ClassVar[str] = "lab"

    @property
    def access_log(self) -> Path:
        return self.workdir / "access.log"

    def _prepare(self) -> None:
        data = self.workdir
        (self.workdir / "influxdb.conf").write_text(
            "reporting-disabled = true\n"
            f'bind-address = "127.0.0.1:{free_port()}"\n'
            f'[meta]\n  dir = "{data / "meta"}"\n'
            f'[data]\n  dir = "{data / "data"}"\n  wal-dir = "{data / "wal"}"\n  query-log-enabled = true\n'
            "[monitor]\n  store-enabled = false\n"
            f'[http]\n  bind-address = "127.0.0.1:{self.port}"\n'
            f"  auth-enabled = {'true' if self.protected else 'false'}\n"
            f'  log-enabled = true\n  access-log-path = "{self.access_log}"\n'
            "[logging]\n  suppress-logo = true\n"
        )
        _chown(self.workdir, "influxdb")

    def command(self) -> list[str]:
        return [find_binary("influxd", package="influxdb"), "run", "-config", str(self.workdir / "influxdb.conf")]

    def _ready(self) -> None:
        _http_ready(f"http://127.0.0.1:{self.port}/ping", self.start_timeout, lambda status, _body: status == 204)
        if self.protected:
            self.secret = self.secret or "lab-" + os.urandom(8).hex()
            self.query(f"CREATE USER {self.admin_user} WITH PASSWORD '{self.secret}' WITH ALL PRIVILEGES")

    def query(self, statement: str, db: str | None = None) -> Any:
        """Run InfluxQL as the admin (setup only; scans never send anything but SHOW and SELECT)."""
        params = {"q": statement, **({"db": db} if db else {})}
        return self._post("/query", urllib.parse.urlencode(params).encode(), "application/x-www-form-urlencoded")

    def write(self, db: str, lines: str) -> None:
        """Write line protocol (setup only)."""
        self._post(f"/write?{urllib.parse.urlencode({'db': db, 'precision': 's'})}", lines.encode(), "text/plain")

    def _post(self, path: str, body: bytes, content_type: str) -> Any:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}", data=body, method="POST", headers={"Content-Type": content_type}
        )
        if self.protected and self.secret and not body.startswith(b"q=CREATE+USER"):
            token = base64.b64encode(f"{self.admin_user}:{self.secret}".encode()).decode()
            request.add_header("Authorization", f"Basic {token}")
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310 (loopback lab)
            raw = answer.read()
        return json.loads(raw) if raw else None


class ZooKeeperServer(LabServer):
    """Debian's ZooKeeper, standalone, from a temp ``zoo.cfg`` (4lw ``srvr,mntr``, no admin server).

    Open: ZooKeeper's default ACLs (``world:anyone`` everywhere). Protected: before the
    scan the launcher creates ``/app`` znodes with digest ACLs and puts a digest ACL on
    ``/`` too, so an unauthenticated client reaches nothing. Setup goes through kazoo
    (the ``test`` extra); the scanner itself never writes.
    """

    run_as: ClassVar[str | None] = "zookeeper"
    start_timeout: ClassVar[float] = 60.0
    USER: ClassVar[str] = "lab"

    @property
    def hosts(self) -> str:
        return f"127.0.0.1:{self.port}"

    def _prepare(self) -> None:
        (self.workdir / "data").mkdir(parents=True, exist_ok=True)
        (self.workdir / "zoo.cfg").write_text(
            "tickTime=2000\n"
            f"dataDir={self.workdir / 'data'}\n"
            f"clientPort={self.port}\n"
            "clientPortAddress=127.0.0.1\n"
            "admin.enableServer=false\n"
            "4lw.commands.whitelist=srvr,mntr\n"
            "maxClientCnxns=0\n"
        )
        if self.protected:
            self.secret = self.secret or "lab-" + os.urandom(8).hex()
        _chown(self.workdir, "zookeeper")

    def command(self) -> list[str]:
        jar = Path("/usr/share/java/zookeeper.jar")
        if not jar.exists():
            raise LabError(
                "ZooKeeper not found: install it with 'apt-get install zookeeper' (see README: test command)"
            )
        java = find_binary("java", "/usr/lib/jvm/*/bin/java", package="default-jre-headless")
        classpath = f"{jar}:/usr/share/java/slf4j-simple.jar"
        return [
            java,
            "-Xmx128m",
            "-XX:+UseSerialGC",
            "-cp",
            classpath,
            "org.apache.zookeeper.server.ZooKeeperServerMain",
            str(self.workdir / "zoo.cfg"),
        ]

    def four_letter(self, word: str) -> str:
        """A four-letter word's answer (``srvr``, ``mntr``), for readiness and the tests' proofs."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
            sock.sendall(word.encode())
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        return data.decode(errors="replace")

    def client(self) -> Any:
        """A started kazoo client, authenticated as the lab user on the protected one (setup only)."""
        try:
            from kazoo.client import KazooClient
        except ImportError as exc:
            raise LabError("kazoo not installed: pip install kazoo (the 'test' extra)") from exc
        auth = [("digest", f"{self.USER}:{self.secret}")] if self.protected else None
        client = KazooClient(hosts=self.hosts, auth_data=auth, timeout=10)
        client.start(timeout=15)
        return client

    def _ready(self) -> None:
        deadline = time.monotonic() + 30
        while "Zookeeper version" not in self._srvr_or_empty():
            if time.monotonic() > deadline:
                raise LabError("ZooKeeper did not answer srvr")
            time.sleep(0.2)
        if self.protected:
            self._seed_protected()

    def _srvr_or_empty(self) -> str:
        with contextlib.suppress(OSError):
            return self.four_letter("srvr")
        return ""

    def _seed_protected(self) -> None:
        from kazoo.security import make_digest_acl

        acl = [make_digest_acl(self.USER, self.secret or "", all=True)]
        client = self.client()
        try:
            client.create("/app/config/db", b"user=app\npassword=lab-not-a-secret\n", acl=acl, makepath=True)
            for path in ("/app/config", "/app"):
                client.set_acls(path, acl)
            client.set_acls("/", acl)
        finally:
            client.stop()
            client.close()


class MotoS3Server(LabServer):
    """moto in server mode (``moto_server``), seeded before the scan with a public-read bucket.

    ``customer-exports`` carries a bucket policy that lets ``Principal: "*"`` list it and
    read its objects: synthetic customers (CSV), orders (JSON), a ``.env`` with a
    password and avatar images. moto enforces no authentication by default (anonymous
    ListBuckets works), which is what an open MinIO or misconfigured gateway does.
    Seeding goes through boto3 (moto's own dependency); the scanner never writes.
    """

    BUCKET: ClassVar[str] = "customer-exports"
    CANARY_EMAIL: ClassVar[str] = "canary-s3-5b0e@leak-test.example"
    CANARY_PASSWORD: ClassVar[str] = "s3-canary-Pw-0d7a"

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        exe = shutil.which("moto_server") or str(Path(sys.executable).with_name("moto_server"))
        if not Path(exe).exists():
            raise LabError("moto_server not found: pip install 'moto[server]' (the 'test' extra)")
        return [exe, "-H", "127.0.0.1", "-p", str(self.port)]

    def client(self) -> Any:
        """A boto3 S3 client for setup and the tests' proofs (moto accepts any credentials)."""
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id="lab",
            aws_secret_access_key="lab",
            region_name="us-east-1",
        )

    def _ready(self) -> None:
        import json

        s3 = self.client()
        s3.create_bucket(Bucket=self.BUCKET)
        arn = f"arn:aws:s3:::{self.BUCKET}"
        policy = {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "PublicRead",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": ["s3:GetObject", "s3:ListBucket"],
                    "Resource": [arn, f"{arn}/*"],
                }
            ],
        }
        s3.put_bucket_policy(Bucket=self.BUCKET, Policy=json.dumps(policy))
        names = ("Maria Garcia", "John Smith", "Anna Muller", "Wei Zhang", "Olga Ivanova", "Pedro Alves")
        rows = ["name,email,phone,city"]
        for i in range(60):
            email = self.CANARY_EMAIL if i == 0 else f"customer{i}@example.org"
            rows.append(f"{names[i % len(names)]},{email},+3461234{i:04d},Madrid")
        s3.put_object(Bucket=self.BUCKET, Key="exports/customers.csv", Body="\n".join(rows).encode())
        orders = [{"order": i, "email": f"buyer{i}@example.org", "total": 10 + i} for i in range(20)]
        s3.put_object(Bucket=self.BUCKET, Key="exports/orders.json", Body=json.dumps(orders).encode())
        for name, password in (("app", self.CANARY_PASSWORD), ("worker", "s3-Worker-Pw-51be")):
            env = f"DB_USER={name}\nDB_PASSWORD={password}\nDB_HOST=db.internal\n"
            s3.put_object(Bucket=self.BUCKET, Key=f"config/{name}.env", Body=env.encode())
        jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 40
        for i in range(3):
            s3.put_object(Bucket=self.BUCKET, Key=f"avatars/user{i:03d}.jpg", Body=jpeg)


class SecuredS3StandIn(LabServer):
    """Answers like AWS S3 with public access blocked: 403 ``AccessDenied`` to every anonymous request."""

    def command(self) -> list[str]:
        return [sys.executable, "-m", "unguarded.lab.secured_s3", str(self.port)]


class ClickHouseServer(LabServer):
    """Open: user default with no password. Protected: default has a password. ``log_queries`` on for the proof."""

    start_timeout: ClassVar[float] = 60.0
    #: the native protocol's port (not scanned; ClickHouse wants one)
    tcp_port: int = 0

    def _prepare(self) -> None:
        data = self.workdir / "data"
        data.mkdir(parents=True, exist_ok=True)
        self.tcp_port = free_port()
        password = ""
        if self.protected:
            self.secret = self.secret or "lab-" + os.urandom(8).hex()
            password = self.secret
        (self.workdir / "config.xml").write_text(
            '<?xml version="1.0"?>\n<yandex>\n'
            f"<logger><level>warning</level><log>{self.workdir}/clickhouse.log</log>"
            f"<errorlog>{self.workdir}/clickhouse.err.log</errorlog><console>0</console></logger>\n"
            f"<http_port>{self.port}</http_port><tcp_port>{self.tcp_port}</tcp_port>\n"
            "<listen_host>127.0.0.1</listen_host>\n"
            f"<path>{data}/</path><tmp_path>{data}/tmp/</tmp_path>"
            f"<user_files_path>{data}/user_files/</user_files_path>"
            f"<format_schema_path>{data}/format_schemas/</format_schema_path>\n"
            "<users_config>users.xml</users_config><default_profile>default</default_profile>"
            "<default_database>default</default_database>\n"
            "<mark_cache_size>67108864</mark_cache_size><uncompressed_cache_size>67108864</uncompressed_cache_size>\n"
            "<mlock_executable>false</mlock_executable>\n"
            "<query_log><database>system</database><table>query_log</table>"
            "<flush_interval_milliseconds>500</flush_interval_milliseconds></query_log>\n"
            "</yandex>\n"
        )
        (self.workdir / "users.xml").write_text(
            '<?xml version="1.0"?>\n<yandex>\n'
            "<profiles><default><log_queries>1</log_queries></default></profiles>\n"
            f"<users><default><password>{password}</password><networks><ip>127.0.0.1</ip></networks>"
            "<profile>default</profile><quota>default</quota></default></users>\n"
            "<quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>"
            "<result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time>"
            "</interval></default></quotas>\n</yandex>\n"
        )
        _chown(self.workdir, "clickhouse")

    run_as: ClassVar[str | None] = "clickhouse"

    def command(self) -> list[str]:
        exe = find_binary(
            "clickhouse-server", "/usr/sbin/clickhouse-server", "/usr/bin/clickhouse", package="clickhouse-server"
        )
        argv = [exe] if not exe.endswith("/clickhouse") else [exe, "server"]
        return [*argv, f"--config-file={self.workdir / 'config.xml'}"]

    def _ready(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError, RuntimeError):
                self.query("SELECT 1")
                return
            time.sleep(0.1)
        raise LabError("clickhouse-server did not answer queries within 30s")

    def query(self, sql: str, *, body: bytes | None = None) -> str:
        """Run SQL as default over HTTP POST (setup only; query ids start with ``lab-``)."""
        import urllib.error
        import urllib.parse
        import urllib.request

        params = {"query": sql, "query_id": "lab-" + os.urandom(8).hex()}
        if self.secret:
            params["password"] = self.secret
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/?{urllib.parse.urlencode(params)}", data=body or b"", method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return bytes(answer.read()).decode()
        except urllib.error.HTTPError as exc:
            raise RuntimeError(f"clickhouse query failed: {exc.read()[:300]!r}") from None


class EtcdServer(LabServer):
    """Open: auth disabled (the default). Protected: a root user and ``auth enable``, done over the gateway."""

    #: the peer port (not scanned; etcd wants one)
    peer_port: int = 0
    token: str | None = None

    def command(self) -> list[str]:
        self.peer_port = self.peer_port or free_port()
        client, peer = f"http://127.0.0.1:{self.port}", f"http://127.0.0.1:{self.peer_port}"
        return [
            find_binary("etcd", package="etcd-server"),
            "--name",
            "lab",
            "--data-dir",
            str(self.workdir / "data"),
            "--listen-client-urls",
            client,
            "--advertise-client-urls",
            client,
            "--listen-peer-urls",
            peer,
            "--initial-advertise-peer-urls",
            peer,
            "--initial-cluster",
            f"lab={peer}",
            "--log-level",
            "warn",
        ]

    def _ready(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError, RuntimeError):
                self.call("/v3/maintenance/status", {})
                break
            time.sleep(0.1)
        else:
            raise LabError("etcd did not answer within 30s")
        if self.protected:
            self.secret = self.secret or "lab-" + os.urandom(8).hex()
            self.call("/v3/auth/user/add", {"name": "root", "password": self.secret})
            self.call("/v3/auth/user/grant", {"user": "root", "role": "root"})
            self.call("/v3/auth/enable", {})
            self.token = str(self.call("/v3/auth/authenticate", {"name": "root", "password": self.secret})["token"])

    def call(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """One gateway request (setup and test checks only), with the root token when protected."""
        import json
        import urllib.error
        import urllib.request

        headers = {"Content-Type": "application/json", **({"Authorization": self.token} if self.token else {})}
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}", data=json.dumps(body).encode(), headers=headers, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                parsed: dict[str, Any] = json.loads(answer.read())
                return parsed
        except urllib.error.HTTPError as exc:
            raise RuntimeError(f"etcd request failed: {exc.read()[:300]!r}") from None

    def put(self, key: str, value: bytes | str) -> None:
        import base64

        raw = value.encode() if isinstance(value, str) else value
        self.call(
            "/v3/kv/put", {"key": base64.b64encode(key.encode()).decode(), "value": base64.b64encode(raw).decode()}
        )


class ChromaServer(LabServer):
    """chromadb's own server (``chroma run``: the Rust server in the PyPI wheel), persisting under the workdir.

    Always open: the 1.x OSS server has no authentication. Its log (``server.log``) names
    every request's method and path (``http.method: GET, http.uri: ...``): the read-only
    proof, with the row counts of ``chroma.sqlite3`` in the persist dir.
    """

    start_timeout: ClassVar[float] = 60.0

    @property
    def persist_dir(self) -> Path:
        return self.workdir / "data"

    def command(self) -> list[str]:
        if importlib.util.find_spec("chromadb_rust_bindings") is None:
            raise LabError("chromadb not installed: pip install --no-deps chromadb==1.5.9 (scripts/setup.sh)")
        argv = ["chroma", "run", "--path", str(self.persist_dir), "--host", "127.0.0.1", "--port", str(self.port)]
        return [sys.executable, "-c", f"import chromadb_rust_bindings; chromadb_rust_bindings.cli({argv!r})"]

    def _ready(self) -> None:
        _http_ready(f"http://127.0.0.1:{self.port}/api/v2/heartbeat", self.start_timeout, lambda s, _b: s == 200)


class ChromaSecuredStandIn(ProtocolStandIn):
    """A Chroma 0.6 with token auth: heartbeat and version open, everything else 403 AuthError."""

    module: ClassVar[str] = "chroma_secured"


@dataclass
class QdrantStandIn(ProtocolStandIn):
    """Qdrant 1.12's REST API, and its gRPC API on ``grpc_port``; ``--auth`` answers like ``service.api_key`` set."""

    module: ClassVar[str] = "qdrant_standin"
    grpc_port: int = field(default_factory=free_port)

    def command(self) -> list[str]:
        return [*super().command(), "--grpc-port", str(self.grpc_port)]

    def _ready(self) -> None:
        wait_for_port(self.grpc_port, self.start_timeout, self.proc, self.log)


class WeaviateStandIn(ProtocolStandIn):
    """Weaviate 1.27's REST and GraphQL reads; ``--auth`` answers like API-key auth with anonymous access off (401)."""

    module: ClassVar[str] = "weaviate_standin"


@dataclass
class MilvusLiteServer(LabServer):
    """milvus-lite's gRPC server (``unguarded.lab.milvus_lab``), each call's method logged to ``requests.log``.

    Protected: milvus-lite has no authentication, so the same module answers every call
    ``UNAUTHENTICATED`` as Milvus with ``authorizationEnabled`` does (a stand-in). The
    health port (``health_port``) is a stand-in in the same module.
    """

    health_port: int = field(default_factory=free_port)

    def command(self) -> list[str]:
        if importlib.util.find_spec("milvus_lite") is None:
            raise LabError("milvus-lite not installed: pip install milvus-lite (the 'test' extra)")
        argv = [sys.executable, "-m", "unguarded.lab.milvus_lab", str(self.port), str(self.workdir)]
        return argv + (["--auth"] if self.protected else []) + ["--health-port", str(self.health_port)]

    def _ready(self) -> None:
        wait_for_port(self.health_port, self.start_timeout, self.proc, self.log)

    def requests(self) -> list[str]:
        """The full method name of every call the server received."""
        log = self.workdir / "requests.log"
        return [json.loads(line)["method"] for line in log.read_text().splitlines()] if log.exists() else []


class JupyterLabServer(LabServer):
    """Real ``jupyter_server`` (PyPI) on a temp root dir seeded with synthetic people (a CSV) and a notebook.

    Open: token and password disabled. Protected: a token. Debug logging, so every
    request is in the log the read-only proof reads. It runs as the calling user
    (``--allow-root`` under root): a PyPI server, not a Debian service with its own user.
    """

    @property
    def root(self) -> Path:
        return self.workdir / "root"

    def _prepare(self) -> None:
        if self.root.exists():
            return
        (self.root / "data").mkdir(parents=True)
        rows = ["name,email,phone"]
        rows += [
            f"{['Ann Smith', 'Li Wei', 'Maria Garcia'][i % 3]},person{i}@example.org,+447911123{i:03d}"
            for i in range(60)
        ]
        (self.root / "data" / "people.csv").write_text("\n".join(rows) + "\n")
        notebook = {
            "cells": [
                {"cell_type": "code", "metadata": {}, "source": ["1 + 1"], "outputs": [], "execution_count": None}
            ],
            "metadata": {},
            "nbformat": 4,
            "nbformat_minor": 5,
        }
        (self.root / "analysis.ipynb").write_text(json.dumps(notebook))
        (self.workdir / "home").mkdir(exist_ok=True)

    def command(self) -> list[str]:
        exe = shutil.which("jupyter-server") or str(Path(sys.executable).with_name("jupyter-server"))
        if not Path(exe).exists():
            raise LabError("jupyter-server not found: pip install jupyter_server (the 'test' extra)")
        if self.protected and not self.secret:
            self.secret = "lab-" + os.urandom(8).hex()
        home = self.workdir / "home"
        # env execs the server (same PID); its runtime and config dirs stay in the workdir
        return [
            "env",
            f"HOME={home}",
            f"JUPYTER_RUNTIME_DIR={home / 'runtime'}",
            f"JUPYTER_CONFIG_DIR={home / 'config'}",
            f"JUPYTER_DATA_DIR={home / 'data'}",
            exe,
            *(["--allow-root"] if IS_ROOT else []),
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={self.root}",
            f"--ServerApp.token={self.secret if self.protected else ''}",
            "--ServerApp.password=",
            "--ServerApp.log_level=DEBUG",
        ]

    def _ready(self) -> None:
        _http_ready(f"http://127.0.0.1:{self.port}/api", 30, lambda status, _body: status == 200)

    def api(self, path: str) -> Any:
        """One authenticated GET (test checks only)."""
        headers = {"Authorization": f"token {self.secret}"} if self.secret else {}
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", headers=headers)
        with urllib.request.urlopen(request, timeout=30) as answer:
            return json.loads(answer.read())


class PrometheusServer(LabServer):
    """Debian's Prometheus from a temp ``prometheus.yml`` whose scrape configs hold credentials for internal hosts.

    Two jobs carry secrets (``basic_auth`` and a bearer token) for internal targets that
    never answer, so after the first scrapes the head's series count stays put: the
    read-only proof reads it, the config reload counters and the per-handler request
    counters from ``/metrics``. Protected: ``--web.config.file`` with one basic-auth user.
    """

    #: the protected twin's password and its bcrypt hash (cost 4: a lab, not a vault)
    LAB_PASSWORD: ClassVar[str] = "lab-prometheus-basic-auth"
    LAB_HASH: ClassVar[str] = "$2b$04$uY1aczilnV9qFmycsRdEHeAdIMpUBLI0W5AHR3i/svobBDQDRvc/e"
    #: the secrets in the scrape configs, which the scan must never report
    SCRAPE_PASSWORD: ClassVar[str] = "Xq7-lab-only-prom-pw"
    SCRAPE_TOKEN: ClassVar[str] = "lab-bearer-token-9f8e7d6c5b4a"
    TARGETS: ClassVar[int] = 4

    def _prepare(self) -> None:
        config = f"""global:
  scrape_interval: 1s
  scrape_timeout: 500ms
scrape_configs:
  - job_name: billing-db
    basic_auth:
      username: exporter
      password: {self.SCRAPE_PASSWORD}
    static_configs:
      - targets: ["db.internal:9187", "10.0.3.7:9187"]
  - job_name: k8s-api
    authorization:
      credentials: {self.SCRAPE_TOKEN}
    scheme: https
    static_configs:
      - targets: ["kube.corp.internal:6443"]
  - job_name: edge
    static_configs:
      - targets: ["127.0.0.1:1"]
"""
        (self.workdir / "prometheus.yml").write_text(config)
        (self.workdir / "data").mkdir(exist_ok=True)
        if self.protected:
            self.secret = self.LAB_PASSWORD
            (self.workdir / "web.yml").write_text(f"basic_auth_users:\n  lab: {self.LAB_HASH}\n")
        _chown(self.workdir, "prometheus")

    run_as: ClassVar[str | None] = "prometheus"

    def command(self) -> list[str]:
        argv = [
            find_binary("prometheus", package="prometheus"),
            f"--config.file={self.workdir / 'prometheus.yml'}",
            f"--storage.tsdb.path={self.workdir / 'data'}",
            f"--web.listen-address=127.0.0.1:{self.port}",
            "--log.level=warn",
        ]
        return argv + ([f"--web.config.file={self.workdir / 'web.yml'}"] if self.protected else [])

    def _ready(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError, ValueError, KeyError):
                if self.head_series() >= 5 * self.TARGETS:  # up and four scrape_* series per target
                    return
            time.sleep(0.2)
        raise LabError("prometheus did not scrape its targets within 30s")

    def get(self, path: str) -> bytes:
        """One GET with the lab user when protected (test checks only)."""
        headers = {}
        if self.secret:
            headers["Authorization"] = "Basic " + base64.b64encode(f"lab:{self.secret}".encode()).decode()
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", headers=headers)
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310 (loopback lab)
            body: bytes = answer.read()
            return body

    def head_series(self) -> int:
        return int(json.loads(self.get("/api/v1/status/tsdb"))["data"]["headStats"]["numSeries"])


class MosquittoServer(LabServer):
    """Debian's Mosquitto 2 from a temp config: one loopback listener, ``$SYS`` every second, full log.

    Open: ``allow_anonymous true``. Protected: a password file (``mosquitto_passwd``) and
    anonymous clients refused. :meth:`publish` seeds messages (setup only: the scanner
    never publishes), speaking the three MQTT packets it needs.
    """

    run_as: ClassVar[str | None] = "mosquitto"
    USER: ClassVar[str] = "lab"

    def _prepare(self) -> None:
        lines = [
            f"listener {self.port} 127.0.0.1",
            "persistence false",
            "sys_interval 1",
            "log_dest stdout",
            "log_type all",
            "connection_messages true",
        ]
        if self.protected:
            self.secret = self.secret or "lab-" + os.urandom(8).hex()
            passwd = self.workdir / "passwd"
            passwd.unlink(missing_ok=True)
            tool = find_binary("mosquitto_passwd", "/usr/bin/mosquitto_passwd", package="mosquitto")
            subprocess.run([tool, "-b", "-c", str(passwd), self.USER, self.secret], check=True, capture_output=True)
            lines += ["allow_anonymous false", f"password_file {passwd}"]
        else:
            lines += ["allow_anonymous true"]
        (self.workdir / "mosquitto.conf").write_text("\n".join(lines) + "\n")
        _chown(self.workdir, "mosquitto")

    def command(self) -> list[str]:
        binary = find_binary("mosquitto", "/usr/sbin/mosquitto", package="mosquitto")
        return [binary, "-c", str(self.workdir / "mosquitto.conf")]

    def publish(self, messages: Sequence[tuple[str, bytes]], *, retain: bool = True) -> None:
        """Publish ``(topic, payload)`` pairs at QoS 0 as the lab user (setup and the demo's trackers)."""
        from ..engines.mqtt import DISCONNECT

        def string(value: bytes) -> bytes:
            return len(value).to_bytes(2, "big") + value

        def packet(kind: int, body: bytes) -> bytes:
            length, encoded = len(body), bytearray()
            while True:
                byte, length = length % 128, length // 128
                encoded.append(byte | (0x80 if length else 0))
                if not length:
                    break
            return bytes([kind]) + bytes(encoded) + body

        flags, auth = (
            (0xC2, string(self.USER.encode()) + string((self.secret or "").encode())) if self.protected else (0x02, b"")
        )
        connect = packet(
            0x10, string(b"MQTT") + bytes([4, flags]) + (30).to_bytes(2, "big") + string(b"lab-seed") + auth
        )
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as sock:
            sock.sendall(connect)
            if sock.recv(4)[3:4] != b"\x00":
                raise LabError("mosquitto refused the lab publisher")
            for topic, payload in messages:
                sock.sendall(packet(0x30 | (1 if retain else 0), string(topic.encode()) + payload))
            sock.sendall(DISCONNECT)

    def sys_counters(self) -> dict[str, str]:
        """The broker's own ``$SYS`` statistics, read by a subscriber (the read-only proof)."""
        wanted = (
            "$SYS/broker/publish/messages/received",
            "$SYS/broker/retained messages/count",
            "$SYS/broker/messages/received",
        )
        from ..engines.mqtt import connect_packet, subscribe_packet

        found: dict[str, str] = {}
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as sock:
            sock.sendall(connect_packet(b"lab-observer"))  # the open broker only
            data = b""
            sock.sendall(subscribe_packet(tuple(topic.encode() for topic in wanted)))
            deadline = time.monotonic() + 5
            while len(found) < len(wanted) and time.monotonic() < deadline:
                data += sock.recv(65536)
                while len(data) >= 2:
                    kind, length, used = data[0], 0, 1
                    for shift in range(4):
                        if len(data) <= used:
                            break
                        length |= (data[used] & 0x7F) << (7 * shift)
                        used += 1
                        if not data[used - 1] & 0x80:
                            break
                    if len(data) < used + length:
                        break
                    body, data = data[used : used + length], data[used + length :]
                    if kind >> 4 == 3:
                        size = int.from_bytes(body[:2], "big")
                        found[body[2 : 2 + size].decode()] = body[2 + size :].decode()
        return found


def free_port_with_partner(offset: int) -> int:
    """A free loopback port whose ``port + offset`` is free too (NATS 4222/8222, RabbitMQ 5672/15672)."""
    for _ in range(50):
        port = free_port()
        if port + offset > 65535:
            continue
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port + offset))
            except OSError:
                continue
        return port
    raise LabError(f"no free pair of ports {offset} apart")


class NatsServer(LabServer):
    """Debian's ``nats-server`` with JetStream in the work dir and its HTTP monitor 4000 above the client port.

    Open: no authorization. Protected: ``--user lab --pass <secret>``. :meth:`publish`
    seeds subjects and streams for the tests (the scanner never publishes);
    :meth:`monitor` reads ``/varz`` and ``/jsz`` for the read-only proof.
    """

    run_as: ClassVar[str | None] = "nats"
    USER: ClassVar[str] = "lab"

    @property
    def monitor_port(self) -> int:
        return self.port + 4000

    def _prepare(self) -> None:
        self.port = free_port_with_partner(4000)
        (self.workdir / "js").mkdir(parents=True, exist_ok=True)
        if self.protected:
            self.secret = self.secret or "lab-" + os.urandom(8).hex()
        _chown(self.workdir, "nats")

    def command(self) -> list[str]:
        argv = [
            find_binary("nats-server", "/usr/sbin/nats-server", package="nats-server"),
            "-a",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-m",
            str(self.monitor_port),
            "-js",
            "-sd",
            str(self.workdir / "js"),
        ]
        if self.protected:
            argv += ["--user", self.USER, "--pass", self.secret or ""]
        return argv

    def _ready(self) -> None:
        wait_for_port(self.monitor_port, 15)

    def monitor(self, path: str) -> Any:
        """A monitor endpoint's JSON (``/varz``, ``/jsz?streams=true&accounts=true``)."""
        url = f"http://127.0.0.1:{self.monitor_port}{path}"
        with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 (loopback lab)
            return json.loads(answer.read())

    def publish(self, messages: Sequence[tuple[str, bytes]], *, request: bool = False) -> list[bytes]:
        """Publish ``(subject, payload)`` pairs as the lab client; with ``request`` wait for each reply."""
        creds = f',"user":"{self.USER}","pass":"{self.secret}"' if self.protected else ""
        replies: list[bytes] = []
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as sock:
            stream = sock.makefile("rb")
            stream.readline()  # INFO
            sock.sendall(f'CONNECT {{"verbose":false,"name":"lab-seed"{creds}}}\r\nSUB _INBOX.lab 1\r\n'.encode())
            for subject, payload in messages:
                reply = " _INBOX.lab" if request else ""
                sock.sendall(f"PUB {subject}{reply} {len(payload)}\r\n".encode() + payload + b"\r\n")
                if request:
                    line = stream.readline()
                    while not line.startswith(b"MSG"):
                        line = stream.readline()
                    replies.append(stream.read(int(line.split()[-1]) + 2)[:-2])
            sock.sendall(b"PING\r\n")
            while not stream.readline().startswith(b"PONG"):
                pass
        return replies


class RabbitMQServer(LabServer):
    """Debian's RabbitMQ with the management plugin, 10000 above the AMQP port, and its own epmd.

    Open: the vendor default (``guest``/``guest``, allowed from loopback, which is where
    the tests scan from). Protected: ``default_user``/``default_pass`` on first boot, so
    no guest user exists. The server's own epmd would daemonize and outlive the lab, so
    one is started in the foreground in the same process group and stopped with it.
    Statistics are collected every half second for the read-only proof.
    """

    run_as: ClassVar[str | None] = "rabbitmq"
    start_timeout: ClassVar[float] = 90.0
    USER: ClassVar[str] = "lab"

    @property
    def management_port(self) -> int:
        return self.port + 10000

    def _prepare(self) -> None:
        self.port = free_port_with_partner(10000)
        self.epmd_port, self.dist_port = free_port(), free_port()
        lines = [
            f"listeners.tcp.default = 127.0.0.1:{self.port}",
            f"management.tcp.port = {self.management_port}",
            "management.tcp.ip = 127.0.0.1",
            "collect_statistics_interval = 500",
        ]
        if self.protected:
            self.secret = self.secret or "lab-" + os.urandom(8).hex()
            lines += [f"default_user = {self.USER}", f"default_pass = {self.secret}"]
        (self.workdir / "rabbitmq.conf").write_text("\n".join(lines) + "\n")
        (self.workdir / "enabled_plugins").write_text("[rabbitmq_management].\n")
        _chown(self.workdir, "rabbitmq")

    def command(self) -> list[str]:
        server = Path("/usr/lib/rabbitmq/bin/rabbitmq-server")  # not /usr/sbin's wrapper, which switches users itself
        if not server.exists():
            raise LabError(
                "RabbitMQ not found: install it with 'apt-get install rabbitmq-server' (see README: test command)"
            )
        epmd = find_binary("epmd", "/usr/lib/erlang/bin/epmd", package="erlang-base")
        work = self.workdir
        env = {
            "HOME": str(work),
            "ERL_EPMD_PORT": str(self.epmd_port),
            "RABBITMQ_NODENAME": f"lab{self.port}@localhost",
            "RABBITMQ_DIST_PORT": str(self.dist_port),
            "RABBITMQ_CONFIG_FILE": str(work / "rabbitmq.conf"),
            "RABBITMQ_ENABLED_PLUGINS_FILE": str(work / "enabled_plugins"),
            "RABBITMQ_MNESIA_BASE": str(work / "mnesia"),
            "RABBITMQ_LOG_BASE": str(work / "log"),
            "RABBITMQ_LOGS": "-",
        }
        script = (
            f"{epmd} -port {self.epmd_port} -address 127.0.0.1 & "
            f"sleep 0.3; cd {work} && exec env " + " ".join(f"{k}={v}" for k, v in env.items()) + f" {server}"
        )
        return ["sh", "-c", script]

    def _ready(self) -> None:
        deadline = time.monotonic() + 60
        while True:
            try:
                self.api("GET", "/overview")
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise LabError("the RabbitMQ management API did not answer within 60s") from None
                time.sleep(0.25)

    def api(self, method: str, path: str, body: Any = None) -> Any:
        """A management API call as the admin (setup and the read-only proof; never the scanner)."""
        user, password = (self.USER, self.secret or "") if self.protected else ("guest", "guest")
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.management_port}/api{path}", data=data, method=method)
        request.add_header("Authorization", "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode())
        request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310 (loopback lab)
            raw = answer.read()
        return json.loads(raw) if raw else None


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
    "couchdb": LabLaunchers(open=PouchDBServer, protected=PouchDBServer),
    "influxdb": LabLaunchers(open=InfluxDBServer, protected=InfluxDBServer),
    "zookeeper": LabLaunchers(open=ZooKeeperServer, protected=ZooKeeperServer),
    "s3": LabLaunchers(open=MotoS3Server, protected=SecuredS3StandIn),
    "clickhouse": LabLaunchers(open=ClickHouseServer, protected=ClickHouseServer),
    "etcd": LabLaunchers(open=EtcdServer, protected=EtcdServer),
    "cassandra": LabLaunchers(open=CassandraStandIn, protected=CassandraStandIn),
    "solr": LabLaunchers(open=SolrStandIn, protected=SolrStandIn),
    "neo4j": LabLaunchers(open=Neo4jStandIn, protected=Neo4jStandIn),
    "kibana": LabLaunchers(open=KibanaStandIn, protected=KibanaStandIn),
    "chroma": LabLaunchers(open=ChromaServer, protected=ChromaSecuredStandIn),
    "qdrant": LabLaunchers(open=QdrantStandIn, protected=QdrantStandIn),
    "weaviate": LabLaunchers(open=WeaviateStandIn, protected=WeaviateStandIn),
    "milvus": LabLaunchers(open=MilvusLiteServer, protected=MilvusLiteServer),
    "jupyter": LabLaunchers(open=JupyterLabServer, protected=JupyterLabServer),
    "prometheus": LabLaunchers(open=PrometheusServer, protected=PrometheusServer),
    "docker": LabLaunchers(open=DockerStandIn, protected=DockerStandIn),
    "mqtt": LabLaunchers(open=MosquittoServer, protected=MosquittoServer),
    "nats": LabLaunchers(open=NatsServer, protected=NatsServer),
    "rabbitmq": LabLaunchers(open=RabbitMQServer, protected=RabbitMQServer),
    "kafka": LabLaunchers(open=KafkaStandIn, protected=KafkaStandIn),
    "kubernetes": LabLaunchers(open=KubernetesStandIn, protected=KubernetesStandIn),
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
