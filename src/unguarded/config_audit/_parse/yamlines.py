"""PyYAML, safe, with the line number of every mapping key and sequence item kept.

The C loader builds ordinary dicts and lists; here they are :class:`YMap` and
:class:`YList`, which also remember where each key or item stood. Rules then point at
``ports:`` or ``type: LoadBalancer`` instead of the top of the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from .lines import ParseError, Setting

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YMap(dict[Any, Any]):
    """A mapping that knows its own line and each key's line (1-based)."""

    line: int = 1
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)

    def map(self, key: Any) -> YMap:
        """The child mapping at ``key``, or an empty one (configuration is often partial)."""
        value = self.get(key)
        return value if isinstance(value, YMap) else _empty_map(self.line_of(key))

    def list(self, key: Any) -> YList:
        value = self.get(key)
        return value if isinstance(value, YList) else YList()


class YList(list[Any]):
    """A sequence that knows each item's line (1-based)."""

    item_lines: list[int]

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.item_lines = []

    def line_at(self, index: int, default: int = 1) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else default


def _empty_map(line: int) -> YMap:
    m = YMap()
    m.line, m.key_lines = line, {}
    return m


#: nodes a document may expand to once aliases are followed (an alias bomb expands to billions)
MAX_YAML_NODES = 200_000
#: nesting a configuration never needs; deeper input is refused before anything recurses on it
MAX_YAML_DEPTH = 100


class _LineLoader(_Base):  # type: ignore[misc]
    """SafeLoader that builds YMap/YList and reads ``6379:6379`` as text (YAML 1.2, like Compose).

    Each document's node graph is measured before it is built: aliases are legitimate in
    compose files (``<<: *defaults``) but an alias bomb or a recursive alias is refused.
    """

    def construct_document(self, node: yaml.Node) -> Any:
        check_node_graph(node)
        return super().construct_document(node)


def check_node_graph(root: yaml.Node, max_nodes: int = MAX_YAML_NODES, max_depth: int = MAX_YAML_DEPTH) -> None:
    """Refuse a document whose aliases expand past ``max_nodes``, nest past ``max_depth`` or loop.

    Iterative, and linear in the nodes actually written: shared (aliased) nodes are measured
    once, their expanded size counted every time they are used.
    """
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        children = _children(node)
        if children_done:
            open_nodes.discard(key)
            size[key] = 1 + sum(size[id(c)] for c in children)
            depth[key] = 1 + max((depth[id(c)] for c in children), default=0)
            if size[key] > max_nodes:
                raise ParseError(f"YAML aliases expand to more than {max_nodes:,} values (an alias bomb?)", _line(node))
            if depth[key] > max_depth:
                raise ParseError(f"YAML nested more than {max_depth} levels deep", _line(node))
            continue
        if key in size:
            continue
        if key in open_nodes:
            raise ParseError("YAML alias refers to itself (a recursive structure)", _line(node))
        open_nodes.add(key)
        stack.append((node, True))
        if len(open_nodes) > max_depth:
            raise ParseError(f"YAML nested more than {max_depth} levels deep", _line(node))
        stack.extend((child, False) for child in reversed(children) if id(child) not in size)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> Iterator[YMap]:
    data = _empty_map(node.start_mark.line + 1)
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            key = str(key)
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = key_node.start_mark.line + 1


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode) -> Iterator[YList]:
    data = YList()
    yield data
    data.extend(loader.construct_object(child, deep=True) for child in node.value)
    data.item_lines = [child.start_mark.line + 1 for child in node.value]


def _construct_int(loader: _LineLoader, node: yaml.ScalarNode) -> int | str:
    if ":" in node.value:  # YAML 1.1 sexagesimal: "27017:27017" is a port mapping, not a number
        return str(node.value)
    return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _construct_seq)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
# keep timestamps and the like as text: configuration values are compared as strings
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_str)


def _compose_merge_tag(loader: _LineLoader, node: yaml.Node) -> Any:
    """Compose's ``!override`` (replace, do not merge) and ``!reset`` (drop an inherited
    value) mark a value for merging files; read alone, ``!override`` is the value itself
    and ``!reset`` nothing at all."""
    if node.tag == "!reset":
        return None
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        build = _construct_map(loader, node) if isinstance(node, yaml.MappingNode) else _construct_seq(loader, node)
        value = next(build)
        for _ in build:  # fill it now: no later pass runs a generator a custom tag returned
            pass
        return value
    return loader.construct_scalar(node)


_LineLoader.add_constructor("!override", _compose_merge_tag)
_LineLoader.add_constructor("!reset", _compose_merge_tag)


