"""Threaded-flux (Sharvin–Sharvin) cylinders: the cooperon theory and the lattice conductance."""

import numpy as np
import pytest
from scipy.integrate import quad

from rmt_meso.theory.magnetoconductance import _cooperon_segment_integral, cylinder_flux_magnetotransmission
from rmt_meso.transport import cylinder_probe_conductance


@pytest.mark.parametrize("kappa,length,z0", [(0.1, 30.0, 2.0), (3.0, 30.0, 0.5), (1e-5, 20.0, 1.0), (4e-5, 20.0, 1.0), (40.0, 10.0, 1.0)])
def test_segment_integral_matches_quadrature(kappa, length, z0):
    lam = length + 2 * z0

    def g(x):  # G(x, x) of (-d^2 + k^2) on [0, lam], Dirichlet, in an overflow-free form
        a, b = min(x, lam - x), max(x, lam - x)
        return np.expm1(-2 * kappa * a) * np.expm1(-2 * kappa * b) / (-2 * kappa * np.expm1(-2 * kappa * lam))
    want = quad(g, z0, z0 + length, limit=400, epsabs=0, epsrel=1e-11)[0]
    assert _cooperon_segment_integral(kappa, length, z0) == pytest.approx(want, rel=1e-8)


def test_one_mode_limit_is_the_quasi_1d_formula():
    # n = 0 only, z0 = 0: dT = -1/(kL) + 1/(kL)^2 + O(e^{-2kL}) with k^2 = L_phi^-2 + (4 pi phi/W)^2
    w, length, lp = 3.0, 400.0, 12.0
    phi = np.array([0.01, 0.05, 0.2])
    k = np.sqrt(lp**-2 + (4 * np.pi * phi / w) ** 2)
    dt = lambda kk: -1 / (kk * length) + 1 / (kk * length) ** 2  # noqa: E731
    want = dt(k) - dt(1 / lp)
    got = cylinder_flux_magnetotransmission(phi, w, length, lp, n_modes=0)
    assert np.allclose(got, want, rtol=1e-10)
    # spin degeneracy doubles it
    assert np.allclose(cylinder_flux_magnetotransmission(phi, w, length, lp, n_modes=0, spin_degeneracy=2), 2 * want)


def test_short_coherent_cylinder_loses_the_whole_correction_at_quarter_flux():
    # L << L_phi and W << L: at Phi = h/4e the n = 0 cooperon is cut off at W/pi, so
    # dT(1/4) - dT(0) = 1/3 - W/(pi L) (one mode, up to e^{-2 pi L/W})
    w, length = 0.05, 10.0
    got = cylinder_flux_magnetotransmission(0.25, w, length, 1e7, n_modes=0)
    assert got == pytest.approx(1 / 3 - w / (np.pi * length) + (w / (np.pi * length)) ** 2, rel=1e-6)


def test_period_h_over_2e_evenness_and_sign():
    phi = np.array([0.03, 0.11, 0.24])
    base = cylinder_flux_magnetotransmission(phi, 20.0, 50.0, 15.0, extrapolation_length=1.5)
    for other in (-phi, phi + 0.5, 0.5 - phi, phi - 3.0):
        assert np.allclose(cylinder_flux_magnetotransmission(other, 20.0, 50.0, 15.0, extrapolation_length=1.5),
                           base, rtol=1e-12)
    assert np.all(base > 0) and np.all(np.diff(base) > 0)
    assert cylinder_flux_magnetotransmission(0.5, 20.0, 50.0, 15.0) == 0.0


def test_mode_sum_converged():
    a = cylinder_flux_magnetotransmission([0.05, 0.2], 26.0, 48.0, 16.0, n_modes=4096)
    b = cylinder_flux_magnetotransmission([0.05, 0.2], 26.0, 48.0, 16.0, n_modes=16384)
    assert np.allclose(a, b, rtol=1e-7)


@pytest.mark.parametrize("bad", [dict(width=0.0), dict(l_phi=-1.0), dict(n_modes=-1), dict(extrapolation_length=-0.1)])
def test_bad_input_names_the_argument(bad):
    kw = dict(width=10.0, length=20.0, l_phi=5.0) | bad
    name = next(iter(bad))
    with pytest.raises(ValueError, match=name):
        cylinder_flux_magnetotransmission(0.1, **kw)


def test_clean_threaded_cylinder_conducts_its_channel_count():
    m, e = 26, -1.0
    for phi in (0.0, 0.1, 0.27):
        n = int(np.sum(np.abs(e + 2 * np.cos(2 * np.pi * (np.arange(m) + phi) / m)) < 2))
        g = cylinder_probe_conductance(np.zeros((7, m)), e, tau_phi=np.inf, ab_flux=phi)
        assert g == pytest.approx(n, abs=1e-9)


