"""PostgreSQL: pg_hba.conf (first matching line wins) and postgresql.conf.

pg_hba.conf decides who may log in and how; a line is judged only if no earlier line
already catches every connection it would.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Remediation, Severity
from .._net import is_loopback
from .._parse.lines import Setting
from .._parse.postgresql import HbaEntry, PgConf, PgHba
from .._rule import ConfigRule, Hit, RuleCategory

HBA = "https://www.postgresql.org/docs/current/auth-pg-hba-conf.html"
TRUST = "https://www.postgresql.org/docs/current/auth-trust.html"
PASSWORD = "https://www.postgresql.org/docs/current/auth-password.html"
SSL = "https://www.postgresql.org/docs/current/ssl-tcp.html"
CONNECTIONS = "https://www.postgresql.org/docs/current/runtime-config-connection.html"
CIS = "https://www.cisecurity.org/benchmark/postgresql"

#: methods where the client sends a secret the server checks (readable without TLS)
_CREDENTIAL_METHODS = frozenset({"scram-sha-256", "md5", "ldap", "radius", "pam", "bsd"})


def _line(entry: HbaEntry) -> str:
    return f"{entry.type} {entry.databases} {entry.users} {entry.address} {entry.method}"


def _remote_lines(hba: PgHba, *methods: str) -> Iterator[HbaEntry]:
    for entry in hba.effective:
        if entry.remote and entry.method in methods:
            yield entry


def _trust(hba: PgHba) -> Iterator[Hit]:
    for entry in _remote_lines(hba, "trust"):
        yield Hit.at(
            entry,
            f"'{_line(entry)}': connections from {entry.describe_address} log in as any matching user "
            "without a password, superusers included",
        )


def _cleartext_password(hba: PgHba) -> Iterator[Hit]:
    for entry in _remote_lines(hba, "password"):
        if entry.type != "hostssl":
            yield Hit.at(
                entry,
                f"'{_line(entry)}': the password method sends passwords in clear text, and this line "
                "also accepts connections without TLS",
            )


def _md5(hba: PgHba) -> Iterator[Hit]:
    for entry in hba.effective:
        if entry.method == "md5":
            yield Hit.at(
                entry,
                f"'{_line(entry)}': md5 is deprecated; a stolen md5 hash is enough to log in",
            )


def _no_tls(hba: PgHba) -> Iterator[Hit]:
    for entry in _remote_lines(hba, *_CREDENTIAL_METHODS):
        if entry.type in {"host", "hostnossl"}:
            yield Hit.at(
                entry,
                f"'{_line(entry)}': {entry.type} accepts connections from {entry.describe_address} "
                "without TLS, so logins and query results cross the network readable",
            )


def _exposed_listen(conf: PgConf) -> Setting | None:
    listen = conf.get("listen_addresses")
    if listen is None:
        return None  # default: localhost
    return listen if any(not is_loopback(a) for a in listen.value.split(",") if a.strip()) else None


def _listens_everywhere(conf: PgConf) -> Iterator[Hit]:
    listen = _exposed_listen(conf)
    if listen is not None:
        yield Hit.at(
            listen,
            f"listen_addresses = '{listen.value}': the server accepts TCP connections beyond loopback; "
            "only pg_hba.conf and the firewall decide who gets in",
        )


def _ssl_off(conf: PgConf) -> Iterator[Hit]:
    listen = _exposed_listen(conf)
    ssl = conf.get("ssl")
    if listen is not None and (ssl is None or ssl.value.lower() not in {"on", "true", "yes", "1"}):
        where = ssl or listen
        yield Hit.at(
            where,
            f"ssl is {ssl.value if ssl else 'not set (off)'} while the server listens beyond loopback: "
            "no client can encrypt its connection",
        )


def _md5_encryption(conf: PgConf) -> Iterator[Hit]:
    setting = conf.get("password_encryption")
    if setting is not None and setting.value.lower() in {"md5", "on", "true"}:
        yield Hit.at(setting, f"password_encryption = {setting.value}: new passwords are stored as md5 hashes")


_SCRAM_STEPS = (
    "password_encryption = scram-sha-256   (postgresql.conf)",
    "ALTER ROLE <each role> PASSWORD '<new password>';   (re-hashes it as SCRAM)",
    "then replace md5 with scram-sha-256 in pg_hba.conf",
)

RULES = (
    ConfigRule(
        id="UG-PG-001",
        title="pg_hba.conf trusts connections from the network",
        severity=Severity.CRITICAL,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="A trust line for a non-loopback address lets anyone who reaches port 5432 log in as the "
        "named users, postgres included, without any password.",
        remediation=Remediation(
            summary="Replace trust with scram-sha-256 on every host line and narrow the address.",
            steps=("hostssl  all  all  10.0.0.0/8  scram-sha-256", "SELECT pg_reload_conf();"),
            references=(TRUST, HBA, CIS),
        ),
        reads=PgHba,
        check=_trust,
    ),
    ConfigRule(
        id="UG-PG-002",
        title="pg_hba.conf sends passwords in clear text over the network",
        severity=Severity.HIGH,
        category=RuleCategory.ENCRYPTION,
        cwe=523,
        description="The password method transmits the password itself; on a host line that also accepts "
        "non-TLS connections anyone on the path can read it.",
        remediation=Remediation(
            summary="Use scram-sha-256 and require TLS.",
            steps=("hostssl  all  all  10.0.0.0/8  scram-sha-256",),
            references=(PASSWORD, HBA, CIS),
        ),
        reads=PgHba,
        check=_cleartext_password,
    ),
    ConfigRule(
        id="UG-PG-003",
        title="pg_hba.conf uses the deprecated md5 method",
        severity=Severity.MEDIUM,
        category=RuleCategory.AUTHENTICATION,
        cwe=836,
        description="md5 authentication is deprecated: the stored hash is password-equivalent, so a leaked "
        "pg_authid or backup lets an attacker log in without cracking anything.",
        remediation=Remediation(summary="Move to scram-sha-256.", steps=_SCRAM_STEPS, references=(PASSWORD, CIS)),
        reads=PgHba,
        check=_md5,
    ),
    ConfigRule(
        id="UG-PG-004",
        title="pg_hba.conf accepts network logins without TLS",
        severity=Severity.MEDIUM,
        category=RuleCategory.ENCRYPTION,
        cwe=319,
        description="A host or hostnossl line for a non-loopback address accepts unencrypted connections, so "
        "logins and query results cross the network readable; hostssl refuses them.",
        remediation=Remediation(
            summary="Use hostssl for every network line and enable ssl.",
            steps=("hostssl  all  all  10.0.0.0/8  scram-sha-256", "ssl = on   (postgresql.conf)"),
            references=(HBA, SSL, CIS),
        ),
        reads=PgHba,
        check=_no_tls,
    ),
    ConfigRule(
        id="UG-PG-005",
        title="PostgreSQL listens beyond loopback",
        severity=Severity.LOW,
        category=RuleCategory.NETWORK_EXPOSURE,
        cwe=668,
        description="listen_addresses includes a non-loopback address, so pg_hba.conf and network filtering "
        "are all that stand between the database and the network.",
        remediation=Remediation(
            summary="Listen only on the addresses clients use.",
            steps=("listen_addresses = 'localhost,10.0.0.5'",),
            references=(CONNECTIONS, CIS),
        ),
        reads=PgConf,
        check=_listens_everywhere,
    ),
    ConfigRule(
        id="UG-PG-006",
        title="PostgreSQL listens on the network with SSL off",
        severity=Severity.MEDIUM,
        category=RuleCategory.ENCRYPTION,
        cwe=319,
        description="The server accepts network connections but cannot encrypt them, so every login and "
        "result crosses the network readable.",
        remediation=Remediation(
            summary="Enable SSL and require it in pg_hba.conf.",
            steps=(
                "ssl = on",
                "ssl_cert_file = 'server.crt'",
                "ssl_key_file = 'server.key'",
                "use hostssl lines in pg_hba.conf",
            ),
            references=(SSL, CIS),
        ),
        reads=PgConf,
        check=_ssl_off,
    ),
    ConfigRule(
        id="UG-PG-007",
        title="PostgreSQL stores new passwords as md5",
        severity=Severity.MEDIUM,
        category=RuleCategory.ENCRYPTION,
        cwe=916,
        description="password_encryption = md5 stores password-equivalent hashes; anyone who reads pg_authid "
        "or a backup can log in as those roles.",
        remediation=Remediation(summary="Store SCRAM verifiers.", steps=_SCRAM_STEPS, references=(PASSWORD, CIS)),
        reads=PgConf,
        check=_md5_encryption,
    ),
)
