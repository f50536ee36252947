"""Type hints: every public function is annotated and mypy is clean on the package (issue 18).

A public function is a function, class method or property reached from the ``__all__`` of the
package or of one of its subpackages (classes count with the public methods they and their
rmt_meso base classes define, and ``__init__``).  The mypy settings are the ``[tool.mypy]``
table of pyproject.toml.
"""

import importlib
import importlib.util
import inspect
import subprocess
import sys
import types
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["rmt_meso", "rmt_meso.ensembles", "rmt_meso.spectral", "rmt_meso.transport",
            "rmt_meso.theory", "rmt_meso.models", "rmt_meso.plot", "rmt_meso.claims"]


def _gaps(fn, *, skip_return=False):
    """Names of the parameters of ``fn`` without an annotation (and "return")."""
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):     # builtins without a signature
        return []
    gaps = [p.name for i, p in enumerate(sig.parameters.values())
            if p.annotation is inspect.Parameter.empty
            and not (i == 0 and p.name in ("self", "cls"))]
    if sig.return_annotation is inspect.Signature.empty and not skip_return:
        gaps.append("return")
    return gaps


def _ours(obj):
    return (getattr(obj, "__module__", "") or "").startswith("rmt_meso")


def _class_gaps(cls, seen):
    out = {}
    for klass in cls.__mro__:
        if not _ours(klass):
            continue
        for attr, value in vars(klass).items():
            if (attr.startswith("_") and attr != "__init__") or (klass, attr) in seen:
                continue
            seen.add((klass, attr))
            if isinstance(value, (staticmethod, classmethod)):
                value = value.__func__
            if isinstance(value, property):
                gaps = _gaps(value.fget) if value.fget is not None else []
            elif inspect.isfunction(value):
                gaps = _gaps(value, skip_return=attr == "__init__")
            else:
                continue
            if gaps:
                out[f"{klass.__module__}.{klass.__qualname__}.{attr}"] = gaps
    return out


def unannotated(objects):
    """``{qualified name: missing annotations}`` over functions and classes in ``objects``."""
    out, seen = {}, set()
    for obj in objects:
        if isinstance(obj, types.ModuleType) or id(obj) in seen:
            continue
        seen.add(id(obj))
        if inspect.isclass(obj) and _ours(obj):
            out.update(_class_gaps(obj, seen))
        elif inspect.isroutine(obj) and _ours(obj):
            gaps = _gaps(obj)
            if gaps:
                out[f"{obj.__module__}.{obj.__qualname__}"] = gaps
    return out


def _public_objects():
    for package in PACKAGES:
        module = importlib.import_module(package)
        for name in module.__all__:
            yield getattr(module, name)


def test_every_public_function_is_annotated():
    missing = unannotated(_public_objects())
    assert missing == {}, ("public functions without type hints (annotate every parameter and "
                           f"the return): {missing}")


def test_annotation_check_finds_gaps():
    namespace = {"__name__": "rmt_meso._typing_probe"}
    exec("def f(x, *, y: int) -> int: ...\n"
         "class A:\n"
         "    def __init__(self, n): ...\n"
         "    def g(self, z: int): ...\n"
         "    @property\n"
         "    def p(self): ...\n"
         "    def ok(self, z: int) -> int: ...\n", namespace)
    assert unannotated([namespace["f"], namespace["A"]]) == {
        "rmt_meso._typing_probe.f": ["x"],
        "rmt_meso._typing_probe.A.__init__": ["n"],
        "rmt_meso._typing_probe.A.g": ["return"],
        "rmt_meso._typing_probe.A.p": ["return"],
    }


@pytest.mark.slow     # 5-20 s with mypy's cache (.mypy_cache), about a minute without
@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed")
def test_mypy_is_clean_on_the_package():
    proc = subprocess.run([sys.executable, "-m", "mypy", "rmt_meso"], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-6000:] + proc.stderr[-2000:]
    assert "Success" in proc.stdout
