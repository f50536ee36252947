"""Spacing laws: exact Gaudin–Mehta (Fredholm), Wigner surmise, Poisson."""

import math

import mpmath
import numpy as np
import pytest
from scipy import integrate, stats

from rmt_meso.theory import (GaudinMehta, Poisson, WignerSurmise, gap_probability, gaudin,
                             poisson_spacing, spacing_law, wigner_goe, wigner_gse, wigner_gue)
from rmt_meso.theory import spacing as sp_mod

BETAS = (1, 2, 4)
#: Mehta (2004) small-s laws p_β(s) ≈ c_β s^β
SMALL_S = {1: math.pi**2 / 6, 2: math.pi**2 / 3, 4: 16 * math.pi**4 / 135}


# -- independent reference: mpmath Nyström at 30 digits, numerical differentiation ------

def _mp_gap(beta, s, m=26):
    """E_β(0; s) from an mpmath Nyström determinant (working precision, m nodes)."""
    s = mpmath.mpf(s)
    xs, ws = mpmath.gauss_quadrature(m, "legendre")

    def sinc(u):
        return mpmath.mpf(1) if u == 0 else mpmath.sin(mpmath.pi * u) / (mpmath.pi * u)

    def det(t, parity):
        if t == 0:
            return mpmath.mpf(1)
        x = [t * (xi + 1) / 2 for xi in xs]
        w = [t * wi / 2 for wi in ws]
        a = mpmath.matrix(m, m)
        for i in range(m):
            for j in range(m):
                k = sinc(x[i] - x[j]) + (parity * sinc(x[i] + x[j]) if parity else 0)
                a[i, j] = (1 if i == j else 0) - mpmath.sqrt(w[i] * w[j]) * k
        return mpmath.det(a)

    if beta == 2:
        return det(s, 0)
    if beta == 1:
        return det(s / 2, 1)
    return (det(s, 1) + det(s, -1)) / 2


@pytest.mark.slow
@pytest.mark.parametrize("beta, s", [(2, 2.3), (1, 3.6), (4, 1.3)])
def test_against_mpmath_high_precision(beta, s):
    # 30-digit arithmetic, 26 nodes (Nyström error < 1e-17 on these intervals) and
    # mpmath's numerical differentiation: independent of the exact-derivative formulas
    with mpmath.workdps(30):
        e_ref, d1_ref, d2_ref = mpmath.diffs(lambda t: _mp_gap(beta, t), s, 2)
    law = spacing_law(beta)
    assert abs(law.gap_probability(s) - float(e_ref)) < 1e-13
    assert abs(law.sf(s) + float(d1_ref)) < 1e-13
    assert abs(law.pdf(s) - float(d2_ref)) < 1e-12


# -- exact identities and series ---------------------------------------------------------

def test_interrelation_of_beta_1_2_4():
    # E_2(0; s) = E_+(0; s) E_-(0; s),  E_+ = E_1(0; s),  E_- = 2 E_4(0; s/2) - E_1(0; s)
    s = np.linspace(0.0, 5.0, 26)
    e1, e2 = gap_probability(1, s), gap_probability(2, s)
    e_minus = 2 * gap_probability(4, s / 2) - e1
    np.testing.assert_allclose(e2, e1 * e_minus, atol=1e-14, rtol=1e-11)


@pytest.mark.parametrize("beta, series, order", [
    (2, lambda s: 1 - s + np.pi**2 * s**4 / 36 - np.pi**4 * s**6 / 675, 8),
    (1, lambda s: 1 - s + np.pi**2 * s**3 / 36, 5),
    (4, lambda s: 1 - s + 8 * np.pi**4 * s**6 / 2025, 8),
])
def test_small_s_series(beta, series, order):
    for s in (0.02, 0.05, 0.1):
        err = abs(gap_probability(beta, s) - series(s))
        # next terms: ≈ -π⁴s⁵/1200 (β=1), +π⁶s⁸/17640 (β=2), ≈ -0.465 s⁸ (β=4, measured)
        assert err < 0.6 * s**order + 3e-14, f"beta={beta}, s={s}: {err:.2e}"  # + rounding


@pytest.mark.parametrize("beta", BETAS)
def test_small_s_leading_coefficient(beta):
    # p_β(s) = c_β s^β (1 + O(s²)): relative correction below s² · O(1)
    s = 1e-3 if beta < 4 else 1e-2
    ratio = spacing_law(beta).pdf(s) / s**beta
    np.testing.assert_allclose(ratio, SMALL_S[beta], rtol=5 * s**2)


@pytest.mark.parametrize("beta", BETAS)
def test_second_quadrature_order(beta):
    # the documented node rule against 40 more nodes: exponential convergence
    s = np.linspace(0.0, 8.0, 33)
    base = sp_mod._gap(beta, s)
    t = s / 2 if beta == 1 else s
    m_big = int(sp_mod._sine_nodes(t).max()) + 40
    ref = sp_mod._gap(beta, s, m=m_big)
    assert np.max(np.abs(base - ref)) < 1e-13


