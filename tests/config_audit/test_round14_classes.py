"""Classes round 14 of the registry corpus showed (benchmarks/config/corpus.py): PostgreSQL
images built before their entrypoint asked for a password (they trusted every host), Oracle
images whose README prints the administrator password, the Docker registry (open until its
config names an authentication), and a systemd unit whose ``/etc/sysconfig`` file the
source tree ships beside it. Each class has a case that must fail the gate and one that
must not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from unguarded.config_audit._recognise import recognise

from .helpers import gate, one_service

Write = Callable[[str, str], Path]
OPEN = {"UG-COMPOSE-001"}


@pytest.mark.parametrize(
    ("image", "expected"),
    [
        ("postgres:9.3", OPEN),  # the 9.3 line ended before the change: its last image trusts everyone
        ("postgres:8.4", OPEN),
        ("postgres:9.6.16-alpine", OPEN),  # an exact release before February 2020
        ("postgres:11.6", OPEN),
        ("mdillon/postgis:9.3", OPEN),  # docker-library's entrypoint, PostgreSQL's version as the tag
        ("postgres:9.4", set()),  # a moving tag is its line's last build, which refuses to start
        ("postgres:9.6.17", set()),
        ("postgres:11", set()),
        ("postgres:12.2-alpine", set()),
        ("postgres", set()),
        ("timescale/timescaledb:0.9.0-pg9.6", set()),  # tagged by its own version, not PostgreSQL's
        ("bitnami/postgresql:9.6.16", set()),  # Bitnami's entrypoint asks for a password
    ],
)
def test_postgres_images_from_before_the_password_check_trust_every_host(
    write: Write, tmp_path: Path, image: str, expected: set[str]
) -> None:
    write("compose.yml", one_service(image, 5432))
    assert gate(tmp_path) & OPEN == expected


def test_an_old_postgres_image_with_a_password_is_not_open(write: Write, tmp_path: Path) -> None:
    write("compose.yml", one_service("postgres:9.3", 5432, "environment:", "  POSTGRES_PASSWORD: s3cret"))
    assert not gate(tmp_path) & OPEN


@pytest.mark.parametrize(
    ("image", "lines", "expected"),
    [
        ("quillbuilduser/oracle-18-xe", (), OPEN),
        ("wnameless/oracle-xe-11g-r2", (), OPEN),
        ("sath89/oracle-12c", (), OPEN),
        ("quillbuilduser/oracle-18-xe", ("environment:", "  ORACLE_PWD: s3cret"), set()),
        ("gvenzl/oracle-xe:21-slim", (), set()),  # asks for ORACLE_PASSWORD
        ("container-registry.oracle.com/database/express:21.3.0-xe", (), set()),  # generates one
    ],
)
def test_oracle_images_with_a_published_password_are_open(
    write: Write, tmp_path: Path, image: str, lines: tuple[str, ...], expected: set[str]
) -> None:
    write("compose.yml", one_service(image, 1521, *lines))
    assert gate(tmp_path) & OPEN == expected


@pytest.mark.parametrize(
    ("image", "lines", "expected"),
    [
        ("registry:2", (), OPEN),
        ("docker.io/library/registry:2.8", (), OPEN),
        ("distribution/distribution:edge", (), OPEN),
        ("registry:2", ("environment:", "  REGISTRY_AUTH: htpasswd"), set()),
        ("registry:2", ("environment:", "  REGISTRY_PROXY_REMOTEURL: https://registry-1.docker.io"), set()),
        ("registry:2", ("volumes:", "  - ./config.yml:/etc/docker/registry/config.yml"), set()),
        ("example/registry:1", (), set()),  # someone's own image called registry: not told apart
    ],
)
def test_a_published_docker_registry_without_authentication_is_open(
    write: Write, tmp_path: Path, image: str, lines: tuple[str, ...], expected: set[str]
) -> None:
    write("compose.yml", one_service(image, 5000, *lines))
    assert gate(tmp_path) & OPEN == expected


def test_the_registry_is_told_by_its_serve_command_in_a_built_image(write: Write, tmp_path: Path) -> None:
    write("Dockerfile", 'FROM alpine\nENTRYPOINT ["registry"]\nCMD ["serve", "/etc/docker/registry/config.yml"]\n')
    write("compose.yml", 'services:\n  registry:\n    build: .\n    ports:\n      - "5000:5000"\n')
    assert OPEN <= gate(tmp_path)


@pytest.mark.parametrize(
    "image", ["confluentinc/cp-schema-registry:7.6.0", "apicurio/apicurio-registry:3.0", "registry-ui:1"]
)
def test_other_registries_are_not_the_docker_registry(image: str) -> None:
    found = recognise(image, {}, [], [8081])
    assert found is None or found.engine != "docker-registry"


def test_a_registry_word_that_is_not_its_command_is_not_the_registry() -> None:
    assert recognise("", {}, ["npm", "run", "registry"], []) is None


_MEMCACHED_UNIT = (
    "[Service]\nEnvironmentFile=/etc/sysconfig/memcached\n"
    "ExecStart=/usr/bin/memcached -p ${PORT} -u ${USER} -m ${CACHESIZE} $OPTIONS\n"
)


@pytest.mark.parametrize(
    ("options", "expected"),
    [('OPTIONS=""', {"UG-MEMCACHED-001"}), ('OPTIONS="-l 127.0.0.1"', set())],
)
def test_a_units_sysconfig_shipped_beside_it_is_read(
    write: Write, tmp_path: Path, options: str, expected: set[str]
) -> None:
    write("scripts/memcached.service", _MEMCACHED_UNIT)
    write("scripts/memcached.sysconfig", f'PORT="11211"\nUSER="nobody"\nCACHESIZE="64"\n{options}\n')
    assert gate(tmp_path) == expected


def test_without_its_sysconfig_a_units_options_stay_unknown(write: Write, tmp_path: Path) -> None:
    write("scripts/memcached.service", _MEMCACHED_UNIT)
    write("scripts/memcached.conf", "-l 127.0.0.1\n")  # not the file the unit names
    write("other/memcached.sysconfig", 'OPTIONS=""\n')  # not beside the unit
    assert not gate(tmp_path)
