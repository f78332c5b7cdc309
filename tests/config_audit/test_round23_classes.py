"""Classes round 23 of the registry corpus showed (benchmarks/config/corpus.py): a RabbitMQ
whose mounted ``rabbitmq.conf`` lets guest in from the network, data services no rule knew
(OmniSciDB/HeavyDB, HAPI FHIR, remote build caches, Nostr relays), and a LoadBalancer to
port 8000 whose pods live in another file. Each class has a case that must fail the gate and
one that must not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from unguarded.config_audit import audit_paths
from unguarded.models import Severity

from .helpers import gate, one_service

Write = Callable[[str, str], Path]
OPEN = {"UG-COMPOSE-001"}

RABBIT = """\
services:
  rabbitmq:
    image: rabbitmq:3.9-management
{env}    volumes:
      - ./docker/rabbitmq/etc:/etc/rabbitmq
    ports:
      - 5672:5672
      - 15672:15672
"""


@pytest.mark.parametrize(
    ("conf", "env", "failing"),
    [
        ("loopback_users.guest = false\nlisteners.tcp.default = 5672\n", "", True),
        ("loopback_users = none\n", "", True),
        # another first user: the image does not create guest at all
        ("loopback_users.guest = false\n", "    environment:\n      RABBITMQ_DEFAULT_USER: app\n", False),
        ("listeners.tcp.default = 5672\n", "", False),  # guest stays loopback-only
    ],
)
def test_a_mounted_rabbitmq_conf_that_lets_guest_in_opens_the_published_broker(
    write: Write, tmp_path: Path, conf: str, env: str, failing: bool
) -> None:
    write("docker-compose.yml", RABBIT.format(env=env))
    write("docker/rabbitmq/etc/rabbitmq.conf", conf)
    report = audit_paths([tmp_path], cwd=tmp_path)
    failing_files = {f.path for f in report.active if f.severity.at_least(Severity.HIGH)}
    assert ("docker-compose.yml" in failing_files) is failing, failing_files


@pytest.mark.parametrize(
    ("image", "port", "lines", "expected"),
    [
        ("omnisci/core-os-cpu:v5.5.2", 6274, (), OPEN),  # admin / HyperInteractive
        ("heavyai/heavyai-ce-cpu:latest", 6274, (), OPEN),
        ("docker.io/hapiproject/hapi:v8.4.0-2", 8080, (), OPEN),
        ("buchgr/bazel-remote-cache:v2.4.4", 9092, (), OPEN),
        ("buchgr/bazel-remote-cache:v2.4.4", 9092, ("environment:", "  BAZEL_REMOTE_HTPASSWD_FILE: /etc/htp"), set()),
        ("scsibug/nostr-rs-relay:latest", 8080, (), OPEN),
        ("scsibug/nostr-rs-relay:latest", 8080, ("volumes:", "  - ./config.toml:/usr/src/app/config.toml"), set()),
    ],
)
def test_services_no_rule_knew(
    write: Write, tmp_path: Path, image: str, port: int, lines: tuple[str, ...], expected: set[str]
) -> None:
    write("docker-compose.yml", one_service(image, port, *lines))
    assert gate(tmp_path) == expected


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ('sh -c "go install github.com/fiatjaf/nak@latest && /go/bin/nak serve --hostname 0.0.0.0"', OPEN),
        ("bash -c 'pip install cascache_server && python -m cascache_server'", OPEN),
        ("bash -c 'pip install uv && uv run pytest'", set()),  # the test client beside them
    ],
)
def test_servers_told_by_their_start_command(write: Write, tmp_path: Path, command: str, expected: set[str]) -> None:
    write("docker-compose.yml", one_service("python:3.14-slim", 10547, f"command: {command}"))
    assert gate(tmp_path) == expected


SERVICE = """\
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  type: LoadBalancer
  selector:
    app: api
  ports:
    - port: 80
      targetPort: {port}
"""


@pytest.mark.parametrize(("port", "expected"), [(8000, set()), (9000, set()), (5432, {"UG-K8S-002"})])
def test_a_load_balancer_to_pods_in_another_file_counts_only_ports_that_say_database(
    write: Write, tmp_path: Path, port: int, expected: set[str]
) -> None:
    write("04-service.yaml", SERVICE.format(port=port))
    assert gate(tmp_path) == expected
