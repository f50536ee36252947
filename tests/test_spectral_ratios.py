"""Spacing ratios: exact values, batch handling, errors, and <r~> against the large-n theory."""

import numpy as np
import pytest

from rmt_meso.compare import ks_test, zscore
from rmt_meso.ensembles import GaussianEnsemble
from rmt_meso.spectral import mean_spacing_ratio, spacing_ratios, spacings
from rmt_meso.theory import MEAN_RTILDE_LARGE_N, mean_rtilde, ratio_law


def test_ratios_by_hand():
    e = np.array([0.0, 1.0, 3.0, 3.5, 4.5])          # spacings 1, 2, 0.5, 1
    np.testing.assert_allclose(spacing_ratios(e, tilde=False), [2.0, 0.25, 2.0])
    np.testing.assert_allclose(spacing_ratios(e), [0.5, 0.25, 0.5])
    batch = np.stack([e, 2 * e + 7])                 # ratios are scale and shift invariant
    np.testing.assert_allclose(spacing_ratios(batch), [[0.5, 0.25, 0.5]] * 2)
    np.testing.assert_allclose(spacings(e), [1, 2, 0.5, 1])
    # bulk keeps the central levels by index: n = 10, bulk 0.6 drops 2 at each end
    x = np.cumsum(np.arange(1.0, 11.0))
    assert spacing_ratios(x, bulk=0.6).shape == (4,)
    np.testing.assert_allclose(spacing_ratios(x, bulk=0.6, tilde=False), np.arange(5, 9) / np.arange(4, 8))


def test_mean_ratio_batch_error_is_spread_of_spectrum_means():
    rng = np.random.default_rng(0)
    x = np.cumsum(rng.exponential(size=(50, 40)), axis=1)
    est = mean_spacing_ratio(x)
    means = spacing_ratios(x).mean(axis=1)
    assert est.n == 50
    assert est.value == pytest.approx(means.mean())
    assert est.stderr == pytest.approx(means.std(ddof=1) / np.sqrt(50))


@pytest.mark.parametrize("beta", [1, 2, 4], ids=["GOE", "GUE", "GSE"])
def test_mean_rtilde_large_n(beta):
    # n = 200 tridiagonal samples, central 80% of levels; error ~1e-3 (surmise differs by 2-5e-3)
    e = GaussianEnsemble(beta, 200).eigvals(size=700, rng=100 + beta)
    est = mean_spacing_ratio(e, bulk=0.8)
    value, err, _ = MEAN_RTILDE_LARGE_N[beta]
    c = zscore(est.value, est.stderr, value, theory_error=err, nsigma=4, label=f"<r~> beta={beta}")
    assert c.passed, c.summary()
    assert est.stderr < 1.3e-3


def test_mean_rtilde_poisson():
    rng = np.random.default_rng(5)
    e = np.cumsum(rng.exponential(size=(400, 200)), axis=1)
    est = mean_spacing_ratio(e)
    assert est.compare(mean_rtilde(0), nsigma=4).passed
    # power: Poisson is far from GOE
    assert not est.compare(mean_rtilde(1), nsigma=4).passed


def test_ks_ratios_vs_surmise_where_accurate():
    # For large n the surmise is off by at most D ~ 0.009 (GOE) in cdf (measured with 3e5
    # ratios); with 5000 independent ratios (one per spectrum, the central one) the KS test
    # resolves only D >~ 0.03, so the surmise is an adequate null here, and the test still
    # rejects the wrong symmetry class.
    e = GaussianEnsemble(2, 40).eigvals(size=5000, rng=21)
    r = spacing_ratios(e, tilde=False)[:, 19]
    assert ks_test(r, ratio_law(2, tilde=False).cdf).passed
    assert not ks_test(r, ratio_law(1, tilde=False).cdf).passed


def test_single_spectrum_blocking_error_is_honest():
    # the blocked standard error of one spectrum matches the true scatter of its mean
    e = GaussianEnsemble(1, 400).eigvals(size=120, rng=3)
    per = [mean_spacing_ratio(row, bulk=0.8) for row in e]
    true_sd = np.std([p.value for p in per], ddof=1)
    mean_err = np.mean([p.stderr for p in per])
    # 120 spectra: the sample std is known to ~7%; blocks of 10 must be within 25%
    assert 0.75 < mean_err / true_sd < 1.25
    assert per[0].n == (0.8 * 400 - 2) // 10


@pytest.mark.parametrize("bad, match", [
    ([], "at least 3 levels"),
    ([1.0, 2.0], "at least 3 levels"),
    ([1.0, 3.0, 2.0], "sorted in ascending order"),
    ([1.0, np.nan, 2.0], "finite"),
    ([1.0, 1.0, 2.0, 3.0], "Kramers"),
    (np.zeros((2, 2, 3)), "ndim"),
])
def test_bad_spectra(bad, match):
    with pytest.raises(ValueError, match=match):
        spacing_ratios(bad)


def test_bad_options():
    e = np.arange(10.0)
    for bulk in (0.0, 1.5, -0.2):
        with pytest.raises(ValueError, match="bulk"):
            spacing_ratios(e, bulk=bulk)
    with pytest.raises(TypeError, match="tilde must be a bool"):
        spacing_ratios(e, tilde="yes")
    with pytest.raises(ValueError, match="at least 2 blocks"):
        mean_spacing_ratio(e, block=10)
    with pytest.raises(ValueError, match="at least 2 spectra"):
        mean_spacing_ratio(e[None, :])
    with pytest.raises(TypeError, match="unfolding options"):
        spacings(e, bulk=0.5)
