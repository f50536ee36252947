"""The import direction of docs/design.md, enforced: modules never import layers above them."""

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[1] / "rmt_meso"

# layer -> packages of rmt_meso it must not import
FORBIDDEN = {
    "theory": {"ensembles", "spectral", "transport", "compare", "sweeps", "claims", "plot", "report", "cli"},
    "ensembles": {"spectral", "transport", "sweeps", "claims", "plot", "report", "cli"},
    "models": {"spectral", "transport", "sweeps", "claims", "plot", "report", "cli"},
    "spectral": {"transport", "sweeps", "claims", "plot", "report", "cli"},
    "transport": {"spectral", "sweeps", "claims", "plot", "report", "cli"},
    "compare": {"ensembles", "spectral", "transport", "theory", "sweeps", "claims", "plot", "report", "cli"},
    "analysis": {"ensembles", "spectral", "transport", "theory", "sweeps", "claims", "plot", "report", "cli"},
    "sweeps": {"ensembles", "spectral", "transport", "theory", "claims", "plot", "report", "cli"},
    "plot": {"claims", "report", "cli"},
}
# result objects that plot themselves delegate to rmt_meso.plot inside the method (matplotlib
# loads only when .plot() is called): allowed exceptions to the flow, one line each
LAZY_PLOT = {"spectral/analysis.py"}
# plain-array solvers: no lattice models (STYLE: Kwant's layering)
PLAIN_ARRAY_MODULES = {"transport/leads.py", "transport/rgf.py"}


def _imports(path: Path):
    """Top-level rmt_meso subpackages and third-party roots imported by a module."""
    tree = ast.parse(path.read_text(), filename=str(path))
    rel_parts = path.relative_to(PKG).parts[:-1]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                parts = a.name.split(".")
                out.add(parts[1] if parts[0] == "rmt_meso" and len(parts) > 1 else parts[0])
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                parts = (node.module or "").split(".")
                if parts[0] == "rmt_meso":
                    out.add(parts[1] if len(parts) > 1 else "rmt_meso")
                else:
                    out.add(parts[0])
            else:
                base = list(rel_parts[: len(rel_parts) - (node.level - 1)])
                target = base + (node.module.split(".") if node.module else [])
                if target:
                    out.add(target[0].removesuffix(".py"))
                else:  # "from . import x" at package top
                    out.update(a.name for a in node.names)
    return out


MODULES = sorted(p for p in PKG.rglob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(PKG)) for p in MODULES])
def test_import_direction(path):
    rel = path.relative_to(PKG)
    layer = rel.parts[0].removesuffix(".py")
    imported = _imports(path)
    if layer != "plot":
        assert "matplotlib" not in imported, f"{rel} imports matplotlib (only rmt_meso/plot may)"
    bad = imported & FORBIDDEN.get(layer, set())
    if str(rel) in LAZY_PLOT:
        bad -= {"plot"}
    assert not bad, f"{rel} (layer {layer}) imports {sorted(bad)}, above it in docs/design.md's flow"
    if str(rel) in PLAIN_ARRAY_MODULES:
        assert "ensembles" not in imported, f"{rel} must take plain arrays, not lattice models"
