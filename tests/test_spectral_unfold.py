"""Unfolding: exact (semicircle, uniform) and fitted (polynomial, spline, local) staircases."""

import numpy as np
import pytest

from rmt_meso.ensembles import CUE, GaussianEnsemble
from rmt_meso.spectral import semicircle_staircase, unfold


def _nonuniform_poisson(rng, m, n):
    """Poisson levels with density ~ 1 + 0.8 sin(E) on [0, 2 pi] (known staircase)."""
    grid = np.linspace(0, 2 * np.pi, 20001)
    F = grid + 0.8 * (1 - np.cos(grid))
    F /= F[-1]
    u = np.sort(rng.uniform(size=(m, n)), axis=1)
    return np.interp(u, F, grid), grid, F


def test_semicircle_staircase_exact_values():
    R, n = 3.0, 12
    assert semicircle_staircase(-R, R, n) == 0 and semicircle_staircase(R, R, n) == n
    assert semicircle_staircase(0.0, R, n) == pytest.approx(n / 2)
    # derivative is the semicircle density (2n/(pi R^2)) sqrt(R^2 - x^2)
    x, h = 1.1, 1e-6
    slope = (semicircle_staircase(x + h, R, n) - semicircle_staircase(x - h, R, n)) / (2 * h)
    assert slope == pytest.approx(2 * n / (np.pi * R ** 2) * np.sqrt(R ** 2 - x ** 2), rel=1e-7)
    # outside the support the staircase is flat (0 or n), not extrapolated
    assert semicircle_staircase(5.0, R, n) == n


@pytest.mark.parametrize("beta", [1, 2, 4])
def test_semicircle_unfolding_unit_spacing(beta):
    n, m = 200, 100
    e = GaussianEnsemble(beta, n).eigvals(size=m, rng=beta)
    x = unfold(e, "semicircle", beta=beta, bulk=0.8)
    assert x.shape == (m, 160)
    s = np.diff(x, axis=1)
    # mean spacing 1 in each fifth of the bulk (density flattened), to 2% (O(1/n) corrections)
    for part in np.array_split(s, 5, axis=1):
        assert part.mean() == pytest.approx(1.0, abs=0.02)
    np.testing.assert_allclose(x, unfold(e, "semicircle", radius=np.sqrt(2 * beta * n), bulk=0.8))


@pytest.mark.parametrize("method", ["polynomial", "spline", "local"])
def test_fitted_unfolding_of_nonuniform_spectrum(method):
    rng = np.random.default_rng(11)
    m, n = 60, 400
    e, _, _ = _nonuniform_poisson(rng, m, n)
    x = unfold(e, method, bulk=0.9)
    s = np.diff(x, axis=1)
    # the density varies by a factor 9 across the spectrum; after unfolding each tenth of
    # the bulk has unit mean spacing (Poisson spacings: std 1, ~2100 per part -> 2.2%
    # statistical error; the staircase itself fluctuates by ~sqrt(n) levels, which the
    # fit follows, so we test the local density, not the absolute staircase)
    for part in np.array_split(s, 10, axis=1):
        assert part.mean() == pytest.approx(1.0, abs=0.09)
    assert s.mean() == pytest.approx(1.0, abs=0.03)
    # without unfolding the same parts differ by a factor of several
    raw = np.diff(e, axis=1)[:, 20:-20]
    raw_parts = [p.mean() for p in np.array_split(raw, 10, axis=1)]
    assert max(raw_parts) / min(raw_parts) > 3


def test_fits_agree_with_exact_unfolding_for_goe():
    e = GaussianEnsemble(1, 300).eigvals(size=20, rng=2)
    exact = unfold(e, "semicircle", beta=1, bulk=0.6)
    for method in ("polynomial", "spline"):
        fitted = unfold(e, method, bulk=0.6)
        # the fit differs from the exact staircase by the smooth part of the fluctuations
        assert np.sqrt(np.mean((fitted - exact) ** 2)) < 1.0


def test_uniform_unfolding_of_eigenphases():
    theta = CUE(50).eigphases(size=30, rng=4)
    x = unfold(theta, "uniform", bulk=1.0)
    np.testing.assert_allclose(x, theta * 50 / (2 * np.pi))
    assert np.diff(x, axis=1).mean() == pytest.approx(1.0, abs=0.05)


def test_single_spectrum_and_bulk_shapes():
    e = GaussianEnsemble(2, 101).eigvals(rng=0)
    assert unfold(e, "semicircle", beta=2, bulk=1.0).shape == (101,)
    assert unfold(e, "semicircle", beta=2, bulk=0.5).shape == (51,)
    assert unfold(e, "local", window=5).shape == (81,)


def test_bad_input():
    e = np.linspace(-1, 1, 50)
    with pytest.raises(ValueError, match="method must be one of"):
        unfold(e, "cubic")
    for bulk in (0.0, 1.01, -1.0):
        with pytest.raises(ValueError, match="bulk"):
            unfold(e, "local", bulk=bulk)
    with pytest.raises(ValueError, match="exactly one of beta"):
        unfold(e, "semicircle")
    with pytest.raises(ValueError, match="exactly one of beta"):
        unfold(e, "semicircle", beta=1, radius=3.0)
    with pytest.raises(ValueError, match="apply to method='semicircle' only"):
        unfold(e, "spline", beta=1)
    with pytest.raises(ValueError, match="beta must be >"):
        unfold(e, "semicircle", beta=0)
    with pytest.raises(ValueError, match="span < 2 pi"):
        unfold(np.linspace(0, 7, 10), "uniform")
    with pytest.raises(ValueError, match="degree must be an integer <= 49"):
        unfold(e, "polynomial", degree=50)
    with pytest.raises(ValueError, match="knots"):
        unfold(e, "spline", knots=0)
    with pytest.raises(ValueError, match="sorted"):
        unfold(e[::-1], "local")
    with pytest.raises(ValueError, match="finite"):
        unfold(np.array([0.0, np.inf, 2.0]), "local")
    with pytest.raises(ValueError, match="at least 2 levels"):
        unfold([], "local")


@pytest.mark.parametrize("n,knots", [(60, 1), (400, 4), (20000, 32)])
def test_lsq_spline_matches_fitpack(n, knots):
    # the moment-based normal equations against FITPACK's Givens-QR least-squares spline
    from scipy.interpolate import LSQUnivariateSpline

    from rmt_meso.spectral.unfold import _lsq_cubic_spline, _quantile_knots
    x = np.sort(np.random.default_rng(n).standard_normal(n))
    y = np.arange(n) + 0.5
    t = _quantile_knots(x, knots)
    ref = LSQUnivariateSpline(x, y, t, k=3)
    fitted, spline = _lsq_cubic_spline(x, y, t)
    np.testing.assert_allclose(fitted, ref(x), rtol=0, atol=1e-10 * n)
    grid = np.linspace(x[0], x[-1], 101)
    np.testing.assert_allclose(spline(grid), ref(grid), rtol=0, atol=1e-10 * n)
