"""Public functions of the fully annotated modules keep their type hints (issue 18)."""

import ast
from pathlib import Path

import pytest

import rmt_meso

PACKAGE = Path(rmt_meso.__file__).parent
ANNOTATED = ["compare.py", "analysis.py", "sweeps.py", "_log.py", "plot/quick.py"]


def _unannotated(tree):
    """Public module-level functions and public methods of public classes missing hints."""
    missing = []

    def check(fn, owner=""):
        args = [a for a in fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs
                if a.arg not in ("self", "cls")]
        gaps = [a.arg for a in args if a.annotation is None]
        if fn.args.vararg is not None and fn.args.vararg.annotation is None:
            gaps.append("*" + fn.args.vararg.arg)
        if fn.returns is None and fn.name != "__init__":
            gaps.append("return")
        if gaps:
            missing.append(f"{owner}{fn.name}: {gaps}")

    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            check(node)
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and not item.name.startswith("_"):
                    check(item, node.name + ".")
    return missing


@pytest.mark.parametrize("module", ANNOTATED)
def test_public_functions_are_annotated(module):
    tree = ast.parse((PACKAGE / module).read_text())
    assert _unannotated(tree) == []


def test_annotation_check_finds_gaps():
    tree = ast.parse("def f(x, *, y: int) -> int: ...\nclass A:\n    def g(self, z: int): ...\n")
    assert _unannotated(tree) == ["f: ['x']", "A.g: ['return']"]