def test_threaded_conductance_is_even_and_periodic_in_the_flux():
    rng = np.random.default_rng(3)
    on = rng.uniform(-1.5, 1.5, (3, 9, 8))
    kw = dict(tau_phi=20.0, probe_spacing=3)
    g = cylinder_probe_conductance(on, -1.0, ab_flux=0.13, **kw)
    assert np.allclose(cylinder_probe_conductance(on, -1.0, ab_flux=-0.13, **kw), g, rtol=1e-10)  # Onsager
    assert np.allclose(cylinder_probe_conductance(on, -1.0, ab_flux=1.13, **kw), g, rtol=1e-10)   # gauge
    assert not np.allclose(cylinder_probe_conductance(on, -1.0, **kw), g, rtol=1e-6)
    coh = cylinder_probe_conductance(on, -1.0, ab_flux=0.13, tau_phi=np.inf)
    assert np.allclose(coh, cylinder_probe_conductance(on, -1.0, ab_flux=-0.13, tau_phi=np.inf), rtol=1e-10)


def test_flux_fit_recovers_l_phi_and_prefactor_and_rejects_bad_input():
    from rmt_meso.theory.magnetoconductance import fit_cylinder_flux_magnetotransmission as fit
    phi = np.array([0.04, 0.08, 0.12, 0.17, 0.25])
    geom = dict(width=26.0, length=40.0, extrapolation_length=2.0)
    exact = 0.8 * cylinder_flux_magnetotransmission(phi, l_phi=15.0, **geom)
    cov = np.diag((0.02 * exact) ** 2)
    free = fit(phi, exact, covariance=cov, alpha=None, **geom)
    assert free.l_phi == pytest.approx(15.0, rel=1e-6) and free.alpha == pytest.approx(0.8, rel=1e-6)
    assert free.chi2 < 1e-12 and free.dof == 3 and free.l_phi_stderr > 0
    held = fit(phi, exact, covariance=cov, alpha=1.0, **geom)      # prefactor held at 1: L_phi biased low
    assert held.l_phi < 15.0 and held.chi2 > 0
    with pytest.raises(ValueError, match="multiples of 1/2"):
        fit(np.r_[0.5, phi[1:]], exact, covariance=cov, **geom)
    with pytest.raises(ValueError, match="covariance"):
        fit(phi, exact, covariance=-cov, **geom)


def test_plot_flux_magnetoconductance_draws_data_and_curves():
    from rmt_meso.plot.wires import plot_flux_magnetoconductance
    phi = np.array([0.05, 0.1, 0.2])
    fine = np.linspace(0, 0.5, 11)
    fig, ax = plot_flux_magnetoconductance(phi, [0.01, 0.02, 0.04], [0.002] * 3, fine,
                                           {"a": np.zeros(11), "b": np.ones(11)})
    assert len(ax.lines) >= 2 and ax.get_legend() is not None


def test_claim_analysis_recovers_the_rate_from_synthetic_samples():
    """The claim's chain (Ohm's law at two lengths -> sigma, z0 -> D -> sqrt(D tau_phi), GLS fit
    of Delta G) returns rate 1 on samples built from the theory at L_phi = sqrt(D tau_phi)."""
    from rmt_meso.claims import cooperon_phase_coherence as c
    rng = np.random.default_rng(0)
    n, sigma, z0, nu = 400, 2.9, 2.4, 0.145
    d = sigma / (2 * np.pi * nu)
    lp = np.sqrt(d * c.TAU_PHI)
    g_of = lambda length: c.WIDTH * sigma / (length - 1 + 2 * z0)  # noqa: E731
    dg = cylinder_flux_magnetotransmission(np.asarray(c.FLUXES), c.WIDTH, c.LENGTH - 1, lp, extrapolation_length=z0)
    noise = rng.normal(0.0, 1e-3, (n, 3 + len(c.FLUXES)))
    noise[:, :2] = 0.0
    g = np.column_stack([np.full(n, g_of(c.SHORT)), np.full(n, g_of(c.LENGTH)), np.ones(n),
                         1.0 + dg[None, :] + np.zeros((n, 1))]) + noise
    g[:, 3:] -= noise[:, 3:].mean(axis=0) - noise[:, 2].mean()        # exact means of the differences
    out = c._analyse(g, nu, charge=2.0)
    assert out["sigma"] == pytest.approx(sigma, rel=1e-12) and out["z0"] == pytest.approx(z0, rel=1e-10)
    assert out["rate"] == pytest.approx(1.0, rel=1e-6)
    assert c._analyse(g, nu, charge=1.0)["rate"] < 0.5                 # the charge-e theory misreads it
