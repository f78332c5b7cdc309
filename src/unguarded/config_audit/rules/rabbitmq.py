"""RabbitMQ: the vendor default ``guest``/``guest`` opened to the network.

RabbitMQ creates ``guest`` with password ``guest`` and the administrator tag on first
boot, and lets it log in from loopback only (``loopback_users``). Emptying that list
(``loopback_users = none``, ``loopback_users.guest = false``, classic
``{loopback_users, []}``) while guest keeps its default password gives every queue and
the management UI to anyone who knows the vendor default.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Remediation, Severity
from .._parse.brokers import RabbitConfig
from .._parse.lines import Setting
from .._rule import ConfigRule, Hit, RuleCategory

ACCESS = "https://www.rabbitmq.com/docs/access-control"
CHECKLIST = "https://www.rabbitmq.com/docs/production-checklist"


def guest_opened(cfg: RabbitConfig) -> Setting | None:
    """The line that lets guest log in from the network while it keeps the password guest, if any.

    The deployed-combination rule asks the same of a ``rabbitmq.conf`` a container mounts."""
    opened = cfg.settings.get("loopback_users")
    if opened is None or opened.value.lower() != "none":
        opened = cfg.settings.get("loopback_users.guest")
        if opened is None or opened.value.lower() != "false":
            return None
    user, password = cfg.settings.get("default_user"), cfg.settings.get("default_pass")
    if (user is not None and user.value != "guest") or (password is not None and password.value != "guest"):
        return None  # the default user is someone else, or guest has its own password
    return opened


def _guest_from_anywhere(cfg: RabbitConfig) -> Iterator[Hit]:
    opened = guest_opened(cfg)
    if opened is None:
        return
    yield Hit.at(
        opened,
        "guest may log in from any address and keeps the vendor default password guest: anyone who reaches "
        "5672 or 15672 is an administrator of every queue",
    )


RULES = (
    ConfigRule(
        id="UG-RABBITMQ-001",
        title="RabbitMQ lets the default guest/guest log in from the network",
        severity=Severity.CRITICAL,
        category=RuleCategory.AUTHENTICATION,
        cwe=1392,
        description="loopback_users emptied while guest keeps its vendor default password: the publicly known "
        "guest/guest logs in remotely with the administrator tag, reads and drains every queue and manages "
        "users through the management API.",
        remediation=Remediation(
            summary="Keep guest loopback-only, or remove it and create your own users.",
            steps=(
                "rabbitmq.conf: delete loopback_users = none / loopback_users.guest = false",
                "rabbitmqctl delete_user guest; rabbitmqctl add_user <admin> <long secret>; "
                "rabbitmqctl set_user_tags <admin> administrator",
                "Give each application its own user and vhost permissions (rabbitmqctl set_permissions)",
            ),
            references=(ACCESS, CHECKLIST),
        ),
        reads=RabbitConfig,
        check=_guest_from_anywhere,
    ),
)
