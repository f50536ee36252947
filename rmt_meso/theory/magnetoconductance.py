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

from .._typing import ArrayLike, FloatOrArray
from .._deprecation import deprecated_attribute
from .._lazy import mpmath
from .._validate import ConvergenceError, check_array, check_bool, check_choice, check_real

__all__ = ["hln_field", "hln_magnetoconductance", "hln_scaling_function", "hln_function", "HLNFit",
           "fit_hln", "strip_magnetotransmission", "absorbing_strip_transmission", "AbsorbingStripFit",
           "fit_absorbing_strip", "fit_strip_magnetotransmission", "absorption_length",
           "cylinder_flux_magnetotransmission", "fit_cylinder_flux_magnetotransmission"]

_PREFACTOR = const.e**2 / (np.pi * const.h)  # e²/(πh) in siemens


def hln_field(l_phi: ArrayLike) -> FloatOrArray:
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


def _hln_of_x(x):
    """``ψ(1/2 + x) − ln x`` of x = B_φ/B >= 0 (x = ∞ gives 0)."""
    x = np.asarray(x, dtype=float)
    # a plain loop, not np.frompyfunc: the ufunc machinery reports the FPU flags mpmath leaves
    # set as "invalid value" warnings (errors under the test suite's filterwarnings)
    finite = np.where(np.isinf(x), 1.0, x)
    vals = np.array([_f_scalar(float(v)) for v in finite.ravel()]).reshape(x.shape)
    out = np.where(np.isinf(x), 0.0, vals)
    return float(out) if out.ndim == 0 else out


def hln_scaling_function(b_over_b_phi: ArrayLike) -> FloatOrArray:
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


def hln_function(x: ArrayLike) -> FloatOrArray:
    """Deprecated (removed in 0.3.0): ``F`` of the inverse axis x = B_φ/B; use
    ``hln_scaling_function(1/x)``, which takes the usual B/B_φ."""
    from .._deprecation import warn_deprecated
    warn_deprecated("hln_function(B_phi/B)", "hln_scaling_function(B/B_phi)")
    x = check_array("x", x, finite=False)
    if np.any(np.isnan(x)) or np.any(x < 0):
        raise ValueError("x must be >= 0")
    return _hln_of_x(x)


def hln_magnetoconductance(b: ArrayLike, l_phi: float, *, alpha: float = 1.0, unit: str = "S") -> FloatOrArray:
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
        Fitted phase-coherence length and its standard error (m; units of the lattice spacing
        for :func:`fit_strip_magnetotransmission`).
    alpha, alpha_stderr : float
        Prefactor (``alpha_stderr = 0`` when it was held fixed).
    b_phi : float
        ``ħ/(4 e L_φ²)`` in tesla (units of ħ/(e a²) for :func:`fit_strip_magnetotransmission`).
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


def fit_hln(b: ArrayLike, dsigma: ArrayLike, *, sigma: ArrayLike | None = None, alpha: float | None = None, l_phi_guess: float | None = None, unit: str = "S") -> HLNFit:
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
    return HLNFit(l_phi, l_err, a_val, a_err, float(hln_field(l_phi)), float(np.sum(resid**2)), int(b.size - nfree))


# --------------------------------------------------------------------------- finite strips


def _strip_cooperon(length, z0, l_phi, fields, grid, q_max, n_q=None, periodic_width=None, profile="uniform"):
    """Grid x (interior of [-z0, L+z0]) and c_B(x) = ∫dq/2π G_q(x, x) w(q - 2B(x - L/2)) per field.

    G_q is the Green's function of ``-∂²_x + (q - 2B(x - L/2))² + 1/L_φ²`` with Dirichlet
    ends (the cooperon divided by D in the gauge A = (0, B(x - L/2)); charge 2e).  The
    diagonal of each tridiagonal inverse comes from the left and right Schur complements,
    1/(d^L_j + d^R_j - a_j).  The ultraviolet is cut by a Gaussian w of width ``q_max``
    centred on each point's own guiding-centre shift 2B(x - L/2): the cutoff is then the same
    (gauge invariant) at every x and for every field, and the field-independent large-q tails
    cancel in c_0 - c_B.  Uniform q grid (trapezoid rule, spectrally accurate for the smooth
    integrand) with spacing below 1/(4 min(L_φ, L + 2z0)) and q_max/10.
    """
    total = length + 2.0 * z0
    n = max(int(round(total / grid)) - 1, 2)
    h = total / (n + 1)
    x = -z0 + h * np.arange(1, n + 1)
    b = np.asarray(fields, dtype=float)
    if profile == "uniform":
        a_y = x if periodic_width is not None else x - 0.5 * length
    else:                              # +B on [0, L/2], -B on [L/2, L], no field outside
        a_y = np.maximum(0.5 * length - np.abs(x - 0.5 * length), 0.0)
    shift = 2.0 * b[:, None] * a_y[None, :]                                 # (n_B, n_x)
    reach = float(np.max(np.abs(shift), initial=0.0))
    big = 6.0 * q_max + reach
    if periodic_width is None:
        # the integrand's width in q is 1/L_φ, or π/(L + 2z0) when the leads cut the cooperon first
        dq = min(0.25 / min(l_phi, total), 0.1 * q_max)
        q = np.linspace(-big, big, 2 * int(np.ceil(big / dq)) + 1)
        dq = q[1] - q[0]
    else:                              # a cylinder of circumference W: q = 2πn/W, ∫dq/2π -> Σ/W
        dq = 2.0 * np.pi / periodic_width
        nmax = int(np.ceil(big / dq))
        q = dq * np.arange(-nmax, nmax + 1)
    a = 2.0 / h**2 + (q[None, :, None] - shift[:, None, :]) ** 2 + 1.0 / l_phi**2
    b2 = 1.0 / h**4
    dl, dr = np.empty_like(a), np.empty_like(a)
    dl[..., 0], dr[..., -1] = a[..., 0], a[..., -1]
    for j in range(1, n):
        dl[..., j] = a[..., j] - b2 / dl[..., j - 1]
        dr[..., n - 1 - j] = a[..., n - 1 - j] - b2 / dr[..., n - j]
    g = 1.0 / ((dl + dr - a) * h)
    w = np.exp(-0.5 * ((q[None, :, None] - shift[:, None, :]) / q_max) ** 2) * (dq / (2.0 * np.pi))
    return x, np.sum(g * w, axis=1)


