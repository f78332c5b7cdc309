"""Which database containers start with nothing to stop a stranger, from image defaults.

The official images differ: ``redis`` turns protected mode off and sets no password;
``mongo`` enables authentication only when a root user is given; ``postgres`` trusts
everyone with ``POSTGRES_HOST_AUTH_METHOD=trust``; ``mysql``/``mariadb`` allow an empty
root password on request; Elasticsearch before 8.0 starts with security off. Bitnami's
images ask for ``ALLOW_EMPTY_PASSWORD=yes`` instead; ZooKeeper's images have no client
authentication unless SASL is configured; Prometheus, etcd, Solr, Kafka, NATS, Milvus and
Cassandra have none unless a flag, variable or mounted config turns it on; ClickHouse before
25.1 lets its passwordless default user in from anywhere, OpenSearch before 2.12 ships
admin/admin, and CockroachDB's ``--insecure`` has no authentication at all. The long tail
of other data services (MinIO, InfluxDB, the MQTT brokers, Redpanda and some eighty more)
is judged in :mod:`._catalogue` and merged here. Compose and Kubernetes rules share this
one judgement.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ._catalogue import CATALOGUE
from ._container_facts import (
    TRUE,
    OpenDefault,
    argv_mentions,
    bitnami,
    env_mentions,
    env_set,
    env_true,
    has_arg,
    mounted,
)
from ._parse.containers import Container
from ._ports import DB_PORTS, repository_of
from ._recognise import engine_by_program
from ._versions import before


def open_default(container: Container) -> OpenDefault | None:
    """The reason ``container`` accepts anyone, or None when it is protected or unknown."""
    found = container.recognised
    if found is None or found.by_port_only:
        return None  # a port says a database listens there, not how the image is configured
    if found.evidence == "image name" and _listens_elsewhere(container, found.engine):
        return None
    judge = _JUDGES.get(found.engine)
    return judge(container) if judge else None


#: engines the port table knows; the others are known by image only
_ENGINES_WITH_PORTS = frozenset(engine for names in DB_PORTS.values() for engine in names)


def _listens_elsewhere(container: Container, engine: str) -> bool:
    """An image only *named* after an engine (``reliabilly/data_mongo``) that listens on none of the
    engine's ports and does not run its server is an application around it, not the engine."""
    if engine not in _ENGINES_WITH_PORTS:
        return False  # a product known by image only (Presto on 8080): its ports say nothing
    return (
        bool(container.ports)
        and not any(engine in DB_PORTS.get(p.port, ()) for p in container.ports)
        and engine_by_program(container.argv) is None
    )


#: programs whose first positional argument is a redis.conf
_REDIS_PROGRAMS = frozenset({"redis-server", "valkey-server", "redis-stack-server", "keydb-server"})


def _redis_config_file(argv: tuple[str, ...]) -> bool:
    """Whether redis-server is given a config file: its first argument when that is not an
    option (``redis-server /etc/redis.conf --port 7001``), or the image's first argument
    ending in ``.conf`` (the entrypoint prepends redis-server). The value of an option such
    as ``--cluster-config-file nodes.conf`` is a file redis writes, not one it reads."""
    words = [token for word in argv for token in word.split()]
    if words and words[0].endswith(".conf"):
        return True
    for i, word in enumerate(words[:-1]):
        if word.rsplit("/", 1)[-1] in _REDIS_PROGRAMS and not words[i + 1].startswith("-"):
            return True
    return False


def _bitnami_empty_password(c: Container, password_vars: tuple[str, ...]) -> OpenDefault | None:
    line = env_true(c, "ALLOW_EMPTY_PASSWORD")
    if line is not None and not env_set(c, *password_vars):
        return OpenDefault("ALLOW_EMPTY_PASSWORD=yes and no password: anyone can log in", line)
    return None


