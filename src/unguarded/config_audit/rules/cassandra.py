"""Cassandra: cassandra.yaml.

Cassandra's default authenticator is ``AllowAllAuthenticator`` (no login at all), and the
shipped file says so explicitly; only ``rpc_address: localhost`` keeps CQL clients off the
network. Container images set ``rpc_address: 0.0.0.0``, which opens every keyspace.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Remediation, Severity
from .._net import is_loopback
from .._parse.cassandra import CassandraConfig
from .._parse.lines import Setting
from .._rule import ConfigRule, Hit, RuleCategory

SECURITY = "https://cassandra.apache.org/doc/latest/cassandra/managing/operating/security.html"
CONFIG = "https://cassandra.apache.org/doc/latest/cassandra/managing/configuration/cass_yaml_file.html"


def exposed_native_transport(conf: CassandraConfig) -> Setting | None:
    """The setting that puts the CQL native transport (9042) on a non-loopback interface."""
    address = conf.get("rpc_address")
    if address is not None and not is_loopback(address.value):
        return address
    interface = conf.get("rpc_interface")
    if address is None and interface is not None and interface.value.strip() != "lo":
        return interface
    return None


def _open(conf: CassandraConfig) -> Iterator[Hit]:
    exposed = exposed_native_transport(conf)
    if exposed is None:
        return
    auth = conf.authenticator()
    if auth is None:
        yield Hit.at(
            exposed,
            f"CQL listens on {exposed.value} and no authenticator is set, so Cassandra uses AllowAllAuthenticator: "
            "anyone who reaches port 9042 reads, changes and drops every keyspace",
        )
    elif auth.value.strip().rsplit(".", 1)[-1] == "AllowAllAuthenticator":
        yield Hit.at(
            auth,
            f"authenticator: AllowAllAuthenticator while CQL listens on {exposed.value} (line {exposed.line}): anyone "
            "who reaches port 9042 reads, changes and drops every keyspace",
        )


RULES = (
    ConfigRule(
        id="UG-CASSANDRA-001",
        title="Cassandra accepts CQL clients on a network interface without authentication",
        severity=Severity.CRITICAL,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="With AllowAllAuthenticator (the default) every client is let in without a login and "
        "Cassandra only accepts AllowAllAuthorizer with it, so whoever reaches the native port may read, write "
        "and drop every keyspace; the Meow bot wiped such clusters.",
        remediation=Remediation(
            summary="Require passwords, and keep the native transport on a private interface.",
            steps=(
                "authenticator: PasswordAuthenticator",
                "authorizer: CassandraAuthorizer",
                "rpc_address: <a private address> (or localhost); firewall 9042",
                "after the restart: create a superuser and drop or change the default cassandra/cassandra role",
            ),
            references=(SECURITY, CONFIG),
        ),
        reads=CassandraConfig,
        check=_open,
    ),
)
