"""Exact chaotic-cavity theory: SymPy values, float implementation, independent identities."""

import numpy as np
import pytest
import sympy as sp
from scipy import integrate, stats

from rmt_meso.theory import cavity as th

BETAS = (1, 2, 4)


@pytest.mark.parametrize("beta,mean,var", [(1, sp.Rational(1, 3), sp.Rational(4, 45)),
                                           (2, sp.Rational(1, 2), sp.Rational(1, 12)),
                                           (4, sp.Rational(2, 3), sp.Rational(1, 18))])
def test_single_channel_exact_values(beta, mean, var):
    assert th.mean_transmission(1, 1, beta, exact=True) == mean
    assert th.var_transmission(1, 1, beta, exact=True) == var
    assert isinstance(th.var_transmission(1, 1, beta, exact=True), sp.Rational)


@pytest.mark.parametrize("beta", [1, 2, 4, sp.Rational(3, 2)])
@pytest.mark.parametrize("n1,n2", [(1, 1), (2, 2), (5, 5), (2, 5), (7, 3)])
def test_sympy_equals_float(n1, n2, beta):
    bf = float(beta)
    for f in (th.mean_transmission, th.var_transmission, th.wl_correction):
        exact = f(n1, n2, beta, exact=True)
        assert exact.is_Rational
        assert np.isclose(float(exact), f(n1, n2, bf), rtol=1e-13, atol=0), f.__name__
    for nphi in (0, 1, 6):
        assert np.isclose(float(th.voltage_probe_weak_localization(n1, n2, nphi, beta, exact=True)),
                          th.voltage_probe_weak_localization(n1, n2, nphi, bf), rtol=1e-13)
    for diag in (True, False):
        assert np.isclose(float(th.reflection_mean(n1 + n2, beta, diagonal=diag, exact=True)),
                          th.reflection_mean(n1 + n2, bf, diagonal=diag), rtol=1e-13)


def test_vectorised_floats_match_scalars():
    n1 = np.array([1, 2, 5, 2])
    n2 = np.array([1, 2, 5, 5])
    for f in (th.mean_transmission, th.var_transmission):
        vec = f(n1, n2, 1)
        assert vec.shape == (4,)
        assert np.allclose(vec, [f(int(a), int(b), 1) for a, b in zip(n1, n2)], rtol=1e-14)


@pytest.mark.parametrize("n1,n2", [(1, 1), (2, 3), (4, 4), (1, 9)])
def test_cue_variance_matches_weingarten(n1, n2):
    # Independent result: second-order Weingarten calculus for CUE gives
    # var g = n1^2 n2^2 / (N^2 (N^2 - 1)).
    n = n1 + n2
    assert th.var_transmission(n1, n2, 2, exact=True) == sp.Rational(n1**2 * n2**2, n**2 * (n**2 - 1))


@pytest.mark.parametrize("beta", [0.5, 1, 2, 3, 4])
@pytest.mark.parametrize("n", [1, 2, 6])
def test_single_eigenvalue_moments_match_beta_law(beta, n):
    # min(n1, n2) = 1: a single T with P(T) = Beta(beta n/2, 1) -> closed-form moments.
    dist = th.single_channel_transmission(beta, n)
    assert np.isclose(th.mean_transmission(1, n, beta), dist.mean(), rtol=1e-13)
    assert np.isclose(th.var_transmission(1, n, beta), dist.var(), rtol=1e-12)
    assert np.isclose(th.var_transmission(n, 1, beta), dist.var(), rtol=1e-12)


