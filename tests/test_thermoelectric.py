"""Landauer–Sivan–Imry integrals, thermoelectric coefficients and their exact limits."""

import math

import mpmath as mp
import numpy as np
import pytest

from rmt_meso.theory import thermoelectric as th
from rmt_meso.transport import SMatrix, Wire
from rmt_meso.transport.thermoelectric import landauer_integrals, thermoelectric_coefficients

PI2_3 = math.pi ** 2 / 3


def _mp_step(x0, n):
    return float(mp.quad(lambda x: x ** n / (4 * mp.cosh(x / 2) ** 2), [x0, 0, mp.inf]))


@pytest.mark.parametrize("x0", [-35.0, -6.0, -0.4, 0.0, 0.3, 2.5, 20.0])
@pytest.mark.parametrize("n", [0, 1, 2])
def test_step_integrals_match_direct_quadrature(x0, n):
    assert th.step_integrals(x0, n) == pytest.approx(_mp_step(x0, n), abs=1e-13, rel=1e-12)


@pytest.mark.parametrize("n", range(7))
def test_fermi_window_moments(n):
    ref = float(mp.quad(lambda x: x ** n / (4 * mp.cosh(x / 2) ** 2), [-mp.inf, 0, mp.inf]))
    assert th.fermi_window_moment(n) == pytest.approx(ref, abs=1e-12, rel=1e-12)


def test_step_lorenz_ratio_limits():
    assert th.step_lorenz_ratio(0.0) == pytest.approx(PI2_3 - 4 * math.log(2) ** 2, rel=1e-13)
    assert th.step_lorenz_ratio(-40.0) == pytest.approx(PI2_3, rel=1e-12)


def test_polynomial_transmission_is_exactly_sommerfeld():
    """For a cubic T(E) the Sommerfeld series terminates: L_n are exact finite sums."""
    c = np.array([0.7, 0.4, -0.3, 0.2])
    mu, kt = 0.15, 0.08

    def t(e):
        return np.polyval(c[::-1], e)
    derivs = [t(mu), c[1] + 2 * c[2] * mu + 3 * c[3] * mu ** 2, 2 * c[2] + 6 * c[3] * mu, 6 * c[3]]
    L, err = landauer_integrals(t, mu=mu, temperature=kt)
    for n in range(3):
        assert L[n] == pytest.approx(th.sommerfeld_integrals(derivs, kt, n), rel=1e-11, abs=1e-14)
        assert err[n] < 1e-10


@pytest.mark.parametrize("s", [0.05, 0.2, 0.3])
def test_exponential_transmission_seebeck_exact(s):
    """T(E) = exp(alpha E): S = -(1/s - pi cot(pi s)), s = alpha kT; Mott is its s -> 0 limit."""
    kt, alpha = 0.05, s / 0.05
    c = thermoelectric_coefficients(lambda e: np.exp(alpha * e), mu=0.1, temperature=kt)
    exact = -(1 / s - math.pi / math.tan(math.pi * s))
    assert c.seebeck == pytest.approx(exact, rel=1e-10)
    assert c.conductance == pytest.approx(math.exp(alpha * 0.1) * math.pi * s / math.sin(math.pi * s),
                                          rel=1e-10)
    mott = th.mott_seebeck(1.0, alpha, kt)
    assert abs(c.seebeck / mott - 1) == pytest.approx(math.pi ** 2 * s ** 2 / 15, rel=0.15 + s)


def test_staircase_lorenz_ratio_and_thermal_quantum():
    steps = [0.0, 0.5]
    kt = 0.01
    mu = np.array([0.25, 0.75, 0.0, 0.5])

    def t(e):
        return (e > 0).astype(float) + (e > 0.5)
    c = thermoelectric_coefficients(t, mu=mu, temperature=kt, breakpoints=steps)
    assert c.lorenz_ratio[:2] == pytest.approx([PI2_3, PI2_3], rel=1e-7)   # steps 25 kT away
    assert c.thermal_conductance[:2] == pytest.approx([1.0, 2.0], rel=1e-7)
    for n in range(3):
        assert c.L[n] == pytest.approx(th.staircase_integrals(steps, mu, kt, n), rel=1e-10, abs=1e-14)
    # mu at the step 1 -> 2: L0 = 3/2, L1 = kT ln 2, L2 = kT^2 (pi^2/3 + pi^2/6)
    assert c.lorenz_ratio[3] == pytest.approx((math.pi ** 2 / 2 - math.log(2) ** 2 / 1.5) / 1.5, rel=1e-12)
    assert c.lorenz_ratio[2] == pytest.approx(PI2_3 - 4 * math.log(2) ** 2, rel=1e-12)


