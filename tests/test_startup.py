"""What the command's start-up imports: only what the command run needs.

``unguarded scan`` of a few addresses used to spend most of its time importing: the
history store (SQLAlchemy, Alembic) even with ``--no-store``, the config auditor, Celery,
Jinja2, the lab, and every engine's client library. These tests look at ``sys.modules``
in a fresh interpreter (a subprocess: this one has imported everything already), so they
check behaviour, never a timing.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"

#: loaded by none of the paths below: the history store, the config auditor's HCL parser,
#: Celery, the HTML reporter's templates, the lab
NEVER_AT_START = (
    "sqlalchemy",
    "alembic",
    "hcl2",
    "celery",
    "kombu",
    "jinja2",
    "unguarded.history",
    "unguarded.config_audit",
    "unguarded.distributed.app",
    "unguarded.distributed.ledger",
    "unguarded.lab.servers",
    "unguarded.lab.demo",
)
#: engine modules and their client libraries, and the classifier's detectors: loaded when an
#: open port is identified or a dataset sampled, not by a sweep that finds nothing
ONLY_FOR_SERVICES = (
    "redis",
    "psycopg",
    "pymongo",
    "bson",
    "pymysql",
    "httpx",
    "unguarded.engines.redis",
    "unguarded.engines.postgresql",
    "unguarded.engines.mongodb",
    "unguarded.engines.mysql",
    "unguarded.engines.elasticsearch",
    "unguarded.classify._api",
    "unguarded.classify.detectors",
)


def loaded_after(code: str) -> set[str]:
    """The modules a fresh interpreter holds after running ``code`` (which may exit)."""
    probe = textwrap.dedent(
        """
        import atexit, json, sys
        atexit.register(lambda: print("MODULES=" + json.dumps(sorted(sys.modules)), file=sys.__stderr__))
        """
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))}
    done = subprocess.run(
        [sys.executable, "-c", probe + textwrap.dedent(code)], capture_output=True, text=True, env=env, timeout=120
    )
    lines = [line for line in done.stderr.splitlines() if line.startswith("MODULES=")]
    assert lines, f"exit {done.returncode}: {done.stderr[-2000:]}"
    return set(json.loads(lines[-1].removeprefix("MODULES=")))


def present(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return [name for name in names if name in modules]


@pytest.fixture
def closed_port() -> Iterator[int]:
    """A loopback port that refuses connections: bound (so nothing else takes it), never listening."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield int(sock.getsockname()[1])


def test_importing_the_command_line_loads_no_heavy_module() -> None:
    modules = loaded_after("import unguarded.cli")
    assert present(modules, NEVER_AT_START) == []
    assert present(modules, ONLY_FOR_SERVICES) == []
    assert "unguarded.scanner" not in modules  # `unguarded config` or `unguarded history` need no scanner


def test_a_sweep_that_finds_nothing_loads_no_engine_store_or_classifier(closed_port: int, tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    argv = ["unguarded", "scan", "127.0.0.1", "-p", str(closed_port), "--no-store", "-q", "--json", str(out)]
    modules = loaded_after(f"import sys; sys.argv = {argv!r}\nfrom unguarded.cli import main\nmain()")
    report = json.loads(out.read_text())
    assert report["stats"]["ports_probed"] == 1 and report["services"] == []
    assert "unguarded.scanner" in modules and "unguarded.sweep" in modules  # it did scan
    assert present(modules, NEVER_AT_START) == []
    assert present(modules, ONLY_FOR_SERVICES) == []


def test_the_public_api_resolves_its_names_on_first_use() -> None:
    modules = loaded_after(
        """
        import unguarded
        assert "unguarded.scanner" not in sys.modules and "unguarded.pipeline" not in sys.modules
        from unguarded import ScanRequest, build_target_set, scan, Severity
        from unguarded.scanner import scan as scan_itself
        assert scan is scan_itself and set(unguarded.__all__) <= set(dir(unguarded))
        try:
            unguarded.no_such_name
        except AttributeError as exc:
            assert "no_such_name" in str(exc)
        else:
            raise AssertionError("an unknown name resolved")
        """
    )
    assert {"unguarded.scanner", "unguarded.pipeline"} <= modules
    assert present(modules, ("sqlalchemy", "celery", "jinja2", "hcl2")) == []


def test_the_distributed_defaults_need_no_celery() -> None:
    modules = loaded_after(
        """
        from unguarded.distributed import DEFAULT_QUEUE, DEFAULT_VISIBILITY_TIMEOUT
        from unguarded.distributed.app import DEFAULT_QUEUE as queue_of_the_app
        assert DEFAULT_QUEUE == queue_of_the_app == "unguarded" and DEFAULT_VISIBILITY_TIMEOUT > 0
        """
    )
    assert "celery" in modules  # the app module itself still is Celery's
    assert "celery" not in loaded_after(
        "from unguarded.distributed import DEFAULT_QUEUE, DEFAULT_SHARD_SIZE, broker_url"
    )
