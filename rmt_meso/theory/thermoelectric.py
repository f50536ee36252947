"""Exact theory of linear-response thermoelectric transport in the Landauer picture.

A two-terminal conductor with total transmission :math:`\\mathcal T(E)` has the
Landauer–Sivan–Imry integrals

.. math::

    L_n(\\mu, T) = \\int dE\\, (E-\\mu)^n\\, \\mathcal T(E) \\left(-\\frac{\\partial f}{\\partial E}\\right)
                 = (k_BT)^n \\int dx\\, x^n\\, \\mathcal T(\\mu + k_BT x)\\, w(x),
    \\qquad w(x) = \\frac{1}{4\\cosh^2(x/2)},

from which (per spin channel, charge :math:`-e`)

* conductance :math:`G = (e^2/h) L_0`,
* Seebeck coefficient :math:`S = -L_1/(e T L_0)`, i.e. :math:`-L_1/(k_BT L_0)` in units of
  :math:`k_B/e`,
* electronic thermal conductance at zero current
  :math:`\\kappa = (L_2 - L_1^2/L_0)/(hT)`, i.e. :math:`(3/\\pi^2)(L_2 - L_1^2/L_0)/(k_BT)^2`
  in units of the thermal conductance quantum :math:`\\kappa_0 = \\pi^2 k_B^2 T/(3h)`,
* Lorenz ratio :math:`\\kappa/(GT) = (L_2 - L_1^2/L_0)/((k_BT)^2 L_0)` in units of
  :math:`(k_B/e)^2`; the Wiedemann–Franz law is :math:`\\pi^2/3`.

This module holds the exact laws these are compared with: the moments of the Fermi window,
the closed-form integrals of a unit step of transmission (a conductance step of a clean
constriction), staircases of such steps, the Sommerfeld expansion and Mott's formula.
Numerical integrals of a computed :math:`\\mathcal T(E)` live in
:mod:`rmt_meso.transport.thermoelectric`.

References
----------
U. Sivan and Y. Imry, Phys. Rev. B 33, 551 (1986).
P. N. Butcher, J. Phys.: Condens. Matter 2, 4869 (1990).
H. van Houten, L. W. Molenkamp, C. W. J. Beenakker and C. T. Foxon, Semicond. Sci.
Technol. 7, B215 (1992) (thermopower and thermal conductance of a point contact).
N. F. Mott and H. Jones, *The Theory of the Properties of Metals and Alloys* (1936);
M. Cutler and N. F. Mott, Phys. Rev. 181, 1336 (1969).
K. Schwab, E. A. Henriksen, J. M. Worlock and M. L. Roukes, Nature 404, 974 (2000)
(the thermal conductance quantum).
"""

from __future__ import annotations

import math

from typing import Any

import numpy as np
import scipy.constants as const
from scipy import special

from .._typing import ArrayLike, FloatOrArray
from .._lazy import sympy as sp
from .._validate import check_array, check_bool, check_int, check_real

__all__ = ["LORENZ_NUMBER", "fermi_window", "fermi_window_moment", "step_integrals",
           "staircase_integrals", "sommerfeld_integrals", "mott_seebeck", "lorenz_number",
           "thermal_conductance_quantum", "step_lorenz_ratio"]

#: Sommerfeld value of the Lorenz ratio κ/(GT) in units of (k_B/e)²: π²/3.
LORENZ_NUMBER = math.pi ** 2 / 3


def fermi_window(x: ArrayLike) -> FloatOrArray:
    """Fermi window :math:`w(x) = -\\partial f/\\partial x = 1/(4\\cosh^2(x/2))`, x = (E-μ)/k_BT.

    Normalised, :math:`\\int w\\,dx = 1`, even in x; evaluated without overflow for any x.

    Examples
    --------
    >>> bool(np.isclose(fermi_window(0.0), 0.25))
    True
    """
    xa = np.abs(np.asarray(x, dtype=float))
    e = np.exp(-xa)
    out = e / (1.0 + e) ** 2
    return float(out) if out.ndim == 0 else out