def _diffuson_weight(x, length, z0, a):
    """-Γ_in'(x) Γ_out'(x) of the absorbing diffusons (Dirichlet at -z0 and L + z0)."""
    if np.isinf(a):
        return np.full_like(x, 1.0 / (length + 2.0 * z0) ** 2)
    s = np.sinh((length + 2.0 * z0) / a)
    return np.cosh((length + z0 - x) / a) * np.cosh((x + z0) / a) / (a * s) ** 2


def strip_magnetotransmission(field: ArrayLike, width: float, length: float, l_phi: float, *, absorption_length: float = np.inf,
                              extrapolation_length: float = 0.0, spin_degeneracy: int = 1, grid: float = 1.0,
                              q_max: float = 2.0, periodic: bool = False, field_profile: str = "uniform") -> FloatOrArray:
    r"""Weak-localization magnetotransmission ΔT(B) = ⟨T(B)⟩ − ⟨T(0)⟩ of a finite diffusive strip.

    One-loop theory of a 2D conductor of length L between ideal leads and of width W ≫ L_φ
    (a cylinder, or a strip whose edges are neglected), with phase breaking at rate 1/τ_φ and,
    optionally, a uniform absorption (an imaginary potential) of length ``a``.  The
    weak-localization correction renormalises the local conductivity,
    ``δσ_B(x) = −2 g_s D C_B(x, x)`` (units e²/h), with the cooperon
    ``[D(−i∇ − 2eA/ħ)² + 1/τ_φ] C_B = δ`` vanishing at the (extrapolated) lead interfaces
    x = −z₀ and L + z₀, and a change δσ(x) changes the transmission by
    ``δT = W ∫₀^L dx δσ(x) (−Γ_in′ Γ_out′)``, with Γ_in, Γ_out the mean intensities injected
    from the left and right leads (``sinh`` profiles of the absorbing diffusion equation,
    linear without absorption).  So

    .. math:: \Delta T(B) = 2 g_s W \int_0^L dx\, [c_0(x) - c_B(x)]\,(-\Gamma_{in}'\Gamma_{out}'),
              \qquad c_B(x) = D\, C_B(x, x).

    In the bulk of a long strip without absorption ``c_0 − c_B = F(B/B_φ)/(4π)``, the
    Hikami–Larkin–Nagaoka function (:func:`hln_scaling_function`), and
    ``ΔT → (W/L) g_s F/(2π)``: the HLN law ``Δσ = g_s (e²/h) F/(2π)`` (g_s = 2:
    ``e²/(πh) = e²/(2π²ħ)``, :func:`hln_magnetoconductance`).  Near the leads (within ~L_φ)
    the cooperon is cut off, which is the finite-length correction this function computes.

    Parameters
    ----------
    field : float or array_like
        Perpendicular field B in units of ħ/(e a²) where a is the unit of the lengths (on a
        lattice with flux φ per plaquette in units of h/e: B = 2πφ); either sign.
    width, length : float
        W and L (units of a), > 0.
    l_phi : float
        Phase-coherence length ``L_φ = sqrt(D τ_φ)`` (> 0); ``B_φ = 1/(4 L_φ²)`` in these units.
    absorption_length : float
        Decay length of the mean intensity ``sqrt(D τ_abs)`` (``inf``: current conserved).  For
        an imaginary potential −iħ/(2τ_φ) both the diffuson and the cooperon decay at 1/τ_φ, so
        ``absorption_length = l_phi``.
    extrapolation_length : float
        z₀ >= 0: the diffusons and the cooperon vanish at x = −z₀ and L + z₀ (Milne-type
        extrapolation of the lead interfaces, of order the mean free path).
    spin_degeneracy : {1, 2}
        g_s (1 for a spinless lattice model: T per spin in units of e²/h).
    periodic : bool
        ``True``: a cylinder of circumference W (periodic in y), whose cooperon has the
        transverse wave numbers q = 2πn/W (``∫dq/2π → (1/W) Σ_n``): the finite-width form,
        valid for any W/L_φ (the continuum ``False`` needs W ≫ L_φ).  The transverse gauge
        origin is then physical (an Aharonov–Bohm flux): the vector potential A_y vanishes at
        x = 0 (``"uniform"``: A_y = B x; the lattice gauge of
        :func:`rmt_meso.transport.cylinder_transmission`, with the total flux B W L an integer
        number of h/e) or at both ends (``"reversed"``).  For W of a few L_φ the field
        dependence is then dominated by the flux W·A_y(x) threading the cylinder (an
        Altshuler–Aronov–Spivak effect of the n = 0 mode, not monotonic in B): at W = 2.7 L_φ,
        L = 3.4 L_φ and B = B_φ/2 the reversed-field ΔT is 13 times the continuum value.
    field_profile : {"uniform", "reversed"}
        ``"uniform"``: B on the whole strip.  ``"reversed"``: +B on [0, L/2] and −B on
        [L/2, L] (A_y = B·min(x, L − x), zero outside [0, L]): no net flux through the
        sample, the profile of
        :func:`rmt_meso.transport.cylinder_probe_conductance` ``(field_profile="reversed")``.
    grid, q_max : float
        Numerical resolution: x grid spacing and the width of the Gaussian ultraviolet cutoff of
        the transverse wave number, centred on each point's guiding-centre shift (units 1/a).
        The field-dependent result converges when ``grid`` and ``1/q_max`` are small compared
        with L_φ and the magnetic length ``1/sqrt(4|B|)``; it does not depend on the cutoff
        otherwise (the cutoff-dependent part of the cooperon is field independent).

    Returns
    -------
    float or ndarray
        ΔT in units of e²/h (shape of ``field``); > 0 (a field suppresses weak localization).

    Notes
    -----
    Valid for ℓ ≪ L_φ and |B| ≪ B_tr = ħ/(2eℓ²) (the diffusion approximation), W ≫ L_φ, and
    g ≫ 1 (one loop; beyond it the prefactor is reduced by ~2/(πg_□), Minkov et al. 2004).
    Classical magnetoresistance ((ω_c τ)²) is not included.

    Lattice check (:func:`rmt_meso.transport.cylinder_transmission`, square-lattice cylinders
    at E = −t, box disorder 3t, σ ≈ 3.2 e²/h, L_φ ≈ 4ℓ, 192 samples of 72 × 35; D and z₀ from
    :func:`fit_absorbing_strip`): without absorption the measured ΔT is 0.8–0.85 of this
    function (1.5–2σ below at each field); with an imaginary potential it is ≈ 0.55 of it at
    L_φ = sqrt(Dτ_φ), and a fit gives L_φ = (0.72 ± 0.07) sqrt(Dτ_φ), the same ratio at
    τ_φ × 4 and at σ ≈ 4.6 e²/h.  The weighting of the absorbing diffusons (a local
    renormalisation of D) is therefore not validated; use ``absorption_length=inf`` with a
    current-conserving dephasing mechanism where a quantitative L_φ is needed.

    Current-conserving check (:func:`rmt_meso.transport.cylinder_probe_conductance`, voltage
    probes on every slice or every third, ``periodic=True, field_profile="reversed"``, E = −t,
    box disorder 3t, σ ≈ 2.8 e²/h, ℓ ≈ 3.4; D from Ohm's law at three lengths and Einstein's
    relation with the clean-lattice density of states; tools/study_hln_lattice.py): the
    measured ΔG is 0.45–0.7 of this function at L_φ ≈ 2.6ℓ (τ_φ = 25, 384 samples of 32 × 31),
    0.85–0.93 at L_φ ≈ 4.7ℓ (τ_φ = 80, 320 samples of 40 × 41; 0.7 ± 0.1 on 32 × 41) and
    1.0–1.4 (± 0.2–0.3) at L_φ ≈ 5.3ℓ (τ_φ = 100, 64 samples of 64 × 61 and 200 of 48 × 61).
    GLS fits with the prefactor held at 1 give L_φ/√(Dτ_φ) = 0.93 ± 0.02, 0.94 ± 0.03,
    1.04 ± 0.04 and 0.94 ± 0.04; with the prefactor free 1.04 ± 0.08, 1.07 ± 0.13, 0.93 ± 0.12
    and 0.86 ± 0.11 (prefactors 0.67 ± 0.19, 0.70 ± 0.22, 1.5 ± 0.6, 1.4 ± 0.6).  The
    absorbing model at τ_φ = 80 (reversed field, 1000 samples of 32 × 41, a and z₀ measured)
    gives 0.82–0.89 of this function with the absorbing weights and L_φ/√(Dτ_φ) = 0.89 ± 0.03
    (prefactor 1), 0.87 ± 0.09 (prefactor 1.07 ± 0.29 free).  No factor 2: the conventions
    (cooperon charge 2e, B = 2π·flux, decay rate 1/τ_φ of the imaginary potential — the
    measured diffuson decay length is √(Dτ_φ) within 3 % —, spin) check out, and the one-loop
    diffusive theory overestimates the lattice ΔG by an amount that shrinks as L_φ/ℓ grows
    (non-diffusive corrections, G. M. Minkov et al., Phys. Rev. B 61, 13164 (2000); two loops,
    1 − α ≈ 2/(πg)), so that L_φ = √(Dτ_φ) holds to the ~10 % these sample sizes resolve.

    References
    ----------
    S. Hikami, A. I. Larkin and Y. Nagaoka, Prog. Theor. Phys. 63, 707 (1980).
    E. Akkermans and G. Montambaux, *Mesoscopic Physics of Electrons and Photons* (Cambridge,
    2007), ch. 7 (Hikami box, transmission and conductance corrections) and ch. 5 (cooperon in
    a field).
    G. M. Minkov, A. V. Germanenko and I. V. Gornyi, Phys. Rev. B 70, 245423 (2004).

    Examples
    --------
    >>> import numpy as np
    >>> dt = strip_magnetotransmission([0.0, 2e-3, 8e-3], 60.0, 30.0, 10.0)
    >>> bool(dt[0] == 0 and np.all(np.diff(dt) > 0))
    True
    """
    b = check_array("field", field)
    for name, val in (("width", width), ("length", length), ("l_phi", l_phi)):
        check_real(name, val, minimum=0.0, min_inclusive=False)
    a = check_real("absorption_length", absorption_length, minimum=0.0, min_inclusive=False, allow_inf=True)
    z0 = check_real("extrapolation_length", extrapolation_length, minimum=0.0)
    from .._validate import check_spin_degeneracy
    gs = check_spin_degeneracy(spin_degeneracy)
    grid = check_real("grid", grid, minimum=0.0, min_inclusive=False)
    q_max = check_real("q_max", q_max, minimum=0.0, min_inclusive=False)
    periodic = check_bool("periodic", periodic)
    check_choice("field_profile", field_profile, ("uniform", "reversed"))
    flat = np.abs(b).ravel()
    x, c = _strip_cooperon(float(length), z0, float(l_phi), np.concatenate([[0.0], flat]), grid, q_max,
                           periodic_width=float(width) if periodic else None, profile=field_profile)
    h = x[1] - x[0]
    w = np.where((x >= 0) & (x <= length), _diffuson_weight(x, float(length), z0, a), 0.0) * h
    out = 2.0 * gs * float(width) * ((c[0] - c[1:]) @ w)
    out = np.where(flat == 0, 0.0, out).reshape(b.shape)
    return float(out) if out.ndim == 0 else out


