"""KubeRay resources whose Ray head is reachable from outside the cluster without token
authentication (UG-K8S-008): ``headGroupSpec.serviceType``, ``enableIngress`` and an
Ingress or Route in the same folder naming the head Service KubeRay creates.

The manifests are written here from KubeRay's documented ray.io/v1 schema; the fixtures
under fixtures/UG-K8S-008 hold the basic positive and negative files, these the edges.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from unguarded.config_audit import audit_paths

from .helpers import TODAY

Write = Callable[[str, str], Path]
RULE = "UG-K8S-008"


def _found(tmp_path: Path) -> list[tuple[str, int]]:
    report = audit_paths([tmp_path], today=TODAY, cwd=tmp_path)
    assert not report.errors, report.errors
    return sorted((f.path, f.line) for f in report.findings if f.rule_id == RULE)


def _ray(
    kind: str = "RayCluster",
    head: str = "",
    env: str = "",
    spec: str = "",
    name: str = "demo",
    api: str = "ray.io/v1",
) -> str:
    """A KubeRay resource; ``head`` lines go under headGroupSpec, ``spec`` lines beside it."""
    nest = {"RayCluster": "", "RayService": "rayClusterConfig", "RayJob": "rayClusterSpec"}[kind]
    pad = "  " if nest else ""
    inner = "".join(f"{pad}  {line}\n" for line in spec.splitlines())
    inner += f"{pad}  headGroupSpec:\n"
    inner += "".join(f"{pad}    {line}\n" for line in head.splitlines())
    inner += f"{pad}    rayStartParams: {{}}\n{pad}    template:\n{pad}      spec:\n{pad}        containers:\n"
    inner += f"{pad}          - name: ray-head\n{pad}            image: rayproject/ray:2.41.0\n"
    if env:
        inner += f"{pad}            env:\n" + "".join(f"{pad}              {line}\n" for line in env.splitlines())
    top = f"  {nest}:\n" if nest else ""
    return f"apiVersion: {api}\nkind: {kind}\nmetadata:\n  name: {name}\nspec:\n{top}{inner}"


def _ingress(service: str, port: str = "number: 8265", annotations: str = "") -> str:
    notes = f"  annotations:\n{annotations}" if annotations else ""
    return (
        f"apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\n{notes}spec:\n  rules:\n"
        "    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n"
        f"              service:\n                name: {service}\n                port:\n                  {port}\n"
    )


@pytest.mark.parametrize(
    ("kind", "service_type", "expected"),
    [
        ("RayService", "NodePort", [("ray.yaml", 8)]),
        ("RayCluster", "LoadBalancer", [("ray.yaml", 7)]),
        ("RayJob", "NodePort", [("ray.yaml", 8)]),
        ("RayCluster", "ClusterIP", []),
        ("RayService", "ClusterIP", []),
    ],
)
def test_service_type(
    write: Write, tmp_path: Path, kind: str, service_type: str, expected: list[tuple[str, int]]
) -> None:
    write("ray.yaml", _ray(kind, head=f"serviceType: {service_type}"))
    assert _found(tmp_path) == expected


def test_no_service_type_is_cluster_ip(write: Write, tmp_path: Path) -> None:
    write("ray.yaml", _ray("RayService"))
    assert _found(tmp_path) == []


@pytest.mark.parametrize("api", ["ray.io/v1alpha1", "ray.io/v1"])
def test_every_ray_io_version(write: Write, tmp_path: Path, api: str) -> None:
    write("ray.yaml", _ray(head="serviceType: LoadBalancer", api=api))
    assert _found(tmp_path) == [("ray.yaml", 7)]


def test_other_api_groups_are_not_kuberay(write: Write, tmp_path: Path) -> None:
    write("ray.yaml", _ray(head="serviceType: LoadBalancer", api="example.com/v1"))
    assert _found(tmp_path) == []


@pytest.mark.parametrize(
    ("env", "spec", "expected"),
    [
        ("- name: RAY_AUTH_MODE\n  value: token", "", []),
        ("- name: RAY_AUTH_MODE\n  value: disabled", "", [("ray.yaml", 8)]),
        ("- name: RAY_AUTH_TOKEN\n  value: not-a-mode", "", [("ray.yaml", 8)]),
        ("", "authOptions:\n  mode: token", []),
        ("", "authOptions:\n  mode: disabled", [("ray.yaml", 10)]),
    ],
)
def test_token_authentication(
    write: Write, tmp_path: Path, env: str, spec: str, expected: list[tuple[str, int]]
) -> None:
    write("ray.yaml", _ray("RayService", head="serviceType: NodePort", env=env, spec=spec))
    assert _found(tmp_path) == expected


def test_token_in_a_sidecar_is_not_ray_s(write: Write, tmp_path: Path) -> None:
    """KubeRay runs Ray in the first container: a sidecar's RAY_AUTH_MODE does not turn Ray's on."""
    text = _ray(head="serviceType: NodePort") + (
        "          - name: proxy\n            image: nginx:1.27\n            env:\n"
        "              - name: RAY_AUTH_MODE\n                value: token\n"
    )
    write("ray.yaml", text)
    assert _found(tmp_path) == [("ray.yaml", 7)]


def test_fix_names_the_line(write: Write, tmp_path: Path) -> None:
    write("ray.yaml", _ray("RayService", head="serviceType: NodePort", name="svc"))
    (finding,) = audit_paths([tmp_path], today=TODAY, cwd=tmp_path).findings
    assert finding.severity.value == "critical"
    assert finding.remediation.steps[0].startswith("line 8: serviceType: ClusterIP")
    assert "kubectl port-forward svc/svc-head-svc 8265:8265" in finding.remediation.steps[0]
    assert "spec.rayClusterConfig.authOptions: {mode: token}" in finding.remediation.steps[1]
    assert "CVE-2023-48022" in finding.message


def test_enable_ingress(write: Write, tmp_path: Path) -> None:
    write("ray.yaml", _ray(head="enableIngress: true"))
    assert _found(tmp_path) == [("ray.yaml", 7)]
    write("ray.yaml", _ray(head="enableIngress: false"))
    assert _found(tmp_path) == []


@pytest.mark.parametrize(
    ("service", "port", "expected"),
    [
        ("demo-head-svc", "number: 8265", [("ingress.yaml", 9)]),
        ("demo-head-svc", "name: dashboard", [("ingress.yaml", 9)]),
        ("demo-head-svc", "number: 10001", [("ingress.yaml", 9)]),
        # the Serve application of a RayService, and ports that are no control plane
        ("demo-serve-svc", "number: 8000", []),
        ("demo-head-svc", "number: 8080", []),
        # an unrelated Service
        ("grafana", "number: 8265", []),
    ],
)
def test_ingress_to_the_head_service(
    write: Write, tmp_path: Path, service: str, port: str, expected: list[tuple[str, int]]
) -> None:
    write("ray.yaml", _ray("RayService"))
    write("ingress.yaml", _ingress(service, port))
    assert _found(tmp_path) == expected


def test_ingress_to_a_named_head_service(write: Write, tmp_path: Path) -> None:
    head = "headService:\n  metadata:\n    name: my-head"
    write("ray.yaml", _ray(head=head))
    write("ingress.yaml", _ingress("my-head"))
    write("default-name/ray.yaml", _ray(head=head))
    write("default-name/ingress.yaml", _ingress("demo-head-svc"))  # the name is replaced, not added
    report = audit_paths([tmp_path], today=TODAY, cwd=tmp_path)
    (finding,) = [f for f in report.findings if f.rule_id == RULE]
    assert (finding.path, finding.line) == ("ingress.yaml", 9)
    assert [(r.path, r.line) for r in finding.related] == [("ray.yaml", 1)]
    assert "Service 'my-head'" in finding.message


def test_ingress_to_a_custom_dashboard_port(write: Write, tmp_path: Path) -> None:
    env_and_ports = _ray().replace(
        "image: rayproject/ray:2.41.0\n",
        "image: rayproject/ray:2.41.0\n            ports:\n              - name: dashboard\n"
        "                containerPort: 8266\n",
    )
    write("ray.yaml", env_and_ports)
    write("ingress.yaml", _ingress("demo-head-svc", "number: 8266"))
    assert _found(tmp_path) == [("ingress.yaml", 9)]


def test_ingress_needs_the_same_folder_and_namespace(write: Write, tmp_path: Path) -> None:
    write("ray/ray.yaml", _ray())
    write("web/ingress.yaml", _ingress("demo-head-svc"))
    write("ns/ray.yaml", _ray().replace("  name: demo\n", "  name: demo\n  namespace: ray\n"))
    write("ns/ingress.yaml", _ingress("demo-head-svc").replace("  name: i\n", "  name: i\n  namespace: web\n"))
    assert _found(tmp_path) == []


def test_ingress_with_authentication_or_token(write: Write, tmp_path: Path) -> None:
    write("auth/ray.yaml", _ray())
    write(
        "auth/ingress.yaml",
        _ingress("demo-head-svc", annotations="    nginx.ingress.kubernetes.io/auth-type: basic\n"),
    )
    write("token/ray.yaml", _ray(env="- name: RAY_AUTH_MODE\n  value: token"))
    write("token/ingress.yaml", _ingress("demo-head-svc"))
    assert _found(tmp_path) == []


def test_rayjob_head_service_is_generated(write: Write, tmp_path: Path) -> None:
    """A RayJob's cluster name is generated: an Ingress cannot name its head Service without headService."""
    write("ray.yaml", _ray("RayJob"))
    write("ingress.yaml", _ingress("demo-head-svc"))
    assert _found(tmp_path) == []
