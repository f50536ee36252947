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
          \Delta_{3,\varphi}(L) = (1-\varphi)\frac{L}{15} + \varphi^2\Delta_3(L/\varphi).

References
----------
O. Giraud, N. Mace, E. Vernier and F. Alet, Phys. Rev. X 12, 011006 (2022).
O. Bohigas and M. P. Pato, Phys. Lett. B 595, 171 (2004).
M. V. Berry and M. Robnik, J. Phys. A 17, 2413 (1984).
M. L. Mehta, *Random Matrices*, 3rd ed. (Elsevier, 2004).
"""

from __future__ import annotations

import numpy as np

from .._validate import check_array, check_beta, check_int, check_real
from ._ratio_tables import MIXED_TABLE
from .correlations import number_variance, rigidity
from .spacing import gap_probability

__all__ = ["superposition_gap", "superposition_spacing_pdf", "mixed_mean_rtilde",
           "thinned_number_variance", "thinned_rigidity", "MIXED_M_MAX"]

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


def superposition_gap(s, weights, beta, derivative: int = 0):
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


def superposition_spacing_pdf(s, weights, beta):
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


def mixed_mean_rtilde(m, beta, *, error: bool = False):
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


def thinned_number_variance(L, beta, fraction):
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


def thinned_rigidity(L, beta, fraction):
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
