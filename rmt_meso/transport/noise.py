"""Current noise of a two-terminal conductor from its transmission eigenvalues.

Conventions: the zero-frequency noise power :math:`S = 2\\int dt\\,\\langle\\delta I(t)\\delta I(0)\\rangle`
(so that Schottky's Poisson noise is :math:`2eI` and Johnson–Nyquist noise :math:`4k_BTG`),
returned in units of :math:`G_q \\times` energy, where :math:`G_q` is the conductance quantum of
:func:`rmt_meso.transport.conductance` with ``unit="S"`` (:math:`2e^2/h` for spin-degenerate
channels, :math:`e^2/h` for spinful ones) and the energy unit is that of ``voltage`` (eV) and
``temperature`` (k_BT).  Multiply by :math:`G_q` in siemens and the energy in joules for
A²/Hz, or pass ``unit="SI"`` with V in volts and T in kelvin.

References
----------
Ya. M. Blanter and M. Büttiker, Phys. Rep. 336, 1 (2000), eqs. (60)–(61).
M. Büttiker, Phys. Rev. B 46, 12485 (1992).
"""

from __future__ import annotations

import numpy as np
import scipy.constants as const

from .._typing import ArrayLike, FloatOrArray
from .._validate import check_array, check_choice, check_real
from ..compare import Estimate, ratio_of_means
from ..theory.scales import E2_H, G0
from .smatrix import SMatrix, _as_transmissions, _check_transmissions, transmission_tolerance

__all__ = ["noise_power", "noise_power_energy", "ensemble_fano_factor"]


def _xcoth(v, kt):
    """:math:`v\\coth(v/2k_BT)` with its limits |v| (kT = 0) and 2kT (v = 0)."""
    v = np.asarray(v, float)
    if kt == 0.0:
        return np.abs(v)
    u = v / (2.0 * kt)
    small = np.abs(u) < 1e-4
    safe = np.where(small, 1.0, u)
    return np.where(small, 2.0 * kt * (1.0 + u ** 2 / 3), v / np.tanh(safe))


def noise_power(transmissions: SMatrix | ArrayLike, *, voltage: float, temperature: float,
                unit: str | None = None, spinful: bool | None = None) -> FloatOrArray:
    """Zero-frequency noise :math:`S(V, T)` of energy-independent transmission eigenvalues.

    .. math::

        S = 2 G_q\\Big[2k_BT\\sum_n T_n^2 + eV\\coth\\Big(\\frac{eV}{2k_BT}\\Big)\\sum_n T_n(1-T_n)\\Big]

    (Blanter & Büttiker 2000, eq. (61), times the spin degeneracy in :math:`G_q`).

    Parameters
    ----------
    transmissions : SMatrix or array_like
        An :class:`SMatrix` or eigenvalues :math:`T_n` with the channel index last (leading
        axes are kept).
    voltage : float or array_like
        Bias eV (energy units; volts with ``unit="SI"``); broadcast against the leading
        axes of ``transmissions``.
    temperature : float
        k_BT >= 0 (energy units; kelvin with ``unit="SI"``).
    unit : None or "SI"
        ``None``: S/G_q in energy units; ``"SI"``: A²/Hz.
    spinful : bool, optional
        For arrays: ``True`` uses :math:`G_q = e^2/h` (default ``False``: 2e²/h).

    Returns
    -------
    float or ndarray

    Notes
    -----
    Limits, each tested: :math:`4k_BTG` at V = 0 (Johnson–Nyquist), :math:`2e|I|F` at T = 0
    (Schottky with the Fano factor), :math:`2e|I|` for :math:`T_n \\to 0` (Poisson).

    Examples
    --------
    >>> # Johnson-Nyquist: S = 4 kT g (units G_q x energy)
    >>> bool(np.isclose(noise_power([0.3, 0.9], voltage=0.0, temperature=0.1), 4 * 0.1 * 1.2))
    True
    """
    if unit is not None:
        check_choice("unit", unit, ("SI",))
    tn, own = _as_transmissions(transmissions)
    spin = bool(own) if own is not None else bool(spinful)
    v = check_array("voltage", voltage, dtype=float)
    kt = check_real("temperature", temperature, minimum=0.0)
    gq = E2_H if spin else G0
    if unit == "SI":
        v = v * const.e
        kt = kt * const.k
    s2 = np.sum(tn ** 2, axis=-1)
    p = np.sum(tn * (1.0 - tn), axis=-1)
    out = 2.0 * (2.0 * kt * s2 + _xcoth(v, kt) * p)
    if unit == "SI":
        out = out * gq
    return float(out) if np.ndim(out) == 0 else out


