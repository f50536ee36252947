"""Level statistics of the Anderson model: Wigner-Dyson of the model's β in the metal,
Poisson in the insulator, with the large-N reference values of <r~> (Atas et al. 2013)."""

import numpy as np
import pytest

from rmt_meso.ensembles import Anderson
from rmt_meso.spectral import mean_spacing_ratio
from rmt_meso.theory import mean_rtilde


pytestmark = pytest.mark.usefixtures("one_blas_thread")


NSIGMA = 4.5


def _check(est, beta, label):
    ref = mean_rtilde(beta)
    assert abs(est.value - ref) < NSIGMA * est.stderr, (
        f"{label}: <r~> = {est.value:.4f} ± {est.stderr:.4f}, reference {ref:.4f}")
    assert est.stderr < 0.01, f"{label}: no power (stderr {est.stderr:.4f})"


@pytest.mark.slow
def test_goe_in_the_3d_metal():
    cube = Anderson((6, 6, 6), W=8.0, boundary="periodic")
    e = cube.eigvals(300, rng=101, k=22, method="dense")
    _check(mean_spacing_ratio(e), 1, "3D metal, beta=1")


@pytest.mark.slow
def test_gue_in_the_3d_metal_with_flux():
    cube = Anderson((6, 6, 6), W=8.0, flux=1 / 6, boundary="periodic")
    assert cube.beta == 2
    e = cube.eigvals(300, rng=102, k=22, method="dense")
    _check(mean_spacing_ratio(e), 2, "3D metal with flux, beta=2")


@pytest.mark.slow
def test_gse_in_the_2d_symplectic_metal():
    """Ando model, θ = π/6: 2D symplectic metal (W below W_c ≈ 5.8); Kramers pairs once."""
    sq = Anderson((10, 10), W=3.0, spin_orbit=np.pi / 6, boundary="periodic")
    assert sq.beta == 4
    e = sq.eigvals(200, rng=103, k=16, method="dense")
    assert e.shape == (200, 16)
    _check(mean_spacing_ratio(e), 4, "2D Ando metal, beta=4")


@pytest.mark.parametrize("disorder", ["box", "gaussian"])
def test_poisson_in_the_1d_insulator(disorder):
    # (binary disorder is not used: its identical local clusters give a structured,
    # non-Poissonian spectrum in 1D)
    chain = Anderson((300,), W=6.0, disorder=disorder, boundary="periodic")
    e = chain.eigvals(150, rng=104, k=40, method="dense")
    _check(mean_spacing_ratio(e), 0, f"1D insulator ({disorder})")


def test_strong_disorder_is_less_correlated_than_weak():
    """Crossover in 3D: <r~> at W = 30 lies far below <r~> at W = 8 (same L = 5)."""
    lo = mean_spacing_ratio(Anderson((5, 5, 5), W=8.0, boundary="periodic")
                            .eigvals(120, rng=1, k=14, method="dense"))
    hi = mean_spacing_ratio(Anderson((5, 5, 5), W=30.0, boundary="periodic")
                            .eigvals(120, rng=2, k=14, method="dense"))
    assert lo.value - hi.value > 5 * np.hypot(lo.stderr, hi.stderr)


def test_shift_invert_statistics_match_dense():
    """Both solvers give the same spectra, hence identical ratio statistics."""
    cube = Anderson((7, 7, 7), W=16.5, boundary="periodic")
    d = cube.eigvals(4, rng=5, k=30, method="dense")
    s = cube.eigvals(4, rng=5, k=30, method="shift-invert")
    np.testing.assert_allclose(s, d, atol=1e-10)
