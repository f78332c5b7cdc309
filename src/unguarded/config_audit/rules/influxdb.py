"""InfluxDB 1.x: ``influxdb.conf`` (``[http] auth-enabled``, ``bind-address``, ``https-enabled``).

Authentication is off by default and the HTTP API listens on ``:8086`` (every
interface), so a default configuration is an open database.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Remediation, Severity
from .._net import is_loopback
from .._parse.influxdb import InfluxConf
from .._rule import ConfigRule, Hit, RuleCategory

AUTH = "https://docs.influxdata.com/influxdb/v1/administration/authentication_and_authorization/"
CONFIG = "https://docs.influxdata.com/influxdb/v1/administration/config/#http-endpoints-settings"
HTTPS = "https://docs.influxdata.com/influxdb/v1/administration/https_setup/"
DEFAULT_BIND = ":8086"


def _bind_host(bind: str) -> str:
    """``:8086`` -> ``''`` (every interface), ``127.0.0.1:8086`` -> ``127.0.0.1``, ``[::1]:8086`` -> ``::1``."""
    host = bind.rsplit(":", 1)[0] if ":" in bind else bind
    return host.strip("[]")


def network_http(conf: InfluxConf) -> str | None:
    """The HTTP bind address when the API is on and reachable beyond loopback."""
    http = conf.table("http")
    if http.get("enabled") is False:
        return None
    bind = str(http.get("bind-address", DEFAULT_BIND))
    host = _bind_host(bind)
    return None if host and is_loopback(host) else bind


def _auth_disabled(conf: InfluxConf) -> Iterator[Hit]:
    bind = network_http(conf)
    if bind is None or conf.table("http").get("auth-enabled") is True:
        return
    key = "auth-enabled" if "auth-enabled" in conf.table("http") else "bind-address"
    yield Hit(
        conf.line("http", key),
        f"[http] auth-enabled is off and the API listens on {bind!r}: every client is an admin that can read, "
        "write and drop every database",
        conf.path,
    )


def _basic_auth_in_clear(conf: InfluxConf) -> Iterator[Hit]:
    http = conf.table("http")
    if network_http(conf) is None or http.get("auth-enabled") is not True or http.get("https-enabled") is True:
        return
    key = "https-enabled" if "https-enabled" in http else "auth-enabled"
    yield Hit(
        conf.line("http", key),
        "authentication is on but HTTPS is off on a network interface: usernames and passwords (Basic auth or "
        "u/p query parameters) cross the network in clear text",
        conf.path,
    )


RULES = (
    ConfigRule(
        id="UG-INFLUX-001",
        title="InfluxDB serves its HTTP API on the network without authentication",
        severity=Severity.CRITICAL,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="With auth-enabled = false (the default) anyone who reaches the HTTP port queries, writes and "
        "drops every database; InfluxDB 1.x listens on every interface by default.",
        remediation=Remediation(
            summary="Create an admin user, turn authentication on and bind to a private address.",
            steps=(
                "CREATE USER admin WITH PASSWORD '<long password>' WITH ALL PRIVILEGES",
                "[http] auth-enabled = true",
                '[http] bind-address = "127.0.0.1:8086"   (or the private address clients use)',
            ),
            references=(AUTH, CONFIG),
        ),
        reads=InfluxConf,
        check=_auth_disabled,
    ),
    ConfigRule(
        id="UG-INFLUX-002",
        title="InfluxDB takes passwords over plain HTTP on the network",
        severity=Severity.MEDIUM,
        category=RuleCategory.ENCRYPTION,
        cwe=319,
        description="Authentication is on but the API is plain HTTP on a network interface, so every client "
        "sends its password in clear text and anyone on the path can reuse it.",
        remediation=Remediation(
            summary="Serve the API over HTTPS.",
            steps=(
                "[http] https-enabled = true",
                '[http] https-certificate = "/etc/ssl/influxdb.pem"  and  https-private-key = "/etc/ssl/influxdb-key.pem"',
            ),
            references=(HTTPS, CONFIG),
        ),
        reads=InfluxConf,
        check=_basic_auth_in_clear,
    ),
)
