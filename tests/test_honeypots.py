"""Honeypots are flagged, real servers are not.

The honeypots are the open-source ones from PyPI (redispot, elasticpot, mongopot, mempot:
Twisted imitations of Redis, Elasticsearch, MongoDB and memcached; and qeeqbox's
``honeypots`` package for its MySQL and PostgreSQL imitations), each installed by
scripts/setup.sh into its own folder or venv (the first four share a top-level ``core``
package) and started here on a loopback port. The real servers are the lab's: every one, open and protected,
must come out with no ``honeypot`` field at all.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

from tests import hostile
from tests.conftest import FAST, run_scan, shared_dir
from unguarded.lab.servers import free_port

HONEYPOTS_DIR = Path(os.environ.get("UNGUARDED_HONEYPOTS", "/opt/unguarded-honeypots"))
#: package -> (engine it imitates, the file its responses come from, if any)
HONEYPOTS = {"redispot": "redis", "elasticpot": "elasticsearch", "mongopot": "mongodb", "mempot": "memcached"}
#: qeeqbox ``honeypots`` module -> engine it imitates (one venv of their own: pinned Twisted 21)
QEEQBOX = {"mysql_server": "mysql", "postgres_server": "postgresql"}


def _wait_listening(proc: subprocess.Popen[bytes], port: int, name: str) -> None:
    for _ in range(150):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError(f"{name} did not start")


def _start(package: str, work: Path) -> tuple[subprocess.Popen[bytes], int]:
    home = HONEYPOTS_DIR / package
    work.mkdir(parents=True, exist_ok=True)
    responses = home / package / "data" / "responses"
    if responses.is_dir() and not (work / "responses").exists():
        shutil.copytree(responses, work / "responses")
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(home),
        f"{package.upper()}_WORKDIR": str(work),
        "HONEYPOT_PUBLIC_IP_URL": "http://127.0.0.1:9/",  # no lookup of a public address
    }
    python = HONEYPOTS_DIR / "venv" / "bin" / "python"
    proc = subprocess.Popen(
        [str(python), "-m", f"{package}.honeypot", "-p", str(port)],
        cwd=work,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    _wait_listening(proc, port, package)
    return proc, port


def _start_qeeqbox(module: str, work: Path) -> tuple[subprocess.Popen[bytes], int]:
    work.mkdir(parents=True, exist_ok=True)
    port = free_port()
    proc = subprocess.Popen(
        [str(HONEYPOTS_DIR / "qeeqbox" / "bin" / "python"), "-m", f"honeypots.{module}"]
        + ["--custom", "--ip", "127.0.0.1", "--port", str(port)],
        cwd=work,  # its logs go to the working directory
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    _wait_listening(proc, port, module)
    return proc, port


@pytest.fixture(scope="module")
def honeypots(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, int]]:
    for venv in ("venv", "qeeqbox"):
        if not (HONEYPOTS_DIR / venv / "bin" / "python").exists():
            pytest.fail(f"honeypots not installed in {HONEYPOTS_DIR}: run scripts/setup.sh test")
    started = {}
    try:
        for package in HONEYPOTS:
            started[package] = _start(package, tmp_path_factory.mktemp(package))
        for module in QEEQBOX:
            started[module] = _start_qeeqbox(module, tmp_path_factory.mktemp(module))
        yield {package: port for package, (_proc, port) in started.items()}
    finally:
        for proc, _port in started.values():
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(10)


def test_open_source_honeypots_are_flagged_and_never_reported_open(honeypots):
    report = run_scan([f"127.0.0.1:{port}" for port in honeypots.values()], options=FAST)
    by_port = {s.port: s for s in report.services}
    for package, port in honeypots.items():
        service = by_port[port]
        assert service.engine == {**HONEYPOTS, **QEEQBOX}[package]
        assert service.honeypot is not None and service.honeypot.likely, (package, service.honeypot)
        assert len(service.honeypot.signals) >= 2
        assert service.exposure.value == "unknown" and not service.datasets and service.severity.value == "info"
    mysql = by_port[honeypots["mysql_server"]].honeypot
    assert any("same connection id and scramble" in s for s in mysql.signals), mysql
    assert any("hard-coded" in s for s in mysql.signals), mysql
    postgres = by_port[honeypots["postgres_server"]].honeypot
    assert any("StartupMessage got 'N'" in s for s in postgres.signals), postgres
    assert any("protocol version 9.0 got 'N'" in s for s in postgres.signals), postgres
    data = report.to_json_dict()
    jsonschema.validate(data, json.loads((shared_dir() / "contracts" / "report.schema.json").read_text()))
    assert all("honeypot" in s for s in data["services"])


@pytest.mark.parametrize("protected", [False, True])
def test_real_lab_servers_are_not_called_honeypots(lab, protected):
    servers = [
        lab.get(engine, protected=protected) for engine in ("redis", "memcached", "mongodb", "postgresql", "mysql")
    ]
    servers.append(lab.get("elasticsearch", protected=protected))
    report = run_scan([f"127.0.0.1:{s.port}" for s in servers], options=FAST)
    assert len(report.services) == len(servers), report.all_errors
    for service in report.services:
        assert service.honeypot is None, (service.engine, service.honeypot)
        assert "honeypot" not in service.model_dump(mode="json")


def test_one_odd_answer_is_not_a_honeypot():
    from unguarded.honeypot import judge

    assert judge([]) is None
    one = judge(["HTTP answers carry a Server header (nginx), which no node sends"])
    assert one is not None and not one.likely


def test_a_hostile_peer_is_not_a_honeypot_either(lab):
    port, close = hostile.redis("endless_scan")
    try:
        report = run_scan([f"redis://127.0.0.1:{port}"], options=FAST)
    finally:
        close()
    (service,) = report.services
    assert service.honeypot is None or not service.honeypot.likely
    assert sys.version_info >= (3, 11)


def test_databases_with_sizes_and_no_collections_are_one_signal():
    port, close = hostile.mongodb("hollow")
    try:
        report = run_scan([f"mongodb://127.0.0.1:{port}"], options=FAST)
    finally:
        close()
    (service,) = report.services
    assert service.honeypot is not None and not service.honeypot.likely, service.honeypot
    assert any("2 database(s) report a size on disk but list no collections" in s for s in service.honeypot.signals)
