"""Classes round 7 of the registry corpus showed (benchmarks/config/corpus.py): more data
services open until configured (CrateDB, Drill, Vertica, the storage emulators, Schema
Registry, and the wider catalogue around them), an engine named inside a custom tag
(``harisekhon/presto-dev``), Jupyter with an empty token, a compose file's ``.env``, and
templated engine configs that are not configs yet. Each class has a case that must fail the
gate and one that must not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from unguarded.config_audit import audit_paths
from unguarded.models import Severity

from .helpers import TODAY, one_service

Write = Callable[[str, str], Path]
OPEN = {"UG-COMPOSE-001"}


def _report(tmp_path: Path) -> tuple[set[str], list[str]]:
    report = audit_paths([tmp_path], today=TODAY, cwd=tmp_path)
    gate = {f.rule_id for f in report.active if f.severity.at_least(Severity.HIGH)}
    return gate, [e.message for e in report.errors]


_compose = one_service


@pytest.mark.parametrize(
    ("image", "port", "lines", "expected"),
    [
        ("crate:5.8", 4200, (), OPEN),
        ("apache/drill:1.21.2", 8047, (), OPEN),
        ("vertica/vertica-ce:24.1.0-0", 5433, (), OPEN),
        ("vertica/vertica-ce:24.1.0-0", 5433, ("environment: {VERTICA_DB_PASSWORD: '${PW}'}",), set()),
        ("harisekhon/presto-dev:latest", 8080, (), OPEN),
        ("mcr.microsoft.com/azure-storage/azurite:3.31.0", 10000, (), OPEN),
        ("fsouza/fake-gcs-server:1.50", 4443, (), OPEN),
        ("localstack/localstack:3.8", 4566, (), OPEN),
        ("confluentinc/cp-schema-registry:7.7.1", 8081, (), OPEN),
        (
            "confluentinc/cp-schema-registry:7.7.1",
            8081,
            ("environment: {SCHEMA_REGISTRY_AUTHENTICATION_METHOD: BASIC}",),
            set(),
        ),
        ("openlink/virtuoso-opensource-7:7.2", 8890, (), OPEN),
        ("openlink/virtuoso-opensource-7:7.2", 8890, ("environment: {DBA_PASSWORD: '${PW}'}",), set()),
        ("ghcr.io/microsoft/garnet:1.0", 6379, (), OPEN),
        ("ghcr.io/microsoft/garnet:1.0", 6379, ("command: [--auth, Password, --password, '${PW}']",), set()),
        ("rocker/rstudio:4.4", 8787, ("environment: {DISABLE_AUTH: 'true'}",), OPEN),
        ("rocker/rstudio:4.4", 8787, ("environment: {PASSWORD: '${PW}'}",), set()),
        ("jupyter/scipy-notebook:2024-05-27", 8888, ("command: start-notebook.py --NotebookApp.token=''",), OPEN),
        (
            "quay.io/jupyter/base-notebook:2024-05-27",
            8888,
            ("command: start-notebook.py --IdentityProvider.token=",),
            OPEN,
        ),
        ("quay.io/jupyter/base-notebook:2024-05-27", 8888, ("environment: {JUPYTER_TOKEN: ''}",), OPEN),
        ("quay.io/jupyter/base-notebook:2024-05-27", 8888, (), set()),
        ("quay.io/jupyter/base-notebook:2024-05-27", 8888, ("environment: {JUPYTER_TOKEN: '${TOKEN}'}",), set()),
    ],
)
def test_image_defaults_of_the_catalogue(
    write: Write, tmp_path: Path, image: str, port: int, lines: tuple[str, ...], expected: set[str]
) -> None:
    write("compose.yml", _compose(image, port, *lines))
    assert _report(tmp_path)[0] & OPEN == expected


_MYSQL = 'services:\n  db:\n    image: mysql:8.4\n    environment:\n      MYSQL_ALLOW_EMPTY_PASSWORD: "true"\n    ports:\n      - "${BIND:-127.0.0.1}:${MYSQL_PORT}:3306"\n'


def test_the_compose_files_dotenv_fills_its_variables(write: Write, tmp_path: Path) -> None:
    write("compose.yml", _MYSQL)
    write(".env", "# published for the team\nBIND=0.0.0.0\nMYSQL_PORT=3307\n")
    assert _report(tmp_path)[0] == OPEN


def test_without_dotenv_the_defaults_apply(write: Write, tmp_path: Path) -> None:
    write("compose.yml", _MYSQL)
    assert _report(tmp_path)[0] == set()


def test_a_dotenv_value_that_is_not_plain_text_stays_unknown(write: Write, tmp_path: Path) -> None:
    write("compose.yml", 'services:\n  db:\n    image: "${DB_IMAGE}"\n    ports: ["6379:6379"]\n')
    write(".env", 'DB_IMAGE="redis:7 # not: plain"\n')
    gate, errors = _report(tmp_path)
    assert not errors and gate == set()


def test_a_templated_engine_config_is_not_judged_until_rendered(write: Write, tmp_path: Path) -> None:
    write(
        "config/opensearch.yml",
        "cluster.name: {{cluster_name}}\n{%- if disable_security %}\nplugins.security.disabled: true\n{%- endif %}\n",
    )
    gate, errors = _report(tmp_path)
    assert gate == set() and any("template" in e for e in errors)


def test_a_broken_engine_config_without_template_syntax_still_fails_closed(write: Write, tmp_path: Path) -> None:
    write("config/opensearch.yml", "network.host: [0.0.0.0\nplugins.security.disabled: true\n")
    assert "UG-CONFIG-001" in _report(tmp_path)[0]


@pytest.mark.parametrize(
    ("image", "expected"),
    [
        ("harisekhon/apache-drill:latest", OPEN),  # a known image's name as a word of a custom one
        ("natsio/nats-box:0.14", set()),  # a toolbox around NATS, not the server
        ("jwilder/docker-gen:0.14", set()),
    ],
)
def test_known_image_names_inside_custom_names(write: Write, tmp_path: Path, image: str, expected: set[str]) -> None:
    write("compose.yml", _compose(image, 8047))
    assert _report(tmp_path)[0] & OPEN == expected


@pytest.mark.parametrize(
    ("image", "port", "lines", "expected"),
    [
        (
            "mcr.microsoft.com/mssql/server:2022-latest",
            1433,
            ("environment: {ACCEPT_EULA: 'Y', MSSQL_SA_PASSWORD: '${PW}'}",),
            set(),
        ),
        ("wnameless/oracle-xe-11g-r2:latest", 1521, (), OPEN),
        ("gvenzl/oracle-free:23-slim", 1521, ("environment: {ORACLE_PASSWORD: '${PW}'}",), set()),
        ("amazon/dynamodb-local:2.5.2", 8000, (), OPEN),
        ("ghcr.io/tursodatabase/libsql-server:latest", 8080, (), OPEN),
        ("ghcr.io/tursodatabase/libsql-server:latest", 8080, ("environment: {SQLD_AUTH_JWT_KEY: '${KEY}'}",), set()),
        (
            "eclipse-temurin:8-jre",
            10000,
            ("command: spark-submit --class org.apache.spark.sql.hive.thriftserver.HiveThriftServer2",),
            OPEN,
        ),
    ],
)
def test_more_of_the_catalogue(
    write: Write, tmp_path: Path, image: str, port: int, lines: tuple[str, ...], expected: set[str]
) -> None:
    write("compose.yml", _compose(image, port, *lines))
    assert _report(tmp_path)[0] & OPEN == expected


def test_mssql_under_its_registry_name_is_recognised(write: Write, tmp_path: Path) -> None:
    write(
        "compose.yml",
        _compose("mcr.microsoft.com/mssql/server:2022-latest", 1433, "environment: {MSSQL_SA_PASSWORD: '${PW}'}"),
    )
    report = audit_paths([tmp_path], today=TODAY, cwd=tmp_path)
    assert {f.rule_id for f in report.active} == {"UG-COMPOSE-002"}


_NOTEBOOK = (
    "services:\n  lab:\n    image: quay.io/jupyter/scipy-notebook:2024-05-27\n    ports: ['8888:8888']\n"
    "    volumes:\n      - ./jupyter_server_config.py:/home/jovyan/.jupyter/jupyter_server_config.py\n"
)


def test_a_mounted_jupyter_config_with_an_empty_token_opens_the_published_server(write: Write, tmp_path: Path) -> None:
    write("compose.yml", _NOTEBOOK)
    write("jupyter_server_config.py", "c = get_config()\nc.IdentityProvider.token = ''\n")
    assert "UG-DEPLOY-001" in _report(tmp_path)[0]


def test_a_mounted_jupyter_config_with_a_password_does_not(write: Write, tmp_path: Path) -> None:
    write("compose.yml", _NOTEBOOK)
    write(
        "jupyter_server_config.py",
        "c = get_config()\nc.IdentityProvider.token = ''\nc.PasswordIdentityProvider.hashed_password = 'argon2:$argon2id$v=19$m=10240,t=10,p=8$x$y'\n",
    )
    assert _report(tmp_path)[0] == set()
