"""Classes round 18 of the registry corpus showed (benchmarks/config/corpus.py). Each class has
a case that must fail the gate and one that must not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from unguarded.config_audit._parse.yamlines import load_yaml

from .helpers import gate, one_service

Write = Callable[[str, str], Path]
OPEN = {"UG-COMPOSE-001"}


def test_anchor_names_beyond_ascii_are_yaml_as_compose_reads_it(write: Write, tmp_path: Path) -> None:
    """YAML 1.2 allows any non-space characters in an anchor's name; libyaml only ASCII."""
    write(
        "docker-compose.yml",
        "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: x\n"
        "    healthcheck: &健康检查\n      test: [CMD, pg_isready]\n"
        '  cache:\n    image: redis:7\n    healthcheck: *健康检查\n    ports:\n      - "6379:6379"\n',
    )
    assert gate(tmp_path) == OPEN


def test_an_anchor_without_a_name_is_still_an_error() -> None:
    with pytest.raises(ValueError, match="not valid YAML"):
        load_yaml("a: & \nb: 1\n")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (("volumes:", "  - ./data/influxdb:/var/lib/influxdb"), OPEN),  # 1.x keeps no switch in its data
        (("volumes:", "  - ./influxdb.conf:/etc/influxdb/influxdb.conf"), set()),  # judged where it is audited
        (("environment:", "  INFLUXDB_HTTP_AUTH_ENABLED: 'true'"), set()),
    ],
)
def test_influxdb_1_with_its_data_mounted_is_still_open(
    write: Write, tmp_path: Path, lines: tuple[str, ...], expected: set[str]
) -> None:
    write("docker-compose.yml", one_service("influxdb:1.3.5", 8086, *lines))
    assert gate(tmp_path) == expected


def test_influxdb_2_with_its_data_mounted_may_be_set_up_already(write: Write, tmp_path: Path) -> None:
    write("docker-compose.yml", one_service("influxdb:2.7", 8086))
    assert gate(tmp_path) == OPEN  # un-onboarded: the first caller of /api/v2/setup owns it
    write("docker-compose.yml", one_service("influxdb:2.7", 8086, "volumes:", "  - ./data:/var/lib/influxdb2"))
    assert gate(tmp_path) == set()


def test_a_list_named_elasticsearch_yml_is_an_ansible_file_not_the_engines(write: Write, tmp_path: Path) -> None:
    write(
        "roles/search/handlers/elasticsearch.yml",
        "---\n# handlers\n\n- name: Restart elasticsearch\n  service:\n    name: elasticsearch\n    state: restarted\n",
    )
    assert gate(tmp_path) == set()
    write("config/elasticsearch.yml", "network.host: [0.0.0.0\n")  # a broken mapping still fails closed
    assert gate(tmp_path) == {"UG-CONFIG-001"}


@pytest.mark.parametrize(
    ("mount", "expected"),
    [
        ("./zoo.cfg:/conf/zoo.cfg", set()),  # its own zoo.cfg (here: TLS only) is judged where it is
        ("./conf:/conf", set()),
        ("./ca:/var/certs", OPEN),  # certificates are not its configuration
    ],
)
def test_zookeeper_with_its_own_zoo_cfg_mounted_is_judged_by_that_file(
    write: Write, tmp_path: Path, mount: str, expected: set[str]
) -> None:
    write("tools/zoo.cfg", "dataDir=/data\nsecureClientPort=2281\nserverCnxnFactory=x.NettyServerCnxnFactory\n")
    write("tools/docker-compose.yaml", one_service("zookeeper", 2281, "volumes:", f'  - "{mount}"'))
    assert gate(tmp_path) == expected


_API = """apiVersion: apps/v1
kind: Deployment
metadata: {{name: api}}
spec:
  selector: {{matchLabels: {{app: api}}}}
  template:
    metadata: {{labels: {{app: api}}}}
    spec:
      containers:
        - name: api
          image: {image}
          ports: [{{containerPort: {port}}}]
---
apiVersion: v1
kind: Service
metadata: {{name: api}}
spec:
  type: NodePort
  selector: {{app: api}}
  ports: [{{port: {port}, targetPort: {port}}}]
"""


@pytest.mark.parametrize(
    ("image", "port", "expected"),
    [
        ("ghcr.io/acme/api:1", 8000, set()),  # 8000 is every web app's port; the pod runs an app
        ("ghcr.io/acme/api:1", 5432, {"UG-K8S-003"}),  # 5432 alone says a database, whatever the image
        ("chromadb/chroma:0.5.0", 8000, {"UG-K8S-001"}),  # Chroma itself, open by default
    ],
)
def test_a_node_port_to_an_application_on_a_shared_port_is_not_a_database(
    write: Write, tmp_path: Path, image: str, port: int, expected: set[str]
) -> None:
    write("deploy.yaml", _API.format(image=image, port=port))
    assert gate(tmp_path) & {"UG-K8S-001", "UG-K8S-003"} == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ((), OPEN),
        (("environment:", "  PHOENIX_ENABLE_AUTH: 'true'", "  PHOENIX_SECRET: ${PHOENIX_SECRET}"), set()),
        (("environment:", "  PHOENIX_ENABLE_AUTH: 'false'"), OPEN),
    ],
)
def test_phoenix_keeps_traces_without_a_login_unless_auth_is_enabled(
    write: Write, tmp_path: Path, lines: tuple[str, ...], expected: set[str]
) -> None:
    write("compose.yaml", one_service("arizephoenix/phoenix:latest", 6006, *lines))
    assert gate(tmp_path) == expected


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("c.KernelGatewayApp.ip = '0.0.0.0'\nc.KernelGatewayApp.prespawn_count = 1\n", {"UG-JUPYTER-001"}),
        ("c.KernelGatewayApp.ip = '0.0.0.0'\nc.KernelGatewayApp.auth_token = ''\n", {"UG-JUPYTER-001"}),
        ("c.KernelGatewayApp.ip = '0.0.0.0'\nc.KernelGatewayApp.auth_token = 'a-long-secret'\n", set()),
        ("c.KernelGatewayApp.prespawn_count = 1\n", set()),  # ip defaults to 127.0.0.1
    ],
)
def test_a_kernel_gateway_asks_for_no_token_unless_one_is_set(
    write: Write, tmp_path: Path, config: str, expected: set[str]
) -> None:
    write("jupyter_kernel_gateway_config.py", config)
    assert gate(tmp_path) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (("environment:", "  ME_CONFIG_MONGODB_URL: mongodb://root:example@mongo:27017/"), OPEN),
        (("environment:", "  ME_CONFIG_BASICAUTH: 'false'", "  ME_CONFIG_BASICAUTH_USERNAME: admin"), OPEN),
        (("environment:", "  ME_CONFIG_BASICAUTH_USERNAME: admin", "  ME_CONFIG_BASICAUTH_PASSWORD: ${ME_PW}"), set()),
    ],
)
def test_mongo_express_without_a_login_hands_out_the_database(
    write: Write, tmp_path: Path, lines: tuple[str, ...], expected: set[str]
) -> None:
    write("docker-compose.yml", one_service("mongo-express:1.0.2", 8081, *lines))
    assert gate(tmp_path) == expected
