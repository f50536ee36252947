"""Theory of disordered quasi-one-dimensional wires (and rectangular 2D samples).

Closed-form results of the scaling theory of a phase-coherent disordered conductor
between two ideal leads, in the form the numerics of :mod:`rmt_meso.transport` measure
them:

* ballistic -> diffusive crossover ``<g> = N / (1 + L/l)`` and Ohm's law ``g = N l / L``;
* weak localization ``delta g = (1 - 2/beta)/3`` (-1/3, 0, +1/6) and its suppression by a
  magnetic field or dephasing (``L_B``, ``L_phi``);
* universal conductance fluctuations ``var g = 2/(15 beta)`` in a wire and the
  geometry-dependent value of a rectangle (Lee-Stone-Fukuyama), the thermal length
  ``L_T`` that sets their temperature decrease;
* the bimodal (Dorokhov-DMPK) density of transmission eigenvalues and the Fano factor 1/3;
* the localized regime ``<ln g> = -2 L / xi`` with ``xi = (beta N + 2 - beta) l``.

Conventions
-----------
``g`` is the dimensionless conductance ``sum_n T_n`` *per spin direction*: for the
spinless symmetry classes beta = 1, 2 the sum runs over the N channels of one spin
direction (the physical conductance is ``G = (2 e^2/h) g`` with the spin degeneracy);
for beta = 4 (spin-orbit scattering) each Kramers-degenerate pair of transmission
eigenvalues is counted once, so again ``G = (2 e^2/h) g``.  Pass
``spin_degeneracy=2`` to the moment functions to obtain the statistics of the total
``G / (e^2/h) = 2 g`` instead (mean and WL correction times 2, variance times 4).

``l`` is the mean free path of the Dorokhov-Mello-Pereyra-Kumar (DMPK) equation, defined
by ``<g> = N/(1 + L/l)``.  It is related to the transport mean free path ``l_tr`` of
the Drude formula by ``l = (pi/2) l_tr`` in two and ``l = (4/3) l_tr`` in three
dimensions (Beenakker 1997, Sec. IV.A; see :func:`dmpk_mean_free_path`).

All formulas are the leading terms of the expansion in ``1/g`` for a wire with
``l << L << N l`` unless said otherwise.

References
----------
.. [1] C. W. J. Beenakker, "Random-matrix theory of quantum transport",
   Rev. Mod. Phys. 69, 731 (1997).
.. [2] P. A. Mello and A. D. Stone, "Maximum-entropy model for quantum-mechanical
   interference effects in metallic conductors", Phys. Rev. B 44, 3559 (1991).
.. [3] P. A. Lee, A. D. Stone and H. Fukuyama, "Universal conductance fluctuations in
   metals: effects of finite temperature, interactions, and magnetic field",
   Phys. Rev. B 35, 1039 (1987).
.. [4] O. N. Dorokhov, "On the coexistence of localized and extended electronic states
   in the metallic phase", Solid State Commun. 51, 381 (1984).
.. [5] C. W. J. Beenakker and H. van Houten, "Quantum transport in semiconductor
   nanostructures", Solid State Phys. 44, 1 (1991).
.. [6] B. L. Altshuler and A. G. Aronov, "Magnetoresistance of thin films and of wires
   in a longitudinal magnetic field", JETP Lett. 33, 499 (1981).
"""

from __future__ import annotations

import math

from typing import Any, Callable

import numpy as np
from scipy import constants, stats

from .._typing import ArrayLike, FloatOrArray
from .._lazy import sympy as sp
from .._deprecation import spin_degenerate_to_degeneracy
from .._validate import (check_array, check_beta, check_bool, check_int, check_real,
                         check_spin_degeneracy)
from ._law import LawMixin

__all__ = [
    "ucf_variance",
    "ucf_variance_rectangle",
    "wl_correction",
    "wl_correction_length",
    "ucf_variance_length",
    "noise_wl_correction_length",
    "wl_crossover",
    "wl_correction_dephased",
    "wl_magnetoconductance_strip",
    "mean_conductance",
    "ohmic_conductance",
    "dmpk_mean_free_path",
    "born_dmpk_mfp",
    "fermi_window_autocorrelation",
    "transmission_min",
    "transmission_density",
    "DiffusiveTransmission",
    "diffusive_transmission",
    "fano_factor_diffusive",
    "wl_linear_statistic",
    "noise_wl_correction",
    "fano_factor_wire",
    "localization_length",
    "mean_log_conductance",
    "magnetic_length",
    "lattice_magnetic_length",
    "magnetic_dephasing_length",
    "thermal_length",
]


def _spin_factor(spin_degeneracy) -> int:
    return check_spin_degeneracy(spin_degeneracy)


# ----------------------------------------------------------------------------------------
# universal conductance fluctuations
# ----------------------------------------------------------------------------------------
@spin_degenerate_to_degeneracy
def ucf_variance(beta: int, *, spin_degeneracy: int = 1, exact: bool = False) -> Any:
    """Variance of the conductance of a diffusive quasi-1D wire, ``2/(15 beta)``.

    Parameters
    ----------
    beta : {1, 2, 4}
        Dyson index of the wire (1: time-reversal symmetric, 2: broken by a magnetic
        field, 4: time-reversal symmetric with strong spin-orbit scattering).
    spin_degeneracy : {1, 2}, optional
        ``1`` (default): variance of ``g = sum T_n`` per spin direction (Kramers
        pairs counted once for beta = 4).  ``2``: variance of ``G/(e^2/h) = 2 g``,
        i.e. ``8/(15 beta)``.
    exact : bool, optional
        Return a SymPy ``Rational`` instead of a float.

    Returns
    -------
    float or sympy.Rational

    Raises
    ------
    ValueError
        If ``beta`` is not 1, 2 or 4.

    Notes
    -----
    Valid for ``l << L << N l`` (diffusive, not localized) and ``W << L`` (quasi-1D),
    to leading order in ``1/g``.  It follows from the DMPK equation or from the
    diffuson sum ``var g = 12/(beta pi^4) sum_n n^-4`` with ``sum_n n^-4 = pi^4/90``
    (see :func:`ucf_variance_rectangle`, whose ``L/W -> infinity`` limit it is).

    References
    ----------
    Mello & Stone, Phys. Rev. B 44, 3559 (1991); Beenakker, Rev. Mod. Phys. 69, 731
    (1997), Sec. IV.B.

    Examples
    --------
    >>> from rmt_meso.theory.wire import ucf_variance
    >>> ucf_variance(1, exact=True), ucf_variance(4, exact=True)
    (2/15, 1/30)
    >>> abs(ucf_variance(2) - 1 / 15) < 1e-15
    True
    """
    beta = check_beta(beta, allowed=(1, 2, 4))
    value = sp.Rational(2, 15 * beta) * _spin_factor(spin_degeneracy) ** 2
    return value if check_bool("exact", exact) else float(value)


def _half_lattice_sum(c: np.ndarray) -> np.ndarray:
    """``sum_{m >= 1} 1/(m^2 + c^2)^2`` for an array of ``c > 0``.

    Closed form from ``sum_{m in Z} 1/(m^2 + c^2) = (pi/c) coth(pi c)`` differentiated
    with respect to ``c``; for ``c < 1`` (where the closed form cancels badly) the series
    is summed directly with an Euler-Maclaurin tail.
    """
    c = np.asarray(c, dtype=float)
    out = np.empty_like(c)
    big = c >= 1.0
    cb = c[big]
    x = np.pi * cb
    e = np.exp(-2 * x)
    csch2 = 4 * e / (1 - e) ** 2  # 1/sinh^2(x) without overflow
    full = np.pi / (2 * cb**3) / np.tanh(x) + np.pi**2 / (2 * cb**2) * csch2
    out[big] = 0.5 * (full - 1.0 / cb**4)
    cs = c[~big]
    if cs.size:
        k = 400
        m = np.arange(1, k + 1, dtype=float)[:, None]
        direct = np.sum(1.0 / (m**2 + cs[None, :] ** 2) ** 2, axis=0)
        # Euler-Maclaurin tail of sum_{m > k} f(m), f(m) = (m^2 + c^2)^-2 ~ m^-4
        kk = k + 0.5
        out[~big] = direct + 1.0 / (3 * kk**3) - 2 * cs**2 / (5 * kk**5)
    return out


