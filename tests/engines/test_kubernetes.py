"""Kubernetes against the API server and kubelet stand-in: open, protected, GETs only, bounded.

The stand-in logs every request on each of its three ports; the read-only proof is that
log holding nothing but ``GET`` requests, none of them to exec, attach, port-forward, a
proxy or a SelfSubjectRulesReview, and the secrets asked for by name only.
"""

from __future__ import annotations

import dataclasses
import json

import httpx
import pytest

from tests.conftest import FAST, Lab, assert_value_free, only_service, run_scan, validate_report
from unguarded.engines.kubernetes import ENGINE, pod_env
from unguarded.lab.servers import KubernetesStandIn

DB_URL = "postgres://billing:Kq9-lab-only-kube-pw@db.internal:5432/billing"
TOKEN = "sk_live_51KubeLabOnlyNotARealKey9f8e7d6c5b4a3f2e1d0c"
DATA = {
    "namespaces": ["default", "kube-system", "billing"],
    "pods": [
        {
            "name": "billing-api-7d9f",
            "namespace": "billing",
            "containers": [
                {
                    "name": "api",
                    "image": "registry.internal/billing-api:3.2",
                    "env": [
                        {"name": "DATABASE_URL", "value": DB_URL},
                        {"name": "STRIPE_API_KEY", "value": TOKEN},
                        {"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}},
                    ],
                }
            ],
        },
        {
            "name": "coredns-5d78",
            "namespace": "kube-system",
            "containers": [{"name": "coredns", "env": [{"name": "GOMAXPROCS", "value": "2"}]}],
        },
    ],
    "secrets": [
        {"name": "db", "namespace": "billing", "data": {"password": "Kq9-lab-only-kube-pw"}},
        {"name": "default-token", "namespace": "default", "type": "kubernetes.io/service-account-token"},
    ],
    "configmaps": [
        {
            "name": "billing-config",
            "namespace": "billing",
            "data": {"SUPPORT_EMAIL": "canary-kube-3a9b@leak-test.example"},
        },
        {"name": "kube-root-ca.crt", "namespace": "default", "data": {"ca.crt": "-----BEGIN CERTIFICATE-----"}},
    ],
}
FORBIDDEN_PATHS = ("/exec", "/attach", "/portforward", "/proxy", "/run", "selfsubjectrulesreviews")


def requests_after(server: KubernetesStandIn, since: int) -> list[dict[str, object]]:
    return server.requests()[since:]


def assert_only_gets(requests: list[dict[str, object]]) -> None:
    assert requests and {r["method"] for r in requests} == {"GET"}, requests
    assert not any(str(r["path"]).endswith(FORBIDDEN_PATHS) or "/proxy/" in str(r["path"]) for r in requests)


@pytest.fixture(scope="module")
def open_kube(lab: Lab) -> KubernetesStandIn:
    server = lab.get("kubernetes")
    assert isinstance(server, KubernetesStandIn)
    server.seed(DATA)
    return server


def test_open_api_server_lists_pods_env_and_configmaps_and_counts_secrets_by_name(open_kube, report_schema):
    server = open_kube
    since = len(server.requests())
    report = run_scan([f"k8s://127.0.0.1:{server.port}"])
    data = validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.version, svc.tls) == (
        "kubernetes",
        "open",
        "read",
        "v1.29.2",
        True,
    )
    assert svc.severity == "critical"
    detail = svc.auth_detail or ""
    assert "3 namespaces, 2 secrets, 2 configmaps, 2 pods" in detail, detail
    by_name = {d.name: d for d in svc.datasets}
    assert set(by_name) == {"billing/billing-api-7d9f", "kube-system/coredns-5d78", "configmaps", "secrets"}
    billing = by_name["billing/billing-api-7d9f"]
    assert billing.records == 2 and billing.kind == "pod env"  # the valueFrom reference holds no value
    assert {"credential.secret", "credential.password"} & set(billing.categories), billing.categories
    assert "contact.email" in by_name["configmaps"].categories
    assert by_name["secrets"].records == 2 and by_name["secrets"].sampled == 0
    assert_value_free(report, DB_URL, TOKEN, "Kq9-lab-only-kube-pw", "canary-kube-3a9b@leak-test.example")
    assert "Kq9-lab-only" not in json.dumps(data)
    requests = requests_after(server, since)
    assert_only_gets(requests)
    secrets = [r for r in requests if r["path"] == "/api/v1/secrets"]
    assert secrets and all("PartialObjectMetadataList" in str(r["accept"]) for r in secrets)


def test_open_kubelet_is_admin_and_its_read_only_port_is_read(open_kube, report_schema):
    server = open_kube
    since = len(server.requests())
    report = run_scan([f"kubelet://127.0.0.1:{server.kubelet_port}", f"127.0.0.1:{server.readonly_port}"])
    validate_report(report, report_schema)
    by_port = {s.port: s for s in report.services}
    kubelet, readonly = by_port[server.kubelet_port], by_port[server.readonly_port]
    assert (kubelet.engine, kubelet.exposure, kubelet.access, kubelet.tls) == ("kubernetes", "open", "admin", True)
    assert (readonly.engine, readonly.exposure, readonly.access, readonly.tls) == ("kubernetes", "open", "read", False)
    assert "/exec" in (kubelet.auth_detail or "") and "2 pods on this node" in (kubelet.auth_detail or "")
    pods = {d.name: d for d in readonly.datasets}
    assert {"credential.secret", "credential.password"} & set(pods["billing/billing-api-7d9f"].categories)
    assert_value_free(report, DB_URL, TOKEN)
    requests = requests_after(server, since)
    assert_only_gets(requests)
    assert {r["port"] for r in requests} >= {"kubelet", "readonly"}


