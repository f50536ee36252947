"""Scaling-slope helpers of the thouless_scaling claim: exact cases and error calibration.

The claim itself (about 6 s on the quick preset) is covered by the end-to-end verify test.
"""

import numpy as np
import pytest

from rmt_meso.claims.thouless_scaling import crossing_with_error, log_fit, sign_change


def test_log_fit_recovers_a_power_law_exactly():
    L = np.array([4, 6, 8, 10])
    b, e, c, chi2 = log_fit(L, 0.7 * np.log(L) - 1.3, np.full(4, 0.05))
    assert b == pytest.approx(0.7, abs=1e-12) and c == pytest.approx(-1.3, abs=1e-12)
    assert chi2 == pytest.approx(0.0, abs=1e-20)
    # two sizes: the slope is the finite difference, no chi2
    b2, e2, _, chi2_2 = log_fit([4, 8], [0.0, np.log(2.0)], [0.1, 0.2])
    assert b2 == pytest.approx(1.0, abs=1e-12) and np.isnan(chi2_2)
    assert e2 == pytest.approx(np.hypot(0.1, 0.2) / np.log(2.0), rel=1e-12)


def test_log_fit_error_is_calibrated():
    """Noisy ln g with known errors: the scatter of the slope equals the propagated error,
    also when the noise differs between sizes and ln g is curved in ln L."""
    rng = np.random.default_rng(11)
    L = np.array([4, 6, 8])
    err = np.array([0.03, 0.05, 0.09])
    truth = 0.5 * np.log(L) + 0.3 * np.log(L) ** 2          # curved: the estimand is fixed
    ref = log_fit(L, truth, err)[0]
    slopes = np.array([log_fit(L, truth + err * rng.standard_normal(3), err)[0]
                       for _ in range(4000)])
    _, e, _, _ = log_fit(L, truth, err)
    assert abs(slopes.mean() - ref) < 5 * e / np.sqrt(slopes.size)
    # the sample std of 4000 normal draws has relative error 1/sqrt(2*3999) = 1.1 %
    assert slopes.std(ddof=1) == pytest.approx(e, rel=5 * 0.0112)


def test_log_fit_bad_input():
    with pytest.raises(ValueError, match="positive"):
        log_fit([4, 6], [0.0, 1.0], [0.1, 0.0])
    with pytest.raises(ValueError, match="positive"):
        log_fit([0, 6], [0.0, 1.0], [0.1, 0.1])
    with pytest.raises(ValueError, match="ln_g"):
        log_fit([4, 6, 8], [0.0, 1.0], [0.1, 0.1, 0.1])


def test_sign_change_cases():
    W = np.array([8.0, 12.0, 16.0, 20.0])
    assert sign_change(W, 0.25 * (15.0 - W)) == pytest.approx(15.0, abs=1e-12)
    assert np.isnan(sign_change(W, [1.0, 0.5, 0.2, 0.1]))          # never negative
    assert np.isnan(sign_change(W, [-1.0, -0.5, 0.2, 0.3]))        # wrong direction
    # noise: two roots (10 and 18) -> their midpoint
    assert sign_change(W, [1.0, -1.0, 1.0, -1.0]) == pytest.approx(14.0, abs=1e-12)


def test_crossing_error_matches_delta_method_when_resolved():
    """Well-resolved linear β(W) = a (W0 - W): the bootstrap error is the delta-method error
    of the interpolation between the bracketing pair."""
    W = np.array([8.0, 12.0, 16.0, 20.0, 24.0])
    a, W0, s = 0.2, 14.5, 0.05
    beta = a * (W0 - W)
    err = np.full(W.size, s)
    w, we, frac = crossing_with_error(W, beta, err, rng=3, n_draws=8000)
    assert w == pytest.approx(W0, abs=1e-12) and frac == 1.0
    b1, b2 = beta[1], beta[2]
    dW = W[2] - W[1]
    delta = dW * np.hypot(b2 * s, b1 * s) / (b1 - b2) ** 2
    assert we == pytest.approx(delta, rel=0.1)
    # reproducible from the seed
    assert crossing_with_error(W, beta, err, rng=3, n_draws=8000) == (w, we, frac)


def test_crossing_unresolved_is_reported():
    W = np.array([8.0, 12.0, 16.0])
    w, we, frac = crossing_with_error(W, [3.0, 2.0, 1.0], [0.1, 0.1, 0.1], rng=1, n_draws=200)
    assert np.isnan(w) and np.isnan(we) and frac == 0.0


def test_shift_is_twice_the_curvature_deep_in_the_insulator():
    """A level localised much closer than L feels the boundary twist only through its first
    harmonic, E(θ) = E0 + a cos θ (higher windings cost exp(-2L/ξ) more), so the
    Edwards-Thouless shift E(π) - E(0) = -2a = 2 c: two independent computations (two
    diagonalisations vs second-order perturbation theory) of the claim's kernel agree, which
    is the conversion between the two g conventions quoted in the claim's note."""
    from rmt_meso._blas import single_threaded_blas
    from rmt_meso.claims.thouless_conductance import _sample

    with single_threaded_blas():
        x = _sample(np.random.SeedSequence(3), 6, L=6, W=100.0)
    shift = x[:, 1] - x[:, 0]
    ratio = shift / (2 * x[:, 2])
    # signs agree (E(π) - E(0) = 2c for E0 + a cos θ) and the magnitude to the next harmonic
    assert np.mean(ratio > 0) > 0.99
    assert np.median(np.abs(ratio - 1)) < 1e-3
    assert np.percentile(np.abs(ratio - 1), 90) < 1e-2
