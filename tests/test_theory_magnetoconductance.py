"""Hikami–Larkin–Nagaoka 2D magnetoconductance: limits, symmetry, fit recovery."""

import numpy as np
import pytest
import scipy.constants as const
from scipy.special import digamma

from rmt_meso.theory.magnetoconductance import (fit_hln, hln_field, hln_function, hln_magnetoconductance,
                                                 hln_scaling_function)


def test_field_scale():
    assert np.isclose(hln_field(1e-6), const.hbar / (4 * const.e * 1e-12))
    assert np.isclose(hln_field(2e-6), hln_field(1e-6) / 4)


def test_function_matches_scipy_and_limits():
    y = np.array([0.05, 0.5, 3.0, 20.0])           # B/B_phi, the usual axis
    assert np.allclose(hln_scaling_function(y), digamma(0.5 + 1 / y) + np.log(y), rtol=1e-12)
    small = np.array([1e-3, 1e-5, 1e-7])
    # small-field limit F(y) = y^2/24 + O(y^4) (precise where float digamma cancels)
    assert np.allclose(hln_scaling_function(small), small**2 / 24, rtol=1e-5)
    # large-field limit F(y) -> ln y + psi(1/2) = ln y - gamma - 2 ln 2
    big = 1e8
    assert np.isclose(hln_scaling_function(big), np.log(big) - np.euler_gamma - 2 * np.log(2), rtol=1e-7)
    assert hln_scaling_function(0.0) == 0.0
    # the deprecated inverse-axis form
    with pytest.warns(DeprecationWarning, match="hln_scaling_function"):
        np.testing.assert_allclose(hln_function(1 / y), hln_scaling_function(y), rtol=1e-14)


def test_magnetoconductance_shape_sign_and_units():
    l_phi = 5e-7
    bphi = hln_field(l_phi)
    b = np.array([-3, -1, 0, 1, 3]) * bphi
    ds = hln_magnetoconductance(b, l_phi)
    assert ds[2] == 0.0
    assert np.allclose(ds, ds[::-1]), "even in B"
    assert np.all(ds[3:] > 0), "weak localization: positive magnetoconductance"
    assert np.all(hln_magnetoconductance(b[3:], l_phi, alpha=-0.5) < 0), "antilocalization"
    e2pih = const.e**2 / (np.pi * const.h)
    assert np.allclose(hln_magnetoconductance(b, l_phi, unit="e2/pih") * e2pih, ds, rtol=1e-14)
    assert np.allclose(hln_magnetoconductance(b, l_phi, unit="e2/h") * const.e**2 / const.h, ds, rtol=1e-14)
    # B^2 at small field
    tiny = 1e-3 * bphi
    assert np.isclose(hln_magnetoconductance(tiny, l_phi, unit="e2/pih"), (tiny / bphi) ** 2 / 24, rtol=1e-4)


@pytest.mark.parametrize("free_alpha", [False, True])
def test_fit_recovers_l_phi_with_honest_errors(free_alpha):
    l_true = 4e-7
    b = np.linspace(0.0, 20 * hln_field(l_true), 40)[1:]
    rng = np.random.default_rng(3)
    pulls = []
    for _ in range(8):
        err = 0.01 * np.ones_like(b)
        y = hln_magnetoconductance(b, l_true, unit="e2/pih") + err * rng.standard_normal(b.size)
        fit = fit_hln(b, y, sigma=err, unit="e2/pih", alpha=None if free_alpha else 1.0)
        pulls.append((fit.l_phi - l_true) / fit.l_phi_stderr)
        assert fit.dof == b.size - (2 if free_alpha else 1)
    pulls = np.array(pulls)
    assert np.all(np.abs(pulls) < 4), pulls
    assert 0.2 < pulls.std() < 2.5, pulls


