"""Nyström Fredholm determinants: exact cases, exact derivatives, quantile inversion."""

import numpy as np
import pytest

from rmt_meso._validate import ConvergenceError
from rmt_meso.theory import fredholm_det, gauss_legendre
from rmt_meso.theory._fredholm import (_CdfTable, _det_and_derivatives, _even_symmetric_sum,
                                       _invert_cdf, _logdet_symmetric)


def test_gauss_legendre_is_exact_for_polynomials():
    x, w = gauss_legendre(6, -1.0, 2.0)
    for k in range(12):  # exact up to degree 2m - 1 = 11
        exact = (2.0 ** (k + 1) - (-1.0) ** (k + 1)) / (k + 1)
        np.testing.assert_allclose(np.sum(w * x**k), exact, rtol=1e-13, err_msg=f"degree {k}")
    assert np.all(np.diff(x) > 0) and np.all(w > 0)


def test_rank_one_kernel_determinant_is_exact():
    # det(I - z f⊗g) = 1 - z ∫ f g  for K(x, y) = f(x) g(y)
    for z in (1.0, -0.7, 0.3):
        d = fredholm_det(lambda x, y: np.exp(x + y), 0.0, 1.0, z=z)
        np.testing.assert_allclose(d, 1 - z * (np.e**2 - 1) / 2, rtol=1e-14)


def test_rank_two_kernel_determinant_is_exact():
    # K = cos x cos y + sin x sin y = cos(x - y) on (0, a): det(I - K) = (1 - c11)(1 - c22) - c12²
    a = 1.3
    c11 = a / 2 + np.sin(2 * a) / 4
    c22 = a / 2 - np.sin(2 * a) / 4
    c12 = np.sin(a) ** 2 / 2
    d = fredholm_det(lambda x, y: np.cos(x - y), 0.0, a)
    np.testing.assert_allclose(d, (1 - c11) * (1 - c22) - c12**2, rtol=1e-13)


def test_sine_kernel_small_interval_series():
    # E_2(0; s) = 1 - s + π²s⁴/36 - π⁴s⁶/675 + π⁶s⁸/17640 + O(s^10)  (Mehta 2004, §6.4)
    for s in (0.05, 0.2):
        series = 1 - s + np.pi**2 * s**4 / 36 - np.pi**4 * s**6 / 675 + np.pi**6 * s**8 / 17640
        d = fredholm_det(lambda x, y: np.sinc(x - y), 0.0, s)
        assert abs(d - series) < 0.05 * s**10 + 2e-14  # truncation (coefficient ≈ -0.031) + rounding


def test_exact_derivatives_match_eigenvalue_formula():
    # D(s) = det(I - sB) = Π(1 - sλ): D'/D = -Σ λ/(1-sλ), D''/D = (D'/D)² - Σ λ²/(1-sλ)²
    rng = np.random.default_rng(5)
    g = rng.normal(size=(7, 7))
    b = 0.05 * (g + g.T)  # |sλ| < 1: every factor 1 - sλ stays positive
    lam = np.linalg.eigvalsh(b)
    s = np.array([0.3, 1.1, 2.0])
    a = s[:, None, None] * b
    da = np.broadcast_to(b, a.shape)
    d2a = np.zeros_like(a)
    d, d1, d2 = _det_and_derivatives(a, da, d2a)
    f = 1 - s[:, None] * lam
    exact = np.prod(f, axis=1)
    l1 = -np.sum(lam / f, axis=1)
    l2 = l1**2 - np.sum(lam**2 / f**2, axis=1)
    np.testing.assert_allclose(d, exact, rtol=1e-13)
    np.testing.assert_allclose(d1, exact * l1, rtol=1e-12)
    np.testing.assert_allclose(d2, exact * l2, rtol=1e-12)
    d_sym, d1_sym, d2_sym, logd = _det_and_derivatives(a, da, d2a, symmetric=True)
    np.testing.assert_allclose(d_sym, exact, rtol=1e-13)
    np.testing.assert_allclose(logd, np.log(exact), rtol=1e-13)
    # z = -1 gives det(I + sB)
    np.testing.assert_allclose(_det_and_derivatives(a, z=-1.0), np.prod(1 + s[:, None] * lam, axis=1),
                               rtol=1e-13)


