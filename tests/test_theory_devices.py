"""Exact device transmissions against the recursive Green's function solver."""

import numpy as np
import pytest

from rmt_meso.theory.devices import barrier_transmission, strip_subbands, strip_thresholds
from rmt_meso.transport import Wire


@pytest.mark.parametrize("barrier", [0.7, 4.0, -2.5])
def test_single_slice_barrier_matches_rgf(barrier):
    width = 5
    onsite = np.zeros((3, width))
    onsite[1] = barrier
    wire = Wire(width, 3, onsite=onsite)
    for e in (-3.3, -1.1, 0.25, 2.9):
        exact = np.sort(barrier_transmission(e, width, barrier))
        tn = wire.transmission_eigenvalues(e)
        np.testing.assert_allclose(tn, exact[exact > 0], atol=1e-11, err_msg=f"E = {e}")


def test_strip_thresholds_count_open_modes():
    wire = Wire(4, 1)
    e, s = strip_thresholds(4)
    for energy in (-3.9, -2.0, 0.1, 3.5):
        assert int(np.sum(s[e < energy])) == wire.n_channels(energy)
    assert strip_subbands(3) == pytest.approx([-np.sqrt(2), 0.0, np.sqrt(2)])


def test_barrier_derivatives_match_finite_differences():
    from rmt_meso.theory.devices import barrier_transmission_derivatives
    e0, h = 0.12, 1e-3
    d = barrier_transmission_derivatives(e0, 4, 1.5, 3)

    def f(e):
        return barrier_transmission(e, 4, 1.5).sum(axis=-1)
    assert d[0] == pytest.approx(f(e0), rel=1e-14)
    assert d[1] == pytest.approx((f(e0 + h) - f(e0 - h)) / (2 * h), rel=1e-5)
    d4 = barrier_transmission_derivatives(e0, 4, 1.5, 4)
    h4 = 5e-3
    fd4 = (f(e0 + 2 * h4) - 4 * f(e0 + h4) + 6 * f(e0) - 4 * f(e0 - h4) + f(e0 - 2 * h4)) / h4 ** 4
    assert d4[4] == pytest.approx(fd4, rel=2e-3)
    assert d[2] == pytest.approx((f(e0 + h) - 2 * f(e0) + f(e0 - h)) / h ** 2, rel=1e-4)
    with pytest.raises(ValueError, match="threshold"):
        barrier_transmission_derivatives(strip_thresholds(4)[0][3], 4, 1.5, 1)


def test_saddle_point_transmission_is_buttiker_formula():
    from rmt_meso.theory.devices import saddle_point_transmission
    e = np.linspace(-1.0, 1.0, 41)
    t = saddle_point_transmission(e, 0.1, 0.3)
    eps = 2 * (e - 0.1) / 0.3
    np.testing.assert_allclose(t, 1 / (1 + np.exp(-np.pi * eps)), rtol=1e-13, atol=1e-300)
    # T(E_n + x) + T(E_n - x) = 1 and T(E_n) = 1/2
    np.testing.assert_allclose(saddle_point_transmission(0.1 + e, 0.1, 0.3) + saddle_point_transmission(0.1 - e, 0.1, 0.3),
                               1.0, atol=1e-14)
    assert saddle_point_transmission(1e4, 0.0, 1e-3) == 1.0       # no overflow far above the barrier
    with pytest.raises(ValueError, match="hbar_omega_x"):
        saddle_point_transmission(0.0, 0.0, 0.0)


@pytest.mark.parametrize("n_levels", [1, 3])
def test_qpc_saddle_parameters_continuum_limit_and_hellmann_feynman(n_levels):
    """Wide strip: E_n + 4t -> hbar omega_y (n + 1/2) and hbar omega_x -> sqrt(2t hbar omega_y (n+1/2))/sigma
    (1/w lattice corrections); the curvature agrees with a finite-difference second derivative of the
    transverse lattice levels along the gate's Gaussian profile."""
    from rmt_meso.theory.devices import qpc_saddle_parameters
    n = np.arange(n_levels) + 0.5
    for w in (400, 1600):
        e, wx, wy = qpc_saddle_parameters(w, 0.5, 20.0, n_levels)
        assert wy == pytest.approx(2 * np.sqrt(0.5) / (w / 4))
        np.testing.assert_allclose((e + 4.0) / (wy * n), 1.0, atol=2.0 / w)
        np.testing.assert_allclose(wx / (np.sqrt(2 * wy * n) / 20.0), 1.0, atol=2.0 / w)
    # independent: levels of the transverse lattice problem at x_c +- h, second difference
    w, v0, sigma, h = 30, 1.5, 12.0, 0.05
    y = np.arange(w)

    def levels(x):
        gate = v0 * np.exp(-(x / sigma) ** 2) * ((y - 0.5 * (w - 1)) / (w / 4)) ** 2
        return np.linalg.eigvalsh(np.diag(gate) - np.eye(w, k=1) - np.eye(w, k=-1))[:n_levels]
    curv = (levels(h) - 2 * levels(0.0) + levels(-h)) / h ** 2
    e, wx, _ = qpc_saddle_parameters(w, v0, sigma, n_levels)
    np.testing.assert_allclose(e, levels(0.0) - 2.0, atol=1e-13)
    np.testing.assert_allclose(wx, np.sqrt(2 * np.abs(curv)), rtol=1e-4)
    with pytest.raises(ValueError, match="n_levels"):
        qpc_saddle_parameters(10, 1.0, 5.0, 11)
    with pytest.raises(ValueError, match="v0"):
        qpc_saddle_parameters(10, -1.0, 5.0, 1)


def test_qpc_first_step_near_buttiker():
    """The lattice QPC's first channel follows Büttiker's formula to O(1/sigma) (0.048 at sigma = 6)."""
    from rmt_meso.theory.devices import qpc_saddle_parameters, saddle_point_transmission
    from rmt_meso.transport.devices import qpc
    e_n, wx, _ = qpc_saddle_parameters(30, 1.5, 6.0, 1)
    dev = qpc(width=30, length=36, v0=1.5, sigma=6.0)
    energies = e_n[0] + wx[0] * np.array([-0.5, 0.0, 0.5])
    t0 = [np.max(dev.smatrix(e).transmission_eigenvalues(1, 0)) for e in energies]
    np.testing.assert_allclose(t0, saddle_point_transmission(energies, e_n[0], wx[0]), atol=0.06)
    # and not the factor-2 exponent
    assert abs(t0[0] - saddle_point_transmission(energies[0], e_n[0], wx[0] / 2)) > 0.03
