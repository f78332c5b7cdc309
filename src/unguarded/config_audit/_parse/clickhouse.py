"""ClickHouse's XML configuration: ``config.xml``/``users.xml`` and their ``config.d``/``users.d`` parts.

Read with defusedxml's SAX parser (no DTDs, no entity expansion), keeping the line of
every element so findings point at ``<ip>::/0</ip>`` or ``<listen_host>``. A file whose
root element is not ``<clickhouse>`` (or the older ``<yandex>``) is not ClickHouse's and
yields nothing: ``config.xml`` is a common name.
"""

from __future__ import annotations

import xml.sax
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml.common import DefusedXmlException
from defusedxml.sax import parseString

from .lines import ParseError, Setting

ROOTS = frozenset({"clickhouse", "yandex"})
#: elements that set a password or another way to prove who one is
CREDENTIALS = frozenset(
    {
        "password_sha256_hex",
        "password_double_sha1_hex",
        "ldap",
        "kerberos",
        "ssl_certificates",
        "ssh_keys",
        "http_authentication",
    }
)


@dataclass
class XNode:
    """One XML element: tag, attributes, text, line and children."""

    tag: str
    attrs: dict[str, str]
    line: int
    text: str = ""
    children: list[XNode] = field(default_factory=list)

    def child(self, tag: str) -> XNode | None:
        return next((c for c in self.children if c.tag == tag), None)

    def all(self, tag: str) -> list[XNode]:
        return [c for c in self.children if c.tag == tag]


@dataclass(frozen=True)
class ClickHouseUser:
    """A user from ``<users>``: whether it proves anything, and where it may connect from."""

    name: str
    line: int
    #: the ``<password>`` element when it is empty (or ``<no_password/>``); None when a secret is set
    no_password: Setting | None
    #: ``<ip>``/``<host_regexp>`` entries of ``<networks>``; None when the element is absent
    networks: tuple[Setting, ...] | None


@dataclass(frozen=True)
class ClickHouseConfig:
    """What the rules read from one ClickHouse XML file (server settings, users or both)."""

    path: Path
    listen_hosts: tuple[Setting, ...]
    users: tuple[ClickHouseUser, ...]


class _Builder(xml.sax.ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[XNode] = []
        self.root: XNode | None = None
        self._locator: xml.sax.xmlreader.Locator | None = None

    def setDocumentLocator(self, locator: xml.sax.xmlreader.Locator) -> None:  # noqa: N802 (SAX's name)
        self._locator = locator

    def startElement(self, name: str, attrs: xml.sax.xmlreader.AttributesImpl) -> None:  # noqa: N802
        line = self._locator.getLineNumber() if self._locator is not None else 1
        node = XNode(name, {k: attrs.getValue(k) for k in attrs.getNames()}, line or 1)
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.root = node
        self.stack.append(node)

    def endElement(self, name: str) -> None:  # noqa: N802
        node = self.stack.pop()
        node.text = node.text.strip()

    def characters(self, content: str) -> None:
        if self.stack:
            self.stack[-1].text += content


def parse_xml(text: str) -> XNode | None:
    """The element tree of an XML text, or None when it is empty; raises :class:`ParseError`."""
    builder = _Builder()
    try:
        parseString(text.encode("utf-8"), builder, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise ParseError(f"XML refused: {exc.__class__.__name__} (DTDs and entities are not read)") from exc
    except xml.sax.SAXParseException as exc:
        raise ParseError(f"not valid XML: {exc.getMessage()}", exc.getLineNumber()) from exc
    return builder.root


def parse_clickhouse_xml(path: Path, text: str) -> list[ClickHouseConfig]:
    """The ClickHouse document of an XML file; nothing for XML files that are not ClickHouse's."""
    head = text[:4096].lower()
    if "<clickhouse" not in head and "<yandex" not in head:
        return []
    root = parse_xml(text)
    if root is None or root.tag not in ROOTS:
        return []
    listen = tuple(Setting(n.text, n.line, path) for n in root.all("listen_host") if n.text)
    users: list[ClickHouseUser] = []
    for section in root.all("users"):
        users.extend(_user(path, node) for node in section.children)
    return [ClickHouseConfig(path, listen, tuple(users))]


def _user(path: Path, node: XNode) -> ClickHouseUser:
    password = node.child("password")
    explicit_none = node.child("no_password")
    secret_set = any(node.child(tag) is not None for tag in CREDENTIALS)
    no_password: Setting | None = None
    if explicit_none is not None:
        no_password = Setting("<no_password/>", explicit_none.line, path)
    elif password is not None and not password.text and "from_env" not in password.attrs and not secret_set:
        no_password = Setting("", password.line, path)
    networks_node = node.child("networks")
    networks: tuple[Setting, ...] | None = None
    if networks_node is not None:
        networks = tuple(
            Setting(entry.text, entry.line, path)
            for entry in networks_node.children
            if entry.tag in ("ip", "host_regexp", "host") and entry.text
        )
    return ClickHouseUser(node.tag, node.line, no_password, networks)
