"""Hikami–Larkin–Nagaoka weak-localization magnetoconductance of a 2D conductor.

.. math::  \\Delta\\sigma(B) = \\sigma(B) - \\sigma(0)
           = \\alpha\\,\\frac{e^2}{\\pi h}\\Big[\\psi\\Big(\\frac12 + \\frac{B_\\varphi}{B}\\Big)
             - \\ln\\frac{B_\\varphi}{B}\\Big], \\qquad B_\\varphi = \\frac{\\hbar}{4 e L_\\varphi^2},

per square (siemens), with ψ the digamma function (evaluated with mpmath at 30 digits, so the
small-field cancellation is exact to double precision).

Sign convention: α = 1 for spin-degenerate electrons without spin-orbit scattering (orthogonal
class, weak localization): a field *raises* the conductance, Δσ > 0.  α = −1/2 for strong
spin-orbit scattering (symplectic class, weak antilocalization): Δσ < 0.  The prefactor
``e²/(πh) = e²/(2π²ħ)`` includes the spin degeneracy of the α = 1 case.

Limits: ``Δσ → α (e²/πh)(B/B_φ)²/24`` for B ≪ B_φ; ``Δσ → α (e²/πh)[ln(B/B_φ) − γ − 2 ln 2]``
for B ≫ B_φ (valid only below the transport field ħ/(4el²)).  Δσ is even in B.

References
----------
S. Hikami, A. I. Larkin and Y. Nagaoka, Prog. Theor. Phys. 63, 707 (1980).
G. Bergmann, Phys. Rep. 107, 1 (1984).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
import scipy.constants as const
from scipy.optimize import curve_fit

from .._deprecation import deprecated_attribute
from .._lazy import mpmath
from .._validate import ConvergenceError, check_array, check_choice, check_real

__all__ = ["hln_field", "hln_magnetoconductance", "hln_scaling_function", "hln_function", "HLNFit",
           "fit_hln"]

_PREFACTOR = const.e**2 / (np.pi * const.h)  # e²/(πh) in siemens


def hln_field(l_phi):
    """Characteristic field ``B_φ = ħ/(4 e L_φ²)`` in tesla (L_φ in metres, > 0)."""
    l_phi = check_array("l_phi", l_phi)
    if np.any(l_phi <= 0):
        raise ValueError(f"l_phi must be > 0 (metres); got {l_phi!r}")
    out = const.hbar / (4 * const.e * l_phi**2)
    return float(out) if np.ndim(out) == 0 else out


def _f_scalar(x: float) -> float:
    if x == 0.0:
        return float("inf")
    with mpmath.workdps(30):
        xm = mpmath.mpf(x)
        return float(mpmath.digamma(mpmath.mpf(1) / 2 + xm) - mpmath.log(xm))


_f_vec = np.frompyfunc(_f_scalar, 1, 1)


def _hln_of_x(x):
    """``ψ(1/2 + x) − ln x`` of x = B_φ/B >= 0 (x = ∞ gives 0)."""
    vals = np.asarray(_f_vec(np.where(np.isinf(x), 1.0, x)), dtype=float)
    out = np.where(np.isinf(x), 0.0, vals)
    return float(out) if out.ndim == 0 else out


def hln_scaling_function(b_over_b_phi):
    """The HLN function on its usual axis: ``F(y) = ψ(1/2 + 1/y) + ln y`` of y = B/B_φ.

    ``Δσ(B) = α (e²/πh) F(B/B_φ)`` (:func:`hln_magnetoconductance`).  Increasing from
    ``F(0) = 0`` with ``F(y) ≈ y²/24`` for ``y ≪ 1`` to ``ln y − γ_E − 2 ln 2 + O(1/y)``
    (logarithmic) for ``y ≫ 1``.

    Parameters
    ----------
    b_over_b_phi : float or array_like
        Field in units of the characteristic field :func:`hln_field`, ``>= 0`` (``|B|/B_φ``).

    References
    ----------
    S. Hikami, A. I. Larkin and Y. Nagaoka, Prog. Theor. Phys. 63, 707 (1980), eq. (3.4).

    Examples
    --------
    >>> import numpy as np
    >>> y = np.array([1e-3, 1.0, 1e3])
    >>> bool(np.allclose(hln_scaling_function(y)[0], 1e-6 / 24, rtol=1e-3))
    True
    """
    y = check_array("b_over_b_phi", b_over_b_phi, finite=False)
    if np.any(np.isnan(y)) or np.any(y < 0):
        raise ValueError("b_over_b_phi must be >= 0 (|B|/B_phi)")
    with np.errstate(divide="ignore"):
        x = np.where(y > 0, 1.0 / np.where(y > 0, y, 1.0), np.inf)
    return _hln_of_x(x)


def hln_function(x):
    """Deprecated (removed in 0.3.0): ``F`` of the inverse axis x = B_φ/B; use
    ``hln_scaling_function(1/x)``, which takes the usual B/B_φ."""
    from .._deprecation import warn_deprecated
    warn_deprecated("hln_function(B_phi/B)", "hln_scaling_function(B/B_phi)")
    x = check_array("x", x, finite=False)
    if np.any(np.isnan(x)) or np.any(x < 0):
        raise ValueError("x must be >= 0")
    return _hln_of_x(x)


def hln_magnetoconductance(b, l_phi, *, alpha: float = 1.0, unit: str = "S"):
    """HLN magnetoconductance Δσ(B) = σ(B) − σ(0) per square.

    Parameters
    ----------
    b : float or array
        Perpendicular magnetic field in tesla (either sign; Δσ is even; Δσ(0) = 0).
    l_phi : float or array
        Phase-coherence length in metres (> 0); broadcasts with ``b``.
    alpha : float
        Prefactor: 1 (weak localization, no spin-orbit), −1/2 (strong spin-orbit).
    unit : {"S", "e2/h", "e2/pih"}
        Siemens, units of e²/h, or units of e²/(πh).

    Returns
    -------
    float or ndarray

    Examples
    --------
    >>> import numpy as np
    >>> ds = hln_magnetoconductance([0.0, 1e-4, 1e-2], 1e-6, unit="e2/pih")
    >>> bool(ds[0] == 0 and np.all(np.diff(ds) > 0))
    True
    """
    b = check_array("b", b)
    alpha = check_real("alpha", alpha)
    check_choice("unit", unit, ("S", "e2/h", "e2/pih"))
    bphi = np.asarray(hln_field(l_phi))
    babs = np.abs(b)
    f = np.asarray(hln_scaling_function(babs / bphi))
    scale = {"S": _PREFACTOR, "e2/h": 1.0 / np.pi, "e2/pih": 1.0}[unit]
    out = alpha * scale * f
    return float(out) if out.ndim == 0 else out


@dataclass(frozen=True)
class HLNFit:
    """Result of :func:`fit_hln`.

    Attributes
    ----------
    l_phi, l_phi_stderr : float
        Fitted phase-coherence length and its standard error (m).
    alpha, alpha_stderr : float
        Prefactor (``alpha_stderr = 0`` when it was held fixed).
    b_phi : float
        ``ħ/(4 e L_φ²)`` in tesla.
    chi2 : float
        Sum of squared normalised residuals; ``dof`` the degrees of freedom.
    """

    l_phi: float
    l_phi_stderr: float
    alpha: float
    alpha_stderr: float
    b_phi: float
    chi2: float
    dof: int

    l_phi_err = deprecated_attribute("l_phi_stderr", "l_phi_err")
    alpha_err = deprecated_attribute("alpha_stderr", "alpha_err")


def fit_hln(b, dsigma, *, sigma=None, alpha=None, l_phi_guess=None, unit: str = "S") -> HLNFit:
    """Fit the HLN formula to Δσ(B) data and return L_φ with its standard error.

    Parameters
    ----------
    b : array_like
        Fields in tesla (at least 3 nonzero values; more than the number of free parameters).
    dsigma : array_like
        Δσ(B) = σ(B) − σ(0) in ``unit``.
    sigma : array_like, optional
        Standard errors of ``dsigma``; without them the errors are scaled by the residuals.
    alpha : float, optional
        Fix the prefactor; ``None`` fits it too.
    l_phi_guess : float, optional
        Starting L_φ in metres (default: from the field where Δσ reaches half its largest value).
    unit : {"S", "e2/h", "e2/pih"}

    Returns
    -------
    HLNFit

    Raises
    ------
    ConvergenceError
        If the least-squares fit fails or returns an undefined covariance.

    Notes
    -----
    The fit parameter is ln L_φ (positive by construction); the error is propagated,
    ``δL_φ = L_φ δ(ln L_φ)``.
    """
    b = check_array("b", b, ndim=1, min_size=3)
    ds = check_array("dsigma", dsigma, ndim=1, shape=(b.size,))
    check_choice("unit", unit, ("S", "e2/h", "e2/pih"))
    if sigma is not None:
        sigma = check_array("sigma", sigma, ndim=1, shape=(b.size,))
        if np.any(sigma <= 0):
            raise ValueError("sigma must be > 0")
    nfree = 1 if alpha is not None else 2
    if b.size <= nfree:
        raise ValueError(f"b must contain more than {nfree} points")
    if l_phi_guess is None:
        half = np.abs(ds) >= 0.5 * np.max(np.abs(ds))
        b_half = float(np.min(np.abs(b[half]))) if np.any(half & (b != 0)) else float(np.max(np.abs(b)))
        l_phi_guess = np.sqrt(const.hbar / (4 * const.e * max(b_half, 1e-12)))
    l0 = check_real("l_phi_guess", l_phi_guess, minimum=0.0, min_inclusive=False)

    model: Callable[..., np.ndarray]     # (b, log L_phi[, alpha]) -> delta sigma
    if alpha is None:
        def model_free(x, log_l, a):
            return hln_magnetoconductance(x, np.exp(log_l), alpha=a, unit=unit)
        model = model_free
        p0 = [np.log(l0), 1.0 if np.mean(ds) >= 0 else -0.5]
    else:
        a_fixed = check_real("alpha", alpha)

        def model_fixed(x, log_l):
            return hln_magnetoconductance(x, np.exp(log_l), alpha=a_fixed, unit=unit)
        model = model_fixed
        p0 = [np.log(l0)]
    try:
        popt, pcov = curve_fit(model, b, ds, p0=p0, sigma=sigma, absolute_sigma=sigma is not None,
                               maxfev=2000)
    except (RuntimeError, ValueError) as exc:
        raise ConvergenceError(f"HLN fit failed: {exc}") from exc
    if not np.all(np.isfinite(pcov)):
        raise ConvergenceError("HLN fit returned an undefined covariance (data do not constrain L_phi)")
    resid = (ds - model(b, *popt)) / (sigma if sigma is not None else 1.0)
    l_phi = float(np.exp(popt[0]))
    l_err = float(l_phi * np.sqrt(pcov[0, 0]))
    a_val = float(popt[1]) if alpha is None else float(alpha)
    a_err = float(np.sqrt(pcov[1, 1])) if alpha is None else 0.0
    return HLNFit(l_phi, l_err, a_val, a_err, hln_field(l_phi), float(np.sum(resid**2)), int(b.size - nfree))
