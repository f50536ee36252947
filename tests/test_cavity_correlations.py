"""Energy and parameter correlations of the conductance of a Mahaux–Weidenmüller cavity.

Numerical widths vs the large-N theory: Lorentzian of half-width Γ = NΔ/2π in energy, squared
Lorentzian in the rotation angle with 1 − cos X_c = N/(4M).  Stated finite-N allowance: a
relative 1/N (N = n1 + n2) of the theory width, added in quadrature to the jackknife error
(the shape has O(1/N) corrections that are not computed).
"""

import numpy as np
import pytest

from rmt_meso.theory import cavity as th
from rmt_meso.transport.cavity import CavityScattering, HamiltonianCavity
from rmt_meso.transport.cavity_correlations import (CorrelationCurve, conductance_fingerprints,
                                                    energy_autocorrelation, fit_correlation_width,
                                                    parametric_autocorrelation)

N1 = N2 = 4
M = 100
STEP = 0.25
ENERGIES = np.arange(-8.0, 8.0 + 1e-9, STEP)


def _z(value, err, theory, allowance):
    return abs(value - theory) / np.hypot(err, allowance)


def test_theory_shape_and_amplitude():
    n = N1 + N2
    gam = th.correlation_energy(n)
    assert np.isclose(gam, n / (2 * np.pi)) and np.isclose(gam, th.weisskopf_width(np.ones(n)))
    for beta in (1, 2, 4):
        c0 = th.conductance_correlation(0.0, N1, N2, beta)
        assert np.isclose(c0, th.ucf_large_n(beta)), "amplitude = large-N UCF"
        assert np.isclose(th.conductance_correlation(gam, N1, N2, beta), c0 / 2)
        xc = th.parametric_correlation_scale(n, M)
        assert np.isclose(th.conductance_correlation(0.0, N1, N2, beta, dx=xc, M=M), c0 / 4)
    # unequal leads: amplitude is the large-N var g for ratio n2/n1
    assert np.isclose(th.conductance_correlation(0.0, 2, 6, 1), th.ucf_large_n(1, ratio=3))
    assert np.isclose(th.parametric_correlation_scale(8, 100), np.sqrt(8 / 200), rtol=0.01)
    e = np.linspace(0, 5, 7)
    assert np.allclose(th.conductance_correlation(e, N1, N2, 2, normalized=True), 1 / (1 + (e / gam) ** 2))
    with pytest.raises(ValueError):
        th.conductance_correlation(0.0, 4, 4, 1, dx=0.1)
    with pytest.raises(ValueError):
        th.parametric_correlation_scale(8, 4)


def test_estimator_on_synthetic_data():
    # AR(1)-type exponential correlation exp(-k a) of a known amplitude: the estimator is unbiased
    rng = np.random.default_rng(3)
    size, m, a = 4000, 60, 0.3
    phi = np.exp(-a)
    x = np.empty((size, m))
    x[:, 0] = rng.standard_normal(size)
    for k in range(1, m):
        x[:, k] = phi * x[:, k - 1] + np.sqrt(1 - phi**2) * rng.standard_normal(size)
    c = energy_autocorrelation(2.0 + 0.5 * x, 1.0, 10)
    expect = 0.25 * phi ** np.arange(11)
    bias = 0.25 * (1 + phi) / ((1 - phi) * size * m)        # from subtracting the sample mean
    assert np.all(np.abs(c.value - expect) < 5 * c.stderr + bias)
    # Lorentzian-correlated data from a random superposition: the fit recovers the width
    w = 3.0
    t = rng.exponential(1 / w, size=(size, 40))            # "dwell times" with rate w
    grid = np.arange(0, 30, 0.5)
    ph = rng.uniform(0, 2 * np.pi, size=(size, 40))
    z = np.sum(np.exp(1j * (grid[None, :, None] * t[:, None, :] + ph[:, None, :])), axis=2) / np.sqrt(40)
    curve = energy_autocorrelation(z.real, 0.5, 30)          # C(ε) = ½ w²/(w² + ε²)
    fit = fit_correlation_width(curve, "lorentzian")
    assert abs(fit.width - w) < 5 * fit.width_stderr, fit
    assert abs(fit.amplitude - 0.5) < 5 * fit.amplitude_stderr, fit