@spin_degenerate_to_degeneracy
def ucf_variance_rectangle(length: float, width: float, beta: int, *, spin_degeneracy: int = 1) -> float:
    """Conductance variance of a diffusive rectangle ``L x W`` between ideal leads.

    Diffuson (one-loop) result of Lee, Stone & Fukuyama for a sample with hard-wall
    (reflecting) side walls and ideal leads at ``x = 0, L``::

        var g = 12 / (beta pi^4)  sum_{n >= 1} sum_{m >= 0}  (n^2 + m^2 L^2 / W^2)^-2

    Parameters
    ----------
    length, width : float
        Sample length ``L`` (along the current) and width ``W``, any common unit.
    beta : {1, 2, 4}
        Dyson index.
    spin_degeneracy : {1, 2}, optional
        ``2``: variance of the spin-summed ``2 g`` instead of ``g`` (factor 4).

    Returns
    -------
    float
        ``var g`` in units of ``(e^2/h)^2`` per spin direction.  It tends to
        ``2/(15 beta)`` for ``L/W -> infinity`` (quasi-1D wire), equals
        ``0.18561/beta`` for a square, and grows like ``W/L`` for wide samples.

    Notes
    -----
    The modes ``n`` (sine, Dirichlet at the leads) and ``m`` (cosine, Neumann at the
    walls) are the eigenmodes of the diffusion equation in the rectangle.  The ``m``
    sum is done in closed form (``coth``), the ``n`` sum to 10^4 terms plus its
    asymptotic tail.  Requires ``l << L, W`` and ``g >> 1``; no dephasing, zero
    temperature.

    References
    ----------
    P. A. Lee, A. D. Stone and H. Fukuyama, Phys. Rev. B 35, 1039 (1987) (square
    sample value 0.186 for beta = 1); B. L. Altshuler, JETP Lett. 41, 648 (1985).

    Examples
    --------
    >>> from rmt_meso.theory.wire import ucf_variance_rectangle
    >>> round(ucf_variance_rectangle(1.0, 1.0, 1), 4)
    0.1856
    >>> abs(ucf_variance_rectangle(1e3, 1.0, 1) - 2 / 15) < 1e-9
    True
    """
    length = check_real("length", length, minimum=0.0, min_inclusive=False)
    width = check_real("width", width, minimum=0.0, min_inclusive=False)
    beta = check_beta(beta, allowed=(1, 2, 4))
    a = length / width
    nmax = 10_000
    n = np.arange(1, nmax + 1, dtype=float)
    total = np.sum(1.0 / n**4) + np.sum(_half_lattice_sum(n / a)) / a**4
    # tail n > nmax: sum_{m>=0} (n^2 + a^2 m^2)^-2 ~ 1/(2 n^4) + pi/(4 a n^3) (c = n/a >> 1)
    big_n = nmax + 0.5
    total += 1.0 / (2 * 3 * big_n**3) + np.pi / (4 * a) / (2 * big_n**2)
    return float(12.0 / (beta * np.pi**4) * total) * _spin_factor(spin_degeneracy) ** 2


# ----------------------------------------------------------------------------------------
# weak localization
# ----------------------------------------------------------------------------------------
@spin_degenerate_to_degeneracy
def wl_correction(beta: int, *, spin_degeneracy: int = 1, exact: bool = False) -> Any:
    """Weak-localization correction of a diffusive wire, ``delta g = (1 - 2/beta)/3``.

    ``<g> = N l / L + delta g + O(L/(N l))`` with ``delta g = -1/3, 0, +1/6`` for
    ``beta = 1, 2, 4`` (weak antilocalization for spin-orbit scattering).

    Parameters
    ----------
    beta : {1, 2, 4}
        Dyson index.
    spin_degeneracy : {1, 2}, optional
        ``2``: correction to ``G/(e^2/h) = 2 g`` instead of ``g`` (factor 2).
    exact : bool, optional
        Return a SymPy ``Rational``.

    Returns
    -------
    float or sympy.Rational

    Notes
    -----
    ``g`` counts Kramers pairs once for beta = 4.  The correction is independent of
    ``N``, ``L`` and ``l`` in the regime ``l << L << N l``; it is measured as
    ``<g>(beta) - <g>(beta=2)`` at the same disorder strength, because a weak magnetic
    field (beta = 2) leaves the classical (Drude) conductance unchanged.

    References
    ----------
    Mello & Stone, Phys. Rev. B 44, 3559 (1991); Beenakker, Rev. Mod. Phys. 69, 731
    (1997), Sec. IV.B.

    Examples
    --------
    >>> from rmt_meso.theory.wire import wl_correction
    >>> [wl_correction(b, exact=True) for b in (1, 2, 4)]
    [-1/3, 0, 1/6]
    """
    beta = check_beta(beta, allowed=(1, 2, 4))
    value = (1 - sp.Rational(2, beta)) / 3 * _spin_factor(spin_degeneracy)
    return value if check_bool("exact", exact) else float(value)


def _check_s(length, mfp):
    mfp = check_real("mfp", mfp, minimum=0.0, min_inclusive=False)
    length = check_array("length", length, dtype=float)
    if np.any(length < 0):
        raise ValueError("length must be >= 0")
    return length / mfp


@spin_degenerate_to_degeneracy
def wl_correction_length(beta: int, length: ArrayLike, mfp: float, *, spin_degeneracy: int = 1) -> FloatOrArray:
    """Weak-localization correction across the ballistic -> diffusive crossover.

    ``delta g(s) = (1 - 2/beta)/3 * [1 - (1 + s)^-3]`` with ``s = L/l``: zero for a
    ballistic wire, the universal value :func:`wl_correction` for ``L >> l``.

    Parameters
    ----------
    beta : {1, 2, 4}
    length : float or array_like
        ``L >= 0``.
    mfp : float
        DMPK mean free path ``l``.
    spin_degeneracy : {1, 2}, optional
        ``2``: correction to ``2 g`` instead of ``g``.

    Returns
    -------
    float or ndarray

    Notes
    -----
    Large-``N`` limit of the DMPK equation at fixed ``s`` (Mello & Stone 1991): together
    with :func:`mean_conductance`, ``<g> = N/(1 + s) + delta g(s) + O(1/N)``.  The
    ``O(1/N)`` terms grow like ``s/N ~ L/xi`` towards localization.

    References
    ----------
    P. A. Mello and A. D. Stone, Phys. Rev. B 44, 3559 (1991); Beenakker, Rev. Mod.
    Phys. 69, 731 (1997), Sec. IV.B.

    Examples
    --------
    >>> from rmt_meso.theory.wire import wl_correction_length
    >>> round(float(wl_correction_length(1, 2.0, 2.0)), 6)      # s = 1: -(1/3)(1 - 1/8)
    -0.291667
    """
    full = wl_correction(beta, spin_degeneracy=spin_degeneracy)
    s = _check_s(length, mfp)
    out = full * (1.0 - (1.0 + s) ** -3)
    return float(out) if out.ndim == 0 else out


