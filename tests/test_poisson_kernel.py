"""Poisson-kernel cavity (non-ideal coupling): exact mean <S>, ideal limit, unitarity, symmetry,
and the Mahaux–Weidenmüller model with tunnel coupling as an independent check."""

import numpy as np
import pytest

from rmt_meso.transport.cavity import ChaoticCavity, HamiltonianCavity, PoissonKernelCavity, coupling_matrix


def _random_subunitary(rng, n, norm, symmetric):
    a = rng.normal(size=(n, n)) + 1j * rng.normal(size=(n, n))
    if symmetric:
        a = a + a.T
    return norm * a / np.linalg.norm(a, 2)


@pytest.mark.parametrize("symmetric", [True, False])
def test_coupling_matrix_is_unitary_dilation(symmetric):
    a = _random_subunitary(np.random.default_rng(1), 3, 0.8, symmetric)
    c = coupling_matrix(a)
    assert c.shape == (6, 6)
    assert np.allclose(c @ c.conj().T, np.eye(6), atol=1e-13)
    assert np.allclose(c[:3, :3], a, atol=1e-15)
    assert np.allclose(c[3:, 3:], -a.conj().T, atol=1e-15)
    if symmetric:      # time-reversal symmetry of the coupling is kept
        assert np.allclose(c, c.T, atol=1e-13)


@pytest.mark.parametrize("beta", [1, 2])
def test_ideal_coupling_is_the_circular_ensemble(beta):
    s = PoissonKernelCavity(np.zeros((3, 3)), 1, 2, beta).sample(20, rng=5).s
    u = ChaoticCavity(1, 2, beta).sample(20, rng=5).s
    assert np.array_equal(s, u)


@pytest.mark.parametrize("beta", [1, 2])
def test_phase_average_of_s_is_exactly_mean_s(beta):
    # S(zU) = r + t' sum_m z^(m+1) U (r'U)^m t: averaging over the K-th roots of unity z keeps
    # only m + 1 = 0 mod K, so the average is r up to ||r'||^(K-1) for every single U.
    rng = np.random.default_rng(7)
    a = _random_subunitary(rng, 4, 0.6, beta == 1)
    cav = PoissonKernelCavity(a, 2, 2, beta)
    u = ChaoticCavity(2, 2, beta).sample(3, rng=8).s
    k = 96
    z = np.exp(2j * np.pi * np.arange(k) / k)
    s = cav.from_circular(z[:, None, None, None] * u[None])
    assert np.abs(s.mean(axis=0) - a).max() < 1e-12
    assert np.abs(s[0] - a).max() > 0.1          # single matrices do fluctuate


@pytest.mark.parametrize("beta", [1, 2])
def test_sample_mean_unitarity_symmetry(beta):
    rng = np.random.default_rng(11 + beta)
    a = _random_subunitary(rng, 4, 0.7, beta == 1)
    sc = PoissonKernelCavity(a, 2, 2, beta).sample(4000, rng=12)
    s = sc.s
    assert np.all(sc.unitarity_error() < 1e-12)
    if beta == 1:
        assert np.abs(s - np.swapaxes(s, 1, 2)).max() < 1e-12
    mean = s.mean(axis=0)
    se = np.sqrt(s.real.var(axis=0, ddof=1) + s.imag.var(axis=0, ddof=1)) / np.sqrt(s.shape[0])
    assert np.all(np.abs(mean - a) < 5 * se), np.abs(mean - a) / se


@pytest.mark.parametrize("beta", [1, 2])
def test_matches_mahaux_weidenmuller_tunnel_coupling(beta):
    # Brouwer (1995): the Hamiltonian cavity with coupling transmissions T_c is, for M -> inf,
    # the Poisson kernel with <S_cc> = (1 - kappa_c)/(1 + kappa_c).  Allowance 1/M for the
    # finite-M band-centre density (as in the ideal-coupling test of test_cavity.py).
    mw = HamiltonianCavity(40, 1, 1, beta, coupling=[0.3, 0.8])
    g_mw = mw.sample(1000, rng=40 + beta).conductance()
    pk = PoissonKernelCavity(np.diag((1 - mw.kappa) / (1 + mw.kappa)), 1, 1, beta)
    g_pk = pk.conductance(20000, rng=50 + beta)
    se = np.hypot(g_mw.std(ddof=1) / np.sqrt(g_mw.size), g_pk.std(ddof=1) / np.sqrt(g_pk.size))
    assert abs(g_mw.mean() - g_pk.mean()) <= 4 * se + 1.0 / mw.M, (g_mw.mean(), g_pk.mean(), se)
    # and the tunnel coupling lowers <g> well below the ideal cavity's (the check has power)
    ideal = ChaoticCavity(1, 1, beta).conductance(20000, rng=60).mean()
    assert ideal - g_pk.mean() > 0.1


def test_bad_input():
    with pytest.raises(ValueError, match="spectral norm"):
        coupling_matrix(np.eye(2))
    with pytest.raises(ValueError, match="square"):
        coupling_matrix(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="shape"):
        PoissonKernelCavity(np.zeros((2, 2)), 1, 2, 1)
    with pytest.raises(ValueError, match="symmetric"):
        PoissonKernelCavity([[0.1, 0.2], [0.0, 0.1]], 1, 1, 1)
    with pytest.raises(ValueError):
        PoissonKernelCavity(np.zeros((2, 2)), 1, 1, 4)
    with pytest.raises(ValueError, match="u must have shape"):
        PoissonKernelCavity(np.zeros((2, 2)), 1, 1, 2).from_circular(np.eye(3))
