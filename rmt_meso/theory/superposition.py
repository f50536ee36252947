r"""Spectra that superpose independent sectors, and spectra with missing levels.

Superposition (an unresolved symmetry): the levels of m independent sectors, sector k
carrying a fraction :math:`w_k` of the levels, are merged.  In units of the total mean
spacing sector k has density :math:`w_k`, and independence makes gap probabilities
multiply (Mehta 2004, Sec. A.2; Berry & Robnik 1984):

.. math:: E(s) = \prod_k E_{\beta_k}(w_k s), \qquad P(s) = E''(s),

exact with the Gaudin-Mehta gap probabilities of :func:`rmt_meso.theory.gap_probability`.
The mean folded ratio of an equal-weight superposition is tabulated
(:func:`mixed_mean_rtilde`; Giraud, Mace, Vernier & Alet 2022 give its surmise-level form).

Missing levels (Bohigas & Pato 2004): if each level is observed independently with
probability :math:`\varphi`, then in units of the observed mean spacing

.. math:: \Sigma^2_\varphi(L) = (1-\varphi)L + \varphi^2\Sigma^2(L/\varphi), \qquad
          \Delta_{3,\varphi}(L) = (1-\varphi)\frac{L}{15} + \varphi^2\Delta_3(L/\varphi),

and the spacing density is the sum over the k-th neighbour spacings of the complete
spectrum, :math:`P_\varphi(s) = \sum_{k\ge0}(1-\varphi)^k p_\beta(k; s/\varphi)`, summed in
closed form by :func:`thinned_gap` (a Fredholm determinant at coupling below one).

References
----------
O. Giraud, N. Mace, E. Vernier and F. Alet, Phys. Rev. X 12, 011006 (2022).
O. Bohigas and M. P. Pato, Phys. Lett. B 595, 171 (2004).
M. V. Berry and M. Robnik, J. Phys. A 17, 2413 (1984).
M. L. Mehta, *Random Matrices*, 3rd ed. (Elsevier, 2004).
"""

from __future__ import annotations

from typing import Literal, overload

import numpy as np

from .._typing import ArrayLike, FloatOrArray
from .._validate import check_array, check_beta, check_int, check_real
from ._ratio_tables import MIXED_TABLE
from .correlations import number_variance, rigidity
from .spacing import _gap, _sine_det, gap_probability

__all__ = ["superposition_gap", "superposition_spacing_pdf", "mixed_mean_rtilde",
           "thinned_number_variance", "thinned_rigidity", "thinned_gap", "thinned_spacing_pdf",
           "MIXED_M_MAX"]

#: Largest number of equal-weight sectors tabulated by :func:`mixed_mean_rtilde`.
MIXED_M_MAX = max((m for (_, m) in MIXED_TABLE), default=0)


def _check_weights(weights) -> np.ndarray:
    w = check_array("weights", weights, ndim=1, min_size=1)
    if np.any(w <= 0):
        raise ValueError(f"weights must be > 0 (fractions of the levels in each sector); got {w.tolist()}")
    if not np.isclose(w.sum(), 1.0, rtol=0, atol=1e-9):
        raise ValueError(f"weights must sum to 1; got sum {w.sum()!r}")
    return w


def _check_betas(beta, k: int) -> list[int]:
    betas = [beta] * k if np.ndim(beta) == 0 else list(beta)
    if len(betas) != k:
        raise ValueError(f"beta must be one value or one per sector ({k}); got {beta!r}")
    return [0 if float(b) == 0 else int(check_beta(b, allowed=(1, 2, 4))) for b in betas]


def _factor(beta: int, w: float, s: np.ndarray, derivative: int):
    x = w * s
    if beta == 0:
        e = np.exp(-x)
        return e * (-w) ** derivative
    return gap_probability(beta, x, derivative) * w ** derivative


