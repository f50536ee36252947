"""The phase-coherence length L_φ = √(Dτ_φ): exact eigenvalue counts of strips (the density of
states of the Einstein relation), the Fermi-line velocity moments and the Boltzmann correction
of the absorption length (rmt_meso.spectral.inertia, theory.anderson.fermi_velocity_ratio,
theory.magnetoconductance.absorption_length; the claim phase_coherence_length)."""

import numpy as np
import pytest
from scipy.optimize import brentq

from rmt_meso.spectral import strip_density_of_states, strip_eigenvalue_count
from rmt_meso.theory.anderson import fermi_velocity, fermi_velocity_ratio
from rmt_meso.theory.magnetoconductance import absorption_length


def _dense_strip(onsite, periodic):
    """Dense Hamiltonian of one strip (site index x*M + y), built independently of the recursion."""
    n_len, width = onsite.shape
    across = -(np.eye(width, k=1) + np.eye(width, k=-1))
    if periodic:
        across[0, -1] = across[-1, 0] = -1.0
    along = -(np.eye(n_len, k=1) + np.eye(n_len, k=-1))
    return np.kron(np.eye(n_len), across) + np.kron(along, np.eye(width)) + np.diag(onsite.ravel())


@pytest.mark.parametrize("periodic", [True, False])
def test_counts_equal_dense_diagonalisation(periodic):
    rng = np.random.default_rng(11)
    onsite = rng.uniform(-2.0, 2.0, (3, 9, 7))
    energies = np.array([-4.5, -2.0, -0.3, 0.0, 1.1, 3.9])
    counts = strip_eigenvalue_count(onsite, energies, periodic=periodic)
    for sample, row in zip(onsite, counts):
        ev = np.linalg.eigvalsh(_dense_strip(sample, periodic))
        assert row.tolist() == [int(np.sum(ev < e)) for e in energies]


