"""The long tail of data services: images open until the deployment configures them.

Each entry says, next to its reason, what turns authentication on for that product: a
variable, a flag, a word in the command or environment, or its own config mounted. Most
are one line of :class:`OpenUnless`; the few whose defaults depend on a version, a
published default login or a single switch have a small judge of their own. The engines
the scanner knows are judged in :mod:`._defaults`, which merges this table into its own.
Adding a product: a row in ``_ports.SERVICES_WITHOUT_ENGINE`` (its images and distinctive
ports) and an entry here, with a positive and a negative case in the tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ._container_facts import (
    OpenDefault,
    argv_mentions,
    bitnami,
    env_filled,
    env_may_be_true,
    env_mentions,
    env_set,
    env_true,
    has_arg,
    mounted,
)
from ._parse.containers import Container
from ._ports import repository_of
from ._recognise import RAY_HEAD
from ._versions import before, version_of


@dataclass(frozen=True)
class OpenUnless:
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
        if any(v in c.env for v in self.variables) or mounted(c, *self.mounts):
            return None
        if self.words and (argv_mentions(c, *self.words) or env_mentions(c, *(w.upper() for w in self.words))):
            return None
        return OpenDefault(self.reason, c.line)


def _minio(c: Container) -> OpenDefault | None:
    """MinIO without root credentials starts with the published ``minioadmin:minioadmin``
    (Bitnami's image: ``minio:miniosecret``): anyone who reads the docs is its owner."""
    names = ("MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD", "MINIO_ACCESS_KEY", "MINIO_SECRET_KEY")
    secret = next((c.env[n] for n in ("MINIO_ROOT_PASSWORD", "MINIO_SECRET_KEY") if n in c.env), None)
    if c.env_complete and secret is not None and secret.value == "minioadmin":
        return OpenDefault("it sets MinIO's published default login minioadmin:minioadmin", secret.line)
    if env_set(c, *names, *(n + "_FILE" for n in names)):
        return None
    login = "minio:miniosecret" if bitnami(c) else "minioadmin:minioadmin"
    return OpenDefault(
        f"no MINIO_ROOT_USER/MINIO_ROOT_PASSWORD: MinIO's published default login {login} applies", c.line
    )


def _phoenix(c: Container) -> OpenDefault | None:
    """Arize Phoenix keeps every trace, prompt and dataset it collects, and asks for no login
    unless PHOENIX_ENABLE_AUTH is true (a value from a variable may be)."""
    if env_may_be_true(c, "PHOENIX_ENABLE_AUTH"):
        return None
    return OpenDefault(
        "Phoenix has authentication off unless PHOENIX_ENABLE_AUTH=true: anyone reads every trace, prompt and "
        "dataset it holds",
        c.line,
    )


def _mongo_express(c: Container) -> OpenDefault | None:
    """mongo-express, MongoDB's web admin, asks for a login only when ME_CONFIG_BASICAUTH_USERNAME
    and _PASSWORD are set (1.0 falls back to the published admin:pass); behind it every database
    its connection reaches can be browsed, edited and dropped, and its JSON editor evaluates
    JavaScript on the server."""
    switch = c.env.get("ME_CONFIG_BASICAUTH")
    off = switch is not None and (switch.value or "").lower() in {"false", "0", "no", "off"}
    if not off and env_set(c, "ME_CONFIG_BASICAUTH_USERNAME") and env_set(c, "ME_CONFIG_BASICAUTH_PASSWORD"):
        return None
    why = "ME_CONFIG_BASICAUTH is false" if off else "no ME_CONFIG_BASICAUTH_USERNAME/PASSWORD"
    return OpenDefault(
        f"{why}: mongo-express lets anyone browse, edit and drop every database it connects to",
        switch.line if off and switch is not None else c.line,
    )


def _influxdb(c: Container) -> OpenDefault | None:
    """InfluxDB 1.x has authentication off unless INFLUXDB_HTTP_AUTH_ENABLED=true; 2.x starts
    un-onboarded, so the first client to call /api/v2/setup becomes its owner, unless the
    image's DOCKER_INFLUXDB_INIT_MODE=setup does it first; 3 Core requires a token unless
    started --without-auth. An unpinned tag (``latest``, ``alpine``) is whichever of these
    was current when it was pulled (``latest`` moved from 2.x to 3 Core in April 2026), so
    it is judged by the 1.x and 2.x rules, which the file's variables would show. A data
    folder mounted may hold an instance set up before (2.x), but 1.x keeps its switch in
    influxdb.conf, never in the data."""
    major = (version_of(c.tag) or (0, 0))[0]
    if bitnami(c) or mounted(c, "/etc/influxdb") or (major != 1 and mounted(c, "/var/lib/influxdb")):
        return None
    if major >= 3 or "core" in c.tag or "enterprise" in c.tag or any(n.startswith("INFLUXDB3_") for n in c.env):
        if has_arg(c, "--without-auth") or env_true(c, "INFLUXDB3_START_WITHOUT_AUTH") is not None:
            return OpenDefault("InfluxDB 3 started --without-auth: no token is asked for", c.argv_line or c.line)
        return None
    if not c.env_complete:
        return None
    if major == 1 or any(n.startswith("INFLUXDB_") for n in c.env):
        if env_may_be_true(c, "INFLUXDB_HTTP_AUTH_ENABLED"):
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
        line = env_true(c, "DOCKER_VERNEMQ_ALLOW_ANONYMOUS")  # "on", as its docs write it, is among the true words
        return None if line is None else OpenDefault("DOCKER_VERNEMQ_ALLOW_ANONYMOUS: any client connects", line)
    if "mosquitto" in image:
        if argv_mentions(c, "/mosquitto-no-auth.conf"):  # the image ships it: listener 1883, allow_anonymous true
            return OpenDefault(
                "mosquitto runs the image's /mosquitto-no-auth.conf: anonymous clients on every interface",
                c.argv_line or c.line,
            )
        if argv_mentions(c, "allow_anonymous true") and argv_mentions(c, "listener"):
            return OpenDefault(
                "the command writes a config with a listener and allow_anonymous true", c.argv_line or c.line
            )
        if mounted(c, "mosquitto.conf", "/mosquitto/config") or argv_mentions(c, ".conf"):
            return None  # judged with the mounted file (rules/deployed.py)
        if before(c.tag, 2):
            return OpenDefault(f"Mosquitto {c.tag} listens on every interface and allows anonymous clients", c.line)
        return None
    if any(name in image for name in ("emqx", "hivemq", "nanomq")):
        if c.ports and all(p.port in _BROKER_CONSOLES for p in c.ports):  # only the console is reachable
            if env_set(c, "EMQX_DASHBOARD__DEFAULT_PASSWORD"):
                return None
            return OpenDefault("EMQX's dashboard keeps its published login admin/public", c.line)
        if not c.env_complete or env_mentions(c, "AUTHENTICATION", "AUTH__", "ALLOW_ANONYMOUS"):
            return None
        if mounted(c, "/opt/emqx/etc", "/opt/hivemq/conf", "/etc/nanomq", ".conf", ".xml"):
            return None
        return OpenDefault(
            "the broker accepts anonymous clients until an authenticator is configured: anyone may "
            "subscribe to every topic (#) and publish",
            c.line,
        )
    return None


def _redpanda(c: Container) -> OpenDefault | None:
    """Redpanda's Kafka listeners have no SASL and its admin API (9644) no authentication by default."""
    if argv_mentions(c, "sasl", "enable_authorization", "authentication_method") or env_mentions(c, "SASL"):
        return None
    if mounted(c, "redpanda.yaml", "/etc/redpanda"):
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
    if has_arg(c, "--unauthenticated") or env_true(c, "SURREAL_UNAUTHENTICATED") is not None:
        return OpenDefault("surreal start --unauthenticated: every client has full access", c.argv_line or c.line)
    return None


def _edgedb(c: Container) -> OpenDefault | None:
    """EdgeDB/Gel in ``insecure_dev_mode`` accepts any login without a password."""
    for name in ("EDGEDB_SERVER_SECURITY", "GEL_SERVER_SECURITY"):
        entry = c.env.get(name)
        if entry is not None and entry.value == "insecure_dev_mode":
            return OpenDefault(f"{name}=insecure_dev_mode: any login is accepted without a password", entry.line)
    if argv_mentions(c, "insecure_dev_mode"):
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
        if env_true(c, "ANONYMOUS_LOGIN") is not None:
            return OpenDefault("ANONYMOUS_LOGIN=true: any client connects to Artemis", c.line)
        if env_set(c, "ARTEMIS_PASSWORD", "ARTEMIS_USER") or mounted(c, "/var/lib/artemis-instance"):
            return None
        return OpenDefault("no ARTEMIS_PASSWORD: the image's published login artemis/artemis applies", c.line)
    if not c.env_complete or env_mentions(c, "AUTH", "PASSWORD") or mounted(c, "activemq.xml", "/conf"):
        return None
    return OpenDefault("ActiveMQ's broker has no authentication plugin: any client reads and sends", c.line)


def _yugabytedb(c: Container) -> OpenDefault | None:
    """YugabyteDB's YSQL (5433) and YCQL (9042) take any client until ysql_enable_auth/use_cassandra_authentication."""
    if argv_mentions(c, "enable_auth", "cassandra_authentication", "--secure") or env_set(
        c, "YSQL_PASSWORD", "YCQL_PASSWORD"
    ):
        return None
    return OpenDefault("YugabyteDB starts with YSQL and YCQL authentication off: any client is the superuser", c.line)


def _memgraph(c: Container) -> OpenDefault | None:
    """Memgraph asks for no password until a user exists: MEMGRAPH_USER creates one (a password
    alone, or an empty user name, creates none)."""
    if env_filled(c, "MEMGRAPH_USER") or argv_mentions(c, "--init-file", "auth"):
        return None
    return OpenDefault("Memgraph has no user until one is created: any client runs any query", c.line)


def _foundationdb(c: Container) -> OpenDefault | None:
    """FoundationDB has no authentication, only mutual TLS (``tls_verify_peers``). A container of
    its image whose entrypoint runs something else (``backup_agent``, ``fdbcli``) serves nothing."""
    if c.entrypoint_replaced and not argv_mentions(c, "fdbserver", "fdbmonitor"):
        return None
    if argv_mentions(c, "tls_verify_peers"):
        return None
    return OpenDefault("FoundationDB has no authentication: any client reads and writes every key", c.line)


def _seaweedfs(c: Container) -> OpenDefault | None:
    """SeaweedFS's S3 gateway takes anonymous requests until an identity exists: an ``-s3.config``
    file, or (since 3.94) an admin identity from AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY."""
    if argv_mentions(c, "-s3.config", "s3.configure") or mounted(c, "s3.json", "/etc/seaweedfs"):
        return None
    keys = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "WEED_S3_ADMIN_USER", "WEED_S3_ADMIN_PASSWORD")
    if env_set(c, *keys) and not before(c.tag, 3, 94):
        return None
    older = (
        f"SeaweedFS {c.tag} ignores AWS_ACCESS_KEY_ID (read since 3.94), and its"
        if env_set(c, *keys)
        else "SeaweedFS's"
    )
    return OpenDefault(
        f"{older} S3 gateway takes anonymous requests until an identity is configured: anyone may read and write",
        c.line,
    )