def superposition_gap(s: ArrayLike, weights: ArrayLike, beta: int, derivative: int = 0) -> FloatOrArray:
    r"""Gap probability :math:`E(s)` (or its derivatives) of superposed independent sectors.

    Parameters
    ----------
    s : float or array_like
        Interval lengths >= 0 in units of the total mean spacing.
    weights : 1-D array_like
        Fraction of the levels in each sector (> 0, sum 1).
    beta : {0, 1, 2, 4} or sequence
        Class of every sector (0 = Poisson), or one class per sector.
    derivative : {0, 1, 2}
        0: E(s); 1: E'(s) (= minus the survival function of the spacing); 2: P(s).

    Returns
    -------
    float or ndarray

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.theory import gap_probability
    >>> bool(np.isclose(superposition_gap(0.8, [1.0], 1), gap_probability(1, 0.8)))
    True
    """
    w = _check_weights(weights)
    betas = _check_betas(beta, w.size)
    derivative = check_int("derivative", derivative, minimum=0, maximum=2)
    x = check_array("s", s, ndim=None)
    if np.any(x < 0):
        raise ValueError(f"s must be >= 0; got min(s) = {x.min()}")
    f = [[_factor(b, wk, x, d) for d in range(derivative + 1)] for b, wk in zip(betas, w)]
    # Leibniz rule for the product of the sector gap functions
    out = np.zeros_like(x)
    k = len(f)
    if derivative == 0:
        out = np.prod([fk[0] for fk in f], axis=0)
    elif derivative == 1:
        for i in range(k):
            out = out + f[i][1] * np.prod([f[j][0] for j in range(k) if j != i], axis=0)
    else:
        for i in range(k):
            out = out + f[i][2] * np.prod([f[j][0] for j in range(k) if j != i], axis=0)
            for j in range(i + 1, k):
                rest = np.prod([f[l][0] for l in range(k) if l not in (i, j)], axis=0)
                out = out + 2.0 * f[i][1] * f[j][1] * rest
    return float(out) if out.ndim == 0 else out


def superposition_spacing_pdf(s: ArrayLike, weights: ArrayLike, beta: int) -> FloatOrArray:
    r"""Nearest-neighbour spacing density of superposed independent sectors, :math:`P(s) = E''(s)`.

    Exact for Poisson, GOE, GUE and GSE sectors (Gaudin-Mehta gap probabilities), at unit
    total mean spacing.  Equal weights ``[1/m] * m`` model an unresolved symmetry with m
    sectors of equal size.

    Examples
    --------
    >>> import numpy as np
    >>> bool(np.isclose(superposition_spacing_pdf(1.3, [0.5, 0.5], 0), np.exp(-1.3)))
    True
    """
    return superposition_gap(s, weights, beta, derivative=2)


@overload
def mixed_mean_rtilde(m: int, beta: int, *, error: Literal[False] = False) -> float: ...
@overload
def mixed_mean_rtilde(m: int, beta: int, *, error: Literal[True]) -> tuple[float, float]: ...


def mixed_mean_rtilde(m: int, beta: int, *, error: bool = False) -> float | tuple[float, float]:
    r"""Bulk large-n ``<r~>`` of ``m`` superposed independent equal-weight GOE (beta=1) or GUE (beta=2) sectors.

    Measured by ``tools/tabulate_ratio_tables.py``: m independent semicircle-unfolded
    bulk spectra of the tridiagonal beta-Hermite model with random offsets, merged.  m = 1
    reproduces the single-class value; as m grows the value tends to the Poisson
    2 ln 2 - 1 (Giraud et al. 2022).

    Parameters
    ----------
    m : int, 1 <= m <= MIXED_M_MAX
    beta : {1, 2}
    error : bool
        Also return the standard error of the tabulated value.

    Examples
    --------
    >>> v = mixed_mean_rtilde(2, 1)
    >>> bool(2 * np.log(2) - 1 < v < 0.5307)
    True
    """
    m = check_int("m", m, minimum=1, maximum=MIXED_M_MAX)
    beta = check_beta(beta, allowed=(1, 2))
    v, e = MIXED_TABLE[(int(beta), m)]
    return (v, e) if error else v


