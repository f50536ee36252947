"""Estimate: conversion, formatting, and arithmetic checked against Monte-Carlo propagation.

Linear propagation predicts the spread of f(X, Y) for independent Gaussian X ~ N(a, σa),
Y ~ N(b, σb) when the relative errors are small.  Each test draws 200 000 pairs, measures the
standard deviation of f and compares it with the propagated stderr.  The tolerance is the
Monte-Carlo standard error of a standard deviation (σ/√(2M) for M normal draws, ×5) plus the
second-order (curvature) bias of linear propagation, which is O(rel²) ≈ 1e-4 relative here.
"""

import math
import pickle
import warnings

import numpy as np
import pytest

from rmt_meso.compare import Comparison, Estimate, interval, propagate, zscore

M = 200_000
A, SA = 3.0, 0.03          # 1 % relative errors: curvature corrections ~1e-4
B, SB = -1.5, 0.02


OPS = {
    "add": (lambda x, y: x + y),
    "sub": (lambda x, y: x - y),
    "rsub_const": (lambda x, y: 2.0 - x),
    "mul": (lambda x, y: x * y),
    "div": (lambda x, y: x / y),
    "rdiv_const": (lambda x, y: 1.0 / y),
    "pow_const": (lambda x, y: x ** 2.5),
    "neg_abs": (lambda x, y: abs(-y)),
    "log": (lambda x, y: np.log(x)),
    "exp": (lambda x, y: np.exp(y)),
    "sqrt": (lambda x, y: np.sqrt(x)),
    "mixed": (lambda x, y: (x * y - 2 * x) / (x + 1.0)),
    "shared_operand": (lambda x, y: x / (x + y)),     # correlated through x
}


@pytest.mark.parametrize("name", list(OPS))
def test_arithmetic_matches_monte_carlo(name):
    f = OPS[name]
    est = f(Estimate(A, SA, 1000), Estimate(B, SB, 500))
    assert isinstance(est, Estimate)
    rng = np.random.default_rng(20261207)
    x = rng.normal(A, SA, M)
    y = rng.normal(B, SB, M)
    fx = f(x, y)
    sd = fx.std(ddof=1)
    tol = 5 * sd / math.sqrt(2 * M) + 1e-3 * sd
    assert abs(est.stderr - sd) < tol, f"{name}: propagated {est.stderr:.6g}, Monte Carlo {sd:.6g}"
    # the value is f at the inputs' values (first order), the MC mean differs at O(σ²)
    np.testing.assert_allclose(est.value, f(A, B), rtol=1e-12, err_msg=name)


def test_propagate_matches_monte_carlo():
    est = propagate(math.atan2, Estimate(A, SA), Estimate(B, SB))
    rng = np.random.default_rng(3)
    fx = np.arctan2(rng.normal(A, SA, M), rng.normal(B, SB, M))
    sd = fx.std(ddof=1)
    assert abs(est.stderr - sd) < 5 * sd / math.sqrt(2 * M) + 1e-3 * sd
    assert est.value == pytest.approx(math.atan2(A, B), rel=1e-12)


def test_independent_sum_is_quadrature_and_correlations_cancel():
    a, b = Estimate(2.0, 0.3, 100), Estimate(1.0, 0.4, 50)
    d = a - b
    assert d.value == pytest.approx(1.0) and d.stderr == pytest.approx(0.5) and d.n == 50
    assert (a - a).stderr == 0.0 and (a / a).value == 1.0 and (a / a).stderr == 0.0
    s = a + b
    assert (s - b).stderr == pytest.approx(a.stderr)             # (a + b) − b is a
    # two estimates with equal numbers are still independent measurements
    assert (a - Estimate(2.0, 0.3, 100)).stderr == pytest.approx(0.3 * math.sqrt(2))
    # constants carry no error and keep n
    c = 2 * a + 1
    assert (c.value, c.stderr, c.n) == (5.0, pytest.approx(0.6), 100)


def test_correlations_survive_pickling_of_one_object():
    a = Estimate(2.0, 0.3, 10)
    pair = pickle.loads(pickle.dumps((a, a + 1)))
    assert (pair[1] - pair[0]).stderr == pytest.approx(0.0, abs=1e-15)
    assert pickle.loads(pickle.dumps(a)) == a


def test_float_and_numpy_interop():
    a = Estimate(2.0, 0.1, 7)
    assert float(a) == 2.0 and math.isclose(np.log(a).stderr, 0.05)
    assert np.array([a, Estimate(4.0, 0.2)], dtype=float).tolist() == [2.0, 4.0]
    assert a.relative_stderr == pytest.approx(0.05)


@pytest.mark.parametrize("value, stderr, spec, text", [
    (0.530712, 0.001234, "", "0.5307 ± 0.0012"),
    (0.530712, 0.001234, ".2u", "0.5307 ± 0.0012"),
    (0.530712, 0.001234, ".1u", "0.531 ± 0.001"),
    (0.530712, 0.001234, "u", "0.5307 ± 0.0012"),
    (12345.6, 23.4, ".2u", "12346 ± 23"),
    (1.23, 0.0996, ".2u", "1.23 ± 0.10"),        # the error rounds up into the next decade
    (3.1e-9, 2.2e-10, ".2u", "(3.10 ± 0.22)e-09"),
    (0.530712, 0.001234, ".3f", "0.531 ± 0.0012"),
    (0.530712, 0.0, "", "0.530712 ± 0"),
])
def test_format(value, stderr, spec, text):
    assert format(Estimate(value, stderr), spec) == text


def test_format_rejects_bad_spec():
    with pytest.raises(ValueError, match="format spec"):
        format(Estimate(1.0, 0.1), ".xu")


def test_arithmetic_refuses_arrays_and_junk():
    with pytest.raises(TypeError, match="scalar value and stderr"):
        Estimate(np.zeros(3), np.ones(3)) + 1
    with pytest.raises(TypeError):
        Estimate(1.0, 0.1) + "x"
    with pytest.raises(TypeError, match="estimates\\[1\\]"):
        propagate(math.hypot, Estimate(1.0, 0.1), "x")


def test_stderr_is_the_one_name():
    c = zscore(1.1, 0.05, 1.0)
    assert isinstance(c, Comparison) and c.stderr == 0.05
    assert "stderr" in c.to_dict() and "error" not in c.to_dict()
    with pytest.warns(DeprecationWarning, match="Comparison.error"):
        assert c.error == 0.05
    with pytest.warns(DeprecationWarning, match="error=...") :
        assert zscore(1.1, error=0.05, theory=1.0).stderr == 0.05
    with pytest.warns(DeprecationWarning):
        assert interval(1.0, 0.0, 2.0, error=0.1).stderr == 0.1
    with pytest.raises(TypeError, match="both 'stderr' and its deprecated name 'error'"):
        zscore(1.1, stderr=0.05, error=0.05, theory=1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert Estimate(1.1, 0.05).compare(1.0).stderr == 0.05