def _cooperon_segment_integral(kappa, length, z0):
    """``∫_{z0}^{z0+L} dx G_κ(x, x)`` for ``(−∂² + κ²) G = δ`` on [0, L + 2z0], G = 0 at the ends.

    ``G_κ(x, x) = sinh(κx) sinh(κ(Λ − x))/(κ sinh κΛ)`` with Λ = L + 2z₀, integrated in closed
    form, ``[L coth(κΛ) − sinh(κL)/(κ sinh κΛ)]/(2κ)``; written with decaying exponentials so
    that it does not overflow for κΛ ≫ 1; for κΛ ≪ 1 its Taylor series (κ⁰: (LΛ²/2 − L³/6)/(2Λ),
    L²/6 at z₀ = 0 − κ²L⁴/90 there) replaces it.
    """
    k = np.asarray(kappa, float)
    lam = length + 2.0 * z0
    # below κΛ = 1e-3 the closed form loses ~ε/(κΛ)² to cancellation; the series to O(κ²)
    # is then exact to O((κΛ)⁴) = 1e-12
    small = k * lam < 1e-3
    ks = np.where(small, 1.0, k)
    e2 = np.exp(-2.0 * ks * lam)
    coth = (1.0 + e2) / (1.0 - e2)
    # sinh(κL)/sinh(κΛ) = e^{−2κz0}(1 − e^{−2κL})/(1 − e^{−2κΛ})
    ratio = np.exp(-2.0 * ks * z0) * (-np.expm1(-2.0 * ks * length)) / (1.0 - e2)
    big = (length * coth - ratio / ks) / (2.0 * ks)
    c4 = (length**4 - lam**4) / 120.0 - lam**2 * (length**2 - lam**2) / 36.0
    tiny = (length * lam**2 / 2.0 - length**3 / 6.0) / (2.0 * lam) \
        - k**2 * (length * lam**3 / 90.0 + length * c4 / (2.0 * lam))
    return np.where(small, tiny, big)


