"""MongoDB: mongod.conf (YAML or legacy) and ``mongod`` command lines in systemd units.

mongod binds to localhost by default since 3.6 but enforces no authentication unless
``security.authorization: enabled`` (or a keyFile) is set.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Remediation, Severity
from .._net import is_loopback
from .._parse.lines import Setting
from .._parse.mongodb import MongoConfig
from .._rule import ConfigRule, Hit, RuleCategory

CHECKLIST = "https://www.mongodb.com/docs/manual/administration/security-checklist/"
BINDING = "https://www.mongodb.com/docs/manual/core/security-mongodb-configuration/"
TLS = "https://www.mongodb.com/docs/manual/tutorial/configure-ssl/"
LOCALHOST = "https://www.mongodb.com/docs/manual/core/localhost-exception/"
CIS = "https://www.cisecurity.org/benchmark/mongodb"


def exposed_bind(conf: MongoConfig) -> Setting | None:
    """``net.bindIpAll: true`` or a ``net.bindIp`` with a non-loopback address."""
    bind_all = conf.get("net.bindIpAll")
    if bind_all is not None and bind_all.value.lower() in {"true", "1"}:
        return bind_all
    bind = conf.get("net.bindIp")
    if bind is not None and any(not is_loopback(a) for a in bind.value.split(",") if a.strip()):
        return bind
    # no bindIp: the version decides (every interface before 3.6, localhost since), and a file does not
    # say which version reads it; the key = value format of 2.4 is no clue, as mongod still reads it
    # (the official image's entrypoint warns about it on 4.4), so today's default applies
    return None


def auth_enabled(conf: MongoConfig) -> bool | None:
    """True with authorization or a keyFile (which implies it); None when the file cannot tell."""
    authorization = conf.get("security.authorization")
    if authorization is not None:
        return authorization.value.lower() == "enabled"
    if conf.get("security.keyFile") is not None or conf.get("security.clusterAuthMode") is not None:
        return True
    return False if conf.complete else None


def _open(conf: MongoConfig) -> Iterator[Hit]:
    bind = exposed_bind(conf)
    if bind is not None and auth_enabled(conf) is False:
        yield Hit.at(
            bind,
            f"mongod listens on {'every interface' if bind is conf.get('net.bindIpAll') else bind.value} and "
            "authorization is not enabled: anyone who reaches port 27017 can read, change and drop every database",
        )


def _no_auth(conf: MongoConfig) -> Iterator[Hit]:
    if auth_enabled(conf) is False and exposed_bind(conf) is None:
        where = conf.get("security.authorization")
        yield Hit(
            where.line if where else 1,
            "authorization is not enabled: every local process (and everyone, once the bind is widened or the "
            "port forwarded) has full access",
            where.path if where else None,
        )


def _plaintext(conf: MongoConfig) -> Iterator[Hit]:
    bind = exposed_bind(conf)
    if bind is None or auth_enabled(conf) is False:
        return  # without authentication UG-MONGO-001 already says it all
    mode = conf.get("net.tls.mode") or conf.get("net.ssl.mode")
    if mode is None or mode.value not in {"requireTLS", "requireSSL"}:
        where = mode or bind
        yield Hit.at(
            where,
            f"mongod listens beyond loopback with TLS mode {mode.value if mode else 'unset (disabled)'}: "
            "credentials and documents can cross the network in clear text",
        )


def _localhost_bypass(conf: MongoConfig) -> Iterator[Hit]:
    bypass = conf.parameter("enableLocalhostAuthBypass")
    if bypass is not None and bypass.value.lower() in {"true", "1"}:
        yield Hit.at(
            bypass,
            "enableLocalhostAuthBypass is switched on explicitly: any local process may create the first "
            "administrator, and it stays on after a restore into an empty users collection",
        )


RULES = (
    ConfigRule(
        id="UG-MONGO-001",
        title="MongoDB listens on a network interface without authorization",
        severity=Severity.CRITICAL,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="mongod is bound beyond loopback and enforces no access control, the configuration behind "
        "most ransomed MongoDB databases.",
        remediation=Remediation(
            summary="Enable authorization and bind only to the addresses clients use.",
            steps=(
                "security:\n  authorization: enabled",
                "net:\n  bindIp: 127.0.0.1,<private address>",
                "create an administrator first (the localhost exception allows exactly one)",
            ),
            references=(CHECKLIST, BINDING, CIS),
        ),
        reads=MongoConfig,
        check=_open,
    ),
    ConfigRule(
        id="UG-MONGO-002",
        title="MongoDB authorization is not enabled",
        severity=Severity.MEDIUM,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="mongod enforces no access control. It listens on loopback only, so today only local "
        "processes get in; one widened bindIp or forwarded port makes it open to everyone.",
        remediation=Remediation(
            summary="Enable authorization.",
            steps=("security:\n  authorization: enabled",),
            references=(CHECKLIST, CIS),
        ),
        reads=MongoConfig,
        check=_no_auth,
    ),
    ConfigRule(
        id="UG-MONGO-003",
        title="MongoDB accepts unencrypted connections on a network interface",
        severity=Severity.MEDIUM,
        category=RuleCategory.ENCRYPTION,
        cwe=319,
        description="mongod listens beyond loopback and does not require TLS: passwords (SCRAM exchanges can be "
        "attacked offline) and documents cross the network readable.",
        remediation=Remediation(
            summary="Require TLS for every connection.",
            steps=("net:\n  tls:\n    mode: requireTLS\n    certificateKeyFile: /etc/ssl/mongodb.pem",),
            references=(TLS, CHECKLIST),
        ),
        reads=MongoConfig,
        check=_plaintext,
    ),
    ConfigRule(
        id="UG-MONGO-004",
        title="MongoDB localhost authentication bypass switched on",
        severity=Severity.LOW,
        category=RuleCategory.AUTHENTICATION,
        cwe=288,
        description="The localhost exception lets a local connection create the first user without "
        "credentials; setting it on explicitly keeps that door open on every restart.",
        remediation=Remediation(
            summary="Turn the localhost exception off once the administrator exists.",
            steps=("setParameter:\n  enableLocalhostAuthBypass: false",),
            references=(LOCALHOST, CHECKLIST),
        ),
        reads=MongoConfig,
        check=_localhost_bypass,
    ),
)
