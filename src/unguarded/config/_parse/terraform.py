"""Terraform ``.tf`` files through python-hcl2, with line numbers found in the text.

python-hcl2 gives no positions, so each resource's header line is found with a targeted
search for ``resource "TYPE" "NAME"``, and a value inside it by searching that block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import hcl2
from hcl2 import SerializationOptions
from lark.exceptions import UnexpectedInput

from .lines import ParseError

#: resource types the rules read; a file naming none of them is not parsed at all (speed)
WATCHED_TYPES = (
    "aws_security_group",
    "aws_security_group_rule",
    "aws_vpc_security_group_ingress_rule",
    "aws_network_acl",
    "aws_network_acl_rule",
    "google_compute_firewall",
    "azurerm_network_security_group",
    "azurerm_network_security_rule",
    "aws_db_instance",
    "aws_rds_cluster_instance",
    "aws_redshift_cluster",
    "aws_dms_replication_instance",
    "google_sql_database_instance",
)
_OPTIONS = SerializationOptions(with_comments=False, strip_string_quotes=True)
_TOP_LEVEL = re.compile(r"^(resource|data|module|variable|output|locals|provider|terraform|moved|import|check)\b")


@dataclass(frozen=True)
class TfResource:
    type: str
    name: str
    body: dict[str, Any]
    line: int
    end_line: int
    lines: tuple[str, ...]

    def blocks(self, name: str) -> list[dict[str, Any]]:
        """Nested blocks (``ingress { ... }``) as a list whatever their count."""
        return blocks(self.body.get(name))

    def block_line(self, name: str, index: int) -> int:
        """The line opening the ``index``-th ``name { ... }`` block inside this resource."""
        opening = re.compile(rf"^\s*{re.escape(name)}\s*\{{")
        found = [n for n in range(self.line + 1, self.end_line + 1) if opening.match(self.lines[n - 1])]
        return found[index] if index < len(found) else self.line

    def find_line(self, *needles: str, after: int = 0) -> int:
        """First line of this block at or after ``after`` holding every needle; else the header."""
        for number in range(max(self.line, after), self.end_line + 1):
            text = self.lines[number - 1]
            if all(n in text for n in needles):
                return number
        return self.line


def blocks(value: Any) -> list[dict[str, Any]]:
    """A block attribute as a list of bodies, whether HCL gave one or many."""
    if isinstance(value, dict):
        return [value]
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


@dataclass(frozen=True)
class TerraformFile:
    path: Path
    resources: tuple[TfResource, ...]


def parse_terraform(path: Path, text: str) -> TerraformFile:
    if not any(t in text for t in WATCHED_TYPES):
        return TerraformFile(path, ())
    try:
        tree = hcl2.loads(text, serialization_options=_OPTIONS)
    except UnexpectedInput as exc:
        raise ParseError(f"not valid HCL: {str(exc).splitlines()[0]}", getattr(exc, "line", None)) from exc
    except Exception as exc:  # python-hcl2 raises assorted errors on odd input
        raise ParseError(f"not valid HCL: {exc}") from exc
    lines = tuple(text.splitlines())
    resources = []
    for group in tree.get("resource", []):
        for rtype, named in group.items():
            if rtype not in WATCHED_TYPES:
                continue
            for name, body in named.items():
                start = _header_line(lines, rtype, name)
                resources.append(TfResource(rtype, name, body, start, _end_line(lines, start), lines))
    return TerraformFile(path, tuple(resources))


def _header_line(lines: tuple[str, ...], rtype: str, name: str) -> int:
    header = re.compile(rf'^\s*resource\s+"?{re.escape(rtype)}"?\s+"?{re.escape(name)}"?\s*\{{')
    return next((i for i, text in enumerate(lines, start=1) if header.match(text)), 1)


def _end_line(lines: tuple[str, ...], start: int) -> int:
    for number in range(start + 1, len(lines) + 1):
        if _TOP_LEVEL.match(lines[number - 1]):
            return number - 1
    return len(lines)
