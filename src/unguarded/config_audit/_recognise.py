"""The engine behind any container, not only behind the official image names.

Real compose files and manifests run databases as ``build: ./db``, as custom tags
(``mongocustom``, ``pgvector/pgvector``, ``redislabs/redismod``, ``bitnami/postgresql``),
or as an unknown image that is recognisable only by the server command it runs, the
variables only the server's entrypoint reads, or the port it listens on. Each piece of
evidence is tried from the most to the least certain; :class:`Recognised` says which one
decided, and rules judge image defaults only when the evidence is about the image or the
server itself (a port alone says where a database listens, not how it is configured).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from ._ports import DATA_SERVICES, DB_PORTS, engine_of_image


@dataclass(frozen=True)
class Recognised:
    """An engine and how it was told: ``image``, ``image name``, ``image variable``, ``command``,
    ``environment``, ``mounted configuration`` or ``port``."""

    engine: str
    evidence: str

    @property
    def by_port_only(self) -> bool:
        return self.evidence == "port"


#: words in an image name that name the engine (``pgvector/pgvector``, ``mongocustom``)
_NAME_WORDS: tuple[tuple[str, str], ...] = (
    ("postgres", "postgresql"),
    ("postgis", "postgresql"),
    ("pgvector", "postgresql"),
    ("timescale", "postgresql"),
    ("supabase-postgres", "postgresql"),
    ("citus", "postgresql"),  # citusdata/citus, on docker-library's entrypoint
    ("paradedb", "postgresql"),
    ("pgvecto", "postgresql"),  # tensorchord/pgvecto-rs
    ("mongo", "mongodb"),
    ("redis", "redis"),
    ("valkey", "redis"),
    ("keydb", "redis"),
    ("dragonfly", "redis"),
    ("mariadb", "mariadb"),
    ("mysql", "mysql"),
    ("percona", "mysql"),
    ("elasticsearch", "elasticsearch"),
    ("opensearch", "opensearch"),
    ("memcache", "memcached"),
    ("couchdb", "couchdb"),
    ("clickhouse", "clickhouse"),
    ("influxdb", "influxdb"),
    ("cassandra", "cassandra"),
    ("neo4j", "neo4j"),
    ("zookeeper", "zookeeper"),
    ("cockroach", "cockroachdb"),
    ("falkordb", "redis"),  # Redis with a graph module; its image runs redis-server --protected-mode no
    ("kvrocks", "kvrocks"),
    ("redpanda", "redpanda"),
    ("minio", "minio"),
    ("meilisearch", "meilisearch"),
    ("arangodb", "arangodb"),
    ("memgraph", "memgraph"),
    ("questdb", "questdb"),
    ("surrealdb", "surrealdb"),
    ("emqx", "mqtt"),
    ("hivemq", "mqtt"),
    ("mosquitto", "mqtt"),
    ("nanomq", "mqtt"),
    ("presto", "presto"),  # harisekhon/presto-dev, prestodb/presto-server
    ("trino", "trino"),
    ("crate", "cratedb"),
    ("vertica", "vertica"),
    ("localstack", "localstack"),
    ("azurite", "azurite"),
)

#: an image named after a database that is a tool around it, not the database (and any
#: ``mcp`` image: a Model Context Protocol server that talks to the database, ``mcp-server-redis``)
_TOOL_WORDS = re.compile(
    r"(exporter|commander|express|admin|insight|ui|gui|web|client|cli|backup|dump|operator|proxy|bouncer|"
    r"pgpool|sentinel-exporter|kibana|dashboards?|connect|migrat\w*|init|tools?|shell|monitor|browser|"
    r"adminer|metabase|grafana|agent|beat|logstash|fluent\w*|sync|replicator|rest|http|box)$"
)

#: names that start like an engine's and are something else
_NOT_ENGINES = frozenset({"pgadmin4", "pgadmin", "adminer", "phpmyadmin", "postgrest", "mongooseim", "redisinsight"})

#: server programs -> engine
_PROGRAMS: dict[str, str] = {
    "redis-server": "redis",
    "valkey-server": "redis",
    "keydb-server": "redis",
    "mongod": "mongodb",
    "postgres": "postgresql",
    "postmaster": "postgresql",
    "mysqld": "mysql",
    "mariadbd": "mariadb",
    "memcached": "memcached",
    "etcd": "etcd",
    "elasticsearch": "elasticsearch",
    "clickhouse-server": "clickhouse",
    "influxd": "influxdb",
    "couchdb": "couchdb",
    "cockroach": "cockroachdb",
    "minio": "minio",
    "mosquitto": "mqtt",
    "kvrocks": "kvrocks",
    "meilisearch": "meilisearch",
    "chroma": "chroma",  # the Rust server's CLI: chroma run
}

#: variables only the server image's entrypoint reads (a client names the server instead)
_SERVER_VARIABLES: dict[str, str] = {
    "POSTGRES_HOST_AUTH_METHOD": "postgresql",
    "POSTGRES_INITDB_ARGS": "postgresql",
    "POSTGRES_INITDB_WALDIR": "postgresql",
    "MONGO_INITDB_ROOT_USERNAME": "mongodb",
    "MONGO_INITDB_ROOT_PASSWORD": "mongodb",
    "MONGO_INITDB_DATABASE": "mongodb",
    "MYSQL_ROOT_PASSWORD": "mysql",
    "MYSQL_ALLOW_EMPTY_PASSWORD": "mysql",
    "MYSQL_RANDOM_ROOT_PASSWORD": "mysql",
    "MARIADB_ROOT_PASSWORD": "mariadb",
    "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD": "mariadb",
    "MARIADB_RANDOM_ROOT_PASSWORD": "mariadb",
    "REDIS_ARGS": "redis",
    "discovery.type": "elasticsearch",
    "xpack.security.enabled": "elasticsearch",
    "ELASTIC_PASSWORD": "elasticsearch",
}

#: variable prefixes both servers and their clients use: evidence only with the engine's port
_SHARED_PREFIXES: dict[str, str] = {"POSTGRES_": "postgresql", "MYSQL_": "mysql", "MONGO_": "mongodb"}
_CLIENT_SUFFIXES = ("_HOST", "_URL", "_URI", "_SERVER", "_ADDR", "_ADDRESS", "_DSN")

#: ports that, alone, say "a database listens here" (9000, 9090, 8000, ... are every web app's)
PORT_EVIDENCE: frozenset[int] = frozenset(
    {5432, 3306, 33060, 27017, 27018, 27019, 6379, 9200, 11211, 5984, 9042, 7687, 2379, 2181, 1433, 8086, 8123}
)

#: database ports that are as often a web app's or an application server's (Chroma's 8000, MinIO's
#: 9000, Jupyter's 8888, Prometheus' 9090, the Cosmos DB emulator's 8081): alone they say nothing
WEB_APP_PORTS: frozenset[int] = frozenset({8000, 8081, 8888, 9000, 9090})


def engine_by_name(image: str) -> str | None:
    """``pgvector/pgvector:pg16`` -> ``postgresql``; a tool around a database (``redis-commander``) -> None."""
    repo = image.split("@", 1)[0].lower()
    path = repo.rsplit(":", 1)[0] if ":" in repo.rsplit("/", 1)[-1] else repo
    parts = [p for p in path.split("/") if p]
    if not parts:
        return None
    last = parts[-1]
    words = re.split(r"[-_.]", last)
    if any(_TOOL_WORDS.match(w) for w in words[1:]) or words[0] in _NOT_ENGINES or "mcp" in words:
        return None
    for word, engine in _NAME_WORDS:
        if last.startswith(word) or any(w.startswith(word) for w in words):
            return engine
    return next((_IMAGE_WORDS[w] for w in words if w in _IMAGE_WORDS), None)


#: every known image name as a word of a custom name (``harisekhon/apache-drill``); the Docker and
#: Kubernetes daemons' names are every tool's word, and names shorter than four letters too short
_IMAGE_WORDS: dict[str, str] = {
    image: service.name
    for service in DATA_SERVICES
    for image in service.images
    if "/" not in image and len(image) >= 4 and service.name not in {"docker", "kubernetes"}
}


#: words anywhere in a command that say which server it starts (a main class, a start script)
_SERVER_MARKERS: tuple[tuple[str, str], ...] = (
    ("HiveThriftServer2", "hive"),  # Spark's Thrift JDBC server speaks HiveServer2, with its NONE authentication
    ("start-thriftserver", "hive"),
    ("hiveserver2", "hive"),
    ("start-connect-server", "spark-connect"),
    ("SparkConnectServer", "spark-connect"),
    ("chromadb.app:app", "chroma"),  # Chroma 0.x's Python server under uvicorn
)

#: ``ray start --head`` anywhere in a command line: a Ray head (a worker runs ``ray start --address``)
RAY_HEAD = re.compile(r"(?:^|[\s/])ray\s+start\b[^;&|]*--head\b")

#: servers whose program name alone is too common a word, told by the command that starts them
#: (anywhere in the command line, so inside ``sh -c '...'`` too)
_COMMAND_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:^|[\s/])registry\s+serve\b"), "docker-registry"),
    (re.compile(r"\bemulators\s+(?:pubsub|datastore|firestore|bigtable|spanner)\s+start\b"), "gcloud-emulator"),
    (re.compile(r"(?:^|[\s/])firebase\s+emulators:(?:start|exec)\b"), "gcloud-emulator"),
    (re.compile(r"(?:^|[\s/])mlflow\s+(?:server|ui)\b"), "mlflow"),
    (re.compile(r"(?:^|[\s/\"'])jupyter[\s-](?:lab|notebook|server)\b"), "jupyter"),  # also inside bash -c "..."
    (RAY_HEAD, "ray"),
    (re.compile(r"(?:^|[\s/])nak\s+serve\b"), "nostr-relay"),  # fiatjaf/nak's relay
    (re.compile(r"(?:^|[\s/])(?:python3?\s+-m\s+)?cascache_server\b"), "build-cache"),
    (re.compile(r"(?:^|[\s/])bazel-remote\b[^;&|]*--dir\b"), "build-cache"),
)


def engine_by_program(argv: Iterable[str]) -> str | None:
    """The server program among the first words (``docker-entrypoint.sh postgres -c ...``), or a
    server's main class or start script anywhere in the command."""
    words = list(argv)
    for word in words[:3]:
        name = PurePosixPath(word).name
        if name in _PROGRAMS:
            return _PROGRAMS[name]
    line = " ".join(words)
    if engine := next((engine for pattern, engine in _COMMAND_PATTERNS if pattern.search(line)), None):
        return engine
    return next((engine for marker, engine in _SERVER_MARKERS for word in words if marker in word), None)


