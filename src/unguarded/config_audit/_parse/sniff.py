"""Is a file the engine's own configuration, or only named like it?

Repositories hold many files named after a database that the database never reads: an
nginx ``upstream`` snippet called ``redis.conf``, a Telegraf or collectd plugin block, a
Nagios/NRPE check, a monit or supervisor stanza, a logrotate rule. Judging those as the
engine's options invents findings ("memcached listens everywhere": there is no ``-l``
because it is not memcached's file). Each sniffer here answers from the text, and the
folder it sits in, whether the engine would read it; a file that is not the engine's is
passed over, neither a finding nor an error.
"""

from __future__ import annotations

import re
from pathlib import Path

#: folders of tools that keep their own files named after the engine they proxy or watch
FOREIGN_FOLDERS = frozenset(
    {
        "nginx",
        "sites-available",
        "sites-enabled",
        "haproxy",
        "telegraf",
        "telegraf.d",
        "collectd",
        "collectd.d",
        "nagios",
        "nrpe.d",
        "icinga",
        "icinga2",
        "monit",
        "monit.d",
        "monitrc.d",
        "logrotate.d",
        "supervisor",
        "supervisord.d",
        "fail2ban",
        "filter.d",
        "jail.d",
        "zabbix",
        "zabbix_agentd.d",
        "netdata",
        "go.d",
        "python.d",
        "datadog",
        "stunnel",
        "apparmor.d",
        "rsyslog.d",
        "munin",
        "plugin-conf.d",
        "tmpfiles.d",
        "sysusers.d",
    }
)

#: syntax no engine's ``key value`` file has: brace blocks, TOML plugin tables, XML-ish
#: plugin blocks, supervisor/NRPE/monit/Nagios stanzas
_FOREIGN_SYNTAX = re.compile(
    r"^\s*(?:[^#\s][^#\n]*\{\s*$"  # "upstream redis {", "location / {", "/var/log/*.log {"
    r"|\}\s*$"
    r"|\[\[\s*inputs\."  # Telegraf
    r"|<\s*(?:Plugin|LoadPlugin|Module)\b"  # collectd
    r"|\[program:"  # supervisor
    r"|command\[[^\]]+\]\s*="  # NRPE
    r"|check\s+(?:process|host|file|program)\s"  # monit
    r"|define\s+(?:service|host|command)\b"  # Nagios
    r"|(?:proxy_pass|server_name|listen\s+\d+\s*;)"  # nginx directives outside a block
    r"|(?:basicConstraints|subjectAltName|keyUsage|extendedKeyUsage|distinguished_name|x509_extensions"
    r"|req_extensions|default_md|subjectKeyIdentifier)\s*="  # OpenSSL configs (*.cnf beside test certificates)
    r")",
    re.MULTILINE,
)


def in_foreign_folder(path: Path) -> bool:
    """True when a folder on the way down is a proxy's or monitor's (``nginx/``, ``telegraf.d/``)."""
    return any(part.lower() in FOREIGN_FOLDERS for part in path.parent.parts[-3:])


def foreign_syntax(text: str) -> bool:
    """True when the text is written in another tool's syntax (see :data:`_FOREIGN_SYNTAX`)."""
    return _FOREIGN_SYNTAX.search(text) is not None


def key_value_engine_file(path: Path, text: str) -> bool:
    """For the line-oriented engine formats (redis.conf, pg_hba.conf, mongod.conf, ...)."""
    return not in_foreign_folder(path) and not foreign_syntax(text)


#: files named ``*.cnf`` that MySQL never reads as options: ``.mylogin.cnf`` is mysql_config_editor's
#: obfuscated (binary) login store, read by the clients only
_NOT_OPTION_FILES = frozenset({".mylogin.cnf", "mylogin.cnf"})


def my_cnf_file(path: Path, text: str) -> bool:
    """For ``*.cnf``: the engine-file test, minus the clients' obfuscated login store."""
    return path.name.lower() not in _NOT_OPTION_FILES and key_value_engine_file(path, text)


_OPTION_LINE = re.compile(r"^\s*-{1,2}[A-Za-z]", re.MULTILINE)


def memcached_options_file(path: Path, text: str) -> bool:
    """memcached.conf holds command-line options, one a line: at least one line starts with ``-``."""
    return key_value_engine_file(path, text) and _OPTION_LINE.search(text) is not None


_BRACED_ENGINE = re.compile(r"^\s*(?:location|upstream|server|http|stream)\b[^\n]*\{", re.MULTILINE)


def braced_engine_file(path: Path, text: str) -> bool:
    """For engines whose own syntax has braces (nats.conf): only nginx blocks and foreign folders exclude."""
    return not in_foreign_folder(path) and _BRACED_ENGINE.search(text) is None
