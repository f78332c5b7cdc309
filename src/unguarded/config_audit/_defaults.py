"""Which database containers start with nothing to stop a stranger, from image defaults.

The official images differ: ``redis`` turns protected mode off and sets no password;
``mongo`` enables authentication only when a root user is given; ``postgres`` trusts
everyone with ``POSTGRES_HOST_AUTH_METHOD=trust``; ``mysql``/``mariadb`` allow an empty
root password on request; Elasticsearch before 8.0 starts with security off. Bitnami's
images ask for ``ALLOW_EMPTY_PASSWORD=yes`` instead; ZooKeeper's images have no client
authentication unless SASL is configured; Prometheus, etcd, Solr, Kafka, NATS, Milvus and
Cassandra have none unless a flag, variable or mounted config turns it on; ClickHouse before
25.1 lets its passwordless default user in from anywhere, OpenSearch before 2.12 ships
admin/admin, and CockroachDB's ``--insecure`` has no authentication at all. Compose and
Kubernetes rules share this one judgement.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ._parse.containers import Container
from ._versions import before, version_of

_TRUE = frozenset({"yes", "true", "1", "on"})


@dataclass(frozen=True)
class OpenDefault:
    """Why the container is open, and the line that shows it."""

    reason: str
    line: int


def open_default(container: Container) -> OpenDefault | None:
    """The reason ``container`` accepts anyone, or None when it is protected or unknown."""
    found = container.recognised
    if found is None or found.by_port_only:
        return None  # a port says a database listens there, not how the image is configured
    judge = _JUDGES.get(found.engine)
    return judge(container) if judge else None


def _env_set(c: Container, *names: str) -> bool:
    """Set to anything (even unknown): a password may be there."""
    return any(n in c.env for n in names) or not c.env_complete


def _env_true(c: Container, name: str) -> int | None:
    entry = c.env.get(name)
    return entry.line if entry is not None and (entry.value or "").lower() in _TRUE else None


def _has_arg(c: Container, *flags: str) -> bool:
    """``--requirepass x``, ``--requirepass=x``, one list item ``"--requirepass x"`` and a
    shell's ``sh -c 'redis-server --requirepass $P'`` alike."""
    for word in c.argv:
        tokens = word.split()
        # every long option of a shell string; a short one (-f) only as the item's own first word,
        # so "tail -f /dev/null" after the server is not mongod's -f
        if any(t.split("=", 1)[0] in flags for i, t in enumerate(tokens) if i == 0 or t.startswith("--")):
            return True
    return False


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
    line = _env_true(c, "ALLOW_EMPTY_PASSWORD")
    if line is not None and not _env_set(c, *password_vars):
        return OpenDefault("ALLOW_EMPTY_PASSWORD=yes and no password: anyone can log in", line)
    return None


def _redis(c: Container) -> OpenDefault | None:
    if "bitnami" in c.image:
        return _bitnami_empty_password(c, ("REDIS_PASSWORD", "REDIS_PASSWORD_FILE"))
    if _has_arg(c, "--requirepass", "--aclfile", "--user", "--include") or _redis_config_file(c.argv):
        return None  # a password, or a config file judged where that file is audited
    stack = any(w in c.image.lower() for w in ("stack", "redismod", "falkordb"))  # these read REDIS_ARGS
    script = bool(c.argv) and c.argv[0].rsplit("/", 1)[-1].startswith("docker-entrypoint")
    if c.entrypoint_replaced and not script and not _argv_mentions(c, "protected-mode"):
        return None  # the image's docker-entrypoint.sh, which adds --protected-mode no, does not run
    args = c.env.get("REDIS_ARGS")  # redis-stack takes its server flags from here
    if (args is not None and (args.value is None or "requirepass" in args.value)) or (stack and not c.env_complete):
        return None  # the official image reads no password from its environment: an env_file changes nothing
    return OpenDefault("the redis image starts with protected mode off and no password", c.argv_line or c.line)


def _mongo(c: Container) -> OpenDefault | None:
    if _has_arg(c, "--noauth"):
        return OpenDefault("mongod runs with --noauth", c.argv_line)
    if "bitnami" in c.image:
        return _bitnami_empty_password(c, ("MONGODB_ROOT_PASSWORD", "MONGODB_ROOT_PASSWORD_FILE"))
    if _has_arg(c, "--auth", "--keyFile", "--config", "-f") or _mutual_tls(c):
        return None
    if _env_set(c, "MONGO_INITDB_ROOT_USERNAME", "MONGO_INITDB_ROOT_USERNAME_FILE"):
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
        and _has_arg(c, "--tlsCAFile", "--sslCAFile")
        and not _has_arg(c, "--tlsAllowConnectionsWithoutCertificates", "--sslAllowConnectionsWithoutCertificates")
    )


