"""The API reference of the docs site documents every public name (no mkdocs build needed).

The API pages are the ``docs/api/*.md`` files in mkdocs.yml's nav; each ``::: identifier``
line renders either one object or a module (then every name in the module's ``__all__``, or,
without one, every public name the module defines).  A public name is one in the ``__all__``
of the package or of one of its subpackages.  Also checks the build-time conversion of the
docstrings' reStructuredText markup (docs/griffe_rst.py).
"""

import importlib
import importlib.util
import re
import types
from pathlib import Path

import pytest

import rmt_meso

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PACKAGES = ["rmt_meso", "rmt_meso.ensembles", "rmt_meso.spectral", "rmt_meso.transport",
            "rmt_meso.theory", "rmt_meso.models", "rmt_meso.plot", "rmt_meso.claims"]
DIRECTIVE = re.compile(r"^:::\s+(\S+)", re.MULTILINE)


def _nav_pages():
    """The markdown files listed in mkdocs.yml's nav under the API reference."""
    text = (ROOT / "mkdocs.yml").read_text()
    pages = re.findall(r":\s*(api/[\w/]+\.md)\s*$", text, re.MULTILINE)
    assert pages, "mkdocs.yml lists no API pages"
    return pages


def _resolve(identifier):
    """Import ``a.b.c`` as a module or as an attribute of the longest importable prefix."""
    parts = identifier.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for part in parts[cut:]:
            obj = getattr(obj, part)
        return obj
    raise ImportError(identifier)


def _documented():
    """(objects rendered, (module, name) pairs rendered, modules rendered whole) by the nav."""
    objects, pairs, modules = set(), set(), set()
    for page in _nav_pages():
        text = (DOCS / page).read_text()
        for block in re.split(r"(?=^:::)", text, flags=re.MULTILINE):
            match = DIRECTIVE.match(block)
            if not match:
                continue
            identifier = match.group(1)
            obj = _resolve(identifier)
            if isinstance(obj, types.ModuleType):
                modules.add(obj.__name__)
                if re.search(r"^\s+members:\s*false", block, re.MULTILINE):
                    continue          # the module's docstring only
                names = getattr(obj, "__all__", None)
                if names is None:
                    names = [n for n, v in vars(obj).items() if not n.startswith("_")
                             and getattr(v, "__module__", obj.__name__) == obj.__name__]
                for name in names:
                    objects.add(id(getattr(obj, name)))
                    pairs.add((obj.__name__, name))
            else:
                objects.add(id(obj))
                module, _, name = identifier.rpartition(".")
                pairs.add((module, name))
    return objects, pairs, modules


def _public_names():
    for package in PACKAGES:
        module = importlib.import_module(package)
        for name in module.__all__:
            if not (name.startswith("__") and name.endswith("__")):
                yield package, name


def test_every_public_name_is_in_the_api_reference():
    objects, pairs, modules = _documented()
    missing = []
    for package, name in _public_names():
        value = getattr(importlib.import_module(package), name)
        if isinstance(value, types.ModuleType):
            if value.__name__ not in modules:
                missing.append(f"{package}.{name} (module)")
            continue
        if (package, name) in pairs:
            continue
        if isinstance(value, (type, types.FunctionType)) or callable(value):
            if id(value) in objects:
                continue
        else:
            # plain data (numbers, strings, tables): documented where it is defined
            defined_in = [m for m, n in pairs if n == name
                          and getattr(importlib.import_module(m), name, None) is value]
            if defined_in:
                continue
        missing.append(f"{package}.{name}")
    assert not missing, "public names missing from docs/api/*.md: " + ", ".join(missing)


def test_names_sharing_a_submodule_name_are_documented_as_functions():
    # rm.unfold and rm.spacings are functions named like their modules: griffe would show the
    # module, so the reference must reach the function itself
    objects, _, _ = _documented()
    for name in ("unfold", "spacings"):
        assert id(getattr(rmt_meso, name)) in objects, name
        assert callable(getattr(rmt_meso, name))


def test_api_pages_exist_and_name_real_objects():
    for page in _nav_pages():
        text = (DOCS / page).read_text()
        identifiers = DIRECTIVE.findall(text)
        assert identifiers, page
        for identifier in identifiers:
            _resolve(identifier)      # raises if the page names nothing real


