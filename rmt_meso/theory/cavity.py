"""Exact random-matrix theory of a chaotic cavity (quantum dot) with ideal leads.

A cavity coupled to lead 1 with ``n1`` and lead 2 with ``n2`` propagating channels has a
scattering matrix from the circular ensemble CβE of size ``N = n1 + n2``.  Its transmission
eigenvalues follow the β-Jacobi law

.. math::  P(T_1..T_n) \\propto \\prod_{i<j}|T_i - T_j|^\\beta \\prod_i T_i^{\\beta(|n_1-n_2|+1)/2 - 1},
           \\qquad n = \\min(n_1, n_2)

(Beenakker, Rev. Mod. Phys. 69, 731 (1997), eq. (3.6); Forrester, J. Phys. A 39, 6861 (2006)),
so every moment below holds for any real ``beta > 0`` of the β-Jacobi ensemble, and for the
circular ensembles at β = 1, 2, 4.

Conventions
-----------
* Dimensionless conductance ``g = sum_n T_n`` (the Landauer formula without the spin factor);
  the conductance in siemens is ``g * G0`` with ``G0 = 2e^2/h`` for spin-degenerate channels.
* β = 4 (symplectic): each channel is a Kramers pair and each doubly-degenerate transmission
  eigenvalue is counted **once**; ``n1``, ``n2`` count Kramers-pair channels.  With this
  convention ⟨T⟩ = 2/3 for ``n1 = n2 = 1``.
* ``exact=True`` returns SymPy rationals (β must then be rational), otherwise floats;
  the float functions broadcast over array arguments.

References
----------
.. [BB96] P. W. Brouwer and C. W. J. Beenakker, J. Math. Phys. 37, 4904 (1996).
.. [BM94] H. U. Baranger and P. A. Mello, Phys. Rev. Lett. 73, 142 (1994);
   R. A. Jalabert, J.-L. Pichard and C. W. J. Beenakker, Europhys. Lett. 27, 255 (1994).
.. [SS06] D. V. Savin and H.-J. Sommers, Phys. Rev. B 73, 081307(R) (2006).
.. [BB97] P. W. Brouwer and C. W. J. Beenakker, Phys. Rev. B 55, 4695 (1997).
.. [Bu86] M. Büttiker, Phys. Rev. B 33, 3020 (1986).
.. [Mo67] P. A. Moldauer, Phys. Rev. 157, 907 (1967); M. Simonius, Phys. Lett. B 52, 279 (1974).
.. [PT56] C. E. Porter and R. G. Thomas, Phys. Rev. 104, 483 (1956).
.. [MW69] C. Mahaux and H. A. Weidenmüller, *Shell-Model Approach to Nuclear Reactions*
   (North-Holland, 1969); J. J. M. Verbaarschot, H. A. Weidenmüller and M. R. Zirnbauer,
   Phys. Rep. 129, 367 (1985).
"""

from __future__ import annotations

import numbers
from fractions import Fraction

from typing import Any

import numpy as np
from scipy import stats

from .._typing import ArrayLike, FloatOrArray
from .._deprecation import warn_deprecated
from .._lazy import sympy as sp
from .._validate import check_array, check_beta, check_bool, check_int, check_real
from ._law import LawMixin

__all__ = [
    "mean_transmission",
    "var_transmission",
    "wl_correction",
    "ucf_variance",
    "wl_correction_large_n",
    "weak_localization",
    "weak_localization_large_n",
    "ucf_large_n",
    "reflection_mean",
    "backscattering_factor",
    "SingleChannelTransmission",
    "single_channel_transmission",
    "voltage_probe_weak_localization",
    "dephasing_weak_localization",
    "voltage_probe_conductance",
    "transmission_from_coupling",
    "coupling_from_transmission",
    "weisskopf_width",
    "moldauer_simonius_width",
    "PorterThomas",
    "porter_thomas", "partial_width_law",
    "dwell_width",
    "thouless_width_ratio",
]


# --------------------------------------------------------------------------------------
# argument handling
# --------------------------------------------------------------------------------------

def _channels(name: str, value, *, minimum: int = 1):
    """An int (returned as int) or an integer array (returned as int64 array), all >= minimum."""
    if isinstance(value, numbers.Integral) and not isinstance(value, (bool, np.bool_)):
        return check_int(name, value, minimum=minimum)
    arr = np.asarray(value)
    if arr.dtype == bool or not np.issubdtype(arr.dtype, np.integer):
        raise TypeError(f"{name} must be an integer or an array of integers; got {value!r}")
    if arr.size and arr.min() < minimum:
        raise ValueError(f"{name} must be >= {minimum}; got minimum {int(arr.min())}")
    return arr.astype(np.int64)


def _beta(beta, exact: bool):
    """β > 0 as float, or as a SymPy Rational when ``exact``."""
    if exact:
        if isinstance(beta, (sp.Rational, Fraction)):
            value = sp.Rational(beta)
        else:
            check_beta(beta)
            frac = Fraction(float(beta)).limit_denominator(10**6)
            if float(frac) != float(beta):
                raise ValueError(f"beta must be a rational number p/q (q <= 1e6) for exact=True; "
                                 f"got {beta!r}")
            value = sp.Rational(frac.numerator, frac.denominator)
        if not (value.is_Rational and value > 0):
            raise ValueError(f"beta must be a positive rational number for exact=True; got {beta!r}")
        return value
    return check_beta(beta)