def test_bad_input():
    with pytest.raises(ValueError):
        hln_field(0.0)
    with pytest.raises(ValueError):
        hln_magnetoconductance(1.0, 1e-6, unit="ohm")
    with pytest.raises(ValueError):
        hln_scaling_function(-1.0)
    with pytest.raises(ValueError):
        fit_hln([1.0, 2.0], [0.1, 0.2])
    with pytest.raises(ValueError):
        fit_hln([1.0, 2.0, 3.0], [0.1, 0.2])


# --------------------------------------------------------------------------- finite strips

from rmt_meso.theory.magnetoconductance import (_strip_cooperon, absorbing_strip_transmission,  # noqa: E402
                                                strip_magnetotransmission)


def test_strip_cooperon_bulk_is_hln():
    """Far from the leads the field-dependent cooperon is the HLN function: c_0 - c_B = F/(4π)."""
    lp = 5.0
    ys = np.array([0.5, 1.0, 2.0, 4.0, 8.0])
    x, c = _strip_cooperon(120.0, 0.0, lp, np.concatenate([[0.0], ys / (4 * lp**2)]), 0.5, 4.0)
    mid = np.argmin(np.abs(x - 60.0))
    np.testing.assert_allclose((c[0, mid] - c[1:, mid]) * 4 * np.pi, hln_scaling_function(ys), rtol=1e-2,
                               err_msg="bulk cooperon of the strip is not the HLN function")


def test_strip_magnetotransmission_long_strip_tends_to_hln():
    """ΔT·L/W → g_s F/(2π) as L/L_φ grows; the deficit (cooperon cut near the leads) shrinks ~ L_φ/L."""
    lp, w = 5.0, 100.0
    ys = np.array([1.0, 2.0, 4.0])
    law = hln_scaling_function(ys) / (2 * np.pi)
    ratios = [strip_magnetotransmission(ys / (4 * lp**2), w, L, lp, grid=0.5) * L / w / law
              for L in (50.0, 100.0, 200.0)]
    deficits = [1 - r for r in ratios]
    assert np.all(np.array(deficits) > 0)
    np.testing.assert_allclose(deficits[1], deficits[0] / 2, rtol=0.2)      # ∝ L_φ/L
    np.testing.assert_allclose(deficits[2], deficits[1] / 2, rtol=0.2)
    two = strip_magnetotransmission(ys / (4 * lp**2), w, 100.0, lp, grid=0.5, spin_degeneracy=2)
    np.testing.assert_allclose(two, 2 * ratios[1] * law * w / 100.0, rtol=1e-12)


def test_strip_magnetotransmission_properties():
    b = np.array([0.0, 1e-3, 3e-3, 1e-2])
    dt = strip_magnetotransmission(b, 60.0, 30.0, 10.0, absorption_length=12.0, extrapolation_length=2.0)
    assert dt[0] == 0 and np.all(np.diff(dt) > 0), "positive magnetoconductance, increasing in |B|"
    np.testing.assert_allclose(strip_magnetotransmission(-b, 60.0, 30.0, 10.0, absorption_length=12.0,
                                                         extrapolation_length=2.0), dt, rtol=1e-12)
    # absorption length -> infinity is the current-conserving strip
    np.testing.assert_allclose(strip_magnetotransmission(b, 60.0, 30.0, 10.0, absorption_length=1e7),
                               strip_magnetotransmission(b, 60.0, 30.0, 10.0), rtol=1e-6)
    # linear in the width, and converged in the numerical resolution
    np.testing.assert_allclose(strip_magnetotransmission(b, 120.0, 30.0, 10.0),
                               2 * strip_magnetotransmission(b, 60.0, 30.0, 10.0), rtol=1e-12)
    np.testing.assert_allclose(strip_magnetotransmission(b[1:], 60.0, 30.0, 10.0, grid=0.5, q_max=4.0),
                               strip_magnetotransmission(b[1:], 60.0, 30.0, 10.0), rtol=0.02)