def _published_login(
    c: Container, names: tuple[str, ...], published: frozenset[str], what: str, unset_is_open: bool = True
) -> OpenDefault | None:
    """A product whose login is published until the deployment sets another: the variable set to
    a published value (``IMMUDB_ADMIN_PASSWORD: immudb``) leaves it open, and so does leaving it
    unset when the product then starts with that login (``unset_is_open``)."""
    given = [(name, c.env[name]) for name in names if name in c.env]
    for name, entry in given:
        if entry.value is not None and entry.value in published:
            return OpenDefault(f"{name}={entry.value} is {what}'s published login", entry.line)
    if given or not c.env_complete or not unset_is_open:
        return None
    return OpenDefault(f"no {names[-1]}: {what} keeps its published login", c.line)


def _immudb(c: Container) -> OpenDefault | None:
    """immudb's admin user is immudb/immudb until IMMUDB_ADMIN_PASSWORD sets another."""
    return _published_login(c, ("IMMUDB_ADMIN_PASSWORD",), frozenset({"immudb"}), "immudb")


def _vault(c: Container) -> OpenDefault | None:
    """Vault's dev server (the image's default command is ``server -dev``) keeps everything in
    memory, unsealed, with one root token: random and printed to the log, unless
    VAULT_DEV_ROOT_TOKEN_ID sets it. Set to the token Vault's own documentation uses (``root``,
    ``myroot``), it is a published login; any other value is a credential like a password."""
    if c.argv and not argv_mentions(c, "-dev"):
        return None
    token = c.env.get("VAULT_DEV_ROOT_TOKEN_ID")
    if token is None or token.value not in _VAULT_DOCUMENTED_TOKENS:
        return None
    return OpenDefault(
        f"Vault runs as a dev server whose root token is '{token.value}', the one Vault's documentation uses: "
        "whoever tries it reads and writes every secret",
        token.line,
    )