def _redis(c: Container) -> OpenDefault | None:
    if "bitnami" in c.image:
        return _bitnami_empty_password(c, ("REDIS_PASSWORD", "REDIS_PASSWORD_FILE"))
    if has_arg(c, "--requirepass", "--aclfile", "--user", "--include") or _redis_config_file(c.argv):
        return None  # a password, or a config file judged where that file is audited
    stack = any(w in c.image.lower() for w in ("stack", "redismod", "falkordb"))  # these read REDIS_ARGS
    script = bool(c.argv) and c.argv[0].rsplit("/", 1)[-1].startswith("docker-entrypoint")
    if c.entrypoint_replaced and not script and not argv_mentions(c, "protected-mode"):
        return None  # the image's docker-entrypoint.sh, which adds --protected-mode no, does not run
    args = c.env.get("REDIS_ARGS")  # redis-stack takes its server flags from here
    if (args is not None and (args.value is None or "requirepass" in args.value)) or (stack and not c.env_complete):
        return None  # the official image reads no password from its environment: an env_file changes nothing
    return OpenDefault("the redis image starts with protected mode off and no password", c.argv_line or c.line)


def _mongo(c: Container) -> OpenDefault | None:
    if has_arg(c, "--noauth"):
        return OpenDefault("mongod runs with --noauth", c.argv_line)
    if "bitnami" in c.image:
        return _bitnami_empty_password(c, ("MONGODB_ROOT_PASSWORD", "MONGODB_ROOT_PASSWORD_FILE"))
    if has_arg(c, "--auth", "--keyFile", "--config", "-f") or _mutual_tls(c):
        return None
    if env_set(
        c,
        "MONGO_INITDB_ROOT_USERNAME",
        "MONGO_INITDB_ROOT_USERNAME_FILE",
        "MONGODB_INITDB_ROOT_USERNAME",  # mongodb/mongodb-atlas-local's spelling
        "MONGODB_INITDB_ROOT_USERNAME_FILE",
    ):
        return None
    return OpenDefault(
        "the mongo image enables authentication only when MONGO_INITDB_ROOT_USERNAME/PASSWORD are set", c.line
    )


def _mutual_tls(c: Container) -> bool:
    """mongod that requires TLS with a CA file asks every client for a certificate that CA
    signed (unless --tlsAllowConnectionsWithoutCertificates): the certificate is the credential."""
    words = " ".join(c.argv)
    required = re.search(r"--(tls|ssl)Mode[= ]+require(TLS|SSL)\b", words) is not None
    return (
        required
        and has_arg(c, "--tlsCAFile", "--sslCAFile")
        and not has_arg(c, "--tlsAllowConnectionsWithoutCertificates", "--sslAllowConnectionsWithoutCertificates")
    )


def _postgres(c: Container) -> OpenDefault | None:
    entry = c.env.get("POSTGRES_HOST_AUTH_METHOD")
    if entry is not None and entry.value == "trust":
        return OpenDefault(
            "POSTGRES_HOST_AUTH_METHOD=trust lets anyone log in as any user without a password", entry.line
        )
    if "bitnami" in c.image:
        return _bitnami_empty_password(c, ("POSTGRESQL_PASSWORD", "POSTGRESQL_PASSWORD_FILE", "POSTGRES_PASSWORD"))
    if (
        repository_of(c.image) in _DOCKER_LIBRARY_POSTGRES
        and c.env_complete
        and not env_set(c, "POSTGRES_PASSWORD", "POSTGRES_PASSWORD_FILE")
        and _trusting_entrypoint(c.tag)
    ):
        return OpenDefault(
            f"no POSTGRES_PASSWORD: the image's entrypoint before February 2020 ({c.tag}) writes "
            "'host all all all trust' to pg_hba.conf, so anyone logs in as any user",
            c.line,
        )
    return None


#: images that run docker-library's postgres entrypoint, tagged by the PostgreSQL version
_DOCKER_LIBRARY_POSTGRES = frozenset({"library/postgres", "postgis/postgis", "mdillon/postgis"})


#: the first image of each PostgreSQL release line whose entrypoint refuses to start without a
#: password (docker-library/postgres, February 2020); older images trusted every host instead
_PASSWORD_REQUIRED_FROM: dict[tuple[int, int], int] = {(9, 4): 26, (9, 5): 21, (9, 6): 17}
_PASSWORD_REQUIRED_FROM_MAJOR: dict[int, int] = {10: 12, 11: 7, 12: 2}
_PG_TAG = re.compile(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?![\w.])|^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?=-)")