def noise_power_energy(energies: ArrayLike, transmissions: ArrayLike, *, mu: float, voltage: float,
                       temperature: float, spinful: bool = False) -> float:
    """Noise of energy-dependent transmission eigenvalues :math:`T_n(E)` by the energy integral.

    .. math::

        S = 2G_q\\int dE\\sum_n\\Big\\{T_n\\,[f_L(1-f_L) + f_R(1-f_R)] + T_n(1-T_n)(f_L-f_R)^2\\Big\\},

    :math:`f_{L,R}` the Fermi functions at :math:`\\mu \\pm eV/2` (Blanter & Büttiker 2000,
    eq. (60)).  For energy-independent :math:`T_n` it reduces to :func:`noise_power`.

    Parameters
    ----------
    energies : array_like, shape (K,)
        Strictly increasing grid covering :math:`[\\mu - |eV|/2 - 40k_BT, \\mu + |eV|/2 + 40k_BT]`
        with spacing at most k_BT/2 (T > 0) inside it.
    transmissions : array_like, shape (K, n)
        :math:`T_n(E)` on the grid (any ordering of n: only sums enter).
    mu, voltage : float
        Mean chemical potential and bias eV.
    temperature : float
        k_BT > 0.
    spinful : bool
        Units as in :func:`noise_power` (result in G_q x energy).

    Returns
    -------
    float
        S/G_q (trapezoidal rule on the grid, T_n linear between samples).

    Raises
    ------
    ValueError
        For a grid that does not cover or resolve the window.

    Examples
    --------
    >>> e = np.linspace(-3, 3, 2401)
    >>> tn = np.tile([0.3, 0.8], (e.size, 1))
    >>> s = noise_power_energy(e, tn, mu=0.0, voltage=0.4, temperature=0.05)
    >>> bool(np.isclose(s, noise_power([0.3, 0.8], voltage=0.4, temperature=0.05), rtol=1e-4))
    True
    """
    e = check_array("energies", energies, ndim=1, min_size=3)
    tn = check_array("transmissions", transmissions, ndim=2)
    if tn.shape[0] != e.size:
        raise ValueError(f"transmissions must have shape ({e.size}, n); got {tn.shape}")
    tn = _check_transmissions(tn, transmission_tolerance(2 * tn.shape[1]))
    mu = check_real("mu", mu)
    v = check_real("voltage", voltage)
    kt = check_real("temperature", temperature, minimum=0.0, min_inclusive=False)
    de = np.diff(e)
    if np.any(de <= 0):
        raise ValueError("energies must be strictly increasing")
    lo, hi = mu - abs(v) / 2 - 40 * kt, mu + abs(v) / 2 + 40 * kt
    if e[0] > lo or e[-1] < hi:
        raise ValueError(f"energies must cover [{lo:.6g}, {hi:.6g}]; got [{e[0]:.6g}, {e[-1]:.6g}]")
    inside = (e[1:] > lo) & (e[:-1] < hi)
    if np.any(de[inside] > 0.5 * kt * (1 + 1e-9)):
        raise ValueError(f"energy grid too coarse: spacing {de[inside].max():.3g} > kT/2 = {kt / 2:.3g}")

    def fermi(x):
        return 0.5 * (1.0 - np.tanh(x / 2.0))
    fl, fr = fermi((e - mu - v / 2) / kt), fermi((e - mu + v / 2) / kt)
    s1 = tn.sum(axis=1)
    p = np.sum(tn * (1 - tn), axis=1)
    integrand = s1 * (fl * (1 - fl) + fr * (1 - fr)) + p * (fl - fr) ** 2
    return float(2.0 * np.sum(0.5 * (integrand[1:] + integrand[:-1]) * de))


def ensemble_fano_factor(transmissions: SMatrix | ArrayLike) -> Estimate:
    """Fano factor of an ensemble, :math:`\\langle\\sum T_n(1-T_n)\\rangle / \\langle\\sum T_n\\rangle`, with its error.

    The ratio of ensemble averages (the noise and current measured on the same sample set),
    with the delta-method standard error of :func:`rmt_meso.compare.ratio_of_means`.

    Parameters
    ----------
    transmissions : array_like, shape (n_samples, n_channels)
        Transmission eigenvalues of each sample (Kramers pairs once for β = 4).

    Returns
    -------
    Estimate

    References
    ----------
    Beenakker, Rev. Mod. Phys. 69, 731 (1997), eq. (4.25) (Fano factor as ratio of averages).

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> f = ensemble_fano_factor(rng.uniform(0, 1, (4000, 1)))   # <T(1-T)>/<T> = 1/3
    >>> bool(abs(f.value - 1 / 3) < 4 * f.stderr)
    True
    """
    tn = check_array("transmissions", transmissions, ndim=2)
    tn = _check_transmissions(tn, transmission_tolerance(2 * tn.shape[1]))
    n = tn.shape[0]
    if n < 2:
        raise ValueError(f"transmissions must hold at least 2 samples; got {n}")
    a = np.sum(tn * (1 - tn), axis=1)
    b = np.sum(tn, axis=1)
    if b.mean() <= 0:
        raise ValueError("ensemble_fano_factor is undefined where <sum T_n> = 0")
    return ratio_of_means(a, b)
