"""The shared crossing estimator: exact on noise-free curves, calibrated errors on noisy ones."""

import numpy as np
import pytest

from rmt_meso.analysis import crossing


def test_exact_linear_and_quadratic_roots():
    x = np.linspace(12.0, 20.0, 5)
    c = crossing(x, 0.50 + 0.0 * x, np.full(5, 1e-3), 0.50 - 0.03 * (x - 16.54), np.full(5, 1e-3))
    assert c.value == pytest.approx(16.54, abs=1e-12)
    assert c.slope == pytest.approx(-0.03, rel=1e-12)
    assert c.chi2 == pytest.approx(0.0, abs=1e-18) and c.dof == 3
    q = crossing(x, 0.02 * (x - 17.0) * (x - 40.0), np.full(5, 1e-3), degree=2)
    assert q.value == pytest.approx(17.0, abs=1e-9)      # the root inside the data, not 40


def test_constant_level_crossing():
    """A curve crossing a known value (the scale-invariant critical value)."""
    x = np.array([15.0, 16.0, 17.0, 18.0])
    c = crossing(x, 0.6 - 0.05 * (x - 16.0), np.full(4, 0.002), 0.576, 0.0)
    assert c.value == pytest.approx(16.0 + 0.024 / 0.05, abs=1e-12)


@pytest.mark.parametrize("degree", [1, 2])
def test_delta_method_error_is_calibrated(degree):
    """Over many noisy replicas the pull (x* - truth)/stderr has mean ~0 and width ~1, and
    the scatter of x* equals the mean reported error (curves of the size used by the
    claims: slope resolved at ~10σ)."""
    rng = np.random.default_rng(1)
    x = np.linspace(14.0, 19.0, 5)
    truth = 16.54
    ya = 0.52 + 0.004 * (x - truth) + (0.0015 * (x - truth) ** 2 if degree == 2 else 0.0)
    yb = 0.52 - 0.006 * (x - truth)
    sa, sb = np.full(5, 0.0012), np.full(5, 0.0015)
    n = 2500
    est = np.empty(n)
    err = np.empty(n)
    for i in range(n):
        c = crossing(x, ya + sa * rng.standard_normal(5), sa, yb + sb * rng.standard_normal(5), sb,
                     degree=degree)
        est[i], err[i] = c.value, c.stderr
    pull = (est - truth) / err
    # 4-5σ tolerances from the sampling error of a mean (1/sqrt n) and of a width (1/sqrt 2n)
    assert abs(pull.mean()) < 5 / np.sqrt(n), pull.mean()
    assert abs(pull.std() - 1) < 5 / np.sqrt(2 * n), pull.std()
    assert np.std(est) == pytest.approx(np.median(err), rel=0.08)


def test_unresolved_slope_is_flagged():
    x = np.array([15.0, 16.0, 17.0])
    c = crossing(x, [0.0, 0.0, 0.0], [1.0, 1.0, 1.0], [0.1, 0.0, 0.1], [1.0, 1.0, 1.0])
    assert not c.resolved
    flat = crossing(x, [1.0, 1.0, 1.0], [0.1] * 3, [2.0, 2.0, 2.0], [0.1] * 3)
    assert not flat.resolved and not np.isfinite(flat.value)


def test_difference_at_matches_direct_fit():
    rng = np.random.default_rng(3)
    x = np.linspace(15.0, 18.0, 4)
    ya, yb = 0.6 - 0.06 * (x - 16.5), 0.6 - 0.09 * (x - 16.5)
    ea, eb = np.full(4, 0.01), np.full(4, 0.02)
    c = crossing(x, ya + ea * rng.standard_normal(4), ea, yb + eb * rng.standard_normal(4), eb)
    d = c.difference_at(c.value)
    assert abs(d.value) < 1e-12
    # at the centre of the basis the error is that of a weighted mean of the differences
    assert c.difference_at(c.x0).stderr == pytest.approx(1 / np.sqrt(np.sum(1 / (ea**2 + eb**2))))