def _exact_channels(name: str, value, minimum: int = 1):
    return sp.Integer(check_int(name, value, minimum=minimum))


def _out(x):
    """Return a NumPy scalar as a Python float, arrays unchanged."""
    x = np.asarray(x, dtype=float)
    return float(x) if x.ndim == 0 else x


# --------------------------------------------------------------------------------------
# conductance moments
# --------------------------------------------------------------------------------------

def mean_transmission(n1: int, n2: int, beta: float, *, exact: bool = False) -> Any:
    """Mean dimensionless conductance ⟨g⟩ = ⟨Σ T_n⟩ of a chaotic cavity.

    .. math::  \\langle g \\rangle = \\frac{n_1 n_2}{N - 1 + 2/\\beta}, \\qquad N = n_1 + n_2.

    Parameters
    ----------
    n1, n2 : int or array of int
        Channels in the two leads (>= 1; Kramers pairs for β = 4).
    beta : float
        Dyson index (any β > 0 for the β-Jacobi ensemble; 1, 2, 4 for circular ensembles).
    exact : bool
        Return a SymPy rational (scalar arguments only).

    Returns
    -------
    float, ndarray or sympy.Rational

    Raises
    ------
    ValueError, TypeError
        Channels < 1 or non-integer, β <= 0.

    References
    ----------
    Baranger & Mello, PRL 73, 142 (1994); Brouwer & Beenakker, J. Math. Phys. 37, 4904 (1996).

    Examples
    --------
    >>> from rmt_meso.theory.cavity import mean_transmission
    >>> [mean_transmission(1, 1, b, exact=True) for b in (1, 2, 4)]
    [1/3, 1/2, 2/3]
    """
    exact = check_bool("exact", exact)
    if exact:
        a, b, be = _exact_channels("n1", n1), _exact_channels("n2", n2), _beta(beta, True)
        return a * b / (a + b - 1 + 2 / be)
    a, b, be = _channels("n1", n1), _channels("n2", n2), _beta(beta, False)
    a, b = np.asarray(a, float), np.asarray(b, float)
    return _out(a * b / (a + b - 1 + 2 / be))


def var_transmission(n1: int, n2: int, beta: int, *, exact: bool = False) -> Any:
    """Variance of the dimensionless conductance g = Σ T_n of a chaotic cavity.

    Closed form for any n1, n2 and β (Savin & Sommers 2006, eq. (9); for β = 1, 2 also
    Brouwer & Beenakker 1996):

    .. math::
        \\operatorname{var} g = \\frac{2 n_1 n_2 (n_1 - 1 + 2/\\beta)(n_2 - 1 + 2/\\beta)}
        {\\beta (N - 2 + 2/\\beta)(N - 1 + 2/\\beta)^2 (N - 1 + 4/\\beta)}.

    For ``n1 = n2 = 1`` this gives 4/45, 1/12, 1/18 for β = 1, 2, 4 (Kramers pairs counted
    once), and ``1/(8β)`` for ``n1 = n2 → ∞``.

    Parameters, Returns, Raises
        As :func:`mean_transmission`.

    References
    ----------
    D. V. Savin and H.-J. Sommers, PRB 73, 081307(R) (2006).

    Examples
    --------
    >>> from rmt_meso.theory.cavity import var_transmission
    >>> [var_transmission(1, 1, b, exact=True) for b in (1, 2, 4)]
    [4/45, 1/12, 1/18]
    """
    exact = check_bool("exact", exact)
    if exact:
        a, b, be = _exact_channels("n1", n1), _exact_channels("n2", n2), _beta(beta, True)
    else:
        a, b, be = _channels("n1", n1), _channels("n2", n2), _beta(beta, False)
        a, b = np.asarray(a, float), np.asarray(b, float)
    n = a + b
    num = 2 * a * b * (a - 1 + 2 / be) * (b - 1 + 2 / be)
    den = be * (n - 2 + 2 / be) * (n - 1 + 2 / be) ** 2 * (n - 1 + 4 / be)
    return num / den if exact else _out(num / den)


def wl_correction(n1: int, n2: int, beta: int, *, exact: bool = False) -> Any:
    """Weak-localization correction δg = ⟨g⟩ − n1 n2/N at finite channel numbers
    (named like :func:`rmt_meso.theory.wire.wl_correction`).

    The classical (series-resistance) conductance of the cavity is ``n1 n2 / N``; the
    quantum correction is ``n1 n2 (1 − 2/β) / (N (N − 1 + 2/β))`` (negative for β = 1,
    zero for β = 2, positive — weak antilocalization — for β = 4).
    """
    exact = check_bool("exact", exact)
    mean = mean_transmission(n1, n2, beta, exact=exact)
    if exact:
        a, b = sp.Integer(n1), sp.Integer(n2)
        return sp.simplify(mean - a * b / (a + b))
    a, b = np.asarray(n1, float), np.asarray(n2, float)
    return _out(mean - a * b / (a + b))


