"""Agreement with Kwant 1.5 on identical systems (random on-site array, with and without flux).

Kwant pins NumPy < 2, so it lives in the peers' environment (benchmarks/peers/kwant.sh) and is
driven through a subprocess running benchmarks/peers/kwant_tn.py with that interpreter:
``RMT_MESO_PEER_PYTHON`` (default ``.venv-bench/bin/python`` in the repository).  Skipped with
the reason when that interpreter or Kwant is absent.
"""

import os
import subprocess
from pathlib import Path

import numpy as np
import pytest
from _peers import peer_python

from rmt_meso.transport import Wire

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "peers" / "kwant_tn.py"


def kwant_tn(tmp_path, onsite, energies, flux):
    src, dst = tmp_path / "in.npz", tmp_path / "out.npz"
    np.savez(src, onsite=onsite, energies=np.asarray(energies, float), flux=flux, t=1.0, shift=4.0,
             mode="tn", repeat=1)
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    res = subprocess.run([peer_python(), str(SCRIPT), str(src), str(dst)], capture_output=True, text=True,
                         timeout=300, env=env)
    assert res.returncode == 0, res.stderr
    out = np.load(dst)
    return out["tn"], out["n_open"]


@pytest.mark.slow
@pytest.mark.parametrize("flux", [0.0, 0.037])
def test_kwant_agreement(tmp_path, flux):
    width, length = 7, 12
    rng = np.random.default_rng(2026)
    onsite = 2.0 * (rng.random((3, length, width)) - 0.5)
    energies = [-3.1, -0.45, 0.8, 2.3]
    tn_k, n_k = kwant_tn(tmp_path, onsite, energies, flux)
    base = Wire(width, length, flux=flux)
    for k in range(onsite.shape[0]):
        wire = base.with_onsite(onsite[k])
        for j, e in enumerate(energies):
            ours = wire.transmission_eigenvalues(e)
            assert len(ours) == n_k[k, j]
            np.testing.assert_allclose(ours, tn_k[k, j, :n_k[k, j]], atol=1e-8,
                                       err_msg=f"realisation {k}, energy {e}, flux {flux}")
