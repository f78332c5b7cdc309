"""Classes round 5 of the registry corpus showed (benchmarks/config/corpus.py): compose
variables read with their defaults, image defaults of ClickHouse, OpenSearch before 2.12 and
CockroachDB, MCP servers named after a database, OpenSSL ``.cnf`` files, and Redis 7's
protected mode under an explicit bind. Each class has a case that must fail the gate and
one that must not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from unguarded.config_audit._parse.containers import with_compose_defaults

from .helpers import gate

Write = Callable[[str, str], Path]


def _service(image: str, *lines: str, ports: str = '"{port}:{port}"', port: int = 0) -> str:
    body = "".join(f"    {line}\n" for line in lines)
    published = f"    ports:\n      - {ports.format(port=port)}\n" if port else ""
    return f"services:\n  db:\n    image: {image}\n{body}{published}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("127.0.0.1:${HOST_PORT:-6379}:6379", "127.0.0.1:6379:6379"),
        ('image: "${SOLR_IMAGE:-solr:10.0.0}"', 'image: "solr:10.0.0"'),
        ("${A:-${B:-inner}}", "inner"),
        ("--port ${P-6379} ${PW:+--requirepass ${PW}}", "--port 6379 "),
        ("${PASSWORD:?set it}", "${PASSWORD}"),
        ("${PASSWORD} and $$ {literal}", "${PASSWORD} and $$ {literal}"),
        ("$${NOT_A_VARIABLE:-x}", "$${NOT_A_VARIABLE:-x}"),
    ],
)
def test_compose_variables_read_with_their_defaults(text: str, expected: str) -> None:
    assert with_compose_defaults(text) == expected


def test_a_loopback_publication_through_a_variable_is_not_open(write: Write, tmp_path: Path) -> None:
    write("compose.yml", _service("redis/redis-stack:7.4.0-v8", ports='"127.0.0.1:${{HOST_PORT:-6379}}:6379"', port=1))
    assert gate(tmp_path) == set()


def test_an_image_given_by_a_variable_default_is_judged(write: Write, tmp_path: Path) -> None:
    write("compose.yml", _service('"${SOLR_IMAGE:-solr:10.0.0}"', port=8983))
    assert gate(tmp_path) == {"UG-COMPOSE-001"}


def test_a_password_only_when_a_variable_is_set_is_no_password(write: Write, tmp_path: Path) -> None:
    write(
        "compose.yml",
        _service("valkey/valkey:8", "command: valkey-server --appendonly yes ${PW:+--requirepass ${PW}}", port=6379),
    )
    assert gate(tmp_path) == {"UG-COMPOSE-001"}


def test_a_required_password_variable_is_a_password(write: Write, tmp_path: Path) -> None:
    write("compose.yml", _service("valkey/valkey:8", "command: valkey-server --requirepass ${PW:?required}", port=6379))
    assert gate(tmp_path) == set()


@pytest.mark.parametrize(
    ("image", "env", "open_"),
    [
        ("clickhouse/clickhouse-server:22.9-alpine", [], True),
        ("yandex/clickhouse-server:20.3", [], True),
        ("clickhouse/clickhouse-server:25.3", [], False),  # the image closes the passwordless default user
        ("clickhouse/clickhouse-server:25.3", ["CLICKHOUSE_SKIP_USER_SETUP: 1"], True),
        ("clickhouse/clickhouse-server:22.9", ["CLICKHOUSE_PASSWORD: s3cret"], False),
        ("clickhouse/clickhouse-server:latest", [], False),  # unknown version: today's default
    ],
)
def test_clickhouse_image_defaults(write: Write, tmp_path: Path, image: str, env: list[str], open_: bool) -> None:
    lines = ["environment:", *(f"  {e}" for e in env)] if env else []
    write("compose.yml", _service(image, *lines, port=8123))
    assert gate(tmp_path) == ({"UG-COMPOSE-001"} if open_ else set())


@pytest.mark.parametrize(
    ("image", "env", "open_"),
    [
        ("opensearchproject/opensearch:2.11.0", [], True),  # demo security config, admin/admin
        ("opensearchproject/opensearch:2.11.0", ["DISABLE_INSTALL_DEMO_CONFIG: 'true'"], False),
        ("opensearchproject/opensearch:2.12.0", ["OPENSEARCH_INITIAL_ADMIN_PASSWORD: Str0ng!Pass"], False),
        ("opensearchproject/opensearch:latest", [], False),
    ],
)
def test_opensearch_before_2_12_ships_admin_admin(
    write: Write, tmp_path: Path, image: str, env: list[str], open_: bool
) -> None:
    lines = ["environment:", *(f"  {e}" for e in env)] if env else []
    write("compose.yml", _service(image, *lines, port=9200))
    assert gate(tmp_path) == ({"UG-COMPOSE-001"} if open_ else set())


@pytest.mark.parametrize(("command", "open_"), [("start-single-node --insecure", True), ("start-single-node", False)])
def test_cockroach_insecure_is_open(write: Write, tmp_path: Path, command: str, open_: bool) -> None:
    write(
        "compose.yml",
        _service("prismagraphql/cockroachdb-custom:22.2", f"command: {command}", ports='"26259:26257"', port=1),
    )
    assert gate(tmp_path) == ({"UG-COMPOSE-001"} if open_ else set())


def test_an_mcp_server_named_after_redis_is_not_redis(write: Write, tmp_path: Path) -> None:
    write(
        "compose.yml",
        _service(
            "ghcr.io/atengk/mcp-server-redis:latest", "environment:", "  - MCP_REDIS_URL=redis://host:6379/0", port=8000
        ),
    )
    assert gate(tmp_path) == set()


def test_an_openssl_cnf_is_not_a_broken_my_cnf(write: Write, tmp_path: Path) -> None:
    write(
        "testkeys/oats.extensions.cnf",
        "basicConstraints=CA:FALSE\nsubjectAltName=@names\n\n[ names ]\nDNS.1 = localhost\nIP = 127.0.0.1\n",
    )
    assert gate(tmp_path) == set()


@pytest.mark.parametrize(
    ("conf", "rules"),
    [
        ("bind 0.0.0.0\n", set()),  # Redis 7: protected mode still refuses remote clients (UG-REDIS-003, medium)
        ("bind 0.0.0.0\nprotected-mode no\n", {"UG-REDIS-001"}),
        ("bind 0.0.0.0\nprotected-mode no\nrequirepass s3cret\n", set()),
    ],
)
def test_redis_7_keeps_protected_mode_under_an_explicit_bind(
    write: Write, tmp_path: Path, conf: str, rules: set[str]
) -> None:
    write("redis.conf", conf)
    assert gate(tmp_path) == rules
