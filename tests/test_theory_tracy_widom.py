"""Tracy–Widom laws from Airy-kernel Fredholm determinants."""

import math

import mpmath
import numpy as np
import pytest
from scipy import integrate, special, stats

import rmt_meso.theory.tracy_widom as tw_mod
from rmt_meso.theory import TracyWidom, edge_scaling, tracy_widom_law

#: Bornemann (2010 review, Table 1 / Math. Comp. 79, 871): mean, variance, skewness, excess
#: kurtosis; β = 4 in Tracy & Widom's original normalisation
LITERATURE = {
    1: (-1.2065335745820, 1.607781034581, 0.29346452408, 0.1652429384),
    2: (-1.771086807411, 0.8131947928329, 0.224084203610, 0.0934480876),
    4: (-2.306884893241, 0.5177237207726, 0.16550949435, 0.0491951565),
}


@pytest.mark.parametrize("beta", [1, 2, 4])
def test_moments_match_literature(beta):
    mean, var, skew, kurt = tracy_widom_law(beta).stats(moments="mvsk")
    lit = LITERATURE[beta]
    assert abs(mean - lit[0]) < 1e-11
    assert abs(var - lit[1]) < 1e-11
    assert abs(skew - lit[2]) < 1e-10
    assert abs(kurt - lit[3]) < 1e-9
    norm = tracy_widom_law(beta)._moments()[0]
    assert abs(norm - 1) < 1e-13


def test_beta_ensemble_convention_is_rescaled_f4():
    tw, ens = tracy_widom_law(4), tracy_widom_law(4, "beta-ensemble")
    c = 2.0 ** (1 / 6)
    s = np.linspace(-5, 2, 15)
    np.testing.assert_allclose(ens.cdf(s), tw.cdf(c * s), atol=1e-15)
    np.testing.assert_allclose(ens.mean(), tw.mean() / c, rtol=1e-12)
    np.testing.assert_allclose(ens.var(), tw.var() / c**2, rtol=1e-12)
    # β = 1, 2: the conventions coincide
    np.testing.assert_allclose(TracyWidom(1, "beta-ensemble").cdf(s), tracy_widom_law(1).cdf(s), atol=0)


def _painleve(s_eval, s0=8.0):
    """Hastings–McLeod q (q'' = sq + 2q³, q ~ Ai) integrated downwards from s0 with
    u = log F2 (u'' = -q²) and v = ∫_s^∞ q (Tracy & Widom 1994, 1996)."""
    quad = dict(epsabs=0.0, epsrel=1e-13, limit=200)
    ai, aip, _, _ = special.airy(s0)
    u0 = -integrate.quad(lambda x: (x - s0) * special.airy(x)[0] ** 2, s0, np.inf, **quad)[0]
    du0 = integrate.quad(lambda x: special.airy(x)[0] ** 2, s0, np.inf, **quad)[0]
    v0 = integrate.quad(lambda x: special.airy(x)[0], s0, s0 + 30, **quad)[0]

    def rhs(s, y):
        q, dq, _, du, _ = y
        return [dq, s * q + 2 * q**3, du, -q * q, -q]

    sol = integrate.solve_ivp(rhs, (s0, min(s_eval)), [ai, aip, u0, du0, v0], method="DOP853",
                              rtol=1e-13, atol=1e-20, t_eval=np.sort(s_eval)[::-1])
    assert sol.success
    return sol.t, sol.y


def test_against_painleve_ii_route():
    s, (q, _, u, du, v) = _painleve(np.array([-4.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 4.0]))
    f2 = np.exp(u)
    np.testing.assert_allclose(tracy_widom_law(2).cdf(s), f2, atol=1e-12)
    np.testing.assert_allclose(tracy_widom_law(2).pdf(s), f2 * du, atol=1e-12)
    # F1(s)² = F2(s) e^{-v},  F4(s/√2)² = F2(s) cosh²(v/2)   (Tracy & Widom 1996)
    np.testing.assert_allclose(tracy_widom_law(1).cdf(s), np.sqrt(f2) * np.exp(-v / 2), atol=1e-12)
    np.testing.assert_allclose(tracy_widom_law(4).cdf(s / np.sqrt(2)), np.sqrt(f2) * np.cosh(v / 2),
                               atol=1e-12)


def test_left_tail_asymptotics():
    # log F2(-x) = -x³/12 - log(x)/8 + log(2)/24 + ζ'(-1) + O(x^-3)  (Deift-Its-Krasovsky 2008)
    # log F1(-x) = -x³/24 - x^{3/2}/(3√2) - log(x)/16 - (11/48) log 2 + ζ'(-1)/2 + O(x^-3/2)
    # (Baik-Buckingham-DiFranco 2008): checks the far left tail, F ~ 1e-27 ... 1e-7
    z1 = float(mpmath.zeta(-1, derivative=1))
    for x in (5.0, 8.0):
        a2 = -x**3 / 12 - np.log(x) / 8 + np.log(2) / 24 + z1
        a1 = -x**3 / 24 - x**1.5 / (3 * np.sqrt(2)) - np.log(x) / 16 - 11 / 48 * np.log(2) + z1 / 2
        assert abs(np.log(tracy_widom_law(2).cdf(-x)) - a2) < 0.1 / x**3
        assert abs(np.log(tracy_widom_law(1).cdf(-x)) - a1) < 0.05 / x**1.5