@spin_degenerate_to_degeneracy
def ucf_variance_length(beta: int, length: ArrayLike, mfp: float, *, spin_degeneracy: int = 1) -> FloatOrArray:
    """Conductance variance across the ballistic -> diffusive crossover.

    ``var g(s) = 2/(15 beta) * [1 - (1 + 6 s) (1 + s)^-6]``, ``s = L/l``: zero for a
    ballistic wire (``~ 2 s^2 / beta`` for ``s << 1``), :func:`ucf_variance` for
    ``L >> l``.

    Parameters
    ----------
    beta : {1, 2, 4}
    length : float or array_like
    mfp : float
    spin_degeneracy : {1, 2}, optional
        ``2``: variance of ``2 g`` instead of ``g`` (factor 4).

    Returns
    -------
    float or ndarray

    Notes
    -----
    Large-``N`` limit of the DMPK equation at fixed ``s`` (Mello & Stone 1991).

    References
    ----------
    P. A. Mello and A. D. Stone, Phys. Rev. B 44, 3559 (1991).

    Examples
    --------
    >>> from rmt_meso.theory.wire import ucf_variance_length
    >>> abs(ucf_variance_length(1, 1e3, 1.0) - 2 / 15) < 1e-12
    True
    """
    full = ucf_variance(beta, spin_degeneracy=spin_degeneracy)
    s = _check_s(length, mfp)
    out = full * (1.0 - (1.0 + 6.0 * s) * (1.0 + s) ** -6)
    return float(out) if out.ndim == 0 else out


def noise_wl_correction_length(beta: int, length: ArrayLike, mfp: float, *, spin_degeneracy: int = 1) -> FloatOrArray:
    """Weak-localization correction to ``sum T_n (1 - T_n)`` across the ballistic -> diffusive crossover.

    ``delta P(s) = (1 - 2/beta) (u^6 - 5 u^3 - 36 u + 40) / (45 u^6)``, ``u = 1 + s``,
    ``s = L/l``: zero for a ballistic wire, :func:`noise_wl_correction` for ``L >> l``.
    It changes sign near ``s = 1`` (``+0.038`` at ``s = 1/2`` for beta = 1) and approaches
    ``(1 - 2/beta)/45`` from below in magnitude (``0.72``, ``0.90``, ``0.95`` of it at
    ``s = 2, 3, 4``).

    Parameters
    ----------
    beta : {1, 2, 4}
    length : float or array_like
        ``L >= 0``.
    mfp : float
        Classical (Drude) DMPK mean free path ``l``: ``<g> = N/(1 + s) + O(1)``.
    spin_degeneracy : {1, 2}, optional
        ``2``: correction to the sum over both spin directions.

    Returns
    -------
    float or ndarray

    Notes
    -----
    The ``O(N^0)`` term of ``<sum_n T_n^k> = N a_k(s) + (1 - 2/beta) c_k(s) + O(1/N)`` from
    the DMPK equation written for the moments (Mello & Stone 1991): with ``s`` the Drude
    length (the DMPK length times ``beta N/(beta N + 2 - beta)``) the generator gives the
    closed hierarchy ``a_k' = k [sum_{j<k} a_j a_{k-j} - sum_{j<=k} a_j a_{k+1-j}]`` and
    ``c_k' = 2k [sum_{j<k} a_j c_{k-j} - sum_{j<=k} a_j c_{k+1-j}] + k [k a_{k+1} - (k-1) a_k]``,
    ``a_k(0) = 1``, ``c_k(0) = 0``.  It gives ``a_1 = 1/u``, ``a_2 = (2u^3 + 1)/(3u^4)``,
    ``c_1 = (1 - u^-3)/3`` (the Mello-Stone :func:`wl_correction_length`) and
    ``c_2 = 2 (7u^6 - 5u^3 + 18u - 20)/(45 u^6)``; ``delta P = (1 - 2/beta)(c_1 - c_2)``.
    The ``s -> inf`` limit ``1/3 - 14/45 = 1/45`` is Beenakker's linear-statistic
    formula (:func:`wl_linear_statistic`), derived independently.

    References
    ----------
    P. A. Mello and A. D. Stone, Phys. Rev. B 44, 3559 (1991);
    C. W. J. Beenakker, Rev. Mod. Phys. 69, 731 (1997), Secs. III.A, IV.B.

    Examples
    --------
    >>> from rmt_meso.theory.wire import noise_wl_correction_length
    >>> noise_wl_correction_length(1, 3.0, 1.0) == -(4**6 - 5 * 4**3 - 36 * 4 + 40) / (45 * 4**6)
    True
    >>> abs(noise_wl_correction_length(1, 1e6, 1.0) + 1 / 45) < 1e-9
    True
    """
    beta = check_beta(beta, allowed=(1, 2, 4))
    s = _check_s(length, mfp)
    u = 1.0 + s
    shape = (u**6 - 5.0 * u**3 - 36.0 * u + 40.0) / (45.0 * u**6)
    out = (1.0 - 2.0 / beta) * shape * check_spin_degeneracy(spin_degeneracy)
    return float(out) if out.ndim == 0 else out


def wl_crossover(u: ArrayLike) -> FloatOrArray:
    """Shape of the dephasing-suppressed WL correction of a wire, ``F(u)``, ``F(0) = 1``.

    ``F(u) = 3 (u coth u - 1) / u^2`` with ``u = L / L_c``, where ``L_c`` is the
    Cooperon cut-off length (magnetic length ``L_B`` and/or phase-coherence length
    ``L_phi``, combined as ``L_c^-2 = L_B^-2 + L_phi^-2``).

    Parameters
    ----------
    u : float or array_like
        ``L / L_c >= 0``.

    Returns
    -------
    ndarray or float
        ``F(u)``, decreasing from 1 at ``u = 0`` to ``3/u`` for ``u >> 1``.

    Notes
    -----
    The WL correction of a wire between ideal reservoirs is
    ``delta g = -(2/L^2) int_0^L C(x, x) dx`` (beta = 1) with the Cooperon ``C`` the
    Green's function of ``-d^2/dx^2 + L_c^-2`` with Dirichlet conditions at the
    reservoirs; ``int_0^L C(x,x) dx = L^2 (u coth u - 1) / (2 u^2)``, which gives
    ``-1/3`` at ``u = 0`` and ``-L_c / L`` for ``u >> 1`` (the familiar
    ``delta G = -(2e^2/h) L_phi / L`` of a long wire).  Leading order in ``1/g``.

    References
    ----------
    Beenakker & van Houten, Solid State Phys. 44, 1 (1991), Sec. 6; Beenakker,
    Rev. Mod. Phys. 69, 731 (1997), Sec. IV.B.

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.theory.wire import wl_crossover
    >>> bool(np.allclose(wl_crossover([0.0, 1e-4, 200.0]), [1.0, 1.0, 3 / 200 * (1 - 1 / 200)]))
    True
    """
    x = check_array("u", u, dtype=float)
    if np.any(x < 0):
        raise ValueError(f"u must be >= 0 (u = L / L_c); got min {x.min()}")
    out = np.empty_like(x)
    small = x < 0.1
    xs2 = x[small] ** 2
    # series 3 (u coth u - 1)/u^2 = 1 - u^2/15 + 2 u^4/315 - u^6/1575 + 2 u^8/31185 - ...
    out[small] = 1 - xs2 / 15 + 2 * xs2**2 / 315 - xs2**3 / 1575 + 2 * xs2**4 / 31185
    xl = x[~small]
    out[~small] = 3 * (xl / np.tanh(xl) - 1) / xl**2
    return float(out) if out.ndim == 0 else out