@pytest.mark.parametrize("kwargs,exc", [
    ({"l_phi": 0.0}, ValueError), ({"width": -1.0}, ValueError), ({"absorption_length": 0.0}, ValueError),
    ({"extrapolation_length": -1.0}, ValueError), ({"spin_degeneracy": 3}, ValueError),
    ({"field": [np.nan]}, ValueError), ({"q_max": 0.0}, ValueError),
])
def test_strip_magnetotransmission_bad_input(kwargs, exc):
    args = {"field": [1e-3], "width": 60.0, "length": 30.0, "l_phi": 10.0, **kwargs}
    with pytest.raises(exc):
        strip_magnetotransmission(args.pop("field"), args.pop("width"), args.pop("length"), args.pop("l_phi"),
                                  **args)


def test_absorbing_strip_transmission():
    # Ohm's law without absorption, exponential decay with it, and the sinh profile's slope
    np.testing.assert_allclose(absorbing_strip_transmission([10.0, 30.0], 40.0, 2.0, extrapolation_length=5.0),
                               [40 * 2 / 20, 40 * 2 / 40])
    t = absorbing_strip_transmission(np.array([40.0, 60.0]), 40.0, 2.0, absorption_length=5.0)
    np.testing.assert_allclose(np.log(t[0] / t[1]), 20 / 5, rtol=1e-6)
    np.testing.assert_allclose(absorbing_strip_transmission(7.0, 40.0, 2.0, absorption_length=1e8),
                               absorbing_strip_transmission(7.0, 40.0, 2.0), rtol=1e-9)
    with pytest.raises(ValueError, match="length"):
        absorbing_strip_transmission(0.0, 40.0, 2.0)


from rmt_meso.theory.magnetoconductance import fit_absorbing_strip, fit_strip_magnetotransmission  # noqa: E402


@pytest.mark.parametrize("a_true", [12.0, np.inf], ids=["absorbing", "ohmic"])
def test_fit_absorbing_strip_recovers_parameters(a_true):
    lengths = np.arange(9.0, 40.0, 3.0)
    exact = absorbing_strip_transmission(lengths, 72.0, 3.2, absorption_length=a_true, extrapolation_length=2.4)
    rng = np.random.default_rng(4)
    pulls = []
    for _ in range(6):
        err = 0.01 * exact
        fit = fit_absorbing_strip(lengths, exact + err * rng.standard_normal(lengths.size), stderr=err, width=72.0)
        pulls.append((fit.sigma - 3.2) / fit.sigma_stderr)
        if np.isfinite(a_true):
            pulls.append((fit.absorption_length - a_true) / fit.absorption_length_stderr)
        else:
            assert fit.absorption_length > 100.0, fit
        assert fit.dof == lengths.size - 3
    assert np.all(np.abs(pulls) < 4.5), pulls


def test_fit_strip_magnetotransmission_recovers_l_phi():
    b = np.arange(1, 5) * 2 * np.pi / (72 * 34)
    geom = dict(width=72.0, length=35.0, absorption_length=13.0, extrapolation_length=2.4)
    exact = strip_magnetotransmission(b, l_phi=13.0, **geom)
    cov = np.diag((0.05 * exact) ** 2) + 0.3 * np.outer(0.05 * exact, 0.05 * exact)
    chol = np.linalg.cholesky(cov)
    rng = np.random.default_rng(2)
    pulls = []
    for free in (False, True):
        for _ in range(3):
            data = exact + chol @ rng.standard_normal(b.size)
            fit = fit_strip_magnetotransmission(b, data, covariance=cov, alpha=None if free else 1.0, **geom)
            pulls.append((fit.l_phi - 13.0) / fit.l_phi_stderr)
            assert np.isclose(fit.b_phi, 1 / (4 * fit.l_phi**2))
            if free:
                pulls.append((fit.alpha - 1.0) / fit.alpha_stderr)
    assert np.all(np.abs(pulls) < 4.5), pulls
    # the fit resolves a wrong prefactor: data at half the one-loop amplitude
    half = fit_strip_magnetotransmission(b, 0.5 * exact, covariance=cov * 0.25 * 0.01, alpha=None, **geom)
    assert abs(half.alpha - 0.5) < 4.5 * half.alpha_stderr
    with pytest.raises(ValueError, match="0"):
        fit_strip_magnetotransmission(np.r_[0.0, b[1:]], exact, covariance=cov, **geom)
    with pytest.raises(ValueError, match="positive definite"):
        fit_strip_magnetotransmission(b, exact, covariance=-cov, **geom)