def test_right_tail_relative_accuracy():
    # 1 - F = tr K - e_2(λ) + ...; for K_Ai the second-order term is below 1e-12 relative
    # at s >= 5, for K_1 below 2e-7: checks that sf keeps relative accuracy at 1e-30
    for x in (5.0, 9.0, 14.0):
        tr2 = integrate.quad(lambda y: special.airy(y)[1] ** 2 - y * special.airy(y)[0] ** 2,
                             x, np.inf, epsabs=0, epsrel=1e-13)[0]
        tr1 = integrate.quad(lambda y: special.airy(y)[0] / 2, x, x + 30, epsabs=0, epsrel=1e-13)[0]
        assert abs(tracy_widom_law(2).sf(x) / tr2 - 1) < 1e-12
        assert abs(tracy_widom_law(1).sf(x) / tr1 - 1) < 2e-7
    # F4: 1 - F4 = -Σ e_2k has no first-order term; it stays positive and decreasing
    sf4 = tracy_widom_law(4).sf(np.linspace(2.0, 10.0, 41))
    assert np.all(sf4 > 0) and np.all(np.diff(sf4) < 0)


def test_fast_airy_matches_scipy():
    x = np.random.default_rng(0).uniform(-12.0, 48.0, 20000)
    x = np.concatenate([x, [-12.0, 0.0, 48.0, 60.0, -15.0]])  # grid ends and fallback
    ai, aip = tw_mod._airy_fast(x)
    ref, refp, _, _ = special.airy(x)
    # scipy's own error is ~3e-15 absolute near x = -10 and ~5e-14 relative near x = 45
    np.testing.assert_allclose(ai, ref, rtol=2e-13, atol=1e-14)
    np.testing.assert_allclose(aip, refp, rtol=2e-13, atol=5e-14)


@pytest.mark.parametrize("beta", [1, 2, 4])
def test_second_quadrature_order(beta):
    sigma = np.linspace(-14.0, 16.0, 31)
    base = tw_mod._tw_values(beta, sigma)
    old = dict(tw_mod._M0)
    try:
        tw_mod._M0.update({k: v + 40 for k, v in old.items()})
        ref = tw_mod._tw_values(beta, sigma)
    finally:
        tw_mod._M0.update(old)
    assert np.max(np.abs(base - ref)) < 1e-13


@pytest.mark.parametrize("beta, convention", [(1, "tracy-widom"), (2, "tracy-widom"), (4, "tracy-widom"),
                                              (4, "beta-ensemble")])
def test_distribution_properties(beta, convention):
    law = TracyWidom(beta, convention)
    s = np.linspace(-10.0, 10.0, 201)
    c, p, sf = law.cdf(s), law.pdf(s), law.sf(s)
    assert np.all(p >= 0) and np.all(np.diff(c) >= 0) and np.all(np.diff(sf) <= 0)
    np.testing.assert_allclose(c + sf, 1.0, atol=2e-15)
    q = np.array([1e-6, 0.05, 0.5, 0.95, 1 - 1e-9])
    x = law.ppf(q)
    np.testing.assert_allclose(law.cdf(x), q, atol=1e-14, rtol=1e-11)
    body = np.linspace(1e-3, 0.999, 100)
    # the sampler's table inverse (documented: error below 1e-7)
    assert np.max(np.abs(law._table().approx_ppf(body) - law.ppf(body))) < 1e-7


@pytest.mark.parametrize("beta", [1, 2, 4])
def test_cdf_interpolant_accuracy(beta):
    law = tracy_widom_law(beta)
    s = np.linspace(-12.0, 16.0, 701)
    assert np.max(np.abs(law.cdf_interpolant()(s) - law.cdf(s))) < 3e-9


@pytest.mark.parametrize("beta", [2, 4])
def test_rvs_follow_the_law(beta):
    law = tracy_widom_law(beta)
    x = law.rvs(size=1000, random_state=np.random.default_rng(7))
    assert stats.kstest(x, law.cdf).pvalue > 1e-4
    z = (x.mean() - law.mean()) / (x.std(ddof=1) / np.sqrt(x.size))
    assert abs(z) < 5


def test_edge_scaling():
    centre, scale = edge_scaling(4, 1000)
    assert math.isclose(centre, math.sqrt(8000.0)) and math.isclose(scale, math.sqrt(2.0) * 1000 ** (-1 / 6))
    with pytest.raises(ValueError, match="n must be"):
        edge_scaling(2, 0)
    # the map holds for every beta-Hermite ensemble
    assert math.isclose(edge_scaling(3, 64)[1], math.sqrt(1.5) / 2)
    with pytest.raises(ValueError, match="beta must be > 0"):
        edge_scaling(0, 10)


def test_bad_input():
    with pytest.raises(ValueError, match=r"beta must be one of \(1, 2, 4\)"):
        TracyWidom(3)
    with pytest.raises(ValueError, match="convention must be one of"):
        TracyWidom(4, "dumitriu")
    with pytest.raises(TypeError, match="beta"):
        tracy_widom_law("GUE")


def test_frozen_and_shapes():
    frozen = tracy_widom_law(2)()
    assert abs(frozen.mean() - LITERATURE[2][0]) < 1e-11
    assert tracy_widom_law(1).cdf(np.zeros((2, 3))).shape == (2, 3)
    assert TracyWidom(4, convention="beta-ensemble").convention == "beta-ensemble"