def test_e2_large_s_asymptotics():
    # Dyson's expansion (constant proved by Ehrhardt 2006, Deift-Its-Krasovsky-Zhou 2007):
    # log E_2(0; s) = -t²/2 - log(t)/4 + log(2)/12 + 3ζ'(-1) + 1/(32 t²) + O(t^-4), t = πs/2
    # -- an independent check of the tail, where E_2 ~ 1e-9 ... 1e-35
    zeta1 = float(mpmath.zeta(-1, derivative=1))
    for s in (4.0, 6.0, 8.0):
        t = np.pi * s / 2
        asym = -t**2 / 2 - np.log(t) / 4 + np.log(2) / 12 + 3 * zeta1 + 1 / (32 * t**2)
        assert abs(np.log(gap_probability(2, s)) - asym) < 2 / t**4


# -- distribution properties ------------------------------------------------------------

@pytest.mark.parametrize("beta", BETAS)
def test_normalisation_and_unit_mean_by_adaptive_quadrature(beta):
    law = spacing_law(beta)
    pdf = np.vectorize(law.pdf)
    norm, _ = integrate.quad(pdf, 0, 12, epsabs=1e-13, epsrel=1e-13, limit=200)
    mean, _ = integrate.quad(lambda s: s * law.pdf(s), 0, 12, epsabs=1e-13, epsrel=1e-13, limit=200)
    second, _ = integrate.quad(lambda s: s * s * law.pdf(s), 0, 12, epsabs=1e-13, epsrel=1e-13, limit=200)
    assert abs(norm - 1) < 1e-11 and abs(mean - 1) < 1e-11
    m, v = law.stats(moments="mv")
    assert abs(m - 1) < 1e-12
    assert abs(v - (second - 1)) < 1e-11


def test_known_variances_and_surmise_comparison():
    # Gaudin variances (Mehta 2004, Table A.15 values 0.286, 0.180, 0.104) and the
    # surmise's (β+1)/(2b) - 1; the surmise is within 2% of the exact variance
    expected = {1: 0.2856, 2: 0.1800, 4: 0.1041}
    for beta in BETAS:
        v = spacing_law(beta).var()
        assert abs(v - expected[beta]) < 5e-4
        assert abs(WignerSurmise(beta).var() - v) / v < 0.05


@pytest.mark.parametrize("beta, lo, hi", [(1, 0.014, 0.018), (2, 0.004, 0.006), (4, 0.0015, 0.0030)])
def test_gaudin_vs_surmise_max_density_difference(beta, lo, hi):
    # max_s |p_exact - p_surmise|: ≈ 0.016 (GOE), 0.005 (GUE), 0.002 (GSE); all < 0.02,
    # i.e. the surmise is good to < 2% of the peak density but detectably different
    s = np.linspace(0.0, 4.0, 801)
    diff = np.max(np.abs(spacing_law(beta).pdf(s) - WignerSurmise(beta).pdf(s)))
    assert lo < diff < hi


@pytest.mark.parametrize("beta", BETAS)
def test_cdf_pdf_consistency_and_monotonicity(beta):
    law = spacing_law(beta)
    s = np.linspace(0.0, 30.0, 601)
    p, c, sf = law.pdf(s), law.cdf(s), law.sf(s)
    assert np.all(p >= 0) and np.all(np.diff(c) >= 0) and np.all(np.diff(sf) <= 0)
    np.testing.assert_allclose(c + sf, 1.0, atol=1e-15)
    # cdf(s) = ∫_0^s p  (Gauss–Legendre, independent of the E' formula)
    x, w = np.polynomial.legendre.leggauss(60)
    for b in (0.7, 1.9):
        integral = np.sum(b / 2 * w * law.pdf(b / 2 * (x + 1)))
        assert abs(law.cdf(b) - integral) < 1e-13


@pytest.mark.parametrize("beta", BETAS)
def test_ppf_inverts_cdf_and_table_sampler_is_accurate(beta):
    law = spacing_law(beta)
    q = np.array([1e-8, 1e-3, 0.1, 0.37, 0.5, 0.9, 0.999, 1 - 1e-10])
    x = law.ppf(q)
    np.testing.assert_allclose(law.cdf(x), q, atol=1e-14, rtol=1e-10)
    assert np.all(np.diff(x) > 0)
    # the sampler's table inverse (documented: error in s below 5e-8)
    body = np.linspace(1e-3, 0.999, 200)
    assert np.max(np.abs(law._table().approx_ppf(body) - law.ppf(body))) < 5e-8


@pytest.mark.parametrize("beta", BETAS)
def test_rvs_follow_the_law(beta):
    law = spacing_law(beta)
    x = law.rvs(size=2000, random_state=np.random.default_rng(11))
    assert stats.kstest(x, law.cdf).pvalue > 1e-4
    z = (x.mean() - 1.0) / (x.std(ddof=1) / np.sqrt(x.size))
    assert abs(z) < 5