@spin_degenerate_to_degeneracy
def wl_correction_dephased(beta: int, length: float, cutoff_length: ArrayLike, *, spin_degeneracy: int = 1) -> FloatOrArray:
    """Weak-localization correction of a wire with a Cooperon cut-off length.

    ``delta g = (1 - 2/beta)/3 * F(L / L_c)`` with ``F`` from :func:`wl_crossover`.

    Parameters
    ----------
    beta : {1, 2, 4}
        Dyson index *in the absence* of the field / dephasing (1 or 4 give a
        correction, 2 gives zero).
    length : float
        Wire length ``L``.
    cutoff_length : float or array_like
        ``L_c`` in the unit of ``length``; ``inf`` gives the full correction.
        From a magnetic field use :func:`magnetic_dephasing_length`; with both field
        and dephasing ``L_c^-2 = L_B^-2 + L_phi^-2``.
    spin_degeneracy : {1, 2}, optional
        ``2``: correction to ``2 g`` instead of ``g``.

    Returns
    -------
    ndarray or float

    Notes
    -----
    For beta = 4 the field suppresses the singlet Cooperon, which gives the
    antilocalization ``+1/6`` with the same crossover shape (strong spin-orbit limit).
    The magnetoconductance is ``<g>(B) - <g>(0) = delta g(L_B) - delta g(inf)``.

    References
    ----------
    Beenakker & van Houten, Solid State Phys. 44, 1 (1991); Altshuler & Aronov,
    JETP Lett. 33, 499 (1981).

    Examples
    --------
    >>> from rmt_meso.theory.wire import wl_correction_dephased
    >>> abs(wl_correction_dephased(1, 10.0, float("inf")) + 1 / 3) < 1e-15
    True
    """
    full = wl_correction(beta, spin_degeneracy=spin_degeneracy)
    length = check_real("length", length, minimum=0.0, min_inclusive=False)
    lc = check_array("cutoff_length", cutoff_length, dtype=float, finite=False)
    if np.any(np.isnan(lc)) or np.any(lc <= 0):
        raise ValueError("cutoff_length must be > 0 (inf allowed); got a value <= 0 or NaN")
    return full * wl_crossover(length / lc)


def wl_magnetoconductance_strip(beta: int, width: float, length: float, flux: ArrayLike, *,
                                grid: float | None = None) -> FloatOrArray:
    """Weak-field magnetoconductance of a diffusive strip from its 2D Cooperon (dirty limit).

    ``<g>(Phi) - <g>(0) = 3 dg_WL (2/L^2) [tr C_Phi - tr C_0]`` with ``dg_WL`` from
    :func:`wl_correction` and ``C_Phi`` the Green's function of the Cooperon operator
    ``-(grad - 2ie A/hbar)^2`` on the ``width x length`` rectangle: Dirichlet at the
    reservoirs (``x = 0, L``), Neumann at the walls, uniform field, ``Phi`` flux quanta
    ``h/e`` through the sample.  No parameter is fitted: in the dirty limit the diffusion
    constant drops out.  For ``L >> W`` it tends to the quasi-1D law
    ``-dg_WL [1 - F(2 pi Phi/sqrt 3)]`` (:func:`wl_crossover`,
    :func:`magnetic_dephasing_length`); at ``L/W = 4`` its weak-field curvature is 0.77 of
    it, the transverse Cooperon modes (finite aspect ratio) weakening the dephasing.

    Parameters
    ----------
    beta : {1, 2, 4}
        Symmetry class without the field (4: strong spin-orbit scattering, singlet
        Cooperon only, antilocalization).
    width, length : float
        ``W`` and ``L`` (same unit).
    flux : float or array_like
        ``Phi`` in units of ``h/e`` through the ``W x L`` sample.
    grid : float, optional
        Finite-difference spacing along the strip (default: about 600 cells); at least
        12 cells across it.

    Returns
    -------
    float or ndarray
        ``<g>(Phi) - <g>(0)`` per spin (Kramers pairs once for beta = 4), leading order in
        ``1/g``.

    Notes
    -----
    Valid for ``l << W`` (no flux cancellation by boundary scattering, Beenakker & van
    Houten 1988) and ``l << l_m``; discretisation error O(grid^2) (below 1 % with the
    default).

    References
    ----------
    B. L. Altshuler and A. G. Aronov, JETP Lett. 33, 499 (1981); C. W. J. Beenakker and
    H. van Houten, Phys. Rev. B 38, 3232 (1988); C. W. J. Beenakker, Rev. Mod. Phys. 69,
    731 (1997), Sec. IV.B.

    Examples
    --------
    >>> from rmt_meso.theory.wire import wl_magnetoconductance_strip
    >>> 0 < wl_magnetoconductance_strip(1, 12.0, 48.0, 0.5) < 1 / 3
    True
    >>> wl_magnetoconductance_strip(2, 12.0, 48.0, 0.5) == 0
    True
    """
    beta = check_beta(beta, allowed=(1, 2, 4))
    width = check_real("width", width, minimum=0.0, min_inclusive=False)
    length = check_real("length", length, minimum=0.0, min_inclusive=False)
    phis = check_array("flux", flux, dtype=float)
    if grid is None:
        grid = math.sqrt(width * length / 600.0)
    grid = check_real("grid", grid, minimum=0.0, min_inclusive=False)
    nx = max(int(round(length / grid)) - 1, 1)
    ny = max(int(round(width / grid)), 12)            # the field's <y^2> to 0.7 %
    hx, hy = length / (nx + 1), width / ny
    y = (np.arange(ny) + 0.5) * hy - width / 2          # Landau gauge A = -B y x, centred

    def trace(phi: float) -> float:
        b = 2.0 * math.pi * phi / (width * length)       # e B / hbar in 1/(unit)^2
        ph = np.exp(-2j * b * y * hx)                    # Cooperon: charge 2e
        diag = np.full((nx, ny), 2 / hx**2, complex)
        diag[:, 1:] += 1 / hy**2
        diag[:, :-1] += 1 / hy**2
        k = np.diag(diag.ravel())
        idx = np.arange(nx * ny).reshape(nx, ny)
        a, c = idx[:-1].ravel(), idx[1:].ravel()
        k[a, c] = -np.tile(ph, nx - 1) / hx**2
        k[c, a] = np.conj(k[a, c])
        a, c = idx[:, :-1].ravel(), idx[:, 1:].ravel()
        k[a, c] = k[c, a] = -1 / hy**2
        # K^-1_ij ~ C(r_i, r_j) hx hy, so tr K^-1 ~ int C(r, r) d^2r
        return float(np.sum(1.0 / np.linalg.eigvalsh(k)))

    t0 = trace(0.0)
    out = np.array([3 * wl_correction(beta) * (2 / length**2) * (trace(f) - t0) if f else 0.0
                    for f in phis.ravel()]).reshape(phis.shape)
    return float(out) if out.ndim == 0 else out


def magnetic_length(field: float) -> float:
    """Magnetic length ``l_m = sqrt(hbar / (e B))`` in metres for ``B`` in tesla."""
    field = check_real("field", field, minimum=0.0, min_inclusive=False)
    return math.sqrt(constants.hbar / (constants.e * field))


def lattice_magnetic_length(flux: float) -> float:
    """Magnetic length in lattice constants for a flux ``phi`` per plaquette (units h/e).

    ``B a^2 = phi h/e`` gives ``l_m^2 = hbar/(e B) = a^2 / (2 pi |phi|)``.

    Examples
    --------
    >>> from rmt_meso.theory.wire import lattice_magnetic_length
    >>> import math
    >>> abs(lattice_magnetic_length(1 / (2 * math.pi)) - 1.0) < 1e-15
    True
    """
    flux = check_real("flux", flux)
    if flux == 0:
        raise ValueError("flux must be non-zero (the magnetic length is infinite at zero field)")
    return 1.0 / math.sqrt(2 * math.pi * abs(flux))


