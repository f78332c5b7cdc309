"""Terraform ``.tf`` files through python-hcl2's parser, with the line of every value.

python-hcl2 turns HCL into a lark tree whose nodes carry their line; its dictionary
output drops them. So the tree is read here directly, into :class:`HclBlock` objects
that keep each attribute's line: a finding points at ``cidr_blocks = ["0.0.0.0/0"]``,
not at the top of the resource. Expressions Terraform evaluates at plan time
(``var.cidr``, ``"${local.x}"``, function calls) become :data:`UNKNOWN`, which no
rule counts as open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import hcl2
from lark import Token, Tree
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
    # S3 and MinIO buckets (rules/s3.py)
    "aws_s3_bucket",
    "aws_s3_bucket_policy",
    "aws_s3_bucket_acl",
    "aws_s3_bucket_public_access_block",
    "aws_s3_account_public_access_block",
    "minio_s3_bucket",
    "minio_s3_bucket_policy",
)


class _Unknown(str):
    """A value only ``terraform plan`` knows."""


UNKNOWN = _Unknown("(computed)")


@dataclass(frozen=True)
class HclBlock:
    """``type "label" ... { attributes and nested blocks }`` with lines (1-based)."""

    type: str
    labels: tuple[str, ...]
    line: int
    attributes: dict[str, Any] = field(default_factory=dict)
    attribute_lines: dict[str, int] = field(default_factory=dict)
    children: tuple[HclBlock, ...] = ()

    @property
    def name(self) -> str:
        return self.labels[-1] if self.labels else ""

    def get(self, key: str, default: Any = None) -> Any:
        return self.attributes.get(key, default)

    def line_of(self, *keys: str) -> int:
        """The line of the first of ``keys`` that is set here, else the block's own line."""
        return next((self.attribute_lines[k] for k in keys if k in self.attribute_lines), self.line)

    def blocks(self, kind: str) -> list[HclBlock]:
        return [b for b in self.children if b.type == kind]


@dataclass(frozen=True)
class TerraformFile:
    path: Path
    resources: tuple[HclBlock, ...]  # type = resource type, labels = (resource type, name)


def parse_terraform(path: Path, text: str) -> TerraformFile:
    if not any(t in text for t in WATCHED_TYPES):
        return TerraformFile(path, ())
    try:
        tree = hcl2.parses_to_tree(text)
    except UnexpectedInput as exc:
        raise ParseError(f"not valid HCL: {str(exc).splitlines()[0]}", getattr(exc, "line", None)) from exc
    except Exception as exc:  # python-hcl2 raises assorted errors on odd input
        raise ParseError(f"not valid HCL: {exc}") from exc
    top = _block("", (), 1, _child(tree, "body"))
    resources = tuple(
        HclBlock(b.labels[0], b.labels, b.line, b.attributes, b.attribute_lines, b.children)
        for b in top.blocks("resource")
        if len(b.labels) == 2 and b.labels[0] in WATCHED_TYPES
    )
    return TerraformFile(path, resources)


def _child(tree: Tree[Token], data: str) -> Tree[Token] | None:
    return next((c for c in tree.children if isinstance(c, Tree) and c.data == data), None)


def _block(kind: str, labels: tuple[str, ...], line: int, body: Tree[Token] | None) -> HclBlock:
    attributes: dict[str, Any] = {}
    lines: dict[str, int] = {}
    children: list[HclBlock] = []
    for node in body.children if body is not None else ():
        if not isinstance(node, Tree):
            continue
        if node.data == "attribute":
            name = _text(node.children[0])
            attributes[name] = _value(node.children[-1])
            lines[name] = node.meta.line
        elif node.data == "block":
            words = [c for c in node.children if isinstance(c, Tree) and c.data in {"identifier", "string"}]
            child_labels = tuple(_text(w) for w in words[1:])
            children.append(_block(_text(words[0]), child_labels, node.meta.line, _child(node, "body")))
    return HclBlock(kind, labels, line, attributes, lines, tuple(children))


def _text(node: Tree[Token] | Token) -> str:
    """An identifier or a literal string's text (labels are either)."""
    value = _value(node) if isinstance(node, Tree) and node.data == "string" else None
    if isinstance(value, str):
        return value
    return "".join(
        str(t) for t in (node.scan_values(lambda v: isinstance(v, Token)) if isinstance(node, Tree) else [node])
    )


def _value(node: Tree[Token] | Token) -> Any:
    """Literal values as Python values; anything Terraform must evaluate as UNKNOWN."""
    if isinstance(node, Token):
        return UNKNOWN
    data, kids = node.data, [c for c in node.children if isinstance(c, Tree)]
    if data == "expr_term" and len(kids) == 1:
        return _value(kids[0])
    if data == "string":
        parts = [p.children[0] if p.children else "" for p in kids]
        return "".join(str(p) for p in parts) if all(isinstance(p, (Token, str)) for p in parts) else UNKNOWN
    if data == "int_lit":
        return int(str(node.children[0]))
    if data == "float_lit":
        return float(str(node.children[0]))
    if data == "literal_value":
        return {"true": True, "false": False, "null": None}.get(str(node.children[0]), UNKNOWN)
    if data == "tuple":
        return [_value(k) for k in kids]
    if data == "unary_op" and str(node.children[0]) == "-" and isinstance(inner := _value(kids[0]), int):
        return -inner
    if data == "object":  # bucket policies written inline: jsonencode({ Statement = [...] })
        return {
            _text(elem.children[0]).strip('"'): _value(elem.children[-1]) for elem in kids if elem.data == "object_elem"
        }
    if data == "function_call" and kids and _text(kids[0]) == "jsonencode":
        arguments = _child(node, "arguments")
        first = [c for c in arguments.children if isinstance(c, Tree)] if arguments is not None else []
        return _value(first[0]) if len(first) == 1 else UNKNOWN
    if data == "heredoc_template" and node.children and "${" not in str(node.children[0]):
        return "\n".join(str(node.children[0]).strip().split("\n")[1:-1])  # between <<EOF and EOF
    return UNKNOWN
