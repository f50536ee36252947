r"""Thouless conductance: the sensitivity of levels to the boundary condition.

Edwards and Thouless measured how far a level moves when the boundary condition in one
direction changes from periodic to antiperiodic, in units of the mean level spacing:

.. math::

    g_{\mathrm{Th}} = \frac{\langle |E_n(\pi) - E_n(0)| \rangle}{\Delta},

where :math:`E_n(\theta)` is the n-th level with twist :math:`\theta` in the boundary bond
(the levels are matched by their index in the sorted spectrum).  In a diffusive metal
:math:`\langle|\delta E|\rangle \sim E_{\mathrm{Th}} = \hbar D/L^2` and
:math:`g_{\mathrm{Th}} = E_{\mathrm{Th}}/\Delta` grows with :math:`L` as the conductance
:math:`\sigma L^{d-2}`; in an insulator it decays as :math:`e^{-2L/\xi}`.  The level
curvature :math:`c_n = \partial^2 E_n/\partial\theta^2|_{\theta=0}` gives the same scale
without matching levels across a finite change of the boundary condition.

Functions here take plain arrays (spectra, Hamiltonian matrices) so that they work for
any model; :class:`rmt_meso.ensembles.Anderson` supplies twisted Hamiltonians and their
twist derivatives.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, overload

import numpy as np
import scipy.sparse as sp

from .._log import progress_bar
from .._typing import ArrayLike, RngLike
from .._validate import ConvergenceError, check_array, check_bool, check_int, check_real
from ..compare import Estimate

__all__ = ["ThoulessResult", "level_window", "thouless_conductance", "level_curvatures",
           "anderson_boundary_sensitivity",
           "curvature_conductance"]

#: Shifts smaller than this times the largest |E| are at double-precision round-off.
_ROUNDOFF = 1e-13


@dataclass(frozen=True)
class ThoulessResult:
    """Thouless conductance from level shifts, averaged over disorder realisations.

    Attributes
    ----------
    g : Estimate
        ``<|δE|> / <Δ>`` (arithmetic average over levels and realisations) with the
        delta-method standard error of the ratio of two means.
    ln_g_typ : Estimate
        ``<ln |δE|> - ln <Δ>``, the logarithm of the typical conductance (the natural
        average in the insulator, where ``|δE|`` is log-normally broad).
    spacing : Estimate
        Mean level spacing ``Δ`` in the window (energy units of the spectra).
    n_levels, n_realisations : int
        Levels per realisation and number of realisations.
    """

    g: Estimate
    ln_g_typ: Estimate
    spacing: Estimate
    n_levels: int
    n_realisations: int

    @property
    def g_typ(self) -> float:
        """Typical conductance ``exp(<ln g>)``."""
        return float(np.exp(self.ln_g_typ.value))


def _ratio_estimate(a: np.ndarray, b: np.ndarray) -> Estimate:
    """``mean(a)/mean(b)`` with the delta-method standard error over realisations."""
    n = a.size
    ratio = a.mean() / b.mean()
    err = np.std(a - ratio * b, ddof=1) / np.sqrt(n) / abs(b.mean())
    return Estimate(float(ratio), float(err), int(n))


def level_window(levels: ArrayLike, target: float = 0.0, n_levels: int | None = None) -> slice:
    """Index window of ``n_levels`` consecutive levels centred on ``target``.

    Parameters
    ----------
    levels : array_like, shape (N,)
        One sorted spectrum.
    target : float
        Energy at the centre of the window.
    n_levels : int, optional
        Window size, ``2 <= n_levels <= N``; ``None`` keeps all levels.

    Returns
    -------
    slice
        ``levels[window]`` are the ``n_levels`` levels whose indices straddle ``target``
        (shifted inwards at the spectrum edges).

    Examples
    --------
    >>> e = np.arange(10.0)
    >>> e[level_window(e, 4.5, 4)]
    array([3., 4., 5., 6.])
    """
    e = check_array("levels", levels, ndim=1, min_size=2)
    target = check_real("target", target)
    n = e.size if n_levels is None else check_int("n_levels", n_levels, minimum=2, maximum=e.size)
    i0 = int(np.searchsorted(e, target)) - n // 2
    i0 = min(max(i0, 0), e.size - n)
    return slice(i0, i0 + n)


def thouless_conductance(levels_periodic: ArrayLike, levels_twisted: ArrayLike, *, target: float = 0.0,
                         n_levels: int | None = None) -> ThoulessResult:
    r"""Edwards–Thouless conductance from the level shifts between two boundary conditions.

    Parameters
    ----------
    levels_periodic, levels_twisted : array_like, shape (R, N)
        Sorted spectra of ``R`` disorder realisations, the same realisations with periodic
        and with antiperiodic (or otherwise twisted) boundaries in one direction.  Level
        ``n`` of one is matched with level ``n`` of the other, so both must contain the same
        index range of each spectrum (whole spectra, or windows cut with the same indices).
    target : float, default 0
        Energy at the centre of the level window.
    n_levels : int, optional
        Number of consecutive levels per realisation around ``target`` (by index in the
        periodic spectrum); ``None`` uses all given levels.

    Returns
    -------
    ThoulessResult
        ``g = <|δE|>/Δ`` with its standard error, the typical value, and ``Δ``.

    Raises
    ------
    ValueError
        Shapes differ, fewer than 2 realisations, unsorted spectra.
    ConvergenceError
        Some shifts are at double-precision round-off (``< 1e-13 max|E|``), so the typical
        value would be meaningless: the system is too strongly localised for its size.

    Notes
    -----
    The mean spacing of realisation ``r`` is the span of its window over ``n_levels - 1``
    (averaged between the two boundary conditions).  ``g`` is the ratio of the means of
    ``a_r = <|δE_n|>_n`` and ``Δ_r`` over realisations, its standard error the delta-method
    error ``std(a_r - g Δ_r)/(sqrt(R) <Δ>)``.  Levels within one realisation are correlated,
    so realisations are the independent units.

    References
    ----------
    J. T. Edwards and D. J. Thouless, "Numerical studies of localization in disordered
    systems", J. Phys. C 5, 807 (1972); D. J. Thouless, Phys. Rep. 13, 93 (1974).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> e0 = np.sort(rng.random((50, 40)), axis=1)
    >>> res = thouless_conductance(e0, e0 + 0.01 / 40, target=0.5, n_levels=20)
    >>> bool(abs(res.g.value - 0.01 / 40 / res.spacing.value) < 1e-12)
    True
    """
    e0 = check_array("levels_periodic", levels_periodic, ndim=2)
    e1 = check_array("levels_twisted", levels_twisted, ndim=2, shape=e0.shape)
    target = check_real("target", target)
    R, N = e0.shape
    if R < 2:
        raise ValueError(f"levels_periodic must hold at least 2 realisations (rows) for a standard "
                         f"error; got {R}")
    n = N if n_levels is None else check_int("n_levels", n_levels, minimum=2, maximum=N)
    if np.any(np.diff(e0, axis=1) < 0) or np.any(np.diff(e1, axis=1) < 0):
        raise ValueError("levels_periodic and levels_twisted must be sorted along axis 1")
    a = np.empty(R)
    u = np.empty(R)
    b = np.empty(R)
    floor = _ROUNDOFF * max(np.max(np.abs(e0)), np.max(np.abs(e1)), 1e-300)
    for r in range(R):
        w = level_window(e0[r], target, n)
        x0, x1 = e0[r, w], e1[r, w]
        shift = np.abs(x1 - x0)
        if np.any(shift < floor):
            raise ConvergenceError(
                f"{int(np.sum(shift < floor))} level shift(s) in realisation {r} are below the "
                f"double-precision round-off {floor:.2g}: the system is too localised for its size "
                f"(reduce L or W)")
        a[r] = shift.mean()
        u[r] = np.log(shift).mean()
        b[r] = 0.5 * ((x0[-1] - x0[0]) + (x1[-1] - x1[0])) / (n - 1)
    g = _ratio_estimate(a, b)
    bm = b.mean()
    ln_typ = u.mean() - np.log(bm)
    ln_err = np.std(u - b / bm, ddof=1) / np.sqrt(R)
    spacing = Estimate(float(bm), float(np.std(b, ddof=1) / np.sqrt(R)), R)
    return ThoulessResult(g, Estimate(float(ln_typ), float(ln_err), R), spacing, n, R)


@overload
def level_curvatures(H: Any, dH: Any, d2H: Any, *, target: float | None = None,
                     n_levels: int | None = None, return_window: Literal[False] = False
                     ) -> tuple[np.ndarray, np.ndarray]: ...
@overload
def level_curvatures(H: Any, dH: Any, d2H: Any, *, target: float | None = None,
                     n_levels: int | None = None, return_window: Literal[True]
                     ) -> tuple[np.ndarray, np.ndarray, slice]: ...


def level_curvatures(H: ArrayLike | sp.spmatrix, dH: ArrayLike | sp.spmatrix, d2H: ArrayLike | sp.spmatrix, *,
                     target: float | None = None, n_levels: int | None = None,
                     return_window: bool = False
                     ) -> tuple[np.ndarray, np.ndarray] | tuple[np.ndarray, np.ndarray, slice]:
    r"""Level curvatures :math:`\partial^2 E_n/\partial\theta^2` by second-order perturbation theory.

    .. math::

        c_n = \langle n|H''|n\rangle
              + 2 \sum_{m \ne n} \frac{|\langle m|H'|n\rangle|^2}{E_n - E_m}

    from one dense diagonalisation of ``H`` (exact for non-degenerate levels).

    Parameters
    ----------
    H, dH, d2H : array_like or scipy.sparse matrix, shape (N, N)
        Hermitian Hamiltonian and its first and second derivatives with respect to the
        parameter θ (e.g. :meth:`rmt_meso.ensembles.Anderson.twist_derivatives`).
    target : float, optional
        Centre of the level window (default: all levels).
    n_levels : int, optional
        Number of consecutive levels around ``target`` (needs ``target``).
    return_window : bool, default False
        Also return the index window (a ``slice`` of the sorted spectrum), so that other
        spectra of the same realisation can be cut with the same level indices.

    Returns
    -------
    energies, curvatures : ndarray, shape (n_levels,)
        (and the ``slice`` with ``return_window=True``)

    Raises
    ------
    ValueError
        Non-square, mismatched or non-Hermitian input (tolerance ``1e-12 max|H|``).
    ConvergenceError
        Degenerate levels in the window (spacing ``< 1e-10 max|E|``), where the curvature
        of a single level is not defined (Kramers pairs, clean symmetric lattices).

    References
    ----------
    J. Zakrzewski and D. Delande, "Parametric motion of energy levels in quantum chaotic
    systems. I. Curvature distributions", Phys. Rev. E 47, 1650 (1993);
    E. Akkermans and G. Montambaux, Phys. Rev. Lett. 68, 642 (1992).

    Examples
    --------
    >>> # E(θ) = ±sqrt(1 + θ²) for H = [[1, θ], [θ, -1]]: curvatures ±1 at θ = 0
    >>> e, c = level_curvatures([[1.0, 0], [0, -1]], [[0, 1.0], [1, 0]], np.zeros((2, 2)))
    >>> bool(np.allclose(c, [-1.0, 1.0]))
    True
    """
    return_window = check_bool("return_window", return_window)
    mats: list[Any] = []      # dense arrays or CSR matrices
    for name, M in (("H", H), ("dH", dH), ("d2H", d2H)):
        if sp.issparse(M):
            M = sp.csr_matrix(M)
            data = M.data
        else:
            M = check_array(name, M, ndim=2, dtype=None)
            data = M
        if M.ndim != 2 or M.shape[0] != M.shape[1]:
            raise ValueError(f"{name} must be a square matrix; got shape {M.shape}")
        if not np.all(np.isfinite(data)):
            raise ValueError(f"{name} must contain only finite values")
        scale = max(np.max(np.abs(data)), 1e-300) if data.size else 1.0
        asym = M - M.conj().T
        asym = abs(asym).max() if sp.issparse(asym) else np.max(np.abs(asym))
        if asym > 1e-12 * scale:
            raise ValueError(f"{name} must be Hermitian (to 1e-12 of its largest element)")
        mats.append(M)
    H, dH, d2H = mats
    H = H.toarray() if sp.issparse(H) else H
    if not (H.shape == dH.shape == d2H.shape):
        raise ValueError(f"H, dH and d2H must have the same shape; got {H.shape}, {dH.shape}, {d2H.shape}")
    if n_levels is not None and target is None:
        raise ValueError("n_levels needs target (the centre of the level window)")
    E, V = np.linalg.eigh(H)
    w = slice(0, E.size) if target is None else level_window(E, target, n_levels)
    Ew, Vw = E[w], V[:, w]
    lo, hi = w.start, w.stop
    tol = 1e-10 * max(np.max(np.abs(E)), 1.0)
    # the window and its neighbours just outside it (they enter the sum with the largest weight)
    if E.size > 1 and np.min(np.diff(E[max(lo - 1, 0):min(hi + 1, E.size)])) < tol:
        raise ConvergenceError("degenerate levels: the curvature of a single level is undefined "
                               "(Kramers pairs or a clean symmetric lattice); lift the degeneracy "
                               "or use level shifts (thouless_conductance)")
    P = V.conj().T @ (dH @ Vw)                         # <m|H'|n>, shape (N, n)
    diff = Ew[None, :] - E[:, None]                     # E_n - E_m
    safe = np.where(diff == 0, 1.0, diff)
    inv = np.where(diff == 0, 0.0, 1.0 / safe)
    idx = np.arange(lo, hi)
    inv[idx, np.arange(hi - lo)] = 0.0                  # exclude m = n
    second = 2.0 * np.sum(np.abs(P) ** 2 * inv, axis=0)
    first = np.real(np.sum(Vw.conj() * (d2H @ Vw), axis=0))     # <n|H''|n>
    if return_window:
        return Ew, first + second, w
    return Ew, first + second


def curvature_conductance(energies: ArrayLike, curvatures: ArrayLike, *, log: bool = False) -> Estimate:
    r"""Curvature conductance ``<|c|> / Δ`` averaged over realisations.

    Parameters
    ----------
    energies : array_like, shape (R, n)
        Sorted levels of each realisation's window (``n >= 2``), giving the local mean
        spacing ``Δ_r = (E_max - E_min)/(n - 1)``.
    curvatures : array_like, shape (R, n)
        Their curvatures ``∂²E/∂θ²`` (from :func:`level_curvatures`).
    log : bool, default False
        Return the logarithm of the typical value, ``<ln|c|> - ln<Δ>``, instead: the
        robust average where ``|c|`` is broadly distributed (insulators, small samples).

    Returns
    -------
    Estimate
        ``<|c|>/<Δ>`` (or ``ln g_typ``) with the delta-method standard error over the ``R``
        realisations.

    Notes
    -----
    For time-reversal-invariant metals the curvature distribution has tails
    ``P(c) ∝ |c|^{-3}`` (Zakrzewski–Delande), so ``<|c|>`` is finite but its variance is
    only logarithmically divergent: the standard error is a fair but slowly converging
    estimate.  Compare :func:`thouless_conductance` for the Edwards–Thouless shift.

    Examples
    --------
    >>> e = np.tile(np.arange(5.0), (3, 1)); c = np.full((3, 5), 2.0)
    >>> curvature_conductance(e, c).value
    2.0
    """
    e = check_array("energies", energies, ndim=2)
    c = check_array("curvatures", curvatures, ndim=2, shape=e.shape)
    R, n = e.shape
    if R < 2 or n < 2:
        raise ValueError(f"energies must have at least 2 realisations and 2 levels; got shape {e.shape}")
    if np.any(np.diff(e, axis=1) <= 0):
        raise ValueError("energies must be sorted and non-degenerate along axis 1")
    log = check_bool("log", log)
    b = (e[:, -1] - e[:, 0]) / (n - 1)
    if log:
        if np.any(c == 0):
            raise ValueError("curvatures contain exact zeros; their logarithm is undefined")
        u = np.log(np.abs(c)).mean(axis=1)
        bm = b.mean()
        err = np.std(u - b / bm, ddof=1) / np.sqrt(R)
        return Estimate(float(u.mean() - np.log(bm)), float(err), int(R))
    a = np.abs(c).mean(axis=1)
    return _ratio_estimate(a, b)


def anderson_boundary_sensitivity(rng: RngLike, size: int, *, L: int, W: float, curvature: bool = True,
                                  progress: bool = False) -> np.ndarray:
    """Boundary sensitivity of ``size`` periodic ``L x L x L`` Anderson cubes (box disorder).

    Per realisation, the ``L^3 // 4`` levels nearest ``E = 0`` with periodic and with
    antiperiodic boundary along ``x`` (twist ``θ_x = π``; matched by index), and, with
    ``curvature``, their curvatures ``∂²E/∂θ_x²`` at ``θ_x = 0`` from exact second-order
    perturbation theory (:func:`level_curvatures`); otherwise that row is zero.  The raw
    material of :func:`thouless_conductance` (Edwards–Thouless shifts) and
    :func:`curvature_conductance`; the signature ``(rng, size, **params)`` is that of a
    :func:`rmt_meso.sweeps.sweep` kernel.

    Parameters
    ----------
    rng : None, int, SeedSequence or Generator
        Source of the disorder (one spawned seed per realisation).
    size : int
        Number of realisations, ``>= 1``.
    L : int
        Linear size, ``>= 3``.
    W : float
        Box-disorder width (units of the hopping ``t``), ``>= 0``.
    curvature : bool
        Compute the curvatures (one more dense diagonalisation with eigenvectors).
    progress : bool, default False
        Progress bar over the realisations (:func:`rmt_meso._log.progress_bar`).

    Returns
    -------
    ndarray, shape ``(size, 3, L**3 // 4)``
        Energies, antiperiodic energies, curvatures (units of ``t``).

    References
    ----------
    J. T. Edwards and D. J. Thouless, J. Phys. C 5, 807 (1972).

    Examples
    --------
    >>> x = anderson_boundary_sensitivity(0, 2, L=4, W=30.0)
    >>> x.shape
    (2, 3, 16)
    """
    from .._blas import single_threaded_blas
    from ..ensembles import Anderson

    size = check_int("size", size, minimum=1)
    L = check_int("L", L, minimum=3)
    W = check_real("W", W, minimum=0.0)
    curvature = check_bool("curvature", curvature)
    cube = Anderson((L, L, L), W=W, boundary="periodic")
    dH, d2H = cube.twist_derivatives(0)
    m = L ** 3 // 4
    out = np.zeros((size, 3, m))
    # small dense problems: threaded LAPACK only synchronises threads
    with single_threaded_blas(), \
            progress_bar(size, enabled=bool(progress), desc="realisations", unit="real") as bar:
        for i, seed in enumerate(cube.realisation_seeds(size, rng=rng)):
            eps = cube.onsite(rng=np.random.default_rng(seed))
            full1 = cube.eigvals(onsite=eps, method="dense", twist=(np.pi, 0.0, 0.0))
            if curvature:
                e, c, w = level_curvatures(cube.hamiltonian(onsite=eps), dH, d2H, target=0.0,
                                           n_levels=m, return_window=True)
                out[i, 0], out[i, 2] = e, c
            else:
                full0 = cube.eigvals(onsite=eps, method="dense")
                w = level_window(full0, 0.0, m)
                out[i, 0] = full0[w]
            out[i, 1] = full1[w]
            bar.update(1)
    return out