@pytest.fixture(scope="module")
def griffe_rst():
    spec = importlib.util.spec_from_file_location("griffe_rst", DOCS / "griffe_rst.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rst_roles_become_markdown(griffe_rst):
    convert = griffe_rst.rst_to_markdown
    assert convert(r"with :math:`\beta = 1`.") == r"with \(\beta = 1\)."
    assert convert(":class:`~rmt_meso.transport.SMatrix`") == "`SMatrix`"
    assert convert(":func:`rmt_meso.unfold`") == "`rmt_meso.unfold`"
    assert convert(":meth:`Wire.smatrix <rmt_meso.Wire.smatrix>`") == "`Wire.smatrix`"
    assert convert(":py:attr:`x`, :data:`Y`, :mod:`m`") == "`x`, `Y`, `m`"
    assert convert("plain ``code`` stays") == "plain ``code`` stays"


def test_math_directives_become_displays(griffe_rst):
    convert = griffe_rst.rst_to_markdown
    text = "Law\n.. math::  a = b\n           + c\n\nText after.\n"
    assert convert(text) == "Law\n\n$$\na = b\n+ c\n$$\n\nText after.\n"
    # indented directive with a blank line before its body; two equations, two displays
    text = "    .. math::\n\n        x = 1\n\n        y = 2\n\n    after"
    assert convert(text) == "    $$\n    x = 1\n    $$\n\n    $$\n    y = 2\n    $$\n\n    after"
    # no raw markup survives in any docstring of the package
    for module in ("rmt_meso.theory.cavity", "rmt_meso.ensembles.anderson", "rmt_meso.models.syk"):
        doc = importlib.import_module(module).__doc__
        out = convert(doc)
        assert ":math:`" not in out and ".. math::" not in out and ":class:`" not in out


def test_bracketed_averages_are_not_taken_for_html(griffe_rst):
    convert = griffe_rst.rst_to_markdown
    assert convert("GOE (<r~> = 0.53) and <g>.") == "GOE (&lt;r~> = 0.53) and &lt;g>."
    # code, maths, links and doctests keep their brackets
    assert convert("`<g>` and :math:`a<b` and <https://example.org>") == \
        r"`<g>` and \(a<b\) and <https://example.org>"
    assert convert(">>> print('<g>')\n<g>") == ">>> print('<g>')\n<g>"


def test_resolved_roles_become_optional_autorefs(griffe_rst):
    convert = griffe_rst.rst_to_markdown
    paths = {"rmt_meso.transport.SMatrix": "rmt_meso.transport.smatrix.SMatrix"}
    out = convert("see :class:`~rmt_meso.transport.SMatrix` and :func:`numpy.linalg.eigh` <g>",
                  resolve=paths.get)
    assert out == ('see <autoref identifier="rmt_meso.transport.smatrix.SMatrix" optional>`SMatrix`'
                   '</autoref> and `numpy.linalg.eigh` &lt;g>')     # the tag itself is not escaped
    # explicit titles and call parentheses point at the object path
    assert convert(":meth:`the solver <rmt_meso.Wire.smatrix>` :func:`f()`",
                   resolve=lambda t: {"rmt_meso.Wire.smatrix": "W.s", "f": "m.f"}.get(t)) == \
        '<autoref identifier="W.s" optional>`the solver`</autoref> <autoref identifier="m.f" optional>`f()`</autoref>'


@pytest.mark.skipif(importlib.util.find_spec("griffe") is None, reason="griffe (docs extra) is not installed")
def test_roles_resolve_like_sphinx(griffe_rst):
    import griffe
    pkg = griffe.load("rmt_meso", search_paths=[str(ROOT)], resolve_aliases=False)
    resolve = griffe_rst._resolver(pkg["transport.cavity.CavityScattering"], pkg)
    assert resolve("from_matrices") == "rmt_meso.transport.cavity.CavityScattering.from_matrices"  # own class
    assert resolve("SMatrix.matrix") == "rmt_meso.transport.smatrix.SMatrix.matrix"   # module import
    assert resolve("rmt_meso.transport.SMatrix") == "rmt_meso.transport.smatrix.SMatrix"   # re-export
    assert resolve("numpy.linalg.eigh") is None and resolve("no_such_name") is None
