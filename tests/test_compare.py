"""The Comparison result type and its tolerance rules."""

import numpy as np
import pytest
from scipy import stats

from rmt_meso.compare import (Estimate, absolute, chi2_test, interval, ks_2samp, ks_test, mean_with_error,
                              relative, zscore)


def test_zscore_verdicts():
    c = zscore(1.1, 0.05, 1.0, nsigma=4)
    assert c.passed and c.sigma == pytest.approx(2.0)
    assert not zscore(1.3, 0.05, 1.0, nsigma=4).passed
    assert "2.00σ" in c.summary()
    with pytest.raises(ValueError, match="a z-score needs a standard error"):
        zscore(1.0, 0.0, 1.0)


def test_relative_absolute_interval():
    assert relative(1.0 + 1e-12, 1.0, rtol=1e-10).passed
    assert not relative(1.1, 1.0, rtol=1e-3).passed
    assert absolute(3.0, 3.0 + 1e-11, atol=1e-10).passed
    assert interval(0.5, 0.1, 1.0).passed and not interval(2.0, 0.1, 1.0).passed
    with pytest.raises(ValueError, match="lo must be <= hi"):
        interval(0.5, 1.0, 0.1)


def test_ks_detects_wrong_law():
    rng = np.random.default_rng(0)
    x = rng.exponential(size=4000)
    assert ks_test(x, stats.expon.cdf).passed
    assert not ks_test(x, stats.norm(loc=1).cdf).passed
    assert ks_2samp(x, rng.exponential(size=4000)).passed
    assert not ks_2samp(x, rng.exponential(scale=1.2, size=4000)).passed


def test_chi2_detects_wrong_law():
    rng = np.random.default_rng(1)
    x = rng.exponential(size=5000)
    edges = np.linspace(0, 6, 25)
    counts, _ = np.histogram(x, edges)
    good = np.diff(stats.expon.cdf(edges)) * x.size
    bad = np.diff(stats.expon(scale=1.3).cdf(edges)) * x.size
    assert chi2_test(counts, good).passed
    assert not chi2_test(counts, bad).passed


def test_mean_with_error_matches_definition():
    x = np.arange(10.0)
    e = mean_with_error(x)
    assert isinstance(e, Estimate) and e.n == 10
    assert e.value == 4.5 and e.stderr == pytest.approx(np.std(x, ddof=1) / np.sqrt(10))
    with pytest.warns(DeprecationWarning, match="unpacking an Estimate"):
        m, s = mean_with_error(x)          # the old tuple form, for one release
    assert (m, s) == (e.value, e.stderr)
    rows = mean_with_error(np.arange(12.0).reshape(4, 3))
    np.testing.assert_allclose(rows.value, [4.5, 5.5, 6.5])
    np.testing.assert_allclose(rows.stderr, np.full(3, np.std([0, 3, 6, 9], ddof=1) / 2))


def test_to_dict_is_json_clean():
    import json
    json.dumps(ks_test(np.random.default_rng(2).random(100), stats.uniform.cdf).to_dict(), allow_nan=False)


def test_ratio_of_means_error_is_calibrated_by_monte_carlo():
    """The delta-method error equals the scatter of the ratio over independent repetitions
    (correlated pairs, as for noise and conductance of one sample)."""
    from rmt_meso.compare import ratio_of_means
    rng = np.random.default_rng(3)
    reps, n = 400, 200
    vals, errs = [], []
    for _ in range(reps):
        b = rng.gamma(4.0, 0.5, n)
        a = 0.3 * b + 0.2 * rng.standard_normal(n) * np.sqrt(b)
        e = ratio_of_means(a, b)
        vals.append(e.value)
        errs.append(e.stderr)
    spread = np.std(vals, ddof=1)
    assert abs(np.mean(errs) / spread - 1) < 4 * np.sqrt(1 / (2 * reps))     # ~4 sigma of a std
    assert abs(np.mean(vals) - 0.3) < 4 * spread / np.sqrt(reps)
    with pytest.raises(ValueError, match="b must have a non-zero mean"):
        ratio_of_means([1.0, 2.0], [1.0, -1.0])
    with pytest.raises(ValueError, match="b must have"):
        ratio_of_means([1.0, 2.0, 3.0], [1.0, 2.0])


def test_weighted_line_and_fit_chi2():
    from rmt_meso.compare import fit_chi2, weighted_line
    rng = np.random.default_rng(5)
    x = np.linspace(0, 1, 8)
    sy = np.full(8, 0.05)
    slopes, chi2s = [], []
    for _ in range(300):
        a, b, cov, chi2 = weighted_line(x, 1 + 2 * x + sy * rng.standard_normal(8), sy)
        slopes.append(b)
        chi2s.append(chi2)
    # the stated covariance is the scatter of the estimates; chi2 has mean dof = 6
    assert abs(np.std(slopes, ddof=1) / np.sqrt(cov[1, 1]) - 1) < 4 / np.sqrt(600)
    assert abs(np.mean(chi2s) - 6) < 4 * np.sqrt(12 / 300)
    assert fit_chi2(6.0, 6).passed and not fit_chi2(60.0, 6).passed
    assert fit_chi2(60.0, 6).sigma_equivalent > 5
    with pytest.raises(ValueError, match="sy must be > 0"):
        weighted_line([0, 1], [0, 1], [0.1, 0.0])
    with pytest.raises(ValueError, match="dof must be"):
        fit_chi2(1.0, 0)
