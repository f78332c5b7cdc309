"""What a compose ``build:`` produces: the image it starts from and the files it copies in.

``build: ./db`` says nothing about the engine; the Dockerfile does: ``FROM postgres:9.6``
names the engine and its version, ``COPY pg_hba.conf /etc/postgresql/`` puts the
repository's own config into the image just as a bind mount would. Only the final
stage counts (``FROM base AS build`` stages are followed by name); ``ARG`` defaults fill
``${VERSION}`` in ``FROM``. The Dockerfile is read through the same bounded reader as any
config; one that is missing or unreadable gives nothing.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .files import read_config_text
from .lines import ParseError, split_args

_ARG_REF = re.compile(r"\$\{?(\w+)\}?")


@dataclass(frozen=True)
class Copied:
    """A file the build copies in: ``source`` relative to the compose file, ``target`` in the image."""

    source: str
    target: str


@dataclass(frozen=True)
class Build:
    """The final stage: its base image, the files it copies in, and what it sets for the container."""

    base_image: str
    copies: tuple[Copied, ...]
    #: ``ENTRYPOINT`` and ``CMD`` words (exec form as written; shell form split like a shell would)
    entrypoint: tuple[str, ...] = ()
    cmd: tuple[str, ...] = ()
    #: ``ENV`` settings: the container starts with them unless compose overrides one
    env: tuple[tuple[str, str], ...] = ()


def read_build(compose: Path, build: Any) -> Build | None:
    """The base image and copies of a compose ``build:`` (a context string or a mapping)."""
    target = ""
    if isinstance(build, str):
        context, dockerfile = build, "Dockerfile"
    elif isinstance(build, dict):
        context, dockerfile = str(build.get("context") or "."), str(build.get("dockerfile") or "Dockerfile")
        target = str(build.get("target") or "")
    else:
        return None
    if "://" in context or context.startswith("git@"):
        return None  # a remote context is not in the repository
    folder = Path(os.path.normpath(compose.parent / context))
    try:
        text = read_config_text(folder / dockerfile)
    except (OSError, ParseError):
        return None
    return parse_dockerfile(text, context, target)


def parse_dockerfile(text: str, context: str, target: str = "") -> Build:
    """The stage the build produces: the last one, or ``target`` (compose ``build.target``)."""
    args: dict[str, str] = {}
    stages: dict[str, str] = {}
    base = ""
    copies: list[Copied] = []
    entrypoint: list[str] = []
    cmd: list[str] = []
    env: dict[str, str] = {}
    for line in _instructions(text):
        words = split_args(line)
        if not words:
            continue
        keyword, rest = words[0].upper(), [w for w in words[1:] if not w.startswith("--")]
        if keyword == "ARG" and rest and "=" in rest[0]:
            name, _, value = rest[0].partition("=")
            args.setdefault(name, value)
        elif keyword == "FROM" and rest:
            if target and target.lower() in stages:
                break  # the target stage has ended: later stages are not built
            image = _ARG_REF.sub(lambda m: args.get(m[1], m[0]), rest[0])
            base = stages.get(image.lower(), image)
            if len(rest) >= 3 and rest[1].upper() == "AS":
                stages[rest[2].lower()] = base
            copies, entrypoint, cmd = [], [], []  # only the final stage's reach the image
            env = env if image.lower() in stages else {}  # FROM an earlier stage keeps (roughly) its ENV
        elif keyword in {"COPY", "ADD"} and len(rest) >= 2 and not any(w.startswith("--from") for w in words):
            paths = _json_form(line) or rest
            for source in paths[:-1]:
                if "://" not in source:
                    copies.append(Copied(os.path.join(context, source), paths[-1]))
        elif keyword in {"CMD", "ENTRYPOINT"}:
            found = _json_form(line) or words[1:]
            if keyword == "CMD":
                cmd = found
            else:
                entrypoint, cmd = found, []  # a new ENTRYPOINT resets the CMD inherited before it
        elif keyword == "ENV" and len(words) >= 2:
            pairs = words[1:]
            if "=" not in pairs[0]:  # legacy ``ENV NAME value with spaces``
                env[pairs[0]] = " ".join(pairs[1:])
            else:
                for word in pairs:
                    name, eq, value = word.partition("=")
                    if eq:
                        env[name] = value
    return Build(base, tuple(copies), tuple(entrypoint), tuple(cmd), tuple(env.items()))


def _instructions(text: str) -> list[str]:
    """Logical lines: comments dropped, backslash continuations joined."""
    out: list[str] = []
    current = ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if not current and (not stripped or stripped.startswith("#")):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1] + " "
            continue
        out.append(current + stripped)
        current = ""
    if current:
        out.append(current)
    return out


def _json_form(line: str) -> list[str]:
    start = line.find("[")
    if start < 0:
        return []
    try:
        value = json.loads(line[start:])
    except ValueError:
        return []
    return [str(v) for v in value] if isinstance(value, list) else []
