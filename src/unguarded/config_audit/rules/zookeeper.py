"""ZooKeeper: ``zoo.cfg`` settings that hand the coordination data of a cluster to anyone.

ZooKeeper holds what other systems trust: Kafka, Solr, HBase and Hadoop configs, leader
elections, often credentials. It has no login by default: every znode is created with
``world:anyone`` unless the client sets an ACL, and the four-letter words and the
AdminServer answer without authentication.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Remediation, Severity
from .._net import is_loopback
from .._parse.zookeeper import ZooConfig
from .._rule import ConfigRule, Hit, RuleCategory

ADMIN = "https://zookeeper.apache.org/doc/current/zookeeperAdmin.html"
FOUR_LW = "https://zookeeper.apache.org/doc/current/zookeeperAdmin.html#sc_4lw"
ADMIN_SERVER = "https://zookeeper.apache.org/doc/current/zookeeperAdmin.html#sc_adminserver"
AUTH = "https://zookeeper.apache.org/doc/current/zookeeperAdmin.html#sc_authOptions"
ACL = "https://zookeeper.apache.org/doc/current/zookeeperProgrammers.html#sc_ZooKeeperAccessControl"

_ENFORCE = ("enforce.auth.enabled", "zookeeper.enforce.auth.enabled")
_REQUIRE_SASL = ("sessionRequireClientSASLAuth", "zookeeper.sessionRequireClientSASLAuth")


def _true(value: str) -> bool:
    return value.strip().lower() in {"true", "yes", "1"}


def _four_letter_words(cfg: ZooConfig) -> Iterator[Hit]:
    setting = cfg.get("4lw.commands.whitelist", "zookeeper.4lw.commands.whitelist")
    if setting is not None and "*" in [w.strip() for w in setting.value.split(",")]:
        yield Hit.at(
            setting,
            "4lw.commands.whitelist=*: every four-letter word answers anyone who reaches the client port "
            "(dump, cons and wchp list sessions, client addresses and watched paths; envi the environment)",
        )


def _admin_server(cfg: ZooConfig) -> Iterator[Hit]:
    enabled = cfg.get("admin.enableServer", "zookeeper.admin.enableServer")
    if enabled is not None and not _true(enabled.value):
        return
    address = cfg.get("admin.serverAddress", "zookeeper.admin.serverAddress")
    if address is not None and is_loopback(address.value):
        return
    port = cfg.get("admin.serverPort", "zookeeper.admin.serverPort")
    where = address or enabled or port
    message = (
        f"the AdminServer (HTTP, port {port.value if port else 8080}) "
        f"listens on {address.value if address else 'every interface (0.0.0.0, the default)'} and answers its commands "
        "(configuration, connections, environment) without authentication"
    )
    yield Hit.at(where, message) if where is not None else Hit(1, message)


def _skip_acl(cfg: ZooConfig) -> Iterator[Hit]:
    setting = cfg.get("skipACL", "zookeeper.skipACL")
    if setting is not None and setting.value.strip().lower() == "yes":
        yield Hit.at(
            setting, "skipACL=yes: ZooKeeper ignores every ACL; any client may read, change and delete every znode"
        )


def _no_authentication(cfg: ZooConfig) -> Iterator[Hit]:
    if any(_true(s.value) for key in (*_ENFORCE, *_REQUIRE_SASL) if (s := cfg.settings.get(key)) is not None):
        return
    address = cfg.get("clientPortAddress")
    if address is not None and is_loopback(address.value):
        return
    if cfg.get("clientPort") is None and address is None and cfg.get("secureClientPort") is not None:
        return  # TLS-only client port (client certificates are checked by the TLS layer)
    providers = cfg.prefixed("authProvider.")
    where = address or cfg.get("clientPort")
    listen = address.value if address else "every interface"
    detail = (
        "an authProvider is configured but not enforced (no enforce.auth.enabled=true)"
        if providers
        else "no authProvider and no enforce.auth.enabled=true"
    )
    message = (
        f"clients connect on {listen} without authenticating ({detail}); every znode created without an "
        "explicit ACL is world:anyone, readable and writable by them"
    )
    yield Hit.at(where, message) if where is not None else Hit(1, message)


RULES = (
    ConfigRule(
        id="UG-ZK-001",
        title="ZooKeeper accepts unauthenticated clients on a network interface",
        severity=Severity.HIGH,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="Without enforced authentication any client that reaches port 2181 gets a session, and "
        "znodes without an explicit ACL (the default) are world:anyone: configs and credentials of every "
        "system that keeps them in ZooKeeper are readable and writable.",
        remediation=Remediation(
            summary="Enforce authentication and listen on a private address only.",
            steps=(
                "zoo.cfg: authProvider.1=org.apache.zookeeper.server.auth.SASLAuthenticationProvider",
                "zoo.cfg: enforce.auth.enabled=true and enforce.auth.schemes=sasl (ZooKeeper 3.7+; "
                "3.6: sessionRequireClientSASLAuth=true)",
                "zoo.cfg: clientPortAddress=<private address>; set digest or SASL ACLs on every znode (setAcl -R /)",
            ),
            references=(AUTH, ACL),
        ),
        reads=ZooConfig,
        check=_no_authentication,
    ),
    ConfigRule(
        id="UG-ZK-002",
        title="ZooKeeper ignores every ACL (skipACL=yes)",
        severity=Severity.CRITICAL,
        category=RuleCategory.AUTHORIZATION,
        cwe=862,
        description="With skipACL=yes ZooKeeper performs no permission check at all: every client may read, "
        "overwrite and delete every znode, whatever ACLs were set.",
        remediation=Remediation(
            summary="Remove skipACL.",
            steps=("zoo.cfg: delete the skipACL line (and any -Dzookeeper.skipACL=yes in SERVER_JVMFLAGS); restart",),
            references=(ADMIN, ACL),
        ),
        reads=ZooConfig,
        check=_skip_acl,
    ),
    ConfigRule(
        id="UG-ZK-003",
        title="Every ZooKeeper four-letter word is enabled",
        severity=Severity.MEDIUM,
        category=RuleCategory.HARDENING,
        cwe=200,
        description="The four-letter words answer without authentication; with the whitelist set to * they "
        "list sessions, client addresses, watched paths and the server environment to anyone.",
        remediation=Remediation(
            summary="Whitelist only the words monitoring needs.",
            steps=("zoo.cfg: 4lw.commands.whitelist=srvr,ruok (or mntr for metrics)",),
            references=(FOUR_LW,),
        ),
        reads=ZooConfig,
        check=_four_letter_words,
    ),
    ConfigRule(
        id="UG-ZK-004",
        title="ZooKeeper AdminServer listens on every interface",
        severity=Severity.MEDIUM,
        category=RuleCategory.NETWORK_EXPOSURE,
        cwe=306,
        description="The embedded Jetty AdminServer (enabled by default since 3.5, port 8080, all interfaces) "
        "answers configuration, connection and environment commands over HTTP without authentication.",
        remediation=Remediation(
            summary="Turn the AdminServer off or bind it to loopback.",
            steps=("zoo.cfg: admin.enableServer=false   (or admin.serverAddress=127.0.0.1)",),
            references=(ADMIN_SERVER,),
        ),
        reads=ZooConfig,
        check=_admin_server,
    ),
)
