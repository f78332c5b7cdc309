"""Prometheus: a systemd ``ExecStart=`` that serves the web API on every interface without ``--web.config.file``."""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Remediation, Severity
from .._net import is_all_interfaces
from .._parse.prometheus import PrometheusFlags
from .._rule import ConfigRule, Hit, RuleCategory

HTTPS = "https://prometheus.io/docs/prometheus/latest/configuration/https/"
SECURITY = "https://prometheus.io/docs/operating/security/"


def listen_host(address: str) -> str:
    """``0.0.0.0:9090`` -> ``0.0.0.0``; ``:9090`` -> ``''`` (every interface); ``[::]:9090`` -> ``::``."""
    host = address.strip().strip("'\"").rsplit(":", 1)[0] if ":" in address else address
    return host.strip("[]")


def _open_web(conf: PrometheusFlags) -> Iterator[Hit]:
    if not conf.complete or conf.web_config is not None:
        return
    host = listen_host(conf.listen.value)
    if host and not is_all_interfaces(host):
        return
    yield Hit.at(
        conf.listen,
        f"Prometheus serves its web API on {conf.listen.value} (every interface) without --web.config.file: anyone "
        "who reaches it reads the loaded configuration (scrape jobs, their usernames and internal hosts), every "
        "target and every series",
    )


RULES = (
    ConfigRule(
        id="UG-PROM-001",
        title="Prometheus serves its API on every interface without authentication",
        severity=Severity.HIGH,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="Prometheus has no authentication unless --web.config.file configures it; by default it "
        "listens on 0.0.0.0:9090, where /api/v1/status/config maps the internal network and its credentials' owners.",
        remediation=Remediation(
            summary="Add --web.config.file with basic auth (and TLS), or listen on loopback behind a proxy.",
            steps=(
                "web.yml: basic_auth_users: {admin: <bcrypt hash>}; tls_server_config: {cert_file: ..., key_file: ...}",
                "ExecStart=/usr/bin/prometheus ... --web.config.file=/etc/prometheus/web.yml",
                "or --web.listen-address=127.0.0.1:9090 behind an authenticating reverse proxy; firewall 9090",
            ),
            references=(HTTPS, SECURITY),
        ),
        reads=PrometheusFlags,
        check=_open_web,
    ),
)
