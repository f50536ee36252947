"""Progress bars and the package logger (issue 18, finding 4)."""

import ast
import logging
import warnings
from pathlib import Path

import numpy as np
import pytest

import rmt_meso
from rmt_meso import _log
from rmt_meso.sweeps import sweep

PACKAGE = Path(rmt_meso.__file__).parent
CONSOLE_MODULES = {"cli.py"}   # the command-line front end writes to the console by design


def _draw(rng, n, scale):
    return scale * rng.standard_normal(n)


def test_package_logger_has_null_handler():
    log = logging.getLogger("rmt_meso")
    assert any(isinstance(h, logging.NullHandler) for h in log.handlers)
    assert _log.logger is log


@pytest.mark.parametrize("kernel, widgets", [(False, False), (True, False), (True, True)])
def test_progress_off_emits_no_warning_anywhere(monkeypatch, capsys, kernel, widgets):
    monkeypatch.setattr(_log, "_in_jupyter_kernel", lambda: kernel)
    monkeypatch.setattr(_log, "_has_ipywidgets", lambda: widgets)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = sweep(_draw, [{"scale": 1.0}, {"scale": 2.0}], 20, rng=1, chunk=10, progress=False)
    assert res.mean.shape == (2,)
    out = capsys.readouterr()
    assert out.out == "" and out.err == ""


def test_notebook_without_ipywidgets_falls_back_to_text_bar(monkeypatch, capsys):
    monkeypatch.setattr(_log, "_in_jupyter_kernel", lambda: True)
    monkeypatch.setattr(_log, "_has_ipywidgets", lambda: False)
    with warnings.catch_warnings():
        warnings.simplefilter("error")   # no TqdmWarning "IProgress not found"
        sweep(_draw, [{"scale": 1.0}], 20, rng=1, chunk=10, progress=True)
    err = capsys.readouterr().err
    assert "sweep" in err and "/2 [" in err   # the text bar was drawn on stderr


def test_progress_bar_disabled_is_silent(capsys):
    with _log.progress_bar(5, enabled=False, desc="x") as bar:
        bar.update(5)
    assert bar.disable
    assert capsys.readouterr().err == ""


def test_sweep_logs_through_package_logger(caplog):
    with caplog.at_level(logging.DEBUG, logger="rmt_meso"):
        sweep(_draw, [{"scale": 1.0}], 4, rng=1, chunk=2, progress=False)
    records = [r for r in caplog.records if r.name.startswith("rmt_meso")]
    assert records and "1 points x 2 chunks" in records[0].getMessage()


def _print_calls(tree):
    return [n.lineno for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "print"]


def test_no_library_module_prints():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name in CONSOLE_MODULES:
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        offenders += [f"{path.relative_to(PACKAGE)}:{line}" for line in _print_calls(tree)]
    assert offenders == [], f"library code prints (use rmt_meso._log.logger): {offenders}"


def test_no_print_scan_detects_a_print():
    # the scan above can fail: it finds the print of a module written for the purpose
    assert _print_calls(ast.parse("def f():\n    print('hi')\n")) == [2]


# -- every long public operation: a bar when asked, the same numbers, nothing when off -----

def _anderson_levels(progress):
    from rmt_meso.ensembles import Anderson
    return Anderson((4, 4), W=2.0).eigvals(3, rng=7, progress=progress)


def _xxz_levels(progress):
    from rmt_meso.models import XXZChain
    return XXZChain(6, W=1.0).eigvals(3, rng=7, progress=progress)


def _wire_one_energy(progress):
    from rmt_meso.transport import Wire
    return Wire(4, 10, W=1.0).sample_conductance(0.3, 5, rng=2, progress=progress)


def _wire_wide(progress):           # slices of 16 orbitals: one realisation at a time
    from rmt_meso.transport import Wire
    return Wire(16, 3, W=1.0).sample_transmission_eigenvalues(0.3, 2, rng=2, progress=progress)


def _device_one_energy(progress):
    from rmt_meso.transport.devices import qpc
    return qpc(width=6, length=6, W=0.5).sample_transmission(1, 0, 0.5, 4, rng=3, progress=progress)


def _lyapunov(progress):
    from rmt_meso.transport import lyapunov_exponents
    r = lyapunov_exponents((3,), 0.5, 2.0, 64, n_blocks=4, rng=1, progress=progress)
    return r.exponents


def _boundary_sensitivity(progress):
    from rmt_meso.spectral import anderson_boundary_sensitivity
    return anderson_boundary_sensitivity(4, 2, L=3, W=10.0, progress=progress)


def _fingerprints(progress):
    from rmt_meso.transport import HamiltonianCavity, conductance_fingerprints
    return conductance_fingerprints(HamiltonianCavity(20, 2, 2, 1), 3, rng=5, x=[0.0, 0.1, 0.2],
                                    progress=progress)


LONG_OPERATIONS = {
    "Anderson.eigvals": (_anderson_levels, "realisations", 3),
    "XXZChain.eigvals": (_xxz_levels, "realisations", 3),
    "Wire.sample_conductance(one energy)": (_wire_one_energy, "realisations", 5),
    "Wire.sample_transmission_eigenvalues(wide)": (_wire_wide, "realisations", 2),
    "Device.sample_transmission(one energy)": (_device_one_energy, "realisations", 4),
    "lyapunov_exponents": (_lyapunov, "transfer matrix", 80),
    "anderson_boundary_sensitivity": (_boundary_sensitivity, "realisations", 2),
    "conductance_fingerprints": (_fingerprints, "X values", 3),
}


@pytest.mark.parametrize("name", sorted(LONG_OPERATIONS))
def test_long_operation_progress(monkeypatch, capsys, name):
    run, desc, total = LONG_OPERATIONS[name]
    monkeypatch.setattr(_log, "_in_jupyter_kernel", lambda: True)    # a notebook, no widgets:
    monkeypatch.setattr(_log, "_has_ipywidgets", lambda: False)      # the text bar on stderr
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        quiet = run(False)
        assert capsys.readouterr().err == ""
        shown = run(True)
    err = capsys.readouterr().err
    assert desc in err and f"/{total} [" in err     # the bar was drawn, with its total
    for a, b in zip(np.atleast_1d(quiet) if not isinstance(quiet, tuple) else quiet,
                    np.atleast_1d(shown) if not isinstance(shown, tuple) else shown):
        np.testing.assert_array_equal(a, b)        # the bar does not change the numbers
