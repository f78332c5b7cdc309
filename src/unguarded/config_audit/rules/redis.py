"""Redis: redis.conf and ``redis-server`` command lines in systemd units.

Redis trusts whoever connects unless a password or ACL user is set. Protected mode
(on by default since 3.2) refuses remote clients while the default user has no password.
Before Redis 7.0 an explicit ``bind`` switched that guard off; since 7.0 (redis/redis#9034)
only ``protected-mode no`` does, so a non-loopback bind without a password is open only
when protected mode is off (UG-REDIS-001) and otherwise relies on it (UG-REDIS-003).
Container images are judged in :mod:`.deployed`: the official image builds Redis with
protected mode off by default.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Remediation, Severity
from .._net import is_loopback
from .._parse.redis import Directive, RedisConfig
from .._rule import ConfigRule, Hit, RuleCategory

SECURITY = "https://redis.io/docs/latest/operate/oss_and_stack/management/security/"
ACL = "https://redis.io/docs/latest/operate/oss_and_stack/management/security/acl/"
TLS = "https://redis.io/docs/latest/operate/oss_and_stack/management/security/encryption/"


def exposed_bind(conf: RedisConfig) -> tuple[Directive, list[str]] | None:
    """The ``bind`` in force when it listens beyond loopback, with those addresses."""
    bind = conf.last("bind")
    if bind is None:
        return None
    outside = [a for a in bind.args if not is_loopback(a)]
    return (bind, outside) if outside else None


def has_auth(conf: RedisConfig) -> bool | None:
    """True with a password or an ACL that needs one; None when this file cannot tell."""
    if conf.value("requirepass"):
        return True
    if conf.last("aclfile") is not None:
        return None
    default = [d for d in conf.all("user") if d.args and d.args[0] == "default"]
    if default:
        return not _default_user_is_open(default[-1].args[1:])
    return False if conf.complete else None


def _default_user_is_open(rules: tuple[str, ...]) -> bool:
    """ACL rules of a configured ``user default`` line, applied after Redis' implicit reset."""
    enabled = nopass = False
    for token in rules:
        if token in {"on", "off"}:
            enabled = token == "on"
        elif token == "nopass":
            nopass = True
        elif token in {"resetpass", "reset"} or token.startswith((">", "#")):
            nopass = False
            enabled = enabled and token != "reset"
    return enabled and nopass


def protection_off(conf: RedisConfig) -> bool:
    """True when the file says ``protected-mode no`` (the last such line wins)."""
    mode = conf.last("protected-mode")
    return mode is not None and bool(mode.args) and mode.args[0].lower() == "no"


def _open_bind(conf: RedisConfig) -> Iterator[Hit]:
    found = exposed_bind(conf)
    if found and has_auth(conf) is False and protection_off(conf):
        bind, outside = found
        yield Hit.at(
            bind.where,
            f"'bind {bind.where.value}' listens on {', '.join(outside)}, protected mode is off and no password is "
            "set: anyone who reaches the port can read, change and delete every key",
        )


def _protected_mode_off(conf: RedisConfig) -> Iterator[Hit]:
    mode = conf.last("protected-mode")
    if mode and protection_off(conf) and has_auth(conf) is False and not exposed_bind(conf):
        yield Hit.at(
            mode.where,
            "protected-mode is off and no password is set: unless a firewall stops them, remote clients "
            "get full access as soon as the server listens on a public interface",
        )


def _relies_on_protected_mode(conf: RedisConfig) -> Iterator[Hit]:
    if has_auth(conf) is not False or protection_off(conf):
        return
    found = exposed_bind(conf)
    if found is not None:
        bind, outside = found
        yield Hit.at(
            bind.where,
            f"'bind {bind.where.value}' listens on {', '.join(outside)} with no password: Redis 7 and newer refuse "
            "remote clients in protected mode, but Redis 6 and older (and the official container image, built with "
            "protected mode off) let anyone who reaches the port in",
        )
    elif conf.last("bind") is None:
        yield Hit(
            1,
            "no bind and no password: Redis listens on every interface and only protected mode keeps "
            "remote clients out; one 'protected-mode no' line (or, before Redis 7, a 'bind' line) opens it",
        )