@pytest.mark.parametrize("beta", [1, 2, 4])
def test_single_channel_distribution_is_proper(beta):
    dist = th.single_channel_transmission(beta, 1)
    norm, _ = integrate.quad(dist.pdf, 0, 1)
    assert np.isclose(norm, 1.0, atol=1e-8)
    m1, _ = integrate.quad(lambda x: x * dist.pdf(x), 0, 1)
    assert np.isclose(m1, float(th.mean_transmission(1, 1, beta)), atol=1e-8)
    q = np.linspace(0.01, 0.99, 9)
    assert np.allclose(dist.cdf(dist.ppf(q)), q, atol=1e-12)
    # P(T) ∝ T^(beta/2 - 1): ratio of densities
    assert np.isclose(dist.pdf(0.2) / dist.pdf(0.8), (0.25) ** (beta / 2 - 1), rtol=1e-12)


def test_large_n_limits():
    assert [th.wl_correction_large_n(b, exact=True) for b in BETAS] == \
        [sp.Rational(-1, 4), 0, sp.Rational(1, 8)]
    assert [th.ucf_large_n(b, exact=True) for b in BETAS] == [sp.Rational(1, 8), sp.Rational(1, 16),
                                                              sp.Rational(1, 32)]
    n = 10**6
    for b in BETAS:
        assert np.isclose(th.wl_correction(n, n, b), th.wl_correction_large_n(b), atol=1e-5)
        assert np.isclose(th.var_transmission(n, n, b), 1 / (8 * b), rtol=1e-5)
        # unequal leads, ratio 3
        assert np.isclose(th.wl_correction(n, 3 * n, b), th.wl_correction_large_n(b, 3), atol=1e-5)
        assert np.isclose(th.var_transmission(n, 3 * n, b), th.ucf_large_n(b, 3), rtol=1e-5)
        assert th.ucf_large_n(b, 3, exact=True) == sp.Rational(2 * 9, b * 4**4)


@pytest.mark.parametrize("n", [2, 3, 10])
def test_backscattering_unitarity_and_factor(n):
    for b in BETAS:
        diag = th.reflection_mean(n, b, exact=True)
        off = th.reflection_mean(n, b, diagonal=False, exact=True)
        assert diag + (n - 1) * off == 1  # unitarity: sum_b |S_ab|^2 = 1
        assert diag / off == th.backscattering_factor(b, exact=True)
    assert th.reflection_mean(n, 1, exact=True) == sp.Rational(2, n + 1)
    assert th.reflection_mean(n, 2, diagonal=False, exact=True) == sp.Rational(1, n)


def test_voltage_probe_theory():
    # nphi = 0: exact two-terminal mean
    for b in BETAS:
        assert np.isclose(th.voltage_probe_conductance(3, 4, 0, b), th.mean_transmission(3, 4, b))
        assert th.voltage_probe_weak_localization(3, 3, 0, b, exact=True) == th.wl_correction_large_n(b, exact=True)
    # WL decreases monotonically to zero with nphi
    wl = th.voltage_probe_weak_localization(4, 4, np.arange(0, 200), 1)
    assert np.all(np.diff(wl) > 0) and wl[0] == -0.25 and abs(wl[-1]) < 0.01
    # the O(1/N) expansion reproduces the large-N WL and the classical series conductance
    n = 400
    for nphi in (0, n, 4 * n):
        diff = th.voltage_probe_conductance(n, n, nphi, 1) - th.voltage_probe_conductance(n, n, nphi, 2)
        assert np.isclose(diff, th.voltage_probe_weak_localization(n, n, nphi, 1), atol=2e-3)
        assert np.isclose(th.voltage_probe_conductance(n, n, nphi, 2), n / 2, atol=5e-3)