def weak_localization(n1: int, n2: int, beta: int, *, exact: bool = False) -> Any:
    """Deprecated name of :func:`wl_correction` (removed in 0.3.0)."""
    warn_deprecated("theory.cavity.weak_localization", "theory.cavity.wl_correction")
    return wl_correction(n1, n2, beta, exact=exact)


def weak_localization_large_n(beta: float, ratio: float = 1, *, exact: bool = False) -> Any:
    """Deprecated name of :func:`wl_correction_large_n` (removed in 0.3.0)."""
    warn_deprecated("theory.cavity.weak_localization_large_n", "theory.cavity.wl_correction_large_n")
    return wl_correction_large_n(beta, ratio, exact=exact)


def ucf_variance(n1: int, n2: int, beta: int, *, exact: bool = False) -> Any:
    """Alias of :func:`var_transmission` (universal conductance fluctuations, var g)."""
    return var_transmission(n1, n2, beta, exact=exact)


def _symbols():
    """The symbols n, r, β of the large-N limits (made on first use: SymPy loads lazily)."""
    return sp.symbols("n r beta", positive=True)


def wl_correction_large_n(beta: float, ratio: float = 1, *, exact: bool = False) -> Any:
    """Large-N limit of the weak-localization correction for ``n2 = ratio * n1 → ∞``.

    Computed symbolically as ``lim_{n→∞} (⟨g⟩(n, r n) − r n/(1+r))`` with SymPy:

    .. math::  \\delta g_\\infty = (1 - 2/\\beta)\\, \\frac{r}{(1+r)^2},

    i.e. −1/4, 0, +1/8 for ``n1 = n2`` and β = 1, 2, 4.

    Parameters
    ----------
    beta : float
        Dyson index (> 0).
    ratio : float
        ``n2 / n1`` (> 0).
    exact : bool
        Return a SymPy number (requires rational ``beta`` and ``ratio``).

    Examples
    --------
    >>> from rmt_meso.theory.cavity import weak_localization_large_n
    >>> [wl_correction_large_n(b, exact=True) for b in (1, 2, 4)]
    [-1/4, 0, 1/8]
    """
    exact = check_bool("exact", exact)
    be = _beta(beta, exact)
    check_real("ratio", ratio, minimum=0.0, min_inclusive=False)
    if not exact:
        r = float(ratio)
        return float((1 - 2 / be) * r / (1 + r) ** 2)
    r = sp.nsimplify(ratio, rational=True)
    _N, _R, _B = _symbols()
    expr = _N * (_R * _N) / (_N + _R * _N - 1 + 2 / _B) - _N * _R / (1 + _R)
    return sp.simplify(sp.limit(expr, _N, sp.oo).subs({_B: be, _R: r}))


def ucf_large_n(beta: float, ratio: float = 1, *, exact: bool = False) -> Any:
    """Large-N limit of var g for ``n2 = ratio * n1 → ∞``: ``2 r^2 / (β (1+r)^4)``.

    For ``n1 = n2`` this is the universal value ``1/(8β)`` (Baranger & Mello 1994; Jalabert,
    Pichard & Beenakker 1994).  Computed as the SymPy limit of :func:`var_transmission`.

    Examples
    --------
    >>> from rmt_meso.theory.cavity import ucf_large_n
    >>> [ucf_large_n(b, exact=True) for b in (1, 2, 4)]
    [1/8, 1/16, 1/32]
    """
    exact = check_bool("exact", exact)
    be = _beta(beta, exact)
    check_real("ratio", ratio, minimum=0.0, min_inclusive=False)
    if not exact:
        r = float(ratio)
        return float(2 * r**2 / (be * (1 + r) ** 4))
    r = sp.nsimplify(ratio, rational=True)
    _N, _R, _B = _symbols()
    a, b = _N, _R * _N
    n = a + b
    expr = (2 * a * b * (a - 1 + 2 / _B) * (b - 1 + 2 / _B)
            / (_B * (n - 2 + 2 / _B) * (n - 1 + 2 / _B) ** 2 * (n - 1 + 4 / _B)))
    return sp.simplify(sp.limit(expr, _N, sp.oo).subs({_B: be, _R: r}))


# --------------------------------------------------------------------------------------
# scattering-matrix elements: coherent backscattering
# --------------------------------------------------------------------------------------