def _plaintext(conf: RedisConfig) -> Iterator[Hit]:
    found = exposed_bind(conf)
    if found is None or has_auth(conf) is False:
        return  # without a password UG-REDIS-001 already says it all
    if conf.last("tls-port") is None or conf.value("port") != "0":
        bind = found[0]
        yield Hit.at(
            bind.where,
            "Redis listens beyond loopback on a plain TCP port: passwords and data cross the network in clear text",
        )


def _config_command(conf: RedisConfig) -> Iterator[Hit]:
    found = exposed_bind(conf)
    renamed = any(d.args and d.args[0].upper() == "CONFIG" for d in conf.all("rename-command"))
    acl = conf.last("aclfile") is not None or any(d.args and d.args[0] != "default" for d in conf.all("user"))
    if found and has_auth(conf) and not renamed and not acl:
        bind = found[0]
        yield Hit.at(
            bind.where,
            "every client holding the shared password may run CONFIG SET, which attackers use to write files "
            "and load modules; restrict it with an ACL user or rename it",
        )


RULES = (
    ConfigRule(
        id="UG-REDIS-001",
        title="Redis listens on a network interface with no password and protected mode off",
        severity=Severity.CRITICAL,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="A bind to a non-loopback address with protected mode off and no requirepass or ACL user "
        "with a password: anyone who reaches the port has every key and can run CONFIG.",
        remediation=Remediation(
            summary="Bind to loopback or a private address and require a password.",
            steps=(
                "bind 127.0.0.1 -::1",
                "requirepass <a long random secret> (or: user default on >secret ~* +@all)",
                "if clients are remote, keep the bind private and firewall port 6379",
            ),
            references=(SECURITY, ACL),
        ),
        reads=RedisConfig,
        check=_open_bind,
    ),
    ConfigRule(
        id="UG-REDIS-002",
        title="Redis protected mode is off and no password is set",
        severity=Severity.HIGH,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="Protected mode is the last guard of a Redis without a password: with it off, any remote "
        "client that reaches the port gets full access.",
        remediation=Remediation(
            summary="Keep protected mode on, or set a password before turning it off.",
            steps=("protected-mode yes", "requirepass <a long random secret>"),
            references=(SECURITY,),
        ),
        reads=RedisConfig,
        check=_protected_mode_off,
    ),
    ConfigRule(
        id="UG-REDIS-003",
        title="Redis has no password and relies on protected mode alone",
        severity=Severity.MEDIUM,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="Redis listens beyond loopback (no bind line, or a non-loopback bind) with no password; only "
        "protected mode refuses remote clients, and Redis before 7.0, the official container image or one "
        "'protected-mode no' line removes it.",
        remediation=Remediation(
            summary="Bind explicitly and set a password.",
            steps=("bind 127.0.0.1 -::1", "requirepass <a long random secret>"),
            references=(SECURITY, ACL),
        ),
        reads=RedisConfig,
        check=_relies_on_protected_mode,
    ),
    ConfigRule(
        id="UG-REDIS-004",
        title="Redis serves plain TCP on a network interface",
        severity=Severity.MEDIUM,
        category=RuleCategory.ENCRYPTION,
        cwe=319,
        description="Redis listens beyond loopback without TLS (or keeps its plain port open beside tls-port): "
        "AUTH passwords and every value cross the network readable by anyone on the path.",
        remediation=Remediation(
            summary="Serve TLS only on the network listener.",
            steps=("tls-port 6379", "port 0", "tls-cert-file / tls-key-file / tls-ca-cert-file"),
            references=(TLS,),
        ),
        reads=RedisConfig,
        check=_plaintext,
    ),
    ConfigRule(
        id="UG-REDIS-005",
        title="Redis CONFIG is open to every client with the shared password",
        severity=Severity.LOW,
        category=RuleCategory.AUTHORIZATION,
        cwe=269,
        description="With one shared password and no ACL users, every client may run CONFIG SET, the command "
        "behind most Redis takeovers (writing cron files or SSH keys, loading modules).",
        remediation=Remediation(
            summary="Give applications ACL users without dangerous commands, or disable CONFIG.",
            steps=(
                "user app on >secret ~* +@all -@dangerous",
                'or, on old versions: rename-command CONFIG ""',
            ),
            references=(ACL, SECURITY),
        ),
        reads=RedisConfig,
        check=_config_command,
    ),
)