#: the dev root tokens of Vault's documentation and Docker Hub page
_VAULT_DOCUMENTED_TOKENS = frozenset({"root", "myroot"})


def _geoserver(c: Container) -> OpenDefault | None:
    """GeoServer's official image keeps the published admin/geoserver login unless
    GEOSERVER_ADMIN_PASSWORD sets another (Kartoza's image generates a random one)."""
    if repository_of(c.image).startswith("kartoza/"):
        return None
    return _published_login(c, ("GEOSERVER_ADMIN_PASSWORD",), frozenset({"geoserver"}), "GeoServer")


def _grafana(c: Container) -> OpenDefault | None:
    """Grafana lets anonymous visitors in when GF_AUTH_ANONYMOUS_ENABLED says so, and otherwise
    starts with the published admin/admin login until GF_SECURITY_ADMIN_PASSWORD (or a mounted
    grafana.ini) sets another; from either it reads every data source it is connected to."""
    anonymous = env_true(c, "GF_AUTH_ANONYMOUS_ENABLED")
    if anonymous is not None:
        return OpenDefault("GF_AUTH_ANONYMOUS_ENABLED lets anonymous visitors query Grafana's data sources", anonymous)
    if mounted(c, "grafana.ini", "/etc/grafana") or env_set(
        c, "GF_SECURITY_ADMIN_PASSWORD__FILE", "GF_AUTH_DISABLE_LOGIN_FORM", "GF_AUTH_GENERIC_OAUTH_ENABLED"
    ):
        return None
    return _published_login(c, ("GF_SECURITY_ADMIN_PASSWORD",), frozenset({"admin"}), "Grafana")


