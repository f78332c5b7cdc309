"""ClickHouse: users.xml (users without a password, networks open to all) and config.xml (listen_host)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

from ...models import Remediation, Severity
from .._net import is_all_interfaces, is_world
from .._parse.clickhouse import ClickHouseConfig
from .._parse.lines import Setting
from .._rule import ConfigRule, Hit, RuleCategory

USERS = "https://clickhouse.com/docs/en/operations/settings/settings-users"
ACCESS = "https://clickhouse.com/docs/en/operations/access-rights"
LISTEN = "https://clickhouse.com/docs/en/operations/server-configuration-parameters/settings#listen_host"
HARDENING = "https://clickhouse.com/docs/en/guides/sre/network-ports"


def world_network(entry: Setting) -> bool:
    """``::/0``, ``0.0.0.0/0``, ``::``, a ``host_regexp`` of ``.*``: any address may connect."""
    value = entry.value.strip()
    if is_world(value) or value in {"::", "::/0", ".*", "^.*$", ".+", "^.+$"}:
        return True
    try:
        return ipaddress.ip_network(value, strict=False).prefixlen == 0
    except ValueError:
        return False


def _open_user(conf: ClickHouseConfig) -> Iterator[Hit]:
    for user in conf.users:
        if user.no_password is None or not user.networks:
            continue
        world = next((n for n in user.networks if world_network(n)), None)
        if world is not None:
            yield Hit.at(
                user.no_password,
                f"user '{user.name}' has no password and may connect from any address ({world.value}, "
                f"line {world.line}): wherever the server listens beyond loopback, anyone reads, changes and "
                "drops every table (ClickHouse uses 'default' when a client names no user)",
            )


def _listen_all(conf: ClickHouseConfig) -> Iterator[Hit]:
    for host in conf.listen_hosts:
        if is_all_interfaces(host.value):
            yield Hit.at(
                host,
                f"listen_host {host.value} serves the HTTP (8123) and native (9000) ports on every interface "
                "(the default is localhost only); users.xml networks and passwords are then all that stands "
                "between the data and the network",
            )
            return


RULES = (
    ConfigRule(
        id="UG-CLICKHOUSE-001",
        title="ClickHouse user without a password reachable from any address",
        severity=Severity.CRITICAL,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="A user with an empty password whose networks allow every address: the shipped "
        "users.xml gives 'default' exactly that, the configuration behind ClickHouse servers that leaked "
        "chat logs and API keys.",
        remediation=Remediation(
            summary="Give the user a password and limit its networks.",
            steps=(
                "users.xml: <password_sha256_hex>$(echo -n '<secret>' | sha256sum | cut -d' ' -f1)</password_sha256_hex> "
                "instead of <password></password>",
                "users.xml: <networks><ip>127.0.0.1</ip><ip>::1</ip><ip>10.0.0.0/8</ip></networks> instead of <ip>::/0</ip>",
            ),
            references=(USERS, ACCESS),
        ),
        reads=ClickHouseConfig,
        check=_open_user,
    ),
    ConfigRule(
        id="UG-CLICKHOUSE-002",
        title="ClickHouse listens on every interface",
        severity=Severity.LOW,
        category=RuleCategory.NETWORK_EXPOSURE,
        cwe=668,
        description="listen_host :: or 0.0.0.0 opens the HTTP and native ports on every interface; with a "
        "passwordless user anywhere in users.xml the data is one packet away from the internet.",
        remediation=Remediation(
            summary="Listen on loopback or the private address only.",
            steps=("config.xml: <listen_host>127.0.0.1</listen_host> (and the private address that needs it)",),
            references=(LISTEN, HARDENING),
        ),
        reads=ClickHouseConfig,
        check=_listen_all,
    ),
)
