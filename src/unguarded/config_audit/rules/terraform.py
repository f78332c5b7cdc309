"""Terraform: cloud firewalls that open database ports to the internet, and public databases.

One port table (:mod:`unguarded.config_audit._ports`) serves every cloud. A rule counts when
its source is ``0.0.0.0/0`` or ``::/0`` (Azure: ``*``/``Internet``) and its port range,
or "all protocols", includes a database port. ``var.`` and ``local.`` values are read
from variable defaults and locals, ``dynamic`` blocks are expanded (see the parser);
what only ``terraform plan`` knows stays unknown and never counts.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ...models import Remediation, Severity
from .._net import is_world
from .._parse.terraform import AZURE_DATABASE_FIREWALLS, HclBlock, TerraformFile
from .._ports import DB_PORTS, UDP_DB_PORTS, db_ports_in, describe_ports
from .._rule import ConfigRule, Hit, RuleCategory

SG_RULES = "https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html"
EC2_CONTROLS = "https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html"
NACL = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html"
GCP_FIREWALL = "https://cloud.google.com/firewall/docs/firewalls"
AZURE_NSG = "https://learn.microsoft.com/en-us/azure/virtual-network/network-security-groups-overview"
AZURE_BEST = "https://learn.microsoft.com/en-us/azure/security/fundamentals/network-best-practices"
RDS_CONTROLS = "https://docs.aws.amazon.com/securityhub/latest/userguide/rds-controls.html"
CLOUD_SQL = "https://cloud.google.com/sql/docs/mysql/authorize-networks"
AZURE_DB_FIREWALL = "https://learn.microsoft.com/en-us/azure/postgresql/flexible-server/concepts-firewall-rules"
ALIBABA_WHITELIST = "https://www.alibabacloud.com/help/en/rds/apsaradb-rds-for-mysql/configure-an-ip-address-whitelist"

_PUBLIC_FLAG_TYPES = (
    "aws_db_instance",
    "aws_rds_cluster_instance",
    "aws_redshift_cluster",
    "aws_dms_replication_instance",
)


# ------------------------------------------------------------------ values


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _strings(*values: Any) -> list[str]:
    """Attribute values as a flat list of strings (single values, lists, missing)."""
    out: list[str] = []
    for value in values:
        if isinstance(value, list):
            out.extend(str(v) for v in value)
        elif value is not None:
            out.append(str(value))
    return out


def _world(sources: Iterable[str]) -> str | None:
    return next((s for s in sources if is_world(s)), None)


def _ports(protocol: Any, low: int | None, high: int | None) -> list[int]:
    """Database ports a (protocol, port range) lets through; all protocols means every port."""
    proto = str(protocol).lower()
    if proto in {"-1", "all", "*", "any"}:
        return sorted(DB_PORTS)
    if low is None or high is None:
        return []
    if proto in {"tcp", "6"}:
        return db_ports_in(low, high)
    if proto in {"udp", "17"}:
        return [p for p in db_ports_in(low, high) if p in UDP_DB_PORTS]
    return []


def _range(spec: str) -> tuple[int | None, int | None]:
    """``"5432"``, ``"9000-9300"``, ``"*"`` -> inclusive bounds."""
    if spec.strip() == "*":
        return 0, 65535
    low, _, high = spec.partition("-")
    return _int(low), _int(high or low)


def _ingress(res: HclBlock, block: str) -> list[HclBlock]:
    """The rules a resource holds: its inline ``block`` blocks, or itself for a standalone rule."""
    return res.blocks(block) if block else [res]


def _hit(res: HclBlock, rule: HclBlock, keys: tuple[str, ...], what: str) -> Hit:
    return Hit(rule.line_of(*keys), f"{res.type}.{res.name}: {what}")


# ------------------------------------------------------------------ checks

_AWS_SOURCES = ("cidr_blocks", "ipv6_cidr_blocks", "cidr_ipv4", "cidr_ipv6")


def _aws_security_groups(tf: TerraformFile) -> Iterator[Hit]:
    for res in tf.resources:
        if res.type == "aws_security_group":
            rules = _ingress(res, "ingress")
        elif (
            res.type == "aws_security_group_rule" and res.get("type") == "ingress"
        ) or res.type == "aws_vpc_security_group_ingress_rule":
            rules = _ingress(res, "")
        else:
            continue
        for rule in rules:
            source = _world(_strings(*(rule.get(k) for k in _AWS_SOURCES)))
            ports = _ports(
                rule.get("protocol", rule.get("ip_protocol")), _int(rule.get("from_port")), _int(rule.get("to_port"))
            )
            if source and ports:
                yield _hit(res, rule, _AWS_SOURCES, f"ingress opens {describe_ports(ports)} to {source}")


#: terraform-aws-modules/security-group named rules -> ports ("all-all": every port)
_NAMED_RULES: dict[str, tuple[int, ...]] = {
    "postgresql-tcp": (5432,),
    "mysql-tcp": (3306,),
    "mssql-tcp": (1433,),
    "redis-tcp": (6379,),
    "memcached-tcp": (11211,),
    "elasticsearch-rest-tcp": (9200,),
    "elasticsearch-java-tcp": (9300,),
    "cassandra-clients-tcp": (9042,),
    "kafka-broker-tcp": (9092,),
    "kibana-tcp": (5601,),
    "prometheus-http-tcp": (9090,),
    "zookeeper-2181-tcp": (2181,),
    "etcd-client-tcp": (2379,),
    "rabbitmq-5672-tcp": (5672,),
    "rabbitmq-15672-tcp": (15672,),
    "mongodb-27017-tcp": (27017,),
    "mongodb-27018-tcp": (27018,),
    "mongodb-27019-tcp": (27019,),
    "couchdb-tcp": (5984,),
    "influxdb-tcp": (8086,),
    "solr-tcp": (8983,),
}
_ALL_RULES = frozenset({"all-all", "all-tcp"})
#: the module's per-engine submodules (``//modules/postgresql``) open their engine's rules by default
_SUBMODULE_RULES: dict[str, tuple[str, ...]] = {
    "postgresql": ("postgresql-tcp",),
    "mysql": ("mysql-tcp",),
    "mssql": ("mssql-tcp",),
    "redis": ("redis-tcp",),
    "memcached": ("memcached-tcp",),
    "elasticsearch": ("elasticsearch-rest-tcp", "elasticsearch-java-tcp"),
    "cassandra": ("cassandra-clients-tcp",),
    "kafka": ("kafka-broker-tcp",),
    "mongodb": ("mongodb-27017-tcp", "mongodb-27018-tcp", "mongodb-27019-tcp"),
    "zookeeper": ("zookeeper-2181-tcp",),
    "rabbitmq": ("rabbitmq-5672-tcp", "rabbitmq-15672-tcp"),
}


def _named_rule_ports(name: str) -> list[int]:
    if name in _ALL_RULES:
        return sorted(DB_PORTS)
    return [p for p in _NAMED_RULES.get(name, ()) if p in DB_PORTS]


def _module_security_groups(tf: TerraformFile) -> Iterator[Hit]:
    """terraform-aws-modules/security-group inputs: ingress_rules x ingress_cidr_blocks, ingress_with_cidr_blocks."""
    for module in tf.modules:
        source = str(module.get("source", ""))
        submodule = source.split("//modules/", 1)[1].split("?", 1)[0].strip("/") if "//modules/" in source else ""
        default_cidrs = _strings(module.get("ingress_cidr_blocks"), module.get("ingress_ipv6_cidr_blocks"))
        rules = module.get("ingress_rules", list(_SUBMODULE_RULES.get(submodule, ())))
        world = _world(default_cidrs)
        if world and isinstance(rules, list):
            ports = sorted({p for r in rules for p in _named_rule_ports(str(r))})
            if ports:
                yield Hit(
                    module.line_of("ingress_rules", "ingress_cidr_blocks"),
                    f"module.{module.name}: ingress_rules {', '.join(map(str, rules))} open "
                    f"{describe_ports(ports)} to {world} (ingress_cidr_blocks, line {module.line_of('ingress_cidr_blocks')})",
                )
        entries = module.get("ingress_with_cidr_blocks")
        for entry in entries if isinstance(entries, list) else ():
            if not isinstance(entry, dict):
                continue
            cidrs = [c.strip() for c in _strings(entry.get("cidr_blocks")) for c in c.split(",")] or default_cidrs
            source_cidr = _world(cidrs)
            if "rule" in entry:
                ports = _named_rule_ports(str(entry["rule"]))
            else:
                ports = _ports(entry.get("protocol"), _int(entry.get("from_port")), _int(entry.get("to_port")))
            if source_cidr and ports:
                yield Hit(
                    module.line_of("ingress_with_cidr_blocks"),
                    f"module.{module.name}: ingress_with_cidr_blocks opens {describe_ports(ports)} to {source_cidr}",
                )


def _aws_security_groups_and_modules(tf: TerraformFile) -> Iterator[Hit]:
    yield from _aws_security_groups(tf)
    yield from _module_security_groups(tf)


def _aws_network_acls(tf: TerraformFile) -> Iterator[Hit]:
    for res in tf.resources:
        if res.type == "aws_network_acl":
            rules = _ingress(res, "ingress")
        elif res.type == "aws_network_acl_rule" and res.get("egress") is not True:
            rules = _ingress(res, "")
        else:
            continue
        for rule in rules:
            if str(rule.get("action", rule.get("rule_action", ""))).lower() != "allow":
                continue
            source = _world(_strings(rule.get("cidr_block"), rule.get("ipv6_cidr_block")))
            ports = _ports(rule.get("protocol"), _int(rule.get("from_port")), _int(rule.get("to_port")))
            if source and ports:
                yield _hit(
                    res,
                    rule,
                    ("cidr_block", "ipv6_cidr_block"),
                    f"network ACL allows {describe_ports(ports)} from {source}",
                )


def _gcp_firewalls(tf: TerraformFile) -> Iterator[Hit]:
    for res in tf.resources:
        if res.type != "google_compute_firewall" or str(res.get("direction", "INGRESS")).upper() != "INGRESS":
            continue
        if res.get("disabled") is True:
            continue
        sources = _strings(res.get("source_ranges"))
        if not sources and not res.get("source_tags") and not res.get("source_service_accounts"):
            sources = ["0.0.0.0/0"]  # GCP's default source for an ingress rule without one
        source = _world(sources)
        ports: set[int] = set()
        for allow in res.blocks("allow"):
            for spec in _strings(allow.get("ports")) or ["*"]:
                ports.update(_ports(allow.get("protocol"), *_range(spec)))
        if source and ports:
            yield _hit(res, res, ("source_ranges",), f"firewall allows {describe_ports(sorted(ports))} from {source}")


def _azure_nsgs(tf: TerraformFile) -> Iterator[Hit]:
    for res in tf.resources:
        if res.type == "azurerm_network_security_rule":
            rules = _ingress(res, "")
        elif res.type == "azurerm_network_security_group":
            rules = _ingress(res, "security_rule")
        else:
            continue
        for rule in rules:
            if str(rule.get("direction", "")).lower() != "inbound" or str(rule.get("access", "")).lower() != "allow":
                continue
            source = _world(_strings(rule.get("source_address_prefix"), rule.get("source_address_prefixes")))
            # "*" is every protocol but still only the rule's ports: TCP covers every port in the table
            protocol = "tcp" if rule.get("protocol") == "*" else rule.get("protocol")
            ports: set[int] = set()
            for spec in _strings(rule.get("destination_port_range"), rule.get("destination_port_ranges")):
                ports.update(_ports(protocol, *_range(spec)))
            if source and ports:
                keys = ("source_address_prefix", "source_address_prefixes")
                yield _hit(res, rule, keys, f"NSG rule allows {describe_ports(sorted(ports))} from {source}")


_AZURE_SERVERS = (
    "azurerm_postgresql_server",
    "azurerm_postgresql_flexible_server",
    "azurerm_mysql_server",
    "azurerm_mysql_flexible_server",
    "azurerm_mariadb_server",
    "azurerm_mssql_server",
    "azurerm_redis_cache",
    "azurerm_cosmosdb_account",
)


def _public_databases(tf: TerraformFile) -> Iterator[Hit]:
    for res in tf.resources:
        if res.type in _AZURE_SERVERS and res.get("public_network_access_enabled") is True:
            yield _hit(
                res,
                res,
                ("public_network_access_enabled",),
                "public_network_access_enabled = true gives the database a public endpoint",
            )
        if res.type in _PUBLIC_FLAG_TYPES and res.get("publicly_accessible") is True:
            yield _hit(
                res, res, ("publicly_accessible",), "publicly_accessible = true gives the database a public address"
            )
        for settings in res.blocks("settings") if res.type == "google_sql_database_instance" else ():
            for ip in settings.blocks("ip_configuration"):
                for network in ip.blocks("authorized_networks"):
                    if is_world(str(network.get("value", ""))):
                        yield _hit(
                            res,
                            network,
                            ("value",),
                            f"authorized network {network.get('value')} lets any address connect",
                        )


#: Alibaba Cloud whitelists: resource type -> attribute
_ALIBABA_WHITELISTS = {
    "alicloud_db_instance": "security_ips",
    "alicloud_kvstore_instance": "security_ips",
    "alicloud_mongodb_instance": "security_ip_list",
}


def _ip(value: Any) -> tuple[int, ...] | None:
    parts = str(value).split(".")
    if len(parts) != 4 or not all(p.isdigit() and int(p) < 256 for p in parts):
        return None
    return tuple(int(p) for p in parts)


def _database_firewalls(tf: TerraformFile) -> Iterator[Hit]:
    for res in tf.resources:
        if res.type in AZURE_DATABASE_FIREWALLS:
            start, end = _ip(res.get("start_ip_address")), _ip(res.get("end_ip_address"))
            # start = end = 0.0.0.0 is Azure's "allow Azure services", not the internet
            if start is not None and end is not None and start <= (1, 0, 0, 0) and end >= (223, 255, 255, 255):
                yield _hit(
                    res,
                    res,
                    ("end_ip_address", "start_ip_address"),
                    f"firewall rule admits {res.get('start_ip_address')}-{res.get('end_ip_address')}: every address on the internet",
                )
        elif res.type in _ALIBABA_WHITELISTS:
            attribute = _ALIBABA_WHITELISTS[res.type]
            source = _world(c.strip() for c in _strings(res.get(attribute)) for c in c.split(","))
            if source:
                yield _hit(res, res, (attribute,), f"{attribute} admits {source}: every address on the internet")
        elif res.type == "alicloud_security_group_rule" and str(res.get("type", "")).lower() == "ingress":
            if str(res.get("policy", "accept")).lower() != "accept":
                continue
            source = _world(_strings(res.get("cidr_ip"), res.get("ipv6_cidr_ip")))
            low, _, high = str(res.get("port_range", "-1/-1")).partition("/")
            bounds = (0, 65535) if low == "-1" else (_int(low), _int(high or low))
            ports = _ports(res.get("ip_protocol"), *bounds)
            if source and ports:
                yield _hit(res, res, ("cidr_ip", "ipv6_cidr_ip"), f"ingress opens {describe_ports(ports)} to {source}")


_NARROW = "replace 0.0.0.0/0 with the application's subnet or security group (source_security_group_id)"

RULES = (
    ConfigRule(
        id="UG-TF-001",
        title="AWS security group opens a database port to the internet",
        severity=Severity.HIGH,
        category=RuleCategory.NETWORK_EXPOSURE,
        cwe=668,
        description="An ingress rule admits 0.0.0.0/0 or ::/0 to a database port (or to all ports), so the "
        "database can be reached, probed and brute-forced from anywhere.",
        remediation=Remediation(
            summary="Admit only the application's security group or subnet.",
            steps=(_NARROW, "reach the database from outside through a VPN, SSM or a bastion instead"),
            references=(SG_RULES, EC2_CONTROLS),
        ),
        reads=TerraformFile,
        check=_aws_security_groups_and_modules,
    ),
    ConfigRule(
        id="UG-TF-002",
        title="AWS network ACL allows a database port from the internet",
        severity=Severity.MEDIUM,
        category=RuleCategory.NETWORK_EXPOSURE,
        cwe=668,
        description="A network ACL allows inbound traffic from anywhere to a database port; the subnet then "
        "relies on security groups alone to keep the database private.",
        remediation=Remediation(
            summary="Deny database ports from 0.0.0.0/0 at the subnet edge.",
            steps=('allow the database port only from the VPC CIDR (e.g. cidr_block = "10.0.0.0/16")',),
            references=(NACL, EC2_CONTROLS),
        ),
        reads=TerraformFile,
        check=_aws_network_acls,
    ),
    ConfigRule(
        id="UG-TF-003",
        title="GCP firewall opens a database port to the internet",
        severity=Severity.HIGH,
        category=RuleCategory.NETWORK_EXPOSURE,
        cwe=668,
        description="An ingress firewall rule admits 0.0.0.0/0 (stated, or GCP's default when no source is "
        "given) to a database port or to all ports.",
        remediation=Remediation(
            summary="Restrict source_ranges, or target service accounts instead of the world.",
            steps=('source_ranges = ["10.0.0.0/8"]', "or source_service_accounts = [google_service_account.app.email]"),
            references=(GCP_FIREWALL,),
        ),
        reads=TerraformFile,
        check=_gcp_firewalls,
    ),
    ConfigRule(
        id="UG-TF-004",
        title="Azure NSG rule opens a database port to the internet",
        severity=Severity.HIGH,
        category=RuleCategory.NETWORK_EXPOSURE,
        cwe=668,
        description="An inbound Allow rule with source *, Internet or 0.0.0.0/0 covers a database port, so "
        "the database is reachable from anywhere.",
        remediation=Remediation(
            summary="Allow the database port only from the application's subnet or service tag.",
            steps=(
                'source_address_prefix = "10.0.1.0/24"   (or "VirtualNetwork")',
                "use Private Endpoints for managed databases",
            ),
            references=(AZURE_NSG, AZURE_BEST),
        ),
        reads=TerraformFile,
        check=_azure_nsgs,
    ),
    ConfigRule(
        id="UG-TF-005",
        title="Managed database is publicly accessible",
        # medium, as a compose port published to a database with a password (UG-COMPOSE-002): a managed
        # database always has a master password, and its network rules may still keep strangers out
        severity=Severity.MEDIUM,
        category=RuleCategory.NETWORK_EXPOSURE,
        cwe=668,
        description="The managed database gets a public endpoint (publicly_accessible = true, or a Cloud SQL "
        "authorized network of 0.0.0.0/0), leaving credentials as the only barrier. Medium: managed "
        "databases always have a password; UG-TF-001 and UG-TF-006 catch the rules that open the port to all.",
        remediation=Remediation(
            summary="Keep the database private.",
            steps=(
                "publicly_accessible = false",
                "Cloud SQL: remove the 0.0.0.0/0 authorized network; use private IP",
                "Azure: public_network_access_enabled = false with a Private Endpoint",
            ),
            references=(RDS_CONTROLS, CLOUD_SQL),
        ),
        reads=TerraformFile,
        check=_public_databases,
    ),
    ConfigRule(
        id="UG-TF-006",
        title="Managed database firewall admits every internet address",
        severity=Severity.HIGH,
        category=RuleCategory.NETWORK_EXPOSURE,
        cwe=668,
        description="An Azure database firewall rule spanning 0.0.0.0-255.255.255.255, an Alibaba Cloud database "
        "whitelist or security group rule with 0.0.0.0/0 lets any address on the internet reach the database; "
        "only its credentials remain.",
        remediation=Remediation(
            summary="Admit only the application's addresses, or use private endpoints.",
            steps=(
                "Azure: start_ip_address/end_ip_address = the application's egress addresses; better, "
                "public_network_access_enabled = false with a Private Endpoint",
                'Alibaba Cloud: security_ips = ["10.0.0.0/8"] (the VPC), not 0.0.0.0/0',
            ),
            references=(AZURE_DB_FIREWALL, ALIBABA_WHITELIST),
        ),
        reads=TerraformFile,
        check=_database_firewalls,
    ),
)