def reflection_mean(n: int, beta: float, *, diagonal: bool = True, exact: bool = False) -> Any:
    """Mean squared S-matrix element of the circular ensemble CβE of size ``n``.

    .. math::  \\langle |S_{ab}|^2 \\rangle = \\frac{1}{n - 1 + 2/\\beta}\\ (a \\ne b), \\qquad
               \\langle |S_{aa}|^2 \\rangle = \\frac{2/\\beta}{n - 1 + 2/\\beta}.

    COE: 2/(n+1) and 1/(n+1); CUE: 1/n both; CSE (quaternion elements, ``|S_ab|^2`` =
    half the squared Frobenius norm of the 2×2 block, Kramers pair counted once):
    1/(2n−1) and 2/(2n−1).  The off-diagonal value follows from ⟨g⟩ =
    n1 n2 ⟨|S_ab|^2⟩, the diagonal one from unitarity Σ_b |S_ab|^2 = 1.

    Parameters
    ----------
    n : int
        Matrix size (channels, >= 1; Kramers pairs for β = 4).  For ``diagonal=False``
        ``n >= 2``.
    beta : float
    diagonal : bool
        ``True`` for ⟨|S_aa|²⟩ (return probability), ``False`` for ⟨|S_ab|²⟩, a ≠ b.
    exact : bool
    """
    exact = check_bool("exact", exact)
    diagonal = check_bool("diagonal", diagonal)
    n = check_int("n", n, minimum=1 if diagonal else 2)
    be = _beta(beta, exact)
    num = 2 / be if diagonal else 1
    if exact:
        return sp.Rational(1) * num / (n - 1 + 2 / be)
    return float(num / (n - 1 + 2 / be))


def backscattering_factor(beta: int, *, exact: bool = False) -> Any:
    """Coherent-backscattering enhancement ⟨|S_aa|²⟩/⟨|S_ab|²⟩ = 2/β (independent of n).

    2 for β = 1 (time-reversal symmetry: every path and its time-reversed partner add in
    phase on return), 1 for β = 2 (broken by a magnetic field), 1/2 for β = 4.
    """
    exact = check_bool("exact", exact)
    be = _beta(beta, exact)
    return 2 / be if exact else float(2 / be)


# --------------------------------------------------------------------------------------
# single-channel distribution
# --------------------------------------------------------------------------------------

class SingleChannelTransmission(LawMixin, stats.rv_continuous):
    """Transmission of a cavity with one channel in one lead and ``n`` in the other.

    With ``min(n1, n2) = 1`` there is a single transmission eigenvalue with density

    .. math::  P(T) = \\frac{\\beta n}{2} T^{\\beta n/2 - 1}, \\quad 0 \\le T \\le 1,

    a Beta(βn/2, 1) law; ``n = 1`` gives P(T) ∝ T^{β/2−1} (Jalabert, Pichard & Beenakker
    1994; Baranger & Mello 1994).  Shape parameters: ``beta > 0`` and ``n >= 1`` (the
    channel number of the other lead).
    """

    def _argcheck(self, beta, n):
        return (beta > 0) & (n >= 1)

    def _pdf(self, x, beta, n):
        a = beta * n / 2.0
        return a * x ** (a - 1.0)

    def _logpdf(self, x, beta, n):
        a = beta * n / 2.0
        return np.log(a) + (a - 1.0) * np.log(x)

    def _cdf(self, x, beta, n):
        return x ** (beta * n / 2.0)

    def _ppf(self, q, beta, n):
        return q ** (2.0 / (beta * n))

    def _stats(self, beta, n):
        a = beta * n / 2.0
        mean = a / (a + 1.0)
        var = a / ((a + 1.0) ** 2 * (a + 2.0))
        return mean, var, None, None


#: P(T) of a single-channel cavity; call ``single_channel_transmission(beta, n)`` to freeze.
single_channel_transmission = SingleChannelTransmission(a=0.0, b=1.0, name="single_channel_transmission",
                                                        shapes="beta, n")


# --------------------------------------------------------------------------------------
# dephasing: Büttiker voltage probe
# --------------------------------------------------------------------------------------

def voltage_probe_weak_localization(n1: int, n2: int, nphi: int, beta: int, *, exact: bool = False) -> Any:
    """Large-N weak-localization correction of a cavity with a voltage probe of ``nphi`` channels.

    .. math::  \\delta g = \\Big(1 - \\frac{2}{\\beta}\\Big)
               \\frac{n_1 n_2}{(n_1 + n_2)(n_1 + n_2 + N_\\varphi)}

    (Brouwer & Beenakker 1997, eq. (4.6) with N = n1 + n2; Baranger & Mello, PRB 51, 4703
    (1995)): the Büttiker probe dephases a fraction ``N_φ/(N + N_φ)`` of the returning
    paths, so δg → 0 as ``N_φ → ∞`` and δg = −1/4, +1/8 at ``N_φ = 0`` for n1 = n2, β = 1, 4.

    Derivation used here: linearise the three-terminal formula
    ``g = T21 + T2φ Tφ1/(Tφ1 + Tφ2)`` around the classical values ``n_i n_j / N_tot``
    with the exact means ``⟨T_ij⟩ = n_i n_j/(N_tot − 1 + 2/β)``; the leading term in
    ``1/N_tot`` is the formula above.
    """
    exact = check_bool("exact", exact)
    if exact:
        a, b = _exact_channels("n1", n1), _exact_channels("n2", n2)
        p = _exact_channels("nphi", nphi, 0)
        be = _beta(beta, True)
        return (1 - 2 / be) * a * b / ((a + b) * (a + b + p))
    a, b = _channels("n1", n1), _channels("n2", n2)
    p = _channels("nphi", nphi, minimum=0)
    be = _beta(beta, False)
    a, b, p = (np.asarray(v, float) for v in (a, b, p))
    return _out((1 - 2 / be) * a * b / ((a + b) * (a + b + p)))