def _postgres(c: Container) -> OpenDefault | None:
    entry = c.env.get("POSTGRES_HOST_AUTH_METHOD")
    if entry is not None and entry.value == "trust":
        return OpenDefault(
            "POSTGRES_HOST_AUTH_METHOD=trust lets anyone log in as any user without a password", entry.line
        )
    if "bitnami" in c.image:
        return _bitnami_empty_password(c, ("POSTGRESQL_PASSWORD", "POSTGRESQL_PASSWORD_FILE", "POSTGRES_PASSWORD"))
    return None


def _mysql(c: Container) -> OpenDefault | None:
    if _has_arg(c, "--skip-grant-tables"):
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
        line = _env_true(c, name)
        if line is not None:
            return OpenDefault(f"{name}=true: the security plugin is off, no authentication", line)
    demo = _env_true(c, "DISABLE_INSTALL_DEMO_CONFIG") is None and not _mounted(
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
    skip = _env_true(c, "CLICKHOUSE_SKIP_USER_SETUP")
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
    if _has_arg(c, "--insecure"):
        return OpenDefault("cockroach --insecure: no TLS and no authentication, any client is root", c.line)
    return None


def _memcached(c: Container) -> OpenDefault | None:
    if _has_arg(c, "-S", "--enable-sasl"):
        return None
    return OpenDefault("memcached has no authentication unless started with -S (SASL)", c.line)


def _chroma(c: Container) -> OpenDefault | None:
    """Chroma 1.x (the Rust server, and ``latest``) has no authentication; 0.x has it only with
    an auth provider configured, and a provider variable says a 0.x deployment asks for one."""
    tag = c.tag
    major = tag.split(".", 1)[0]
    if _env_set(c, "CHROMA_SERVER_AUTHN_PROVIDER", "CHROMA_SERVER_AUTH_PROVIDER") and not major.isdigit():
        return None
    if not major.isdigit() or int(major) >= 1:  # latest and 1.x: the Rust server has no authentication
        return OpenDefault(
            f"Chroma {tag or 'latest'} has no authentication of its own: anyone may read and delete", c.line
        )
    if _env_set(c, "CHROMA_SERVER_AUTHN_PROVIDER", "CHROMA_SERVER_AUTH_PROVIDER"):
        return None
    return OpenDefault("no CHROMA_SERVER_AUTHN_PROVIDER: Chroma serves every request without a token", c.line)


def _qdrant(c: Container) -> OpenDefault | None:
    if _env_set(c, "QDRANT__SERVICE__API_KEY", "QDRANT__SERVICE__JWT_RBAC") or _has_arg(c, "--config-path"):
        return None
    return OpenDefault(
        "no QDRANT__SERVICE__API_KEY: Qdrant answers every request unless service.api_key is in its config", c.line
    )


def _weaviate(c: Container) -> OpenDefault | None:
    line = _env_true(c, "AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED")
    if line is not None:
        return OpenDefault("AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=true: anyone may read, change and delete", line)
    if _env_set(
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


def _zookeeper(c: Container) -> OpenDefault | None:
    """The official and Confluent images serve every client without authentication; znodes
    without ACLs (the default, world:anyone) are readable and writable by all of them."""
    if _env_set(c, *_ZOOKEEPER_AUTH) or any(w.endswith(".cfg") for w in c.argv):
        return None  # authentication asked for, or a zoo.cfg judged where that file is audited
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


def _bitnami(c: Container) -> bool:
    return "bitnami/" in c.image.lower()


def _env_mentions(c: Container, *words: str) -> bool:
    """Any variable whose name or value mentions one of ``words`` (a SASL listener, a TLS map); unknown counts."""
    if not c.env_complete:
        return True
    return any(
        any(w in name.upper() or w in (entry.value or "").upper() for w in words) for name, entry in c.env.items()
    )


def _mounted(c: Container, *names: str) -> bool:
    """A config file or folder of the engine's own is mounted: judged where that file is audited."""
    return any(any(n in m.target or m.source.endswith(n) for n in names) for m in c.mounts)


def _prometheus(c: Container) -> OpenDefault | None:
    """Prometheus has no authentication unless ``--web.config.file`` sets basic auth or client certificates."""
    if _has_arg(c, "--web.config.file"):
        return None
    return OpenDefault(
        "Prometheus serves its API (scrape config with credentials, targets, every series) to anyone "
        "unless --web.config.file sets basic auth",
        c.line,
    )


def _etcd(c: Container) -> OpenDefault | None:
    """The official etcd image serves every key to any client; Bitnami's asks for a root password
    unless ``ALLOW_NONE_AUTHENTICATION=yes``."""
    if _bitnami(c):
        line = _env_true(c, "ALLOW_NONE_AUTHENTICATION")
        return None if line is None else OpenDefault("ALLOW_NONE_AUTHENTICATION=yes: etcd takes any client", line)
    if _has_arg(c, "--client-cert-auth") or _env_set(c, "ETCD_CLIENT_CERT_AUTH", "ETCD_ROOT_PASSWORD"):
        return None
    return OpenDefault("etcd serves every key to any client unless --client-cert-auth (or auth enable) is set", c.line)


def _solr(c: Container) -> OpenDefault | None:
    """Solr starts without ``security.json``: no authentication, anyone may query and change every core."""
    if _env_set(c, "SOLR_AUTH_TYPE", "SOLR_AUTHENTICATION_OPTS") or _mounted(c, "security.json"):
        return None
    return OpenDefault("Solr's image has no security.json: anyone may query and change every core", c.line)


def _kafka(c: Container) -> OpenDefault | None:
    """Kafka's listeners are PLAINTEXT with no SASL unless the environment configures them otherwise."""
    if _env_mentions(c, "SASL", "SSL") or _mounted(c, "server.properties", "/etc/kafka", "/opt/kafka/config"):
        return None
    return OpenDefault("Kafka's listeners are PLAINTEXT without SASL: any client may read every topic", c.line)


def _nats(c: Container) -> OpenDefault | None:
    """nats-server takes any client unless started with a user, token, credentials or a config file."""
    if _has_arg(c, "--user", "--pass", "--auth", "-c", "--config", "--creds") or _mounted(c, ".conf"):
        return None
    return OpenDefault("nats-server has no authentication unless --user/--auth or a config file sets it", c.line)


def _milvus(c: Container) -> OpenDefault | None:
    """Milvus has ``common.security.authorizationEnabled: false`` by default."""
    if _env_set(c, "COMMON_SECURITY_AUTHORIZATIONENABLED") or _mounted(c, "milvus.yaml", "user.yaml"):
        return None
    return OpenDefault(
        "Milvus's authorizationEnabled is false by default: anyone may read and drop collections", c.line
    )


def _cassandra(c: Container) -> OpenDefault | None:
    """The official image uses AllowAllAuthenticator; Bitnami's turns on passwords (judged as protected)."""
    if _bitnami(c) or _mounted(c, "cassandra.yaml", "/etc/cassandra"):
        return None
    return OpenDefault("Cassandra's image uses AllowAllAuthenticator: any client reads every keyspace", c.line)


def _neo4j(c: Container) -> OpenDefault | None:
    """Neo4j asks for a password unless ``NEO4J_AUTH=none``."""
    entry = c.env.get("NEO4J_AUTH")
    if entry is not None and (entry.value or "").strip().lower() == "none":
        return OpenDefault("NEO4J_AUTH=none: Neo4j takes every client without a password", entry.line)
    return None


def _argv_mentions(c: Container, *words: str) -> bool:
    """Any word of the command mentions one of ``words`` (``--set redpanda.enable_sasl=true``)."""
    return any(any(w in word.lower() for w in words) for word in c.argv)


@dataclass(frozen=True)
class _OpenUnless:
    """A product that serves every client until the deployment turns authentication on.

    The deployment may do that with one of ``variables`` (set to anything, even unknown),
    a command-line or environment mention of one of ``words`` (lower case), or its own
    configuration mounted at one of ``mounts`` (judged where that file is audited, or not
    at all: the audit does not guess what an unread file says). An env_file the audit
    could not read may hold any of them, so it counts as "turned on".
    """

    reason: str
    variables: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    mounts: tuple[str, ...] = ()

    def __call__(self, c: Container) -> OpenDefault | None:
        if (self.variables or self.words) and not c.env_complete:
            return None
        if any(v in c.env for v in self.variables) or _mounted(c, *self.mounts):
            return None
        if self.words and (_argv_mentions(c, *self.words) or _env_mentions(c, *(w.upper() for w in self.words))):
            return None
        return OpenDefault(self.reason, c.line)


def _minio(c: Container) -> OpenDefault | None:
    """MinIO without root credentials starts with the published ``minioadmin:minioadmin``
    (Bitnami's image: ``minio:miniosecret``): anyone who reads the docs is its owner."""
    names = ("MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD", "MINIO_ACCESS_KEY", "MINIO_SECRET_KEY")
    if _env_set(c, *names, *(n + "_FILE" for n in names)):
        return None
    login = "minio:miniosecret" if _bitnami(c) else "minioadmin:minioadmin"
    return OpenDefault(
        f"no MINIO_ROOT_USER/MINIO_ROOT_PASSWORD: MinIO's published default login {login} applies", c.line
    )


def _influxdb(c: Container) -> OpenDefault | None:
    """InfluxDB 1.x has authentication off unless INFLUXDB_HTTP_AUTH_ENABLED=true; 2.x starts
    un-onboarded, so the first client to call /api/v2/setup becomes its owner, unless the
    image's DOCKER_INFLUXDB_INIT_MODE=setup does it first; 3 Core requires a token unless
    started --without-auth. An unpinned tag (``latest``, ``alpine``) is whichever of these
    was current when it was pulled (``latest`` moved from 2.x to 3 Core in April 2026), so
    it is judged by the 1.x and 2.x rules, which the file's variables would show."""
    if _bitnami(c) or _mounted(c, "/var/lib/influxdb", "/etc/influxdb"):
        return None
    major = (version_of(c.tag) or (0, 0))[0]
    if major >= 3 or "core" in c.tag or "enterprise" in c.tag or any(n.startswith("INFLUXDB3_") for n in c.env):
        if _has_arg(c, "--without-auth") or _env_true(c, "INFLUXDB3_START_WITHOUT_AUTH") is not None:
            return OpenDefault("InfluxDB 3 started --without-auth: no token is asked for", c.argv_line or c.line)
        return None
    if not c.env_complete:
        return None
    if major == 1 or any(n.startswith("INFLUXDB_") for n in c.env):
        entry = c.env.get("INFLUXDB_HTTP_AUTH_ENABLED")
        if entry is not None and (entry.value is None or entry.value.lower() in _TRUE):
            return None  # on, or from a variable the operator sets
        if major == 1:
            return OpenDefault(
                f"InfluxDB {c.tag} has authentication off unless INFLUXDB_HTTP_AUTH_ENABLED=true", c.line
            )
    if "DOCKER_INFLUXDB_INIT_MODE" in c.env:
        return None
    what = f"InfluxDB {c.tag}" if major == 2 else f"influxdb:{c.tag or 'latest'} (an unpinned tag)"
    return OpenDefault(
        f"{what} starts without authentication (1.x) or un-onboarded (2.x: the first client to call "
        "/api/v2/setup becomes its owner); DOCKER_INFLUXDB_INIT_MODE=setup or INFLUXDB_HTTP_AUTH_ENABLED is not set",
        c.line,
    )


#: EMQX's dashboard and management API: a login of its own (admin/public until changed)
_BROKER_CONSOLES = frozenset({18083})


def _mqtt(c: Container) -> OpenDefault | None:
    """EMQX, HiveMQ CE and NanoMQ accept anonymous clients until an authenticator is configured;
    VerneMQ only with DOCKER_VERNEMQ_ALLOW_ANONYMOUS=on; Mosquitto 2 without a config file
    listens on loopback only, Mosquitto 1.x everywhere and anonymously."""
    image = c.image.lower()
    if "vernemq" in image:
        line = _env_true(c, "DOCKER_VERNEMQ_ALLOW_ANONYMOUS")
        on = c.env.get("DOCKER_VERNEMQ_ALLOW_ANONYMOUS")
        if line is None and on is not None and (on.value or "").lower() == "on":
            line = on.line
        return None if line is None else OpenDefault("DOCKER_VERNEMQ_ALLOW_ANONYMOUS: any client connects", line)
    if "mosquitto" in image:
        if _argv_mentions(c, "/mosquitto-no-auth.conf"):  # the image ships it: listener 1883, allow_anonymous true
            return OpenDefault(
                "mosquitto runs the image's /mosquitto-no-auth.conf: anonymous clients on every interface",
                c.argv_line or c.line,
            )
        if _argv_mentions(c, "allow_anonymous true") and _argv_mentions(c, "listener"):
            return OpenDefault(
                "the command writes a config with a listener and allow_anonymous true", c.argv_line or c.line
            )
        if _mounted(c, "mosquitto.conf", "/mosquitto/config") or _argv_mentions(c, ".conf"):
            return None  # judged with the mounted file (rules/deployed.py)
        if before(c.tag, 2):
            return OpenDefault(f"Mosquitto {c.tag} listens on every interface and allows anonymous clients", c.line)
        return None
    if any(name in image for name in ("emqx", "hivemq", "nanomq")):
        if c.ports and all(p.port in _BROKER_CONSOLES for p in c.ports):  # only the console is reachable
            if _env_set(c, "EMQX_DASHBOARD__DEFAULT_PASSWORD"):
                return None
            return OpenDefault("EMQX's dashboard keeps its published login admin/public", c.line)
        if not c.env_complete or _env_mentions(c, "AUTHENTICATION", "AUTH__", "ALLOW_ANONYMOUS"):
            return None
        if _mounted(c, "/opt/emqx/etc", "/opt/hivemq/conf", "/etc/nanomq", ".conf", ".xml"):
            return None
        return OpenDefault(
            "the broker accepts anonymous clients until an authenticator is configured: anyone may "
            "subscribe to every topic (#) and publish",
            c.line,
        )
    return None


def _redpanda(c: Container) -> OpenDefault | None:
    """Redpanda's Kafka listeners have no SASL and its admin API (9644) no authentication by default."""
    if _argv_mentions(c, "sasl", "enable_authorization", "authentication_method") or _env_mentions(c, "SASL"):
        return None
    if _mounted(c, "redpanda.yaml", "/etc/redpanda"):
        return None
    return OpenDefault(
        "Redpanda's Kafka listeners have no SASL and its admin API no authentication: any client "
        "reads every topic and changes the cluster",
        c.argv_line or c.line,
    )


def _arangodb(c: Container) -> OpenDefault | None:
    """The ArangoDB image asks for a root password unless ARANGO_NO_AUTH is set (to anything)."""
    entry = c.env.get("ARANGO_NO_AUTH")
    if entry is not None and entry.value != "":
        return OpenDefault("ARANGO_NO_AUTH is set: ArangoDB accepts every request without a password", entry.line)
    return None


def _surrealdb(c: Container) -> OpenDefault | None:
    """SurrealDB's ``--unauthenticated`` gives every client full access."""
    if _has_arg(c, "--unauthenticated") or _env_true(c, "SURREAL_UNAUTHENTICATED") is not None:
        return OpenDefault("surreal start --unauthenticated: every client has full access", c.argv_line or c.line)
    return None


def _edgedb(c: Container) -> OpenDefault | None:
    """EdgeDB/Gel in ``insecure_dev_mode`` accepts any login without a password."""
    for name in ("EDGEDB_SERVER_SECURITY", "GEL_SERVER_SECURITY"):
        entry = c.env.get(name)
        if entry is not None and entry.value == "insecure_dev_mode":
            return OpenDefault(f"{name}=insecure_dev_mode: any login is accepted without a password", entry.line)
    if _argv_mentions(c, "insecure_dev_mode"):
        return OpenDefault("--security insecure_dev_mode: any login is accepted without a password", c.argv_line)
    return None


def _ravendb(c: Container) -> OpenDefault | None:
    """RavenDB refuses unsecured access from outside the host unless told ``PublicNetwork``."""
    entry = c.env.get("RAVEN_Security_UnsecuredAccessAllowed")
    if entry is not None and (entry.value or "").lower() == "publicnetwork":
        return OpenDefault(
            "RAVEN_Security_UnsecuredAccessAllowed=PublicNetwork: anyone may read and change every database",
            entry.line,
        )
    return None


def _activemq(c: Container) -> OpenDefault | None:
    """ActiveMQ Classic's broker takes any client (no authentication plugin); Artemis' image
    creates artemis/artemis unless ARTEMIS_USER/ARTEMIS_PASSWORD are set."""
    if "artemis" in c.image.lower():
        if _env_true(c, "ANONYMOUS_LOGIN") is not None:
            return OpenDefault("ANONYMOUS_LOGIN=true: any client connects to Artemis", c.line)
        if _env_set(c, "ARTEMIS_PASSWORD", "ARTEMIS_USER") or _mounted(c, "/var/lib/artemis-instance"):
            return None
        return OpenDefault("no ARTEMIS_PASSWORD: the image's published login artemis/artemis applies", c.line)
    if not c.env_complete or _env_mentions(c, "AUTH", "PASSWORD") or _mounted(c, "activemq.xml", "/conf"):
        return None
    return OpenDefault("ActiveMQ's broker has no authentication plugin: any client reads and sends", c.line)


def _yugabytedb(c: Container) -> OpenDefault | None:
    """YugabyteDB's YSQL (5433) and YCQL (9042) take any client until ysql_enable_auth/use_cassandra_authentication."""
    if _argv_mentions(c, "enable_auth", "cassandra_authentication", "--secure") or _env_set(
        c, "YSQL_PASSWORD", "YCQL_PASSWORD"
    ):
        return None
    return OpenDefault("YugabyteDB starts with YSQL and YCQL authentication off: any client is the superuser", c.line)


def _memgraph(c: Container) -> OpenDefault | None:
    """Memgraph asks for no password until a user exists (MEMGRAPH_USER/MEMGRAPH_PASSWORD create one)."""
    if _env_set(c, "MEMGRAPH_USER", "MEMGRAPH_PASSWORD") or _argv_mentions(c, "--init-file", "auth"):
        return None
    return OpenDefault("Memgraph has no user until one is created: any client runs any query", c.line)


def _meilisearch(c: Container) -> OpenDefault | None:
    """Meilisearch without a master key (allowed outside MEILI_ENV=production) has no authentication."""
    if _env_set(c, "MEILI_MASTER_KEY") or _has_arg(c, "--master-key"):
        return None
    entry = c.env.get("MEILI_ENV")
    if entry is not None and (entry.value or "").lower() != "development" or _has_arg(c, "--env"):
        return None  # production refuses to start without a key
    return OpenDefault("no MEILI_MASTER_KEY: Meilisearch answers every request, documents and settings", c.line)


def _nebula(c: Container) -> OpenDefault | None:
    """NebulaGraph's graphd accepts any user name and password unless --enable_authorize=true."""
    if _argv_mentions(c, "enable_authorize=true") or _mounted(c, "nebula-graphd.conf"):
        return None
    return OpenDefault("NebulaGraph's --enable_authorize is false by default: any login is accepted", c.line)


def _jupyter(c: Container) -> OpenDefault | None:
    """Jupyter's images ask for a random token unless the command or JUPYTER_TOKEN empties it
    (``--NotebookApp.token=''``, ``--ServerApp.token=''``, ``--IdentityProvider.token=''``)
    and no password replaces it."""
    empty_token = any(
        re.fullmatch(r"--(NotebookApp|ServerApp|LabApp|IdentityProvider)\.token=(''|\"\")?", word) for word in c.argv
    )
    token = c.env.get("JUPYTER_TOKEN")
    if token is not None and token.value == "":
        empty_token = True
    if not empty_token or _argv_mentions(c, ".password=sha", ".password='sha", "hashed_password", "argon2:"):
        return None
    return OpenDefault(
        "Jupyter runs with an empty token and no password: anyone may run code and read files", c.argv_line or c.line
    )


def _oracle(c: Container) -> OpenDefault | None:
    """gvenzl's Oracle images ask for ORACLE_PASSWORD; wnameless' XE 11g ships system/oracle."""
    if "wnameless" in c.image.lower():
        return OpenDefault("the oracle-xe-11g image's published login system/oracle applies", c.line)
    return None


def _rstudio(c: Container) -> OpenDefault | None:
    """rocker's RStudio images ask for PASSWORD unless DISABLE_AUTH=true."""
    line = _env_true(c, "DISABLE_AUTH")
    return None if line is None else OpenDefault("DISABLE_AUTH=true: RStudio logs anyone in, with its files", line)


_OPEN_UNLESS: dict[str, _OpenUnless] = {
    "cratedb": _OpenUnless(
        "CrateDB's crate superuser has no password and host-based authentication is off by default",
        words=("auth.host_based", "-cauth"),
        mounts=("crate.yml",),
    ),
    "drill": _OpenUnless(
        "Apache Drill has no user authentication by default: anyone may query every storage plugin",
        mounts=("drill-override.conf", "/opt/drill/conf"),
    ),
    "vertica": _OpenUnless(
        "the Vertica CE image's dbadmin user has no password", variables=("VERTICA_DB_PASSWORD", "DATABASE_PASSWORD")
    ),
    "hive": _OpenUnless(
        "HiveServer2's hive.server2.authentication is NONE by default: any user name runs queries",
        words=("hive.server2.authentication=",),
        mounts=("hive-site.xml", "/opt/hive/conf"),
    ),
    "hbase": _OpenUnless("HBase (simple authentication) serves every table to any client", mounts=("hbase-site.xml",)),
    "impala": _OpenUnless("Impala without Kerberos or LDAP takes every query", words=("ldap", "principal")),
    "hadoop": _OpenUnless(
        "HDFS with simple authentication: WebHDFS reads and writes any file for any claimed user name",
        words=("kerberos",),
        mounts=("core-site.xml", "hdfs-site.xml"),
    ),
    "nessie": _OpenUnless(
        "Nessie's authentication is off by default: anyone may read and change every branch",
        words=("nessie_server_authentication_enabled", "authentication.enabled=true"),
    ),
    "azurite": _OpenUnless(
        "Azurite accepts the published development account key (devstoreaccount1): anyone may read and write",
        words=("azurite_accounts", "--oauth"),
    ),
    "fake-gcs": _OpenUnless("fake-gcs-server takes every request without authentication"),
    "localstack": _OpenUnless("LocalStack accepts any credentials: anyone may read and write its buckets and queues"),
    "s3-emulator": _OpenUnless(
        "the S3 emulator accepts any or its published default credentials: anyone may read and write",
        variables=("S3PROXY_IDENTITY", "S3PROXY_CREDENTIAL", "SCALITY_ACCESS_KEY_ID", "SCALITY_SECRET_ACCESS_KEY"),
        words=("-s3.config", "s3proxy_authorization=aws"),
    ),
    "schema-registry": _OpenUnless(
        "the Schema Registry REST API has no authentication by default: anyone may read and change schemas",
        words=("authentication", "basic_auth", "sasl"),
    ),
    "kafka-connect": _OpenUnless(
        "the Kafka Connect REST API has no authentication: anyone may create connectors that read every topic",
        words=("rest_extension", "authentication"),
    ),
    "rocketmq": _OpenUnless(
        "RocketMQ's ACL is off by default: any client produces and consumes every topic",
        words=("aclenable=true", "authenticationenabled"),
        mounts=("broker.conf", "plain_acl.yml"),
    ),
    "beanstalkd": _OpenUnless("beanstalkd has no authentication: any client reads and deletes every job"),
    "elasticmq": _OpenUnless("ElasticMQ takes every SQS request without checking credentials"),
    "thanos": _OpenUnless("Thanos Query has no authentication: anyone may read every series", words=("http.config",)),
    "mimir": _OpenUnless(
        "Mimir authenticates no one (tenants are a header): anyone may read every series",
        mounts=("/etc/mimir",),
    ),
    "opentsdb": _OpenUnless("OpenTSDB has no authentication by default: anyone may read and write every series"),
    "iotdb": _OpenUnless(
        "IoTDB's published default login root/root applies until the password is changed",
        variables=("IOTDB_ROOT_PASSWORD",),
    ),
    "graphite": _OpenUnless("Graphite's render API has no authentication: anyone may read every series"),
    "tigergraph": _OpenUnless(
        "TigerGraph's RESTPP has authentication off and the image's tigergraph login is published",
        words=("restpp.authentication",),
    ),
    "typedb": _OpenUnless("TypeDB Community has no authentication: any client reads and writes every database"),
    "terminusdb": _OpenUnless(
        "TerminusDB's admin password defaults to 'root' unless TERMINUSDB_ADMIN_PASS is set",
        variables=("TERMINUSDB_ADMIN_PASS",),
    ),
    "blazegraph": _OpenUnless("Blazegraph has no authentication: anyone may query and update every namespace"),
    "virtuoso": _OpenUnless(
        "Virtuoso's dba password defaults to 'dba' unless DBA_PASSWORD is set", variables=("DBA_PASSWORD",)
    ),
    "griddb": _OpenUnless(
        "GridDB's published default login admin/admin applies unless GRIDDB_PASSWORD is set",
        variables=("GRIDDB_PASSWORD",),
    ),
    "riak": _OpenUnless("Riak KV has security off by default: any client reads every bucket"),
    "vespa": _OpenUnless("Vespa's container serves queries and feeds without authentication", mounts=("services.xml",)),
    "marqo": _OpenUnless("Marqo has no authentication: anyone may search, add and delete documents"),
    "garnet": _OpenUnless(
        "Garnet has no password unless --auth Password and --password are given", words=("--auth", "--password")
    ),
    "libsql": _OpenUnless(
        "sqld (libSQL server) takes every query unless SQLD_AUTH_JWT_KEY or --auth-jwt-key-file is set",
        variables=("SQLD_AUTH_JWT_KEY", "SQLD_AUTH_JWT_KEY_FILE", "SQLD_HTTP_AUTH"),
        words=("auth-jwt-key", "http-auth"),
    ),
    "bigquery-emulator": _OpenUnless("the BigQuery emulator takes every request without authentication"),
    "dynamodb-local": _OpenUnless("DynamoDB Local accepts any credentials: anyone may read and write every table"),
    "aperturedb": _OpenUnless(
        "ApertureDB's published default login admin/admin applies unless ADB_MASTER_KEY or the admin password is set",
        variables=("ADB_MASTER_KEY", "ADB_ADMIN_PASSWORD"),
    ),
    "exasol": _OpenUnless("Exasol's docker-db has the published login sys/exasol until the password is changed"),
    "livy": _OpenUnless(
        "Apache Livy has no authentication by default: anyone may start Spark sessions and run code",
        words=("livy.server.auth",),
        mounts=("livy.conf", "/opt/livy/conf"),
    ),
    "pushgateway": _OpenUnless(
        "the Pushgateway has no authentication unless --web.config.file is set: anyone may read and push metrics",
        words=("--web.config.file",),
    ),
    "spark-connect": _OpenUnless(
        "Spark Connect has no authentication: any client runs Spark code over every catalog it can reach",
        words=("spark.connect.authenticate",),
    ),
    "proxysql": _OpenUnless(
        "ProxySQL's admin interface has the published login radmin/radmin unless its config changes it",
        mounts=("proxysql.cnf",),
    ),
    "presto": _OpenUnless(
        "Presto's image configures no authenticator: any user name runs queries",
        mounts=("/opt/presto-server/etc", "/etc/presto", "config.properties"),
    ),
    "kvrocks": _OpenUnless(
        "Kvrocks' image listens on every interface with no requirepass", words=("requirepass",), mounts=(".conf",)
    ),
    "aerospike": _OpenUnless(
        "Aerospike has no access control unless its config enables security (Enterprise only)",
        mounts=("aerospike.conf", "/opt/aerospike/etc"),
    ),
    "graphdb": _OpenUnless(
        "GraphDB starts with security disabled: everybody has full access to every repository",
        words=("graphdb.auth", "security.enabled"),
    ),
    "gremlin": _OpenUnless(
        "Gremlin Server (JanusGraph) has no authenticator by default: any client runs any Gremlin script",
        words=("authenticat",),
        mounts=("gremlin-server", "/etc/opt/janusgraph", "/opt/gremlin-server/conf"),
    ),
    "dgraph": _OpenUnless(
        "Dgraph without ACLs (Enterprise) takes every query and mutation from any client", words=("--acl", "acl ")
    ),
    "rethinkdb": _OpenUnless(
        "RethinkDB's admin user has no password until --initial-password sets one",
        words=("--initial-password",),
    ),
    "tidb": _OpenUnless("TiDB's root user has no password until one is set", mounts=("/config", ".toml")),
    "couchbase": _OpenUnless(
        "an uninitialised Couchbase node is set up by whoever reaches its web console (8091) first",
        words=("couchbase_administrator", "cluster-init", "couchbase_password", "cb_password"),
    ),
    "foundationdb": _OpenUnless("FoundationDB has no authentication: any client reads and writes every key"),
    "hazelcast": _OpenUnless(
        "Hazelcast (open source) has no client authentication: any client reads every map",
        mounts=("hazelcast.xml", "hazelcast.yaml"),
    ),
    "ignite": _OpenUnless(
        "Apache Ignite has authentication off by default: any thin client reads every cache",
        words=("authenticationenabled",),
        mounts=(".xml",),
    ),
    "questdb": _OpenUnless(
        "QuestDB's HTTP API and console take any query without authentication (PostgreSQL wire: admin/quest)",
        variables=("QDB_HTTP_USER", "QDB_HTTP_PASSWORD", "QDB_PG_PASSWORD"),
    ),
    "tdengine": _OpenUnless(
        "TDengine's published default login root/taosdata applies until the password is changed",
        variables=("TAOS_ROOT_PASSWORD",),
    ),
    "greptimedb": _OpenUnless(
        "GreptimeDB has no authentication unless --user-provider is given",
        words=("user-provider", "user_provider"),
    ),
    "druid": _OpenUnless(
        "Druid's default AllowAll authenticator lets anyone query every datasource", words=("druid_auth", "auth_")
    ),
    "pinot": _OpenUnless("Pinot's controller and broker take every query without authentication", words=("auth",)),
    "manticore": _OpenUnless("Manticore Search has no authentication: any client reads every table"),
    "quickwit": _OpenUnless("Quickwit has no authentication: any client searches every index"),
    "loki": _OpenUnless(
        "Loki's image runs with auth_enabled: false: anyone may query every log line",
        words=("auth.enabled=true", "auth_enabled"),
        mounts=("/etc/loki",),
    ),
    "tempo": _OpenUnless(
        "Tempo has no authentication: anyone may query every trace", words=("multitenancy",), mounts=("/etc/tempo",)
    ),
    "victoriametrics": _OpenUnless(
        "VictoriaMetrics has no authentication unless -httpAuth.username or vmauth is set",
        words=("httpauth", "authkey"),
    ),
    "jaeger": _OpenUnless("Jaeger's query API has no authentication: anyone may read every trace"),
    "zipkin": _OpenUnless("Zipkin's API has no authentication: anyone may read every trace"),
    "pyroscope": _OpenUnless(
        "Pyroscope has no authentication: anyone may read every profile", mounts=("/etc/pyroscope",)
    ),
    "otel-lgtm": _OpenUnless(
        "the otel-lgtm image's Grafana lets anonymous visitors in as Admin, over Loki, Tempo and Prometheus"
    ),
    "pulsar": _OpenUnless(
        "Pulsar has authenticationEnabled=false by default: any client reads every topic",
        words=("authenticationenabled=true", "authentication"),
        mounts=("/pulsar/conf",),
    ),
    "nsq": _OpenUnless(
        "NSQ has no authentication unless --auth-http-address is set: any client consumes every topic",
        words=("auth-http-address",),
    ),
    "consul": _OpenUnless(
        "Consul's ACLs are off by default: anyone may read and write every key and register services",
        words=("acl",),
        mounts=("/consul/config",),
    ),
    "ksqldb": _OpenUnless(
        "ksqlDB and the Kafka REST proxy take requests without authentication: any client reads every topic",
        words=("authentication", "sasl"),
    ),
    "zeppelin": _OpenUnless(
        "Zeppelin without shiro.ini lets anonymous visitors read every notebook and run code",
        mounts=("shiro.ini", "/opt/zeppelin/conf"),
    ),
}


_JUDGES: dict[str, Callable[[Container], OpenDefault | None]] = {
    **_OPEN_UNLESS,
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
    "minio": _minio,
    "influxdb": _influxdb,
    "mqtt": _mqtt,
    "redpanda": _redpanda,
    "arangodb": _arangodb,
    "surrealdb": _surrealdb,
    "edgedb": _edgedb,
    "ravendb": _ravendb,
    "activemq": _activemq,
    "yugabytedb": _yugabytedb,
    "memgraph": _memgraph,
    "meilisearch": _meilisearch,
    "nebula": _nebula,
    "jupyter": _jupyter,
    "rstudio": _rstudio,
    "oracle": _oracle,
}
