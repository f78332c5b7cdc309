"""Neo4j: neo4j.conf (5.x ``server.*`` names, 4.x ``dbms.*`` names, 3.x ``dbms.connectors.*``).

Authentication is on by default; ``dbms.security.auth_enabled=false`` makes every client
an administrator. Neo4j listens on localhost unless a listen address says otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Remediation, Severity
from .._net import is_loopback
from .._parse.lines import Setting
from .._parse.neo4j import Neo4jConfig
from .._rule import ConfigRule, Hit, RuleCategory

AUTH = "https://neo4j.com/docs/operations-manual/current/authentication-authorization/"
CONNECTORS = "https://neo4j.com/docs/operations-manual/current/configuration/connectors/"

_LISTEN = (
    "server.default_listen_address",
    "dbms.default_listen_address",
    "dbms.connectors.default_listen_address",
    "server.http.listen_address",
    "server.https.listen_address",
    "server.bolt.listen_address",
    "dbms.connector.http.listen_address",
    "dbms.connector.https.listen_address",
    "dbms.connector.bolt.listen_address",
)


def _host(value: str) -> str:
    """``0.0.0.0:7474`` -> ``0.0.0.0``; ``[::]:7687`` -> ``::``; ``:7474`` -> ``''`` (the default address)."""
    value = value.strip()
    if value.startswith("["):
        return value[1:].split("]", 1)[0]
    if value.count(":") == 1:
        return value.split(":", 1)[0]
    return value


def exposed_listener(conf: Neo4jConfig) -> Setting | None:
    for name in _LISTEN:
        setting = conf.get(name)
        if setting is not None and _host(setting.value) and not is_loopback(_host(setting.value)):
            return setting
    return None


def _open(conf: Neo4jConfig) -> Iterator[Hit]:
    auth = conf.get("dbms.security.auth_enabled")
    listener = exposed_listener(conf)
    if auth is not None and auth.value.strip().lower() == "false" and listener is not None:
        yield Hit.at(
            auth,
            f"authentication is disabled and Neo4j listens on {listener.value} (line {listener.line}): anyone who "
            "reaches ports 7474/7687 runs any Cypher as an administrator, reading and deleting the whole graph",
        )


RULES = (
    ConfigRule(
        id="UG-NEO4J-001",
        title="Neo4j authentication disabled on a network interface",
        severity=Severity.CRITICAL,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="With dbms.security.auth_enabled=false every client of the HTTP and Bolt connectors is an "
        "administrator: it may read, change and delete every node and run any procedure.",
        remediation=Remediation(
            summary="Turn authentication back on and listen on a private address.",
            steps=(
                "dbms.security.auth_enabled=true  (the default; then neo4j-admin dbms set-initial-password <secret>)",
                "server.default_listen_address=127.0.0.1 (4.x: dbms.default_listen_address); firewall 7474, 7473, 7687",
            ),
            references=(AUTH, CONNECTORS),
        ),
        reads=Neo4jConfig,
        check=_open,
    ),
)
