"""Docker against the Engine API stand-in: open daemon (root on the host), env secrets classified, read-only.

The stand-in logs every request; the read-only proof is that log holding nothing but
``GET`` requests, none of them to an endpoint that creates, starts, execs or pulls.
"""

from __future__ import annotations

import dataclasses
import json

import pytest

from tests.conftest import FAST, Lab, assert_value_free, only_service, run_scan, validate_report
from unguarded.engines.docker import ENGINE, _env
from unguarded.lab.servers import DockerStandIn

DB_URL = "postgres://billing:Xq7-lab-only-dock-pw@db.internal:5432/billing"
API_KEY = "sk_live_51LabOnlyNotARealKey9f8e7d6c5b4a3f2e1d0c"
CONTAINERS = [
    {
        "Name": "billing-api",
        "Image": "registry.internal/billing-api:3.2",
        "Env": [
            f"DATABASE_URL={DB_URL}",
            f"STRIPE_API_KEY={API_KEY}",
            "POSTGRES_PASSWORD=Xq7-lab-only-dock-pw",
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        ],
    },
    {"Name": "nginx", "Image": "nginx:1.25", "Env": ["NGINX_VERSION=1.25.3", "PKG_RELEASE=1~bookworm"]},
    {"Name": "old-job", "Image": "busybox:1.36", "State": "exited", "Env": ["MODE=batch"]},
]


def requests_after(server: DockerStandIn, since: int) -> list[dict[str, object]]:
    return server.requests()[since:]


@pytest.fixture(scope="module")
def open_docker(lab: Lab) -> DockerStandIn:
    server = lab.get("docker")
    assert isinstance(server, DockerStandIn)
    server.seed({"containers": CONTAINERS, "images": 7, "volumes": 3})
    return server


def test_open_daemon_is_admin_with_env_secrets_classified_and_read_only(open_docker, report_schema):
    server = open_docker
    since = len(server.requests())
    report = run_scan([f"docker://127.0.0.1:{server.port}"])
    data = validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.version) == ("docker", "open", "admin", "24.0.5")
    assert svc.severity == "critical"
    detail = svc.auth_detail or ""
    assert "root on the host" in detail and "3 containers (2 running, 3 inspected)" in detail, detail
    assert "7 images" in detail and "3 volumes" in detail
    by_name = {d.name: d for d in svc.datasets}
    assert set(by_name) == {"billing-api", "nginx", "old-job"}  # ?all=1: the exited one too
    billing = by_name["billing-api"]
    assert billing.records == 4 and billing.kind == "container env"
    assert "credential.secret" in billing.categories or "credential.password" in billing.categories, billing.categories
    assert not ({"credential.secret", "credential.password"} & set(by_name["nginx"].categories))
    assert_value_free(report, DB_URL, API_KEY, "Xq7-lab-only-dock-pw")
    assert "Xq7-lab-only" not in json.dumps(data)
    # read-only, from the stand-in's own request log
    requests = requests_after(server, since)
    assert requests and {r["method"] for r in requests} == {"GET"}, requests
    paths = {str(r["path"]) for r in requests}
    assert not any(p.endswith(("/create", "/start", "/exec", "/kill")) or "/images/create" in p for p in paths)


def test_docker_found_without_hint(open_docker):
    svc = only_service(run_scan([f"127.0.0.1:{open_docker.port}"]))
    assert (svc.engine, svc.exposure, svc.access) == ("docker", "open", "admin")


def test_authorization_plugin_is_protected(lab: Lab, report_schema):
    server = lab.get("docker", protected=True)
    assert isinstance(server, DockerStandIn)
    server.seed({"containers": CONTAINERS})
    since = len(server.requests())
    report = run_scan([f"127.0.0.1:{server.port}"])
    validate_report(report, report_schema)
    svc = only_service(report)
    assert (svc.engine, svc.exposure, svc.access, svc.datasets, svc.severity) == (
        "docker",
        "protected",
        "none",
        (),
        "info",
    )
    assert "authorization plugin" in (svc.auth_detail or "")
    assert {r["method"] for r in requests_after(server, since)} == {"GET"}


def test_a_daemon_with_a_huge_container_list_stays_bounded(lab: Lab):
    server = lab.get("docker")
    assert isinstance(server, DockerStandIn)
    server.seed({"containers": CONTAINERS, "extra_containers": 20000, "images": 1, "volumes": 0})
    try:
        since = len(server.requests())
        options = dataclasses.replace(FAST, max_datasets=10, dataset_byte_cap=256 * 1024)
        svc = only_service(run_scan([f"docker://127.0.0.1:{server.port}"], options))
        inspections = [r for r in requests_after(server, since) if str(r["path"]).startswith("/containers/")]
    finally:
        server.seed({"containers": CONTAINERS, "images": 7, "volumes": 3})
    assert (svc.engine, svc.exposure) == ("docker", "open")
    assert len(svc.datasets) == 10
    messages = " ".join(e.message for e in svc.errors)
    assert "byte cap, cut short" in messages and "--max-datasets" in messages
    assert len(inspections) == 11  # the listing and ten inspections


def test_unknown_endpoints_get_the_daemons_404(open_docker):
    import httpx

    answer = httpx.post(f"http://127.0.0.1:{open_docker.port}/v1.43/containers/create", json={})
    assert (answer.status_code, answer.json()) == (404, {"message": "page not found"})
    assert answer.headers["Server"] == "Docker/24.0.5 (linux)" and answer.headers["Api-Version"] == "1.43"


# ---------------------------------------------------------------- recorded answers


def test_match_recorded_answers():
    version = (
        b"HTTP/1.1 200 OK\r\nApi-Version: 1.43\r\nContent-Type: application/json\r\nDocker-Experimental: false\r\n"
        b"Ostype: linux\r\nServer: Docker/24.0.5 (linux)\r\n\r\n"
        b'{"Platform":{"Name":"Docker Engine - Community"},"Version":"24.0.5","ApiVersion":"1.43",'
        b'"MinAPIVersion":"1.12","Os":"linux","Arch":"amd64"}'
    )
    assert ENGINE.match(version).version == "24.0.5"
    denied = (
        b"HTTP/1.1 403 Forbidden\r\nApi-Version: 1.43\r\nServer: Docker/24.0.5 (linux)\r\n\r\n"
        b'{"message":"authorization denied by plugin opa-docker-authz: request rejected by administrative policy"}'
    )
    assert ENGINE.match(denied).detail == "protected"
    etcd = b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"etcdserver":"3.5.9","etcdcluster":"3.5.0"}'
    assert ENGINE.match(etcd) is None


def test_env_strings_split_once():
    assert _env(["A=1", "URL=postgres://u:p@h/db?x=y", "EMPTY=", "junk", 7]) == {
        "A": "1",
        "URL": "postgres://u:p@h/db?x=y",
        "EMPTY": "",
    }