def _rustfs(c: Container) -> OpenDefault | None:
    """RustFS images before mid-2026 start with rustfsadmin/rustfsadmin; newer ones refuse to start
    without credentials, so only a published login given explicitly (rustfsadmin, or MinIO's
    minioadmin) says the service is open."""
    return _published_login(
        c,
        ("RUSTFS_ACCESS_KEY", "RUSTFS_SECRET_KEY"),
        frozenset({"rustfsadmin", "minioadmin"}),
        "RustFS",
        unset_is_open=False,
    )


def _meilisearch(c: Container) -> OpenDefault | None:
    """Meilisearch without a master key (allowed outside MEILI_ENV=production) has no authentication."""
    if env_set(c, "MEILI_MASTER_KEY") or has_arg(c, "--master-key"):
        return None
    entry = c.env.get("MEILI_ENV")
    if entry is not None and (entry.value or "").lower() != "development" or has_arg(c, "--env"):
        return None  # production refuses to start without a key
    return OpenDefault("no MEILI_MASTER_KEY: Meilisearch answers every request, documents and settings", c.line)


def _nebula(c: Container) -> OpenDefault | None:
    """NebulaGraph's graphd accepts any user name and password unless --enable_authorize=true."""
    if argv_mentions(c, "enable_authorize=true") or mounted(c, "nebula-graphd.conf"):
        return None
    return OpenDefault("NebulaGraph's --enable_authorize is false by default: any login is accepted", c.line)


def _jupyter(c: Container) -> OpenDefault | None:
    """Jupyter's images ask for a random token unless the command or JUPYTER_TOKEN empties it
    (``--NotebookApp.token=''``, ``--ServerApp.token=''``, ``--IdentityProvider.token=''``)
    and no password replaces it."""
    empty_token = any(  # each word of the command, and each word of a shell string (bash -c "jupyter lab ...")
        re.fullmatch(r"--(NotebookApp|ServerApp|LabApp|IdentityProvider)\.token=(''|\"\")?", token)
        for word in c.argv
        for token in word.split()
    )
    token = c.env.get("JUPYTER_TOKEN")
    if token is not None and token.value == "":
        empty_token = True
    if not empty_token or argv_mentions(c, ".password=sha", ".password='sha", "hashed_password", "argon2:"):
        return None
    return OpenDefault(
        "Jupyter runs with an empty token and no password: anyone may run code and read files", c.argv_line or c.line
    )


#: community Oracle images (owner -> login) that ship a fixed, published administrator password;
#: gvenzl's and Oracle's own images ask for ORACLE_PASSWORD/ORACLE_PWD or generate one instead
_ORACLE_PUBLISHED_LOGINS: dict[str, str] = {
    "wnameless": "system/oracle",
    "oracleinanutshell": "system/oracle",
    "sath89": "system/oracle",
    "truevoly": "system/oracle",
    "quillbuilduser": "sys/Oracle18",
}


def _oracle(c: Container) -> OpenDefault | None:
    """An Oracle image whose administrator password is printed in its README is open to anyone
    who reads it, unless the deployment sets another one."""
    owner = repository_of(c.image).split("/")[0]
    login = _ORACLE_PUBLISHED_LOGINS.get(owner)
    if login is None or not c.env_complete or env_set(c, "ORACLE_PASSWORD", "ORACLE_PWD"):
        return None
    return OpenDefault(f"the {c.image} image's published login {login} applies", c.line)