def test_estimate_and_pvalue():
    x = np.array([15.0, 16.0, 17.0, 18.0])
    c = crossing(x, 16.5 - x, np.full(4, 0.1))
    assert c.estimate.value == pytest.approx(16.5) and c.estimate.stderr == pytest.approx(c.stderr)
    assert c.pvalue == pytest.approx(1.0)


@pytest.mark.parametrize("kwargs, match", [
    (dict(x=[1.0], y_a=[1.0], err_a=[1.0]), "x"),
    (dict(x=[1.0, 2.0], y_a=[1.0], err_a=[1.0, 1.0]), "y_a"),
    (dict(x=[1.0, 2.0], y_a=[1.0, 2.0], err_a=[0.0, 1.0]), "err_a and err_b"),
    (dict(x=[1.0, 2.0], y_a=[1.0, 2.0], err_a=[-1.0, 1.0]), "non-negative"),
    (dict(x=[1.0, 2.0], y_a=[1.0, 2.0], err_a=[1.0, 1.0], degree=2), "degree"),
    (dict(x=[1.0, 2.0, 3.0], y_a=[1.0, 2.0, 3.0], err_a=[1.0] * 3, degree=3), "degree"),
])
def test_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        crossing(**kwargs)


def test_degree_type():
    with pytest.raises(TypeError, match="degree"):
        crossing([1.0, 2.0], [1.0, 2.0], [1.0, 1.0], degree=1.0)


def test_lag_covariance_predicts_the_variance_of_a_window_average():
    """For a stationary Gaussian process with C(eps) = exp(-|eps|/a) sampled on a non-uniform
    grid, the binned lag covariance recovers C, and the Toeplitz form of it predicts the
    variance of a weighted average (the thermal-convolution estimator of ucf_temperature)."""
    from rmt_meso.analysis import lag_covariance, quadratic_form, stationary_covariance
    rng = np.random.default_rng(2)
    grid = np.unique(np.r_[np.linspace(-3, 3, 41), np.linspace(-10, 10, 41)])
    true = np.exp(-np.abs(grid[:, None] - grid[None, :]) / 2.0)
    x = rng.multivariate_normal(np.zeros(grid.size), true, size=3000)
    edges = np.r_[np.arange(0, 3, 0.15), np.arange(3, 21, 0.5)]
    c, cov, k = lag_covariance(grid, x, edges)
    ok = k > 0
    assert np.max(np.abs(cov[ok] - np.exp(-c[ok] / 2.0))) < 0.08
    w = np.exp(-grid**2 / 8)
    w /= w.sum()
    pred = quadratic_form(w, stationary_covariance(grid, c, cov))
    assert abs(pred / quadratic_form(w, true) - 1) < 0.05
    assert abs(np.var(x @ w, ddof=1) / pred - 1) < 4 * np.sqrt(2 / 3000) + 0.05
    with pytest.raises(ValueError, match="lag_edges must increase"):
        lag_covariance(grid, x, [0.5, 1.0])


def test_fermi_window_autocorrelation_is_the_convolution_of_two_windows():
    from rmt_meso.theory.wire import fermi_window_autocorrelation
    e = np.linspace(-40, 40, 160001)
    h = 1 / (4 * np.cosh(e / 2) ** 2)
    for u in (0.003, 0.3, 3.0, 12.0):
        brute = np.sum(h * 1 / (4 * np.cosh((e + u) / 2) ** 2)) * (e[1] - e[0])
        assert fermi_window_autocorrelation(u, 1.0) == pytest.approx(brute, rel=1e-7, abs=1e-12)
    assert fermi_window_autocorrelation(-1.0, 2.0) == fermi_window_autocorrelation(1.0, 2.0)


def test_fourier_peak_recovers_frequency():
    from rmt_meso.analysis import fourier_peak
    x = np.linspace(0.0, 8.0, 41)                         # 8 periods of f = 1, 5 samples per period
    for f0 in (0.93, 1.0, 1.08):
        y = 0.3 + 0.1 * x + np.cos(2 * np.pi * f0 * x + 0.4) + 0.3 * np.cos(4 * np.pi * f0 * x)
        # the h/2e-like harmonic at 2 f0 lies outside the band; resolution 1/8: error << 1/8
        assert fourier_peak(x, y, (0.5, 1.5)) == pytest.approx(f0, abs=0.01)
        assert fourier_peak(x, y, (1.6, 2.5)) == pytest.approx(2 * f0, abs=0.01)


