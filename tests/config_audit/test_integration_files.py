"""Files beside the code: the pre-commit hook and the docs stay in step with the rules."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from unguarded.config_audit._discover import format_of

from .helpers import REPO

NAMES = [
    "mongod.conf",
    "etc/mongodb.conf",
    "redis-6379.conf",
    "pg_hba.conf",
    "data/postgresql.auto.conf",
    "mysql/conf.d/50-server.cnf",
    "elasticsearch.yml",
    "opensearch.yaml",
    "memcached.conf",
    "zookeeper/conf/zoo.cfg",
    "systemd/redis.service",
    "docker-compose.override.yml",
    "k8s/db.yaml",
    "infra/main.tf",
    "README.md",
    "app.conf",
    "main.tf.json",
    "Dockerfile",
    "src/app.py",
]


def test_hook_files_pattern_matches_detection() -> None:
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "unguarded-config" and hook["entry"] == "unguarded config"
    pattern = re.compile(hook["files"])
    for name in NAMES:
        assert bool(pattern.search(name)) == (format_of(name.rsplit("/", 1)[-1]) is not None), name


def test_docs_list_every_rule() -> None:
    from unguarded.config_audit import RuleCategory, all_rules

    docs = (REPO / "docs" / "config.md").read_text()
    missing = [r.id for r in all_rules() if f"`{r.id}` | {r.severity.value} | {r.category} | CWE-{r.cwe} |" not in docs]
    assert not missing, f"docs/config.md does not list {missing} with their severity, category and CWE"
    assert all(f"| `{category}` |" in docs for category in RuleCategory), "docs/config.md explains every category"


def test_shared_contracts_are_found(shared: Path) -> None:
    assert (shared / "contracts" / "sarif-schema-2.1.0.json").is_file()