def test_api_server_found_without_hint(open_kube):
    svc = only_service(run_scan([f"127.0.0.1:{open_kube.port}"]))
    assert (svc.engine, svc.exposure, svc.access) == ("kubernetes", "open", "read")


def test_rbac_and_kubelet_auth_are_protected(lab: Lab, report_schema):
    server = lab.get("kubernetes", protected=True)
    assert isinstance(server, KubernetesStandIn)
    server.seed(DATA)
    since = len(server.requests())
    report = run_scan([f"127.0.0.1:{server.port}", f"127.0.0.1:{server.kubelet_port}"])
    validate_report(report, report_schema)
    by_port = {s.port: s for s in report.services}
    api, kubelet = by_port[server.port], by_port[server.kubelet_port]
    for svc in (api, kubelet):
        assert (svc.engine, svc.exposure, svc.access, svc.datasets, svc.severity) == (
            "kubernetes",
            "protected",
            "none",
            (),
            "info",
        )
    assert "RBAC forbids" in (api.auth_detail or "") and api.version == "v1.29.2"
    assert "401" in (kubelet.auth_detail or "")
    assert_only_gets(requests_after(server, since))
    server.seed(DATA | {"anonymous": False})
    try:
        svc = only_service(run_scan([f"k8s://127.0.0.1:{server.port}"]))
    finally:
        server.seed(DATA)
    assert (svc.engine, svc.exposure, svc.access) == ("kubernetes", "protected", "none")
    assert "--anonymous-auth=false" in (svc.auth_detail or "")


def test_a_cluster_with_many_pods_stays_bounded(lab: Lab):
    server = lab.get("kubernetes")
    assert isinstance(server, KubernetesStandIn)
    server.seed(DATA | {"extra_pods": 20000})
    try:
        options = dataclasses.replace(FAST, max_datasets=10, dataset_byte_cap=256 * 1024)
        api = only_service(run_scan([f"k8s://127.0.0.1:{server.port}"], options))
        kubelet = only_service(run_scan([f"kubelet://127.0.0.1:{server.kubelet_port}"], options))
    finally:
        server.seed(DATA)
    assert (api.engine, api.exposure) == ("kubernetes", "open")
    assert len([d for d in api.datasets if d.kind == "pod env"]) == 10
    assert "--max-datasets" in " ".join(e.message for e in api.errors)
    assert "20002 pods" in (api.auth_detail or "")  # from remainingItemCount, without listing them
    assert len(kubelet.datasets) == 10
    assert "cut short" in " ".join(e.message for e in kubelet.errors)


def test_writes_and_unknown_paths_get_the_api_servers_answers(open_kube):
    base = f"https://127.0.0.1:{open_kube.port}"
    with httpx.Client(verify=False) as client:
        created = client.post(f"{base}/api/v1/namespaces", json={"metadata": {"name": "x"}})
        assert (created.status_code, created.json()["reason"]) == (405, "MethodNotAllowed")
        missing = client.get(f"{base}/api/v1/widgets")
        assert (missing.status_code, missing.json()["reason"]) == (404, "NotFound")
        assert client.get(f"{base}/nothing").text == "404 page not found"


# ---------------------------------------------------------------- recorded answers


def test_match_recorded_answers():
    version = (
        b"HTTP/1.1 200 OK\r\nAudit-Id: 1\r\nContent-Type: application/json\r\n\r\n"
        b'{"major":"1","minor":"29","gitVersion":"v1.29.2","gitCommit":"4b8e8193","gitTreeState":"clean",'
        b'"buildDate":"2024-02-14T10:32:40Z","goVersion":"go1.21.7","compiler":"gc","platform":"linux/amd64"}'
    )
    assert ENGINE.match(version).version == "v1.29.2"
    unauthorized = (
        b"HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\n\r\n"
        b'{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized",'
        b'"reason":"Unauthorized","code":401}'
    )
    assert ENGINE.match(unauthorized).detail == "API server, protected"
    kubelet = b"HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nUnauthorized"
    assert ENGINE.match(kubelet).detail == "kubelet, protected"
    basic = b"HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\nWww-Authenticate: Basic\r\n\r\nUnauthorized"
    assert ENGINE.match(basic) is None
    etcd = b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"etcdserver":"3.5.9","etcdcluster":"3.5.0"}'
    assert ENGINE.match(etcd) is None


def test_pod_env_keeps_literal_values_and_counts_references():
    name, env, referenced = pod_env(
        {
            "metadata": {"name": "p", "namespace": "ns"},
            "spec": {
                "containers": [
                    {"name": "a", "env": [{"name": "X", "value": "1"}, {"name": "S", "valueFrom": {}}]},
                    {"name": "b", "env": [{"name": "X", "value": "2"}, "junk"]},
                ]
            },
        }
    )
    assert (name, env, referenced) == ("ns/p", {"X": "1", "b.X": "2"}, 1)
