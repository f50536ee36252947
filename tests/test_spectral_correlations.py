"""Sigma^2, Delta_3 and K(tau) of unfolded spectra against exact theory and exact algorithms."""

import numpy as np
import pytest

from rmt_meso.compare import zscore
from rmt_meso.ensembles import GaussianEnsemble
from rmt_meso.spectral import CurveEstimate, form_factor, number_variance, rigidity, unfold
from rmt_meso.spectral.correlations import _delta3_windows
from rmt_meso import theory

L_VALUES = np.array([0.5, 1.0, 2.0, 5.0])


def _brute_delta3(levels, a, L, npts=200001):
    """Independent route: least-squares line through the sampled staircase on [a, a+L]."""
    y = np.linspace(a, a + L, npts)
    N = np.searchsorted(levels, y, side="right").astype(float)
    A = np.vstack([y - a, np.ones_like(y)]).T
    coef = np.linalg.lstsq(A, N, rcond=None)[0]
    return np.mean((N - A @ coef) ** 2)


def test_delta3_closed_form_matches_numerical_least_squares():
    rng = np.random.default_rng(0)
    levels = np.sort(rng.uniform(0, 60, 60))
    starts = np.array([3.3, 10.0, 17.77, 40.1])
    for L in (0.7, 4.0, 15.0):
        exact = _delta3_windows(levels, starts, L)
        brute = np.array([_brute_delta3(levels, a, L) for a in starts])
        np.testing.assert_allclose(exact, brute, atol=2e-4 * max(1.0, L),
                                   err_msg="Bohigas-Giannoni formula disagrees with a direct fit")


def test_picket_fence():
    x = np.arange(300.0)[None, :] + np.array([[0.0], [0.37]])
    # integer L: every window holds exactly L levels
    est = number_variance(x, 4.0)
    assert est.value == pytest.approx(0.0, abs=1e-12)
    # Delta_3 of an equally spaced spectrum -> 1/12 (sawtooth) for L >> 1
    assert rigidity(x, 30.0).value == pytest.approx(1 / 12, abs=2e-3)


def test_poisson_exact_laws():
    rng = np.random.default_rng(1)
    x = np.cumsum(rng.exponential(size=(300, 200)), axis=1)
    s = number_variance(x, L_VALUES)
    d = rigidity(x, L_VALUES)
    assert isinstance(s, CurveEstimate) and len(s) == 4
    for i, L in enumerate(L_VALUES):
        assert zscore(s.value[i], s.stderr[i], L, nsigma=4).passed, (L, s[i])
        assert zscore(d.value[i], d.stderr[i], L / 15, nsigma=4).passed, (L, d[i])


@pytest.mark.slow
@pytest.mark.parametrize("beta", [1, 2, 4], ids=["GOE", "GUE", "GSE"])
def test_gaussian_two_point_laws(beta):
    # n = 400 tridiagonal samples, exact semicircle unfolding, central 80%.  The O(1/n)
    # density error of semicircle unfolding (~0.1% at n = 200) is below the errors here.
    e = GaussianEnsemble(beta, 400).eigvals(size=150, rng=30 + beta)
    x = unfold(e, "semicircle", beta=beta, bulk=0.8)
    s = number_variance(x, L_VALUES)
    d = rigidity(x, L_VALUES)
    for i, L in enumerate(L_VALUES):
        cs = zscore(s.value[i], s.stderr[i], theory.number_variance(L, beta), nsigma=4)
        cd = zscore(d.value[i], d.stderr[i], theory.rigidity(L, beta), nsigma=4)
        assert cs.passed, cs.summary()
        assert cd.passed, cd.summary()
    # power: at L = 5 the Poisson values are excluded by far
    assert not zscore(s.value[3], s.stderr[3], 5.0, nsigma=4).passed
    assert not zscore(d.value[3], d.stderr[3], 5.0 / 15, nsigma=4).passed


def test_single_spectrum_blocks():
    rng = np.random.default_rng(2)
    x = np.cumsum(rng.exponential(size=4000))
    s = number_variance(x, 3.0, blocks=20)
    d = rigidity(x, 3.0, blocks=20)
    assert s.n == 20 and d.n == 20
    assert zscore(s.value, s.stderr, 3.0, nsigma=4).passed
    assert zscore(d.value, d.stderr, 0.2, nsigma=4).passed


def test_form_factor_gue_and_poisson():
    e = GaussianEnsemble(2, 200).eigvals(size=400, rng=40)
    x = unfold(e, "semicircle", beta=2, bulk=0.8)
    tau = np.array([0.25, 0.5, 1.5])
    k = form_factor(x, tau)
    exact = theory.form_factor(tau, 2)
    for i in range(tau.size):
        assert zscore(k.value[i], k.stderr[i], exact[i], nsigma=4).passed, (tau[i], k[i])
    # the total form factor includes the window's diffraction peak at tau -> 0
    total = form_factor(x, [0.002], connected=False)
    conn = form_factor(x, [0.002])
    assert total.value[0] > 10 * conn.value[0]
    rng = np.random.default_rng(3)
    p = np.sort(rng.uniform(0, 160, size=(400, 160)), axis=1)
    kp = form_factor(p, [0.3, 0.7])
    assert np.all(np.abs(kp.value - 1) < 4 * kp.stderr)


def test_form_factor_grouped_gue_and_recurrence():
    e = GaussianEnsemble(2, 200).eigvals(size=300, rng=41)
    x = unfold(e, "semicircle", beta=2, bulk=0.8)
    tau = (np.arange(160) + 0.5) / 100                # arithmetic grid: phase recurrence
    k = form_factor(x, tau, groups=8)
    # the same numbers from direct exponentials (grid made non-arithmetic by 1e-12)
    direct = form_factor(x, tau + np.r_[np.zeros(159), 1e-12], groups=8)
    np.testing.assert_allclose(k.value, direct.value, rtol=1e-9)
    np.testing.assert_allclose(k.x, tau.reshape(8, 20).mean(axis=1))
    exact = theory.form_factor(tau, 2).reshape(8, 20).mean(axis=1)
    z = (k.value - exact) / k.stderr
    assert np.all(np.abs(z) < 4), z
    # grouping shrinks the error well below the single-tau error (~K/sqrt(m))
    single = form_factor(x, tau[60:61])
    assert k.stderr[3] < 0.5 * single.stderr[0]


def test_bad_input():
    x = np.arange(50.0)[None, :] + np.array([[0.0], [0.5]])
    with pytest.raises(ValueError, match="L must be > 0"):
        number_variance(x, 0.0)
    with pytest.raises(ValueError, match="L must be > 0"):
        rigidity(x, [1.0, -1.0])
    with pytest.raises(ValueError, match="does not fit"):
        rigidity(x, 60.0)
    with pytest.raises(ValueError, match="at least 2 spectra"):
        number_variance(x[:1], 1.0)
    with pytest.raises(ValueError, match="sorted"):
        rigidity(x[:, ::-1], 1.0)
    with pytest.raises(ValueError, match="finite"):
        number_variance(np.array([0.0, np.nan, 2.0]), 1.0)
    with pytest.raises(ValueError, match="windows"):
        number_variance(np.arange(20.0), 5.0, blocks=10)
    with pytest.raises(ValueError, match="batch of at least 2 spectra"):
        form_factor(np.arange(20.0), 0.5)
    with pytest.raises(ValueError, match="tau must be >= 0"):
        form_factor(x, -0.5)
    with pytest.raises(ValueError, match="multiple of groups"):
        form_factor(x, [0.1, 0.2, 0.3], groups=2)
