"""The kubelet's own API settings: a ``KubeletConfiguration`` file or ``kubelet`` flags.

Port 10250 runs commands in any pod on the node for whoever the kubelet lets in; two
settings decide who that is: ``authentication.anonymous.enabled`` (``--anonymous-auth``)
and ``authorization.mode`` (``--authorization-mode``, ``AlwaysAllow`` or ``Webhook``).
Only what is written is recorded: defaults differ between the flag (anonymous on) and
the v1beta1 file, so the rules judge explicit settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .lines import Setting
from .yamlines import YMap


@dataclass(frozen=True)
class KubeletConfig:
    """``anonymous`` and ``authorization_mode`` as written (None: not set here)."""

    path: Path
    line: int
    anonymous: Setting | None
    authorization_mode: Setting | None
    read_only_port: Setting | None = None


def looks_like_kubelet(doc: Any) -> bool:
    return isinstance(doc, YMap) and str(doc.get("kind", "")) == "KubeletConfiguration"


def kubelet_from_docs(path: Path, docs: list[Any]) -> list[KubeletConfig]:
    found = []
    for doc in docs:
        if not looks_like_kubelet(doc):
            continue
        auth = doc.map("authentication").map("anonymous")
        authz = doc.map("authorization")
        anonymous = Setting(_text(auth["enabled"]), auth.line_of("enabled"), path) if "enabled" in auth else None
        mode = Setting(str(authz["mode"]), authz.line_of("mode"), path) if "mode" in authz else None
        port = Setting(str(doc["readOnlyPort"]), doc.line_of("readOnlyPort"), path) if "readOnlyPort" in doc else None
        found.append(KubeletConfig(path, doc.line, anonymous, mode, port))
    return found


def kubelet_from_argv(path: Path, argv: list[str], line: int) -> KubeletConfig:
    values: dict[str, str] = {}
    words = list(argv[1:])
    while words:
        word = words.pop(0)
        if not word.startswith("--"):
            continue
        name, eq, value = word.partition("=")
        if not eq and words and not words[0].startswith("-"):
            value = words.pop(0)
        values[name] = value if (eq or value) else "true"
    anonymous = Setting(values["--anonymous-auth"], line, path) if "--anonymous-auth" in values else None
    mode = Setting(values["--authorization-mode"], line, path) if "--authorization-mode" in values else None
    port = Setting(values["--read-only-port"], line, path) if "--read-only-port" in values else None
    return KubeletConfig(path, line, anonymous, mode, port)


def _text(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)
