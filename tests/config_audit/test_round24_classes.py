"""Classes round 24 of the registry corpus showed (benchmarks/config/corpus.py): Vault dev
servers with their root token in the file, GeoServer's and Grafana's published logins, mail
catchers that show every e-mail, and etcd whose flags listen on every interface of a container
nobody publishes. Each class has a case that must fail the gate and one that must not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import gate, one_service

Write = Callable[[str, str], Path]
OPEN = {"UG-COMPOSE-001"}


@pytest.mark.parametrize(
    ("image", "port", "lines", "expected"),
    [
        (
            "hashicorp/vault:1.16",
            8200,
            ("environment:", "  VAULT_DEV_ROOT_TOKEN_ID: root", "command: vault server -dev"),
            OPEN,
        ),
        (
            "hashicorp/vault:1.16",
            8200,
            ("environment:", "  VAULT_DEV_ROOT_TOKEN_ID: root"),
            OPEN,
        ),  # the image's CMD is -dev
        ("hashicorp/vault:1.16", 8200, ("command: vault server -dev",), set()),  # a random token, in the log
        ("hashicorp/vault:1.16", 8200, ("environment:", "  VAULT_DEV_ROOT_TOKEN_ID: dev-token-7f3a"), set()),
        ("hashicorp/vault:1.16", 8200, ("environment:", "  VAULT_DEV_ROOT_TOKEN_ID: ${TOKEN}"), set()),
        (
            "hashicorp/vault:1.16",
            8200,
            ("environment:", "  VAULT_DEV_ROOT_TOKEN_ID: root", "command: vault server -config /vault/config"),
            set(),
        ),
        ("docker.osgeo.org/geoserver:2.27.0", 8080, (), OPEN),  # admin / geoserver
        ("docker.osgeo.org/geoserver:2.27.0", 8080, ("environment:", "  GEOSERVER_ADMIN_PASSWORD: ${GS_PW}"), set()),
        ("kartoza/geoserver:2.25.2", 8080, (), set()),  # generates a random password
        ("grafana/grafana:11.0.0", 3000, (), OPEN),  # admin / admin
        ("grafana/grafana:11.0.0", 3000, ("environment:", "  GF_SECURITY_ADMIN_PASSWORD: admin"), OPEN),
        ("grafana/grafana:11.0.0", 3000, ("environment:", "  GF_SECURITY_ADMIN_PASSWORD: ${GF_PW}"), set()),
        (
            "grafana/grafana:11.0.0",
            3000,
            ("environment:", "  GF_SECURITY_ADMIN_PASSWORD: ${GF_PW}", "  GF_AUTH_ANONYMOUS_ENABLED: 'true'"),
            OPEN,
        ),
        ("grafana/grafana:11.0.0", 3000, ("volumes:", "  - ./grafana.ini:/etc/grafana/grafana.ini"), set()),
        ("axllent/mailpit:latest", 8025, (), OPEN),
        ("axllent/mailpit:latest", 8025, ("environment:", "  MP_UI_AUTH_FILE: /data/auth"), set()),
        ("mailhog/mailhog", 8025, (), OPEN),
    ],
)
def test_published_logins_and_dev_servers(
    write: Write, tmp_path: Path, image: str, port: int, lines: tuple[str, ...], expected: set[str]
) -> None:
    write("docker-compose.yml", one_service(image, port, *lines))
    assert gate(tmp_path) == expected


ETCD = """\
services:
  etcd:
    image: quay.io/coreos/etcd:v3.5.18
    command: >-
      etcd -advertise-client-urls=http://etcd:2379 -listen-client-urls=http://0.0.0.0:2379 --data-dir=/etcd
{published}"""


@pytest.mark.parametrize(
    ("published", "expected"),
    [("", set()), ('    ports:\n      - "2379:2379"\n', OPEN), ("    network_mode: host\n", {"UG-ETCD-001"})],
)
def test_etcd_on_every_interface_of_a_container_is_judged_by_what_reaches_the_container(
    write: Write, tmp_path: Path, published: str, expected: set[str]
) -> None:
    write("docker-compose.yml", ETCD.format(published=published))
    found = gate(tmp_path)
    assert found >= expected if expected else not found
