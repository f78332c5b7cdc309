"""Mosquitto: ``mosquitto.conf`` settings that let anyone on the network read every topic.

An anonymous MQTT client may subscribe to ``#`` and read every message the devices
publish (GPS trackers' positions, door sensors, meter readings) and publish commands.
Mosquitto 2 refuses anonymous clients unless ``allow_anonymous true`` is set, and with no
``listener`` it listens on loopback only; the risk is both together on a network address.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Remediation, Severity
from .._net import is_loopback
from .._parse.brokers import MosquittoConfig, MosquittoListener
from .._parse.lines import Setting
from .._rule import ConfigRule, Hit, RuleCategory

AUTH = "https://mosquitto.org/documentation/authentication-methods/"
CONF = "https://mosquitto.org/man/mosquitto-conf-5.html"


def anonymous_listener(cfg: MosquittoConfig) -> tuple[Setting, MosquittoListener] | None:
    """The ``allow_anonymous true`` that applies to a listener off loopback, and that listener."""
    exposed = [lst for lst in cfg.listeners if lst.address is None or not is_loopback(lst.address)]
    glob = cfg.settings.get("allow_anonymous")
    for listener in exposed:
        setting = listener.allow_anonymous or glob
        if setting is not None and setting.value.lower() == "true":
            return setting, listener
    return None


def _anonymous_on_network(cfg: MosquittoConfig) -> Iterator[Hit]:
    found = anonymous_listener(cfg)
    if found is not None:
        setting, listener = found
        where = listener.address or "every interface"
        yield Hit.at(
            setting,
            f"allow_anonymous true with listener {listener.port} on {where} (line {listener.line}): anyone who "
            "reaches it may subscribe to # and read every message, and publish",
        )


RULES = (
    ConfigRule(
        id="UG-MQTT-001",
        title="Mosquitto accepts anonymous clients on a network listener",
        severity=Severity.HIGH,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="With allow_anonymous true on a listener that is not loopback, any client that reaches the "
        "port subscribes to # without credentials: every device's messages (positions, sensor readings, "
        "commands) are readable, and anyone may publish.",
        remediation=Remediation(
            summary="Refuse anonymous clients and give each device a login and a topic ACL.",
            steps=(
                "mosquitto.conf: allow_anonymous false  and  password_file /etc/mosquitto/passwd "
                "(mosquitto_passwd -c /etc/mosquitto/passwd <device>)",
                "mosquitto.conf: acl_file /etc/mosquitto/acl with 'user <device>' / 'topic readwrite <prefix>/#' blocks",
                "Serve the network listener over TLS (listener 8883, certfile, keyfile) and firewall 1883",
            ),
            references=(AUTH, CONF),
        ),
        reads=MosquittoConfig,
        check=_anonymous_on_network,
    ),
)