#: server variables that a client of the server is also given (with the server's address beside them)
_CLIENTS_TOO = frozenset({"ELASTIC_PASSWORD"})


def engine_by_environment(env: Mapping[str, object], ports: Iterable[int]) -> str | None:
    client = any(n.endswith(_CLIENT_SUFFIXES) for n in env)
    for name in env:
        if name in _SERVER_VARIABLES and not (client and name in _CLIENTS_TOO):
            return _SERVER_VARIABLES[name]
    listening = set(ports)
    for prefix, engine in _SHARED_PREFIXES.items():
        names = [n for n in env if n.startswith(prefix)]
        if names and not any(n.endswith(_CLIENT_SUFFIXES) for n in names):
            if any(engine in DB_PORTS.get(p, ()) for p in listening):
                return engine
    return None


def engine_by_port(ports: Iterable[int]) -> str | None:
    for port in ports:
        if port in PORT_EVIDENCE:
            return DB_PORTS[port][0]
    return None


#: a mounted file named like an engine's own configuration says which engine reads it
_CONFIG_NAMES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(redis|valkey)[^/]*\.conf$"), "redis"),
    (re.compile(r"^mongod[^/]*\.conf$"), "mongodb"),
    (re.compile(r"^(pg_hba|postgresql)[^/]*\.conf$"), "postgresql"),
    (re.compile(r"^elasticsearch\.ya?ml$"), "elasticsearch"),
    (re.compile(r"^opensearch\.ya?ml$"), "opensearch"),
    (re.compile(r"^(my|mysqld)\.cnf$"), "mysql"),
)


