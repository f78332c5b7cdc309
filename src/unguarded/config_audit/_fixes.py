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