def test_symmetric_logdet_keeps_one_minus_det_accurate():
    # 1 - det(I - εB) ≈ ε tr B for tiny ε: the log1p sum keeps it; 1 - det would round to 0
    b = np.diag([1.0, 0.5, 0.25])
    eps = 1e-20
    one_minus = -np.expm1(_logdet_symmetric(eps * b))
    np.testing.assert_allclose(one_minus, eps * 1.75, rtol=1e-12)


def test_symmetric_logdet_is_minus_inf_for_singular_factor():
    assert _logdet_symmetric(np.diag([1.0 + 1e-12, 0.3])) == -np.inf


def test_even_symmetric_sum_matches_determinants():
    rng = np.random.default_rng(2)
    lam = rng.uniform(-0.6, 0.6, size=(4, 6))
    expected = 1 - 0.5 * (np.prod(1 - lam, axis=1) + np.prod(1 + lam, axis=1))
    np.testing.assert_allclose(-_even_symmetric_sum(lam), expected, rtol=1e-12)
    # tiny eigenvalues: -Σ e_2k = -λ0 λ1 to leading order, no cancellation
    lam = np.array([[1e-9, -3e-12, 1e-15]])
    np.testing.assert_allclose(-_even_symmetric_sum(lam), [-(1e-9 * -3e-12 + 1e-9 * 1e-15 - 3e-12 * 1e-15)],
                               rtol=1e-12)


def test_adaptive_rule_raises_for_non_smooth_kernel():
    with pytest.raises(ConvergenceError, match="did not settle"):
        fredholm_det(lambda x, y: np.minimum(x, y) ** 0.5 * np.sign(x - y + 1e-300), 0.0, 1.0,
                     tol=1e-15, max_m=64)


def test_invert_cdf_and_table_on_exponential_law():
    grid = np.linspace(0.0, 40.0, 401)
    table = _CdfTable(grid, -np.expm1(-grid), np.exp(-grid))
    q = np.array([1e-9, 0.1, 0.5, 0.99, 1 - 1e-9])
    exact = -np.log1p(-q)
    # away from the flat tail the table inverse is as accurate as the cubic Hermite
    # interpolant, |error| <= h⁴ max|F''''| / 384 / p = 2.6e-7 for h = 0.1
    assert np.max(np.abs(table.approx_ppf(q[:4]) - exact[:4])) < 2.6e-7
    q = np.append(q, 1 - 1e-13)
    exact = -np.log1p(-q)
    lo, hi = table.bracket(q, extend=5.0)
    x = _invert_cdf(q, lambda x: (-np.expm1(-x), np.exp(-x)), lo, hi, table.approx_ppf(q))
    np.testing.assert_allclose(x[:4], exact[:4], rtol=1e-12)
    # near q = 1 the problem itself is ill-conditioned: |Δx| ~ eps / p(x) = eps / (1 - q)
    assert np.all(np.abs(x[4:] - exact[4:]) <= 4 * np.finfo(float).eps / (1 - q[4:]))


@pytest.mark.parametrize("kwargs, exc, match", [
    ({"kernel": 3.0, "a": 0.0, "b": 1.0}, TypeError, "callable"),
    ({"kernel": np.multiply, "a": 1.0, "b": 1.0}, ValueError, "b must be > a"),
    ({"kernel": np.multiply, "a": 0.0, "b": np.inf}, ValueError, "finite"),
    ({"kernel": np.multiply, "a": 0.0, "b": 1.0, "m": 0}, ValueError, "m must be"),
    ({"kernel": lambda x, y: np.ones(3), "a": 0.0, "b": 1.0, "m": 4}, ValueError, "broadcast"),
    ({"kernel": lambda x, y: np.sin(x - y) / (x - y), "a": 0.0, "b": 1.0, "m": 4}, ValueError, "NaN"),
])
@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
def test_bad_input(kwargs, exc, match):
    with pytest.raises(exc, match=match):
        fredholm_det(**kwargs)


def test_gauss_legendre_bad_input():
    with pytest.raises(TypeError, match="m must be an integer"):
        gauss_legendre(3.0)
    with pytest.raises(ValueError, match="b must be > a"):
        gauss_legendre(3, 1.0, 0.0)