def dephasing_weak_localization(n1: int, n2: int, gamma: float, beta: int) -> FloatOrArray:
    r"""Large-N WL correction with a dephasing rate ħ/τ_φ = γΔ/2π (any probe realisation).

    .. math::  \delta g = (1 - 2/\beta)\,\frac{n_1 n_2}{(n_1 + n_2)(n_1 + n_2 + \gamma)},

    where γ = Σ_φ Γ_φ is the total transmission into the dephasing probe (γ = N_φ for an
    ideal probe; γ = 2πħ/(τ_φΔ) for the imaginary-potential model).  Brouwer & Beenakker,
    PRB 55, 4695 (1997).  Float version of :func:`voltage_probe_weak_localization` for real γ.
    """
    a, b = np.asarray(_channels("n1", n1), float), np.asarray(_channels("n2", n2), float)
    g = check_array("gamma", gamma)
    if np.any(g < 0):
        raise ValueError(f"gamma must be >= 0; got {gamma!r}")
    be = _beta(beta, False)
    return _out((1 - 2 / be) * a * b / ((a + b) * (a + b + g)))


def _block_cov_cue(ni, nj, nk, nl, same_rows, same_cols, n):
    """Exact CUE covariance of the block sums Σ_{a∈i,b∈j}|U_ab|² and Σ_{c∈k,d∈l}|U_cd|².

    From the second-order Weingarten calculus: ``(p − ni nk/n)(q − nj nl/n)/(n² − 1)`` with
    ``p = |i ∩ k|``, ``q = |j ∩ l|`` (row and column overlaps).
    """
    p = ni if same_rows else 0.0
    q = nj if same_cols else 0.0
    return (p - ni * nk / n) * (q - nj * nl / n) / (n * n - 1.0)


def voltage_probe_conductance(n1: int, n2: int, nphi: int, beta: int) -> float:
    """Mean conductance of a chaotic cavity with a Büttiker voltage probe, to O(1/N).

    The effective two-terminal conductance is ``g = T21 + T2φ Tφ1 / (Tφ1 + Tφ2)``
    (Büttiker 1986).  Its mean is expanded to second order around the means (δ-method):
    ``⟨g⟩ = f(⟨T⟩) + ½ Σ ∂²f cov(T, T) + O(N^-2)``, using the exact means
    ``⟨T_ij⟩ = n_i n_j/(N − 1 + 2/β)`` and the block covariances
    ``cov_β(X, Y) = (2/β)·½[cov_CUE(X, Y) + cov_CUE(X, Yᵀ)]`` (diffuson + cooperon; exact for
    β = 2, leading order in 1/N for β = 1, 4), where ``cov_CUE`` is the exact Weingarten
    result.  The classical value is ``n1 n2/(n1 + n2)``, the O(1) quantum term
    :func:`voltage_probe_weak_localization`; the remainder is O(1/N²) with
    ``N = n1 + n2 + nphi``.  For ``nphi = 0`` the result is exact.

    Parameters
    ----------
    n1, n2 : int
        Channels of the current leads (>= 1).
    nphi : int
        Channels of the voltage probe (>= 0).
    beta : {1, 2, 4}

    Returns
    -------
    float
    """
    a1, a2 = check_int("n1", n1, minimum=1), check_int("n2", n2, minimum=1)
    p = check_int("nphi", nphi, minimum=0)
    be = check_beta(beta, allowed=(1, 2, 4))
    if p == 0:
        return mean_transmission(a1, a2, be)
    n = float(a1 + a2 + p)
    d = n - 1 + 2 / be
    lead = {1: float(a1), 2: float(a2), 3: float(p)}
    # the three fluctuating blocks (rows, cols): a = Tφ1, b = T2φ, c = Tφ2
    blocks = {"a": (3, 1), "b": (2, 3), "c": (3, 2)}
    mean = {k: lead[i] * lead[j] / d for k, (i, j) in blocks.items()}
    A, B, C = mean["a"], mean["b"], mean["c"]
    s = A + C
    hess = {("a", "a"): -2 * B * C / s**3, ("b", "b"): 0.0, ("c", "c"): 2 * A * B / s**3,
            ("a", "b"): C / s**2, ("a", "c"): B * (A - C) / s**3, ("b", "c"): -A / s**2}

    def cov(x, y):
        (i, j), (k, l) = blocks[x], blocks[y]
        direct = _block_cov_cue(lead[i], lead[j], lead[k], lead[l], i == k, j == l, n)
        if be == 2:
            return direct
        crossed = _block_cov_cue(lead[i], lead[j], lead[l], lead[k], i == l, j == k, n)
        return (2.0 / be) * 0.5 * (direct + crossed)

    second = 0.0
    keys = ("a", "b", "c")
    for ix, x in enumerate(keys):
        for y in keys[ix:]:
            h = hess[(x, y)] if (x, y) in hess else hess[(y, x)]
            weight = 0.5 if x == y else 1.0
            second += weight * h * cov(x, y)
    t21 = lead[1] * lead[2] / d
    return float(t21 + A * B / s + second)