def _trusting_entrypoint(tag: str) -> bool:
    """True for a tag that names an image built before the entrypoint asked for a password:
    9.3 and older (their last image predates the change), or an exact release before it
    (``9.6.16``, ``11.6-alpine``). A moving tag (``9.6``, ``11``) is its line's last build,
    which has the change (``postgres:9.4`` exits with "superuser password is not specified")."""
    match = _PG_TAG.match(tag)
    if match is None:
        return False
    numbers = [int(n) if n else None for n in (match.groups()[:3] if match[1] else match.groups()[3:])]
    major, minor, patch = numbers
    assert major is not None
    if major < 9 or (major == 9 and minor is not None and minor <= 3):
        return True
    if major == 9 and minor is not None and (major, minor) in _PASSWORD_REQUIRED_FROM:
        return patch is not None and patch < _PASSWORD_REQUIRED_FROM[(major, minor)]
    if major in _PASSWORD_REQUIRED_FROM_MAJOR:
        return minor is not None and minor < _PASSWORD_REQUIRED_FROM_MAJOR[major]
    return False


def _mysql(c: Container) -> OpenDefault | None:
    if has_arg(c, "--skip-grant-tables"):
        return OpenDefault("mysqld runs with --skip-grant-tables: every login is root", c.argv_line)
    if "bitnami" in c.image:
        return _bitnami_empty_password(c, ("MYSQL_ROOT_PASSWORD", "MARIADB_ROOT_PASSWORD"))
    passwords = (
        "MYSQL_ROOT_PASSWORD",
        "MYSQL_RANDOM_ROOT_PASSWORD",
        "MARIADB_ROOT_PASSWORD",
        "MARIADB_ROOT_PASSWORD_HASH",
        "MARIADB_RANDOM_ROOT_PASSWORD",
    )
    for name in ("MYSQL_ALLOW_EMPTY_PASSWORD", "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD"):
        entry = c.env.get(name)
        # the images test for a non-empty value, so even "no" allows the empty password
        if entry is not None and entry.value and not any(p in c.env for p in passwords):
            return OpenDefault(
                f"{name} is set and no root password is: root logs in with an empty password", entry.line
            )
    return None


def _elasticsearch(c: Container) -> OpenDefault | None:
    entry = c.env.get("xpack.security.enabled")
    if entry is not None:
        if entry.value == "false":
            return OpenDefault("xpack.security.enabled=false: no authentication at all", entry.line)
        return None
    tag = c.tag
    major = tag.split(".", 1)[0]
    if major.isdigit() and int(major) < 8:
        return OpenDefault(f"Elasticsearch {tag} starts with security off unless xpack.security.enabled=true", c.line)
    return None


def _opensearch(c: Container) -> OpenDefault | None:
    """Security off by a variable, or OpenSearch before 2.12, whose image installs the demo
    security configuration with the published admin/admin login (2.12 made
    OPENSEARCH_INITIAL_ADMIN_PASSWORD required instead)."""
    for name in ("DISABLE_SECURITY_PLUGIN", "plugins.security.disabled"):
        line = env_true(c, name)
        if line is not None:
            return OpenDefault(f"{name}=true: the security plugin is off, no authentication", line)
    demo = env_true(c, "DISABLE_INSTALL_DEMO_CONFIG") is None and not mounted(
        c, "internal_users.yml", "opensearch-security", "/usr/share/opensearch/config"
    )
    if demo and before(c.tag, 2, 12):  # OpenSearch Dashboards is recognised as Kibana, never judged here
        return OpenDefault(
            f"OpenSearch {c.tag} installs its demo security configuration: anyone may log in as admin/admin", c.line
        )
    return None


