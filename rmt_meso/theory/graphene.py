"""Graphene near the Dirac point: velocity, density of states, Klein tunnelling through a p–n junction.

Conventions: the nearest-neighbour honeycomb lattice of
:func:`rmt_meso.transport.lattice.honeycomb` with hopping −t and lattice constant a (the
carbon–carbon distance is :math:`a_{cc} = a/\\sqrt3`); energies in t, lengths in a, ħ = 1.
Near the two Dirac points :math:`E = \\pm\\hbar v_F|\\mathbf q|` with

.. math:: \\hbar v_F = \\tfrac{3}{2} t\\, a_{cc} = \\tfrac{\\sqrt3}{2}\\, t\\, a .

Densities of states are per spin and per atom (half the value per unit cell, which holds
two atoms): both valleys give :math:`\\rho(E) = A_{atom}|E|/(\\pi\\hbar^2 v_F^2) =
|E|/(\\sqrt3\\,\\pi t^2)` with :math:`A_{atom} = \\sqrt3 a^2/4`.

References
----------
P. R. Wallace, Phys. Rev. 71, 622 (1947); A. H. Castro Neto, F. Guinea, N. M. R. Peres,
K. S. Novoselov and A. K. Geim, Rev. Mod. Phys. 81, 109 (2009), eqs. (6), (14), (15);
J. P. Hobson and W. A. Nierenberg, Phys. Rev. 89, 662 (1953) (the exact density of states);
V. V. Cheianov and V. I. Fal'ko, Phys. Rev. B 74, 041403(R) (2006) (p–n junction).
"""

from __future__ import annotations

import math

import numpy as np

from .._typing import ArrayLike
from .._validate import check_array, check_real

__all__ = ["dirac_velocity", "dirac_dos", "dos", "klein_transmission"]


def dirac_velocity(t: float = 1.0, a: float = 1.0) -> float:
    """ħv_F = (√3/2) t a of the honeycomb lattice (lattice constant a = √3 a_cc).

    Examples
    --------
    >>> round(dirac_velocity(), 6)
    0.866025
    """
    t = check_real("t", t, minimum=0.0, min_inclusive=False)
    a = check_real("a", a, minimum=0.0, min_inclusive=False)
    return 0.5 * math.sqrt(3.0) * t * a


def dirac_dos(energy: ArrayLike, *, t: float = 1.0) -> np.ndarray:
    """Low-energy density of states :math:`\\rho(E) = |E|/(\\sqrt3\\,\\pi t^2)` per atom and spin.

    Two valleys of the Dirac cone with ħv_F = (√3/2) t a over the area √3 a²/4 of one atom
    (module notes).  The exact lattice value :func:`dos` adds
    :math:`O(E^3)` corrections (trigonal warping).

    Examples
    --------
    >>> bool(np.isclose(dirac_dos(0.3), 0.3 / (np.sqrt(3) * np.pi)))
    True
    """
    e = check_array("energy", energy, dtype=float)
    t = check_real("t", t, minimum=0.0, min_inclusive=False)
    return np.abs(e) / (math.sqrt(3.0) * math.pi * t ** 2)


def dos(energy: ArrayLike, *, t: float = 1.0) -> np.ndarray:
    """Exact density of states of the nearest-neighbour honeycomb lattice, per atom and spin.

    Hobson & Nierenberg's closed form (Castro Neto et al., eq. (14), whose normalisation is
    per unit cell and includes the spin: divide by 4), with :math:`\\varepsilon = |E|/t`:

    .. math:: \\rho(E) = \\frac{\\varepsilon}{\\pi^2 t\\sqrt{Z_0}}\\,
              K\\!\\left(\\frac{Z_1}{Z_0}\\right),\\quad
              Z_0 = (1+\\varepsilon)^2 - \\frac{(\\varepsilon^2-1)^2}{4},\\ Z_1 = 4\\varepsilon
              \\quad (\\varepsilon \\le 1),

    with :math:`Z_0` and :math:`Z_1` swapped for :math:`1 < \\varepsilon < 3`, zero beyond
    3t, and K the complete elliptic integral of the first kind with parameter m = k².
    Normalised to 1 over the band; logarithmic van Hove singularities at |E| = t (where
    it returns inf).

    Examples
    --------
    >>> bool(np.isclose(dos(1e-4), dirac_dos(1e-4), rtol=1e-6))
    True
    """
    from scipy.special import ellipkm1
    e = check_array("energy", energy, dtype=float)
    t = check_real("t", t, minimum=0.0, min_inclusive=False)
    x = np.abs(e) / t
    lo = x <= 1.0
    with np.errstate(divide="ignore", invalid="ignore"):
        a = (1 + x) ** 2 - (x ** 2 - 1) ** 2 / 4
        b = 4 * x
        z0 = np.where(lo, a, b)
        z1 = np.where(lo, b, a)
        # K(m) with 1 - m = (z0 - z1)/z0 = |1 - x|^3 (3 + x)/(4 z0), exact near the van Hove point
        out = x / (math.pi ** 2 * t * np.sqrt(z0)) * ellipkm1(np.abs(1 - x) ** 3 * (3 + x) / (4 * z0))
    return np.where(x < 3.0, out, 0.0)


def klein_transmission(theta: ArrayLike, kf_d: float) -> np.ndarray:
    """Cheianov–Fal'ko transmission of a smooth symmetric graphene p–n junction.

    .. math:: T(\\theta) = e^{-\\pi k_F d \\sin^2\\theta}

    for a junction whose potential falls linearly from +V to −V over the width 2d (field
    F = V/d) with the Fermi level at its centre (:math:`k_F = V/\\hbar v_F` on both sides),
    valid for :math:`k_F d \\gg 1`.  It is the Landau–Zener/Sauter result
    :math:`T = e^{-\\pi\\hbar v_F k_y^2/F}` with :math:`k_y = k_F\\sin\\theta`: perfect
    transmission at normal incidence (Klein tunnelling; chirality forbids backscattering),
    collimation into :math:`|\\theta| \\lesssim (k_F d)^{-1/2}`.

    Parameters
    ----------
    theta : float or array_like
        Angle of incidence (radians).
    kf_d : float
        :math:`k_F d` (> 0).

    Examples
    --------
    >>> bool(np.isclose(klein_transmission(0.0, 10.0), 1.0))
    True
    """
    th = check_array("theta", theta, dtype=float)
    kd = check_real("kf_d", kf_d, minimum=0.0, min_inclusive=False)
    return np.exp(-math.pi * kd * np.sin(th) ** 2)