def test_fourier_peak_bad_input():
    from rmt_meso.analysis import fourier_peak
    x = np.linspace(0.0, 1.0, 20)
    with pytest.raises(ValueError, match="band"):
        fourier_peak(x, np.cos(x), (2.0, 1.0))
    with pytest.raises(ValueError, match="Nyquist"):
        fourier_peak(x, np.cos(x), (1.0, 100.0))
    with pytest.raises(ValueError, match="uniform"):
        fourier_peak(x ** 2, np.cos(x), (1.0, 2.0))
    with pytest.raises(ValueError, match="same length"):
        fourier_peak(x, np.cos(x[:-1]), (1.0, 2.0))


def test_richardson_exact_and_error_bound():
    from rmt_meso.analysis import richardson
    h = np.array([0.4, 0.2, 0.1, 0.05])
    est = richardson(h, 3.0 - 2.0 * h)                     # linear in h: exact, zero error
    assert est.value == pytest.approx(3.0, abs=1e-14) and est.stderr == pytest.approx(0.0, abs=1e-14)
    est = richardson(h ** 0.5, 3.0 + 0.7 * h, order=2)     # linear in h = (h^1/2)^2, order 2
    assert est.value == pytest.approx(3.0, abs=1e-14)
    for c2 in (1.0, -3.0, 10.0):                           # q0 + c1 h + c2 h^2: error estimate covers the limit
        est = richardson(h, 1.0 + 0.5 * h + c2 * h ** 2)
        assert abs(est.value - 1.0) <= est.stderr, (c2, est)
        assert abs(est.value - 1.0) == pytest.approx(abs(c2) * 0.1 * 0.05)   # A_K = q0 - c2 h_{K-1} h_K


def test_richardson_bad_input():
    from rmt_meso.analysis import richardson
    with pytest.raises(ValueError, match="decreasing"):
        richardson([0.1, 0.2, 0.3], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="h"):
        richardson([0.2, 0.1], [1.0, 2.0])
    with pytest.raises(ValueError, match="values"):
        richardson([0.3, 0.2, 0.1], [1.0, 2.0])
    with pytest.raises(ValueError, match="order"):
        richardson([0.3, 0.2, 0.1], [1.0, 2.0, 3.0], order=0)


def test_periodic_harmonics_exact_for_trigonometric_polynomials():
    from rmt_meso.analysis import periodic_harmonics
    rng = np.random.default_rng(3)
    m = 9
    x = np.arange(m) / m
    a = rng.normal(size=(1, 3))          # constant term, 3 columns
    c_true = rng.normal(size=(4, 3))
    s_true = rng.normal(size=(4, 3))
    y = a[0] + sum(c_true[k - 1] * np.cos(2 * np.pi * k * x)[:, None]
                   + s_true[k - 1] * np.sin(2 * np.pi * k * x)[:, None] for k in range(1, 5))
    c, s = periodic_harmonics(y, (1, 2, 3, 4))
    np.testing.assert_allclose(c, c_true, atol=1e-12)
    np.testing.assert_allclose(s, s_true, atol=1e-12)
    # along another axis, and against numpy's FFT
    c2, s2 = periodic_harmonics(y.T, (2,), axis=1)
    f = np.fft.rfft(y, axis=0)
    np.testing.assert_allclose(c2[0], 2 * f[2].real / m, atol=1e-12)
    np.testing.assert_allclose(s2[0], -2 * f[2].imag / m, atol=1e-12)
    # Nyquist cosine (M even): weight 1/M
    x4 = np.arange(4) / 4
    c4, _ = periodic_harmonics(0.7 * np.cos(4 * np.pi * x4), (2,))
    assert c4[0] == pytest.approx(0.7, abs=1e-12)
    with pytest.raises(ValueError, match="orders"):
        periodic_harmonics(np.ones(4), (3,))
    with pytest.raises(ValueError, match="orders"):
        periodic_harmonics(np.ones(4), (0,))


