"""Elasticsearch and OpenSearch: elasticsearch.yml / opensearch.yml (nested or dotted keys)."""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Remediation, Severity
from .._net import is_loopback
from .._parse.elasticsearch import ElasticConfig
from .._parse.lines import Setting
from .._rule import ConfigRule, Hit, RuleCategory

MINIMAL = "https://www.elastic.co/guide/en/elasticsearch/reference/current/security-minimal-setup.html"
NETWORK = "https://www.elastic.co/guide/en/elasticsearch/reference/current/modules-network.html"
ANONYMOUS = "https://www.elastic.co/guide/en/elasticsearch/reference/current/anonymous-access.html"
HTTP = "https://www.elastic.co/guide/en/elasticsearch/reference/current/modules-network.html#http-settings"
OPENSEARCH = "https://opensearch.org/docs/latest/security/configuration/disable-enable-security/"

_HOST_SETTINGS = ("network.host", "network.bind_host", "http.host", "http.bind_host", "transport.host")


def exposed_host(conf: ElasticConfig) -> Setting | None:
    """The first host setting that reaches beyond loopback (the default is ``_local_``)."""
    for name in _HOST_SETTINGS:
        setting = conf.get(name)
        if setting is not None and any(not is_loopback(v) for v in setting.value.split(",") if v.strip()):
            return setting
    return None


def security_off(conf: ElasticConfig) -> Setting | None:
    if conf.flavor == "opensearch":
        return conf.is_true("plugins.security.disabled")
    return conf.is_false("xpack.security.enabled")


#: settings Elasticsearch 8.0 removed: a file that sets them is for a version that starts with security off
_BEFORE_8 = ("node.master", "node.data", "node.ingest", "node.ml", "bootstrap.mlockall", "http.enabled")


def before_8(conf: ElasticConfig) -> tuple[str, Setting] | None:
    """A setting that only Elasticsearch before 8.0 reads (``discovery.zen.*``, ``node.master``), if any."""
    if conf.flavor != "elasticsearch":
        return None
    for name, setting in conf.settings.items():
        if name.startswith("discovery.zen.") or name in _BEFORE_8:
            return name, setting
    return None


def _open(conf: ElasticConfig) -> Iterator[Hit]:
    off, host = security_off(conf), exposed_host(conf)
    if off is not None and host is not None:
        yield Hit.at(
            off,
            f"security is disabled and the node listens on {host.value} (line {host.line}): anyone who "
            "reaches port 9200 can read, change and delete every index",
        )
    old = before_8(conf)
    if off is None and host is not None and old is not None and conf.get("xpack.security.enabled") is None:
        name, setting = old
        yield Hit.at(
            host,
            f"the node listens on {host.value}, and {name} (line {setting.line}) is a setting of Elasticsearch "
            "before 8.0, which starts with security off unless xpack.security.enabled: true: anyone who reaches "
            "port 9200 can read, change and delete every index",
            fix=(
                "add xpack.security.enabled: true (and set the passwords), or bind network.host to a private address",
            ),
        )


def _security_off(conf: ElasticConfig) -> Iterator[Hit]:
    off = security_off(conf)
    if off is not None and exposed_host(conf) is None:
        yield Hit.at(
            off,
            f"{conf.flavor} security is disabled: no authentication, no authorization, no TLS; the node is "
            "open to whoever reaches it once its host setting or a proxy widens access",
        )


def _anonymous(conf: ElasticConfig) -> Iterator[Hit]:
    roles = conf.get("xpack.security.authc.anonymous.roles")
    if roles is not None and roles.value.strip("[] "):
        yield Hit.at(
            roles,
            f"anonymous requests get the roles {roles.value}: anyone who reaches the node acts with them "
            "without credentials",
        )


def _cors(conf: ElasticConfig) -> Iterator[Hit]:
    origin = conf.get("http.cors.allow-origin")
    if conf.is_true("http.cors.enabled") and origin is not None and origin.value.strip() in {"*", "/.*/", "/.+/"}:
        yield Hit.at(
            origin,
            f"http.cors.allow-origin: {origin.value!r} lets any web page a user visits send requests to this "
            "node from the user's browser",
        )


RULES = (
    ConfigRule(
        id="UG-ES-001",
        title="Elasticsearch/OpenSearch security disabled on a network interface",
        severity=Severity.CRITICAL,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="Security is switched off and the node listens beyond loopback: the REST API on 9200 "
        "answers anyone, the configuration behind most leaked and wiped indices.",
        remediation=Remediation(
            summary="Enable security (authentication and TLS) before listening on the network.",
            steps=(
                "xpack.security.enabled: true   (OpenSearch: remove plugins.security.disabled)",
                "xpack.security.http.ssl.enabled: true",
                "bin/elasticsearch-reset-password -u elastic",
            ),
            references=(MINIMAL, NETWORK, OPENSEARCH),
        ),
        reads=ElasticConfig,
        check=_open,
    ),
    ConfigRule(
        id="UG-ES-002",
        title="Elasticsearch/OpenSearch security disabled",
        severity=Severity.HIGH,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="With security off every request is served without authentication. The node listens "
        "on loopback here, but any proxy, port forward or host change exposes everything.",
        remediation=Remediation(
            summary="Enable security.",
            steps=("xpack.security.enabled: true   (OpenSearch: plugins.security.disabled: false)",),
            references=(MINIMAL, OPENSEARCH),
        ),
        reads=ElasticConfig,
        check=_security_off,
    ),
    ConfigRule(
        id="UG-ES-003",
        title="Elasticsearch grants roles to anonymous users",
        severity=Severity.HIGH,
        category=RuleCategory.AUTHORIZATION,
        cwe=284,
        description="Requests without credentials are given the listed roles, so the data those roles read is "
        "open to anyone who reaches the node.",
        remediation=Remediation(
            summary="Remove anonymous access, or give it a role that reads nothing sensitive.",
            steps=("delete xpack.security.authc.anonymous.roles",),
            references=(ANONYMOUS,),
        ),
        reads=ElasticConfig,
        check=_anonymous,
    ),
    ConfigRule(
        id="UG-ES-004",
        title="Elasticsearch CORS allows every origin",
        severity=Severity.MEDIUM,
        category=RuleCategory.HARDENING,
        cwe=942,
        description="A wildcard CORS origin lets scripts on any website call the node through visitors' "
        "browsers, reaching clusters behind firewalls.",
        remediation=Remediation(
            summary="List the exact origins that need access.",
            steps=('http.cors.allow-origin: "https://kibana.example.com"',),
            references=(HTTP,),
        ),
        reads=ElasticConfig,
        check=_cors,
    ),
)
