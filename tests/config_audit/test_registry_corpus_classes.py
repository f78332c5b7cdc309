"""Classes of exposure found in the registry corpus (benchmarks/config/corpus.py, tuning half):
a published ZooKeeper without SASL, and a NodePort in front of a database, fail the default gate."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from unguarded.config_audit import audit_paths
from unguarded.models import Severity

from .helpers import TODAY

Write = Callable[[str, str], Path]

_ZK = """zookeeper:
  image: confluentinc/cp-zookeeper
  ports:
    - "2181:2181"
  environment:
    ZOOKEEPER_CLIENT_PORT: 2181
"""


def _rules(tmp_path: Path) -> list[tuple[str, int, Severity]]:
    report = audit_paths([tmp_path], today=TODAY, cwd=tmp_path)
    assert not report.errors, report.errors
    return [(f.rule_id, f.line, f.severity) for f in report.findings]


def test_a_published_zookeeper_without_sasl_is_open(write: Write, tmp_path: Path) -> None:
    write("docker-compose.yml", _ZK)
    assert _rules(tmp_path) == [("UG-COMPOSE-001", 4, Severity.CRITICAL)]


def test_a_published_zookeeper_with_sasl_is_only_published(write: Write, tmp_path: Path) -> None:
    write(
        "docker-compose.yml",
        _ZK + "    KAFKA_OPTS: -Djava.security.auth.login.config=/etc/kafka/zookeeper_jaas.conf\n",
    )
    assert _rules(tmp_path) == [("UG-COMPOSE-002", 4, Severity.MEDIUM)]


def test_a_zookeeper_not_published_is_no_finding(write: Write, tmp_path: Path) -> None:
    write("docker-compose.yml", "services:\n  zk:\n    image: zookeeper:3.9\n")
    assert _rules(tmp_path) == []


def test_a_nodeport_in_front_of_a_database_fails_the_default_gate(write: Write, tmp_path: Path) -> None:
    """Every node's address answers on a NodePort: the same exposure as a compose port on 0.0.0.0."""
    write(
        "svc.yaml",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: elasticsearch\nspec:\n  type: NodePort\n"
        "  ports:\n    - port: 9200\n  selector:\n    app: es\n",
    )
    assert _rules(tmp_path) == [("UG-K8S-003", 6, Severity.HIGH)]


def test_a_clusterip_in_front_of_a_database_is_no_finding(write: Write, tmp_path: Path) -> None:
    write(
        "svc.yaml",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: elasticsearch\nspec:\n"
        "  ports:\n    - port: 9200\n  selector:\n    app: es\n",
    )
    assert _rules(tmp_path) == []


def test_a_published_risingwave_is_open(write: Write, tmp_path: Path) -> None:
    """RisingWave's root superuser has no password: its PostgreSQL-protocol port is the way in."""
    write(
        "docker-compose.yml",
        'services:\n  rw:\n    image: risingwavelabs/risingwave:v2.2.0\n    ports:\n      - "4566:4566"\n',
    )
    assert _rules(tmp_path) == [("UG-COMPOSE-001", 5, Severity.CRITICAL)]


def test_a_risingwave_not_published_is_no_finding(write: Write, tmp_path: Path) -> None:
    write("docker-compose.yml", "services:\n  rw:\n    image: risingwavelabs/risingwave:v2.2.0\n")
    assert _rules(tmp_path) == []


_TRINO = """services:
  trino:
    image: trinodb/trino:475
    ports:
      - '8080:8080'
    volumes:
      - {mount}
"""


def test_a_published_trino_without_an_authenticator_is_open(write: Write, tmp_path: Path) -> None:
    write("docker-compose.yml", _TRINO.format(mount="./trino/catalog:/etc/trino/catalog"))
    assert _rules(tmp_path) == [("UG-COMPOSE-001", 5, Severity.CRITICAL)]


def test_a_published_trino_with_its_own_config_is_only_published(write: Write, tmp_path: Path) -> None:
    """A mounted config.properties may set an authenticator; the port is still published."""
    write("docker-compose.yml", _TRINO.format(mount="./etc:/etc/trino"))
    assert _rules(tmp_path) == [("UG-COMPOSE-002", 5, Severity.MEDIUM)]


# Round 4 of the corpus: the two held-out misses of rounds 1-3, fixed as classes (that half is now "seen").

_REDIS_CLUSTER = """services:
  node:
    image: "redis:8.4"
    command:
      - redis-server
      - --port 7001
      - --cluster-enabled yes
      - --cluster-config-file nodes.conf
      - --protected-mode no{extra}
    ports:
      - "7001:7001"
"""


def test_a_cluster_config_file_does_not_hide_an_open_redis(write: Write, tmp_path: Path) -> None:
    """``--cluster-config-file nodes.conf`` names a file redis writes, not a config it reads."""
    write("docker-compose.yml", _REDIS_CLUSTER.format(extra=""))
    assert _rules(tmp_path) == [("UG-COMPOSE-001", 11, Severity.CRITICAL)]


def test_a_redis_cluster_with_a_password_is_only_published(write: Write, tmp_path: Path) -> None:
    write("docker-compose.yml", _REDIS_CLUSTER.format(extra="\n      - --requirepass ${REDIS_PASSWORD}"))
    assert _rules(tmp_path) == [("UG-COMPOSE-002", 12, Severity.MEDIUM)]


def test_a_redis_given_its_own_config_file_is_judged_by_that_file(write: Write, tmp_path: Path) -> None:
    """``redis-server /etc/redis/redis.conf --protected-mode no``: the file may set requirepass."""
    write(
        "docker-compose.yml",
        "services:\n  cache:\n    image: redis:7\n    command: redis-server /etc/redis/redis.conf --protected-mode no\n"
        '    ports:\n      - "6379:6379"\n',
    )
    assert _rules(tmp_path) == [("UG-COMPOSE-002", 6, Severity.MEDIUM)]


_STARROCKS = """services:
  fe:
    image: {image}
    command: bash /opt/starrocks/fe/bin/start_fe.sh --host_type FQDN
    ports:
      - 9030:9030
"""


def test_a_published_starrocks_frontend_is_open(write: Write, tmp_path: Path) -> None:
    """StarRocks' (and Doris') root user has no password and the image takes no setting for one."""
    write("docker-compose.yml", _STARROCKS.format(image="starrocks/fe-ubuntu:4.1-latest"))
    assert _rules(tmp_path) == [("UG-COMPOSE-001", 6, Severity.CRITICAL)]


def test_a_published_doris_frontend_is_open(write: Write, tmp_path: Path) -> None:
    write("docker-compose.yml", _STARROCKS.format(image="apache/doris:2.1.7-fe-x86_64"))
    assert _rules(tmp_path) == [("UG-COMPOSE-001", 6, Severity.CRITICAL)]


def test_a_starrocks_backend_is_no_open_database(write: Write, tmp_path: Path) -> None:
    write(
        "docker-compose.yml",
        "services:\n  be:\n    image: starrocks/be-ubuntu:4.1-latest\n    ports:\n      - 8040:8040\n",
    )
    assert _rules(tmp_path) == []


def test_a_starrocks_frontend_not_published_is_no_finding(write: Write, tmp_path: Path) -> None:
    write("docker-compose.yml", "services:\n  fe:\n    image: starrocks/allin1-ubuntu:3.3\n")
    assert _rules(tmp_path) == []