def thinned_number_variance(L: ArrayLike, beta: int, fraction: float) -> FloatOrArray:
    r"""Number variance when each level is observed with probability ``fraction`` (Bohigas & Pato 2004).

    :math:`\Sigma^2_\varphi(L) = (1-\varphi)L + \varphi^2\Sigma^2_\beta(L/\varphi)`, L in units
    of the observed mean spacing.

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.theory import number_variance
    >>> bool(np.isclose(thinned_number_variance(4.0, 1, 1.0), number_variance(4.0, 1)))
    True
    """
    phi = check_real("fraction", fraction, minimum=0.0, maximum=1.0, min_inclusive=False)
    L = check_array("L", L, ndim=None)
    out = (1.0 - phi) * L + phi ** 2 * np.asarray(number_variance(L / phi, beta))
    return float(out) if np.ndim(out) == 0 else out


def thinned_rigidity(L: ArrayLike, beta: int, fraction: float) -> FloatOrArray:
    r"""Spectral rigidity with a fraction ``1 - fraction`` of the levels missing at random (Bohigas & Pato 2004).

    :math:`\Delta_{3,\varphi}(L) = (1-\varphi)L/15 + \varphi^2\Delta_{3,\beta}(L/\varphi)`.

    Examples
    --------
    >>> import numpy as np
    >>> bool(np.isclose(thinned_rigidity(15.0, 0, 0.5), 1.0))
    True
    """
    phi = check_real("fraction", fraction, minimum=0.0, maximum=1.0, min_inclusive=False)
    L = check_array("L", L, ndim=None)
    out = (1.0 - phi) * L / 15.0 + phi ** 2 * np.asarray(rigidity(L / phi, beta))
    return float(out) if np.ndim(out) == 0 else out


def _thinned_gap(beta: int, s: np.ndarray, phi: float) -> np.ndarray:
    """``E_phi(0; s)``, ``E'`` and ``E''`` (shape (3, s.size)), s >= 0 in observed mean spacings.

    With ``q = 1 - phi`` the thinned gap probability is the generating function
    ``H(x) = sum_k q^k E_beta(k; x)`` at ``x = s / phi`` complete mean spacings
    (Bohigas & Pato 2004, eqs. (3)-(4), summed over k).  ``sum_k E(k; x)(1 - z)^k =
    det(I - z K)`` (Mehta 2004, ch. 6; Bornemann 2010 review, Sec. 5):

    * beta = 2: ``H = det(I - phi K_sine)`` on ``L²(0, x)``;
    * beta = 1: Gaudin's interlacing ``E_+(n) = E_1(2n) + E_1(2n-1)``,
      ``E_-(n) = E_1(2n) + E_1(2n+1)`` (Mehta 2004, Sec. 20.1) gives
      ``H = [D_+ + q D_-] / (1 + q)``, ``D_± = det(I - (1 - q²) K_±)`` on ``L²(0, x/2)``;
    * beta = 4: ``E_4(n; x) = [E_+(n; 2x) + E_-(n; 2x)] / 2`` gives
      ``H = [D_+ + D_-] / 2``, ``D_± = det(I - phi K_±)`` on ``L²(0, x)``.
    """
    if phi == 1.0:
        return _gap(beta, s)
    x = s / phi
    q = 1.0 - phi
    if beta == 2:
        res = _sine_det(x, 0, z=phi) / np.array([1.0, phi, phi * phi])[:, None]
    elif beta == 1:
        z = 1.0 - q * q
        res = (_sine_det(0.5 * x, 1, z=z) + q * _sine_det(0.5 * x, -1, z=z)) / (1.0 + q)
        res = res / np.array([1.0, 2.0 * phi, 4.0 * phi * phi])[:, None]
    else:
        res = 0.5 * (_sine_det(x, 1, z=phi) + _sine_det(x, -1, z=phi))
        res = res / np.array([1.0, phi, phi * phi])[:, None]
    return res


