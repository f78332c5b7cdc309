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
from functools import lru_cache
from pathlib import Path
from typing import Any

import hcl2
from lark import Token, Tree
from lark.exceptions import UnexpectedInput

from .files import read_config_text
from .lines import ParseError

#: Azure's per-database firewall rules (``start_ip_address``/``end_ip_address``), read
#: here and judged by ``rules/terraform.py``
AZURE_DATABASE_FIREWALLS = (
    "azurerm_postgresql_firewall_rule",
    "azurerm_postgresql_flexible_server_firewall_rule",
    "azurerm_mysql_firewall_rule",
    "azurerm_mysql_flexible_server_firewall_rule",
    "azurerm_mariadb_firewall_rule",
    "azurerm_sql_firewall_rule",
    "azurerm_mssql_firewall_rule",
    "azurerm_redis_firewall_rule",
)

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
    # Azure Blob Storage containers and the account switch over them (rules/azure_storage.py)
    "azurerm_storage_container",
    "azurerm_storage_account",
    # database firewalls and public endpoints on Azure and Alibaba Cloud
    *AZURE_DATABASE_FIREWALLS,
    "azurerm_postgresql_server",
    "azurerm_postgresql_flexible_server",
    "azurerm_mysql_server",
    "azurerm_mysql_flexible_server",
    "azurerm_mariadb_server",
    "azurerm_mssql_server",
    "azurerm_redis_cache",
    "azurerm_cosmosdb_account",
    "alicloud_db_instance",
    "alicloud_kvstore_instance",
    "alicloud_mongodb_instance",
    "alicloud_security_group_rule",
)

#: module sources whose inputs describe security group rules (terraform-aws-modules/security-group)
WATCHED_MODULES = ("security-group",)


class _Unknown(str):
    """A value only ``terraform plan`` knows."""


UNKNOWN = _Unknown("(computed)")


class Reference(_Unknown):
    """``var.cidrs``, ``local.port``, ``ingress.value.port``: unknown until resolved from a default,
    a local or a ``dynamic`` block's element (see :func:`_resolve`)."""

    path: tuple[str, ...] = ()


def _reference(path: tuple[str, ...]) -> Reference:
    ref = Reference("(computed)")
    ref.path = path
    return ref


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
    """Watched resources and security-group module calls, with ``var.``/``local.`` values resolved
    from defaults and locals (this file's and its module folder's) and ``dynamic`` blocks expanded."""

    path: Path
    resources: tuple[HclBlock, ...]  # type = resource type, labels = (resource type, name)
    modules: tuple[HclBlock, ...] = ()  # type = "module", labels = (name,)


Scope = dict[tuple[str, ...], Any]


def parse_terraform(path: Path, text: str) -> TerraformFile:
    if not any(t in text for t in WATCHED_TYPES + WATCHED_MODULES):
        return TerraformFile(path, ())
    top = _parse_top(text)
    scope = _definitions(top)
    if "var." in text or "local." in text or "data.aws_iam_policy_document" in text:
        for sibling, sibling_scope in _module_folder(path):
            if sibling != path.name:
                scope = {**sibling_scope, **scope}
        scope.update(_auto_variables(path))  # terraform.tfvars and *.auto.tfvars win over defaults
    resources = tuple(
        _resolve_block(HclBlock(b.labels[0], b.labels, b.line, b.attributes, b.attribute_lines, b.children), scope)
        for b in top.blocks("resource")
        if len(b.labels) == 2 and b.labels[0] in WATCHED_TYPES
    )
    modules = tuple(
        _resolve_block(HclBlock("module", b.labels, b.line, b.attributes, b.attribute_lines, b.children), scope)
        for b in top.blocks("module")
        if any(m in str(b.get("source", "")) for m in WATCHED_MODULES)
    )
    return TerraformFile(path, resources, modules)


def _parse_top(text: str) -> HclBlock:
    try:
        tree = hcl2.parses_to_tree(text)
    except UnexpectedInput as exc:
        raise ParseError(f"not valid HCL: {str(exc).splitlines()[0]}", getattr(exc, "line", None)) from exc
    except Exception as exc:  # python-hcl2 raises assorted errors on odd input
        raise ParseError(f"not valid HCL: {exc}") from exc
    return _block("", (), 1, _child(tree, "body"))