@pytest.mark.parametrize("beta", BETAS)
def test_cdf_interpolant_accuracy(beta):
    law = spacing_law(beta)
    s = np.linspace(-1.0, 12.0, 1301)
    assert np.max(np.abs(law.cdf_interpolant()(s) - law.cdf(s))) < 3e-9


def test_frozen_and_cached_instances():
    frozen = spacing_law(2)()
    assert abs(frozen.mean() - 1) < 1e-12
    assert spacing_law(2) is spacing_law(2.0)
    assert GaudinMehta(1).beta == 1


def test_large_s_values_vanish_cleanly():
    law = spacing_law(1)
    s = np.array([9.01, 35.0, 100.0, 1e6])
    assert np.all(law.pdf(s) == 0) and np.all(law.sf(s) == 0) and np.all(law.cdf(s) == 1)
    assert np.all(gap_probability(4, s) == 0)


# -- surmise and Poisson ------------------------------------------------------------------

def test_surmise_constants_exact():
    import sympy as spy
    cases = {1: (spy.pi / 2, spy.pi / 4), 2: (32 / spy.pi**2, 4 / spy.pi),
             4: (spy.Integer(2) ** 18 / (3**6 * spy.pi**3), 64 / (9 * spy.pi))}
    for beta, (a, b) in cases.items():
        ea, eb = WignerSurmise(beta).constants(exact=True)
        assert spy.simplify(ea - a) == 0 and spy.simplify(eb - b) == 0
        fa, fb = WignerSurmise(beta).constants()
        assert math.isclose(fa, float(a), rel_tol=1e-14) and math.isclose(fb, float(b), rel_tol=1e-14)


@pytest.mark.parametrize("beta", [1, 2, 4, 2.5])
def test_surmise_is_normalised_with_unit_mean(beta):
    law = WignerSurmise(beta)
    norm, _ = integrate.quad(law.pdf, 0, np.inf)
    mean, _ = integrate.quad(lambda s: s * law.pdf(s), 0, np.inf)
    var, _ = integrate.quad(lambda s: (s - 1) ** 2 * law.pdf(s), 0, np.inf)
    assert abs(norm - 1) < 1e-10 and abs(mean - 1) < 1e-10
    assert abs(law.var() - var) < 1e-10
    q = np.array([0.01, 0.5, 0.99])
    np.testing.assert_allclose(law.cdf(law.ppf(q)), q, rtol=1e-12)
    x = law.rvs(size=20000, random_state=3)
    assert stats.kstest(x, law.cdf).pvalue > 1e-4


def test_poisson_law():
    assert isinstance(poisson_spacing, Poisson)
    assert poisson_spacing.stats(moments="mvsk") == (1.0, 1.0, 2.0, 6.0)
    np.testing.assert_allclose(poisson_spacing.gap_probability([0.0, 1.0]), [1.0, np.exp(-1)])
    np.testing.assert_allclose(poisson_spacing.sf(3.0), np.exp(-3.0))


# -- bad input ------------------------------------------------------------------------------

@pytest.mark.parametrize("beta", [3, 0, -1, 8])
def test_gaudin_rejects_beta_outside_classes(beta):
    with pytest.raises(ValueError, match=r"beta must be (one of \(1, 2, 4\)|> 0)"):
        GaudinMehta(beta)
    with pytest.raises(ValueError, match="beta"):
        gap_probability(beta, 1.0)


def test_bad_lengths_and_arguments():
    with pytest.raises(ValueError, match="s must be >= 0"):
        gap_probability(2, -0.5)
    with pytest.raises(ValueError, match="finite"):
        gap_probability(2, [0.1, np.nan])
    with pytest.raises(ValueError, match="derivative"):
        gap_probability(2, 0.1, derivative=3)
    with pytest.raises(TypeError, match="beta"):
        WignerSurmise("GOE")
    with pytest.raises(ValueError, match="beta"):
        WignerSurmise(0)
    # scipy convention for the distribution methods: zero density outside the support
    assert spacing_law(2).pdf(-1.0) == 0 and spacing_law(2).cdf(-1.0) == 0


def test_scalar_and_array_shapes():
    assert isinstance(gap_probability(1, 0.5), float)
    out = gap_probability(1, np.ones((2, 3)))
    assert out.shape == (2, 3)
    assert spacing_law(4).pdf(np.ones((2, 2))).shape == (2, 2)


def test_spacing_law_is_the_one_factory():
    """Poisson is beta = 0 as in the ratio and two-point laws; the exact law is shared."""
    assert spacing_law(0) is poisson_spacing and spacing_law(0, kind="surmise") is poisson_spacing
    assert [spacing_law(b, kind="surmise") for b in (1, 2, 4)] == [wigner_goe, wigner_gue, wigner_gse]
    assert spacing_law(2) is spacing_law(2.0) and isinstance(spacing_law(4), GaudinMehta)
    with pytest.warns(DeprecationWarning, match="spacing_law"):
        assert gaudin(1) is spacing_law(1)
    with pytest.raises(ValueError, match="beta must be one of 0"):
        spacing_law(3)
    with pytest.raises(ValueError, match="kind must be one of"):
        spacing_law(1, kind="wigner")