def magnetic_dephasing_length(width: float, magnetic_length: ArrayLike) -> FloatOrArray:
    """Magnetic cut-off length of the Cooperon in a narrow diffusive wire.

    ``L_B = sqrt(3) l_m^2 / W`` (Altshuler & Aronov 1981), valid for
    ``l << W << l_m`` (dirty metal, field weak enough that the cyclotron orbit and the
    magnetic length exceed the width).

    Parameters
    ----------
    width : float
        Wire width ``W``.
    magnetic_length : float or array_like
        ``l_m = sqrt(hbar/(e B))`` in the same unit (see :func:`magnetic_length`,
        :func:`lattice_magnetic_length`).

    Returns
    -------
    float or ndarray

    Notes
    -----
    With ``l_m^2 = a^2/(2 pi phi)`` on a lattice, ``L / L_B = 2 pi Phi / sqrt(3)``,
    where ``Phi = phi W L`` is the flux through the sample in units of ``h/e``: the WL
    dip closes when about one flux quantum threads the phase-coherent area.  When
    ``l > W`` boundary scattering reduces the dephasing (flux cancellation, Beenakker &
    van Houten, Phys. Rev. B 38, 3232 (1988)); this function does not include it.

    Examples
    --------
    >>> from rmt_meso.theory.wire import magnetic_dephasing_length
    >>> abs(magnetic_dephasing_length(2.0, 1.0) - 3 ** 0.5 / 2) < 1e-15
    True
    """
    width = check_real("width", width, minimum=0.0, min_inclusive=False)
    lm = check_array("magnetic_length", magnetic_length, dtype=float)
    if np.any(lm <= 0):
        raise ValueError("magnetic_length must be > 0")
    out = np.sqrt(3.0) * lm**2 / width
    return float(out) if out.ndim == 0 else out


# ----------------------------------------------------------------------------------------
# mean conductance: ballistic -> diffusive
# ----------------------------------------------------------------------------------------
def mean_conductance(n_channels: int, length: ArrayLike, mfp: float) -> FloatOrArray:
    """Classical (Drude) conductance of a wire, ``<g> = N / (1 + L/l)``.

    Parameters
    ----------
    n_channels : int
        Number of propagating channels ``N`` (per spin direction).
    length : float or array_like
        Wire length ``L >= 0``.
    mfp : float
        DMPK mean free path ``l > 0`` (same unit).

    Returns
    -------
    float or ndarray
        ``N`` at ``L = 0`` (ballistic, Sharvin conductance), ``N l / L`` for ``L >> l``
        (Ohm's law).

    Notes
    -----
    Series addition of the contact resistance ``1/N`` and the Drude resistance
    ``L/(N l)``; exact for the average of the DMPK equation to leading order in ``N``
    (Beenakker 1997, Sec. IV.A: ``<T_n> = 1/(1 + L/l)``).  The weak-localization
    correction (:func:`wl_correction`) comes on top.

    Examples
    --------
    >>> from rmt_meso.theory.wire import mean_conductance
    >>> float(mean_conductance(10, 0.0, 2.0)), float(mean_conductance(10, 2.0, 2.0))
    (10.0, 5.0)
    """
    n = check_int("n_channels", n_channels, minimum=1)
    mfp = check_real("mfp", mfp, minimum=0.0, min_inclusive=False)
    length = check_array("length", length, dtype=float)
    if np.any(length < 0):
        raise ValueError("length must be >= 0")
    out = n / (1.0 + length / mfp)
    return float(out) if out.ndim == 0 else out


def ohmic_conductance(n_channels: int, length: ArrayLike, mfp: float) -> FloatOrArray:
    """Ohm's law for a diffusive wire, ``g = N l / L`` (``L >> l``).

    Examples
    --------
    >>> from rmt_meso.theory.wire import ohmic_conductance
    >>> float(ohmic_conductance(10, 20.0, 2.0))
    1.0
    """
    n = check_int("n_channels", n_channels, minimum=1)
    mfp = check_real("mfp", mfp, minimum=0.0, min_inclusive=False)
    length = check_array("length", length, dtype=float)
    if np.any(length <= 0):
        raise ValueError("length must be > 0")
    out = n * mfp / length
    return float(out) if out.ndim == 0 else out


def dmpk_mean_free_path(transport_mfp: float, dim: int) -> float:
    """DMPK mean free path ``l`` from the transport mean free path ``l_tr``.

    ``l = (pi/2) l_tr`` for ``dim = 2`` and ``l = (4/3) l_tr`` for ``dim = 3``, so that
    ``N l / L`` equals the Drude conductance ``sigma W^(d-1) / L`` with
    ``sigma = e^2 nu D``, ``D = v l_tr / d`` and ``N`` the number of channels of the
    cross-section (Beenakker 1997, Sec. IV.A).

    Examples
    --------
    >>> from rmt_meso.theory.wire import dmpk_mean_free_path
    >>> import math
    >>> dmpk_mean_free_path(2.0, 2) == math.pi
    True
    """
    lt = check_real("transport_mfp", transport_mfp, minimum=0.0, min_inclusive=False)
    dim = check_int("dim", dim, minimum=2, maximum=3)
    return lt * (math.pi / 2 if dim == 2 else 4.0 / 3.0)


def born_dmpk_mfp(energy: float, W: float, width: int, n_channels: int) -> float:
    """Born estimate of the DMPK mean free path of a 2D Anderson strip of ``width`` sites.

    ``N l / L`` equals the Drude conductance ``2 pi nu D / L`` per spin (hbar = t = a = 1),
    with the strip's density of states per unit length ``nu = width * rho(E)`` (bulk 2D DOS
    per site, :func:`rmt_meso.theory.anderson.clean_dos`) and the Born diffusion constant
    ``D = v_F^2 tau / 2`` (:func:`rmt_meso.theory.anderson.diffusion_constant`), so
    ``l = 2 pi width rho D / N`` (Beenakker 1997, Sec. IV.A).  Leading order in ``W``; the
    hard-wall strip's DOS differs from the bulk one by O(1/width).

    Parameters
    ----------
    energy : float
        Fermi energy in units of the hopping ``t``.
    W : float
        Box-disorder strength in units of ``t``.
    width : int
        Strip width in lattice constants.
    n_channels : int
        Open channels at ``energy``.

    Returns
    -------
    float
        ``l`` in lattice constants.

    Examples
    --------
    >>> from rmt_meso.theory.wire import born_dmpk_mfp
    >>> 5 < born_dmpk_mfp(0.68, 2.0, 12, 9) < 50
    True
    """
    from . import anderson as tha
    width = check_int("width", width, minimum=1)
    n_channels = check_int("n_channels", n_channels, minimum=1)
    rho = float(tha.clean_dos(energy, 2))
    d = float(tha.diffusion_constant(energy, W, 2))
    return 2 * math.pi * width * rho * d / n_channels


