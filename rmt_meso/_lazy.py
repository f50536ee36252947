"""Heavy optional-at-import dependencies, imported on first attribute access.

``sympy`` (~1-2 s) and ``mpmath`` are needed only for exact values (``exact=True``) and a few
special functions, so the modules that use them write ``from .._lazy import sympy as sp`` and
pay the import when a formula first needs it (docs/design.md, "Start-up").
"""

from __future__ import annotations

import importlib

__all__ = ["LazyModule", "sympy", "mpmath"]


class LazyModule:
    """A stand-in for module ``name`` that imports it on first attribute access."""

    __slots__ = ("_name",)

    def __init__(self, name: str):
        object.__setattr__(self, "_name", name)

    def __getattr__(self, attr):
        return getattr(importlib.import_module(self._name), attr)

    def __repr__(self):
        return f"<lazy module {self._name!r}>"


sympy = LazyModule("sympy")
mpmath = LazyModule("mpmath")
