"""Exact transmission of simple quantum devices on the square lattice and in the continuum.

* Transverse subbands of a clean strip of width M with hard walls (the modes of the
  leads of :class:`rmt_meso.transport.Wire`): :math:`\\varepsilon_k = -2t\\cos(k\\pi/(M+1))`,
  open for :math:`|E - \\varepsilon_k| < 2t`; each mode opens at :math:`\\varepsilon_k - 2t`
  and closes at :math:`\\varepsilon_k + 2t`.
* A tunnel barrier: one slice of on-site energy U across a clean strip.  The transverse
  modes decouple and each is a 1D chain with a single impurity,

  .. math:: T_k(E) = \\frac{4t^2 - (E-\\varepsilon_k)^2}{4t^2 - (E-\\varepsilon_k)^2 + U^2}

  (the group velocity :math:`v_k = \\sqrt{4t^2 - (E-\\varepsilon_k)^2}` per lattice constant
  over ħ, and :math:`T = v^2/(v^2 + U^2)`), so that for :math:`U \\gg t` every
  :math:`T_k \\ll 1` and the Fano factor tends to 1 (Poissonian shot noise).

References
----------
S. Datta, *Electronic Transport in Mesoscopic Systems* (CUP, 1995), ch. 3 (lattice strips).
E. N. Economou, *Green's Functions in Quantum Physics* (Springer, 2006), ch. 5 (1D impurity).
"""

from __future__ import annotations

import math

import numpy as np

from .._validate import check_array, check_int, check_real

__all__ = ["strip_subbands", "strip_thresholds", "barrier_transmission", "barrier_transmission_derivatives"]


def strip_subbands(width, *, t: float = 1.0) -> np.ndarray:
    """Transverse energies :math:`\\varepsilon_k = -2t\\cos(k\\pi/(M+1))`, k = 1..M (ascending).

    Examples
    --------
    >>> bool(np.allclose(strip_subbands(1), [0.0]))
    True
    """
    m = check_int("width", width, minimum=1)
    t = check_real("t", t, minimum=0.0, min_inclusive=False)
    return -2.0 * t * np.cos(np.pi * np.arange(1, m + 1) / (m + 1))


def strip_thresholds(width, *, t: float = 1.0):
    """Energies where the number of open modes of a clean strip changes, and the direction.

    Returns
    -------
    energies : ndarray, shape (2M,)
        Sorted thresholds :math:`\\varepsilon_k \\mp 2t`.
    signs : ndarray, shape (2M,)
        +1 where a mode opens (:math:`\\varepsilon_k - 2t`), −1 where it closes.

    Examples
    --------
    >>> e, s = strip_thresholds(1)
    >>> bool(np.allclose(e, [-2, 2]) and np.allclose(s, [1, -1]))
    True
    """
    eps = strip_subbands(width, t=t)
    e = np.concatenate([eps - 2 * t, eps + 2 * t])
    s = np.concatenate([np.ones_like(eps), -np.ones_like(eps)])
    order = np.argsort(e, kind="stable")
    return e[order], s[order]


def barrier_transmission(energy, width, barrier, *, t: float = 1.0) -> np.ndarray:
    """Mode transmissions of a single-slice barrier of height U across a clean strip.

    Parameters
    ----------
    energy : float or array_like
        Fermi energy (units of t).
    width : int
        Strip width M.
    barrier : float
        On-site energy U of the barrier slice (any real).
    t : float
        Hopping.

    Returns
    -------
    ndarray, shape energy.shape + (M,)
        :math:`T_k(E)` per transverse mode k (0 for closed modes), in the order of
        :func:`strip_subbands`.

    Examples
    --------
    >>> bool(np.allclose(barrier_transmission(0.0, 1, 2.0), [0.5]))
    True
    """
    e = check_array("energy", energy, dtype=float)
    u = check_real("barrier", barrier)
    eps = strip_subbands(width, t=t)
    v2 = 4 * t ** 2 - (e[..., None] - eps) ** 2
    out = np.where(v2 > 0, v2 / (np.where(v2 > 0, v2, 1.0) + u ** 2), 0.0)
    return out


def barrier_transmission_derivatives(energy, width, barrier, order, *, t: float = 1.0) -> np.ndarray:
    """Energy derivatives :math:`d^n\\mathcal T/dE^n`, n = 0..order, of the total barrier transmission.

    Over the modes open at E, with :math:`y = E - \\varepsilon_k` and :math:`a^2 = 4t^2 + U^2`,
    each :math:`T_k = 1 - U^2/(a^2 - y^2) = 1 - \\frac{U^2}{2a}\\left[\\frac{1}{a-y} + \\frac{1}{a+y}\\right]`,
    so that exactly

    .. math:: T_k^{(n)} = \\delta_{n0} - \\frac{U^2}{2a}\\, n!\\left[(a-y)^{-n-1} + (-1)^n (a+y)^{-n-1}\\right].

    Valid away from the thresholds (where a mode opens and :math:`\\mathcal T` is not
    analytic).  These feed the Sommerfeld expansion and Mott's formula
    (:mod:`rmt_meso.theory.thermoelectric`).

    Parameters
    ----------
    energy : float or array_like
        None within 1e-9 of a threshold (ValueError).
    width : int
    barrier : float
    order : int >= 0
    t : float

    Returns
    -------
    ndarray, shape (order + 1,) + energy.shape

    Examples
    --------
    >>> d = barrier_transmission_derivatives(0.3, 1, 2.0, 1)
    >>> bool(np.isclose(d[0], barrier_transmission(0.3, 1, 2.0)[0]))
    True
    """
    e = check_array("energy", energy, dtype=float)
    u = check_real("barrier", barrier)
    order = check_int("order", order, minimum=0)
    eps = strip_subbands(width, t=t)
    thr, _ = strip_thresholds(width, t=t)
    if e.size and np.min(np.abs(thr[:, None] - e.ravel()[None, :])) < 1e-9:
        raise ValueError(f"energy={energy!r} lies at a threshold of the strip; T(E) is not analytic there")
    y = e[..., None] - eps                                  # (..., M)
    is_open = np.abs(y) < 2 * t
    a = np.sqrt(4 * t ** 2 + u ** 2)
    out = []
    for n in range(order + 1):
        term = -(u ** 2 / (2 * a)) * math.factorial(n) * ((a - y) ** (-n - 1) + (-1) ** n * (a + y) ** (-n - 1))
        if n == 0:
            term = term + 1.0
        out.append(np.sum(np.where(is_open, term, 0.0), axis=-1))
    return np.array(out)