def _definitions(top: HclBlock) -> Scope:
    """``var.NAME`` -> its default, ``local.NAME`` -> its value (a variable without a default stays unknown)."""
    scope: Scope = {}
    for variable in top.blocks("variable"):
        if variable.labels and "default" in variable.attributes:
            scope[("var", variable.labels[0])] = variable.attributes["default"]
    for locals_block in top.blocks("locals"):
        for name, value in locals_block.attributes.items():
            scope[("local", name)] = value
    for data in top.blocks("data"):
        if len(data.labels) == 2 and data.labels[0] == "aws_iam_policy_document":
            scope[("data", "aws_iam_policy_document", data.labels[1], "json")] = _policy_document(data)
    return scope


def _policy_document(data: HclBlock) -> dict[str, Any]:
    """``data "aws_iam_policy_document"`` as the policy JSON it renders (``.json``), for the S3 rules.

    ``principals { type = "*" identifiers = ["*"] }`` is ``Principal: "*"``; a ``condition``
    block is kept as a non-empty Condition (what it narrows to is not judged here).
    """
    statements = []
    for statement in data.blocks("statement"):
        principals: Any = None
        for block in statement.blocks("principals"):
            kind, ids = block.get("type"), block.get("identifiers")
            if kind == "*" or (kind == "AWS" and isinstance(ids, list) and "*" in ids):
                principals = "*" if kind == "*" else {"AWS": ids}
            elif principals is None:
                principals = {str(kind): ids}
        statements.append(
            {
                "Effect": statement.get("effect", "Allow"),
                "Principal": principals,
                "Action": statement.get("actions", []),
                "Condition": {"present": True} if statement.blocks("condition") else None,
            }
        )
    return {"Statement": statements}


def _module_folder(path: Path) -> list[tuple[str, Scope]]:
    """Variables and locals of the other ``.tf`` files of the folder: a Terraform module is a folder."""
    found: list[tuple[str, Scope]] = []
    try:
        siblings = sorted(path.parent.glob("*.tf"))[:50]
    except OSError:
        return found
    for sibling in siblings:
        try:
            stat = sibling.stat()
            found.append((sibling.name, _definitions_of(str(sibling), stat.st_mtime_ns, stat.st_size)))
        except (OSError, ParseError):
            continue
    return found


def _auto_variables(path: Path) -> Scope:
    """Values Terraform loads by itself: ``terraform.tfvars``, then ``*.auto.tfvars`` in name order."""
    scope: Scope = {}
    try:
        files = [path.parent / "terraform.tfvars", *sorted(path.parent.glob("*.auto.tfvars"))[:20]]
    except OSError:
        return scope
    for file in files:
        try:
            stat = file.stat()
            scope.update(_tfvars_of(str(file), stat.st_mtime_ns, stat.st_size))
        except (OSError, ParseError):
            continue
    return scope


@lru_cache(maxsize=64)
def _tfvars_of(path: str, mtime_ns: int, size: int) -> Scope:
    top = _parse_top(read_config_text(Path(path)))
    return {("var", name): value for name, value in top.attributes.items()}


@lru_cache(maxsize=256)
def _definitions_of(path: str, mtime_ns: int, size: int) -> Scope:
    """One sibling's definitions, remembered per file version (a folder's files share them)."""
    text = read_config_text(Path(path))
    if "variable" not in text and "locals" not in text and "aws_iam_policy_document" not in text:
        return {}
    return _definitions(_parse_top(text))


def _lookup(ref: Reference, scope: Scope, depth: int) -> Any:
    for size in range(len(ref.path), 1, -1):
        key = ref.path[:size]
        if key in scope:
            value = _resolve(scope[key], scope, depth + 1)
            for attr in ref.path[size:]:
                value = value.get(attr, UNKNOWN) if isinstance(value, dict) else UNKNOWN
            return value
    return ref


def _resolve(value: Any, scope: Scope, depth: int = 0) -> Any:
    """References replaced by what the scope knows (locals may name variables: followed a few steps)."""
    if depth > 8:
        return UNKNOWN
    if isinstance(value, Reference):
        return _lookup(value, scope, depth)
    if isinstance(value, list):
        return [_resolve(v, scope, depth) for v in value]
    if isinstance(value, dict):
        return {k: _resolve(v, scope, depth) for k, v in value.items()}
    return value