def fermi_window_moment(n: int, *, exact: bool = False) -> Any:
    """Moment :math:`M_n = \\int x^n w(x)\\,dx` of the Fermi window.

    ``M_n = 0`` for odd n, ``M_0 = 1`` and :math:`M_n = 2\\,n!\\,(1 - 2^{1-n})\\,\\zeta(n)` for even
    ``n >= 2``: π²/3, 7π⁴/15, 31π⁶/21, ...

    Parameters
    ----------
    n : int >= 0
    exact : bool
        Return a SymPy expression.

    References
    ----------
    N. W. Ashcroft and N. D. Mermin, *Solid State Physics* (1976), App. C (Sommerfeld expansion).

    Examples
    --------
    >>> fermi_window_moment(2, exact=True)
    pi**2/3
    >>> fermi_window_moment(4, exact=True)
    7*pi**4/15
    """
    n = check_int("n", n, minimum=0)
    exact = check_bool("exact", exact)
    if n % 2:
        value = sp.Integer(0)
    elif n == 0:
        value = sp.Integer(1)
    else:
        value = 2 * sp.factorial(n) * (1 - sp.Integer(2) ** (1 - n)) * sp.zeta(n)
    value = sp.nsimplify(sp.simplify(value)) if exact else value
    return sp.simplify(value) if exact else float(value)


def _upper_step(x0, n):
    """:math:`\\int_{x_0}^\\infty x^n w(x) dx` for x0 >= 0 (closed forms, no cancellation)."""
    e = np.exp(-x0)
    one_minus_sigma = e / (1.0 + e)               # 1 - σ(x0) = f(x0)
    log_term = np.log1p(e)                        # ln(1 + e^{-x0})
    if n == 0:
        return one_minus_sigma
    if n == 1:
        return x0 * one_minus_sigma + log_term
    # ∫_{x0}^∞ x²w = x0² f(x0) + 2 ∫_{x0}^∞ x f(x) dx,  ∫_{x0}^∞ x f = x0 ln(1+e^{-x0}) - Li2(-e^{-x0})
    li2 = special.spence(1.0 + e)                 # Li2(z) = spence(1 - z), z = -e^{-x0}
    return x0 ** 2 * one_minus_sigma + 2.0 * (x0 * log_term - li2)


def step_integrals(x0: ArrayLike, n: int) -> FloatOrArray:
    """Fermi-window integral of a unit step: :math:`I_n(x_0) = \\int_{x_0}^{\\infty} x^n w(x)\\,dx`.

    A transmission :math:`\\mathcal T(E) = \\Theta(E - E_0)` has
    :math:`L_n = (k_BT)^n I_n((E_0-\\mu)/k_BT)`.  Closed forms (σ the logistic function,
    :math:`f = 1-\\sigma`):

    * :math:`I_0 = f(x_0)`,
    * :math:`I_1 = x_0 f(x_0) + \\ln(1 + e^{-x_0})`,
    * :math:`I_2 = x_0^2 f(x_0) + 2[x_0\\ln(1+e^{-x_0}) - \\mathrm{Li}_2(-e^{-x_0})]`,

    evaluated for negative :math:`x_0` through :math:`I_n(x_0) = M_n - (-1)^n I_n(-x_0)`.

    Parameters
    ----------
    x0 : float or array_like
        Step position relative to μ in units of k_BT.
    n : {0, 1, 2}

    Returns
    -------
    float or ndarray

    Examples
    --------
    >>> [round(step_integrals(0.0, n), 12) for n in (0, 1, 2)] == [0.5, round(math.log(2), 12),
    ...                                                          round(math.pi**2 / 6, 12)]
    True
    """
    n = check_int("n", n, minimum=0, maximum=2)
    x = check_array("x0", x0, dtype=float, finite=True)
    m_n = fermi_window_moment(n)
    pos = _upper_step(np.abs(x), n)
    out = np.where(x >= 0, pos, m_n - (-1) ** n * pos)
    return float(out) if out.ndim == 0 else out


