"""Exact two-point statistics: Y2, Sigma^2, Delta_3, K(tau), checked by independent routes."""

import numpy as np
import pytest
from scipy import integrate

from rmt_meso.theory.correlations import (form_factor, number_variance, number_variance_asymptotic,
                                          pair_correlation, rigidity, rigidity_asymptotic,
                                          two_level_cluster)

RMT = [1, 2, 4]


@pytest.mark.parametrize("beta", RMT, ids=lambda b: f"beta{b}")
def test_cluster_function_sum_rule_and_repulsion(beta):
    # int_{-inf}^{inf} Y2 = 1; beyond R the mean tail of Y2 is c/(pi^2 r^2) with c = 1
    # (GOE), 1/2 (GUE, <sin^2> = 1/2), 1/4 (GSE: 1/8 from s(2r)^2, 1/8 from the s' Si term),
    # so 2 int_R^inf Y2 ~ 2c/(pi^2 R)
    R = 400.0
    total = 2 * integrate.quad(lambda r: two_level_cluster(r, beta), 0, R, limit=4000)[0]
    tail = {1: 2.0, 2: 1.0, 4: 0.5}[beta] / (np.pi ** 2 * R)
    assert total + tail == pytest.approx(1.0, abs=2e-5)
    # R2 ~ c r^beta at small r: pi^2/6 r, pi^2/3 r^2, 16 pi^4/135 r^4 (Mehta ch. 6-8)
    c = {1: np.pi ** 2 / 6, 2: np.pi ** 2 / 3, 4: 16 * np.pi ** 4 / 135}[beta]
    r = 1e-3
    assert pair_correlation(r, beta) == pytest.approx(c * r ** beta, rel=1e-4)
    assert two_level_cluster(-0.7, beta) == pytest.approx(two_level_cluster(0.7, beta))


@pytest.mark.parametrize("beta", RMT, ids=lambda b: f"beta{b}")
def test_form_factor_is_fourier_transform_of_y2(beta):
    for k in (0.3, 0.8, 1.5, 2.5):
        b = 2 * integrate.quad(lambda r: two_level_cluster(r, beta), 0, np.inf,
                               weight="cos", wvar=2 * np.pi * k)[0]
        assert form_factor(k, beta) == pytest.approx(1 - b, abs=1e-8)


@pytest.mark.parametrize("beta", RMT, ids=lambda b: f"beta{b}")
def test_number_variance_two_routes(beta):
    # Sigma^2(L) = L + (2/pi^2) int_0^inf (K - 1) sin^2(pi L t)/t^2 dt  (Fourier route)
    for L in (0.5, 2.0, 5.0):
        f = lambda t: (form_factor(t, beta) - 1) * np.sin(np.pi * L * t) ** 2 / t ** 2
        pts = [1.0, 2.0] if beta == 4 else [1.0]
        fourier = L + 2 / np.pi ** 2 * (integrate.quad(f, 0, 4, points=pts, limit=500)[0]
                                        + integrate.quad(f, 4, np.inf, limit=2000)[0])
        assert number_variance(L, beta) == pytest.approx(fourier, abs=1e-8)


@pytest.mark.parametrize("beta", RMT, ids=lambda b: f"beta{b}")
def test_rigidity_from_number_variance(beta):
    # Delta_3(L) = (2/L^4) int_0^L (L^3 - 2L^2 r + r^3) Sigma^2(r) dr
    for L in (0.7, 3.0, 8.0):
        g = lambda r: (L ** 3 - 2 * L ** 2 * r + r ** 3) * number_variance(r, beta)
        via_sigma = 2 / L ** 4 * integrate.quad(g, 1e-12, L, limit=200)[0]
        assert rigidity(L, beta) == pytest.approx(via_sigma, abs=1e-10)


@pytest.mark.parametrize("beta", RMT, ids=lambda b: f"beta{b}")
def test_large_L_asymptotics(beta):
    # the corrections to the logarithms are O(1/L): |exact - asymptotic| * L stays bounded
    L = np.array([100.0, 300.0, 900.0])
    d_sigma = np.abs(number_variance(L, beta) - number_variance_asymptotic(L, beta))
    d_delta = np.abs(rigidity(L, beta) - rigidity_asymptotic(L, beta))
    assert np.all(d_sigma * L < 0.2), d_sigma * L
    assert np.all(d_delta * L < 0.2), d_delta * L


def test_small_L_and_poisson():
    L = np.array([1e-3, 0.01])
    for beta in RMT:
        # Sigma^2(L) = L - O(L^{2+beta}) for small L
        np.testing.assert_allclose(number_variance(L, beta), L, rtol=1e-2)
        # Delta_3 -> L/15 as L -> 0
        np.testing.assert_allclose(rigidity(L, beta), L / 15, rtol=1e-2)
    Ls = np.linspace(0.5, 10, 5)
    np.testing.assert_allclose(number_variance(Ls, 0), Ls, rtol=1e-14)
    np.testing.assert_allclose(rigidity(Ls, 0), Ls / 15, rtol=1e-14)
    np.testing.assert_allclose(form_factor(Ls, 0), 1.0)
    # ordering of rigidity: Poisson > GOE > GUE > GSE at L = 10
    vals = [rigidity(10.0, b) for b in (0, 1, 2, 4)]
    assert vals == sorted(vals, reverse=True)


def test_form_factor_closed_forms():
    t = np.array([0.0, 0.25, 1.0, 1.5, 3.0])
    np.testing.assert_allclose(form_factor(t, 2), [0, 0.25, 1, 1, 1])
    assert form_factor(1.0, 1) == pytest.approx(2 - np.log(3.0))
    assert form_factor(1.0 + 1e-12, 1) == pytest.approx(2 - np.log(3.0), rel=1e-9)
    assert form_factor(3.0, 1) == pytest.approx(1 - 1 / (12 * 9), abs=2e-4)
    assert np.isinf(form_factor(1.0, 4))
    assert form_factor(2.0, 4) == pytest.approx(1.0)


def test_bad_input():
    with pytest.raises(ValueError, match="L must be > 0"):
        number_variance(0.0, 1)
    with pytest.raises(ValueError, match="L must be > 0"):
        rigidity([1.0, -2.0], 2)
    with pytest.raises(ValueError, match="beta must be one of 0 \\(Poisson\\), 1"):
        number_variance(1.0, 3)
    with pytest.raises(ValueError, match="tau must be >= 0"):
        form_factor(-0.1, 2)
    with pytest.raises(ValueError, match="finite"):
        two_level_cluster(np.nan, 1)
