"""cassandra.yaml, solr.in.sh/.cmd and neo4j.conf: detection by name and the parser details fixtures do not spell out."""

from __future__ import annotations

from pathlib import Path

import pytest

from unguarded.config_audit import audit_paths
from unguarded.config_audit._discover import format_of
from unguarded.config_audit._parse.shellvars import parse_shell_vars

from .helpers import TODAY


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("cassandra.yaml", "cassandra.yaml"),
        ("cassandra-statefulset.yaml", "yaml"),  # a Kubernetes manifest stays one
        ("solr.in.sh", "solr.in.sh"),
        ("solr.in.cmd", "solr.in.sh"),
        ("neo4j.conf", "neo4j.conf"),
    ],
)
def test_format_by_name(name: str, fmt: str) -> None:
    found = format_of(Path(name))
    assert found is not None and found.name == fmt


def test_solr_in_cmd_uses_set_and_the_last_assignment_wins(tmp_path: Path) -> None:
    path = tmp_path / "solr.in.cmd"
    path.write_text('REM set SOLR_JETTY_HOST=10.0.0.1\nset SOLR_JETTY_HOST=127.0.0.1\nset SOLR_JETTY_HOST="0.0.0.0"\n')
    host = parse_shell_vars(path, path.read_text()).get("SOLR_JETTY_HOST")
    assert host is not None and (host.value, host.line) == ("0.0.0.0", 3)
    report = audit_paths([tmp_path], today=TODAY, cwd=tmp_path)
    assert [(f.rule_id, f.line) for f in report.findings] == [("UG-SOLR-001", 3)]


def test_neo4j_ipv6_wildcard_listener_counts(tmp_path: Path) -> None:
    (tmp_path / "neo4j.conf").write_text("dbms.security.auth_enabled=false\nserver.bolt.listen_address=[::]:7687\n")
    report = audit_paths([tmp_path], today=TODAY, cwd=tmp_path)
    assert [(f.rule_id, f.line) for f in report.findings] == [("UG-NEO4J-001", 1)]