def staircase_integrals(steps: ArrayLike, mu: ArrayLike, temperature: float, n: int, *, signs: ArrayLike | None = None) -> FloatOrArray:
    """Exact :math:`L_n` of a staircase :math:`\\mathcal T(E) = \\sum_k s_k \\Theta(E - E_k)`.

    The total transmission of a clean, adiabatic constriction or of a clean strip: each
    transverse mode opens (``s_k = +1``) or, on a lattice, closes (``s_k = -1``) at its
    threshold ``E_k``.

    Parameters
    ----------
    steps : array_like, shape (K,)
        Threshold energies E_k.
    mu : float or array_like
        Chemical potential(s) (same energy unit).
    temperature : float
        :math:`k_BT > 0` in the same unit.
    n : {0, 1, 2}
    signs : array_like of ±1, optional
        Step directions (default all +1).

    Returns
    -------
    float or ndarray with the shape of ``mu``
        :math:`L_n = (k_BT)^n \\sum_k s_k I_n((E_k - \\mu)/k_BT)` (see :func:`step_integrals`).

    Examples
    --------
    >>> bool(np.isclose(staircase_integrals([0.0], 0.0, 0.1, 0), 0.5))
    True
    """
    e = check_array("steps", steps, ndim=1, dtype=float, finite=True)
    s = np.ones_like(e) if signs is None else check_array("signs", signs, shape=e.shape, dtype=float)
    if not np.all(np.isin(s, (-1.0, 1.0))):
        raise ValueError(f"signs must be +1 or -1; got {signs!r}")
    mu_arr = check_array("mu", mu, dtype=float, finite=True)
    kt = check_real("temperature", temperature, minimum=0.0, min_inclusive=False)
    x0 = (e[:, None] - mu_arr.reshape(1, -1)) / kt
    out = kt ** n * np.sum(s[:, None] * step_integrals(x0, n), axis=0)
    out = out.reshape(mu_arr.shape)
    return float(out) if out.ndim == 0 else out


def step_lorenz_ratio(x0: ArrayLike, plateau: int = 0) -> FloatOrArray:
    """Lorenz ratio κ/(GT) of a step from N to N+1 channels at :math:`x_0=(E_0-\\mu)/k_BT`.

    :math:`\\mathcal T(E) = N + \\Theta(E - E_0)`, in units of :math:`(k_B/e)^2`:
    :math:`(L_2 - L_1^2/L_0)/((k_BT)^2 L_0)` with :math:`L_0 = N + I_0`, :math:`L_1 = k_BT I_1`,
    :math:`L_2 = (k_BT)^2 (N\\pi^2/3 + I_2)` (:func:`step_integrals`).  It tends to π²/3
    (the Wiedemann–Franz value) away from the step and equals

    .. math:: \\frac{\\pi^2}{3} - \\frac{\\ln^2 2}{(N + 1/2)^2}

    with μ at the step (x0 = 0): a conductance step violates the Wiedemann–Franz law, by
    :math:`4\\ln^2 2 \\approx 1.92` at the first step and less on higher ones.

    Parameters
    ----------
    x0 : float or array_like
    plateau : int >= 0
        Number N of open channels below the step.

    Examples
    --------
    >>> bool(np.isclose(step_lorenz_ratio(0.0), math.pi**2 / 3 - 4 * math.log(2)**2))
    True
    >>> bool(np.isclose(step_lorenz_ratio(0.0, 2), math.pi**2 / 3 - math.log(2)**2 / 2.5**2))
    True
    """
    n = check_int("plateau", plateau, minimum=0)
    i0, i1, i2 = (step_integrals(x0, k) for k in (0, 1, 2))
    l0, l2 = n + i0, n * LORENZ_NUMBER + i2
    return (l2 - i1 ** 2 / l0) / l0


def sommerfeld_integrals(derivatives: ArrayLike, temperature: float, n: int) -> FloatOrArray:
    """Sommerfeld expansion :math:`L_n = \\sum_k \\mathcal T^{(k)}(\\mu)/k!\\,(k_BT)^{n+k} M_{n+k}`.

    Exact when :math:`\\mathcal T` is a polynomial of degree < len(derivatives); otherwise
    the low-temperature asymptotic series (error of the order of the first omitted term).

    Parameters
    ----------
    derivatives : array_like, shape (K, ...)
        :math:`\\mathcal T(\\mu), \\mathcal T'(\\mu), \\ldots` (trailing axes broadcast, e.g. over μ).
    temperature : float
        :math:`k_BT > 0`.
    n : int >= 0

    Examples
    --------
    >>> # T(E) = E^2 at mu = 1: L_0 = 1 + (pi^2/3) kT^2
    >>> bool(np.isclose(sommerfeld_integrals([1.0, 2.0, 2.0], 0.1, 0), 1 + math.pi**2 / 300))
    True
    """
    d = check_array("derivatives", derivatives, dtype=float, finite=True)
    if d.ndim == 0:
        d = d[None]
    n = check_int("n", n, minimum=0)
    kt = check_real("temperature", temperature, minimum=0.0, min_inclusive=False)
    out = sum(d[k] / math.factorial(k) * kt ** (n + k) * fermi_window_moment(n + k)
              for k in range(d.shape[0]))
    return float(out) if np.ndim(out) == 0 else out


