"""Public names that a package resolves on first use (PEP 562), written once for every package.

``unguarded``, ``unguarded.classify`` and ``unguarded.distributed`` keep one ``__all__``
but load what a name needs only when it is asked for, so that ``import unguarded.cli``
does not pay for the scanner, every engine, the detectors or Celery before anything runs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module


def lazy_names(package: str, table: Mapping[str, str]) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """The module ``__getattr__`` and ``__dir__`` for ``package``: ``table`` maps a public name to its module."""

    def __getattr__(name: str) -> object:
        """The public name ``name``, imported from its module the first time it is asked for."""
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module, package), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted({*vars(sys.modules[package]), *table})

    return __getattr__, __dir__