def test_sampled_matches_callable_and_error_is_honest():
    def t(e):
        return 1.5 + np.tanh((e - 0.02) / 0.07)
    kt, mu = 0.02, np.linspace(-0.1, 0.1, 9)
    ref = thermoelectric_coefficients(t, mu=mu, temperature=kt)
    for n_e in (401, 1601):
        e = np.linspace(-1.2, 1.2, n_e)
        c = thermoelectric_coefficients(t(e), energies=e, mu=mu, temperature=kt)
        dev = np.abs(c.L - ref.L)
        assert np.all(dev <= 3 * c.L_error + 1e-13), (dev / c.L_error).max()
        assert np.all(c.L_error < 1e-3 * (401 / n_e) ** 2)


def test_smatrix_sweep_of_a_clean_strip_gives_the_staircase():
    wire = Wire(4, 2)
    eps = -2 * np.cos(np.pi * np.arange(1, 5) / 5)
    edges = np.sort(np.concatenate([eps - 2, eps + 2]))
    signs = np.concatenate([np.ones(4), -np.ones(4)])[np.argsort(np.concatenate([eps - 2, eps + 2]))]
    e = np.linspace(-4.2, -1.0, 641) + 1.234e-4
    smats = wire.smatrix(e)
    kt, mu = 0.02, np.linspace(-3.2, -2.0, 7)
    c = thermoelectric_coefficients(smats, mu=mu, temperature=kt, breakpoints=edges[(edges > e[0]) & (edges < e[-1])])
    for n in range(3):
        assert c.L[n] == pytest.approx(th.staircase_integrals(edges, mu, kt, n, signs=signs), abs=1e-9)


def test_single_smatrix_and_errors_name_the_argument():
    s = SMatrix(t=np.array([[1.0]]), r=np.zeros((1, 1)), tp=np.array([[1.0]]), rp=np.zeros((1, 1)),
                energy=0.0, n_left=1, n_right=1)
    with pytest.raises(ValueError, match="energies"):
        landauer_integrals([1.0, 1.0], mu=0.0, temperature=0.1)
    with pytest.raises(ValueError, match="temperature"):
        landauer_integrals(lambda e: e, mu=0.0, temperature=0.0)
    e = np.linspace(-1, 1, 101)
    with pytest.raises(ValueError, match="cover the Fermi window"):
        landauer_integrals(np.ones_like(e), energies=e, mu=0.0, temperature=0.1)
    L, _ = landauer_integrals(np.ones_like(e), energies=e, mu=0.0, temperature=0.1, fill=1.0)
    assert L[0] == pytest.approx(1.0, abs=1e-12)
    with pytest.raises(ValueError, match="breakpoint"):
        landauer_integrals(np.ones_like(e), energies=e, mu=0.0, temperature=0.01, breakpoints=[e[50]])
    with pytest.raises(ValueError, match="two breakpoints"):
        landauer_integrals(np.ones_like(e), energies=e, mu=0.0, temperature=0.01,
                           breakpoints=[0.0001, 0.0002])
    with pytest.raises(ValueError, match="name"):
        thermoelectric_coefficients(lambda x: np.ones_like(x), mu=0.0, temperature=0.1).error("S")
    with pytest.raises(ValueError, match="transmission must be > 0"):
        th.mott_seebeck(0.0, 1.0, 0.1)
    assert isinstance(s, SMatrix)


def test_si_constants():
    assert th.lorenz_number(unit="SI") == pytest.approx(2.4430e-8, rel=1e-4)
    assert th.thermal_conductance_quantum(1.0) == pytest.approx(9.4642e-13, rel=1e-4)
    assert th.lorenz_number(exact=True) == th.fermi_window_moment(2, exact=True)


def test_transmission_error_enters_the_error_bound():
    from rmt_meso.transport.thermoelectric import _abs_moment
    for n in range(5):
        ref = float(mp.quad(lambda x: abs(x) ** n / (4 * mp.cosh(x / 2) ** 2), [-mp.inf, 0, mp.inf]))
        assert _abs_moment(n) == pytest.approx(ref, rel=1e-12)
    e = np.linspace(-3, 3, 601)
    _, err0 = landauer_integrals(np.ones_like(e), energies=e, mu=0.0, temperature=0.05)
    _, err = landauer_integrals(np.ones_like(e), energies=e, mu=0.0, temperature=0.05,
                                transmission_error=1e-6)
    assert err[0] - err0[0] == pytest.approx(1e-6, rel=1e-12)
    assert err[2] - err0[2] == pytest.approx(1e-6 * 0.05 ** 2 * math.pi ** 2 / 3, rel=1e-12)


def test_batched_smatrix_is_a_sweep():
    e = np.array([-0.3, -0.1, 0.1, 0.3]) * 0.1
    mats = np.stack([np.array([[0.0, 1.0], [1.0, 0.0]], complex)] * e.size)
    s = SMatrix(mats, (1, 1), energy=e)
    assert s.batch_shape == (4,)
    L, err = landauer_integrals(s, mu=0.0, temperature=1e-4)
    assert L[0] == pytest.approx(1.0, abs=1e-12) and L[1] == pytest.approx(0.0, abs=1e-15)
