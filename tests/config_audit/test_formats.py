"""Parsers and file detection: the details the fixtures do not spell out."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from unguarded.config_audit import audit_paths
from unguarded.config_audit._discover import format_of, walk
from unguarded.config_audit._parse.containers import compose_from_docs
from unguarded.config_audit._parse.memcached import parse_memcached_conf
from unguarded.config_audit._parse.mongodb import mongod_from_argv
from unguarded.config_audit._parse.mysql import canonical
from unguarded.config_audit._parse.postgresql import parse_pg_hba
from unguarded.config_audit._parse.yamlines import load_yaml

from .helpers import TODAY

Write = Callable[[str, str], Path]


def _rules(tmp_path: Path) -> list[tuple[str, str, int]]:
    report = audit_paths([tmp_path], today=TODAY, cwd=tmp_path)
    assert not report.errors, report.errors
    return [(f.rule_id, f.path, f.line) for f in report.findings]


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("mongod.conf", "mongod.conf"),
        ("redis-6380.conf", "redis.conf"),
        ("pg_hba.conf", "pg_hba.conf"),
        ("postgresql.auto.conf", "postgresql.conf"),
        ("50-server.cnf", "my.cnf"),
        ("opensearch.yml", "elasticsearch.yml"),
        ("memcached.conf", "memcached.conf"),
        ("redis-server.service", "systemd unit"),
        ("docker-compose.prod.yml", "compose"),
        ("compose.yaml", "compose"),
        ("network.tf", "terraform"),
        ("deployment.yaml", "yaml"),
        ("README.md", None),
        ("app.conf", None),
    ],
)
def test_format_by_name(name: str, fmt: str | None) -> None:
    found = format_of(Path(name))
    assert (found.name if found else None) == fmt


def test_walk_skips_vendor_and_vcs_folders(write: Write, tmp_path: Path) -> None:
    for folder in (".git", "node_modules", ".venv", ".terraform", "deploy"):
        write(f"{folder}/redis.conf", "bind 0.0.0.0\nprotected-mode no\n")
    assert [p.relative_to(tmp_path).as_posix() for p in walk(tmp_path)] == ["deploy/redis.conf"]


def test_generic_yaml_is_sniffed(write: Write, tmp_path: Path) -> None:
    write(
        "k8s/svc.yaml",
        "apiVersion: v1\nkind: Service\nmetadata: {name: r}\nspec:\n  type: NodePort\n  ports: [{port: 6379}]\n",
    )
    write("stack.yml", "services:\n  r:\n    image: redis\n    ports: ['6379:6379']\n")
    write(".github/workflows/ci.yml", "on: push\njobs: {}\n")
    write("chart/templates/svc.yaml", "apiVersion: v1\nkind: Service\nspec:\n  type: {{ .Values.type }}\n")
    assert _rules(tmp_path) == [("UG-K8S-003", "k8s/svc.yaml", 5), ("UG-COMPOSE-001", "stack.yml", 4)]


def test_yaml11_port_pairs_stay_text() -> None:
    (doc,) = load_yaml("ports:\n  - 27017:27017\n  - 8080\n")
    assert list(doc["ports"]) == ["27017:27017", 8080]
    assert doc.list("ports").item_lines == [2, 3]


def test_compose_port_forms() -> None:
    (doc,) = load_yaml(
        "services:\n  db:\n    image: postgres\n    ports:\n"
        "      - '[::1]:5432:5432'\n      - '10.0.0.5:5433:5432/tcp'\n      - '5434-5435:5432-5433'\n"
        "      - {target: 5432, host_ip: 127.0.0.1, published: '5436'}\n"
    )
    (service,) = compose_from_docs(Path("c.yml"), [doc]).services
    assert [(p.host_ip, p.container_port) for p in service.published] == [
        ("::1", 5432),
        ("10.0.0.5", 5432),
        ("", 5432),
        ("", 5433),
        ("127.0.0.1", 5432),
    ]


def test_mongod_flags() -> None:
    conf = mongod_from_argv(
        Path("x"), ["mongod", "--bind_ip", "0.0.0.0", "--auth", "--setParameter", "enableLocalhostAuthBypass=1"], 3
    )
    assert conf.get("net.bindIp").value == "0.0.0.0"  # type: ignore[union-attr]
    assert conf.get("security.authorization").value == "enabled"  # type: ignore[union-attr]
    assert conf.parameter("enableLocalhostAuthBypass").value == "1"  # type: ignore[union-attr]
    assert not mongod_from_argv(Path("x"), ["mongod", "--config", "/etc/mongod.conf"], 1).complete


def test_pg_hba_netmask_and_continuation(tmp_path: Path) -> None:
    hba = parse_pg_hba(
        tmp_path / "pg_hba.conf", "host all all 10.0.0.0 255.0.0.0 md5\nhost all \\\n  all 0.0.0.0/0 trust\n"
    )
    assert [(e.address, e.method, e.line) for e in hba.entries] == [("10.0.0.0/8", "md5", 1), ("0.0.0.0/0", "trust", 2)]


@pytest.mark.parametrize(
    ("option", "result"),
    [
        ("bind-address", ("bind_address", None)),
        ("loose-local-infile", ("local_infile", None)),
        ("skip-grant-tables", ("grant_tables", "0")),
        ("disable-local-infile", ("local_infile", "0")),
        ("skip-name-resolve", ("skip_name_resolve", None)),
    ],
)
def test_mysql_option_modifiers(option: str, result: tuple[str, str | None]) -> None:
    assert canonical(option) == result


def test_memcached_attached_values(tmp_path: Path) -> None:
    opts = parse_memcached_conf(tmp_path / "memcached.conf", "-l0.0.0.0\n--udp-port=11211\n")
    assert opts.options["-l"].value == "0.0.0.0" and opts.options["-U"].value == "11211"


def test_systemd_unit_continuation_lines(write: Write, tmp_path: Path) -> None:
    write("memcached.service", "[Service]\nExecStart=/usr/bin/memcached \\\n    -l 0.0.0.0 \\\n    -U 11211\n")
    assert _rules(tmp_path) == [
        ("UG-MEMCACHED-001", "memcached.service", 2),
        ("UG-MEMCACHED-002", "memcached.service", 2),
    ]


@pytest.mark.parametrize(
    ("service", "rule"),
    [
        ("image: docker.elastic.co/elasticsearch/elasticsearch:7.17.0", "UG-COMPOSE-001"),
        ("image: elasticsearch:8.15.0", "UG-COMPOSE-002"),
        ("image: bitnami/redis:7.2\n    environment: [ALLOW_EMPTY_PASSWORD=yes]", "UG-COMPOSE-001"),
        ("image: bitnami/redis:7.2\n    environment: [REDIS_PASSWORD=x]", "UG-COMPOSE-002"),
        (
            "image: mysql:8\n    environment: {MYSQL_ALLOW_EMPTY_PASSWORD: 'yes', MYSQL_ROOT_PASSWORD: x}",
            "UG-COMPOSE-002",
        ),
        (
            "image: mongo:7\n    command: mongod --noauth\n    environment: {MONGO_INITDB_ROOT_USERNAME: a}",
            "UG-COMPOSE-001",
        ),
        ("image: redis:7\n    env_file: .env", "UG-COMPOSE-001"),  # the official image reads no password from it
        ("image: redis/redis-stack:7.4.0-v1\n    env_file: .env", "UG-COMPOSE-002"),  # REDIS_ARGS may be there
        ("image: memcached", "UG-COMPOSE-001"),
    ],
)
def test_image_defaults(write: Write, tmp_path: Path, service: str, rule: str) -> None:
    write("docker-compose.yml", f"services:\n  db:\n    {service}\n    ports: ['9999:9999']\n")
    assert [r for r, _, _ in _rules(tmp_path)] == [rule]


def test_terraform_errors_point_at_the_line(write: Write, tmp_path: Path) -> None:
    write("main.tf", 'resource "aws_db_instance" "x" {\n  publicly_accessible = \n}\n')
    write("other.tf", 'resource "aws_sqs_queue" "q" {\n  broken = \n}\n')  # no watched type: not parsed
    (error,) = audit_paths([tmp_path], today=TODAY, cwd=tmp_path).errors
    assert (error.path, error.line) == ("main.tf", 2) and error.message.startswith("terraform: not valid HCL")


def test_included_files_are_judged_with_their_parent(write: Write, tmp_path: Path) -> None:
    write(
        "mysql/my.cnf",
        "[mysqld]\nbind-address = 127.0.0.1\nrequire_secure_transport = ON\n!includedir /etc/mysql/conf.d/\n",
    )
    write("mysql/conf.d/tuning.cnf", "[mysqld]\nmax_connections = 500\n")
    # alone, tuning.cnf would look like a server listening everywhere without TLS
    assert _rules(tmp_path) == []


def test_a_crashing_rule_is_reported_and_the_others_still_run(write: Write, tmp_path: Path) -> None:
    from unguarded.config_audit import ConfigRule, all_rules
    from unguarded.config_audit._parse.redis import RedisConfig

    def _crash(conf: RedisConfig) -> list[object]:
        raise KeyError("bug")

    broken = all_rules()[0].model_copy(update={"id": "UG-TEST-001", "reads": RedisConfig, "check": _crash})
    assert isinstance(broken, ConfigRule)
    write("redis.conf", "bind 0.0.0.0\nprotected-mode no\n")
    report = audit_paths([tmp_path], today=TODAY, cwd=tmp_path, rules=[broken, *all_rules()])
    assert [f.rule_id for f in report.findings] == ["UG-REDIS-001"]
    assert [e.message for e in report.errors] == ["UG-TEST-001 could not check this file (KeyError('bug'))"]