def _clickhouse(c: Container) -> OpenDefault | None:
    """ClickHouse's entrypoint creates ``CLICKHOUSE_USER`` (default: ``default``) with
    ``CLICKHOUSE_PASSWORD``, reachable from ``::/0``; an empty password is no password.
    Images before 25.1 leave the passwordless default user open to any address; newer ones
    close it to the network only when neither a user, a password nor
    CLICKHOUSE_DEFAULT_ACCESS_MANAGEMENT is given, and CLICKHOUSE_SKIP_USER_SETUP=1 keeps
    the image's own open default user (ClickHouse#75259)."""
    if not c.env_complete or "CLICKHOUSE_PASSWORD_FILE" in c.env:
        return None
    password = c.env.get("CLICKHOUSE_PASSWORD")
    if password is not None and password.value != "":
        return None  # a password, or one from a variable the operator sets
    if any(m.target.endswith("users.xml") or m.target.rstrip("/") == "/etc/clickhouse-server" for m in c.mounts):
        return None  # its own users.xml replaces the image's: judged where that file is audited
    skip = env_true(c, "CLICKHOUSE_SKIP_USER_SETUP")
    if skip is not None:
        return OpenDefault("CLICKHOUSE_SKIP_USER_SETUP=1 without a password: the default user has none", skip)
    user = c.env.get("CLICKHOUSE_USER")
    access = c.env.get("CLICKHOUSE_DEFAULT_ACCESS_MANAGEMENT")
    named = user is not None and user.value not in ("", "default")
    managing = access is not None and access.value not in ("", "0")
    if named or managing:
        who = f"'{user.value}'" if user is not None and user.value else "'default'"
        line = password.line if password is not None else (user or access or c).line
        return OpenDefault(
            f"the image creates user {who} with an empty password, reachable from any address "
            "(CLICKHOUSE_PASSWORD is not set)",
            line,
        )
    if before(c.tag, 25, 1) or "yandex/" in c.image.lower():
        return OpenDefault(
            f"ClickHouse {c.tag or 'image'} lets the passwordless default user in from any address "
            "unless CLICKHOUSE_PASSWORD is set",
            c.line,
        )
    return None


def _cockroachdb(c: Container) -> OpenDefault | None:
    """``cockroach start --insecure`` serves SQL without TLS or authentication: any user name is root."""
    if has_arg(c, "--insecure"):
        return OpenDefault("cockroach --insecure: no TLS and no authentication, any client is root", c.line)
    return None


def _memcached(c: Container) -> OpenDefault | None:
    if has_arg(c, "-S", "--enable-sasl"):
        return None
    return OpenDefault("memcached has no authentication unless started with -S (SASL)", c.line)


def _chroma(c: Container) -> OpenDefault | None:
    """Chroma 1.x (the Rust server, and ``latest``) has no authentication; 0.x has it only with
    an auth provider configured, and a provider variable says a 0.x deployment asks for one."""
    tag = c.tag
    major = tag.split(".", 1)[0]
    provider = env_set(c, "CHROMA_SERVER_AUTHN_PROVIDER", "CHROMA_SERVER_AUTH_PROVIDER")
    rust = int(major) >= 1 if major.isdigit() else not provider  # an untagged one with a provider is a 0.x
    if rust:  # latest and 1.x: the Rust server has no authentication
        return OpenDefault(
            f"Chroma {tag or 'latest'} has no authentication of its own: anyone may read and delete", c.line
        )
    if provider:
        return None
    return OpenDefault("no CHROMA_SERVER_AUTHN_PROVIDER: Chroma serves every request without a token", c.line)


def _qdrant(c: Container) -> OpenDefault | None:
    if env_set(c, "QDRANT__SERVICE__API_KEY", "QDRANT__SERVICE__JWT_RBAC") or has_arg(c, "--config-path"):
        return None
    return OpenDefault(
        "no QDRANT__SERVICE__API_KEY: Qdrant answers every request unless service.api_key is in its config", c.line
    )


def _weaviate(c: Container) -> OpenDefault | None:
    line = env_true(c, "AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED")
    if line is not None:
        return OpenDefault("AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=true: anyone may read, change and delete", line)
    if env_set(
        c, "AUTHENTICATION_APIKEY_ENABLED", "AUTHENTICATION_OIDC_ENABLED", "AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED"
    ):
        return None
    return OpenDefault("no authentication scheme configured: Weaviate falls back to anonymous access", c.line)


#: settings that give a ZooKeeper image client authentication (SASL, an authProvider, Bitnami's switch)
_ZOOKEEPER_AUTH = (
    "ZOO_ENABLE_AUTH",
    "ZOO_CFG_EXTRA",
    "ZOOKEEPER_AUTH_PROVIDER_SASL",
    "ZOOKEEPER_AUTH_PROVIDER_1",
    "ZOOKEEPER_SASL_ENABLED",
    "SERVER_JVMFLAGS",
    "JVMFLAGS",
    "KAFKA_OPTS",
)


