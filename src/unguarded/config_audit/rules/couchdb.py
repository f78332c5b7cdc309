"""CouchDB: ``local.ini`` and ``local.d/*.ini`` (``[chttpd]``, ``[admins]``, ``require_valid_user``).

With no admin configured CouchDB (before 3.0) runs an "admin party": every client is a
server admin. With admins but ``require_valid_user = false`` (the default), anonymous
clients still read every database whose ``_security`` object names no members.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Remediation, Severity
from .._net import is_loopback
from .._parse.couchdb import CouchIni
from .._parse.lines import Setting
from .._rule import ConfigRule, Hit, RuleCategory

SECURITY = "https://docs.couchdb.org/en/stable/intro/security.html"
AUTH = "https://docs.couchdb.org/en/stable/config/auth.html"
HTTP = "https://docs.couchdb.org/en/stable/config/http.html"
SETUP = "https://docs.couchdb.org/en/stable/setup/single-node.html"
#: how CouchDB writes an admin password it has hashed
HASHED = ("-pbkdf2-", "-hashed-", "-pbkdf2:")


def network_bind(ini: CouchIni) -> Setting | None:
    """The ``bind_address`` that opens the HTTP API beyond loopback (clustered or 1.x port)."""
    for section in ("chttpd", "httpd"):
        bind = ini.get(section, "bind_address")
        if bind is not None and not is_loopback(bind.value):
            return bind
    return None


def _admin_party(ini: CouchIni) -> Iterator[Hit]:
    bind = network_bind(ini)
    if bind is not None and not ini.admins:
        yield Hit.at(
            bind,
            f"bind_address = {bind.value} and no [admins]: an admin party on the network, every client is a "
            "server admin (reads, deletes and replicates every database; ransom bots leave a 'read_me' database)",
        )


def _anonymous_reads(ini: CouchIni) -> Iterator[Hit]:
    if network_bind(ini) is None:
        return
    for section in ("chttpd", "chttpd_auth", "couch_httpd_auth"):
        setting = ini.get(section, "require_valid_user")
        if setting is not None and setting.value.lower() == "false":
            yield Hit.at(
                setting,
                f"[{section}] require_valid_user = false on a network interface: anonymous clients read every "
                "database whose _security object names no members",
            )


def _clear_admin_password(ini: CouchIni) -> Iterator[Hit]:
    for name, setting in ini.admins:
        if setting.value and not setting.value.startswith(HASHED):
            yield Hit.at(
                setting,
                f"[admins] {name} has a clear-text password in the file: CouchDB hashes it only when it starts, "
                "so every copy of this file (repository, image, backup) holds the admin password",
            )


RULES = (
    ConfigRule(
        id="UG-COUCH-001",
        title="CouchDB listens on the network with no admin (admin party)",
        severity=Severity.CRITICAL,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="Without an [admins] entry every client is a server admin: it can read, change, delete and "
        "replicate every database, which is how CouchDB servers are wiped and ransomed.",
        remediation=Remediation(
            summary="Create an admin and bind to loopback or a private address.",
            steps=(
                "[admins] admin = <a long password>   (CouchDB hashes it on start)",
                "[chttpd] bind_address = 127.0.0.1   (or the private address clients use)",
                "[chttpd] require_valid_user = true",
            ),
            references=(SECURITY, SETUP, HTTP),
        ),
        reads=CouchIni,
        check=_admin_party,
    ),
    ConfigRule(
        id="UG-COUCH-002",
        title="CouchDB accepts anonymous requests on the network",
        severity=Severity.HIGH,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="With require_valid_user = false, anonymous clients read (and write documents to) every "
        "database whose _security object has no members, even with admins configured.",
        remediation=Remediation(
            summary="Require a valid user for every request.",
            steps=(
                "[chttpd] require_valid_user = true",
                "[chttpd_auth] require_valid_user = true",
                "give every database a _security object with members: PUT /{db}/_security",
            ),
            references=(AUTH, SECURITY),
        ),
        reads=CouchIni,
        check=_anonymous_reads,
    ),
    ConfigRule(
        id="UG-COUCH-003",
        title="CouchDB admin password written in clear text",
        severity=Severity.HIGH,
        category=RuleCategory.ENCRYPTION,
        cwe=256,
        description="An [admins] password that is not yet hashed (-pbkdf2-...) sits in clear text in the file and "
        "in every copy of it, giving server-admin rights to whoever reads it.",
        remediation=Remediation(
            summary="Keep the admin password out of the file, or commit only its hash.",
            steps=(
                "start CouchDB once and copy the hashed value it writes back (-pbkdf2-...), or",
                "pass the password at deploy time: COUCHDB_USER / COUCHDB_PASSWORD from a secret store",
                "rotate the admin password that was committed",
            ),
            references=(AUTH, SECURITY),
        ),
        reads=CouchIni,
        check=_clear_admin_password,
    ),
)
