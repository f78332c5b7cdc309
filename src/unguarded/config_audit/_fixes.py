"""Fix steps that fit the finding: the engine at hand and the line to change.

A generic block listing five engines' settings makes the reader find their own; rules
that know the engine and the line build their steps here and hand them over in
:attr:`Hit.fix <unguarded.config_audit._rule.Hit>`.
"""

from __future__ import annotations

#: what turns authentication on, per engine, in a container's own terms
_AUTH_IN_CONTAINER: dict[str, str] = {
    "risingwave": "after start: ALTER USER root WITH PASSWORD '...' (the image has no password setting)",
    "starrocks": "after start: SET PASSWORD FOR root = PASSWORD('...') (the image has no password setting)",
    "trino": "mount an etc/trino/config.properties with http-server.authentication.type=PASSWORD and HTTPS",
    "redis": 'command: ["redis-server", "--requirepass", "${REDIS_PASSWORD}"]   (or mount a redis.conf with requirepass)',
    "mongodb": "environment: MONGO_INITDB_ROOT_USERNAME and MONGO_INITDB_ROOT_PASSWORD (from a secret)",
    "postgresql": "environment: remove POSTGRES_HOST_AUTH_METHOD=trust and set POSTGRES_PASSWORD (from a secret)",
    "mysql": "environment: remove MYSQL_ALLOW_EMPTY_PASSWORD and set MYSQL_ROOT_PASSWORD (from a secret)",
    "mariadb": "environment: remove MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and set MARIADB_ROOT_PASSWORD (from a secret)",
    "elasticsearch": "environment: xpack.security.enabled=true and ELASTIC_PASSWORD (from a secret)",
    "opensearch": "environment: remove DISABLE_SECURITY_PLUGIN / plugins.security.disabled and set "
    "OPENSEARCH_INITIAL_ADMIN_PASSWORD",
    "memcached": "memcached has no password: keep it unpublished, or start it with -S and SASL users",
    "qdrant": "environment: QDRANT__SERVICE__API_KEY (from a secret)",
    "chroma": "put Chroma behind an authenticating proxy, or keep it unpublished",
    "weaviate": "environment: AUTHENTICATION_APIKEY_ENABLED=true with AUTHENTICATION_APIKEY_ALLOWED_KEYS, "
    "AUTHENTICATION_ANONYMOUS_ACCESS_ENABLED=false",
    "clickhouse": "environment: CLICKHOUSE_PASSWORD (from a secret) for CLICKHOUSE_USER",
    "minio": "environment: MINIO_ROOT_USER and MINIO_ROOT_PASSWORD (from a secret), and no public bucket policy",
    "influxdb": "environment: 1.x INFLUXDB_HTTP_AUTH_ENABLED=true with an admin user; 2.x "
    "DOCKER_INFLUXDB_INIT_MODE=setup with DOCKER_INFLUXDB_INIT_PASSWORD; pin the tag",
    "mqtt": "mount a broker config that refuses anonymous clients (mosquitto: allow_anonymous false and a "
    "password_file; EMQX/HiveMQ: an authenticator)",
    "redpanda": "enable SASL: --set redpanda.enable_sasl=true with a superuser, and admin_api_require_auth",
    "kafka": "a SASL_SSL listener (KAFKA_LISTENER_SECURITY_PROTOCOL_MAP) with SCRAM users",
    "arangodb": "environment: remove ARANGO_NO_AUTH and set ARANGO_ROOT_PASSWORD (from a secret)",
    "surrealdb": "remove --unauthenticated; start with --user and --pass from a secret",
    "edgedb": "remove insecure_dev_mode; set EDGEDB_SERVER_PASSWORD (GEL_SERVER_PASSWORD) from a secret",
    "ravendb": "remove RAVEN_Security_UnsecuredAccessAllowed=PublicNetwork and set up a certificate",
    "activemq": "configure the broker's simpleAuthenticationPlugin (Artemis: ARTEMIS_USER / ARTEMIS_PASSWORD)",
    "yugabytedb": "start with --ysql_enable_auth=true and --use_cassandra_authentication=true (yugabyted: --secure)",
    "intersystems-iris": "command: --password-file /run/secrets/iris-password (or a CPF merge file with "
    "PasswordHash), so no account keeps SYS",
    "seaweedfs": "environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (from a secret), or -s3.config with "
    "identities and no anonymous one",
    "temporal": "environment: TEMPORAL_AUTH_AUTHORIZER=default and TEMPORAL_AUTH_CLAIM_MAPPER=default with JWT "
    "keys, or TEMPORAL_TLS_REQUIRE_CLIENT_AUTH=true with client certificates",
    "immudb": "environment: IMMUDB_ADMIN_PASSWORD (from a secret), not immudb",
    "rustfs": "environment: RUSTFS_ACCESS_KEY and RUSTFS_SECRET_KEY (from a secret), not a published login",
    "memgraph": "environment: MEMGRAPH_USER and MEMGRAPH_PASSWORD (from a secret)",
    "meilisearch": "environment: MEILI_MASTER_KEY (from a secret) and MEILI_ENV=production",
    "nebula": "command: --enable_authorize=true, then change the root password",
    "mongo-express": "environment: ME_CONFIG_BASICAUTH_USERNAME and ME_CONFIG_BASICAUTH_PASSWORD (from a secret); "
    "better, do not publish it",
    "phoenix": "environment: PHOENIX_ENABLE_AUTH=true and PHOENIX_SECRET (from a secret); change the admin password",
    "consul": 'CONSUL_LOCAL_CONFIG with acl { enabled = true, default_policy = "deny" }',
    "pulsar": "authenticationEnabled=true and authorizationEnabled=true with a token provider",
    "gremlin": "mount a gremlin-server.yaml with an authenticator (SimpleAuthenticator / JanusGraph's)",
    "prometheus": "--web.config.file with basic_auth_users (bcrypt) and TLS",
    "vault": "drop VAULT_DEV_ROOT_TOKEN_ID (a dev server's token is then random), or run a real server: "
    "server -config with a storage backend, initialised and sealed",
    "geoserver": "environment: GEOSERVER_ADMIN_PASSWORD (from a secret)",
    "grafana": "environment: GF_SECURITY_ADMIN_PASSWORD (from a secret), GF_AUTH_ANONYMOUS_ENABLED=false",
    "mail-catcher": "environment: MP_UI_AUTH_FILE (Mailpit) with a password file, or keep the UI unpublished",
    "heavydb": "after start: ALTER USER admin (password = '...') from a secret, and keep 6274/6278 unpublished",
    "hapi-fhir": "put the FHIR server behind an authenticating proxy (SMART on FHIR / OAuth2), or keep it unpublished",
    "build-cache": "bazel-remote: --htpasswd_file (or --tls_ca_file for client certificates); keep the CAS unpublished",
    "nostr-relay": "restrict writers (a pubkey whitelist or NIP-42 auth), or keep the relay unpublished",
    "etcd": "--client-cert-auth with --trusted-ca-file, or etcdctl auth enable with a root password",
}


def auth_in_container(engine: str | None, line: int | None = None) -> str:
    """The one setting that gives this engine's container a password."""
    step = _AUTH_IN_CONTAINER.get(engine or "", "configure the engine's authentication (see the references)")
    return f"line {line}: {step}" if line else step


def loopback_port(raw: str) -> str:
    """``"6379:6379"`` -> ``"127.0.0.1:6379:6379"``; ``"0.0.0.0:5432:5432"`` -> ``"127.0.0.1:5432:5432"``."""
    spec, slash, proto = raw.partition("/")
    parts = spec.split(":")
    if len(parts) == 1:
        parts = [parts[0], parts[0]]
    elif len(parts) >= 3:
        parts = parts[-2:]
    return "127.0.0.1:" + ":".join(parts) + (slash + proto)


def publish_on_loopback(raw: str, line: int) -> str:
    if raw.startswith("{"):  # long syntax
        return f'line {line}: host_ip: "127.0.0.1" in this ports entry, or drop the entry'
    return f'line {line}: - "{loopback_port(raw)}"   (loopback only; or drop it: other services use the service name)'