def fermi_window_autocorrelation(eps: ArrayLike, kT: float) -> FloatOrArray:
    """Autocorrelation of the Fermi window, ``K_T(eps) = ∫ dE f'(E) f'(E + eps)``.

    With ``-f'(E) = 1/(4 k_B T cosh²(E/2k_BT))`` and ``u = eps/k_BT``,
    ``K_T = [(u - 2) e^u + u + 2] e^u / ((e^u - 1)^3 k_B T)`` (the density of the difference
    of two independent logistic variables), even in ``eps``, normalised to ``∫ K_T = 1``,
    ``K_T(0) = 1/(6 k_B T)``.  The thermal conductance variance is its integral against the
    T = 0 correlation function, ``var g(T) = ∫ d eps K_T(eps) C(eps)`` (Lee, Stone & Fukuyama,
    Phys. Rev. B 35, 1039 (1987)), which tends to ``(∫ C d eps)/(6 k_B T)`` for
    ``k_B T`` above the correlation energy.

    Parameters
    ----------
    eps : float or array_like
        Energy difference (any unit).
    kT : float
        ``k_B T > 0`` in the same unit.

    Returns
    -------
    float or ndarray
        In inverse units of ``eps``.

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.theory.wire import fermi_window_autocorrelation
    >>> bool(np.isclose(fermi_window_autocorrelation(0.0, 2.0), 1 / 12))
    True
    >>> x = np.linspace(-60, 60, 200001)
    >>> bool(np.isclose(np.sum(fermi_window_autocorrelation(x, 1.0)) * (x[1] - x[0]), 1.0))
    True
    """
    kT = check_real("kT", kT, minimum=0.0, min_inclusive=False)
    u = np.abs(check_array("eps", eps, dtype=float)) / kT
    out = np.empty_like(u)
    small = u < 1e-2
    us = u[small]
    out[small] = 1 / 6 - us**2 / 60          # series: 1/6 - u^2/60 + O(u^4)
    ul = u[~small]
    em = np.exp(-ul)                        # divide numerator and denominator by e^(3u)
    out[~small] = ((ul - 2) + (ul + 2) * em) * em / (1 - em) ** 3
    out = out / kT
    return float(out) if out.ndim == 0 else out


# ----------------------------------------------------------------------------------------
# transmission eigenvalues
# ----------------------------------------------------------------------------------------
def transmission_min(length: float, mfp: float) -> float:
    """Lower edge of the diffusive transmission density, ``T_min = 1/cosh^2(L/l)``.

    ``~ 4 exp(-2 L / l)`` for ``L >> l``.  Fixed by normalising
    :func:`transmission_density` to ``N`` eigenvalues.

    Examples
    --------
    >>> from rmt_meso.theory.wire import transmission_min
    >>> import math
    >>> abs(transmission_min(10.0, 1.0) / (4 * math.exp(-20)) - 1) < 1e-8
    True
    """
    length = check_real("length", length, minimum=0.0, min_inclusive=False)
    mfp = check_real("mfp", mfp, minimum=0.0, min_inclusive=False)
    return 1.0 / math.cosh(length / mfp) ** 2


def transmission_density(T: ArrayLike, n_channels: int, length: float, mfp: float) -> FloatOrArray:
    """Bimodal density of transmission eigenvalues of a diffusive wire.

    ``rho(T) = (N l / 2L) / (T sqrt(1 - T))`` for ``T_min <= T < 1``, zero elsewhere.

    Parameters
    ----------
    T : float or array_like
        Transmission eigenvalue(s).
    n_channels : int
        ``N``.
    length, mfp : float
        ``L`` and the DMPK mean free path ``l``.

    Returns
    -------
    float or ndarray
        ``rho(T)``, normalised to ``int rho dT = N``.

    Notes
    -----
    In the variables ``T = 1/cosh^2 x`` the density of ``x`` is uniform,
    ``N l / L`` on ``0 < x < L/l`` (Dorokhov 1984); ``T_min = 1/cosh^2(L/l)``.  Moments:
    ``int T rho = N (l/L) tanh(L/l) ~ N l / L`` and
    ``int T (1 - T) rho / int T rho = tanh^2(L/l)/3 -> 1/3``.  Valid for
    ``l << L << N l`` to leading order in ``1/N``.

    References
    ----------
    Dorokhov, Solid State Commun. 51, 381 (1984); Beenakker, Rev. Mod. Phys. 69, 731
    (1997), Sec. IV.A.

    Examples
    --------
    >>> from scipy.integrate import quad
    >>> from rmt_meso.theory.wire import transmission_density, transmission_min
    >>> lo = transmission_min(5.0, 1.0)
    >>> n, _ = quad(transmission_density, lo, 1, args=(10, 5.0, 1.0), limit=200, points=[2 * lo])
    >>> abs(n - 10) < 1e-6
    True
    """
    n = check_int("n_channels", n_channels, minimum=1)
    tmin = transmission_min(length, mfp)
    t = check_array("T", T, dtype=float)
    out = np.zeros_like(t)
    inside = (t >= tmin) & (t < 1)
    ti = t[inside]
    out[inside] = n * mfp / (2 * length) / (ti * np.sqrt(1 - ti))
    return float(out) if out.ndim == 0 else out


class DiffusiveTransmission(LawMixin, stats.rv_continuous):
    r"""Distribution of one transmission eigenvalue of a diffusive wire.

    Normalised form of :func:`transmission_density` with shape parameter ``s = L/l``::

        pdf(T; s) = 1 / (2 s T sqrt(1 - T)),    1/cosh^2(s) <= T <= 1.

    ``cdf(T) = 1 - artanh(sqrt(1 - T)) / s``; ``T = 1/cosh^2(x)`` with ``x``
    uniform on ``[0, s]`` (used by ``ppf`` and ``rvs``).  Mean ``tanh(s)/s``.

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.theory.wire import diffusive_transmission
    >>> s = 4.0
    >>> bool(np.isclose(diffusive_transmission.mean(s), np.tanh(s) / s))
    True
    >>> bool(np.isclose(diffusive_transmission.cdf(diffusive_transmission.ppf(0.3, s), s), 0.3))
    True
    """

    def _argcheck(self, s):
        return np.isfinite(s) & (s > 0)

    def _get_support(self, s):
        return 1.0 / np.cosh(s) ** 2, np.ones_like(np.asarray(s, dtype=float))

    def _pdf(self, t, s):
        with np.errstate(divide="ignore"):  # integrable divergence at T = 1
            return 1.0 / (2 * s * t * np.sqrt(1 - t))

    def _cdf(self, t, s):
        # artanh(sqrt(1 - T)) = arccosh(1/sqrt(T)) = log1p(sqrt(1 - T)) - log(T)/2, which keeps
        # full precision for small T (artanh near 1 would cancel)
        x = np.log1p(np.sqrt(np.clip(1 - t, 0, 1))) - 0.5 * np.log(t)
        return 1.0 - x / s

    def _ppf(self, q, s):
        return 1.0 / np.cosh(s * (1 - q)) ** 2

    def _rvs(self, s, size=None, random_state=None):
        x = random_state.uniform(0.0, 1.0, size=size) * s
        return 1.0 / np.cosh(x) ** 2

    def _stats(self, s):
        # raw moments from int_0^s cosh^{-2k}(x) dx / s
        th = np.tanh(s)
        m1 = th / s
        m2 = (th - th**3 / 3) / s
        return m1, m2 - m1**2, None, None


#: Module-level instance of :class:`DiffusiveTransmission` (shape ``s = L/l``).
diffusive_transmission = DiffusiveTransmission(a=0.0, b=1.0, name="diffusive_transmission",
                                               shapes="s")