# ------------------------------------------------------------------ fit_line_shape
def _lor(u):
    return 1.0 / (1.0 + u ** 2)


def test_fit_line_shape_recovers_noiseless_shapes_with_correlated_covariance():
    from rmt_meso.analysis import fit_line_shape
    x = np.array([0.0, 0.1, 0.2, 0.4, 0.6, 1.0, 1.5])
    k = x.size
    cov = 1e-6 * (0.5 * np.eye(k) + 0.5)          # strongly correlated points (a common offset)
    for shape, w in ((_lor, 0.55), (lambda u: np.exp(-np.abs(u)), 0.3)):
        f = fit_line_shape(x, 1.4 - 0.21 * shape(x / w), cov, shape)
        assert f.offset == pytest.approx(1.4, abs=1e-9) and f.amplitude == pytest.approx(0.21, abs=1e-9)
        assert f.width == pytest.approx(w, rel=1e-7) and f.chi2 < 1e-12 and f.dof == k - 3


def test_fit_line_shape_covariance_is_the_exact_gauss_newton_one():
    """sigma^2 (J^T J)^-1 with the analytic Jacobian of c - a/(1 + (x/w)^2)."""
    from rmt_meso.analysis import fit_line_shape
    x = np.linspace(0.0, 2.0, 9)
    c, a, w, s2 = 2.0, 0.3, 0.7, 1e-4
    f = fit_line_shape(x, c - a * _lor(x / w), np.full(x.size, s2), _lor)
    jac = np.stack([np.ones_like(x), -_lor(x / w), -a * 2 * x ** 2 / w ** 3 * _lor(x / w) ** 2], axis=1)
    np.testing.assert_allclose(f.cov, s2 * np.linalg.inv(jac.T @ jac), rtol=1e-6)
    np.testing.assert_allclose(f.stderr, np.sqrt(np.diag(f.cov)))
    np.testing.assert_allclose(f(x, _lor), c - a * _lor(x / w), atol=1e-10)


def test_fit_line_shape_chi2_of_a_pure_misfit_and_its_pvalue():
    """A residual orthogonal to the model's tangent space is left untouched by the fit: chi2 = |r|^2/s^2."""
    from scipy import stats
    from rmt_meso.analysis import fit_line_shape
    x = np.linspace(0.0, 2.0, 9)
    c, a, w, s2 = 2.0, 0.3, 0.7, 1e-4
    jac = np.stack([np.ones_like(x), -_lor(x / w), -a * 2 * x ** 2 / w ** 3 * _lor(x / w) ** 2], axis=1)
    q, _ = np.linalg.qr(jac, mode="complete")
    r = 0.002 * q[:, 3] + 0.001 * q[:, 5]            # orthogonal to the tangent space at the truth
    f = fit_line_shape(x, c - a * _lor(x / w) + r, np.full(x.size, s2), _lor)
    # second-order terms move the minimum by O(|r|^2): chi2 = |r|^2/s2 to ~1e-3 relative
    assert f.chi2 == pytest.approx(r @ r / s2, rel=1e-2)
    assert f.pvalue == pytest.approx(stats.chi2.sf(f.chi2, x.size - 3))


def test_fit_line_shape_rejects_bad_input():
    from rmt_meso.analysis import fit_line_shape
    x = np.linspace(0.0, 1.0, 5)
    y = 1.0 - _lor(x)
    with pytest.raises(ValueError, match="cov"):
        fit_line_shape(x, y, np.ones((5, 5)), _lor)                 # singular
    with pytest.raises(ValueError, match="cov"):
        fit_line_shape(x, y, np.zeros(5), _lor)
    with pytest.raises(ValueError, match="width_range"):
        fit_line_shape(x, y, np.ones(5), _lor, width_range=(2.0, 1.0))
    with pytest.raises(ValueError, match="x"):
        fit_line_shape(x[:3], y[:3], np.ones(3), _lor)              # no degree of freedom
    with pytest.raises(TypeError, match="shape"):
        fit_line_shape(x, y, np.ones(5), "lorentzian")
