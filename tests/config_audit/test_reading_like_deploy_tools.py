"""Files read the way engines and deploy tools read them: the engine's own file or not,
JSON manifests, rendered Helm output, and database configs that fail closed."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from unguarded.config_audit import audit_paths

from .helpers import TODAY

Write = Callable[[str, str], Path]


def _rules(tmp_path: Path) -> list[tuple[str, str, int]]:
    report = audit_paths([tmp_path], today=TODAY, cwd=tmp_path)
    assert not report.errors, report.errors
    return [(f.rule_id, f.path, f.line) for f in report.findings]


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("memcached.conf", "upstream memcached {\n    server 127.0.0.1:11211;\n}\n"),
        ("memcached.conf", "# check\ncommand[check_memcached]=/usr/lib/nagios/plugins/check_tcp -p 11211\n"),
        ("memcached.conf", '[[inputs.memcached]]\n  servers = ["localhost:11211"]\n'),
        ("redis.conf", '<Plugin redis>\n  <Node "r">\n    Host "localhost"\n  </Node>\n</Plugin>\n'),
        ("redis.conf", "[program:redis]\ncommand=/usr/bin/redis-server /etc/redis.conf\n"),
        ("nginx/conf.d/redis.conf", "location /redis { proxy_pass http://redis:6379; }\n"),
        ("logrotate.d/mongod.conf", "/var/log/mongodb/*.log {\n  daily\n}\n"),
        ("telegraf.d/mongod.conf", 'servers = ["mongodb://127.0.0.1:27017"]\n'),
    ],
)
def test_files_of_other_tools_named_like_the_engines_are_passed_over(
    write: Write, tmp_path: Path, name: str, text: str
) -> None:
    write(name, text)
    assert _rules(tmp_path) == []


def test_the_engines_own_files_are_still_read(write: Write, tmp_path: Path) -> None:
    write("memcached.conf", "# Debian's file\n-m 64\n-p 11211\n")
    write("redis.conf", "bind 0.0.0.0\nprotected-mode no\n")
    assert {rule for rule, _, _ in _rules(tmp_path)} >= {"UG-MEMCACHED-001", "UG-REDIS-001"}


def test_json_kubernetes_manifests_are_read(write: Write, tmp_path: Path) -> None:
    manifest = {
        "apiVersion": "v1",
        "kind": "List",
        "items": [
            {
                "apiVersion": "v1",
                "kind": "Service",
                "metadata": {"name": "cache"},
                "spec": {"type": "LoadBalancer", "selector": {"app": "cache"}, "ports": [{"port": 6379}]},
            },
            {
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "metadata": {"name": "cache"},
                "spec": {
                    "template": {
                        "metadata": {"labels": {"app": "cache"}},
                        "spec": {"containers": [{"name": "redis", "image": "redis:7"}]},
                    }
                },
            },
        ],
    }
    write("deploy/cache.json", json.dumps(manifest, indent=2))
    write("package.json", '{"name": "app", "version": "1.0.0"}')
    assert _rules(tmp_path) == [("UG-K8S-001", "deploy/cache.json", 12)]


def test_rendered_helm_output_is_read_even_with_braces_in_strings(write: Write, tmp_path: Path) -> None:
    write(
        "rendered.yaml",
        "---\n"
        "# Source: cache/templates/configmap.yaml\n"
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alerts\n"
        "data:\n  msg: 'value is {{ $value }}'\n"
        "---\n"
        "# Source: cache/templates/service.yaml\n"
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: pg\n"
        "spec:\n  type: NodePort\n  ports:\n    - port: 5432\n",
    )
    write("template.yaml", "apiVersion: v1\nkind: Service\nspec:\n  type: {{ .Values.type }}\n")
    assert _rules(tmp_path) == [("UG-K8S-003", "rendered.yaml", 16)]


def test_an_unparsable_database_config_fails_the_default_gate(write: Write, tmp_path: Path) -> None:
    write("redis/mongod.conf", "net:\n  bindIp: 0.0.0.0\n\tport: 27017\n")
    report = audit_paths([tmp_path], today=TODAY, cwd=tmp_path)
    (finding,) = report.findings
    assert (finding.rule_id, finding.line) == ("UG-CONFIG-001", 3) and "tab character" in finding.message
    assert "\\t" not in finding.message and report.fails(finding.severity)


def test_a_deployed_combination_points_at_both_files(write: Write, tmp_path: Path) -> None:
    from unguarded.config_audit import render_terminal, sarif_log

    write(
        "docker-compose.yml",
        "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: x\n"
        "    volumes:\n      - ./pg_hba.conf:/etc/postgresql/pg_hba.conf\n    ports:\n      - '5432:5432'\n",
    )
    write("pg_hba.conf", "local all all peer\nhost all all all trust\n")
    report = audit_paths([tmp_path], today=TODAY, cwd=tmp_path)
    (deployed,) = [f for f in report.findings if f.rule_id == "UG-DEPLOY-001"]
    assert (deployed.path, deployed.line) == ("docker-compose.yml", 9)
    assert [(r.path, r.line) for r in deployed.related] == [("pg_hba.conf", 2)]
    assert deployed.remediation.steps[-1].startswith("line 2: replace trust with scram-sha-256")
    (result,) = [r for r in sarif_log(report)["runs"][0]["results"] if r["ruleId"] == "UG-DEPLOY-001"]
    (related,) = result["relatedLocations"]
    assert related["physicalLocation"]["artifactLocation"]["uri"] == "pg_hba.conf"
    assert related["physicalLocation"]["region"]["startLine"] == 2
    assert "with pg_hba.conf:2" in render_terminal(report, width=200)


def test_utf16_without_a_byte_order_mark_is_read_as_text(tmp_path: Path) -> None:
    (tmp_path / "redis.conf").write_bytes("bind 0.0.0.0\nport 6379\nprotected-mode no\n".encode("utf-16-le"))
    report = audit_paths([tmp_path], today=TODAY, cwd=tmp_path)
    assert [f.rule_id for f in report.findings if f.severity.value == "critical"] == ["UG-REDIS-001"]


def test_binary_and_control_characters_are_named_in_words(tmp_path: Path) -> None:
    (tmp_path / "redis.conf").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00bind")
    (tmp_path / "elasticsearch.yml").write_text("network.host: 0.0.0.0\nnode.name: a\x07b\n")
    report = audit_paths([tmp_path], today=TODAY, cwd=tmp_path)
    messages = {f.path: f.message for f in report.findings if f.rule_id == "UG-CONFIG-001"}
    assert "binary content (NUL bytes)" in messages["redis.conf"]
    assert "the control character U+0007" in messages["elasticsearch.yml"]
    assert not any("#x" in m or "\\x" in m for m in messages.values())


def test_a_unit_is_judged_with_the_config_file_it_names(write: Write, tmp_path: Path) -> None:
    write("etc/redis/redis.conf", "port 6379\nappendonly yes\n")
    write(
        "systemd/redis.service",
        "[Service]\nExecStart=/usr/bin/redis-server /etc/redis/redis.conf --bind 0.0.0.0 --protected-mode no\n",
    )
    write("etc/mongod.conf", "net:\n  port: 27017\nsecurity:\n  authorization: disabled\n")
    write("systemd/mongod.service", "[Service]\nExecStart=/usr/bin/mongod --config /etc/mongod.conf --bind_ip_all\n")
    found = set(_rules(tmp_path))
    # alone, each file is at most a medium finding; together the servers are open
    assert ("UG-REDIS-001", "systemd/redis.service", 2) in found
    assert ("UG-MONGO-001", "systemd/mongod.service", 2) in found


def test_nested_dynamic_blocks_do_not_multiply(tmp_path: Path) -> None:
    from unguarded.config_audit._parse.terraform import MAX_DYNAMIC_ELEMENTS, parse_terraform

    body = 'from_port = 5432\n to_port = 5432\n protocol = "tcp"\n cidr_blocks = ["10.0.0.0/8"]\n'
    for _level in range(5):
        body = f'dynamic "ingress" {{\n for_each = var.many\n content {{\n {body} }}\n}}\n'
    text = 'variable "many" {\n default = [' + ", ".join(["1"] * 500) + "]\n}\n"
    text += f'resource "aws_security_group" "x" {{\n{body}}}\n'
    (resource,) = parse_terraform(tmp_path / "main.tf", text).resources

    def count(block: object) -> int:
        children = getattr(block, "children", ())
        return 1 + sum(count(c) for c in children)

    assert count(resource) <= 1 + MAX_DYNAMIC_ELEMENTS * 5


def test_a_port_alone_is_published_but_never_judged_by_image_defaults(write: Write, tmp_path: Path) -> None:
    write(
        "docker-compose.yml",
        "services:\n  c:\n    image: example/thing:1\n    ports:\n      - '11211:11211'\n"
        "  d:\n    image: example/other\n    network_mode: host\n    expose: ['11211']\n",
    )
    assert [rule for rule, _, _ in _rules(tmp_path)] == ["UG-COMPOSE-002", "UG-COMPOSE-002"]


def test_environment_files_are_read_only_inside_the_tree(write: Write, tmp_path: Path) -> None:
    unit = (
        "[Service]\nEnvironmentFile=-/etc/default/prometheus\n"
        "ExecStart=/usr/bin/prometheus --config.file=/etc/prometheus/prometheus.yml $ARGS\n"
    )
    write("pkg/lib/systemd/system/prometheus.service", unit)
    write("pkg/etc/default/prometheus", 'ARGS=""\n')
    write("other/lib/systemd/system/prometheus.service", unit)  # its /etc/default is not in the tree
    found = _rules(tmp_path)
    assert found == [("UG-PROM-001", "pkg/lib/systemd/system/prometheus.service", 3)]
    # audited alone, pkg's unit cannot see the folder above it
    report = audit_paths([tmp_path / "pkg" / "lib"], today=TODAY, cwd=tmp_path)
    assert not report.findings


def test_a_version1_compose_file_is_read_with_its_services_at_the_top_level(write: Write, tmp_path: Path) -> None:
    """docker-compose 1.x files (no ``services:`` key) still ship in packages; reading them as
    "not a compose file" passed a published open Redis silently."""
    write("docker-compose.yml", 'redis:\n  image: redis\n  ports:\n    - "6379:6379"\nweb:\n  build: .\n')
    assert _rules(tmp_path) == [("UG-COMPOSE-001", "docker-compose.yml", 4)]


def test_a_top_level_mapping_that_is_not_all_services_is_still_not_a_compose_file(write: Write, tmp_path: Path) -> None:
    """Only a mapping whose every value is a service body is version 1; anything else is reported
    as not a compose file, as before."""
    write("docker-compose.yml", 'redis:\n  image: redis\n  ports:\n    - "6379:6379"\nname: demo\n')
    report = audit_paths([tmp_path], today=TODAY, cwd=tmp_path)
    assert not report.findings
    assert [e.message for e in report.errors] == ["compose: a compose file needs a top-level 'services:' mapping"]
