"""MySQL and MariaDB: my.cnf server groups (``[mysqld]``, ``[mariadb]``, ``[server]``) and includes."""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Remediation, Severity
from .._net import is_loopback
from .._parse.lines import Setting
from .._parse.mysql import MyCnf
from .._rule import ConfigRule, Hit, RuleCategory

GUIDELINES = "https://dev.mysql.com/doc/refman/8.4/en/security-guidelines.html"
OPTIONS = "https://dev.mysql.com/doc/refman/8.4/en/server-options.html"
LOCAL = "https://dev.mysql.com/doc/refman/8.4/en/load-data-local-security.html"
TLS = "https://dev.mysql.com/doc/refman/8.4/en/using-encrypted-connections.html"
MARIADB = "https://mariadb.com/kb/en/securing-mariadb/"
CIS = "https://www.cisecurity.org/benchmark/oracle_mysql"


def networking_off(cnf: MyCnf) -> bool:
    setting = cnf.get("networking")
    return setting is not None and setting.value.lower() in {"0", "off", "false"}


def exposed_bind(cnf: MyCnf) -> Setting | None:
    bind = cnf.get("bind_address")
    if bind is None or networking_off(cnf):
        return None
    return bind if any(not is_loopback(a) for a in bind.value.split(",") if a.strip()) else None


def listens_on_network(cnf: MyCnf) -> bool:
    """A server group whose bind is missing (mysqld's default is every interface) or not loopback."""
    if not cnf.has_server_group or networking_off(cnf):
        return False
    return cnf.get("bind_address") is None or exposed_bind(cnf) is not None


def _skip_grant_tables(cnf: MyCnf) -> Iterator[Hit]:
    setting = cnf.get("grant_tables")
    if setting is not None and setting.value == "0" and not networking_off(cnf):
        yield Hit.at(
            setting,
            "skip-grant-tables: every connection is accepted as a superuser without a password "
            "(MySQL 8 then refuses remote clients; MariaDB does not)",
        )


def _bind_all(cnf: MyCnf) -> Iterator[Hit]:
    bind = exposed_bind(cnf)
    if bind is not None:
        yield Hit.at(
            bind,
            f"bind-address = {bind.value}: the server accepts TCP connections beyond loopback; "
            "accounts with host '%' can log in from anywhere that reaches port 3306",
        )


def _insecure_transport(cnf: MyCnf) -> Iterator[Hit]:
    if not cnf.complete or not listens_on_network(cnf):
        return
    setting = cnf.enabled("require_secure_transport")
    if setting is None:
        where = cnf.get("require_secure_transport") or exposed_bind(cnf)
        yield Hit(
            where.line if where else 1,
            "the server takes network connections without require_secure_transport: clients may log in "
            "and read results over unencrypted TCP",
            where.path if where else None,
        )


def _local_infile(cnf: MyCnf) -> Iterator[Hit]:
    setting = cnf.enabled("local_infile")
    if setting is not None:
        yield Hit.at(
            setting,
            "local_infile is on: LOAD DATA LOCAL lets a malicious or compromised server side read files "
            "from connecting clients, and SQL injection gains a file-read primitive",
        )


RULES = (
    ConfigRule(
        id="UG-MYSQL-001",
        title="MySQL skips the grant tables",
        severity=Severity.CRITICAL,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="With skip-grant-tables the server checks no password and grants every connection all "
        "privileges; it is a recovery switch that must never reach a running configuration.",
        remediation=Remediation(
            summary="Remove skip-grant-tables and restart.",
            steps=(
                "delete the skip-grant-tables line",
                "to reset a lost root password use --init-file with ALTER USER instead",
            ),
            references=(OPTIONS, GUIDELINES, CIS),
        ),
        reads=MyCnf,
        check=_skip_grant_tables,
    ),
    ConfigRule(
        id="UG-MYSQL-002",
        title="MySQL binds to a non-loopback address",
        severity=Severity.LOW,
        category=RuleCategory.NETWORK_EXPOSURE,
        cwe=668,
        description="bind-address opens the server to the network, so account host patterns and firewalls are "
        "all that keep strangers from trying passwords.",
        remediation=Remediation(
            summary="Bind to loopback or the private address clients use.",
            steps=("bind-address = 127.0.0.1", "or: bind-address = 10.0.0.5"),
            references=(OPTIONS, CIS),
        ),
        reads=MyCnf,
        check=_bind_all,
    ),
    ConfigRule(
        id="UG-MYSQL-003",
        title="MySQL accepts unencrypted network connections",
        severity=Severity.MEDIUM,
        category=RuleCategory.ENCRYPTION,
        cwe=319,
        description="The server listens on the network and does not set require_secure_transport, so clients "
        "may send credentials and receive data over plain TCP.",
        remediation=Remediation(
            summary="Require TLS for every TCP connection.",
            steps=("[mysqld]\nrequire_secure_transport = ON",),
            references=(TLS, CIS, MARIADB),
        ),
        reads=MyCnf,
        check=_insecure_transport,
    ),
    ConfigRule(
        id="UG-MYSQL-004",
        title="MySQL local_infile is enabled",
        severity=Severity.MEDIUM,
        category=RuleCategory.HARDENING,
        cwe=552,
        description="local_infile allows LOAD DATA LOCAL, which turns SQL injection or a rogue server into "
        "reading arbitrary files; CIS recommends it off.",
        remediation=Remediation(
            summary="Disable local_infile.",
            steps=("[mysqld]\nlocal_infile = 0",),
            references=(LOCAL, CIS),
        ),
        reads=MyCnf,
        check=_local_infile,
    ),
)
