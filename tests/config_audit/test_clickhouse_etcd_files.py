"""ClickHouse XML and etcd settings: hostile XML refused, flags from every place they appear."""

from __future__ import annotations

from pathlib import Path

import pytest

from unguarded.config_audit import audit_paths
from unguarded.config_audit._parse.etcd import etcd_from_argv, parse_etcd_yaml

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<clickhouse><listen_host>&lol3;</listen_host></clickhouse>
"""


def _rules_and_errors(tmp_path: Path) -> tuple[set[tuple[str, int]], dict[str, str]]:
    report = audit_paths([tmp_path], cwd=tmp_path)
    refused = {Path(f.path).name: f.message for f in report.findings if f.rule_id == "UG-CONFIG-001"}
    found = {(f.rule_id, f.line) for f in report.findings if f.rule_id != "UG-CONFIG-001"}
    return found, {Path(e.path).name: e.message for e in report.errors} | refused


def test_xml_with_entities_is_refused_and_the_neighbours_still_audited(tmp_path: Path) -> None:
    (tmp_path / "config.xml").write_text(BILLION_LAUGHS)
    (tmp_path / "users.xml").write_text(
        "<clickhouse><users><default><password></password><networks><ip>::/0</ip></networks>"
        "</default></users></clickhouse>\n"
    )
    found, errors = _rules_and_errors(tmp_path)
    assert "config.xml" in errors and "DTD" in errors["config.xml"]
    assert found == {("UG-CLICKHOUSE-001", 1)}


def test_broken_xml_points_at_its_line(tmp_path: Path) -> None:
    (tmp_path / "users.xml").write_text("<clickhouse>\n<users>\n<default>\n</users>\n</clickhouse>\n")
    report = audit_paths([tmp_path], cwd=tmp_path)
    assert [(Path(f.path).name, f.line, f.rule_id) for f in report.findings] == [("users.xml", 4, "UG-CONFIG-001")]


@pytest.mark.parametrize(
    ("network", "expected"),
    [
        # every interface of an unpublished container is the compose network's: not strangers' (round 24)
        ("", {("UG-ETCD-002", 4)}),
        ("    network_mode: host\n", {("UG-ETCD-001", 4), ("UG-ETCD-002", 4)}),
    ],
)
def test_compose_command_flags_are_read(tmp_path: Path, network: str, expected: set[tuple[str, int]]) -> None:
    (tmp_path / "docker-compose.yml").write_text(
        "services:\n"
        "  etcd:\n"
        "    image: quay.io/coreos/etcd:v3.5.9\n"
        "    command: etcd --listen-client-urls http://0.0.0.0:2379 --advertise-client-urls http://etcd:2379\n"
        + network
    )
    found, errors = _rules_and_errors(tmp_path)
    assert not errors
    assert {f for f in found if f[0].startswith("UG-ETCD")} == expected


def test_flags_from_variables_or_a_config_file_stay_quiet_about_what_is_missing() -> None:
    path = Path("etcd.service")
    assert etcd_from_argv(path, ["etcd", "--config-file", "/etc/etcd/etcd.conf.yml"], 3).complete is False
    conf = etcd_from_argv(path, ["etcd", "--client-cert-auth", "--listen-client-urls", "https://0.0.0.0:2379"], 3)
    assert conf.is_true("client-cert-auth") and conf.get("listen-client-urls").value == "https://0.0.0.0:2379"


def test_yaml_and_environment_forms_mean_the_same(tmp_path: Path) -> None:
    yaml_form = parse_etcd_yaml(Path("etcd.conf.yml"), "listen-client-urls: http://10.0.0.5:2379\n")
    env_form = parse_etcd_yaml(Path("etcd.conf"), 'ETCD_LISTEN_CLIENT_URLS="http://10.0.0.5:2379"\n')
    assert yaml_form.get("listen-client-urls").value == env_form.get("listen-client-urls").value
