"""Kubernetes exposures beyond Services: Strimzi ``Kafka`` listeners (UG-KAFKA-002) and an
Ingress in front of an HTTP data service that is open by its image defaults (UG-K8S-006).

The cases come from the Strimzi listener reference and the Kubernetes Ingress docs; the
fixtures under fixtures/UG-KAFKA-002 and fixtures/UG-K8S-006 hold the basic positive and
negative files, these the edges: other serialisations, annotations, ports and sidecars.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from unguarded.config_audit import audit_paths

from .helpers import TODAY

Write = Callable[[str, str], Path]


def _found(tmp_path: Path, rule: str) -> list[tuple[str, int]]:
    report = audit_paths([tmp_path], today=TODAY, cwd=tmp_path)
    assert not report.errors, report.errors
    return sorted((f.path, f.line) for f in report.findings if f.rule_id == rule)


# ------------------------------------------------------------------ Strimzi


def _kafka(*listeners: str, api: str = "kafka.strimzi.io/v1beta2") -> str:
    body = "".join(f"      {line}\n" for line in listeners)
    return f"apiVersion: {api}\nkind: Kafka\nmetadata:\n  name: c\nspec:\n  kafka:\n    listeners:\n{body}"


@pytest.mark.parametrize(
    ("listeners", "expected"),
    [
        (("- name: ext", "  port: 9094", "  type: loadbalancer", "  tls: false"), [8]),
        (("- name: ext", "  port: 9094", "  type: ingress", "  tls: true"), [8]),
        (("- {name: ext, port: 9094, type: nodeport, tls: false}",), [8]),
        # internal and cluster-ip listeners stay inside the cluster
        (("- {name: plain, port: 9092, type: internal, tls: false}",), []),
        (("- {name: cip, port: 9092, type: cluster-ip, tls: false}",), []),
        # any authentication type authenticates, custom (OAuth through a custom SASL callback) too
        (("- {name: ext, port: 9094, type: route, tls: true, authentication: {type: custom, sasl: true}}",), []),
        (("- {name: ext, port: 9094, type: nodeport, tls: true, authentication: {type: tls}}",), []),
    ],
)
def test_strimzi_listener_types(write: Write, tmp_path: Path, listeners: tuple[str, ...], expected: list[int]) -> None:
    write("kafka.yaml", _kafka(*listeners))
    assert _found(tmp_path, "UG-KAFKA-002") == [("kafka.yaml", line) for line in expected]


def test_strimzi_legacy_external_listener(write: Write, tmp_path: Path) -> None:
    write(
        "old.yaml", _kafka("plain: {}", "external:", "  type: nodeport", "  tls: false", api="kafka.strimzi.io/v1beta1")
    )
    write("old-auth/old.yaml", _kafka("external:", "  type: route", "  authentication: {type: scram-sha-512}"))
    assert _found(tmp_path, "UG-KAFKA-002") == [("old.yaml", 9)]


def test_strimzi_other_api_groups_are_not_strimzi(write: Write, tmp_path: Path) -> None:
    write("kafka.yaml", _kafka("- {name: ext, port: 9094, type: nodeport}", api="example.com/v1"))
    assert _found(tmp_path, "UG-KAFKA-002") == []


def test_strimzi_in_json_and_lists(write: Write, tmp_path: Path) -> None:
    kafka = {
        "apiVersion": "kafka.strimzi.io/v1beta2",
        "kind": "Kafka",
        "metadata": {"name": "c"},
        "spec": {"kafka": {"listeners": [{"name": "ext", "port": 9094, "type": "loadbalancer", "tls": False}]}},
    }
    write("kafka.json", json.dumps(kafka, indent=2))
    write("list/items.yaml", f"apiVersion: v1\nkind: List\nitems:\n  - {json.dumps(kafka)}\n")
    found = _found(tmp_path, "UG-KAFKA-002")
    assert [path for path, _line in found] == ["kafka.json", "list/items.yaml"]


def test_strimzi_fix_names_the_line(write: Write, tmp_path: Path) -> None:
    write("kafka.yaml", _kafka("- {name: ext, port: 9094, type: nodeport, tls: false}"))
    (finding,) = audit_paths([tmp_path], today=TODAY, cwd=tmp_path).findings
    assert finding.remediation.steps[0].startswith("line 8: add authentication: {type: scram-sha-512}")
    assert "KafkaUser" in finding.remediation.steps[1]


# ------------------------------------------------------------------ Ingress


def _ingress(service: str, port: str = "number: 9090", annotations: str = "") -> str:
    notes = f"  annotations:\n{annotations}" if annotations else ""
    return (
        f"apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: i\n{notes}spec:\n  rules:\n"
        "    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n"
        f"              service:\n                name: {service}\n                port:\n                  {port}\n"
    )


def _app(image: str, port: int, target: str = "", sidecar: str = "") -> str:
    target_line = f"      targetPort: {target}\n" if target else ""
    extra = f"        - name: side\n          image: {sidecar}\n" if sidecar else ""
    return (
        f"apiVersion: v1\nkind: Service\nmetadata:\n  name: app\nspec:\n  selector:\n    app: app\n  ports:\n"
        f"    - port: {port}\n{target_line}---\n"
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    metadata:\n"
        "      labels:\n        app: app\n    spec:\n      containers:\n"
        f"        - name: main\n          image: {image}\n          ports:\n"
        f"            - name: http\n              containerPort: {port}\n{extra}"
    )


def test_ingress_joins_files_of_one_folder(write: Write, tmp_path: Path) -> None:
    write("app/ingress.yaml", _ingress("app"))
    write("app/app.yaml", _app("prom/prometheus", 9090))
    (finding,) = audit_paths([tmp_path], today=TODAY, cwd=tmp_path).findings
    assert (finding.rule_id, finding.path, finding.line) == ("UG-K8S-006", "app/ingress.yaml", 9)
    assert "Service 'app'" in finding.message and "Prometheus" in finding.message
    assert [(r.path, r.line) for r in finding.related] == [("app/app.yaml", 1), ("app/app.yaml", 22)]
    assert "--web.config.file" in finding.remediation.steps[1]


@pytest.mark.parametrize(
    ("annotations", "expected"),
    [
        ("    nginx.ingress.kubernetes.io/auth-url: https://auth.example.com/oauth2/auth\n", []),
        ('    nginx.ingress.kubernetes.io/auth-tls-verify-client: "on"\n', []),
        ("    nginx.ingress.kubernetes.io/auth-tls-verify-client: optional\n", [9]),
        ("    traefik.ingress.kubernetes.io/router.middlewares: auth-basic@kubernetescrd\n", []),
        ("    nginx.ingress.kubernetes.io/allowlist-source-range: 10.0.0.0/8,192.168.0.0/16\n", []),
        ("    nginx.ingress.kubernetes.io/whitelist-source-range: 0.0.0.0/0\n", [9]),
        ("    kubernetes.io/ingress.class: gce-internal\n", []),
        ("    kubernetes.io/ingress.class: nginx\n", [9]),
    ],
)
def test_ingress_annotations(write: Write, tmp_path: Path, annotations: str, expected: list[int]) -> None:
    text = _ingress("app", annotations=annotations)
    write("ingress.yaml", text)
    write("app.yaml", _app("prom/prometheus", 9090))
    shift = annotations.count("\n") + 1  # the annotations: line and its entries
    assert _found(tmp_path, "UG-K8S-006") == [("ingress.yaml", line + shift) for line in expected]


def test_ingress_to_a_protected_or_non_http_service(write: Write, tmp_path: Path) -> None:
    write("redis/ingress.yaml", _ingress("app", "number: 6379"))
    write("redis/app.yaml", _app("redis:7", 6379))  # open redis, but an Ingress carries only HTTP
    write("es/ingress.yaml", _ingress("app", "number: 9200"))
    write("es/app.yaml", _app("elasticsearch:8.15.0", 9200))  # security on by default since 8
    write("solr/ingress.yaml", _ingress("other", "number: 8983"))  # names a Service that is not there
    write("solr/app.yaml", _app("solr:9.6", 8983))
    assert _found(tmp_path, "UG-K8S-006") == []


def test_ingress_port_picks_the_container(write: Write, tmp_path: Path) -> None:
    """The Service port leads to the web container's named port: a Prometheus sidecar is not behind it."""
    write("web/ingress.yaml", _ingress("app", "name: http"))
    write(
        "web/app.yaml",
        _app("nginx:1.27", 8080, target="http", sidecar="prom/prometheus").replace(
            "- port:", "- name: http\n      port:"
        ),
    )
    assert _found(tmp_path, "UG-K8S-006") == []
    write("es/ingress.yaml", _ingress("app", "number: 9200"))
    write("es/app.yaml", _app("elasticsearch:7.17.0", 9200, target="http"))
    assert _found(tmp_path, "UG-K8S-006") == [("es/ingress.yaml", 9)]


# ------------------------------------------------------------------ Zalando postgres-operator


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("  enableMasterPoolerLoadBalancer: true\n  allowedSourceRanges: [10.0.0.0/8, 0.0.0.0/0]\n", [6]),
        ("  enableReplicaLoadBalancer: true\n  allowedSourceRanges: ['::/0']\n", [6]),
        ("  enableMasterLoadBalancer: true\n  allowedSourceRanges: []\n", []),  # [] revokes every range
        ("  enableMasterLoadBalancer: true\n  allowedSourceRanges: [127.0.0.1/32]\n", []),
    ],
)
def test_zalando_load_balancers(write: Write, tmp_path: Path, spec: str, expected: list[int]) -> None:
    write("pg.yaml", f"apiVersion: acid.zalan.do/v1\nkind: postgresql\nmetadata:\n  name: acid\nspec:\n{spec}")
    assert _found(tmp_path, "UG-K8S-007") == [("pg.yaml", line) for line in expected]