def fano_factor_diffusive(*, exact: bool = False) -> Any:
    """Shot-noise Fano factor of a diffusive wire, ``F = 1/3``.

    ``F = sum T_n (1 - T_n) / sum T_n`` averaged with the bimodal density
    (:func:`transmission_density`); the finite-``L`` value of the density is
    ``tanh^2(L/l)/3``.

    References
    ----------
    C. W. J. Beenakker and M. Büttiker, Phys. Rev. B 46, 1889 (1992); K. E. Nagaev,
    Phys. Lett. A 169, 103 (1992).

    Examples
    --------
    >>> from rmt_meso.theory.wire import fano_factor_diffusive
    >>> fano_factor_diffusive(exact=True)
    1/3
    """
    value = sp.Rational(1, 3)
    return value if check_bool("exact", exact) else float(value)


def _wl_power_coefficient(k: int):
    """Exact ``I_k = int_0^inf dx cosh(x)^(-2k) / (pi^2 + 4 x^2)`` as a SymPy Rational.

    Shifting the contour by ``i pi`` (``cosh^-2`` is ``i pi``-periodic) and writing
    ``1/(pi^2 + 4x^2) = phi(x) - phi(x + i pi)`` with ``phi(z) = 1/(4 i pi (z - i pi/2))``
    leaves the single pole at ``i pi/2``:
    ``I_k = (-1)^k/4 [w^(2k)] (w / sinh w)^(2k)`` (``I_1 = 1/12``, ``I_2 = 11/180``).
    """
    if k not in _WL_POWER_CACHE:
        w = sp.Symbol("w")
        series = sp.series((w / sp.sinh(w)) ** (2 * k), w, 0, 2 * k + 1).removeO()
        _WL_POWER_CACHE[k] = sp.Rational(-1) ** k / 4 * sp.Rational(series.coeff(w, 2 * k))
    return _WL_POWER_CACHE[k]


_WL_POWER_CACHE: dict = {}


def wl_linear_statistic(a: Callable[[Any], Any] | Any, beta: int, *, exact: bool = False) -> Any:
    """Weak-localization correction ``delta A`` of a linear statistic ``A = sum_n a(T_n)``.

    For a diffusive wire (``l << L << N l``)
    ``<A> = N l / L * int_0^1 dT rho_0(T) a(T) + delta A + O(L/(N l))`` with the
    ``N``-, ``L``- and ``l``-independent correction (Beenakker 1997, Sec. IV.B)

    ``delta A = (1 - 2/beta) * [a(1)/4 + int_0^inf dx a(1/cosh^2 x) / (pi^2 + 4 x^2)]``.

    ``a(T) = T`` gives the conductance correction ``(1 - 2/beta)/3`` (:func:`wl_correction`),
    ``a(T) = T (1 - T)`` the shot-noise correction ``(1 - 2/beta)/45``
    (:func:`noise_wl_correction`).

    Parameters
    ----------
    a : callable or SymPy expression
        The function ``a(T)`` on ``[0, 1]`` with ``a(0) = 0`` (closed channels do not
        contribute; the formula holds for such statistics).  A callable is integrated
        numerically (it must accept a float).  A SymPy polynomial in one symbol (the
        variable ``T``) is integrated exactly term by term with
        ``int_0^inf dx cosh^-2k(x)/(pi^2 + 4x^2) = (-1)^k/4 [w^2k] (w/sinh w)^2k``.
    beta : {1, 2, 4}
        Dyson index (Kramers pairs counted once for beta = 4).
    exact : bool, optional
        Return a SymPy number; requires a polynomial ``a``.

    Returns
    -------
    float or sympy.Rational

    Raises
    ------
    ValueError
        ``a(0) != 0``, or ``exact=True`` with an ``a`` that is not a polynomial.

    References
    ----------
    C. W. J. Beenakker, Rev. Mod. Phys. 69, 731 (1997), Sec. IV.B;
    P. A. Mello and A. D. Stone, Phys. Rev. B 44, 3559 (1991).

    Examples
    --------
    >>> import sympy as sp
    >>> from rmt_meso.theory.wire import wl_linear_statistic
    >>> T = sp.Symbol("T")
    >>> wl_linear_statistic(T, 1, exact=True), wl_linear_statistic(T * (1 - T), 1, exact=True)
    (-1/3, -1/45)
    >>> round(wl_linear_statistic(lambda t: t * (1 - t), 4), 12) == round(1 / 90, 12)
    True
    """
    beta = check_beta(beta, allowed=(1, 2, 4))
    prefactor = 1 - sp.Rational(2, beta)
    exact = check_bool("exact", exact)
    if isinstance(a, sp.Expr):
        symbols = a.free_symbols
        if len(symbols) > 1:
            raise ValueError(f"a must be a SymPy polynomial in one symbol (T); got {a!r} with "
                             f"symbols {sorted(map(str, symbols))}")
        t = next(iter(symbols)) if symbols else sp.Symbol("T")
        try:
            poly = sp.Poly(sp.expand(a), t)
        except sp.PolynomialError as exc:
            raise ValueError(f"a must be a SymPy polynomial in T; got {a!r}") from exc
        coeffs = {m[0]: c for m, c in poly.terms()}
        if coeffs.get(0, 0) != 0:
            raise ValueError(f"a must vanish at T = 0 (closed channels do not contribute); "
                             f"got a(0) = {coeffs[0]}")
        value = prefactor * (poly.eval(1) / 4
                             + sum(c * _wl_power_coefficient(k) for k, c in coeffs.items()))
        return value if exact else float(value)
    if exact:
        raise ValueError(f"exact=True needs a SymPy polynomial a(T); got {type(a).__name__}")
    if not callable(a):
        raise TypeError(f"a must be a callable a(T) or a SymPy expression; got {type(a).__name__}")
    from scipy.integrate import quad
    a0 = float(a(0.0))
    if abs(a0) > 1e-12 * max(1.0, abs(float(a(1.0)))):
        raise ValueError(f"a must vanish at T = 0 (closed channels do not contribute); got a(0) = {a0}")

    def integrand(x):
        e = math.exp(-2.0 * x)
        return float(a(4.0 * e / (1.0 + e) ** 2)) / (math.pi ** 2 + 4.0 * x * x)

    integral = quad(integrand, 0.0, math.inf, epsabs=1e-13, epsrel=1e-12, limit=200)[0]
    return float(prefactor) * (float(a(1.0)) / 4 + integral)


def noise_wl_correction(beta: int, *, exact: bool = False) -> Any:
    """Weak-localization correction to the shot-noise sum ``sum T_n (1 - T_n)`` of a wire.

    ``<sum_n T_n (1 - T_n)> = N l / (3 L) + (1 - 2/beta)/45 + O(L/(N l))``: the linear
    statistic ``a(T) = T (1 - T)`` of :func:`wl_linear_statistic`,
    ``a(1)/4 + int_0^inf dx (cosh^-2 x - cosh^-4 x)/(pi^2 + 4x^2) = 0 + 1/12 - 11/180 = 1/45``.

    Parameters
    ----------
    beta : {1, 2, 4}
    exact : bool, optional
        Return a SymPy ``Rational``.

    Returns
    -------
    float or sympy.Rational
        ``-1/45, 0, +1/90`` for beta = 1, 2, 4 (Kramers pairs counted once).

    References
    ----------
    C. W. J. Beenakker, Rev. Mod. Phys. 69, 731 (1997), Sec. IV.B-C;
    M. J. M. de Jong and C. W. J. Beenakker, Phys. Rev. B 46, 13400 (1992).

    Examples
    --------
    >>> from rmt_meso.theory.wire import noise_wl_correction
    >>> [noise_wl_correction(b, exact=True) for b in (1, 2, 4)]
    [-1/45, 0, 1/90]
    """
    beta = check_beta(beta, allowed=(1, 2, 4))
    t = sp.Symbol("T")
    value = wl_linear_statistic(t * (1 - t), beta, exact=True)
    return value if check_bool("exact", exact) else float(value)


