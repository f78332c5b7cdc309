"""``unguarded config``: find database exposure in configuration before it ships.

Reads database configuration (mongod.conf, redis.conf, pg_hba.conf, postgresql.conf,
my.cnf, elasticsearch.yml, memcached options) and the infrastructure around it
(Docker Compose, Kubernetes manifests, Terraform, systemd units) with real parsers,
and reports each line that leaves a database open, with the exact fix.

    from unguarded.config_audit import audit_paths, render_sarif
    report = audit_paths(["deploy/"], today=datetime.date(2026, 11, 22))

Everything else in this package is private.
"""

from __future__ import annotations

from ._audit import UsageError, audit_paths
from ._model import ConfigFinding, ConfigReport, FileError, Suppression
from ._rule import ConfigRule, Hit, RuleCategory, RuleLoadError
from ._sarif import render_sarif, sarif_log
from ._terminal import print_terminal, render_terminal
from .rules import all_rules

__all__ = [
    "ConfigReport",
    "FileError",
    "ConfigFinding",
    "Hit",
    "ConfigRule",
    "RuleCategory",
    "RuleLoadError",
    "Suppression",
    "UsageError",
    "all_rules",
    "audit_paths",
    "print_terminal",
    "render_sarif",
    "render_terminal",
    "sarif_log",
]