def cylinder_flux_magnetotransmission(flux: ArrayLike, width: float, length: float, l_phi: float, *,
                                      extrapolation_length: float = 0.0, spin_degeneracy: int = 1,
                                      n_modes: int = 4096) -> FloatOrArray:
    r"""Weak-localization magnetotransmission ΔT(Φ) of a diffusive cylinder threaded by a flux Φ.

    A disordered cylinder of circumference W and length L between ideal leads, threaded by an
    Aharonov–Bohm flux Φ (no field on its surface: the Sharvin–Sharvin / Altshuler–Aronov–Spivak
    geometry), with phase breaking at the rate 1/τ_φ (``L_φ = sqrt(D τ_φ)``).  The cooperon
    carries the charge 2e, so its transverse wave numbers are shifted,
    ``q_n = (2π/W)(n − 2Φ/Φ₀)`` (Φ₀ = h/e), and each mode is a one-dimensional diffusion
    propagator of mass ``κ_n² = q_n² + 1/L_φ²`` vanishing at the extrapolated lead interfaces
    x = −z₀ and L + z₀.  With the one-loop local correction ``δσ(x) = −2 g_s D C(x, x)``
    (units e²/h) and the linear (current-conserving) diffuson weights 1/Λ², Λ = L + 2z₀,

    .. math:: \delta T(\Phi) = -rac{2 g_s}{\Lambda^2} \sum_n \int_0^L dx\, G_{\kappa_n}(x + z_0, x + z_0),
              \qquad \Delta T(\Phi) = \delta T(\Phi) - \delta T(0),

    ``G_κ(x, x) = sinh(κx) sinh(κ(Λ − x))/(κ sinh κΛ)`` (integrated in closed form).  Limits:
    one mode (W ≪ L_φ) and L ≫ L_φ give the quasi-1D ``δT = −g_s L_eff/L`` with
    ``L_eff⁻² = L_φ⁻² + (4πΦ/(Φ₀W))²``; L ≪ L_φ at Φ = 0 gives ``δT = −g_s/3``; ΔT is even
    and periodic in Φ with period Φ₀/2 (h/2e).  The field-independent ultraviolet part cancels in
    ΔT (the mode sum of the difference converges like Σ n⁻³).

    Parameters
    ----------
    flux : float or array_like
        Φ/Φ₀, the flux through the cylinder in units of h/e (any sign).
    width, length : float
        Circumference W and length L of the disordered region (units of a; > 0).
    l_phi : float
        ``L_φ = sqrt(D τ_φ)`` (units of a; > 0).
    extrapolation_length : float
        z₀ >= 0 (units of a), e.g. from Ohm's law at two lengths.
    spin_degeneracy : {1, 2}
        g_s (1: ΔT per spin, units e²/h).
    n_modes : int
        The sum runs over |n| <= n_modes (>= 0; 0 keeps the n = 0 mode only, the quasi-1D
        limit W ≪ L_φ); the neglected tail is O(n_modes⁻²) of the flux-dependent part.

    Returns
    -------
    float or ndarray
        ΔT in units of e²/h (shape of ``flux``); >= 0 (a flux suppresses weak localization).

    Notes
    -----
    Valid in the diffusive regime for the modes that carry the flux dependence: ℓ ≪ L_φ and
    |q_n| ℓ ≪ 1 (the non-diffusive cooperon decays at ``[1 − (1 + q²ℓ²)^{−1/2}]/τ`` in 2D, a
    relative correction −(3/4)(qℓ)² to Dq²), and at one loop (g ≫ 1).  In a lattice model the
    flux threads the leads too (:func:`rmt_meso.transport.cylinder_probe_conductance`,
    ``ab_flux``), so there is no field anywhere on the surface.

    Lattice check (square-lattice cylinders of circumference 26 at E = −t, box disorder 3t,
    ℓ ≈ 3.4, Büttiker probes on every third slice, τ_φ = 80; the claim
    ``cooperon_phase_coherence``): the measured ΔG(Φ) has this shape (GLS χ² 11–13 for 6 dof
    on 1200 samples), and a fit with the prefactor held at 1 gives L_φ/√(Dτ_φ) = 0.885 ± 0.027,
    0.967 ± 0.021, 0.982 ± 0.012, 0.986 ± 0.013 at lengths 33, 41, 49, 65 — converged from
    L ≈ 3 L_φ; with the prefactor free it is 0.78–0.82 ± 0.07 (higher loops at k_Fℓ ≈ 4).

    References
    ----------
    B. L. Altshuler, A. G. Aronov and B. Z. Spivak, JETP Lett. 33, 94 (1981).
    D. Yu. Sharvin and Yu. V. Sharvin, JETP Lett. 34, 272 (1981).
    E. Akkermans and G. Montambaux, *Mesoscopic Physics of Electrons and Photons* (Cambridge,
    2007), ch. 6–7 (the cooperon in a ring and a cylinder, weak localization).

    Examples
    --------
    >>> import numpy as np
    >>> dt = cylinder_flux_magnetotransmission([0.0, 0.05, 0.25, 0.75], 16.0, 60.0, 20.0)
    >>> bool(dt[0] == 0 and dt[1] > 0 and np.isclose(dt[2], dt[3]))
    True
    """
    from .._validate import check_int, check_spin_degeneracy

    phi = check_array("flux", flux)
    for name, val in (("width", width), ("length", length), ("l_phi", l_phi)):
        check_real(name, val, minimum=0.0, min_inclusive=False)
    z0 = check_real("extrapolation_length", extrapolation_length, minimum=0.0)
    gs = check_spin_degeneracy(spin_degeneracy)
    nmax = check_int("n_modes", n_modes, minimum=0)
    w, L, lp = float(width), float(length), float(l_phi)
    n = np.arange(-nmax, nmax + 1, dtype=float)
    flat = phi.ravel()
    # the flux enters only through 2Φ mod 1 (period h/2e); reduce it so the mode sum is centred
    shift = 2.0 * flat - np.round(2.0 * flat)
    q = (2.0 * np.pi / w) * (n[None, :] - shift[:, None])
    q0 = (2.0 * np.pi / w) * n
    seg = _cooperon_segment_integral(np.sqrt(q**2 + lp**-2), L, z0)
    seg0 = _cooperon_segment_integral(np.sqrt(q0**2 + lp**-2), L, z0)
    lam = L + 2.0 * z0
    out = 2.0 * gs / lam**2 * np.sum(seg0[None, :] - seg, axis=1)
    out = np.where(shift == 0, 0.0, out).reshape(phi.shape)
    return float(out) if out.ndim == 0 else out