def _resolve_block(block: HclBlock, scope: Scope, depth: int = 0) -> HclBlock:
    """Attributes resolved; each ``dynamic "X"`` block becomes one ``X`` block per element of its for_each."""
    children: list[HclBlock] = []
    for child in block.children:
        if child.type == "dynamic" and child.labels:
            children.extend(_expand_dynamic(child, scope, depth))
        else:
            children.append(_resolve_block(child, scope, depth))
    attributes = {k: _resolve(v, scope) for k, v in block.attributes.items()}
    return HclBlock(block.type, block.labels, block.line, attributes, block.attribute_lines, tuple(children))


#: elements a ``dynamic`` block is expanded over; a nested one gets one (hostile input multiplies)
MAX_DYNAMIC_ELEMENTS = 100


def _expand_dynamic(dynamic: HclBlock, scope: Scope, depth: int) -> list[HclBlock]:
    name = str(dynamic.get("iterator") or dynamic.labels[0])
    elements = _resolve(dynamic.get("for_each"), scope)
    if isinstance(elements, dict):
        pairs = list(elements.items())
    elif isinstance(elements, list):
        pairs = list(enumerate(elements))
    else:
        pairs = [(UNKNOWN, UNKNOWN)]  # unknown elements: the content's literal values still count
    blocks = []
    for content in dynamic.blocks("content"):
        for key, element in pairs[: MAX_DYNAMIC_ELEMENTS if depth == 0 else 1]:
            inner = {**scope, (name, "value"): element, (name, "key"): key}
            resolved = _resolve_block(content, inner, depth + 1)
            blocks.append(
                HclBlock(
                    dynamic.labels[0],
                    (),
                    content.line,
                    resolved.attributes,
                    resolved.attribute_lines,
                    resolved.children,
                )
            )
    return blocks


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
    if data == "get_attr_expr_term":
        path = _reference_path(node)
        return _reference(path) if path else UNKNOWN
    if data == "string" and len(kids) == 1 and kids[0].children and isinstance(kids[0].children[0], Tree):
        inner = kids[0].children[0]  # "${var.cidr}": the interpolation alone is the value
        if inner.data == "interpolation":
            exprs = [c for c in inner.children if isinstance(c, Tree)]
            return _value(exprs[0]) if len(exprs) == 1 else UNKNOWN
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
    if data == "function_call" and kids and _text(kids[0]) in {"toset", "tolist", "tostring", "tonumber"}:
        arguments = _child(node, "arguments")
        first = [c for c in arguments.children if isinstance(c, Tree)] if arguments is not None else []
        return _value(first[0]) if len(first) == 1 else UNKNOWN
    if data == "function_call" and kids and _text(kids[0]) == "jsonencode":
        arguments = _child(node, "arguments")
        first = [c for c in arguments.children if isinstance(c, Tree)] if arguments is not None else []
        return _value(first[0]) if len(first) == 1 else UNKNOWN
    if data == "heredoc_template" and node.children and "${" not in str(node.children[0]):
        return "\n".join(str(node.children[0]).strip().split("\n")[1:-1])  # between <<EOF and EOF
    return UNKNOWN


def _reference_path(node: Tree[Token]) -> tuple[str, ...]:
    """``var.cidrs`` -> ("var", "cidrs"); ``ingress.value.port`` -> ("ingress", "value", "port"); else ()."""
    kids = [c for c in node.children if isinstance(c, Tree)]
    if len(kids) != 2 or kids[1].data != "get_attr":
        return ()
    head = kids[0]
    if head.data == "expr_term" and len(head.children) == 1:
        head = head.children[0] if isinstance(head.children[0], Tree) else head
    if isinstance(head, Tree) and head.data == "get_attr_expr_term":
        prefix = _reference_path(head)
    elif isinstance(head, Tree) and head.data == "identifier":
        prefix = (_text(head),)
    else:
        return ()
    names = [c for c in kids[1].children if isinstance(c, Tree) and c.data == "identifier"]
    return (*prefix, _text(names[0])) if prefix and names else ()