def _ray(c: Container) -> OpenDefault | None:
    """A Ray head (``ray start --head``) has no authentication unless token authentication is on
    (``RAY_AUTH_MODE=token``): its dashboard's job API and client port run anyone's code on every
    node (the ShadowRay attacks). An image run without that command is a worker or a shell."""
    if not RAY_HEAD.search(" ".join(c.argv)):
        return None
    mode = c.env.get("RAY_AUTH_MODE")
    if mode is not None and (mode.value is None or mode.value.lower() == "token"):
        return None  # a value the file does not show may be "token"
    return OpenDefault(
        "a Ray head has no authentication: anyone who reaches its dashboard (8265) or client port (10001) "
        "submits jobs that run code on every node",
        c.argv_line or c.line,
    )


def _eventstoredb(c: Container) -> OpenDefault | None:
    """EventStoreDB (KurrentDB) is secure by default; ``--insecure`` turns off TLS, authentication
    and access control lists together."""
    line = env_true(c, "EVENTSTORE_INSECURE") or env_true(c, "KURRENTDB_INSECURE")
    if line is None and has_arg(c, "--insecure"):
        line = c.argv_line
    if line is None:
        return None
    return OpenDefault("insecure mode: no authentication and no access control, any client reads every stream", line)


def _rstudio(c: Container) -> OpenDefault | None:
    """rocker's RStudio images ask for PASSWORD unless DISABLE_AUTH=true."""
    line = env_true(c, "DISABLE_AUTH")
    return None if line is None else OpenDefault("DISABLE_AUTH=true: RStudio logs anyone in, with its files", line)


