"""UCF fingerprints: reproducible per-sample traces, the ergodic claim, and its figure."""

import numpy as np
import pytest

from rmt_meso.claims.ucf_fingerprint import _autocorrelation, _traces, energy_grid
from rmt_meso.transport import Wire

GEOM = dict(width=6, length=12, W=2.0, e_lo=0.45, e_hi=0.75, n_points=7)


def test_energy_grid_refines_exactly():
    coarse = energy_grid(0.545, 0.825, 41)
    fine = energy_grid(0.545, 0.825, 41, refine=5)
    assert fine.size == 201
    assert np.array_equal(fine[::5], coarse)      # bitwise: the same floats


def test_traces_reproducible_and_sample_specific():
    a = _traces(np.random.default_rng(4), 3, **GEOM)
    b = _traces(np.random.default_rng(4), 3, **GEOM)
    assert a.shape == (3, GEOM["n_points"] + 1)
    assert np.array_equal(a, b)
    # the stored seed alone rebuilds the sample and its trace
    energies = energy_grid(GEOM["e_lo"], GEOM["e_hi"], GEOM["n_points"])
    wire = Wire(GEOM["width"], GEOM["length"], W=GEOM["W"]).realisation(int(a[1, 0]))
    g = [wire.conductance(e) for e in energies]
    np.testing.assert_allclose(a[1, 1:], g, atol=1e-12, rtol=0)
    # different samples, different traces (by far more than round-off)
    assert np.sqrt(np.mean((a[0, 1:] - a[2, 1:]) ** 2)) > 0.05
    assert np.all((a[:, 1:] > 0) & (a[:, 1:] <= wire.n_channels(0.6)))


def test_autocorrelation_of_known_process():
    # AR(1) with coefficient 0.8: rho(k) = 0.8^k
    rng = np.random.default_rng(1)
    k, p = 400, 200
    x = np.zeros((k, p))
    x[:, 0] = rng.standard_normal(k)
    for i in range(1, p):
        x[:, i] = 0.8 * x[:, i - 1] + 0.6 * rng.standard_normal(k)
    rho = _autocorrelation(x, 6)
    # pooled over 80000 points; each lag's estimate has se ~ 0.01
    np.testing.assert_allclose(rho, 0.8 ** np.arange(6), atol=0.04)


@pytest.mark.slow
def test_claim_quick_passes():
    from rmt_meso.claims import REGISTRY, Context, run_claim

    out = run_claim(REGISTRY["ucf_fingerprint"], Context(preset="quick"))
    assert out.error == "", out.error
    assert out.passed
    d = out.result.details
    assert d["reproducibility_max_abs_diff"] < 1e-12
    assert d["n_channels"] == 9
    assert 0.2 < out.result.value < 0.6
