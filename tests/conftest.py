"""Session-wide fixtures: real servers started once per session, a schema validator.

Servers start lazily on first use (``lab.get("redis")``) so a test run that selects
a few tests starts only what they need, and all are stopped by PID at the end.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from unguarded import ScanOptions, build_target_set
from unguarded.lab.servers import LabError, LabServer, start
from unguarded.models import Report
from unguarded.scanner import Scanner

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """``shared/`` sits beside the repository checkout (CI clones it there too)."""
    for candidate in (REPO.parent / "shared", REPO / "shared", Path("/work/shared")):
        if (candidate / "contracts").is_dir():
            return candidate
    raise RuntimeError("shared/ (contracts, datasets) not found beside the repository")


class Lab:
    """Lazily started servers for the whole session, keyed by (engine, protected)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.servers: dict[tuple[str, bool, bool], LabServer] = {}

    def get(self, engine: str, *, protected: bool = False, tls: bool = False) -> LabServer:
        key = (engine, protected, tls)
        if key not in self.servers:
            workdir = self.root / f"{engine}-{'protected' if protected else 'open'}{'-tls' if tls else ''}"
            try:
                self.servers[key] = start(engine, workdir, protected=protected, tls=tls)
            except LabError as exc:
                pytest.fail(f"could not start {engine}: {exc}")
        return self.servers[key]

    def stop_all(self) -> None:
        for server in self.servers.values():
            server.stop()


@pytest.fixture(scope="session")
def lab() -> Iterator[Lab]:
    root = Path(tempfile.mkdtemp(prefix="unguarded-lab-"))
    root.chmod(0o755)
    the_lab = Lab(root)
    try:
        yield the_lab
    finally:
        the_lab.stop_all()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def _private_history(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Scans the tests run (the CLI saves to a history by default) never touch the user's."""
    import os

    path = tmp_path_factory.mktemp("history") / "history.sqlite"
    saved = os.environ.get("UNGUARDED_STORE")
    os.environ["UNGUARDED_STORE"] = f"sqlite:///{path}"
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("UNGUARDED_STORE", None)
        else:
            os.environ["UNGUARDED_STORE"] = saved


@pytest.fixture(scope="session")
def report_schema() -> dict[str, Any]:
    return json.loads((shared_dir() / "contracts" / "report.schema.json").read_text())


def validate_report(report: Report, schema: dict[str, Any]) -> dict[str, Any]:
    data = json.loads(json.dumps(report.to_json_dict()))
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    return data


FAST = ScanOptions(connect_timeout=2.0, io_timeout=3.0, service_deadline=20.0, per_host_rate=200.0)


def run_scan(targets: Sequence[str], options: ScanOptions = FAST, ports: Sequence[int] | None = None) -> Report:
    """Scan with the library API (the CLI tests go through the real command)."""
    return asyncio.run(Scanner(options).run(build_target_set(list(targets)), ports))


def only_service(report: Report) -> Any:
    assert len(report.services) == 1, (report.services, report.errors)
    return report.services[0]


def assert_value_free(report: Report, *values: str) -> None:
    """No raw value from a scanned server in the report, in any output format."""
    from unguarded.report import FORMATS

    outputs = {
        "json-dict": json.dumps(report.to_json_dict()),
        **{name: render(report) for name, render in FORMATS.items()},
    }
    for value in values:
        leaked = [name for name, text in outputs.items() if value in text]
        assert not leaked, f"a raw value appears in: {', '.join(leaked)}"
