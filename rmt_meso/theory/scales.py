"""Mesoscopic scales: conductance quantum, phase-coherence length, Thouless energy.

All functions take and return SI units (metres, seconds, joules, kelvin, siemens) and
broadcast over array arguments.

* ``G0 = 2e²/h`` — the spin-degenerate conductance quantum (scipy.constants; exact in the
  2019 SI, where e and h are defined constants).
* ``L_φ = √(D τ_φ)`` — the distance an electron diffuses during its phase-coherence time.
* 2D electron–electron (Nyquist) dephasing, Altshuler–Aronov–Khmelnitsky (1982):
  ``ħ/τ_φ = k_B T ln(πν₀ħD)/(2πν₀ħD)``, linear in T, so ``L_φ ∝ T^{−1/2}``.
* ``E_Th = ħD/L²`` — the inverse diffusion time across a sample of size L; the Thouless
  conductance ``g = E_Th/Δ`` with the mean level spacing ``Δ = 1/(ν L^d)``.

References
----------
B. L. Altshuler, A. G. Aronov and D. E. Khmelnitsky, J. Phys. C 15, 7367 (1982).
D. J. Thouless, Phys. Rev. Lett. 39, 1167 (1977); Phys. Rep. 13, 93 (1974).
Y. Imry, *Introduction to Mesoscopic Physics* (OUP, 2002), ch. 2 and 5.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.constants as const

from .._typing import ArrayLike, FloatOrArray
from .._deprecation import spin_degenerate_to_degeneracy
from .._lazy import sympy as sp
from .._validate import check_array, check_bool, check_int, check_real, check_spin_degeneracy

__all__ = ["G0", "E2_H", "RK", "conductance_quantum", "phase_coherence_length",
           "dephasing_time_ee_2d", "dephasing_time_power_law", "thouless_energy", "level_spacing",
           "thouless_conductance"]

#: e²/h in siemens (conductance quantum per spin).
E2_H = const.e**2 / const.h
#: G0 = 2e²/h = 7.748091729...e-5 S (spin-degenerate conductance quantum).
G0 = 2.0 * E2_H
#: von Klitzing constant R_K = h/e² in ohm.
RK = const.h / const.e**2


def _positive(name: str, value: ArrayLike) -> np.ndarray:
    arr = check_array(name, value)
    if np.any(arr <= 0):
        raise ValueError(f"{name} must be > 0; got {value!r}")
    return arr


def _out(x):
    x = np.asarray(x, dtype=float)
    return float(x) if x.ndim == 0 else x


@spin_degenerate_to_degeneracy
def conductance_quantum(*, spin_degeneracy: int = 1, exact: bool = False) -> Any:
    """The conductance quantum in siemens: ``g_s e²/h``, ``e²/h`` per spin (default) or
    ``G0 = 2e²/h`` for a spin-degenerate channel.

    Parameters
    ----------
    spin_degeneracy : {1, 2}
        ``1`` (default, the toolkit's one spin default): e²/h; ``2``: G0 = 2e²/h.
    exact : bool
        Return a SymPy rational computed from the exact SI values of e and h
        (e = 1.602176634e-19 C, h = 6.62607015e-34 J s, both exact since 2019).

    Examples
    --------
    >>> import numpy as np
    >>> bool(np.isclose(conductance_quantum(spin_degeneracy=2), 7.748091729e-5))
    True
    """
    factor = check_spin_degeneracy(spin_degeneracy)
    exact = check_bool("exact", exact)
    if exact:
        e = sp.Rational("1.602176634e-19")
        h = sp.Rational("6.62607015e-34")
        return factor * e**2 / h
    return float(factor * E2_H)


def phase_coherence_length(diffusion_constant: ArrayLike, tau_phi: ArrayLike) -> FloatOrArray:
    """``L_φ = √(D τ_φ)`` in metres from D (m²/s) and τ_φ (s)."""
    d = _positive("diffusion_constant", diffusion_constant)
    t = _positive("tau_phi", tau_phi)
    return _out(np.sqrt(d * t))


def dephasing_time_ee_2d(temperature: float, sheet_conductance: float) -> FloatOrArray:
    """2D electron–electron dephasing time τ_φ(T) of Altshuler, Aronov & Khmelnitsky.

    .. math::  \\frac{\\hbar}{\\tau_\\varphi} = \\frac{k_B T}{2\\pi\\nu_0\\hbar D}\\,
               \\ln(\\pi\\nu_0\\hbar D) = \\frac{k_B T}{g}\\ln\\frac{g}{2},
               \\qquad g = \\frac{\\sigma_\\square}{2e^2/h} = 2\\pi\\nu_0\\hbar D,

    with ν₀ the density of states per spin and unit area and ``σ_□ = 2e²ν₀D`` (Einstein
    relation, spin-degenerate).  Valid for a good metal, ``g ≫ 1`` (we require g > 2 so that
    the logarithm is positive), and ``k_B T τ/ħ ≪ 1``.

    Parameters
    ----------
    temperature : float or array
        T in kelvin (> 0).
    sheet_conductance : float or array
        σ_□ in siemens (per square), > 2 G0 · 1 (i.e. g > 2).

    Returns
    -------
    float or ndarray
        τ_φ in seconds (∝ 1/T).
    """
    t = _positive("temperature", temperature)
    s = _positive("sheet_conductance", sheet_conductance)
    g = s / G0
    if np.any(g <= 2):
        raise ValueError(f"sheet_conductance must exceed 2 G0 = {2 * G0:.4g} S (g > 2) for the "
                         f"AAK law; got {sheet_conductance!r}")
    rate = const.k * t * np.log(g / 2) / g / const.hbar
    return _out(1.0 / rate)


def dephasing_time_power_law(temperature: ArrayLike, prefactor: float, exponent: float = 1.0) -> FloatOrArray:
    """Phenomenological dephasing law ``τ_φ = A T^{−p}`` (A in s·K^p; p = 1 for 2D e–e)."""
    t = _positive("temperature", temperature)
    a = _positive("prefactor", prefactor)
    p = check_real("exponent", exponent, minimum=0.0, min_inclusive=False)
    return _out(a * t ** (-p))


def thouless_energy(diffusion_constant: ArrayLike, length: ArrayLike) -> FloatOrArray:
    """Thouless energy ``E_Th = ħD/L²`` in joules (D in m²/s, L in m)."""
    d = _positive("diffusion_constant", diffusion_constant)
    length = _positive("length", length)
    return _out(const.hbar * d / length**2)


def level_spacing(dos: ArrayLike, length: ArrayLike, dim: int) -> FloatOrArray:
    """Mean level spacing ``Δ = 1/(ν L^d)`` in joules.

    Parameters
    ----------
    dos : float or array
        Density of states ν per unit energy and d-dimensional volume (J⁻¹ m⁻ᵈ), all spin
        states included.
    length : float or array
        Linear size L in metres.
    dim : {1, 2, 3}
    """
    nu = _positive("dos", dos)
    length = _positive("length", length)
    d = check_int("dim", dim, minimum=1, maximum=3)
    return _out(1.0 / (nu * length**d))


def thouless_conductance(diffusion_constant: ArrayLike, length: ArrayLike, dos: ArrayLike, dim: int) -> FloatOrArray:
    """Thouless conductance ``g = E_Th/Δ = ħ D ν L^{d−2}`` (dimensionless).

    In a metal ``g`` equals the conductance in units of e²/h up to a factor of order one
    (Einstein relation σ = e²νD gives ``G = σ L^{d−2} = (e²/ħ) g``); ``g ≈ 1`` marks the
    Anderson transition.
    """
    return _out(np.asarray(thouless_energy(diffusion_constant, length))
                / np.asarray(level_spacing(dos, length, dim)))