@pytest.mark.parametrize("beta", [1, 2])
def test_energy_correlation_width(beta):
    n = N1 + N2
    cav = HamiltonianCavity(M, N1, N2, beta)
    g = conductance_fingerprints(cav, 400, rng=5 + beta, energy=ENERGIES)[:, 0]
    curve = energy_autocorrelation(g, STEP, 32)
    assert isinstance(curve, CorrelationCurve) and curve.value.shape == (33,)
    # zero lag: the exact finite-N variance (Savin–Sommers), allowance N/M for the finite-M bias
    var = th.var_transmission(N1, N2, beta)
    assert _z(curve.value[0], curve.stderr[0], var, var * n / M) < 4, (curve.value[0], var)
    fit = fit_correlation_width(curve, "lorentzian")
    gam = th.correlation_energy(n)
    assert _z(fit.width, fit.width_stderr, gam, gam / n) < 4, (fit, gam)


@pytest.mark.slow
@pytest.mark.parametrize("beta", [1, 2])
def test_parametric_correlation_width(beta):
    n = N1 + N2
    xs = np.array([0.0, 0.05, 0.1, 0.15, 0.22, 0.32])
    cav = HamiltonianCavity(M, N1, N2, beta)
    g = conductance_fingerprints(cav, 400, rng=50 + beta, energy=[-6.0, 0.0, 6.0], x=xs)
    assert g.shape == (400, xs.size, 3)
    curve = parametric_autocorrelation(g, xs)
    fit = fit_correlation_width(curve, "lorentzian2", transform=lambda d: 2 * np.sin(d / 2))
    xc = th.parametric_correlation_scale(n, M)
    sc = 2 * np.sin(xc / 2)                                   # fitted in s = 2 sin(δX/2)
    assert _z(fit.width, fit.width_stderr, sc, sc / n) < 4, (fit, sc)
    # the squared Lorentzian, not a Lorentzian: at δX = X_c the correlation has dropped to 1/4
    ratio = curve.per_sample[:, 4] / curve.value[0]
    theory = th.conductance_correlation(0.0, N1, N2, beta, dx=xs[4], M=M, normalized=True)
    assert abs(ratio.mean() - theory) < 4 * ratio.std(ddof=1) / np.sqrt(ratio.size) + 1 / n


@pytest.mark.parametrize("call,exc", [
    (lambda: conductance_fingerprints("cavity", 2), TypeError),
    (lambda: energy_autocorrelation(np.ones((3, 5)), 0.0, 2), ValueError),
    (lambda: energy_autocorrelation(np.ones((3, 5)), 1.0, 5), ValueError),
    (lambda: energy_autocorrelation(np.ones((1, 5)), 1.0, 2), ValueError),
    (lambda: parametric_autocorrelation(np.ones((3, 4, 2)), [0, 1, 2]), ValueError),
    (lambda: fit_correlation_width(np.ones(3)), TypeError),
    (lambda: fit_correlation_width(energy_autocorrelation(np.random.default_rng(0).random((4, 6)), 1.0, 3),
                                   "gauss"), ValueError),
])
def test_bad_input(call, exc):
    with pytest.raises(exc):
        call()


@pytest.mark.parametrize("beta", [1, 2, 4])
def test_fingerprints_match_sample_parametric(beta):
    # same rng -> same H1, H2; the eigen-Cayley route agrees with the cavity's own S(E, X)
    cav = HamiltonianCavity(20, 2, 3, beta)
    xs, es = np.array([0.0, 0.3]), np.array([-1.5, 0.0, 0.8])
    g = conductance_fingerprints(cav, 3, rng=9, energy=es, x=xs)
    s = cav.sample_parametric(3, rng=9, x=xs, energy=es)
    ref = CavityScattering(s.reshape(-1, *s.shape[-2:]), 2, 3, cav.beta).conductance()
    assert np.allclose(g.ravel(), ref, atol=1e-9)