def _cooperon_2d_finite_difference(length, z0, l_phi, b, width, h, profile):
    """Independent route: the cooperon operator -(∇ - 2iA)² + 1/L_φ² on an (x, y) grid of spacing h,
    periodic in y with Peierls phases, Dirichlet at x = -z0 and L + z0; one dense inverse.
    Returns x and D·C(x, x) (the y average of the diagonal, per unit area: /h²)."""
    total = length + 2 * z0
    nx, ny = int(round(total / h)) - 1, int(round(width / h))
    x = -z0 + h * np.arange(1, nx + 1)
    a = x if profile == "uniform" else np.maximum(0.5 * length - np.abs(x - 0.5 * length), 0.0)
    n = nx * ny
    m = np.zeros((n, n), complex)
    for i in range(nx):
        for j in range(ny):
            p, up = i * ny + j, i * ny + (j + 1) % ny
            m[p, p] = 4 / h**2 + 1 / l_phi**2
            if i + 1 < nx:
                m[p, p + ny] = m[p + ny, p] = -1 / h**2
            ph = np.exp(-2j * b * a[i] * h)
            m[up, p], m[p, up] = -ph / h**2, -np.conj(ph) / h**2
    return x, np.real(np.diag(np.linalg.inv(m))).reshape(nx, ny).mean(axis=1) / h**2


@pytest.mark.parametrize("profile", ["uniform", "reversed"])
def test_periodic_strip_cooperon_matches_2d_finite_difference(profile):
    """periodic=True (q = 2πn/W, gauge A_y = B x or B min(x, L - x)) against a 2D grid with Peierls
    phases: the field-dependent part c_0 - c_B agrees point by point, Aharonov–Bohm structure of
    the narrow cylinder included (W = 2.5 L_φ)."""
    length, z0, lp, w, h, b = 16.0, 1.0, 4.0, 10.0, 0.5, 0.04
    xs, c0 = _cooperon_2d_finite_difference(length, z0, lp, 0.0, w, h, profile)
    _, cb = _cooperon_2d_finite_difference(length, z0, lp, b, w, h, profile)
    xt, ct = _strip_cooperon(length, z0, lp, np.array([0.0, b]), h, 8.0, periodic_width=w, profile=profile)
    np.testing.assert_allclose(xt, xs)
    np.testing.assert_allclose(ct[0] - ct[1], c0 - cb, rtol=1e-2, atol=1e-5)


def test_periodic_and_reversed_limits():
    b = np.array([1e-3, 3e-3, 1e-2])
    # a wide cylinder is the continuum strip
    for profile in ("uniform", "reversed"):
        np.testing.assert_allclose(
            strip_magnetotransmission(b, 400.0, 30.0, 8.0, extrapolation_length=2.0, periodic=True,
                                      field_profile=profile),
            strip_magnetotransmission(b, 400.0, 30.0, 8.0, extrapolation_length=2.0, field_profile=profile),
            rtol=1e-6)
    # a long strip with the field reversed in its second half: the same bulk HLN law, less one
    # domain wall's worth (~L_φ/L) of suppression
    lp, w = 5.0, 100.0
    ys = np.array([1.0, 4.0])
    rev = strip_magnetotransmission(ys / (4 * lp**2), w, 200.0, lp, field_profile="reversed")
    uni = strip_magnetotransmission(ys / (4 * lp**2), w, 200.0, lp)
    assert np.all(rev < uni) and np.all(rev > 0.9 * uni)
    with pytest.raises(ValueError, match="field_profile"):
        strip_magnetotransmission(b, 60.0, 30.0, 8.0, field_profile="flipped")
