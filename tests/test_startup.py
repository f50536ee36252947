"""Start-up cost: ``import rmt_meso`` loads no heavy dependency (issue 14, item 7).

Checked by module presence rather than by timing (timings depend on the machine's load):
the measured cost is in docs/design.md, "Start-up".
"""

import subprocess
import sys

import pytest

HEAVY = ("sympy", "mpmath", "matplotlib", "scipy.stats", "scipy.sparse", "uncertainties")


def _loaded_after(code: str) -> set:
    probe = f"import sys; {code}; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_import_rmt_meso_is_light():
    assert _loaded_after("import rmt_meso") == set()


@pytest.mark.parametrize("code, allowed", [
    ("import rmt_meso as rm; rm.GOE(3).eigvals(rng=1)", {"scipy.sparse", "scipy.stats"}),
    ("import rmt_meso.theory, rmt_meso.spectral, rmt_meso.transport", {"scipy.sparse", "scipy.stats"}),
])
def test_sympy_and_mpmath_load_only_when_a_formula_needs_them(code, allowed):
    assert _loaded_after(code) <= allowed


def test_exact_values_still_load_sympy():
    assert "sympy" in _loaded_after("import rmt_meso as rm; rm.theory.cavity.mean_transmission(2, 3, 1, exact=True)")


def test_lazy_names_resolve():
    import rmt_meso as rm
    for name in rm.__all__:
        assert getattr(rm, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        rm.nope


def test_sweep_function_and_module_do_not_shadow():
    import importlib
    import warnings

    import rmt_meso as rm
    sweeps = importlib.import_module("rmt_meso.sweeps")
    assert callable(rm.sweep) and rm.sweep is sweeps.sweep
    assert rm.sweeps is sweeps
    with pytest.warns(DeprecationWarning, match="rmt_meso.sweeps.SweepResult"):
        from rmt_meso.sweep import SweepResult
    assert SweepResult is sweeps.SweepResult
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert rm.sweep is sweeps.sweep        # the old module name did not replace the function
