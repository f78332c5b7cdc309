"""Classes round 15 of the registry corpus showed (benchmarks/config/corpus.py): a published
port whose container side is a variable the file does not resolve (``${PORT}:${PORT}``),
and more services that are open until configured. Each class has a case that must fail the
gate and one that must not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .helpers import gate, one_service

Write = Callable[[str, str], Path]
OPEN = {"UG-COMPOSE-001"}

_TRUSTING_POSTGRES = (
    "services:\n  pg:\n    image: ${{IMAGE:?}}\n    command: [postgres]\n"
    "    environment:\n      - POSTGRES_HOST_AUTH_METHOD=trust\n      - PGPORT=${{PORT}}\n"
    "    ports:\n      - {port}\n"
)


@pytest.mark.parametrize(
    ("port", "expected"),
    [
        ("${PORT:?}:${PORT}", OPEN),  # which port is unknown; that one is published on every interface is not
        ('"${PORT}"', OPEN),
        ('"127.0.0.1:${PORT}:${PORT}"', set()),
    ],
)
def test_a_port_given_by_an_unresolved_variable_is_still_published(
    write: Write, tmp_path: Path, port: str, expected: set[str]
) -> None:
    write("compose.yml", _TRUSTING_POSTGRES.format(port=port))
    assert gate(tmp_path) & OPEN == expected


@pytest.mark.parametrize(
    ("image", "port", "lines", "expected"),
    [
        (
            "gcr.io/google.com/cloudsdktool/cloud-sdk:416.0.0-emulators",
            8681,
            ("entrypoint: gcloud", 'command: ["beta", "emulators", "pubsub", "start", "--host-port=0.0.0.0:8681"]'),
            OPEN,
        ),
        ("gcr.io/google.com/cloudsdktool/cloud-sdk:416.0.0", 8681, ("command: gcloud auth list",), set()),
        ("messagebird/gcloud-pubsub-emulator:latest", 8681, (), OPEN),
        ("ghcr.io/pinecone-io/pinecone-local:latest", 5080, (), OPEN),
        ("python:3.12-slim", 5000, ("command: mlflow server --host 0.0.0.0 --port 5000",), OPEN),
        ("python:3.12-slim", 5000, ("command: mlflow server --host 0.0.0.0 --app-name basic-auth",), set()),
        ("python:3.12-slim", 5000, ("command: python -m mlflow_client_demo",), set()),
        ("rayproject/ray:2.9.0", 8265, ("command: ray start --head --dashboard-host=0.0.0.0 --block",), OPEN),
        (
            "rayproject/ray:2.9.0",
            8265,
            ("command: ray start --head --dashboard-host=0.0.0.0 --block", "environment: {RAY_AUTH_MODE: token}"),
            set(),
        ),
        ("rayproject/ray:2.9.0", 8265, ("command: ray start --address=head:6379 --block",), set()),  # a worker
    ],
)
def test_more_services_open_until_configured(
    write: Write, tmp_path: Path, image: str, port: int, lines: tuple[str, ...], expected: set[str]
) -> None:
    write("compose.yml", one_service(image, port, *lines))
    assert gate(tmp_path) & OPEN == expected


@pytest.mark.parametrize(
    ("image", "port", "lines", "expected"),
    [
        ("hasura/graphql-engine:v2.40.0", 8080, (), OPEN),
        ("hasura/graphql-engine:v2.40.0", 8080, ("environment: {HASURA_GRAPHQL_ADMIN_SECRET: '${SECRET}'}",), set()),
        ("mcr.microsoft.com/cosmosdb/linux/azure-cosmos-db-emulator:latest", 8081, (), OPEN),
        ("node:20", 4000, ("command: npx firebase emulators:start --only firestore",), OPEN),
        ("node:20", 4000, ("command: npx firebase deploy",), set()),
        ("eventstore/eventstore:23.10.0-bookworm-slim", 2113, ("environment: {EVENTSTORE_INSECURE: 'true'}",), OPEN),
        ("eventstore/eventstore:23.10.0-bookworm-slim", 2113, (), set()),  # secure by default
        ("docker.kurrent.io/kurrent-latest/kurrentdb:25.0", 2113, ("command: --insecure",), OPEN),
        ("codenotary/immudb:1.9.5", 3322, (), OPEN),
        ("codenotary/immudb:1.9.5", 3322, ("environment: {IMMUDB_ADMIN_PASSWORD: '${PW}'}",), set()),
        ("citusdata/citus:12.1", 5432, ("environment: {POSTGRES_HOST_AUTH_METHOD: trust}",), OPEN),
        ("citusdata/citus:12.1", 5432, ("environment: {POSTGRES_PASSWORD: '${PW}'}",), set()),
        ("mongodb/mongodb-atlas-local:8.0", 27017, (), OPEN),
        (
            "mongodb/mongodb-atlas-local:8.0",
            27017,
            ("environment: {MONGODB_INITDB_ROOT_USERNAME: app, MONGODB_INITDB_ROOT_PASSWORD: '${PW}'}",),
            set(),
        ),
    ],
)
def test_services_known_open_until_configured_before_any_corpus_met_them(
    write: Write, tmp_path: Path, image: str, port: int, lines: tuple[str, ...], expected: set[str]
) -> None:
    write("compose.yml", one_service(image, port, *lines))
    assert gate(tmp_path) & OPEN == expected