# --------------------------------------------------------------------------------------
# resonance widths (Mahaux–Weidenmüller model)
# --------------------------------------------------------------------------------------

def transmission_from_coupling(kappa: ArrayLike) -> FloatOrArray:
    """Transmission coefficient of a channel with coupling strength κ: ``T = 4κ/(1+κ)²``.

    κ is the dimensionless coupling of the Mahaux–Weidenmüller model,
    ``κ_c = π² w_c²/(M Δ)`` with ``w_c² = Σ_μ |W_μc|²``, M levels and mean level spacing Δ
    (see :class:`rmt_meso.transport.cavity.HamiltonianCavity`).  Ideal coupling is κ = 1
    (T = 1); κ and 1/κ give the same T.  ``⟨S_cc⟩ = (1 − κ)/(1 + κ)`` so ``T = 1 − |⟨S_cc⟩|²``
    (Verbaarschot, Weidenmüller & Zirnbauer 1985).
    """
    k = check_array("kappa", kappa)
    if np.any(k <= 0):
        raise ValueError("kappa must be > 0")
    return _out(4 * k / (1 + k) ** 2)


def coupling_from_transmission(transmission: ArrayLike) -> FloatOrArray:
    """Weak-coupling root κ ∈ (0, 1] of ``T = 4κ/(1+κ)²``: ``κ = (2 − T − 2√(1−T))/T``."""
    t = check_array("transmission", transmission)
    if np.any(t <= 0) or np.any(t > 1):
        raise ValueError("transmission must lie in (0, 1]")
    return _out((2 - t - 2 * np.sqrt(1 - t)) / t)


def _transmissions(transmissions, allow_one: bool):
    t = check_array("transmissions", transmissions, ndim=1, min_size=1)
    if np.any(t <= 0) or np.any(t > 1):
        raise ValueError(f"transmissions must lie in (0, 1]; got {t!r}")
    if not allow_one and np.any(t == 1):
        raise ValueError("transmissions must be < 1 for the Moldauer-Simonius width "
                         "(the mean width diverges at ideal coupling)")
    return t


def weisskopf_width(transmissions: ArrayLike) -> float:
    """Weisskopf estimate of the mean resonance width, in units of the level spacing Δ.

    ``⟨Γ⟩/Δ = Σ_c T_c / (2π)``: each channel drains probability at the classical rate
    ``T_c Δ/(2πħ)`` (Blatt & Weisskopf 1952).  Exact to first order in the T_c; at ideal
    coupling ``N Δ/(2π)`` is ħ over the classical dwell time of the cavity.
    """
    t = _transmissions(transmissions, True)
    return float(t.sum() / (2 * np.pi))


def moldauer_simonius_width(transmissions: ArrayLike) -> float:
    """Moldauer–Simonius sum rule: mean resonance width ``⟨Γ⟩/Δ = −Σ_c ln(1 − T_c)/(2π)``.

    Derivation: ``det S(E) = Π_n (E − z_n*)/(E − z_n)`` for poles ``z_n = E_n − iΓ_n/2``;
    the energy average of ``ln|det S(E + iη)|`` (analytic in the upper half plane, so equal
    to ``ln|det⟨S⟩| = ½ Σ_c ln(1 − T_c)``) over poles of density 1/Δ is ``−π⟨Γ⟩/Δ`` for η
    larger than the widths.  Holds for non-ideal channels (T_c < 1) in the limit of many
    resonances; reduces to :func:`weisskopf_width` for small T_c.

    References
    ----------
    Moldauer, Phys. Rev. 157, 907 (1967); Simonius, Phys. Lett. B 52, 279 (1974).
    """
    t = _transmissions(transmissions, False)
    return float(-np.log1p(-t).sum() / (2 * np.pi))


class PorterThomas(LawMixin, stats.rv_continuous):
    """Porter–Thomas law of normalised partial widths ``y = Γ/⟨Γ⟩`` with ν degrees of freedom.

    ``y`` is χ²_ν/ν: ``P(y) = (ν/2)^{ν/2} y^{ν/2−1} e^{−νy/2}/Γ(ν/2)``.  A resonance of a
    chaotic cavity weakly coupled to c channels has ν = β c (β real components per
    eigenvector amplitude: 1 for GOE, 2 for GUE, 4 for a GSE Kramers pair), so ν = 1 is the
    original Porter–Thomas law.  Shape parameter ``nu > 0``.

    References
    ----------
    C. E. Porter and R. G. Thomas, Phys. Rev. 104, 483 (1956).
    """

    def _argcheck(self, nu):
        return nu > 0

    def _pdf(self, y, nu):
        return np.exp(self._logpdf(y, nu))

    def _logpdf(self, y, nu):
        return stats.gamma.logpdf(y, nu / 2.0, scale=2.0 / nu)

    def _cdf(self, y, nu):
        return stats.gamma.cdf(y, nu / 2.0, scale=2.0 / nu)

    def _ppf(self, q, nu):
        return stats.gamma.ppf(q, nu / 2.0, scale=2.0 / nu)

    def _stats(self, nu):
        return 1.0, 2.0 / nu, None, None