def fit_cylinder_flux_magnetotransmission(flux: ArrayLike, delta_t: ArrayLike, *, covariance: ArrayLike, width: float,
                                          length: float, extrapolation_length: float = 0.0,
                                          alpha: float | None = 1.0, spin_degeneracy: int = 1,
                                          l_phi_guess: float | None = None) -> HLNFit:
    """Fit :func:`cylinder_flux_magnetotransmission` to a measured ΔT(Φ) for L_φ (and α).

    Generalised least squares with the full covariance of the ΔT values (all fluxes are
    measured on the same samples, so they are correlated).

    Parameters
    ----------
    flux : array_like
        Φ/Φ₀ (h/e) of the measurements; none a multiple of 1/2 (there ΔT = 0 by definition).
    delta_t : array_like
        ⟨T(Φ)⟩ − ⟨T(0)⟩ (units of e²/h).
    covariance : array_like, shape (n, n)
        Covariance matrix of ``delta_t`` (e.g. ``np.cov(samples.T) / n_samples``).
    width, length, extrapolation_length, spin_degeneracy
        As in :func:`cylinder_flux_magnetotransmission`.
    alpha : float or None
        Prefactor of the theory (1: one loop); ``None`` fits it.
    l_phi_guess : float, optional
        Starting L_φ (default: the circumference).

    Returns
    -------
    HLNFit
        ``l_phi`` in units of a; ``b_phi = 1/(4L_φ²)`` in units of ħ/(e a²).

    Raises
    ------
    rmt_meso.ConvergenceError
        If the fit fails or does not constrain L_φ.

    Examples
    --------
    >>> import numpy as np
    >>> phi = np.array([0.05, 0.1, 0.2])
    >>> dt = cylinder_flux_magnetotransmission(phi, 26.0, 48.0, 16.0)
    >>> fit = fit_cylinder_flux_magnetotransmission(phi, dt, covariance=np.diag((0.01 * dt)**2),
    ...                                             width=26.0, length=48.0)
    >>> round(fit.l_phi, 6)
    16.0
    """
    phi = check_array("flux", flux, ndim=1, min_size=2)
    if np.any(np.isclose(2.0 * phi, np.round(2.0 * phi))):
        raise ValueError(f"flux must not contain multiples of 1/2 (ΔT = 0 there by definition); got {phi.tolist()}")
    guess = float(width) if l_phi_guess is None else l_phi_guess

    def shape(lp: float) -> np.ndarray:
        return np.asarray(cylinder_flux_magnetotransmission(phi, width, length, lp, spin_degeneracy=spin_degeneracy,
                                                            extrapolation_length=extrapolation_length), float)
    return _gls_l_phi_fit(shape, phi.size, delta_t, covariance, alpha, guess, float(length) + float(width),
                          "cylinder flux fit")


