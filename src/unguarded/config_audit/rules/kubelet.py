"""Kubelet: its API (10250) open to anonymous callers or authorising every request.

Whoever the kubelet lets in may list pods, read their environment (secrets included)
and run commands in any container on the node (``/exec``, ``/run``): the first step of
many cluster takeovers and cryptomining campaigns on exposed nodes.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Remediation, Severity
from .._parse.kubelet import KubeletConfig
from .._rule import ConfigRule, Hit, RuleCategory

KUBELET_AUTH = "https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/"
KUBELET_CONFIG = "https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/"
CIS = "https://www.cisecurity.org/benchmark/kubernetes"


def _anonymous(conf: KubeletConfig) -> bool:
    return conf.anonymous is not None and conf.anonymous.value.lower() == "true"


def _always_allow(conf: KubeletConfig) -> bool:
    return conf.authorization_mode is not None and conf.authorization_mode.value == "AlwaysAllow"


def _open(conf: KubeletConfig) -> Iterator[Hit]:
    if _anonymous(conf) and _always_allow(conf):
        assert conf.anonymous is not None and conf.authorization_mode is not None
        yield Hit.at(
            conf.anonymous,
            "anonymous requests are accepted and authorization is AlwaysAllow "
            f"(line {conf.authorization_mode.line}): anyone who reaches port 10250 runs commands in every pod "
            "on the node and reads their secrets",
            fix=(
                f"line {conf.anonymous.line}: authentication.anonymous.enabled: false   (--anonymous-auth=false)",
                f"line {conf.authorization_mode.line}: authorization.mode: Webhook   (--authorization-mode=Webhook)",
            ),
        )


def _half_open(conf: KubeletConfig) -> Iterator[Hit]:
    if _anonymous(conf) and not _always_allow(conf):
        assert conf.anonymous is not None
        yield Hit.at(
            conf.anonymous,
            "anonymous requests are accepted (as system:anonymous): one RBAC binding away from every pod on the node",
            fix=(f"line {conf.anonymous.line}: authentication.anonymous.enabled: false   (--anonymous-auth=false)",),
        )
    elif _always_allow(conf) and not _anonymous(conf):
        assert conf.authorization_mode is not None
        yield Hit.at(
            conf.authorization_mode,
            "authorization is AlwaysAllow: any client the kubelet authenticates (any certificate of the cluster CA, "
            "any service account token) may run commands in every pod on the node",
            fix=(f"line {conf.authorization_mode.line}: authorization.mode: Webhook   (--authorization-mode=Webhook)",),
        )


RULES = (
    ConfigRule(
        id="UG-KUBELET-001",
        title="Kubelet API open to anonymous callers with AlwaysAllow",
        severity=Severity.CRITICAL,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="The kubelet accepts anonymous requests and authorises every request: anyone who reaches "
        "port 10250 can run commands in any container on the node and read the secrets in its environment.",
        remediation=Remediation(
            summary="Turn anonymous authentication off and authorise through the API server (Webhook).",
            steps=(
                "authentication.anonymous.enabled: false   (--anonymous-auth=false)",
                "authorization.mode: Webhook   (--authorization-mode=Webhook)",
            ),
            references=(KUBELET_AUTH, KUBELET_CONFIG, CIS),
        ),
        reads=KubeletConfig,
        check=_open,
    ),
    ConfigRule(
        id="UG-KUBELET-002",
        title="Kubelet accepts anonymous requests or authorises every request",
        severity=Severity.HIGH,
        category=RuleCategory.AUTHORIZATION,
        cwe=862,
        description="One of the kubelet's two guards is off: anonymous requests are accepted (then only RBAC "
        "for system:anonymous stands between a stranger and the node's pods), or AlwaysAllow lets any "
        "authenticated client run commands in every pod; CIS Kubernetes 4.2.1 and 4.2.2.",
        remediation=Remediation(
            summary="Keep anonymous authentication off and authorization on Webhook.",
            steps=(
                "authentication.anonymous.enabled: false   (--anonymous-auth=false)",
                "authorization.mode: Webhook   (--authorization-mode=Webhook)",
            ),
            references=(KUBELET_AUTH, CIS),
        ),
        reads=KubeletConfig,
        check=_half_open,
    ),
)