def thinned_gap(s: ArrayLike, beta: int, fraction: float, derivative: int = 0) -> FloatOrArray:
    r"""Gap probability of a spectrum with levels missing at random (Bohigas & Pato 2004).

    Each level of a complete Gaussian-ensemble spectrum is kept independently with
    probability :math:`\varphi` = ``fraction``.  Returns the probability :math:`E_\varphi(s)`
    that an interval of length ``s`` (in units of the *observed* mean spacing) holds no
    observed level, or its first or second derivative; the spacing density is
    :math:`P_\varphi(s) = E_\varphi''(s)` (:func:`thinned_spacing_pdf`).

    Parameters
    ----------
    s : array_like
        Lengths, >= 0, in observed mean spacings.
    beta : {0, 1, 2, 4}
        Class of the complete spectrum (0: Poisson, which thinning leaves Poisson).
    fraction : float
        Observed fraction :math:`\varphi \in (0, 1]`.
    derivative : {0, 1, 2}

    Returns
    -------
    float or ndarray

    Notes
    -----
    :math:`E_\varphi(s) = \sum_{k\ge0} (1-\varphi)^k E_\beta(k; s/\varphi)` with
    :math:`E_\beta(k; x)` the probability of exactly k levels of the complete spectrum in a
    length x (the k levels all missed).  Summed in closed form as Fredholm determinants of
    the sine kernel (β = 2) or of its even/odd parts :math:`K_\pm` (β = 1, 4) at a coupling
    below one, evaluated by Nyström quadrature with exact derivatives
    (:mod:`rmt_meso.theory._fredholm`); see ``_thinned_gap`` for the three formulas.
    Equivalent to Bohigas & Pato's :math:`P(s) = \sum_k (1-\varphi)^k p(k; s/\varphi)`.

    References
    ----------
    O. Bohigas and M. P. Pato, Phys. Lett. B 595, 171 (2004).
    M. L. Mehta, *Random Matrices*, 3rd ed. (Elsevier, 2004), ch. 6, 7, 20.
    F. Bornemann, Markov Process. Relat. Fields 16, 803 (2010), Sec. 5.

    Examples
    --------
    >>> import numpy as np
    >>> bool(np.isclose(thinned_gap(0.7, 2, 1.0), gap_probability(2, 0.7)))
    True
    >>> bool(np.isclose(thinned_gap(0.0, 1, 0.6, derivative=1), -1.0))
    True
    """
    beta = 0 if np.ndim(beta) == 0 and float(beta) == 0 else int(check_beta(beta, allowed=(1, 2, 4)))
    phi = check_real("fraction", fraction, minimum=0.0, maximum=1.0, min_inclusive=False)
    derivative = check_int("derivative", derivative, minimum=0, maximum=2)
    arr = check_array("s", s, ndim=None)
    if np.any(arr < 0):
        raise ValueError("s must be >= 0 (lengths in observed mean spacings)")
    flat = arr.ravel()
    if beta == 0:
        out = np.exp(-flat) * (-1.0) ** derivative
    else:
        out = _thinned_gap(beta, flat, float(phi))[derivative]
    out = out.reshape(arr.shape)
    return float(out) if out.ndim == 0 else out


def thinned_spacing_pdf(s: ArrayLike, beta: int, fraction: float) -> FloatOrArray:
    r"""Nearest-neighbour spacing density with levels missing at random (Bohigas & Pato 2004).

    :math:`P_\varphi(s) = \sum_{k\ge0}(1-\varphi)^k p_\beta(k; s/\varphi)`, the second
    derivative of :func:`thinned_gap`; ``s`` in observed mean spacings, unit mean.

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.theory import spacing_law
    >>> bool(np.isclose(thinned_spacing_pdf(1.0, 1, 1.0), spacing_law(1).pdf(1.0)))
    True
    """
    return thinned_gap(s, beta, fraction, derivative=2)
