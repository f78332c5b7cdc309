"""Jupyter's Python config files (``jupyter_server_config.py``, ``jupyter_notebook_config.py``,
and the kernel and enterprise gateways' ``jupyter_kernel_gateway_config.py``).

The file is Python, run by traitlets at start; it is never run here. Its assignments of
literals (``c.ServerApp.token = ''``) are read from the syntax tree; an environment
variable with a literal default (``os.environ.get('JUPYTER_TOKEN', '')``, ``os.getenv``)
is read as that default, what the server runs with when the operator sets nothing, as a
compose file's ``${VAR:-default}`` is; anything else (a function call, an expression) is
kept as unknown, so a rule about an *empty* token stays quiet about it.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from .lines import Setting

#: Jupyter Kernel Gateway and Enterprise Gateway (a subclass): ``auth_token`` defaults to empty
GATEWAY_CLASSES = ("KernelGatewayApp", "EnterpriseGatewayApp")
GATEWAY_FILES = ("jupyter_kernel_gateway_config", "jupyter_enterprise_gateway_config")
#: the classes that carry the same settings: Jupyter Server, classic Notebook, the identity providers
_CLASSES = ("ServerApp", "NotebookApp", "IdentityProvider", "PasswordIdentityProvider", *GATEWAY_CLASSES)
UNKNOWN = "\0unknown"


@dataclass(frozen=True)
class JupyterConfig:
    """``trait name -> Setting`` (``ip``, ``token``, ``password``, ``hashed_password``, a gateway's
    ``auth_token``), last assignment wins; ``gateway`` when it configures a kernel gateway, whose
    ``auth_token`` is empty unless set: no authentication by default."""

    path: Path
    settings: dict[str, Setting]
    complete: bool = True
    gateway: bool = False

    def get(self, name: str) -> Setting | None:
        return self.settings.get(name)


def parse_jupyter_config(path: Path, text: str) -> JupyterConfig:
    try:
        tree = ast.parse(text, filename=str(path))
    except (SyntaxError, ValueError):
        return JupyterConfig(path, {}, complete=False)
    settings: dict[str, Setting] = {}
    gateway = path.name.lower().startswith(GATEWAY_FILES)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            # c.ServerApp.token = ...
            if (
                isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Attribute)
                and isinstance(target.value.value, ast.Name)
                and target.value.value.id == "c"
                and target.value.attr in _CLASSES
            ):
                value = _env_default(node.value) or node.value
                literal = value.value if isinstance(value, ast.Constant) else None
                text_value = str(literal) if isinstance(literal, str | int | bool) else UNKNOWN
                settings[target.attr] = Setting(text_value, node.lineno, path)
                gateway = gateway or target.value.attr in GATEWAY_CLASSES
    return JupyterConfig(path, settings, gateway=gateway)


def _env_default(value: ast.expr) -> ast.Constant | None:
    """The literal default of ``os.environ.get('X', default)`` or ``os.getenv('X', default)``."""
    if not (isinstance(value, ast.Call) and len(value.args) == 2 and isinstance(value.args[1], ast.Constant)):
        return None
    func = ast.unparse(value.func)
    return value.args[1] if func in {"os.environ.get", "os.getenv", "environ.get", "getenv"} else None