def absorbing_strip_transmission(length: ArrayLike, width: float, sigma: float, *, absorption_length: float = np.inf,
                                 extrapolation_length: float = 0.0) -> FloatOrArray:
    r"""Mean (Drude) transmission of a diffusive strip with uniform absorption.

    The mean intensity obeys ``D ∂²n = n/τ_abs`` between the lead interfaces, extrapolated
    to x = −z₀ and L + z₀; the current reaching the right lead is

    .. math:: T = \frac{W \sigma\, \kappa}{\sinh[\kappa (L + 2 z_0)]}, \qquad
              \kappa = 1/a,

    which tends to Ohm's law ``Wσ/(L + 2z₀)`` for a → ∞.

    Parameters
    ----------
    length : float or array_like
        L (> 0).
    width : float
        W (> 0).
    sigma : float
        Conductivity per square in units of e²/h (per spin for a spinless model).
    absorption_length : float
        a = sqrt(D τ_abs) (``inf``: no absorption).
    extrapolation_length : float
        z₀ >= 0.

    Returns
    -------
    float or ndarray

    Examples
    --------
    >>> import numpy as np
    >>> t = absorbing_strip_transmission([10.0, 20.0], 50.0, 2.0, absorption_length=1e9)
    >>> bool(np.allclose(t, [10.0, 5.0]))
    True
    """
    lengths = check_array("length", length)
    if np.any(lengths <= 0):
        raise ValueError(f"length must be > 0; got {length!r}")
    width = check_real("width", width, minimum=0.0, min_inclusive=False)
    sigma = check_real("sigma", sigma)
    a = check_real("absorption_length", absorption_length, minimum=0.0, min_inclusive=False, allow_inf=True)
    z0 = check_real("extrapolation_length", extrapolation_length, minimum=0.0)
    eff = lengths + 2.0 * z0
    out = width * sigma / eff if np.isinf(a) else width * sigma / (a * np.sinh(eff / a))
    return float(out) if np.ndim(out) == 0 else out


def absorption_length(diffusion_constant: ArrayLike, tau_phi: ArrayLike, *, transport_time: float = 0.0,
                      velocity_ratio: float = 1.5) -> FloatOrArray:
    r"""Decay length L_φ of the mean intensity in a disordered conductor that loses particles at rate 1/τ_φ.

    In the diffusion approximation ``D ∂²n = n/τ_φ`` gives ``n ∝ e^{−x/L_φ}`` with
    ``L_φ = √(D τ_φ)``, the distance diffused in the time τ_φ — the phase-coherence length when
    1/τ_φ is the dephasing rate.  The Boltzmann equation with isotropic (s-wave) scattering at
    rate 1/τ and absorption at rate 1/τ_φ gives, for a decay ``e^{−κx}``, the exact condition
    ``1 = (1/τ) ⟨1/(1/τ + 1/τ_φ − κ v_x)⟩`` (average over the Fermi line), whose expansion in
    τ/τ_φ is

    .. math:: \kappa^2 = \frac{1}{D \tau_\varphi}\Big[1 + (2 - r)\frac{\tau}{\tau_\varphi}
              + O\big((\tau/\tau_\varphi)^2\big)\Big], \qquad D = \langle v_x^2\rangle \tau,
              \quad r = \frac{\langle v_x^4\rangle}{\langle v_x^2\rangle^2},

    the leading non-diffusive correction (r = 3/2 for an isotropic 2D Fermi circle, where the
    exact result is κ² = 1/(Dτ_φ) + 1/(v τ_φ)²; see
    :func:`~rmt_meso.theory.anderson.fermi_velocity_ratio` for the square lattice).

    Parameters
    ----------
    diffusion_constant : float or array_like
        D (> 0; units of length²/time).
    tau_phi : float or array_like
        τ_φ (> 0; same time unit), the intensity decay time.
    transport_time : float
        τ (>= 0); 0 gives the diffusion limit √(Dτ_φ).
    velocity_ratio : float
        r = ⟨v_x⁴⟩/⟨v_x²⟩² (>= 1).

    Returns
    -------
    float or ndarray
        L_φ = 1/κ (units of length).

    References
    ----------
    B. L. Altshuler, A. G. Aronov and D. E. Khmelnitsky, J. Phys. C 15, 7367 (1982) (L_φ = √(Dτ_φ)).
    A. Ishimaru, *Wave Propagation and Scattering in Random Media*, Academic Press (1978), ch. 7
    (the transport equation with absorption and its diffusion limit).

    Examples
    --------
    >>> bool(np.isclose(absorption_length(2.0, 50.0), 10.0))
    True
    >>> v, tau, tphi = 2.0, 1.5, 40.0                  # 2D circle: exact 1/κ² = Dτ_φ/(1 + τ/(2τ_φ))
    >>> a = absorption_length(v * v * tau / 2, tphi, transport_time=tau)
    >>> bool(abs(a / np.sqrt(v * v * tau / 2 * tphi / (1 + tau / (2 * tphi))) - 1) < 1e-3)
    True
    """
    d = np.asarray(check_array("diffusion_constant", diffusion_constant), float)
    tp = np.asarray(check_array("tau_phi", tau_phi), float)
    if np.any(d <= 0):
        raise ValueError(f"diffusion_constant must be > 0; got {diffusion_constant!r}")
    if np.any(tp <= 0):
        raise ValueError(f"tau_phi must be > 0; got {tau_phi!r}")
    tau = check_real("transport_time", transport_time, minimum=0.0)
    r = check_real("velocity_ratio", velocity_ratio, minimum=1.0)
    out = np.sqrt(d * tp / (1.0 + (2.0 - r) * tau / tp))
    return float(out) if out.ndim == 0 else out