def mott_seebeck(transmission: ArrayLike, derivative: ArrayLike, temperature: float) -> FloatOrArray:
    """Mott's formula :math:`S = -(\\pi^2/3)\\,k_BT\\,\\mathcal T'(\\mu)/\\mathcal T(\\mu)` in units of k_B/e.

    The leading low-temperature term of :math:`-L_1/(k_BT L_0)` (carriers of charge −e:
    a transmission rising with energy gives S < 0).

    Parameters
    ----------
    transmission, derivative : float or array_like
        :math:`\\mathcal T(\\mu)` (> 0) and :math:`d\\mathcal T/dE` at μ.
    temperature : float
        :math:`k_BT > 0` (same energy unit as the derivative's denominator).

    References
    ----------
    M. Cutler and N. F. Mott, Phys. Rev. 181, 1336 (1969); Sivan and Imry (1986).

    Examples
    --------
    >>> bool(np.isclose(mott_seebeck(2.0, 1.0, 0.03), -math.pi**2 / 3 * 0.03 / 2))
    True
    """
    t = check_array("transmission", transmission, dtype=float, finite=True)
    if np.any(t <= 0):
        raise ValueError(f"transmission must be > 0 for the Mott formula; got {transmission!r}")
    d = check_array("derivative", derivative, dtype=float, finite=True)
    kt = check_real("temperature", temperature, minimum=0.0, min_inclusive=False)
    out = -LORENZ_NUMBER * kt * d / t
    return float(out) if np.ndim(out) == 0 else out


def lorenz_number(*, unit: str | None = None, exact: bool = False) -> Any:
    """The Sommerfeld Lorenz number :math:`\\mathcal L_0 = (\\pi^2/3)(k_B/e)^2`.

    Parameters
    ----------
    unit : None or "SI"
        ``None``: π²/3 (units of (k_B/e)²); ``"SI"``: in W Ω K⁻² (2.443e-8).
    exact : bool
        With ``unit=None``, return the SymPy expression π²/3.

    Examples
    --------
    >>> bool(np.isclose(lorenz_number(unit="SI"), 2.44e-8, rtol=2e-3))
    True
    """
    exact = check_bool("exact", exact)
    if unit is None:
        return sp.pi ** 2 / 3 if exact else LORENZ_NUMBER
    if unit != "SI":
        raise ValueError(f"unit must be None or 'SI'; got {unit!r}")
    return LORENZ_NUMBER * (const.k / const.e) ** 2


def thermal_conductance_quantum(temperature: ArrayLike) -> FloatOrArray:
    """Thermal conductance quantum :math:`\\kappa_0 = \\pi^2 k_B^2 T/(3h)` in W/K.

    The heat conductance of one perfectly transmitting (spin-resolved) channel at
    temperature T; a spin-degenerate channel carries 2κ₀.  κ₀/T = 9.464e-13 W K⁻².

    Parameters
    ----------
    temperature : float or array_like
        Temperature in kelvin (> 0).

    References
    ----------
    J. B. Pendry, J. Phys. A 16, 2161 (1983); L. G. C. Rego and G. Kirczenow, Phys. Rev.
    Lett. 81, 232 (1998); K. Schwab et al., Nature 404, 974 (2000).

    Examples
    --------
    >>> bool(np.isclose(thermal_conductance_quantum(1.0), 9.464e-13, rtol=1e-3))
    True
    """
    t = check_array("temperature", temperature, dtype=float, finite=True)
    if np.any(t <= 0):
        raise ValueError(f"temperature must be > 0 K; got {temperature!r}")
    out = math.pi ** 2 * const.k ** 2 * t / (3 * const.h)
    return float(out) if out.ndim == 0 else out