#: where the official, Confluent and Bitnami images read zoo.cfg
_ZOOKEEPER_CONF_FOLDERS = frozenset({"/conf", "/opt/zookeeper/conf", "/etc/zookeeper", "/opt/bitnami/zookeeper/conf"})


def _zookeeper(c: Container) -> OpenDefault | None:
    """The official and Confluent images serve every client without authentication; znodes
    without ACLs (the default, world:anyone) are readable and writable by all of them."""
    if env_set(c, *_ZOOKEEPER_AUTH) or any(w.endswith(".cfg") for w in c.argv):
        return None  # authentication asked for, or a zoo.cfg judged where that file is audited
    if mounted(c, "zoo.cfg") or any(m.target.rstrip("/") in _ZOOKEEPER_CONF_FOLDERS for m in c.mounts):
        return None  # its own zoo.cfg (client ports, TLS): judged where that file is audited
    return OpenDefault("ZooKeeper serves every client without authentication unless SASL is configured", c.line)


def _risingwave(c: Container) -> OpenDefault | None:
    """RisingWave's image creates its ``root`` superuser without a password and takes no setting for one."""
    return OpenDefault("RisingWave's root superuser has no password until ALTER USER sets one", c.line)


def _starrocks(c: Container) -> OpenDefault | None:
    """StarRocks' and Doris' frontend images create ``root`` without a password and take no
    setting for one; a backend or compute node image (``be-ubuntu``, ``apache/doris:2.1-be``)
    serves no SQL port."""
    name = c.image.split("@", 1)[0].rsplit("/", 1)[-1].lower()
    if re.search(r"(^|[-_.:])(be|cn)([-_.]|$)", name):
        return None
    return OpenDefault("the StarRocks/Doris frontend's root user has no password until SET PASSWORD sets one", c.line)


def _trino(c: Container) -> OpenDefault | None:
    """Trino without an authenticator in ``config.properties`` takes any user name over plain HTTP."""
    if any(m.target.rstrip("/") in {"/etc/trino", "/etc/trino/config.properties"} for m in c.mounts):
        return None  # its own config.properties: judged by what that file says, not here
    return OpenDefault("Trino's image configures no authenticator: any user name runs queries", c.line)


def _prometheus(c: Container) -> OpenDefault | None:
    """Prometheus has no authentication unless ``--web.config.file`` sets basic auth or client certificates."""
    if has_arg(c, "--web.config.file"):
        return None
    return OpenDefault(
        "Prometheus serves its API (scrape config with credentials, targets, every series) to anyone "
        "unless --web.config.file sets basic auth",
        c.line,
    )


def _etcd(c: Container) -> OpenDefault | None:
    """The official etcd image serves every key to any client; Bitnami's asks for a root password
    unless ``ALLOW_NONE_AUTHENTICATION=yes``."""
    if bitnami(c):
        line = env_true(c, "ALLOW_NONE_AUTHENTICATION")
        return None if line is None else OpenDefault("ALLOW_NONE_AUTHENTICATION=yes: etcd takes any client", line)
    if has_arg(c, "--client-cert-auth") or env_set(c, "ETCD_CLIENT_CERT_AUTH", "ETCD_ROOT_PASSWORD"):
        return None
    return OpenDefault("etcd serves every key to any client unless --client-cert-auth (or auth enable) is set", c.line)


def _solr(c: Container) -> OpenDefault | None:
    """Solr starts without ``security.json``: no authentication, anyone may query and change every core."""
    if env_set(c, "SOLR_AUTH_TYPE", "SOLR_AUTHENTICATION_OPTS") or mounted(c, "security.json"):
        return None
    return OpenDefault("Solr's image has no security.json: anyone may query and change every core", c.line)


def _kafka(c: Container) -> OpenDefault | None:
    """Kafka's listeners take any client unless SASL, TLS client certificates or an authorizer
    that denies the anonymous user is configured. A TLS listener alone only encrypts: with
    ``ssl.client.auth`` left at ``none`` every client is ``ANONYMOUS`` and may read every
    topic. Key material mounted under ``/etc/kafka/secrets`` is not the broker's config."""
    if env_mentions(c, "SASL") or _kafka_client_certificates(c) or _kafka_denies_anonymous(c):
        return None
    if any(_kafka_config_mount(m.source, m.target) for m in c.mounts):
        return None
    return OpenDefault(
        "Kafka's listeners take clients without SASL or client certificates: any client may read every topic",
        c.line,
    )


