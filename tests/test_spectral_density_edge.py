"""Level density histograms and the Tracy-Widom scaling of the largest eigenvalue."""

import numpy as np
import pytest

from rmt_meso.compare import ks_test, zscore
from rmt_meso.ensembles import GaussianEnsemble
from rmt_meso.spectral import largest_eigenvalue_scaled, level_density
from rmt_meso.theory import edge_scaling
from rmt_meso.theory import tracy_widom_law


def test_level_density_semicircle():
    n, m = 100, 300
    e = GaussianEnsemble(1, n).eigvals(size=m, rng=8)
    R = np.sqrt(2 * n)
    d = level_density(e, bins=12, range=(-0.8 * R, 0.8 * R))
    assert d.n == m and d.density.shape == (12,) and d.edges.shape == (13,)
    # bin average of the semicircle density (2/(pi R^2)) sqrt(R^2 - x^2), exact by quadrature
    u = np.linspace(0, 1, 401)
    exact = np.array([np.mean(2 / (np.pi * R ** 2) * np.sqrt(R ** 2 - (a + (b - a) * u) ** 2))
                      for a, b in zip(d.edges[:-1], d.edges[1:])])
    z = (d.density - exact) / d.stderr
    assert np.all(np.abs(z) < 4.5), z
    # "count" normalisation integrates to the number of levels in the range
    c = level_density(e, bins=12, range=(-R * 2, R * 2), normalize="count")
    assert np.sum(c.density * np.diff(c.edges)) == pytest.approx(n)


def test_level_density_single_spectrum_poisson_errors():
    x = np.linspace(0, 1, 401)[:-1]
    d = level_density(x, bins=4, range=(0, 1))
    np.testing.assert_allclose(d.density, 1.0)
    np.testing.assert_allclose(d.stderr, np.sqrt(100) / (400 * 0.25))
    with pytest.raises(ValueError, match="lo < hi"):
        level_density(x, range=(1, 0))
    with pytest.raises(ValueError, match="at least 1 values"):
        level_density(np.empty((3, 0)))
    with pytest.raises(ValueError, match="bins"):
        level_density(x, bins=0)


def test_scaling_constants():
    # chi = (lambda - sqrt(2 beta n)) sqrt(2/beta) n^(1/6): sqrt2 n^1/6, n^1/6, n^1/6/sqrt2
    for beta, factor in ((1, np.sqrt(2)), (2, 1.0), (4, 1 / np.sqrt(2))):
        c, width = edge_scaling(beta, 729)
        assert c == pytest.approx(np.sqrt(2 * beta * 729)) and 1 / width == pytest.approx(3 * factor)
    assert largest_eigenvalue_scaled([[0.0, 4.5], [1.0, 3.0]], 2, 1) == pytest.approx([2.5, 1.0])


def test_gue_largest_eigenvalue_is_tracy_widom():
    n, m = 200, 4000
    top = GaussianEnsemble(2, n).eigvals(size=m, rng=17, window=("index", n - 1, n - 1))
    chi = largest_eigenvalue_scaled(top, 2, n)
    assert chi.shape == (m,)
    c = zscore(chi.mean(), chi.std(ddof=1) / np.sqrt(m), -1.7710868074, nsigma=4, label="TW2 mean")
    assert c.passed, c.summary()
    assert ks_test(chi, tracy_widom_law(2).cdf).passed
    # power: the GOE mean -1.2065 is excluded (a KS against F_1 costs 6 s of Fredholm cdfs)
    assert not zscore(chi.mean(), chi.std(ddof=1) / np.sqrt(m), -1.2065335745820, nsigma=4).passed


def test_edge_bad_input():
    with pytest.raises(ValueError, match="beta must be >"):
        largest_eigenvalue_scaled([1.0], 0, 10)
    with pytest.raises(ValueError, match="n must be an integer >= 1"):
        largest_eigenvalue_scaled([1.0], 2, 0)
    with pytest.raises(ValueError, match="finite"):
        largest_eigenvalue_scaled([1.0, np.nan], 2, 4)
    with pytest.raises(ValueError, match="at least 1 values"):
        largest_eigenvalue_scaled(np.empty((2, 0)), 2, 4)