#: what ends an anchor or alias name: whitespace, the end, flow indicators and a mapping's colon
_ANCHOR_ENDS = frozenset("\0 \t\r\n\x85\u2028\u2029,[]{}:")


class _Yaml12AnchorLoader(yaml.SafeLoader):
    """The pure-Python loader with :class:`_LineLoader`'s constructors, for the rare text whose
    anchor or alias names YAML 1.2 (and Compose) allow but libyaml refuses: any characters but
    spaces and flow indicators (``&健康检查``), not only ASCII letters and digits."""

    yaml_constructors = _LineLoader.yaml_constructors

    def construct_document(self, node: yaml.Node) -> Any:
        check_node_graph(node)
        return super().construct_document(node)

    def scan_anchor(self, token_class: Any) -> Any:  # AnchorToken or AliasToken
        start = self.get_mark()
        self.forward()
        length = 0
        while self.peek(length) not in _ANCHOR_ENDS:
            length += 1
        if not length:
            raise yaml.scanner.ScannerError("while scanning an anchor", start, "expected a name", self.get_mark())
        value = self.prefix(length)
        self.forward(length)
        return token_class(value, start, self.get_mark())


def load_all(text: str) -> list[Any]:
    """Every document of a (possibly multi-document) YAML text; raises ``yaml.YAMLError``."""
    try:
        return [doc for doc in yaml.load_all(text, Loader=_LineLoader) if doc is not None]
    except yaml.scanner.ScannerError as exc:
        if not str(exc.context or "").startswith(("while scanning an anchor", "while scanning an alias")):
            raise
    return [doc for doc in yaml.load_all(text, Loader=_Yaml12AnchorLoader) if doc is not None]


def load_yaml(text: str) -> list[Any]:
    """:func:`load_all`, with a YAML error turned into a :class:`ParseError` with its line."""
    try:
        return load_all(text)
    except yaml.YAMLError as exc:
        raise ParseError(
            f"not valid YAML: {in_words(str(getattr(exc, 'problem', None) or exc))}", error_line(exc)
        ) from exc


_CHARACTER = re.compile(r"#x([0-9a-fA-F]{4})|'(\\[^']+|[^'])'")


def in_words(problem: str) -> str:
    """PyYAML's ``unacceptable character #x0000`` or ``'\\t'`` as a reader would say it."""

    def name(match: re.Match[str]) -> str:
        if match[1]:
            code = int(match[1], 16)
        else:
            text = match[2]
            try:
                text = text.encode("latin-1", "backslashreplace").decode("unicode_escape")
            except UnicodeDecodeError:
                return match[0]
            if len(text) != 1:
                return match[0]
            code = ord(text)
        if code in _CHARACTER_NAMES:
            return _CHARACTER_NAMES[code]
        return f"the control character U+{code:04X}" if code < 0x20 else match[0]

    return _CHARACTER.sub(name, problem.splitlines()[0] if problem else problem)


_CHARACTER_NAMES = {
    0x0000: "a NUL byte (a binary file, or UTF-16 text saved without a byte-order mark)",
    0x0009: "a tab (YAML indents with spaces only)",
    0xFEFF: "a byte-order mark in the middle of the text",
    0xFFFD: "bytes that are not valid UTF-8",
}


def error_line(exc: yaml.YAMLError) -> int | None:
    """The 1-based line a YAML error points at, when it says."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line + 1 if mark is not None else None


def flatten(mapping: YMap, prefix: str = "") -> dict[str, tuple[Any, int]]:
    """``{xpack: {security: {enabled: false}}}`` and ``xpack.security.enabled: false`` alike
    become ``{"xpack.security.enabled": (False, line)}`` (Elasticsearch and mongod accept both)."""
    flat: dict[str, tuple[Any, int]] = {}
    for key, value in mapping.items():
        name = f"{prefix}{key}"
        if isinstance(value, YMap) and value:
            flat.update(flatten(value, name + "."))
        else:
            flat[name] = (value, mapping.line_of(key))
    return flat


def yaml_settings(path: Path, text: str) -> dict[str, Setting]:
    """A settings file (mongod.conf, elasticsearch.yml) as dotted names -> text values.

    Booleans read as ``true``/``false`` and lists as comma-joined text, the way the
    servers' own command-line forms spell them.
    """
    docs = load_yaml(text)
    if not docs:
        return {}
    if not isinstance(docs[0], YMap):
        raise ParseError(f"{path.name} should be a YAML mapping of settings", 1)
    return {name: Setting(_scalar_text(value), line, path) for name, (value, line) in flatten(docs[0]).items()}


def _scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(_scalar_text(v) for v in value)
    return "" if value is None else str(value)
