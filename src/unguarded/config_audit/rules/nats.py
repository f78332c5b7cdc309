"""NATS: a server config without any authorization, listening on a network address.

With no ``authorization`` block, no ``accounts`` with users and no operator (JWT) setup,
every client that reaches 4222 may subscribe to ``>`` and publish anywhere; a
``no_auth_user`` does the same on purpose. nats-server listens on every interface
unless ``listen``/``host`` names another address.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Remediation, Severity
from .._net import is_loopback
from .._parse.brokers import NatsConfig
from .._parse.lines import Setting
from .._rule import ConfigRule, Hit, RuleCategory

AUTH = "https://docs.nats.io/running-a-nats-service/configuration/securing_nats/auth_intro"
ACCOUNTS = "https://docs.nats.io/running-a-nats-service/configuration/securing_nats/accounts"


def anyone_gets_in(cfg: NatsConfig) -> tuple[Setting | None, str] | None:
    """Why any client that reaches this nats-server gets in (and the setting that says so), or None."""
    listen = cfg.settings.get("listen") or cfg.settings.get("host") or cfg.settings.get("net")
    address = (
        listen.value.rsplit(":", 1)[0] if listen and listen.value.count(":") == 1 else (listen.value if listen else "")
    )
    if listen is not None and address and is_loopback(address):
        return None
    where = f"{address or 'every interface'}"
    anonymous = cfg.settings.get("no_auth_user")
    if anonymous is not None:
        return anonymous, f"no_auth_user {anonymous.value}: clients without credentials on {where} act as that user"
    if {"authorization", "accounts", "operator", "resolver"} & set(cfg.blocks) or "operator" in cfg.settings:
        return None
    return listen, (
        f"no authorization, accounts or operator: any client that reaches {where} may subscribe to > "
        "and read every message, and publish"
    )


def _no_authorization(cfg: NatsConfig) -> Iterator[Hit]:
    found = anyone_gets_in(cfg)
    if found is not None:
        setting, message = found
        yield Hit.at(setting, message) if setting is not None else Hit(1, message)


RULES = (
    ConfigRule(
        id="UG-NATS-001",
        title="NATS accepts clients without credentials on a network address",
        severity=Severity.HIGH,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="A nats-server with no authorization (or a no_auth_user) on a non-loopback address lets "
        "anyone subscribe to > and read every message on every subject, publish, and use JetStream.",
        remediation=Remediation(
            summary="Require credentials and scope each user to its subjects.",
            steps=(
                "nats.conf: authorization { users = [ { user: app, password: <bcrypt from 'nats server passwd'>, "
                'permissions: { publish: "app.>", subscribe: "app.>" } } ] }  (or accounts / nkeys / JWT)',
                "nats.conf: remove no_auth_user; listen: 127.0.0.1:4222 unless clients elsewhere need it",
                "Bind the monitor to loopback (http: 127.0.0.1:8222) and firewall 4222, 6222 and 8222",
            ),
            references=(AUTH, ACCOUNTS),
        ),
        reads=NatsConfig,
        check=_no_authorization,
    ),
)