#: Porter–Thomas distribution; ``porter_thomas(nu)`` freezes it (mean 1, variance 2/ν).
porter_thomas = PorterThomas(a=0.0, name="porter_thomas", shapes="nu")


def partial_width_law(n_channels: int, beta: int, M: int) -> Any:   # a frozen scipy.stats law
    """Exact weak-coupling law of ``y = Γ/⟨Γ⟩`` for a Gaussian-ensemble cavity of M levels.

    To first order in the coupling the width of level n is ``Γ_n = 2π Σ_c |⟨ψ_n|w_c⟩|²``.
    For orthogonal, equal-norm coupling vectors and eigenvectors uniform on the unit sphere
    of R^M (β = 1) or C^M (β = 2), ``Σ_{c≤k} |ψ_c|²`` is Beta(βk/2, β(M−k)/2) distributed
    (Ullah 1964), so ``y = (M/k) Σ_c |ψ_c|²`` is a scaled Beta law with mean 1.  It tends to
    the Porter–Thomas law χ²_{βk}/(βk) (:data:`porter_thomas` with ν = βk) as M → ∞; at
    finite M its tail is shorter by terms of relative order k/M.

    Parameters
    ----------
    n_channels : int
        Number of coupled channels k, ``1 <= k < M``.
    beta : {1, 2}
    M : int
        Number of levels of the Hamiltonian.

    Returns
    -------
    scipy.stats frozen distribution

    References
    ----------
    N. Ullah, Nucl. Phys. 58, 65 (1964); T. A. Brody et al., Rev. Mod. Phys. 53, 385 (1981).

    Examples
    --------
    >>> law = partial_width_law(4, 1, 48)
    >>> bool(abs(law.mean() - 1) < 1e-12 and law.var() < porter_thomas(4).var())
    True
    """
    beta = check_beta(beta, allowed=(1, 2))
    M = check_int("M", M, minimum=2)
    k = check_int("n_channels", n_channels, minimum=1, maximum=M - 1)
    return stats.beta(beta * k / 2.0, beta * (M - k) / 2.0, scale=M / k)


def dwell_width(n_channels: int) -> float:
    """Width ``ħ/τ_dwell`` of an ideally coupled cavity in units of Δ: ``N/(2π)``.

    The classical escape rate through ``N`` open channels (Weisskopf at T_c = 1).
    """
    n = check_int("n_channels", n_channels, minimum=1)
    return float(n / (2 * np.pi))


def thouless_width_ratio(n1: int, n2: int, beta: int = 2) -> float:
    """Ratio ``⟨g⟩ / (⟨Γ⟩/Δ)`` for an ideally coupled cavity, with ⟨Γ⟩ the Weisskopf width.

    Thouless' picture: the dimensionless conductance is the level broadening in units of
    the level spacing, ``g ~ Γ/Δ``.  For a cavity ``⟨g⟩ ≈ n1 n2/N`` and ``Γ/Δ = N/(2π)``,
    so the ratio is ``2π n1 n2/N²`` (π/2 for equal leads): an order-of-magnitude relation,
    not an identity.
    """
    a = check_int("n1", n1, minimum=1)
    b = check_int("n2", n2, minimum=1)
    return float(mean_transmission(a, b, beta) / dwell_width(a + b))


# --------------------------------------------------------------------------------------
# energy and parameter correlations of the conductance (large N)
# --------------------------------------------------------------------------------------

__all__ += ["correlation_energy", "parametric_correlation_scale", "conductance_correlation",
            "partial_width_law"]


def correlation_energy(n_channels: int) -> float:
    """Correlation energy of the conductance of an ideally coupled cavity, in units of Δ.

    ``E_c = ħ/τ_dwell = NΔ/2π`` — the width of the Lorentzian
    :func:`conductance_correlation` in energy.  It equals the Weisskopf resonance width
    (:func:`weisskopf_width` at ``T_c = 1``, :func:`dwell_width`): the energy scale on which the
    conductance of one cavity changes is the resonance width, and ``⟨g⟩ ≈ n1n2/N`` is
    ``(2π n1 n2/N²)·E_c/Δ`` — the Thouless relation "g ≃ E_c/Δ" of a cavity, up to the
    factor ``2π n1n2/N²`` (π/2 for equal leads).

    Parameters
    ----------
    n_channels : int
        Total number of ideal channels ``N = n1 + n2`` (>= 1).

    Returns
    -------
    float

    Examples
    --------
    >>> from rmt_meso.theory.cavity import correlation_energy
    >>> round(correlation_energy(8) * 2 * np.pi, 12)
    8.0
    """
    return dwell_width(n_channels)


