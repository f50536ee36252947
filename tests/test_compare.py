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