def engine_by_config_name(name: str) -> str | None:
    """``pg_hba.conf`` -> ``postgresql``: the engine that reads a file of that name."""
    base = PurePosixPath(name).name.lower()
    return next((engine for pattern, engine in _CONFIG_NAMES if pattern.match(base)), None)


#: an image given wholly by a variable the file does not set (``${EMQX_IMAGE}``)
_IMAGE_VARIABLE = re.compile(r"^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$")


def recognise(
    image: str, env: Mapping[str, object], argv: Iterable[str], ports: Iterable[int], mounted: Iterable[str] = ()
) -> Recognised | None:
    """The engine a container runs, from the surest evidence there is; None when nothing says."""
    ports = list(ports)
    argv = list(argv)
    if image and (engine := engine_of_image(image)):
        return Recognised(engine, "image")
    if image and (engine := engine_by_name(image)):
        return Recognised(engine, "image name")
    if (variable := _IMAGE_VARIABLE.match(image)) and (engine := engine_by_name(variable[1].lower().replace("_", "-"))):
        return Recognised(engine, "image variable")  # ${EMQX_IMAGE}: the operator picks which emqx
    if engine := engine_by_program(argv):
        return Recognised(engine, "command")
    if engine := engine_by_environment(env, ports):
        return Recognised(engine, "environment")
    for name in mounted:
        if engine := engine_by_config_name(name):
            return Recognised(engine, "mounted configuration")
    if engine := engine_by_port(ports):
        return Recognised(engine, "port")
    return None