def parametric_correlation_scale(n_channels: int, M: int) -> float:
    """Correlation angle ``X_c`` of the conductance for ``H(X) = H1 cos X + H2 sin X``.

    ``H(X)`` and ``H(X + δX)`` are two Gaussian-ensemble matrices with correlation
    coefficient ``cos δX`` per element.  In the diffuson/cooperon ladder each rung then
    carries a factor ``cos δX``, which adds the decay rate
    ``Γ_X = 2M(1 − cos δX)Δ/π`` (the band half-width is ``2MΔ/π``) to the escape rate
    ``NΔ/2π``.  The two are equal at

    .. math::  1 - \\cos X_c = \\frac{N}{4M}, \\qquad X_c = 2\\arcsin\\sqrt{N/(8M)}
               \\approx \\sqrt{N/(2M)}.

    Parameters
    ----------
    n_channels : int
        Ideal channels N (>= 1).
    M : int
        Levels of the Hamiltonian, ``M >= n_channels``.

    Returns
    -------
    float
        ``X_c`` in radians.
    """
    n = check_int("n_channels", n_channels, minimum=1)
    m = check_int("M", M, minimum=n)
    return float(2 * np.arcsin(np.sqrt(n / (8.0 * m))))


def conductance_correlation(epsilon: ArrayLike, n1: int, n2: int, beta: int, *, dx: ArrayLike = 0.0, M: int | None = None, normalized: bool = False) -> FloatOrArray:
    """Large-N correlation ``⟨δg(E, X) δg(E + ε, X + δX)⟩`` of an ideally coupled cavity.

    .. math::
        C(\\varepsilon, \\delta X) = \\frac{\\operatorname{var} g}
        {\\big(1 + \\Gamma_X/\\Gamma\\big)^2 + (\\varepsilon/\\Gamma)^2}, \\qquad
        \\Gamma = \\frac{N\\Delta}{2\\pi}, \\quad
        \\frac{\\Gamma_X}{\\Gamma} = \\frac{4M(1 - \\cos\\delta X)}{N},

    with ``var g = 2 n1² n2²/(β N⁴)`` (1/(8β) for equal leads; :func:`ucf_large_n`).

    Derivation: to leading order in 1/N the conductance covariance is the square of the
    diffuson (β = 1, 2, 4) plus cooperon (β = 1, 4) ladder, each
    ``D = Γ/(Γ + Γ_X − iε)`` — the Fourier transform of the exponential dwell-time
    distribution ``e^{−Γt/ħ}`` — so ``C ∝ |D|²``: a Lorentzian of half-width Γ in energy
    (Jalabert, Baranger & Stone 1990; Efetov 1995; Beenakker RMP 1997, Sec. V), and a squared
    Lorentzian in the parameter.  The normalised shape is the same for β = 1, 2 and 4 (for
    the rotation parametrisation both ladders decay alike); only the amplitude depends on β
    (UCF ∝ 1/β).  Finite N changes the shape at relative order 1/N.

    Parameters
    ----------
    epsilon : float or array_like
        Energy difference ε in units of Δ.
    n1, n2 : int
        Channels of the leads (Kramers pairs for β = 4).
    beta : {1, 2, 4} or float > 0
    dx : float or array_like
        Rotation-angle difference δX of ``H(X) = H1 cos X + H2 sin X`` (radians).
    M : int, optional
        Number of levels; required when ``dx`` is not zero.
    normalized : bool
        Return ``C/var g`` instead of ``C``.

    Returns
    -------
    float or ndarray

    References
    ----------
    R. A. Jalabert, H. U. Baranger and A. D. Stone, Phys. Rev. Lett. 65, 2442 (1990).
    K. B. Efetov, Phys. Rev. Lett. 74, 2299 (1995).
    C. W. J. Beenakker, Rev. Mod. Phys. 69, 731 (1997), Sec. V.
    A. Pandey and M. L. Mehta, Commun. Math. Phys. 87, 449 (1983).

    Examples
    --------
    >>> from rmt_meso.theory.cavity import conductance_correlation, correlation_energy
    >>> c0 = conductance_correlation(0.0, 4, 4, 2)
    >>> half = conductance_correlation(correlation_energy(8), 4, 4, 2)
    >>> bool(np.isclose(c0, 1 / 16) and np.isclose(half, c0 / 2))
    True
    """
    a = check_int("n1", n1, minimum=1)
    b = check_int("n2", n2, minimum=1)
    be = check_beta(beta)
    normalized = check_bool("normalized", normalized)
    eps = check_array("epsilon", epsilon)
    d = check_array("dx", dx)
    n = a + b
    if np.any(d != 0):
        if M is None:
            raise ValueError("M (number of levels) is required when dx is not zero")
        m = check_int("M", M, minimum=n)
        ratio = 4.0 * m * (1.0 - np.cos(d)) / n
    else:
        ratio = np.zeros_like(d)
    gam = n / (2 * np.pi)
    shape = 1.0 / ((1.0 + ratio) ** 2 + (eps / gam) ** 2)
    amp = 1.0 if normalized else 2.0 * a**2 * b**2 / (be * n**4)
    return _out(amp * shape)
