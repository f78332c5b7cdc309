"""Compose files shipped as templates: Jinja/cookiecutter ``{{ name }}`` and ``{% if %}``.

Project generators (cookiecutter, copier, a CLI's ``templates/`` folder) ship the compose
file a new project gets with placeholders in it: ``container_name: {{project_name}}-redis``
is not YAML yet (``{{`` opens a flow mapping), so the file was reported as unparsable and
its ``redis`` published on 6379 with no password went unjudged. What such a file exposes
rarely depends on the placeholders, so it is read rendered the neutral way: every
``{{ ... }}`` becomes one word, every ``{% if %}`` keeps its first branch (the option as
the template author wrote it first) and drops ``{% else %}``/``{% elif %}`` branches, loops
keep their body once, comments go. Newlines are kept, so findings point at the template's
own lines. A service whose image or port is a placeholder stays unknown. Mako's control
lines (``% if backend:`` ... ``% endif``) are read as the same statements.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

#: what a placeholder renders as: a plain word, valid wherever YAML takes a scalar
PLACEHOLDER = "templated"

_TAG = re.compile(r"\{%-?\s*(\w*)(.*?)-?%\}|\{#.*?#\}|\{\{.*?\}\}", re.DOTALL)


#: a Mako control line: ``% if x:``, ``% elif``, ``% else:``, ``% endif``, ``% for``, ``% endfor``
_MAKO_LINE = re.compile(r"^[ \t]*%[ \t]*(if|elif|else|endif|for|endfor)\b(.*?):?[ \t]*$", re.MULTILINE)


def is_template(text: str) -> bool:
    return "{{" in text or "{%" in text or _MAKO_LINE.search(text) is not None


def render_neutral(text: str, context: Mapping[str, Any] | None = None) -> str:
    """``text`` with its Jinja placeholders and statements rendered as described above; with
    ``context`` (a cookiecutter template's defaults), ``{% if %}`` conditions are evaluated
    (sandboxed) and a condition that cannot be evaluated keeps its first branch."""
    text = _MAKO_LINE.sub(lambda m: f"{{% {m[1]}{m[2]} %}}", text)
    out: list[str] = []
    keeping = True
    stack: list[tuple[bool, bool]] = []  # (keeping outside the block, a branch was taken)
    at = 0
    for match in _TAG.finditer(text):
        between = text[at : match.start()]
        out.append(between if keeping else "\n" * between.count("\n"))
        tag = match[0]
        word = match[1] or ""
        if tag.startswith("{{") and keeping:
            out.append(PLACEHOLDER)
        elif word == "for":
            stack.append((keeping, True))
        elif word == "if":
            outer = keeping
            taken = _holds(match[2], context) is not False
            stack.append((outer, taken))
            keeping = outer and taken
        elif word in {"elif", "else"} and stack:
            outer, taken = stack[-1]
            this = not taken and (word == "else" or _holds(match[2], context) is not False)
            stack[-1] = (outer, taken or this)
            keeping = outer and this
        elif word in {"endif", "endfor"} and stack:
            keeping = stack.pop()[0]
        out.append("\n" * tag.count("\n"))
        at = match.end()
    tail = text[at:]
    out.append(tail if keeping else "\n" * tail.count("\n"))
    return "".join(out)


#: what a condition or default may hold to be evaluated at all: names, literals, comparisons and
#: filters without arguments; no calls, arithmetic or ranges, so a hostile template cannot make the
#: sandbox build a gigabyte string or loop (``'a' * 10**9``, ``x|center(10**9)``)
_EVALUABLE = re.compile(r"[\w\s.'\"=!<>\[\],|{}-]{0,300}")


def _holds(condition: str, context: Mapping[str, Any] | None) -> bool | None:
    """The condition's value under ``context`` (None: no context, or it cannot be evaluated)."""
    if context is None or not _EVALUABLE.fullmatch(condition):
        return None
    try:
        return bool(SandboxedEnvironment().compile_expression(condition.strip())(**context))
    except Exception:  # noqa: BLE001 - a template's expression is anyone's code: unknown, not an error
        return None


def cookiecutter_context(path: Path) -> dict[str, Any] | None:
    """A cookiecutter template's defaults, for a file inside its ``{{cookiecutter.x}}`` folder: the
    ``cookiecutter.json`` beside that folder, each choice list at its first choice (cookiecutter's
    default) and each templated default rendered from the ones before it, in the sandbox."""
    folders = [p for p in path.parents if "{{" in p.name and "cookiecutter" in p.name]
    if not folders:
        return None
    try:
        raw = json.loads((folders[-1].parent / "cookiecutter.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(raw, dict):
        return None
    values: dict[str, Any] = {}
    env = SandboxedEnvironment()
    for key, value in raw.items():
        if isinstance(value, list):
            value = value[0] if value else ""
        if isinstance(value, str) and "{" in value and _EVALUABLE.fullmatch(value):
            try:
                value = env.from_string(value).render(cookiecutter=values)
            except Exception:  # noqa: BLE001 - as above
                pass
        values[str(key)] = value
    return {"cookiecutter": values}