@dataclass(frozen=True)
class AbsorbingStripFit:
    """Result of :func:`fit_absorbing_strip`: Drude parameters of an absorbing strip.

    Attributes
    ----------
    sigma, sigma_stderr : float
        Conductivity per square (units of e²/h, per spin for a spinless model).
    extrapolation_length, extrapolation_length_stderr : float
        z₀ (units of the lengths).
    absorption_length, absorption_length_stderr : float
        a = sqrt(D τ_abs) (``inf`` with stderr ``nan`` when the data show no decay).
    chi2 : float
        Sum of squared normalised residuals; ``dof`` the degrees of freedom.
    """

    sigma: float
    sigma_stderr: float
    extrapolation_length: float
    extrapolation_length_stderr: float
    absorption_length: float
    absorption_length_stderr: float
    chi2: float
    dof: int


def fit_absorbing_strip(lengths: ArrayLike, transmission: ArrayLike, *, stderr: ArrayLike, width: float) -> AbsorbingStripFit:
    """Fit :func:`absorbing_strip_transmission` to mean transmissions measured at several lengths.

    The parameters are σ, z₀ and the decay rate κ = 1/a >= 0 (κ = 0: Ohm's law), so that a
    sample without absorption gives a finite fit with ``absorption_length = inf``.  The
    diffusion constant follows from Einstein's relation ``σ = g_s (e²/h) 2π ν D`` with ν the
    density of states per unit area and energy per spin — a measurement of D that does not
    involve the absorption rate.

    Parameters
    ----------
    lengths : array_like
        Sample lengths (>= 4 distinct values, all > 0; leave out lengths of a few mean free
        paths, where transport is not yet diffusive).
    transmission : array_like
        Mean transmissions ⟨T(L)⟩ (same shape).
    stderr : array_like
        Their standard errors (> 0).
    width : float
        Sample width W.

    Returns
    -------
    AbsorbingStripFit

    Raises
    ------
    rmt_meso.ConvergenceError
        If the least-squares fit fails.

    Examples
    --------
    >>> import numpy as np
    >>> L = np.arange(10.0, 40.0, 3.0)
    >>> T = absorbing_strip_transmission(L, 60.0, 3.0, absorption_length=12.0, extrapolation_length=2.0)
    >>> fit = fit_absorbing_strip(L, T, stderr=1e-4 * T, width=60.0)
    >>> bool(np.isclose(fit.absorption_length, 12.0) and np.isclose(fit.sigma, 3.0))
    True
    """
    from scipy.optimize import least_squares

    lengths = check_array("lengths", lengths, ndim=1, min_size=4)
    t = check_array("transmission", transmission, ndim=1, shape=(lengths.size,))
    err = check_array("stderr", stderr, ndim=1, shape=(lengths.size,))
    if np.any(lengths <= 0) or np.unique(lengths).size < 4:
        raise ValueError("lengths must be > 0 with at least 4 distinct values")
    if np.any(err <= 0):
        raise ValueError("stderr must be > 0")
    width = check_real("width", width, minimum=0.0, min_inclusive=False)

    def model(p):
        sig, z0, kap = p
        eff = lengths + 2.0 * z0
        x = kap * eff
        # W σ κ / sinh(κ L_eff), continued smoothly to Ohm's law at κ = 0
        ratio = np.where(x > 1e-6, x / np.sinh(np.maximum(x, 1e-300)), 1.0 - x * x / 6.0)
        return width * sig * ratio / eff

    sig0 = float(np.median(t * lengths / width))
    kap0 = max(float(-np.polyfit(lengths, np.log(np.maximum(t, 1e-300)), 1)[0]), 1e-3)
    res = least_squares(lambda p: (model(p) - t) / err, [sig0, 1.0, kap0],
                        bounds=([0.0, 0.0, 0.0], [np.inf, np.inf, np.inf]), x_scale="jac")
    if not res.success:
        raise ConvergenceError(f"absorbing-strip fit failed: {res.message}")
    jac = res.jac
    try:
        cov = np.linalg.inv(jac.T @ jac)
    except np.linalg.LinAlgError as exc:
        raise ConvergenceError("absorbing-strip fit: singular Jacobian (data do not constrain the parameters)") from exc
    sig, z0, kap = res.x
    se = np.sqrt(np.abs(np.diag(cov)))
    a = 1.0 / kap if kap > 0 else np.inf
    a_err = se[2] / kap**2 if kap > 0 else float("nan")
    return AbsorbingStripFit(float(sig), float(se[0]), float(z0), float(se[1]), float(a), float(a_err),
                             float(2.0 * res.cost), int(lengths.size - 3))


