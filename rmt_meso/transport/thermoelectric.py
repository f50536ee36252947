"""Thermoelectric response of a two-terminal conductor from its transmission T(E).

The Landauer–Sivan–Imry integrals

.. math::

    L_n(\\mu, T) = \\int dE\\, (E-\\mu)^n\\, \\mathcal T(E)\\left(-\\frac{\\partial f}{\\partial E}\\right),
    \\qquad n = 0, 1, 2,

of the total transmission :math:`\\mathcal T(E) = \\sum_n T_n(E)` give the conductance, the
Seebeck coefficient, the electronic thermal conductance and the Lorenz ratio
(conventions and formulas in :mod:`rmt_meso.theory.thermoelectric`).  This module computes
them, with an error estimate, from

* a callable ``T(E)`` (analytic models, or a function that solves the scattering problem),
* transmissions sampled on an energy grid (an :class:`~rmt_meso.transport.SMatrix` energy
  sweep, e.g. ``Wire.smatrix(energies)``), interpolated linearly between the samples.

Quadrature: composite Gauss–Legendre (8 nodes per panel, panels no wider than k_BT/2 and
never straddling a sample or a declared threshold), exact for the piecewise-linear
interpolant up to the smoothness of the Fermi window; thresholds where T(E) jumps (lead
modes opening or closing) are declared as ``breakpoints`` so that no panel and no
interpolation crosses them.

References
----------
U. Sivan and Y. Imry, Phys. Rev. B 33, 551 (1986); P. N. Butcher, J. Phys.: Condens. Matter
2, 4869 (1990).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import special

from .._typing import ArrayLike, FloatOrArray
from .._validate import check_array, check_real
from ..theory.thermoelectric import LORENZ_NUMBER, fermi_window, step_integrals
from ..theory._fredholm import gauss_legendre
from .smatrix import SMatrix

__all__ = ["ThermoelectricCoefficients", "landauer_integrals", "thermoelectric_coefficients"]

#: Half-width of the energy window in units of k_BT: the Fermi-window tails beyond it
#: weigh ∫_{|x|>40} x² w(x) dx < 1.4e-14.
WINDOW = 40.0
_NODES = 8


@dataclass(frozen=True)
class ThermoelectricCoefficients:
    """Landauer–Sivan–Imry integrals at chemical potential(s) μ and the coefficients from them.

    Attributes
    ----------
    mu : float or ndarray
        Chemical potential(s).
    temperature : float
        :math:`k_BT` in the energy unit of μ.
    L, L_error : ndarray, shape (3,) + shape of mu
        :math:`L_0, L_1, L_2` (units E⁰, E¹, E²) and their numerical error estimates.

    Notes
    -----
    Units (per spin channel; spin-degenerate conductors have twice G and κ and the same S
    and Lorenz ratio): conductance in e²/h (``g = L0``), Seebeck coefficient in k_B/e,
    thermal conductance in units of the thermal conductance quantum
    :math:`\\kappa_0 = \\pi^2k_B^2T/(3h)` (so a ballistic channel gives 1 at low T),
    Lorenz ratio κ/(GT) in (k_B/e)².  Errors of derived quantities are first-order
    propagations of ``L_error`` with the absolute values of the partial derivatives added
    (a bound, not a standard deviation).
    """

    mu: float | np.ndarray
    temperature: float
    L: np.ndarray
    L_error: np.ndarray

    # ----------------------------------------------------------------- derived quantities
    @staticmethod
    def _conductance(L, kt):
        return L[0]

    @staticmethod
    def _seebeck(L, kt):
        return -L[1] / (kt * L[0])

    @staticmethod
    def _thermal(L, kt):
        return (L[2] - L[1] ** 2 / L[0]) / (LORENZ_NUMBER * kt ** 2)

    @staticmethod
    def _lorenz(L, kt):
        return (L[2] - L[1] ** 2 / L[0]) / (kt ** 2 * L[0])

    @staticmethod
    def _zt(L, kt):
        return L[1] ** 2 / (L[0] * L[2] - L[1] ** 2)

    _QUANTITIES = {"conductance": "_conductance", "seebeck": "_seebeck",
                   "thermal_conductance": "_thermal", "lorenz_ratio": "_lorenz",
                   "figure_of_merit": "_zt"}

    def _value(self, name):
        out = getattr(self, self._QUANTITIES[name])(np.asarray(self.L, float), self.temperature)
        return float(out) if np.ndim(out) == 0 else out

    @property
    def conductance(self) -> FloatOrArray:
        """Dimensionless conductance g = L0 (units e²/h per spin channel)."""
        return self._value("conductance")

    @property
    def seebeck(self) -> FloatOrArray:
        """Seebeck coefficient :math:`S = -L_1/(k_BT\\,L_0)` in units of k_B/e."""
        return self._value("seebeck")

    @property
    def thermal_conductance(self) -> FloatOrArray:
        """Zero-current electronic thermal conductance in units of :math:`\\pi^2k_B^2T/(3h)`."""
        return self._value("thermal_conductance")

    @property
    def lorenz_ratio(self) -> FloatOrArray:
        """κ/(GT) in units of (k_B/e)² (Wiedemann–Franz: π²/3)."""
        return self._value("lorenz_ratio")

    @property
    def figure_of_merit(self) -> FloatOrArray:
        """Electronic figure of merit :math:`ZT = S^2GT/\\kappa = L_1^2/(L_0L_2 - L_1^2)`."""
        return self._value("figure_of_merit")

    def error(self, name: str) -> FloatOrArray:
        """Propagated numerical error bound of one derived quantity.

        Parameters
        ----------
        name : {"conductance", "seebeck", "thermal_conductance", "lorenz_ratio", "figure_of_merit"}
        """
        if name not in self._QUANTITIES:
            raise ValueError(f"name must be one of {sorted(self._QUANTITIES)}; got {name!r}")
        f = getattr(self, self._QUANTITIES[name])
        L = np.asarray(self.L, float)
        err = np.asarray(self.L_error, float)
        base = f(L, self.temperature)
        total = np.zeros_like(np.asarray(base, float))
        for k in range(3):
            # central difference with a step far below the error itself, scaled by the error
            h = np.where(err[k] > 0, 1e-6 * np.maximum(np.abs(L[k]), 1e-300), 0.0)
            up, dn = L.copy(), L.copy()
            up[k] = L[k] + h
            dn[k] = L[k] - h
            with np.errstate(invalid="ignore", divide="ignore"):
                deriv = np.where(h > 0, (f(up, self.temperature) - f(dn, self.temperature)) / (2 * h + (h == 0)), 0.0)
            total = total + np.abs(deriv) * err[k]
        return float(total) if total.ndim == 0 else total


# --------------------------------------------------------------------------- quadrature
def _panel_nodes(points, hmax):
    """Gauss–Legendre nodes and weights on panels between sorted ``points`` (width <= hmax)."""
    xg, wg = gauss_legendre(_NODES, -1.0, 1.0)
    lo, hi = points[:-1], points[1:]
    k = np.maximum(1, np.ceil((hi - lo) / hmax - 1e-9)).astype(int)
    starts = np.repeat(lo, k) + np.concatenate([np.arange(m) for m in k]) * np.repeat((hi - lo) / k, k)
    widths = np.repeat((hi - lo) / k, k)
    mid = starts + widths / 2
    nodes = (mid[:, None] + widths[:, None] / 2 * xg[None, :]).ravel()
    weights = (widths[:, None] / 2 * wg[None, :]).ravel()
    return nodes, weights


def _integrate(nodes, weights, values, mu, kt, orders):
    """L_n(μ) = Σ_j q_j (E_j - μ)^n w((E_j - μ)/kT)/kT T_j for every μ (shape (len(orders), n_mu)).

    Nodes are sorted; each block of chemical potentials uses only the nodes within
    WINDOW k_BT of it (the rest weigh below 1e-14).
    """
    out = np.empty((len(orders), mu.size))
    order = np.argsort(nodes, kind="stable")
    nodes, wv = nodes[order], (weights * values)[order]
    for a in range(0, mu.size, 64):
        m = mu[a:a + 64]
        i0 = np.searchsorted(nodes, m.min() - WINDOW * kt)
        i1 = np.searchsorted(nodes, m.max() + WINDOW * kt, side="right")
        x = (nodes[None, i0:i1] - m[:, None]) / kt
        base = fermi_window(x) / kt * wv[None, i0:i1]
        for i, n in enumerate(orders):
            out[i, a:a + 64] = np.sum(base * (kt * x) ** n, axis=1)
    return out


def _interpolant(e, tv, breaks):
    """Piecewise-linear interpolant of samples (e, tv) that does not cross ``breaks``.

    In a grid interval holding a breakpoint the value is held constant from each side
    (the left sample before it, the right sample after it).
    """
    idx = np.searchsorted(e, breaks) - 1          # interval holding each breakpoint
    if np.any(np.isin(breaks, e)):
        raise ValueError("energies must not coincide with a breakpoint (the transmission is "
                         "undefined at a threshold); move the sample off the threshold")
    if np.unique(idx).size != idx.size:
        raise ValueError("two breakpoints fall into one interval of the energy grid; refine the "
                         "grid between them")
    has = np.zeros(e.size - 1, bool)
    bval = np.full(e.size - 1, np.nan)
    has[idx], bval[idx] = True, breaks

    def value(x):
        i = np.clip(np.searchsorted(e, x, side="right") - 1, 0, e.size - 2)
        lin = tv[i] + (tv[i + 1] - tv[i]) * (x - e[i]) / (e[i + 1] - e[i])
        if idx.size:
            held = np.where(x < bval[i], tv[i], tv[i + 1])
            lin = np.where(has[i], held, lin)
        return lin
    return value


def _abs_moment(n):
    """:math:`\\int |x|^n w(x) dx`: 1, 2 ln 2, then 2 n! (1 - 2^{1-n}) zeta(n)."""
    if n == 0:
        return 1.0
    if n == 1:
        return 2.0 * math.log(2.0)
    return 2.0 * math.factorial(n) * (1.0 - 2.0 ** (1 - n)) * float(special.zeta(n))


def _as_samples(transmission, energies):
    """(energies, total transmissions, bound on their round-off) from arrays or SMatrix objects.

    For S-matrices the bound is ``max |S^dag S - 1| * dim`` (Gershgorin: the error of a sum
    of transmission eigenvalues of a nearly unitary S), else 0.
    """
    if isinstance(transmission, SMatrix) or (
            isinstance(transmission, (list, tuple)) and transmission
            and all(isinstance(s, SMatrix) for s in transmission)):
        if isinstance(transmission, SMatrix):
            # a batched SMatrix (energy on its batch axis) is a sweep; a plain one is one sample
            smats = ([transmission[k] for k in range(len(transmission))] if transmission.batch_shape
                     else [transmission])
        else:
            smats = list(transmission)
        tv = np.array([s.conductance() for s in smats])
        bound = max(s.unitarity_error() * max(s.n_left + s.n_right, 1) for s in smats)
        own = np.array([s.energy for s in smats], dtype=float)
        if energies is None:
            energies = own
        elif not np.allclose(check_array("energies", energies, ndim=1), own, rtol=0, atol=1e-12):
            raise ValueError("energies disagree with the SMatrix objects' own energies")
        return check_array("energies", energies, ndim=1, min_size=2), tv, float(bound)
    if energies is None:
        raise ValueError("energies is required when transmission is an array of samples "
                         "(or pass a callable T(E) or a sequence of SMatrix)")
    e = check_array("energies", energies, ndim=1, min_size=3)
    tv = check_array("transmission", transmission, shape=(e.size,))
    return e, tv, 0.0


def landauer_integrals(transmission: Callable[[np.ndarray], ArrayLike] | ArrayLike | Sequence[SMatrix], *,
                       mu: ArrayLike, temperature: float, energies: ArrayLike | None = None,
                       breakpoints: ArrayLike = (), fill: float | None = None,
                       orders: Sequence[int] = (0, 1, 2), transmission_error: float = 0.0
                       ) -> tuple[np.ndarray, np.ndarray]:
    """Landauer–Sivan–Imry integrals :math:`L_n(\\mu)` of a transmission T(E) with errors.

    Parameters
    ----------
    transmission : callable, array_like or sequence of SMatrix
        ``T(E)`` as a callable (vectorised over an array of energies, or scalar), as samples
        on ``energies``, or as :class:`SMatrix` objects (their total transmission
        ``conductance()`` at their own ``energy``).  T(E) is taken as bounded (a
        transmission is at most the number of channels): the Fermi window is cut at
        :math:`|E-\\mu| = 40\\,k_BT`.
    mu : float or array_like (1D)
        Chemical potential(s), same unit as the energies.
    temperature : float
        :math:`k_BT > 0` in the same unit.
    energies : array_like, optional
        Strictly increasing sample energies (for sampled transmissions).
    breakpoints : array_like, optional
        Energies where T(E) may jump (mode thresholds): quadrature panels and the
        interpolation of samples never cross them.  At most one per grid interval, none on
        a sample.
    fill : float, optional
        Value of a sampled T(E) outside the grid (e.g. 0 beyond a lattice band).  ``None``
        (default) requires the grid to cover the Fermi window up to a neglected tail below
        1e-12 of ``max|T|``.
    orders : tuple of int
        Which :math:`n` to compute (default 0, 1, 2).
    transmission_error : float
        An absolute bound on the error of every value of T(E) (e.g. the solver's
        accuracy), added to the error estimate as
        :math:`\\delta\\mathcal T\\,(k_BT)^n\\int|x|^n w\\,dx`.  For S-matrices the larger of
        this and ``max |S^dag S - 1| * dim`` is used.

    Returns
    -------
    values, errors : ndarray, shape (len(orders),) + shape of mu
        :math:`L_n` (unit energyⁿ) and error estimates: for samples, the interpolation error
        estimated as ``|L(grid) - L(every other sample)|/3`` (linear interpolation is second
        order; ``nan`` where the coarse grid cannot honour the breakpoints) plus the
        neglected tails; for a callable, the change between panel widths k_BT and k_BT/2.

    Raises
    ------
    ValueError
        For k_BT <= 0, an unsorted grid, a grid that does not cover the Fermi window
        (``fill=None``), or breakpoints the grid cannot honour.

    Examples
    --------
    >>> import numpy as np
    >>> (L0, L1, L2), err = landauer_integrals(lambda e: np.ones_like(e), mu=0.0, temperature=0.1)
    >>> bool(np.allclose([L0, L1, L2], [1.0, 0.0, np.pi**2 / 3 * 0.01]))
    True
    """
    kt = check_real("temperature", temperature, minimum=0.0, min_inclusive=False)
    mu_arr = check_array("mu", mu, ndim=(0, 1))
    m = np.atleast_1d(mu_arr)
    orders = tuple(int(n) for n in orders)
    if not orders or any(n < 0 or n > 8 for n in orders):
        raise ValueError(f"orders must be integers in [0, 8]; got {orders!r}")
    br = np.unique(check_array("breakpoints", np.asarray(breakpoints, float), ndim=1))
    lo, hi = m.min() - WINDOW * kt, m.max() + WINDOW * kt

    if callable(transmission) and not isinstance(transmission, SMatrix):
        def run(hmax):
            pts = np.unique(np.concatenate([[lo, hi], br[(br > lo) & (br < hi)]]))
            nodes, weights = _panel_nodes(pts, hmax)
            tv = np.asarray(transmission(nodes), dtype=float)
            if tv.shape != nodes.shape:
                tv = np.array([float(transmission(x)) for x in nodes])
            if not np.all(np.isfinite(tv)):
                raise ValueError("transmission returned non-finite values in the Fermi window")
            return _integrate(nodes, weights, tv, m, kt, orders), float(np.max(np.abs(tv)))
        (fine, t_max), (coarse, _) = run(kt / 2), run(kt)
        err = np.abs(fine - coarse)
        t_err = 0.0
    else:
        e, tv, t_err = _as_samples(transmission, energies)
        t_max = float(np.max(np.abs(tv)))
        if np.any(np.diff(e) <= 0):
            raise ValueError("energies must be strictly increasing")
        tail = np.zeros((len(orders), m.size))
        if fill is None:
            x_lo, x_hi = (m - e[0]) / kt, (e[-1] - m) / kt
            tmax = float(np.max(np.abs(tv)))
            for i, n in enumerate(orders):
                bound = kt ** n * tmax * (step_integrals(np.minimum(x_hi, 700), min(n, 2)) +
                                          step_integrals(np.minimum(x_lo, 700), min(n, 2)))
                if n > 2:
                    bound = np.where((x_lo >= WINDOW) & (x_hi >= WINDOW), 0.0, np.inf)
                tail[i] = bound
            if np.any(tail > 1e-12 * max(tmax, 1e-300) * kt ** np.array(orders)[:, None]):
                raise ValueError(
                    f"energies must cover the Fermi window mu +- {WINDOW:g} kT = "
                    f"[{lo:.6g}, {hi:.6g}] (or pass fill=, e.g. 0 outside a band); got "
                    f"[{e[0]:.6g}, {e[-1]:.6g}]")
            a, b = max(lo, e[0]), min(hi, e[-1])
        else:
            fill = check_real("fill", fill)
            a, b = lo, hi

        def run_sampled(grid, vals):
            inner = grid[(grid > a) & (grid < b)]
            pts = np.unique(np.concatenate([[a, b], inner, br[(br > a) & (br < b)]]))
            nodes, weights = _panel_nodes(pts, kt / 2)
            f = _interpolant(grid, vals, br[(br > grid[0]) & (br < grid[-1])])
            inside = (nodes >= grid[0]) & (nodes <= grid[-1])
            t_nodes = np.where(inside, f(np.clip(nodes, grid[0], grid[-1])),
                               fill if fill is not None else 0.0)
            return _integrate(nodes, weights, t_nodes, m, kt, orders)
        fine = run_sampled(e, tv)
        sub = np.r_[np.arange(0, e.size, 2), [e.size - 1]] if (e.size - 1) % 2 else np.arange(0, e.size, 2)
        try:
            coarse = run_sampled(e[sub], tv[sub])
            err = np.abs(fine - coarse) / 3.0 + tail
        except ValueError:
            err = np.full_like(fine, np.nan)
    t_err = max(t_err, check_real("transmission_error", transmission_error, minimum=0.0))
    # round-off of the quadrature sums: a few hundred ulp of the largest |T|
    t_err = t_err + 256 * np.finfo(float).eps * t_max
    err = err + t_err * np.array([kt ** n * _abs_moment(n) for n in orders])[:, None]
    shape = (len(orders),) + mu_arr.shape
    return fine.reshape(shape), err.reshape(shape)


def thermoelectric_coefficients(transmission: Callable[[np.ndarray], ArrayLike] | ArrayLike | Sequence[SMatrix],
                                *, mu: ArrayLike, temperature: float, energies: ArrayLike | None = None,
                                breakpoints: ArrayLike = (), fill: float | None = None,
                                transmission_error: float = 0.0) -> ThermoelectricCoefficients:
    """Conductance, Seebeck coefficient, thermal conductance and Lorenz ratio from T(E).

    Parameters are those of :func:`landauer_integrals` (with ``orders=(0, 1, 2)``).

    Returns
    -------
    ThermoelectricCoefficients

    References
    ----------
    U. Sivan and Y. Imry, Phys. Rev. B 33, 551 (1986).

    Examples
    --------
    >>> import numpy as np
    >>> # one channel opening at E = 0, mu deep on the plateau: Wiedemann-Franz holds
    >>> c = thermoelectric_coefficients(lambda e: (e > 0).astype(float), mu=1.0,
    ...                                 temperature=0.02, breakpoints=[0.0])
    >>> bool(np.isclose(c.lorenz_ratio, np.pi**2 / 3) and np.isclose(c.thermal_conductance, 1.0))
    True
    """
    L, err = landauer_integrals(transmission, mu=mu, temperature=temperature, energies=energies,
                                breakpoints=breakpoints, fill=fill, orders=(0, 1, 2),
                                transmission_error=transmission_error)
    mu_out = float(np.asarray(mu, float)) if np.ndim(mu) == 0 else np.asarray(mu, float)
    return ThermoelectricCoefficients(mu_out, float(temperature), L, err)
