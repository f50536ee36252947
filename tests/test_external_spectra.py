"""The inference on spectra this project did not make.

* tests/data/quspin: disordered XXZ chains and kicked tops built and diagonalised by QuSpin
  (tools/quspin_spectra.py; provenance.json holds the versions and parameters).  The files are
  committed, so these checks always run; an optional test regenerates them with QuSpin when
  its interpreter is present (benchmarks/setup_quspin.sh) and checks they are what QuSpin gives.
"""

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest

from _peers import quspin_python
from rmt_meso.spectral.analysis import analyse_spectrum
from rmt_meso.spectral.inference import estimate_sectors

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
QUSPIN = DATA / "quspin"

# name -> (kind, class the inference must name, beta the interval must cover,
#          sector class, number of sectors that must be compatible)
CASES = {
    "xxz_ergodic": ("energies", 1, 1.0, 1, 1),
    "xxz_localized": ("energies", 0, 0.0, 1, None),
    "xxz_flux": ("energies", 2, 2.0, 2, 1),
    "xxz_mirror": ("energies", None, None, 1, 2),
    "kicked_top_coe": ("phases", 1, 1.0, 1, 1),
    "kicked_top_cue": ("phases", 2, 2.0, 2, 1),
}


def _analyse(x, kind):
    if kind == "phases":
        return analyse_spectrum(x, kind="phases", missing=False)
    # the files hold the central half of each spectrum already; keep its central 80 %
    return analyse_spectrum(list(x), bulk=0.8, missing=False)


@pytest.mark.parametrize("name", list(CASES))
def test_quspin_spectra_inference(name):
    kind, best, beta, sector_beta, m = CASES[name]
    x = np.load(QUSPIN / f"{name}.npy")
    res = _analyse(x, kind)
    if best is not None:
        assert res.classes.best == best, res.summary()
        assert res.beta.beta.covers(beta), res.summary()
    # ratios need no unfolding: one Floquet spectrum as it is, the chains' unfolded bulk
    sec = estimate_sectors(x if x.ndim == 1 else res.unfolded, beta=sector_beta)
    if m is not None:
        assert m in sec.compatible, (sec.m, sec.compatible, sec.zscores)
    if m == 2:
        # the unresolved mirror parity: two GOE sectors, and one sector excluded
        assert sec.m == 2 and 1 not in sec.compatible, (sec.m, sec.compatible, sec.zscores)
        assert not res.beta.beta.covers(1.0)
    if best == 0:
        assert not res.beta.beta.covers(1.0)


def test_quspin_provenance():
    prov = json.loads((QUSPIN / "provenance.json").read_text())
    assert prov["generator"] == "tools/quspin_spectra.py" and prov["quspin"] >= "1.0"
    assert set(prov["models"]) == set(CASES)
    for name in CASES:
        x = np.load(QUSPIN / f"{name}.npy")
        assert np.all(np.diff(x, axis=-1) >= 0)
        if x.ndim == 2:
            assert x.shape[0] == prov["models"][name]["realisations"]


@pytest.mark.slow   # ~4 min: QuSpin's import and L = 14 chains
def test_quspin_regenerates_the_committed_spectra(tmp_path):
    # optional: QuSpin itself rebuilds the first realisation of every model (same seeds)
    py = quspin_python()
    models = json.loads((QUSPIN / "provenance.json").read_text())["models"]
    for name, p in models.items():
        extra = (["--j", str(p["j"])] if name.startswith("kicked") else
                 ["--L", str(p["L"]), "--seed", str(p["seed"]), "--keep", str(p["keep"]), "--realisations", "1"])
        res = subprocess.run([py, str(ROOT / "tools" / "quspin_spectra.py"), str(tmp_path), "--models", name, *extra],
                             capture_output=True, text=True, timeout=1200)
        assert res.returncode == 0, res.stderr[-2000:]
        new, old = np.load(tmp_path / f"{name}.npy"), np.load(QUSPIN / f"{name}.npy")
        np.testing.assert_allclose(new if new.ndim == 1 else new[0], old if old.ndim == 1 else old[0],
                                   atol=1e-9, err_msg=name)
