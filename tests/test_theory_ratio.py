"""Spacing-ratio laws (Atas et al. 2013): normalisation, symmetry, constants, exactness at n = 3."""

import numpy as np
import pytest
from scipy import integrate

from rmt_meso.compare import ks_test
from rmt_meso.theory.ratio import (MEAN_RTILDE_LARGE_N, RatioSurmise, mean_rtilde, ratio_law)

CLASSES = [0, 1, 2, 4]


@pytest.mark.parametrize("beta", CLASSES, ids=lambda b: f"beta{b}")
def test_normalisation_and_folding(beta):
    law, folded = ratio_law(beta, tilde=False), ratio_law(beta, tilde=True)
    total = integrate.quad(law.pdf, 0, 1)[0] + integrate.quad(law.pdf, 1, np.inf)[0]
    assert total == pytest.approx(1.0, abs=1e-10)
    assert integrate.quad(folded.pdf, 0, 1)[0] == pytest.approx(1.0, abs=1e-12)
    r = np.linspace(0.05, 3.0, 17)
    # P(r) = P(1/r)/r^2: the law of r equals the law of 1/r
    np.testing.assert_allclose(law.pdf(r), law.pdf(1 / r) / r ** 2, rtol=1e-12,
                               err_msg="ratio law violates the r -> 1/r symmetry")
    assert law.cdf(1.0) == pytest.approx(0.5, abs=1e-14)


@pytest.mark.parametrize("beta", CLASSES, ids=lambda b: f"beta{b}")
def test_cdf_matches_quadrature(beta):
    law = ratio_law(beta, tilde=False)
    for x in (0.01, 0.3, 0.999, 1.7, 12.0):
        assert law.cdf(x) == pytest.approx(integrate.quad(law.pdf, 0, x)[0], abs=1e-13)
        assert law.sf(x) == pytest.approx(1 - integrate.quad(law.pdf, 0, x)[0], abs=1e-13)
    folded = ratio_law(beta)
    for x in (0.1, 0.5, 0.93):
        assert folded.cdf(x) == pytest.approx(integrate.quad(folded.pdf, 0, x)[0], abs=1e-13)
    # ppf inverts cdf
    q = np.array([0.1, 0.5, 0.9])
    np.testing.assert_allclose(folded.cdf(folded.ppf(q)), q, atol=1e-9)


@pytest.mark.parametrize("beta", [1, 2, 4], ids=lambda b: f"beta{b}")
def test_level_repulsion_exponent(beta):
    law = ratio_law(beta, tilde=False)
    r = np.array([1e-4, 2e-4])
    slope = np.log(law.pdf(r[1]) / law.pdf(r[0])) / np.log(2.0)
    assert slope == pytest.approx(beta, abs=1e-3)


def test_mean_rtilde_constants_by_integration():
    # the closed forms quoted by Atas et al. (Table I), re-derived by integration
    closed = {0: 2 * np.log(2) - 1, 1: 4 - 2 * np.sqrt(3), 2: 2 * np.sqrt(3) / np.pi - 0.5,
              4: 32 / 15 * np.sqrt(3) / np.pi - 0.5}
    for beta, value in closed.items():
        integral = integrate.quad(lambda x: x * ratio_law(beta).pdf(x), 0, 1, epsabs=1e-14)[0]
        assert integral == pytest.approx(value, abs=1e-12)
        assert mean_rtilde(beta, kind="surmise") == pytest.approx(value, abs=1e-14)
        assert float(mean_rtilde(beta, kind="surmise", exact=True)) == pytest.approx(value, abs=1e-14)
    assert mean_rtilde(1, kind="surmise") == pytest.approx(0.53590, abs=5e-6)
    assert mean_rtilde(2, kind="surmise") == pytest.approx(0.60266, abs=5e-6)
    assert mean_rtilde(4, kind="surmise") == pytest.approx(0.67617, abs=5e-6)
    assert mean_rtilde(0) == pytest.approx(0.38629, abs=5e-6)
    # the large-n values lie below the surmise by a few 1e-3 (Atas et al.)
    for beta in (1, 2, 4):
        diff = mean_rtilde(beta, kind="surmise") - mean_rtilde(beta)
        assert 0.001 < diff < 0.006
        assert MEAN_RTILDE_LARGE_N[beta][1] == 1e-4


def _three_level_ratios(beta, size, rng):
    """Exact 3x3 Gaussian samples built with numpy (the surmise is exact for n = 3)."""
    if beta == 1:
        a = rng.normal(size=(size, 3, 3))
        h = (a + np.swapaxes(a, 1, 2)) / 2
    elif beta == 2:
        a = rng.normal(size=(size, 3, 3)) + 1j * rng.normal(size=(size, 3, 3))
        h = (a + np.conj(np.swapaxes(a, 1, 2))) / 2
    else:  # quaternion self-dual 6x6: [[A, B], [-conj B, conj A]], A Hermitian, B antisymmetric
        a = rng.normal(size=(size, 3, 3)) + 1j * rng.normal(size=(size, 3, 3))
        b = rng.normal(size=(size, 3, 3)) + 1j * rng.normal(size=(size, 3, 3))
        A = (a + np.conj(np.swapaxes(a, 1, 2))) / 2
        B = (b - np.swapaxes(b, 1, 2)) / 2
        h = np.block([[A, B], [-np.conj(B), np.conj(A)]])
    e = np.linalg.eigvalsh(h)
    if beta == 4:
        e = e[:, ::2]  # one level per Kramers pair
    s = np.diff(e, axis=1)
    return s[:, 1] / s[:, 0]


@pytest.mark.parametrize("beta", [1, 2, 4], ids=lambda b: f"beta{b}")
def test_surmise_exact_for_three_by_three(beta):
    rng = np.random.default_rng(1234 + beta)
    r = _three_level_ratios(beta, 20000, rng)
    assert ks_test(r, ratio_law(beta, tilde=False).cdf).passed
    rt = np.minimum(r, 1 / r)
    err = rt.std(ddof=1) / np.sqrt(rt.size)
    assert abs(rt.mean() - mean_rtilde(beta, kind="surmise")) < 4 * err


def test_ks_has_power_against_wrong_class():
    rng = np.random.default_rng(7)
    r = _three_level_ratios(1, 20000, rng)
    assert not ks_test(r, ratio_law(2, tilde=False).cdf).passed


def test_frozen_and_pickled_keep_class():
    import pickle
    law = ratio_law(4, tilde=True)
    assert pickle.loads(pickle.dumps(law)).beta == 4
    assert law().mean() == pytest.approx(law.mean())
    assert RatioSurmise(2, tilde=True).pdf(0.5) == pytest.approx(ratio_law(2).pdf(0.5))


def test_bad_input():
    with pytest.raises(ValueError, match="beta must be one of 0 \\(Poisson\\)"):
        ratio_law(3)
    with pytest.raises(ValueError, match="kind must be one of"):
        mean_rtilde(1, kind="exact")
    with pytest.raises(ValueError, match="large-n value for beta=2 is numerical"):
        mean_rtilde(2, exact=True)
    with pytest.raises(TypeError, match="tilde must be a bool"):
        ratio_law(1, tilde=1)
