"""etcd: client URLs on the network without client certificate authentication, or over plain HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from ...models import Remediation, Severity
from .._net import is_loopback
from .._parse.etcd import EtcdConfig
from .._parse.lines import Setting
from .._rule import ConfigRule, Hit, RuleCategory

SECURITY = "https://etcd.io/docs/v3.5/op-guide/security/"
RBAC = "https://etcd.io/docs/v3.5/op-guide/authentication/rbac/"
FLAGS = "https://etcd.io/docs/v3.5/op-guide/configuration/"


def network_urls(setting: Setting) -> list[str]:
    """The client URLs of a ``listen-client-urls`` value that reach beyond loopback."""
    out = []
    for url in setting.value.split(","):
        url = url.strip()
        if not url:
            continue
        host = urlsplit(url if "://" in url else "http://" + url).hostname or ""
        if not is_loopback(host):
            out.append(url)
    return out


def _no_client_auth(conf: EtcdConfig) -> Iterator[Hit]:
    listen = conf.get("listen-client-urls")
    if listen is None or not conf.complete or conf.is_true("client-cert-auth"):
        return
    if conf.in_container and not conf.host_network:
        return  # every interface of a container is its own network; publishing is judged by compose/K8s rules
    exposed = network_urls(listen)
    if exposed:
        where = "every interface of the host" if conf.in_container else ", ".join(exposed)
        yield Hit.at(
            listen,
            f"etcd serves clients on {where} without --client-cert-auth: unless someone ran 'etcdctl auth "
            "enable', any client that reaches port 2379 reads every key (cluster secrets, database URLs) and "
            "can rewrite them",
        )


def _plain_http(conf: EtcdConfig) -> Iterator[Hit]:
    listen = conf.get("listen-client-urls")
    if listen is None:
        return
    plain = [url for url in network_urls(listen) if url.lower().startswith("http://")]
    if plain:
        yield Hit.at(
            listen,
            f"{', '.join(plain)} is plain HTTP on the network: keys, values and any auth token or password "
            "travel unencrypted, and client certificates cannot be checked",
        )


RULES = (
    ConfigRule(
        id="UG-ETCD-001",
        title="etcd serves clients on the network without client certificate auth",
        severity=Severity.CRITICAL,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="etcd starts with authentication disabled; listening on a network address without "
        "--client-cert-auth hands every key of the cluster (Kubernetes secrets, credentials) to whoever "
        "reaches port 2379.",
        remediation=Remediation(
            summary="Require client certificates (and TLS) on the client port, or listen on loopback only.",
            steps=(
                "--client-cert-auth=true --trusted-ca-file=/etc/etcd/ca.pem --cert-file=/etc/etcd/server.pem "
                "--key-file=/etc/etcd/server-key.pem",
                "--listen-client-urls=https://127.0.0.1:2379,https://<private address>:2379",
                "also: etcdctl user add root && etcdctl user grant-role root root && etcdctl auth enable",
            ),
            references=(SECURITY, RBAC),
        ),
        reads=EtcdConfig,
        check=_no_client_auth,
    ),
    ConfigRule(
        id="UG-ETCD-002",
        title="etcd serves clients over plain HTTP on the network",
        severity=Severity.MEDIUM,
        category=RuleCategory.ENCRYPTION,
        cwe=319,
        description="An http:// client URL on a network address sends every key, value and credential in "
        "clear text and cannot check client certificates.",
        remediation=Remediation(
            summary="Serve clients over HTTPS.",
            steps=(
                "--listen-client-urls=https://<address>:2379 --cert-file=/etc/etcd/server.pem "
                "--key-file=/etc/etcd/server-key.pem",
            ),
            references=(SECURITY, FLAGS),
        ),
        reads=EtcdConfig,
        check=_plain_http,
    ),
)