def fano_factor_wire(mean_g: float, beta: int, n_channels: int | None = None) -> float:
    """Fano factor of a diffusive wire including the ``O(1/g)`` weak-localization terms.

    ``F = (g_D F_0 + dP) / (g_D + dg)`` with the Drude conductance ``g_D = <g> - dg``,
    ``dg`` from :func:`wl_correction` and ``dP`` from :func:`noise_wl_correction`; tends to
    1/3 for ``<g> -> infinity``.  For beta = 1: ``F = 1/3 + 4/(45 <g>) + O(<g>^-2)``.

    Without ``n_channels`` the Drude Fano factor is the diffusive ``F_0 = 1/3``.  With it,
    the ballistic -> diffusive crossover is included at the Drude level:
    ``F_0(s) = [1 - (1 + s)^-3]/3`` (de Jong & Beenakker 1995) and
    ``dg(s) = dg [1 - (1 + s)^-3]`` (:func:`wl_correction_length`) and ``dP(s)``
    (:func:`noise_wl_correction_length`, 0.95 of its diffusive value at ``s = 4``), with
    ``s = L/l`` solved from ``g_D = N/(1 + s)``.

    Parameters
    ----------
    mean_g : float
        Measured mean conductance ``<g>`` (per spin, Kramers pairs once), ``> 0``.
    beta : {1, 2, 4}
    n_channels : int, optional
        Number of channels ``N`` (``> <g>``) for the ballistic -> diffusive Drude terms.

    Returns
    -------
    float
        The ratio of the averages ``<sum T(1-T)> / <sum T>``.

    References
    ----------
    C. W. J. Beenakker, Rev. Mod. Phys. 69, 731 (1997), Sec. IV;
    M. J. M. de Jong and C. W. J. Beenakker, Phys. Rev. B 51, 16867 (1995);
    C. W. J. Beenakker and M. Büttiker, Phys. Rev. B 46, 1889 (1992).

    Examples
    --------
    >>> from rmt_meso.theory.wire import fano_factor_wire
    >>> fano_factor_wire(1e9, 1) - 1 / 3 < 1e-9, abs(fano_factor_wire(5.0, 2) - 1 / 3) < 1e-15
    (True, True)
    >>> round(fano_factor_wire(5.0, 2, n_channels=25), 6)     # s = 4: (1 - 1/125)/3
    0.330667
    """
    g = check_real("mean_g", mean_g, minimum=0.0, min_inclusive=False)
    dg = wl_correction(beta)
    dp = noise_wl_correction(beta)
    if n_channels is None:
        g_d = g - dg
        return (g_d / 3 + dp) / g
    n = check_int("n_channels", n_channels, minimum=1)
    if n <= g - dg:
        raise ValueError(f"n_channels must exceed the Drude conductance <g> - dg = {g - dg:.6g}; "
                         f"got n_channels={n}")
    s = n / (g - dg) - 1.0
    for _ in range(200):          # fixed point of g_D = <g> - dg(s), s = N/g_D - 1
        s_new = n / (g - dg * (1.0 - (1.0 + s) ** -3)) - 1.0
        if abs(s_new - s) < 1e-14 * max(1.0, s):
            break
        s = s_new
    shape = 1.0 - (1.0 + s) ** -3
    g_d = g - dg * shape
    return (g_d * shape / 3 + noise_wl_correction_length(beta, s, 1.0)) / g


# ----------------------------------------------------------------------------------------
# localized regime
# ----------------------------------------------------------------------------------------
def localization_length(n_channels: int, mfp: float, beta: int) -> float:
    """Localization length of a quasi-1D wire, ``xi = (beta N + 2 - beta) l``.

    Parameters
    ----------
    n_channels : int
        ``N``.
    mfp : float
        DMPK mean free path ``l``.
    beta : {1, 2, 4}
        Dyson index (``N`` counts Kramers pairs once for beta = 4).

    Returns
    -------
    float
        ``xi`` in the unit of ``mfp``; ``(N + 1) l`` for beta = 1, ``2 N l`` for
        beta = 2.

    References
    ----------
    Beenakker, Rev. Mod. Phys. 69, 731 (1997), Sec. IV.C; K. B. Efetov and A. I. Larkin,
    Sov. Phys. JETP 58, 444 (1983).

    Examples
    --------
    >>> from rmt_meso.theory.wire import localization_length
    >>> localization_length(10, 1.0, 1), localization_length(10, 1.0, 2)
    (11.0, 20.0)
    """
    n = check_int("n_channels", n_channels, minimum=1)
    mfp = check_real("mfp", mfp, minimum=0.0, min_inclusive=False)
    beta = check_beta(beta, allowed=(1, 2, 4))
    return float((beta * n + 2 - beta) * mfp)


def mean_log_conductance(length: ArrayLike, xi: float) -> FloatOrArray:
    """Mean logarithm of the conductance deep in the localized regime, ``-2 L / xi``.

    ``<ln g> = -2 L / xi + O(1)`` for ``L >> xi``; ``ln g`` is Gaussian with variance
    ``-2 <ln g>`` (single-parameter scaling).

    References
    ----------
    Beenakker, Rev. Mod. Phys. 69, 731 (1997), Sec. IV.C.

    Examples
    --------
    >>> from rmt_meso.theory.wire import mean_log_conductance
    >>> float(mean_log_conductance(50.0, 10.0))
    -10.0
    """
    xi = check_real("xi", xi, minimum=0.0, min_inclusive=False)
    length = check_array("length", length, dtype=float)
    if np.any(length < 0):
        raise ValueError("length must be >= 0")
    out = -2.0 * length / xi
    return float(out) if out.ndim == 0 else out


# ----------------------------------------------------------------------------------------
# temperature
# ----------------------------------------------------------------------------------------
def thermal_length(diffusion: float, kT: ArrayLike, *, hbar: float = 1.0) -> FloatOrArray:
    """Thermal length ``L_T = sqrt(hbar D / k_B T)``.

    Parameters
    ----------
    diffusion : float
        Diffusion constant ``D`` (length^2 / time).
    kT : float or array_like
        Thermal energy ``k_B T > 0``.
    hbar : float, optional
        ``hbar`` in the unit system of ``D`` and ``kT`` (1 for lattice units with
        energies in units of the hopping and times in ``hbar/t``;
        ``scipy.constants.hbar`` for SI).

    Returns
    -------
    float or ndarray

    Notes
    -----
    Conductances at energies further apart than the Thouless energy
    ``E_Th = hbar D / L^2`` are uncorrelated, so a wire at ``k_B T >> E_Th`` averages
    ``N_T ~ k_B T / E_Th = (L / L_T)^2`` independent samples: the conductance
    variance then falls like ``(L_T / L)^2 = E_Th / k_B T`` (r.m.s. ``~ L_T / L``;
    Lee, Stone & Fukuyama 1987).  This is a scaling law; the prefactor depends on the
    energy correlation function and is not given here.

    References
    ----------
    P. A. Lee, A. D. Stone and H. Fukuyama, Phys. Rev. B 35, 1039 (1987).

    Examples
    --------
    >>> from rmt_meso.theory.wire import thermal_length
    >>> float(thermal_length(4.0, 1.0))
    2.0
    """
    d = check_real("diffusion", diffusion, minimum=0.0, min_inclusive=False)
    hbar = check_real("hbar", hbar, minimum=0.0, min_inclusive=False)
    kt = check_array("kT", kT, dtype=float)
    if np.any(kt <= 0):
        raise ValueError("kT must be > 0")
    out = np.sqrt(hbar * d / kt)
    return float(out) if out.ndim == 0 else out
