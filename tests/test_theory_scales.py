"""Mesoscopic scales: G0, L_phi, AAK dephasing, Thouless energy and conductance."""

import numpy as np
import pytest
import scipy.constants as const
import sympy as sp

from rmt_meso.theory import scales as sc


def test_conductance_quantum_value_and_units():
    assert sc.conductance_quantum(spin_degeneracy=2) == 2 * const.e**2 / const.h
    assert np.isclose(sc.conductance_quantum(spin_degeneracy=2), 7.748091729e-5, rtol=1e-10)
    assert np.isclose(sc.conductance_quantum(), 1 / 25812.80745, rtol=1e-9)
    with pytest.warns(DeprecationWarning, match="spin_degeneracy=2"):
        assert sc.conductance_quantum(spin_degenerate=True) == sc.conductance_quantum(spin_degeneracy=2)
    exact = sc.conductance_quantum(spin_degeneracy=2, exact=True)
    assert isinstance(exact, sp.Rational)
    assert exact == 2 * sp.Rational("1.602176634e-19") ** 2 / sp.Rational("6.62607015e-34")
    assert np.isclose(float(exact), sc.G0, rtol=1e-15)
    assert np.isclose(sc.RK * sc.E2_H, 1.0, rtol=1e-15)
    # units: e^2/h = C^2/(J s) = A^2 s^2/(J s) = A/V = S ; check with the SI units of scipy
    assert const.unit("elementary charge") == "C" and const.unit("Planck constant") == "J Hz^-1"


def test_phase_coherence_length_law():
    d, tau = 0.02, np.array([1e-11, 4e-11, 9e-11])
    assert np.allclose(sc.phase_coherence_length(d, tau), np.sqrt(d * tau))
    t = np.array([0.1, 0.4, 1.6, 6.4])
    tau_ee = sc.dephasing_time_ee_2d(t, 30 * sc.G0)
    # AAK: tau_phi ∝ 1/T exactly, so L_phi ∝ T^(-1/2)
    slope = np.polyfit(np.log(t), np.log(sc.phase_coherence_length(d, tau_ee)), 1)[0]
    assert np.isclose(slope, -0.5, atol=1e-12)
    g = 30.0
    expected = const.hbar * g / (const.k * 1.0 * np.log(g / 2))
    assert np.isclose(sc.dephasing_time_ee_2d(1.0, g * sc.G0), expected, rtol=1e-12)
    assert np.allclose(sc.dephasing_time_power_law(t, 2e-11), 2e-11 / t)


def test_thouless_scales():
    d, length, nu = 0.01, 1e-6, 1e36  # D (m^2/s), L (m), 2D DOS (J^-1 m^-2)
    e_th = sc.thouless_energy(d, length)
    assert np.isclose(e_th, const.hbar * d / length**2)
    delta = sc.level_spacing(nu, length, 2)
    assert np.isclose(delta, 1 / (nu * length**2))
    g = sc.thouless_conductance(d, length, nu, 2)
    assert np.isclose(g, const.hbar * d * nu)  # 2D: g = hbar D nu, independent of L
    assert np.isclose(sc.thouless_conductance(d, 2 * length, nu, 2), g)
    assert np.isclose(sc.thouless_conductance(d, 2 * length, nu, 3), 2 * sc.thouless_conductance(d, length, nu, 3))


@pytest.mark.parametrize("call,exc", [
    (lambda: sc.phase_coherence_length(-1.0, 1.0), ValueError),
    (lambda: sc.phase_coherence_length(1.0, 0.0), ValueError),
    (lambda: sc.dephasing_time_ee_2d(0.0, 1e-3), ValueError),
    (lambda: sc.dephasing_time_ee_2d(1.0, 1e-5), ValueError),
    (lambda: sc.level_spacing(1.0, 1.0, 4), ValueError),
    (lambda: sc.conductance_quantum(exact=1), TypeError),
    (lambda: sc.dephasing_time_power_law(1.0, 1.0, exponent=0.0), ValueError),
])
def test_bad_input(call, exc):
    with pytest.raises(exc):
        call()
