"""The package's shape, checked: no import cycles, one definition per class name, a thin CLI.

A newcomer should be able to read one module without being pulled round a loop, find a
class by its name, and call the library without typer. These tests read the source with
``ast`` (imports inside functions count), so they hold without importing anything.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "unguarded"
CLI = "unguarded.cli"


@dataclass(frozen=True)
class Module:
    name: str
    path: Path
    is_package: bool

    def tree(self) -> ast.Module:
        return ast.parse(self.path.read_text(encoding="utf-8"), filename=str(self.path))


def _modules() -> dict[str, Module]:
    found: dict[str, Module] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        found[".".join(parts)] = Module(".".join(parts), path, is_package)
    return found


MODULES = _modules()


def imported_names(module: Module) -> Iterator[tuple[str, int]]:
    """Every absolute module name this module imports (anywhere in it), with the line."""
    base = module.name.split(".") if module.is_package else module.name.split(".")[:-1]
    for node in ast.walk(module.tree()):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = base[: len(base) - (node.level - 1)]
                target = ".".join(anchor + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            submodules = [f"{target}.{alias.name}" for alias in node.names]
            if submodules and all(name in MODULES for name in submodules):
                # ``from . import stats``: the submodules, not the package's own code
                yield from ((name, node.lineno) for name in submodules)
            else:
                yield target, node.lineno


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, module in MODULES.items():
        for target, _line in imported_names(module):
            if target in MODULES and target != name:
                graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in graph:
        if root in index:
            continue
        work: list[tuple[str, Iterator[str]]] = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            advanced = False
            for succ in successors:
                if succ not in index:
                    index[succ] = low[succ] = counter
                    counter += 1
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(sorted(graph[succ]))))
                    advanced = True
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


def test_every_class_name_is_defined_once() -> None:
    where: dict[str, list[str]] = defaultdict(list)
    for name, module in MODULES.items():
        for node in ast.walk(module.tree()):
            if isinstance(node, ast.ClassDef):
                where[node.name].append(f"{name}:{node.lineno}")
    assert {cls: places for cls, places in where.items() if len(places) > 1} == {}


@pytest.mark.parametrize("library", ["typer", "click"])
def test_only_the_cli_imports_the_command_line_library(library: str) -> None:
    offenders = [
        f"{name}:{line}"
        for name, module in MODULES.items()
        if not (name == CLI or name.startswith(CLI + "."))
        for target, line in imported_names(module)
        if target == library or target.startswith(library + ".")
    ]
    assert offenders == []


def test_nothing_imports_up_into_the_cli() -> None:
    offenders = [
        f"{name}:{line}"
        for name, module in MODULES.items()
        if not (name == CLI or name.startswith(CLI + "."))
        for target, line in imported_names(module)
        if target == CLI or target.startswith(CLI + ".")
    ]
    assert offenders == []
