"""Jupyter: ``jupyter_server_config.py`` / ``jupyter_notebook_config.py`` with the token emptied on a network interface.

Jupyter generates a random token at every start unless the config sets ``token = ''``;
with no ``password`` or ``hashed_password`` either, every request is accepted, and the
API starts kernels: code execution as the server's user. ``ip`` decides who can reach it
(``localhost`` by default; ``''``, ``'*'`` and ``'0.0.0.0'`` are every interface).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Remediation, Severity
from .._net import is_loopback
from .._parse.jupyter import UNKNOWN, JupyterConfig
from .._parse.lines import Setting
from .._rule import ConfigRule, Hit, RuleCategory

SECURITY = "https://jupyter-server.readthedocs.io/en/latest/operators/security.html"
CONFIG = "https://jupyter-server.readthedocs.io/en/latest/other/full-config.html"


def emptied_token(conf: JupyterConfig) -> Setting | None:
    """The ``token = ''`` setting when no ``password`` or ``hashed_password`` replaces it: no authentication.
    A kernel gateway asks for no token unless ``auth_token`` is set: its ``ip`` setting stands for
    the missing one."""
    if conf.gateway:
        auth = conf.get("auth_token")
        if auth is None:
            return conf.get("ip")
        return auth if auth.value == "" else None
    token = conf.get("token")
    if token is None or token.value != "":
        return None
    for name in ("password", "hashed_password"):
        password = conf.get(name)
        if password is not None and password.value != "":
            return None
    return token


def _no_token(conf: JupyterConfig) -> Iterator[Hit]:
    token, ip = emptied_token(conf), conf.get("ip")
    # ip defaults to localhost; '' and '*' (like '0.0.0.0') mean every interface
    if token is None or ip is None or ip.value == UNKNOWN or is_loopback(ip.value):
        return
    unset = conf.gateway and conf.get("auth_token") is None
    how = "no auth_token (a kernel gateway's default)" if unset else "token = ''"
    yield Hit.at(
        token,
        f"{how} with ip = '{ip.value}' and no password: anyone who reaches the port gets the Jupyter API, "
        "which reads and writes every file under the root dir and starts kernels and terminals (code execution "
        "as the server's user)",
    )


RULES = (
    ConfigRule(
        id="UG-JUPYTER-001",
        title="Jupyter listens on the network with the token disabled and no password",
        severity=Severity.CRITICAL,
        category=RuleCategory.AUTHENTICATION,
        cwe=306,
        description="An empty token and no password turn Jupyter's authentication off; on a network interface "
        "that is remote code execution for anyone, and miners scan for exactly this.",
        remediation=Remediation(
            summary="Keep the generated token (or set a hashed password) and bind to localhost.",
            steps=(
                "jupyter_server_config.py: delete c.ServerApp.token = '' (a random token is generated at start)",
                "or set c.PasswordIdentityProvider.hashed_password = '<argon2 hash from jupyter_server.auth.passwd()>'",
                "jupyter_server_config.py: c.ServerApp.ip = '127.0.0.1'; reach it with ssh -L 8888:localhost:8888, "
                "or put JupyterHub in front of shared servers",
            ),
            references=(SECURITY, CONFIG),
        ),
        reads=JupyterConfig,
        check=_no_token,
    ),
)