def fit_strip_magnetotransmission(field: ArrayLike, delta_t: ArrayLike, *, covariance: ArrayLike, width: float, length: float, absorption_length: float = np.inf,
                                  extrapolation_length: float = 0.0, alpha: float | None = 1.0, spin_degeneracy: int = 1,
                                  l_phi_guess: float | None = None, periodic: bool = False,
                                  field_profile: str = "uniform") -> HLNFit:
    """Fit :func:`strip_magnetotransmission` to a measured ΔT(B) and return L_φ with its error.

    Generalised least squares with the full covariance of the ΔT values (the fields of one
    ensemble are correlated: every field is measured on the same samples).

    Parameters
    ----------
    field : array_like
        Fields B ≠ 0 in units of ħ/(e a²) (at least 2, more than the free parameters).
    delta_t : array_like
        ⟨T(B)⟩ − ⟨T(0)⟩ (units of e²/h).
    covariance : array_like, shape (n, n)
        Covariance matrix of ``delta_t`` (e.g. ``np.cov(samples.T) / n_samples``).
    width, length, absorption_length, extrapolation_length, spin_degeneracy, periodic, field_profile
        Geometry, as in :func:`strip_magnetotransmission` (measured, e.g. by
        :func:`fit_absorbing_strip`).
    alpha : float or None
        Prefactor multiplying the theory (1: one-loop weak localization); ``None`` fits it.
    l_phi_guess : float, optional
        Starting L_φ (default: the absorption length if finite, else L/2).

    Returns
    -------
    HLNFit
        In the units of the inputs: ``l_phi`` (units of a) and ``b_phi = 1/(4 L_φ²)``.

    Raises
    ------
    rmt_meso.ConvergenceError
        If the fit fails or does not constrain L_φ.
    """
    b = check_array("field", field, ndim=1, min_size=2)
    if np.any(b == 0):
        raise ValueError("field must not contain 0 (ΔT(0) = 0 by definition)")
    if l_phi_guess is None:
        l_phi_guess = absorption_length if np.isfinite(absorption_length) else 0.5 * float(length)

    def shape(lp: float) -> np.ndarray:
        return np.asarray(strip_magnetotransmission(b, width, length, lp, absorption_length=absorption_length,
                                                    extrapolation_length=extrapolation_length,
                                                    spin_degeneracy=spin_degeneracy, periodic=periodic,
                                                    field_profile=field_profile), float)
    return _gls_l_phi_fit(shape, b.size, delta_t, covariance, alpha, l_phi_guess, float(length) + float(width),
                          "strip HLN fit")


def _gls_l_phi_fit(shape: Callable[[float], np.ndarray], n: int, delta_t, covariance, alpha, l_phi_guess,
                   size: float, what: str) -> HLNFit:
    """GLS fit of ``alpha · shape(L_φ)`` to ``delta_t`` (covariance ``covariance``) for L_φ (and α).

    L_φ is fitted as log L_φ between 0.1 and 100·``size`` (beyond that the sample's ends, not
    L_φ, cut the cooperon and the data no longer depend on it).
    """
    from scipy.optimize import least_squares

    dt = check_array("delta_t", delta_t, ndim=1, shape=(n,))
    cov = check_array("covariance", covariance, ndim=2, shape=(n, n))
    try:
        chol = np.linalg.cholesky(0.5 * (cov + cov.T))
    except np.linalg.LinAlgError as exc:
        raise ValueError("covariance must be symmetric positive definite") from exc
    nfree = 1 if alpha is not None else 2
    if n <= nfree:
        raise ValueError(f"the data must contain more than {nfree} values; got {n}")
    a_fixed = None if alpha is None else check_real("alpha", alpha)
    l0 = check_real("l_phi_guess", l_phi_guess, minimum=0.0, min_inclusive=False)

    def resid(p):
        amp = a_fixed if a_fixed is not None else p[1]
        return np.linalg.solve(chol, amp * shape(float(np.exp(p[0]))) - dt)

    lo, hi = np.log(0.1), np.log(100.0 * size)
    p0 = [float(np.clip(np.log(l0), lo + 1e-9, hi - 1e-9))] + ([] if a_fixed is not None else [1.0])
    bounds = ([lo] + ([] if a_fixed is not None else [-np.inf]), [hi] + ([] if a_fixed is not None else [np.inf]))
    res = least_squares(resid, p0, x_scale="jac", bounds=bounds)
    if not res.success:
        raise ConvergenceError(f"{what} failed: {res.message}")
    try:
        pcov = np.linalg.inv(res.jac.T @ res.jac)
    except np.linalg.LinAlgError as exc:
        raise ConvergenceError(f"{what}: the data do not constrain L_phi") from exc
    l_phi = float(np.exp(res.x[0]))
    l_err = float(l_phi * np.sqrt(pcov[0, 0]))
    a_val = float(a_fixed) if a_fixed is not None else float(res.x[1])
    a_err = 0.0 if a_fixed is not None else float(np.sqrt(pcov[1, 1]))
    return HLNFit(l_phi, l_err, a_val, a_err, 1.0 / (4.0 * l_phi**2), float(2.0 * res.cost), int(n - nfree))