def test_widths_theory():
    t = np.array([0.01, 0.02, 0.005])
    assert np.isclose(th.weisskopf_width(t), t.sum() / (2 * np.pi))
    # Moldauer–Simonius reduces to Weisskopf at weak coupling and exceeds it otherwise
    assert np.isclose(th.moldauer_simonius_width(t), th.weisskopf_width(t), rtol=0.02)
    assert th.moldauer_simonius_width([0.5, 0.9]) > th.weisskopf_width([0.5, 0.9])
    assert np.isclose(th.moldauer_simonius_width([0.75]), np.log(4) / (2 * np.pi))
    k = np.array([0.01, 0.3, 1.0])
    assert np.allclose(th.coupling_from_transmission(th.transmission_from_coupling(k)), k)
    assert th.transmission_from_coupling(1.0) == 1.0
    assert np.isclose(th.transmission_from_coupling(3.0), th.transmission_from_coupling(1 / 3))
    for nu in (1, 2, 4, 8):
        d = th.porter_thomas(nu)
        assert np.isclose(d.mean(), 1.0) and np.isclose(d.var(), 2 / nu)
        x = np.linspace(0.05, 4, 7)
        assert np.allclose(d.pdf(x), nu * stats.chi2.pdf(nu * x, nu), rtol=1e-12)
    assert np.isclose(th.dwell_width(6), 6 / (2 * np.pi))
    assert np.isclose(th.thouless_width_ratio(5, 5), np.pi / 2)  # beta=2: <g> = 25/10, Gamma/Delta = 10/(2 pi)


@pytest.mark.parametrize("call,exc", [
    (lambda: th.mean_transmission(0, 1, 1), ValueError),
    (lambda: th.mean_transmission(1, 1.5, 1), TypeError),
    (lambda: th.var_transmission(1, 1, 0), ValueError),
    (lambda: th.var_transmission(1, 1, -2), ValueError),
    (lambda: th.mean_transmission(1, 1, np.sqrt(2), exact=True), ValueError),
    (lambda: th.mean_transmission(np.array([1, 0]), 1, 1), ValueError),
    (lambda: th.voltage_probe_conductance(1, 1, -1, 1), ValueError),
    (lambda: th.voltage_probe_conductance(1, 1, 1, 3), ValueError),
    (lambda: th.moldauer_simonius_width([0.5, 1.0]), ValueError),
    (lambda: th.weisskopf_width([0.0]), ValueError),
    (lambda: th.weisskopf_width([1.2]), ValueError),
    (lambda: th.coupling_from_transmission(0.0), ValueError),
    (lambda: th.reflection_mean(1, 1, diagonal=False), ValueError),
    (lambda: th.ucf_large_n(1, ratio=0), ValueError),
])
def test_bad_input(call, exc):
    with pytest.raises(exc):
        call()


@pytest.mark.parametrize("beta", [1, 2])
def test_partial_width_law_is_the_eigenvector_law_and_tends_to_porter_thomas(beta):
    from scipy import stats as st

    from rmt_meso.ensembles import GOE, GUE
    from rmt_meso.theory.cavity import partial_width_law, porter_thomas

    M, k = 12, 3
    h = (GOE if beta == 1 else GUE)(M).sample(3000, rng=5)
    vec = np.linalg.eigh(h)[1]                                  # columns: eigenvectors
    y = (M / k) * np.sum(np.abs(vec[:, :k, ::4]) ** 2, axis=1).ravel()   # every 4th level
    assert st.kstest(y, partial_width_law(k, beta, M).cdf).pvalue > 1e-4
    assert st.kstest(y, porter_thomas(beta * k).cdf).pvalue < 1e-4    # M = 12 is far from M -> inf
    x = np.linspace(0.01, 6, 200)
    big = partial_width_law(k, beta, 20000).cdf(x)
    assert np.max(np.abs(big - porter_thomas(beta * k).cdf(x))) < 1e-3
    with pytest.raises(ValueError, match="n_channels must be an integer <= 11"):
        partial_width_law(12, beta, 12)


def test_old_weak_localization_names_are_deprecated_aliases():
    with pytest.warns(DeprecationWarning, match="wl_correction"):
        assert th.weak_localization(2, 3, 1) == th.wl_correction(2, 3, 1)
    with pytest.warns(DeprecationWarning, match="wl_correction_large_n"):
        assert th.weak_localization_large_n(4, exact=True) == th.wl_correction_large_n(4, exact=True)
