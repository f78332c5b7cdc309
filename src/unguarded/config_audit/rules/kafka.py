"""Kafka: ``server.properties`` listeners that take clients on the network without authentication.

A Kafka listener's security protocol decides who may connect: ``PLAINTEXT`` and ``SSL``
without ``ssl.client.auth=required`` authenticate nobody, and with no authorizer (the
default) an anonymous client may read every topic, produce to it, and create, alter and
delete topics. ``listeners`` defaults to ``PLAINTEXT://:9092``: every interface.

Strimzi's ``Kafka`` resource says the same in one place: a listener of type ``nodeport``,
``loadbalancer``, ``route`` or ``ingress`` is reached from outside the cluster, and one
without an ``authentication`` block takes anonymous clients (``tls: true`` only encrypts).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Remediation, Severity
from .._net import is_loopback
from .._parse.kafka import KafkaProperties
from .._parse.operators import StrimziKafka, StrimziListener
from .._rule import ConfigRule, Hit, RuleCategory

SASL = "https://kafka.apache.org/documentation/#security_sasl"
LISTENERS = "https://kafka.apache.org/documentation/#listener_configuration"
AUTHZ = "https://kafka.apache.org/documentation/#security_authz"
STRIMZI_LISTENERS = "https://strimzi.io/docs/operators/latest/configuring.html#type-GenericKafkaListener-reference"
STRIMZI_SCRAM = (
    "https://strimzi.io/docs/operators/latest/configuring.html#type-KafkaListenerAuthenticationScramSha512-reference"
)
STRIMZI_USER = "https://strimzi.io/docs/operators/latest/configuring.html#type-KafkaUser-reference"
#: listener types whose Services, routes or ingresses the operator creates for clients outside the cluster
STRIMZI_EXTERNAL = frozenset({"nodeport", "loadbalancer", "route", "ingress"})
DEFAULT_MAP = {"PLAINTEXT": "PLAINTEXT", "SSL": "SSL", "SASL_PLAINTEXT": "SASL_PLAINTEXT", "SASL_SSL": "SASL_SSL"}


def _protocol_map(cfg: KafkaProperties) -> dict[str, str]:
    setting = cfg.get("listener.security.protocol.map")
    if setting is None:
        return dict(DEFAULT_MAP)
    pairs = (item.split(":", 1) for item in setting.value.split(",") if ":" in item)
    return {name.strip().upper(): protocol.strip().upper() for name, protocol in pairs}


def _client_auth_required(cfg: KafkaProperties, listener: str) -> bool:
    setting = cfg.get(f"listener.name.{listener.lower()}.ssl.client.auth") or cfg.get("ssl.client.auth")
    return setting is not None and setting.value.strip().lower() == "required"


def _unauthenticated_listeners(cfg: KafkaProperties) -> Iterator[Hit]:
    setting = cfg.get("listeners")
    listeners = setting.value if setting is not None else "PLAINTEXT://:9092"
    protocols = _protocol_map(cfg)
    controller = cfg.get("controller.listener.names")
    controllers = {n.strip().upper() for n in controller.value.split(",")} if controller is not None else set()
    for item in (part.strip() for part in listeners.split(",")):
        if "://" not in item:
            continue
        name, _sep, address = item.partition("://")
        name = name.strip().upper()
        host = address.rsplit(":", 1)[0].strip("[]") if ":" in address else address
        if name in controllers or (host and is_loopback(host)):
            continue
        protocol = protocols.get(name, name)
        if protocol == "PLAINTEXT":
            why = "PLAINTEXT: no authentication and no encryption"
        elif protocol == "SSL" and not _client_auth_required(cfg, name):
            why = "SSL without ssl.client.auth=required: encrypted, but no client proves who it is"
        else:
            continue
        where = host or "every interface"
        message = (
            f"listener {name}://{address} takes clients on {where} without authentication ({why}); "
            "without an authorizer they may read, produce to, create and delete every topic"
        )
        yield Hit.at(setting, message) if setting is not None else Hit(1, message + " (the default listeners)")


def _strimzi_fix(kafka: StrimziKafka, listener: StrimziListener) -> tuple[str, ...]:
    where = "under listeners.external" if listener.legacy else f"in listener '{listener.name}'"
    return (
        f"line {listener.line}: add authentication: {{type: scram-sha-512}} {where} (or type: tls for mutual TLS)",
        f"create a KafkaUser (labelled strimzi.io/cluster: {kafka.name or '<cluster>'}) for each client, "
        "with the same authentication type",
        "spec.kafka.authorization: {type: simple} and ACLs in each KafkaUser, so a user gets only its topics",
    )


def _strimzi_unauthenticated(kafka: StrimziKafka) -> Iterator[Hit]:
    for listener in kafka.listeners:
        if listener.type not in STRIMZI_EXTERNAL or listener.authentication is not None:
            continue
        label = "listeners.external" if listener.legacy else f"listener '{listener.name}'"
        tls = " (tls: true only encrypts: no client proves who it is)" if listener.tls else ""
        then = (
            f"; spec.kafka.authorization ({kafka.authorization}) then decides what the ANONYMOUS user may do"
            if kafka.authorization
            else "; with no spec.kafka.authorization they may read, produce to, create and delete every topic"
        )
        yield Hit(
            listener.line,
            f"Strimzi Kafka '{kafka.name}': {label} of type {listener.type} takes clients from outside the "
            f"cluster without authentication{tls}{then}",
            fix=_strimzi_fix(kafka, listener),
        )


RULES = (
    ConfigRule(
        id="UG-KAFKA-001",
        title="Kafka listener takes clients on a network interface without authentication",
        severity=Severity.HIGH,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="A PLAINTEXT listener, or an SSL one without required client certificates, lets any client "
        "that reaches the port connect as ANONYMOUS; with no authorizer (the default) it may read every topic, "
        "produce to it, and create, reconfigure and delete topics.",
        remediation=Remediation(
            summary="Authenticate every client listener (SASL or mutual TLS) and authorise with ACLs.",
            steps=(
                "server.properties: listeners=SASL_SSL://0.0.0.0:9093 (or bind PLAINTEXT to 127.0.0.1 only) and "
                "listener.security.protocol.map with SASL_SSL or SSL for every client listener",
                "sasl.enabled.mechanisms=SCRAM-SHA-512 with listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config, "
                "or ssl.client.auth=required for mutual TLS",
                "authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer and "
                "allow.everyone.if.no.acl.found=false",
            ),
            references=(SASL, LISTENERS, AUTHZ),
        ),
        reads=KafkaProperties,
        check=_unauthenticated_listeners,
    ),
    ConfigRule(
        id="UG-KAFKA-002",
        title="Strimzi Kafka listener outside the cluster has no authentication",
        severity=Severity.HIGH,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="A listener of a Strimzi Kafka resource of type nodeport, loadbalancer, route or ingress is "
        "reached from outside the cluster, and without an authentication block any client that reaches it "
        "connects as ANONYMOUS (tls: true encrypts the connection but asks no client who it is); without "
        "authorization it may read, produce to, create and delete every topic.",
        remediation=Remediation(
            summary="Give every external listener an authentication type and each client a KafkaUser.",
            steps=(
                "add authentication: {type: scram-sha-512} (or type: tls) to the listener",
                "create a KafkaUser with the same authentication type for each client",
                "spec.kafka.authorization: {type: simple}, with ACLs in each KafkaUser",
            ),
            references=(STRIMZI_LISTENERS, STRIMZI_SCRAM, STRIMZI_USER),
        ),
        reads=StrimziKafka,
        check=_strimzi_unauthenticated,
    ),
)
