"""Conformance of the limiting densities (rv_continuous) with their exact properties."""

import numpy as np
import pytest
from scipy import integrate, special, stats

from rmt_meso.theory.density import (circular_law_radius, marchenko_pastur, marchenko_pastur_law,
                                     semicircle, semicircle_law, uniform_phase_law)

LAWS = {
    "semicircle": semicircle_law(1.0),
    "semicircle_R3": semicircle_law(3.0),
    "mp_0.1": marchenko_pastur_law(0.1),
    "mp_0.5": marchenko_pastur_law(0.5),
    "mp_0.9": marchenko_pastur_law(0.9, scale=2.0),
    "mp_1": marchenko_pastur_law(1.0),
    "uniform_phase": uniform_phase_law(),
    "ginibre_radius": circular_law_radius(16),
}


@pytest.fixture(params=sorted(LAWS), ids=sorted(LAWS))
def law(request):
    return LAWS[request.param]


def _quad(f, lo, hi):
    # split at the midpoint: the MP(1) density has an integrable 1/√x singularity at 0
    mid = 0.5 * (lo + hi)
    return (integrate.quad(f, lo, mid, limit=200)[0] + integrate.quad(f, mid, hi, limit=200)[0])


def test_normalisation_and_cdf(law):
    lo, hi = law.support()
    assert _quad(law.pdf, lo, hi) == pytest.approx(1.0, abs=1e-7)
    for q in (0.05, 0.3, 0.5, 0.77, 0.95):
        x = lo + q * (hi - lo)
        assert law.cdf(x) == pytest.approx(_quad(law.pdf, lo, x) if x > lo else 0.0, abs=1e-7)
    assert law.cdf(lo) == pytest.approx(0.0, abs=1e-12) and law.cdf(hi) == pytest.approx(1.0)


def test_ppf_inverts_cdf(law):
    q = np.array([0.01, 0.2, 0.5, 0.8, 0.99])
    np.testing.assert_allclose(law.cdf(law.ppf(q)), q, atol=1e-8)


def test_moments_match_quadrature(law):
    lo, hi = law.support()
    mean = _quad(lambda x: x * law.pdf(x), lo, hi)
    var = _quad(lambda x: (x - mean) ** 2 * law.pdf(x), lo, hi)
    assert law.mean() == pytest.approx(mean, abs=1e-7)
    assert law.var() == pytest.approx(var, rel=1e-6)


def test_rvs_follow_cdf(law):
    x = law.rvs(size=4000, random_state=1)
    assert stats.kstest(x, law.cdf).pvalue > 1e-4


def test_semicircle_catalan_moments():
    """E x^{2k} = C_k / 4^k on [−1, 1] (C_k Catalan), odd moments vanish."""
    for k in range(1, 6):
        exact = special.comb(2 * k, k) / (k + 1) / 4 ** k
        assert _quad(lambda x: x ** (2 * k) * semicircle.pdf(x), -1, 1) == pytest.approx(exact, rel=1e-7)
        assert semicircle.moment(2 * k) == pytest.approx(exact, rel=1e-12)
        assert semicircle.moment(2 * k - 1) == pytest.approx(0.0, abs=1e-12)


def test_mp_narayana_moments():
    """E x² = 1 + y and E x³ = 1 + 3y + y² (Narayana polynomials)."""
    for y in (0.2, 0.6, 1.0):
        law = marchenko_pastur_law(y)
        lo, hi = law.support()
        assert lo == pytest.approx((1 - np.sqrt(y)) ** 2) and hi == pytest.approx((1 + np.sqrt(y)) ** 2)
        assert _quad(lambda x: x ** 2 * law.pdf(x), lo, hi) == pytest.approx(1 + y, rel=1e-7)
        assert _quad(lambda x: x ** 3 * law.pdf(x), lo, hi) == pytest.approx(1 + 3 * y + y * y, rel=1e-7)


def test_marchenko_pastur_rejects_bad_ratio():
    assert np.isnan(marchenko_pastur.pdf(1.0, 1.5))
    with pytest.raises(ValueError, match=r"ratio must be <= 1.0; got 1.5"):
        marchenko_pastur_law(1.5)
    with pytest.raises(ValueError, match=r"ratio must be > 0.0; got 0.0"):
        marchenko_pastur_law(0.0)
    with pytest.raises(ValueError, match=r"radius must be > 0.0; got -1.0"):
        semicircle_law(-1.0)
    with pytest.raises(TypeError, match="n must be an integer"):
        circular_law_radius(2.5)
