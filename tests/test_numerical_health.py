"""Ill-conditioned cases give accurate numbers or a clear error, never NaN or silent garbage."""

import numpy as np
import pytest

import rmt_meso.theory as th
from rmt_meso import ConvergenceError
from rmt_meso.ensembles import Anderson
from rmt_meso.transport import Wire, lyapunov_exponents


def test_band_edge_energy_raises_clearly():
    # at E = 2t the 1D lead mode has zero velocity: the S-matrix is singular there
    with pytest.raises(ConvergenceError, match="band edge"):
        Wire(1, 10).conductance(2.0)


def test_just_inside_the_band_edge_is_accurate():
    assert Wire(1, 10).conductance(2.0 - 1e-10) == pytest.approx(1.0, abs=1e-8)


def test_outside_every_band_is_an_explicit_zero_channel_result():
    wire = Wire(1, 10)
    assert wire.n_channels(2.5) == 0 and wire.conductance(2.5) == 0.0


def test_very_long_localized_wire_is_finite_and_unitary():
    # 2L/xi ~ 10^2: g is exponentially small but the S-matrix stays unitary (stable recursion)
    wire = Wire(4, 3000, W=2.5).realisation(3)
    s = wire.smatrix(0.5)
    assert s.unitarity_error() < 1e-10
    g = s.conductance()
    assert np.isfinite(g) and 0.0 <= g < 1e-6


def test_huge_disorder_is_finite():
    s = Wire(6, 30, W=1e4).realisation(1).smatrix(0.5)
    assert s.unitarity_error() < 1e-10
    assert 0.0 <= s.conductance() < 1e-50


def test_anderson_huge_disorder_shift_invert_matches_dense():
    model = Anderson((5, 5, 4), 1e5)
    dense = model.eigvals(rng=2, method="dense")
    k = 8
    near = model.eigvals(rng=2, k=k, target=0.0, method="shift-invert")
    expected = np.sort(dense[np.argsort(np.abs(dense))[:k]])
    np.testing.assert_allclose(near, expected, rtol=1e-10)


def test_lyapunov_strong_disorder_matches_1d_asymptotics():
    # W >> t: 1/xi -> ln(W/2) - 1 for the box law at E = 0 (each site ratio |eps|/t)
    res = lyapunov_exponents((), 0.0, 200.0, 20000, rng=4)
    gamma = 1.0 / res.xi
    assert np.isfinite(gamma)
    assert gamma == pytest.approx(np.log(100.0) - 1.0, abs=0.05)


@pytest.mark.parametrize("beta", [1, 2, 4])
def test_exact_laws_in_their_tails_are_finite(beta):
    s = np.array([0.0, 1e-6, 5.0, 8.0, 30.0])
    p = th.GaudinMehta(beta).pdf(s)
    assert np.all(np.isfinite(p)) and np.all(p >= 0)
    f = th.TracyWidom(beta).cdf(np.array([-12.0, 0.0, 12.0]))
    assert np.all(np.isfinite(f)) and f[0] < 1e-30 and f[2] == pytest.approx(1.0, abs=1e-12)