def test_counts_of_a_clean_strip_follow_its_analytic_spectrum():
    # open ends in x, ring in y: eigenvalues -2cos(pi j/(L+1)) - 2cos(2 pi k/M)
    n_len, width = 40, 12
    ev = (-2 * np.cos(np.pi * np.arange(1, n_len + 1) / (n_len + 1))[:, None]
          - 2 * np.cos(2 * np.pi * np.arange(width) / width)[None, :]).ravel()
    ev = np.sort(ev)
    gaps = np.flatnonzero(np.diff(ev) > 1e-6)                # midpoints between distinct levels
    energies = 0.5 * (ev[gaps] + ev[gaps + 1])[:: max(1, gaps.size // 7)]
    counts = strip_eigenvalue_count(np.zeros((n_len, width)), energies)
    assert counts.tolist() == [int(np.sum(ev < e)) for e in energies]


def test_counts_below_and_above_the_spectrum():
    onsite = np.random.default_rng(2).uniform(-1, 1, (2, 6, 5))
    counts = strip_eigenvalue_count(onsite, [-10.0, 10.0])
    assert counts[:, 0].tolist() == [0, 0] and counts[:, 1].tolist() == [30, 30]


def test_window_density_agrees_with_an_independent_kpm_estimate():
    """Counts in a window against the kernel polynomial method on the same strips."""
    import scipy.sparse as sp
    from rmt_meso.spectral import kpm_density
    rng = np.random.default_rng(5)
    onsite = rng.uniform(-1.5, 1.5, (4, 128, 32))
    nu = strip_density_of_states(onsite, -1.0, half_window=0.1)
    mats = [sp.csr_matrix(_dense_strip(v, True)) for v in onsite]
    kpm = kpm_density(mats, [-1.0], n_moments=512, n_vectors=8, rng=3, bounds=(-6.0, 6.0))
    err = np.hypot(nu.stderr, kpm.stderr[0])
    assert abs(nu.value - kpm.density[0]) < 5 * err


def test_counting_rejects_bad_input():
    with pytest.raises(ValueError, match="onsite"):
        strip_eigenvalue_count(np.zeros(5), [0.0])
    with pytest.raises(ValueError, match="M >= 3"):
        strip_eigenvalue_count(np.zeros((4, 2)), [0.0], periodic=True)
    with pytest.raises(ValueError, match="half_window"):
        strip_density_of_states(np.zeros((2, 4, 4)), 0.0, half_window=0.0)
    with pytest.raises(ValueError, match=">= 2 realisations"):
        strip_density_of_states(np.zeros((1, 4, 4)), 0.0, half_window=0.1)


def _fermi_line_average(energy, func, n_grid=2000, smear=0.03):
    """⟨func(v_x)⟩ over the square lattice's Fermi line by a smeared sum over the whole zone."""
    k = 2 * np.pi * (np.arange(n_grid) + 0.5) / n_grid
    kx, ky = np.meshgrid(k, k, indexing="ij")
    eps = -2 * (np.cos(kx) + np.cos(ky))
    w = np.exp(-0.5 * ((eps - energy) / smear) ** 2)
    vx = 2 * np.sin(kx)
    return float(np.sum(w * func(vx)) / np.sum(w))


@pytest.mark.parametrize("energy", [-1.0, -2.5, 1.5])
def test_velocity_ratio_against_a_brute_force_zone_sum(energy):
    v2 = _fermi_line_average(energy, lambda v: v**2)
    v4 = _fermi_line_average(energy, lambda v: v**4)
    assert fermi_velocity_ratio(energy) == pytest.approx(v4 / v2**2, rel=2e-3)
    assert float(fermi_velocity(energy, 2)) ** 2 / 2 == pytest.approx(v2, rel=2e-3)


def test_velocity_ratio_limits_and_input():
    assert fermi_velocity_ratio(-3.9999) == pytest.approx(1.5, abs=1e-3)      # circular Fermi line
    assert fermi_velocity_ratio(0.7) == pytest.approx(fermi_velocity_ratio(-0.7), rel=1e-12)
    with pytest.raises(ValueError, match="0 < |E| < 4"):
        fermi_velocity_ratio(0.0)
    with pytest.raises(ValueError, match="E must"):
        fermi_velocity_ratio(4.2)


def test_absorption_length_matches_the_exact_boltzmann_decay_on_the_lattice():
    """First order in τ/τ_φ against the root of 1 = (1/τ)⟨1/(1/τ + 1/τ_φ − κ v_x)⟩."""
    energy, tau = -1.0, 1.3
    k = 2 * np.pi * (np.arange(2000) + 0.5) / 2000
    kx, ky = np.meshgrid(k, k, indexing="ij")
    w = np.exp(-0.5 * ((-2 * (np.cos(kx) + np.cos(ky)) - energy) / 0.03) ** 2)
    vx, w = (2 * np.sin(kx))[w > 1e-12], w[w > 1e-12] / w.sum()
    d = float(np.sum(w * vx**2)) * tau
    r = float(fermi_velocity_ratio(energy))
    for tau_phi in (40.0, 80.0):
        gam = 1 / tau + 1 / tau_phi
        kappa = brentq(lambda q: np.sum(w / (gam - q * vx)) / tau - 1, 0.0, 0.99 * gam / 2)
        exact = 1 / kappa
        first = absorption_length(d, tau_phi, transport_time=tau, velocity_ratio=r)
        diffusive = np.sqrt(d * tau_phi)
        eps = tau / tau_phi
        # the correction itself is ~(2 - r) eps/2 ~ 1 %; first order leaves O(eps^2)
        assert abs(diffusive / exact - 1) > 5 * eps**2
        assert abs(first / exact - 1) < 2 * eps**2 + 2e-4


def test_absorption_length_isotropic_is_exact_and_validates():
    v, tau, tau_phi = 1.7, 2.0, 25.0
    d = v * v * tau / 2
    exact = 1 / np.sqrt(1 / (d * tau_phi) + 1 / (v * tau_phi) ** 2)          # 2D circle
    assert absorption_length(d, tau_phi, transport_time=tau) == pytest.approx(exact, rel=1e-12)
    assert np.allclose(absorption_length([1.0, 4.0], 9.0), [3.0, 6.0])
    with pytest.raises(ValueError, match="diffusion_constant"):
        absorption_length(-1.0, 9.0)
    with pytest.raises(ValueError, match="tau_phi"):
        absorption_length(1.0, 0.0)
    with pytest.raises(ValueError, match="velocity_ratio"):
        absorption_length(1.0, 9.0, velocity_ratio=0.5)
