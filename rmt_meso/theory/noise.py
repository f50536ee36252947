"""Exact theory of shot noise in mesoscopic conductors.

The zero-frequency current noise of a two-terminal conductor with energy-independent
transmission eigenvalues :math:`T_n` at voltage V and temperature T is (per spin channel,
:math:`S = 2\\int dt\\,\\langle\\delta I(t)\\delta I(0)\\rangle`)

.. math::

    S = \\frac{2e^2}{h}\\Big[2k_BT\\sum_n T_n^2
        + eV\\coth\\Big(\\frac{eV}{2k_BT}\\Big)\\sum_n T_n(1-T_n)\\Big]

(Blanter & Büttiker 2000, eq. (61)); its limits are the Johnson–Nyquist noise
:math:`4k_BTG` at V = 0 and the shot noise :math:`2eIF` at :math:`eV \\gg k_BT`, with the Fano
factor :math:`F = \\sum T_n(1-T_n)/\\sum T_n`: 1 for a tunnel barrier (Schottky's
Poisson value), 1/3 for a diffusive wire (:func:`rmt_meso.theory.wire.fano_factor_diffusive`),
1/4 for a symmetric chaotic cavity (:func:`cavity_fano_factor`), 0 on the plateaus of a
point contact.  This module holds these laws; the noise of computed :math:`T_n` is
:mod:`rmt_meso.transport.noise`.

References
----------
Ya. M. Blanter and M. Büttiker, Phys. Rep. 336, 1 (2000).
M. Büttiker, Phys. Rev. B 46, 12485 (1992); G. B. Lesovik, JETP Lett. 49, 592 (1989).
D. V. Savin and H.-J. Sommers, Phys. Rev. B 73, 081307(R) (2006) (chaotic cavity, any N).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._typing import ArrayLike, FloatOrArray
from .._lazy import sympy as sp
from .._validate import check_array, check_beta, check_bool, check_int

__all__ = ["noise_crossover", "cavity_shot_noise", "cavity_fano_factor", "FANO_TUNNEL",
           "FANO_CAVITY_LARGE_N"]

#: Fano factor of a tunnel barrier (all T_n << 1): Poissonian shot noise S = 2eI.
FANO_TUNNEL = 1.0
#: Fano factor of a chaotic cavity with two equal, ideal leads for N -> infinity.
FANO_CAVITY_LARGE_N = 0.25


def noise_crossover(u: ArrayLike, fano: ArrayLike) -> FloatOrArray:
    """Thermal-to-shot crossover :math:`S/(4k_BTG) = 1 + F\\,(u\\coth u - 1)`, u = eV/2k_BT.

    The reduced form of the noise formula of Blanter & Büttiker (2000), eq. (61), for any
    set of :math:`T_n` with Fano factor F: 1 at u = 0 (Johnson–Nyquist), ``F u`` for
    ``u >> 1`` (shot noise ``2eIF``).

    Parameters
    ----------
    u : float or array_like
        :math:`eV/(2k_BT)`; any real value (even in u).
    fano : float or array_like
        Fano factor in [0, 1].

    Examples
    --------
    >>> bool(np.isclose(noise_crossover(0.0, 0.3), 1.0))
    True
    >>> bool(np.isclose(noise_crossover(50.0, 1 / 3), 1 + (50 - 1) / 3))
    True
    """
    u = np.asarray(np.abs(check_array("u", u, dtype=float)))
    f = check_array("fano", fano, dtype=float)
    if np.any((f < 0) | (f > 1)):
        raise ValueError(f"fano must lie in [0, 1]; got {fano!r}")
    small = u < 1e-4
    safe = np.where(small, 1.0, u)
    ucoth = np.where(small, 1.0 + u ** 2 / 3, safe / np.tanh(safe))
    out = 1.0 + f * (ucoth - 1.0)
    return float(out) if out.ndim == 0 else out


def _args(n1, n2, beta, exact):
    if exact:
        return (sp.Integer(check_int("n1", n1, minimum=1)), sp.Integer(check_int("n2", n2, minimum=1)),
                sp.nsimplify(check_beta(beta, allowed=(1, 2, 4))))
    return (float(check_int("n1", n1, minimum=1)), float(check_int("n2", n2, minimum=1)),
            float(check_beta(beta, allowed=(1, 2, 4))))


def cavity_shot_noise(n1: int, n2: int, beta: int, *, exact: bool = False) -> Any:
    """Mean shot-noise sum :math:`\\langle P\\rangle = \\langle\\sum_n T_n(1-T_n)\\rangle` of a chaotic cavity.

    .. math::

        \\langle P \\rangle = \\frac{n_1 n_2 (n_1 - 1 + 2/\\beta)(n_2 - 1 + 2/\\beta)}
                                 {(N - 2 + 2/\\beta)(N - 1 + 2/\\beta)(N - 1 + 4/\\beta)},
        \\qquad N = n_1 + n_2,

    for ideal leads (circular ensemble; Kramers pairs counted once for β = 4).  For
    ``n1 = n2 = 1``: 2/15, 1/6, 1/6 for β = 1, 2, 4; ``N/16`` for ``n1 = n2 = N/2 → ∞``.

    Parameters
    ----------
    n1, n2 : int >= 1
    beta : {1, 2, 4}
    exact : bool
        SymPy rational.

    References
    ----------
    D. V. Savin and H.-J. Sommers, Phys. Rev. B 73, 081307(R) (2006);
    Ya. M. Blanter and E. V. Sukhorukov, Phys. Rev. Lett. 84, 1280 (2000) (large N).

    Examples
    --------
    >>> [cavity_shot_noise(1, 1, b, exact=True) for b in (1, 2, 4)]
    [2/15, 1/6, 1/6]
    """
    exact = check_bool("exact", exact)
    a, b, be = _args(n1, n2, beta, exact)
    n = a + b
    out = a * b * (a - 1 + 2 / be) * (b - 1 + 2 / be) / (
        (n - 2 + 2 / be) * (n - 1 + 2 / be) * (n - 1 + 4 / be))
    return sp.nsimplify(out) if exact else float(out)


def cavity_fano_factor(n1: int, n2: int, beta: int, *, exact: bool = False) -> Any:
    """Fano factor of a chaotic cavity as the ratio of averages ⟨P⟩/⟨g⟩.

    .. math::

        F = \\frac{(n_1 - 1 + 2/\\beta)(n_2 - 1 + 2/\\beta)}{(N - 2 + 2/\\beta)(N - 1 + 4/\\beta)}
        \\;\\longrightarrow\\; \\frac{n_1 n_2}{N^2} \\quad (N \\to \\infty),

    i.e. 1/4 for two equal leads, with exact finite-N corrections of order 1/N (1/3 for
    ``n1 = n2 = 1`` at β = 2).

    Parameters, References
        As :func:`cavity_shot_noise`; ⟨g⟩ from :func:`rmt_meso.theory.cavity.mean_transmission`.

    Examples
    --------
    >>> cavity_fano_factor(1, 1, 2, exact=True)
    1/3
    >>> round(cavity_fano_factor(500, 500, 1), 3)
    0.25
    """
    exact = check_bool("exact", exact)
    a, b, be = _args(n1, n2, beta, exact)
    n = a + b
    out = (a - 1 + 2 / be) * (b - 1 + 2 / be) / ((n - 2 + 2 / be) * (n - 1 + 4 / be))
    return sp.nsimplify(out) if exact else float(out)
