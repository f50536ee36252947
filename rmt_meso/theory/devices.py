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
* A saddle-point constriction (Büttiker 1990): each adiabatic channel crosses an inverted
  parabolic barrier, :math:`T_n = 1/(1 + e^{-\\pi\\varepsilon_n})`,
  :math:`\\varepsilon_n = 2(E - E_n)/\\hbar\\omega_x`; :func:`qpc_saddle_parameters` gives
  the lattice-adiabatic :math:`E_n` and :math:`\\hbar\\omega_x` of the gate of
  :func:`rmt_meso.transport.devices.qpc`.

References
----------
S. Datta, *Electronic Transport in Mesoscopic Systems* (CUP, 1995), ch. 3 (lattice strips).
E. N. Economou, *Green's Functions in Quantum Physics* (Springer, 2006), ch. 5 (1D impurity).
M. Büttiker, Phys. Rev. B 41, 7906 (1990) (saddle-point contact).
"""

from __future__ import annotations

import math

import numpy as np

from .._typing import ArrayLike
from .._validate import check_array, check_int, check_real

__all__ = ["strip_subbands", "strip_thresholds", "barrier_transmission", "barrier_transmission_derivatives",
           "saddle_point_transmission", "qpc_saddle_parameters"]


def strip_subbands(width: int, *, t: float = 1.0) -> np.ndarray:
    """Transverse energies :math:`\\varepsilon_k = -2t\\cos(k\\pi/(M+1))`, k = 1..M (ascending).

    Examples
    --------
    >>> bool(np.allclose(strip_subbands(1), [0.0]))
    True
    """
    m = check_int("width", width, minimum=1)
    t = check_real("t", t, minimum=0.0, min_inclusive=False)
    return -2.0 * t * np.cos(np.pi * np.arange(1, m + 1) / (m + 1))


def strip_thresholds(width: int, *, t: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
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


def barrier_transmission(energy: ArrayLike, width: int, barrier: float, *, t: float = 1.0) -> np.ndarray:
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


def barrier_transmission_derivatives(energy: ArrayLike, width: int, barrier: float, order: int, *, t: float = 1.0) -> np.ndarray:
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


def saddle_point_transmission(energy: ArrayLike, threshold: ArrayLike, hbar_omega_x: ArrayLike) -> np.ndarray:
    """Büttiker's transmission of one channel through a saddle-point constriction.

    .. math:: T_n(E) = \\frac{1}{1 + e^{-\\pi\\varepsilon_n}},\\qquad
              \\varepsilon_n = \\frac{2(E - E_n)}{\\hbar\\omega_x},

    exact for the inverted parabolic barrier :math:`E_n - \\tfrac12 m\\omega_x^2 x^2` seen by
    channel n (Kemble; Büttiker eq. (5) with
    :math:`E_n = V_0 + \\hbar\\omega_y(n + \\tfrac12)` for the quadratic saddle).

    Parameters
    ----------
    energy : float or array_like
        Energy E (units of t).
    threshold : float or array_like
        Barrier top :math:`E_n` of the channel (where :math:`T_n = 1/2`); broadcast with ``energy``.
    hbar_omega_x : float or array_like
        Curvature energy :math:`\\hbar\\omega_x > 0` of the barrier (units of t): the 10–90 %
        width of the step is :math:`\\hbar\\omega_x \\ln 9/\\pi`.

    Returns
    -------
    ndarray
        :math:`T_n(E)` in [0, 1], the broadcast shape.

    References
    ----------
    M. Büttiker, Phys. Rev. B 41, 7906 (1990), eqs. (5)–(6); E. C. Kemble, Phys. Rev. 48, 549 (1935).

    Examples
    --------
    >>> bool(np.isclose(saddle_point_transmission(-3.0, -3.0, 0.05), 0.5))
    True
    """
    e = check_array("energy", energy, dtype=float)
    e_n = check_array("threshold", threshold, dtype=float)
    w = check_array("hbar_omega_x", hbar_omega_x, dtype=float)
    if w.size and np.any(w <= 0):
        raise ValueError(f"hbar_omega_x must be > 0; got {hbar_omega_x!r}")
    eps = 2.0 * (e - e_n) / w
    from scipy.special import expit
    return expit(np.pi * eps)                               # 1/(1 + exp(-pi eps)), overflow-free


def qpc_saddle_parameters(width: int, v0: float, sigma: float, n_levels: int, *,
                          t: float = 1.0) -> tuple[np.ndarray, np.ndarray, float]:
    """Lattice-adiabatic thresholds and barrier curvatures of the saddle of :func:`~rmt_meso.transport.devices.qpc`.

    The gate :math:`V(x, y) = v_0\\, e^{-(x - x_c)^2/\\sigma^2}\\,((y - y_c)/(w/4))^2` on a strip
    of ``width`` sites (hard walls, hopping t).  At each x the transverse lattice problem
    :math:`H_y(a) = -t\\,\\text{(chain)} + a\\, v_0 ((y - y_c)/(w/4))^2`, with
    :math:`a = e^{-(x-x_c)^2/\\sigma^2}`, has levels :math:`\\epsilon_n(a)`; channel n moves in
    the adiabatic barrier :math:`\\epsilon_n(a(x))` with the longitudinal lattice dispersion
    :math:`-2t\\cos k \\simeq -2t + t k^2` (mass :math:`\\hbar^2/2m = t a^2`).  Hence

    * threshold :math:`E_n = \\epsilon_n(1) - 2t` (the barrier top plus the band bottom);
    * curvature :math:`\\epsilon_n'' = -(2/\\sigma^2)\\,\\partial_a\\epsilon_n`, with
      :math:`\\partial_a\\epsilon_n = \\langle n|v_0((y-y_c)/(w/4))^2|n\\rangle` exactly
      (Hellmann–Feynman);
    * :math:`\\hbar\\omega_x = \\sqrt{2t\\,|\\epsilon_n''|}` (from
      :math:`\\tfrac12 m\\omega_x^2 = |\\epsilon_n''|/2`).

    In the continuum limit (:math:`w \\gg 1`) :math:`\\epsilon_n(a) \\to -2t +
    \\sqrt a\\,\\hbar\\omega_y(n+\\tfrac12)` (Notes).

    Parameters
    ----------
    width : int
        Strip width w (sites).
    v0 : float
        Gate strength (> 0, units of t).
    sigma : float
        Saddle length σ (> 0, lattice constants).
    n_levels : int
        Number of channels n = 0 .. n_levels − 1.
    t : float
        Hopping.

    Returns
    -------
    thresholds : ndarray (n_levels,)
        :math:`E_n` (units of t).
    hbar_omega_x : ndarray (n_levels,)
        :math:`\\hbar\\omega_x` per channel (units of t); the channels' barriers differ in
        curvature because the gate is not a pure quadratic saddle.
    hbar_omega_y : float
        Continuum transverse quantum :math:`2\\sqrt{t v_0}/(w/4)`, for reference
        (:math:`\\tfrac12 m\\omega_y^2 y^2 = v_0 y^2/(w/4)^2`).

    Notes
    -----
    Valid near the band bottom (:math:`\\hbar\\omega_x, \\hbar\\omega_y \\ll t`) and for a
    smooth saddle (:math:`\\sigma \\gg` the transverse length): the corrections to Büttiker's
    formula (anharmonic barrier, non-adiabatic mixing) vanish as σ grows.  In the continuum
    limit :math:`\\epsilon_n(1) + 2t \\to \\hbar\\omega_y(n + \\tfrac12)` and
    :math:`\\hbar\\omega_x \\to \\sqrt{2t\\,\\hbar\\omega_y(n + \\tfrac12)}/\\sigma`.

    References
    ----------
    M. Büttiker, Phys. Rev. B 41, 7906 (1990); L. I. Glazman, G. B. Lesovik, D. E. Khmel'nitskii
    and R. I. Shekhter, JETP Lett. 48, 238 (1988) (adiabatic constriction).

    Examples
    --------
    >>> e, wx, wy = qpc_saddle_parameters(400, 0.5, 20.0, 1)
    >>> bool(abs((e[0] + 4.0) / (0.5 * wy) - 1) < 1e-2)
    True
    """
    w = check_int("width", width, minimum=2)
    v0 = check_real("v0", v0, minimum=0.0, min_inclusive=False)
    sigma = check_real("sigma", sigma, minimum=0.0, min_inclusive=False)
    n = check_int("n_levels", n_levels, minimum=1, maximum=w)
    t = check_real("t", t, minimum=0.0, min_inclusive=False)
    y = np.arange(w)
    gate = v0 * ((y - 0.5 * (w - 1)) / (w / 4.0)) ** 2
    h = np.diag(gate) - t * (np.eye(w, k=1) + np.eye(w, k=-1))
    eps, vec = np.linalg.eigh(h)
    eps, vec = eps[:n], vec[:, :n]
    d_eps = np.einsum("yn,y,yn->n", vec, gate, vec)             # Hellmann-Feynman d eps_n / da
    curvature = 2.0 * d_eps / sigma ** 2                        # |eps_n''| at x_c
    return eps - 2.0 * t, np.sqrt(2.0 * t * curvature), 2.0 * math.sqrt(t * v0) / (w / 4.0)
