"""Kernel polynomial method: exact moments, stochastic error calibration, kernel smoothing; torus Hamiltonians."""

import numpy as np
import pytest
import scipy.sparse as sp

from rmt_meso.spectral import jackson_kernel, kpm_density
from rmt_meso.transport.billiards import torus_hamiltonian
from rmt_meso.transport.lattice import honeycomb, square


def _random_sparse(n, seed):
    a = sp.random(n, n, density=0.03, random_state=seed)
    return (a + a.T) * 0.5


def test_kpm_against_exact_eigenvalues():
    """Stochastic KPM vs the same kernel on the exact spectrum: within 5 standard errors, mu_0 = 1."""
    h = _random_sparse(300, 2)
    ev = np.linalg.eigvalsh(h.toarray())
    e = np.linspace(-0.4, 0.4, 5)
    d = kpm_density(h, e, n_moments=64, n_vectors=40, rng=3)
    exact = d.smooth(ev)
    assert d.moments[0] == pytest.approx(1.0, abs=1e-12)               # random phases: <r|r> = N exactly
    np.testing.assert_array_less(np.abs(d.density - exact), 5 * d.stderr)
    # exact moments -> exact smoothed density (no stochastic error with the full basis)
    mu = np.cos(np.outer(np.arange(64), np.arccos((ev - d.center) / d.scale))).mean(axis=1)
    np.testing.assert_allclose(d.smooth(moments=mu), exact, rtol=1e-12)


def test_kpm_error_calibration():
    """Over independent seeds the z-scores have unit variance (the stated standard error is honest)."""
    h = _random_sparse(200, 5)
    ev = np.linalg.eigvalsh(h.toarray())
    z = []
    for seed in range(40):
        d = kpm_density(h, [0.1], n_moments=32, n_vectors=6, rng=seed)
        z.append(float((d.density[0] - d.smooth(ev)[0]) / d.stderr[0]))
    z = np.array(z)
    assert abs(np.mean(z)) < 5 / np.sqrt(z.size) * 1.3
    assert 0.5 < np.std(z) < 1.6                                        # t-distributed with 5 dof: sd 1.29


def test_smooth_density_matches_eigenvalues_of_a_long_ring():
    n = 4000
    ring = np.sort(-2 * np.cos(2 * np.pi * (np.arange(n) + 0.5) / n))   # twisted ring: no degenerate k = 0
    h = sp.diags([-np.ones(n - 1), -np.ones(n - 1)], [-1, 1])
    d = kpm_density(h, np.linspace(-1.5, 1.5, 7), n_moments=128, n_vectors=2, bounds=(-2, 2), rng=0)
    chain = d.smooth(density=lambda e: np.where(np.abs(e) < 2, 1 / (np.pi * np.sqrt(np.clip(4 - e ** 2, 1e-300, None))), 0))
    np.testing.assert_allclose(chain, d.smooth(ring), atol=2e-4)


def test_jackson_kernel_and_bad_input():
    g = jackson_kernel(10)
    assert g[0] == pytest.approx(1.0) and 0 < g[-1] < g[0]
    h = _random_sparse(50, 1)
    with pytest.raises(ValueError, match="even"):
        kpm_density(h, [0.0], n_moments=33)
    with pytest.raises(ValueError, match="Hermitian"):
        kpm_density(sp.csr_matrix(np.triu(np.ones((4, 4)))), [0.0])
    with pytest.raises(ValueError, match="inside the bounds"):
        kpm_density(h, [5.0], bounds=(-1, 1))
    with pytest.raises(ValueError, match="2 samples"):
        kpm_density(h, [0.0], n_vectors=1)
    with pytest.raises(ValueError, match="same size"):
        kpm_density([h, _random_sparse(40, 1)], [0.0])


@pytest.mark.parametrize("twist", [(0.0, 0.0), (0.3, -1.2)])
def test_torus_hamiltonian_bands(twist):
    """Eigenvalues = the bands on the twisted grid phi_i = (2 pi m_i + theta_i)/L_i."""
    l1, l2 = 5, 4
    m1, m2 = np.meshgrid(np.arange(l1), np.arange(l2), indexing="ij")
    p1 = ((2 * np.pi * m1 + twist[0]) / l1).ravel()
    p2 = ((2 * np.pi * m2 + twist[1]) / l2).ravel()
    f = np.abs(1 + np.exp(1j * (p1 - p2)) + np.exp(-1j * p2))             # honeycomb hops n = (0,0), (1,-1), (0,-1)
    ev = np.linalg.eigvalsh(torus_hamiltonian(honeycomb(), (l1, l2), twist=twist).toarray())
    np.testing.assert_allclose(ev, np.sort(np.concatenate([-f, f])), atol=1e-12)
    ev = np.linalg.eigvalsh(torus_hamiltonian(square(), (l1, l2), twist=twist).toarray())
    np.testing.assert_allclose(ev, np.sort(-2 * np.cos(p1) - 2 * np.cos(p2)), atol=1e-12)
    with pytest.raises(ValueError, match="cells"):
        torus_hamiltonian(square(), (2, 5))
    with pytest.raises(ValueError, match="twist"):
        torus_hamiltonian(square(), (3, 5), twist=(0.0,))