_OPEN_UNLESS: dict[str, OpenUnless] = {
    "cratedb": OpenUnless(
        "CrateDB's crate superuser has no password and host-based authentication is off by default",
        words=("auth.host_based", "-cauth"),
        mounts=("crate.yml",),
    ),
    "drill": OpenUnless(
        "Apache Drill has no user authentication by default: anyone may query every storage plugin",
        mounts=("drill-override.conf", "/opt/drill/conf"),
    ),
    "vertica": OpenUnless(
        "the Vertica CE image's dbadmin user has no password", variables=("VERTICA_DB_PASSWORD", "DATABASE_PASSWORD")
    ),
    "hive": OpenUnless(
        "HiveServer2's hive.server2.authentication is NONE by default: any user name runs queries",
        words=("hive.server2.authentication=",),
        mounts=("hive-site.xml", "/opt/hive/conf"),
    ),
    "hbase": OpenUnless("HBase (simple authentication) serves every table to any client", mounts=("hbase-site.xml",)),
    "impala": OpenUnless("Impala without Kerberos or LDAP takes every query", words=("ldap", "principal")),
    "hadoop": OpenUnless(
        "HDFS with simple authentication: WebHDFS reads and writes any file for any claimed user name",
        words=("kerberos",),
        mounts=("core-site.xml", "hdfs-site.xml"),
    ),
    "nessie": OpenUnless(
        "Nessie's authentication is off by default: anyone may read and change every branch",
        words=("nessie_server_authentication_enabled", "authentication.enabled=true"),
    ),
    "azurite": OpenUnless(
        "Azurite accepts the published development account key (devstoreaccount1): anyone may read and write",
        words=("azurite_accounts", "--oauth"),
    ),
    "fake-gcs": OpenUnless("fake-gcs-server takes every request without authentication"),
    "localstack": OpenUnless("LocalStack accepts any credentials: anyone may read and write its buckets and queues"),
    "s3-emulator": OpenUnless(
        "the S3 emulator accepts any or its published default credentials: anyone may read and write",
        variables=("S3PROXY_IDENTITY", "S3PROXY_CREDENTIAL", "SCALITY_ACCESS_KEY_ID", "SCALITY_SECRET_ACCESS_KEY"),
        words=("-s3.config", "s3proxy_authorization=aws"),
    ),
    "schema-registry": OpenUnless(
        "the Schema Registry REST API has no authentication by default: anyone may read and change schemas",
        words=("authentication", "basic_auth", "sasl"),
    ),
    "kafka-connect": OpenUnless(
        "the Kafka Connect REST API has no authentication: anyone may create connectors that read every topic",
        words=("rest_extension", "authentication"),
    ),
    "rocketmq": OpenUnless(
        "RocketMQ's ACL is off by default: any client produces and consumes every topic",
        words=("aclenable=true", "authenticationenabled"),
        mounts=("broker.conf", "plain_acl.yml"),
    ),
    "beanstalkd": OpenUnless("beanstalkd has no authentication: any client reads and deletes every job"),
    "elasticmq": OpenUnless("ElasticMQ takes every SQS request without checking credentials"),
    "thanos": OpenUnless("Thanos Query has no authentication: anyone may read every series", words=("http.config",)),
    "mimir": OpenUnless(
        "Mimir authenticates no one (tenants are a header): anyone may read every series",
        mounts=("/etc/mimir",),
    ),
    "opentsdb": OpenUnless("OpenTSDB has no authentication by default: anyone may read and write every series"),
    "iotdb": OpenUnless(
        "IoTDB's published default login root/root applies until the password is changed",
        variables=("IOTDB_ROOT_PASSWORD",),
    ),
    "graphite": OpenUnless("Graphite's render API has no authentication: anyone may read every series"),
    "tigergraph": OpenUnless(
        "TigerGraph's RESTPP has authentication off and the image's tigergraph login is published",
        words=("restpp.authentication",),
    ),
    "typedb": OpenUnless("TypeDB Community has no authentication: any client reads and writes every database"),
    "terminusdb": OpenUnless(
        "TerminusDB's admin password defaults to 'root' unless TERMINUSDB_ADMIN_PASS is set",
        variables=("TERMINUSDB_ADMIN_PASS",),
    ),
    "blazegraph": OpenUnless("Blazegraph has no authentication: anyone may query and update every namespace"),
    "virtuoso": OpenUnless(
        "Virtuoso's dba password defaults to 'dba' unless DBA_PASSWORD is set", variables=("DBA_PASSWORD",)
    ),
    "griddb": OpenUnless(
        "GridDB's published default login admin/admin applies unless GRIDDB_PASSWORD is set",
        variables=("GRIDDB_PASSWORD",),
    ),
    "riak": OpenUnless("Riak KV has security off by default: any client reads every bucket"),
    "vespa": OpenUnless("Vespa's container serves queries and feeds without authentication", mounts=("services.xml",)),
    "marqo": OpenUnless("Marqo has no authentication: anyone may search, add and delete documents"),
    "garnet": OpenUnless(
        "Garnet has no password unless --auth Password and --password are given", words=("--auth", "--password")
    ),
    "libsql": OpenUnless(
        "sqld (libSQL server) takes every query unless SQLD_AUTH_JWT_KEY or --auth-jwt-key-file is set",
        variables=("SQLD_AUTH_JWT_KEY", "SQLD_AUTH_JWT_KEY_FILE", "SQLD_HTTP_AUTH"),
        words=("auth-jwt-key", "http-auth"),
    ),
    "bigquery-emulator": OpenUnless("the BigQuery emulator takes every request without authentication"),
    "dynamodb-local": OpenUnless("DynamoDB Local accepts any credentials: anyone may read and write every table"),
    "aperturedb": OpenUnless(
        "ApertureDB's published default login admin/admin applies unless ADB_MASTER_KEY or the admin password is set",
        variables=("ADB_MASTER_KEY", "ADB_ADMIN_PASSWORD"),
    ),
    "exasol": OpenUnless("Exasol's docker-db has the published login sys/exasol until the password is changed"),
    "livy": OpenUnless(
        "Apache Livy has no authentication by default: anyone may start Spark sessions and run code",
        words=("livy.server.auth",),
        mounts=("livy.conf", "/opt/livy/conf"),
    ),
    "pushgateway": OpenUnless(
        "the Pushgateway has no authentication unless --web.config.file is set: anyone may read and push metrics",
        words=("--web.config.file",),
    ),
    "spark-connect": OpenUnless(
        "Spark Connect has no authentication: any client runs Spark code over every catalog it can reach",
        words=("spark.connect.authenticate",),
    ),
    "proxysql": OpenUnless(
        "ProxySQL's admin interface has the published login radmin/radmin unless its config changes it",
        mounts=("proxysql.cnf",),
    ),
    "presto": OpenUnless(
        "Presto's image configures no authenticator: any user name runs queries",
        mounts=("/opt/presto-server/etc", "/etc/presto", "config.properties"),
    ),
    "kvrocks": OpenUnless(
        "Kvrocks' image listens on every interface with no requirepass", words=("requirepass",), mounts=(".conf",)
    ),
    "aerospike": OpenUnless(
        "Aerospike has no access control unless its config enables security (Enterprise only)",
        mounts=("aerospike.conf", "/opt/aerospike/etc"),
    ),
    "graphdb": OpenUnless(
        "GraphDB starts with security disabled: everybody has full access to every repository",
        words=("graphdb.auth", "security.enabled"),
    ),
    "gremlin": OpenUnless(
        "Gremlin Server (JanusGraph) has no authenticator by default: any client runs any Gremlin script",
        words=("authenticat",),
        mounts=("gremlin-server", "/etc/opt/janusgraph", "/opt/gremlin-server/conf"),
    ),
    "dgraph": OpenUnless(
        "Dgraph without ACLs (Enterprise) takes every query and mutation from any client", words=("--acl", "acl ")
    ),
    "rethinkdb": OpenUnless(
        "RethinkDB's admin user has no password until --initial-password sets one",
        words=("--initial-password",),
    ),
    "tidb": OpenUnless("TiDB's root user has no password until one is set", mounts=("/config", ".toml")),
    "couchbase": OpenUnless(
        "an uninitialised Couchbase node is set up by whoever reaches its web console (8091) first",
        words=("couchbase_administrator", "cluster-init", "couchbase_password", "cb_password"),
    ),
    # a CPF merge file may set the passwords; --password-file sets them at the first start
    "intersystems-iris": OpenUnless(
        "IRIS's predefined accounts (_SYSTEM, SuperUser, Admin) have the published password SYS: whoever logs "
        "in first with it owns the instance (an expired SYS only asks that caller for a new one)",
        variables=("ISC_CPF_MERGE_FILE",),
        words=("password-file", "passwordhash"),
    ),
    "hazelcast": OpenUnless(
        "Hazelcast (open source) has no client authentication: any client reads every map",
        mounts=("hazelcast.xml", "hazelcast.yaml"),
    ),
    "ignite": OpenUnless(
        "Apache Ignite has authentication off by default: any thin client reads every cache",
        words=("authenticationenabled",),
        mounts=(".xml",),
    ),
    "questdb": OpenUnless(
        "QuestDB's HTTP API and console take any query without authentication (PostgreSQL wire: admin/quest)",
        variables=("QDB_HTTP_USER", "QDB_HTTP_PASSWORD", "QDB_PG_PASSWORD"),
    ),
    "tdengine": OpenUnless(
        "TDengine's published default login root/taosdata applies until the password is changed",
        variables=("TAOS_ROOT_PASSWORD",),
    ),
    "greptimedb": OpenUnless(
        "GreptimeDB has no authentication unless --user-provider is given",
        words=("user-provider", "user_provider"),
    ),
    "druid": OpenUnless(
        "Druid's default AllowAll authenticator lets anyone query every datasource", words=("druid_auth", "auth_")
    ),
    "pinot": OpenUnless("Pinot's controller and broker take every query without authentication", words=("auth",)),
    "manticore": OpenUnless("Manticore Search has no authentication: any client reads every table"),
    "quickwit": OpenUnless("Quickwit has no authentication: any client searches every index"),
    # Grafana's Loki, Tempo and Pyroscope have no authentication layer of their own (their docs ask
    # for an authenticating proxy in front); auth_enabled/multitenancy only asks for a tenant header
    # any client may send, so neither a flag nor a mounted config makes them protected
    "loki": OpenUnless("Loki has no authentication of its own: anyone who reaches it reads every log line"),
    "tempo": OpenUnless("Tempo has no authentication of its own: anyone who reaches it reads every trace"),
    "victoriametrics": OpenUnless(
        "VictoriaMetrics has no authentication unless -httpAuth.username or vmauth is set",
        words=("httpauth", "authkey"),
    ),
    "jaeger": OpenUnless("Jaeger's query API has no authentication: anyone may read every trace"),
    # netdata.conf's [web] allow connections from / allow dashboard from may limit who connects
    "netdata": OpenUnless(
        "the Netdata agent's dashboard and API have no authentication: anyone reads every metric of the host "
        "and its containers",
        mounts=("netdata.conf", "/etc/netdata"),
    ),
    # the images' config template turns the authorizer, claim mapper and client certificates on from these
    "temporal": OpenUnless(
        "Temporal's frontend has no authorizer by default: any client reads every workflow's history and "
        "payloads and starts or terminates workflows",
        words=("auth_authorizer", "auth_claim_mapper", "require_client_auth"),
        mounts=("/etc/temporal/config",),
    ),
    "zipkin": OpenUnless("Zipkin's API has no authentication: anyone may read every trace"),
    "pyroscope": OpenUnless("Pyroscope has no authentication of its own: anyone who reaches it reads every profile"),
    "otel-lgtm": OpenUnless(
        "the otel-lgtm image's Grafana lets anonymous visitors in as Admin, over Loki, Tempo and Prometheus"
    ),
    "pulsar": OpenUnless(
        "Pulsar has authenticationEnabled=false by default: any client reads every topic",
        words=("authenticationenabled=true", "authentication"),
        mounts=("/pulsar/conf",),
    ),
    "nsq": OpenUnless(
        "NSQ has no authentication unless --auth-http-address is set: any client consumes every topic",
        words=("auth-http-address",),
    ),
    "consul": OpenUnless(
        "Consul's ACLs are off by default: anyone may read and write every key and register services",
        words=("acl",),
        mounts=("/consul/config",),
    ),
    "ksqldb": OpenUnless(
        "ksqlDB and the Kafka REST proxy take requests without authentication: any client reads every topic",
        words=("authentication", "sasl"),
    ),
    "docker-registry": OpenUnless(
        "the registry has no authentication unless its config or REGISTRY_AUTH sets some: anyone may pull "
        "every image, with the secrets baked into it, and push over it",
        variables=(
            "REGISTRY_AUTH",
            "REGISTRY_AUTH_HTPASSWD_REALM",
            "REGISTRY_AUTH_HTPASSWD_PATH",
            "REGISTRY_AUTH_TOKEN_REALM",
            "REGISTRY_PROXY_REMOTEURL",  # a pull-through cache of a public registry
        ),
        mounts=("/etc/docker/registry",),
    ),
    "gcloud-emulator": OpenUnless(
        "Google Cloud's and Firebase's emulators have no authentication: any client reads and writes every "
        "topic, document and table"
    ),
    "hasura": OpenUnless(
        "Hasura without HASURA_GRAPHQL_ADMIN_SECRET gives every client admin rights: it reads and writes every "
        "table of the databases it fronts, and runs SQL on them",
        variables=("HASURA_GRAPHQL_ADMIN_SECRET", "HASURA_GRAPHQL_ACCESS_KEY"),
    ),
    "cosmosdb-emulator": OpenUnless(
        "the Cosmos DB emulator's account key is printed in Microsoft's documentation: anyone reads and writes "
        "every container"
    ),
    "pinecone-local": OpenUnless("Pinecone Local accepts any API key: anyone reads and writes every index"),
    "mlflow": OpenUnless(
        "MLflow's tracking server has no authentication unless started with --app-name basic-auth: anyone reads "
        "and overwrites every experiment, model and artifact",
        words=("basic-auth",),
    ),
    # Mailpit's MP_UI_AUTH / MP_UI_AUTH_FILE put basic authentication on the web UI and API
    "mail-catcher": OpenUnless(
        "the mail catcher's web UI and API have no authentication: anyone reads every e-mail the stack sent "
        "(password resets, invitations, personal data)",
        variables=("MP_UI_AUTH", "MP_UI_AUTH_FILE", "MH_AUTH_FILE"),
        words=("--ui-auth", "-auth-file"),
    ),
    "zeppelin": OpenUnless(
        "Zeppelin without shiro.ini lets anonymous visitors read every notebook and run code",
        mounts=("shiro.ini", "/opt/zeppelin/conf"),
    ),
    "heavydb": OpenUnless(
        "OmniSciDB/HeavyDB's superuser admin has the published password HyperInteractive until someone "
        "changes it with ALTER USER: whoever reads the docs owns every table"
    ),
    "hapi-fhir": OpenUnless(
        "HAPI FHIR's JPA server has no authentication or authorization: anyone reads, writes and deletes every "
        "patient's health record"
    ),
    # bazel-remote reads an htpasswd file or client certificates; the CAS server a token
    "build-cache": OpenUnless(
        "a remote build cache with no authentication: anyone reads every cached artifact and writes poisoned "
        "ones that later builds use",
        variables=("BAZEL_REMOTE_HTPASSWD_FILE", "BAZEL_REMOTE_TLS_CA_FILE", "CAS_AUTH_TOKEN"),
        words=("htpasswd", "tls_ca_file", "token"),
    ),
    "nostr-relay": OpenUnless(
        "the Nostr relay takes and serves events from anyone: it keeps whatever strangers publish and hands every "
        "stored event to any reader",
        words=("auth", "whitelist", "pubkey_whitelist"),
        mounts=("config.toml", "strfry.conf"),
    ),
}


#: product -> judge, for :func:`._defaults.open_default`
CATALOGUE: dict[str, Callable[[Container], OpenDefault | None]] = {
    **_OPEN_UNLESS,
    "minio": _minio,
    "influxdb": _influxdb,
    "phoenix": _phoenix,
    "mongo-express": _mongo_express,
    "mqtt": _mqtt,
    "redpanda": _redpanda,
    "arangodb": _arangodb,
    "surrealdb": _surrealdb,
    "edgedb": _edgedb,
    "ravendb": _ravendb,
    "activemq": _activemq,
    "yugabytedb": _yugabytedb,
    "memgraph": _memgraph,
    "foundationdb": _foundationdb,
    "seaweedfs": _seaweedfs,
    "immudb": _immudb,
    "rustfs": _rustfs,
    "vault": _vault,
    "geoserver": _geoserver,
    "grafana": _grafana,
    "meilisearch": _meilisearch,
    "nebula": _nebula,
    "jupyter": _jupyter,
    "rstudio": _rstudio,
    "oracle": _oracle,
    "ray": _ray,
    "eventstoredb": _eventstoredb,
}