def _kafka_client_certificates(c: Container) -> bool:
    """``ssl.client.auth=required`` (``KAFKA_SSL_CLIENT_AUTH``, a listener's own, or Bitnami's
    ``KAFKA_TLS_CLIENT_AUTH``): mutual TLS, so only holders of a signed certificate get in."""
    if not c.env_complete:
        return True
    return any(
        ("CLIENT_AUTH" in name.upper() and (entry.value or "").strip().lower() == "required")
        or "ssl.client.auth=required" in (entry.value or "").lower()
        for name, entry in c.env.items()
    ) or argv_mentions(c, "ssl.client.auth=required")


def _kafka_denies_anonymous(c: Container) -> bool:
    """An authorizer with ``allow.everyone.if.no.acl.found`` left false refuses ANONYMOUS."""
    names = {name.upper() for name in c.env}
    if not any(n.endswith("AUTHORIZER_CLASS_NAME") for n in names):
        return False
    return not any(
        name.upper().endswith("ALLOW_EVERYONE_IF_NO_ACL_FOUND") and (entry.value or "").lower() in TRUE
        for name, entry in c.env.items()
    )


def _kafka_config_mount(source: str, target: str) -> bool:
    """The broker's own configuration (a folder or server.properties), not its keystores."""
    if source.endswith("server.properties") or target.endswith("server.properties"):
        return True
    folder = target.rstrip("/")
    return folder in ("/etc/kafka", "/opt/kafka/config", "/opt/bitnami/kafka/config") or folder.startswith(
        "/opt/kafka/config/"
    )


def _nats(c: Container) -> OpenDefault | None:
    """nats-server takes any client unless started with a user, token, credentials or a config file."""
    if has_arg(c, "--user", "--pass", "--auth", "-c", "--config", "--creds") or mounted(c, ".conf"):
        return None
    return OpenDefault("nats-server has no authentication unless --user/--auth or a config file sets it", c.line)


def _milvus(c: Container) -> OpenDefault | None:
    """Milvus has ``common.security.authorizationEnabled: false`` by default."""
    if env_set(c, "COMMON_SECURITY_AUTHORIZATIONENABLED") or mounted(c, "milvus.yaml", "user.yaml"):
        return None
    return OpenDefault(
        "Milvus's authorizationEnabled is false by default: anyone may read and drop collections", c.line
    )


def _cassandra(c: Container) -> OpenDefault | None:
    """The official image uses AllowAllAuthenticator; Bitnami's turns on passwords (judged as protected)."""
    if bitnami(c) or mounted(c, "cassandra.yaml", "/etc/cassandra"):
        return None
    return OpenDefault("Cassandra's image uses AllowAllAuthenticator: any client reads every keyspace", c.line)


def _neo4j(c: Container) -> OpenDefault | None:
    """Neo4j asks for a password unless ``NEO4J_AUTH=none``."""
    entry = c.env.get("NEO4J_AUTH")
    if entry is not None and (entry.value or "").strip().lower() == "none":
        return OpenDefault("NEO4J_AUTH=none: Neo4j takes every client without a password", entry.line)
    return None


_JUDGES: dict[str, Callable[[Container], OpenDefault | None]] = {
    **CATALOGUE,
    "redis": _redis,
    "mongodb": _mongo,
    "postgresql": _postgres,
    "mysql": _mysql,
    "mariadb": _mysql,
    "elasticsearch": _elasticsearch,
    "opensearch": _opensearch,
    "memcached": _memcached,
    "chroma": _chroma,
    "qdrant": _qdrant,
    "weaviate": _weaviate,
    "zookeeper": _zookeeper,
    "risingwave": _risingwave,
    "trino": _trino,
    "starrocks": _starrocks,
    "prometheus": _prometheus,
    "etcd": _etcd,
    "solr": _solr,
    "kafka": _kafka,
    "nats": _nats,
    "milvus": _milvus,
    "cassandra": _cassandra,
    "neo4j": _neo4j,
    "clickhouse": _clickhouse,
    "cockroachdb": _cockroachdb,
}
