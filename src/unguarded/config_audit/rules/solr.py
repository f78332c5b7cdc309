"""Solr: solr.in.sh / solr.in.cmd, the include file ``bin/solr`` sources.

Solr has no authentication until ``security.json`` configures a plugin. ``bin/solr auth
enable`` writes that file and sets ``SOLR_AUTH_TYPE`` in the include file, so either one
beside the file counts as authentication configured; ``SOLR_JETTY_HOST`` decides the
interface (``127.0.0.1`` by default since Solr 9, every interface before).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Remediation, Severity
from .._net import is_loopback
from .._parse.shellvars import ShellVars
from .._rule import ConfigRule, Hit, RuleCategory

AUTH = "https://solr.apache.org/guide/solr/latest/deployment-guide/basic-authentication-plugin.html"
SECURING = "https://solr.apache.org/guide/solr/latest/deployment-guide/securing-solr.html"


def _open(conf: ShellVars) -> Iterator[Hit]:
    host = conf.get("SOLR_JETTY_HOST")
    if host is None or is_loopback(host.value):
        return
    if conf.get("SOLR_AUTH_TYPE") is not None or "security.json" in conf.siblings:
        return
    yield Hit.at(
        host,
        f"SOLR_JETTY_HOST={host.value} puts Solr on the network and no authentication is configured "
        "(no SOLR_AUTH_TYPE, no security.json beside this file): anyone who reaches port 8983 reads every core, "
        "posts updates, deletes documents and changes the configuration",
    )


RULES = (
    ConfigRule(
        id="UG-SOLR-001",
        title="Solr listens on a network interface with no authentication plugin",
        severity=Severity.CRITICAL,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="Without security.json Solr answers every request: searches over every core, updates, "
        "deletes and config API calls that have been used to run code on the server.",
        remediation=Remediation(
            summary="Enable the BasicAuth plugin with blockUnknown, and bind Solr to a private address.",
            steps=(
                "bin/solr auth enable -type basicAuth -prompt true -blockUnknown true  (writes security.json, sets SOLR_AUTH_TYPE)",
                'security.json: {"authentication": {"class": "solr.BasicAuthPlugin", "blockUnknown": true, ...}, '
                '"authorization": {"class": "solr.RuleBasedAuthorizationPlugin", ...}}',
                "solr.in.sh: SOLR_JETTY_HOST=127.0.0.1 (or a private address); firewall 8983",
            ),
            references=(AUTH, SECURING),
        ),
        reads=ShellVars,
        check=_open,
    ),
)
