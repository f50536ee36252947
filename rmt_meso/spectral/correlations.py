"""Long-range spectral statistics of unfolded levels: Sigma^2(L), Delta_3(L), K(tau).

All functions take unfolded levels (unit mean spacing, see
:func:`rmt_meso.spectral.unfold`): one sorted spectrum (1-D) or a batch (2-D, sample axis
first), and return estimates with standard errors:

* batch: each spectrum is one independent sample; errors come from the spread between
  spectra;
* one spectrum: the windows are grouped into ``blocks`` contiguous stretches of the
  spectrum, treated as independent samples (long-range correlations between stretches
  are neglected, which is accurate when each stretch is much longer than L).

Window averages: windows ``[a, a + L)`` with starts ``a`` on a fixed grid of spacing
``step`` (independent of the level positions), lying inside the unfolded range of each
spectrum with one mean spacing to spare at each end.  Overlapping windows are fine
because errors are computed between spectra or blocks, never between windows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np

from .._typing import ArrayLike
from .._validate import check_array, check_bool, check_int, check_real
from ..compare import Estimate
from .spacings import _check_levels

__all__ = ["CurveEstimate", "number_variance", "rigidity", "form_factor", "filtered_form_factor"]

_GATHER_LIMIT = 4_000_000  # entries of the (windows x levels) work array per chunk


@dataclass(frozen=True)
class CurveEstimate:
    """A statistic estimated at several abscissae, with standard errors.

    Attributes
    ----------
    x : ndarray
        Abscissae (L for Sigma^2 and Delta_3, tau for K).
    value, stderr : ndarray
        Estimates and their standard errors, same shape as ``x``.
    n : int
        Number of independent units behind the errors (spectra or blocks).
    """

    x: np.ndarray
    value: np.ndarray
    stderr: np.ndarray
    n: int

    def __getitem__(self, i) -> Estimate:
        """The estimate at index ``i`` as an :class:`~rmt_meso.compare.Estimate`."""
        return Estimate(float(self.value[i]), float(self.stderr[i]), self.n)

    def __len__(self) -> int:
        return int(np.size(self.x))


def _check_lengths(L) -> tuple[np.ndarray, bool]:
    arr = check_array("L", L, ndim=(0, 1), min_size=1)
    if np.any(arr <= 0):
        raise ValueError(f"L must be > 0 (an interval length in mean spacings); got min(L) = {arr.min()}")
    return np.atleast_1d(arr), arr.ndim == 0


def _layout(x: np.ndarray, L: float, step, blocks: int):
    """Window starts and the group (spectrum or block) of each window.

    Window starts lie on one absolute grid ``a = j * step`` (j integer), the same for
    every spectrum, so that their positions are independent of the levels; a window is
    used when it lies inside ``[x_first + 1, x_last - 1]`` of its spectrum.  (Anchoring the
    windows at a level, e.g. starting at ``x_first``, conditions the window on a level at
    its edge and biases Delta_3 at small L by several standard errors.)

    Returns the flattened, row-offset levels (sorted overall), the window starts in the
    same offset coordinates, and the group index of each window.
    """
    x2 = np.atleast_2d(x)
    m = x2.shape[0]
    step = max(L / 4.0, 0.25) if step is None else step
    margin = 1.0
    lo, hi = x2[:, 0] + margin, x2[:, -1] - margin - L
    if np.any(hi < lo):
        shortest = float(np.min(x2[:, -1] - x2[:, 0]))
        raise ValueError(f"L={L:g} does not fit into the unfolded range of a spectrum ({shortest:.6g} "
                         f"mean spacings, minus a margin of {margin:g} at each end); use smaller L or "
                         f"longer spectra")
    j0 = np.ceil(lo / step)
    j1 = np.floor(hi / step)
    grid = np.arange(j0.min(), j1.max() + 1.0) * step                    # (G,)
    valid = (grid[None, :] >= lo[:, None]) & (grid[None, :] <= hi[:, None])
    nwin = valid.sum(axis=1)
    if np.any(nwin == 0):
        raise ValueError(f"step={step:g} leaves no window of L={L:g} inside a spectrum; use a smaller step")
    if x.ndim == 1 and nwin[0] < 2 * blocks:
        raise ValueError(f"one spectrum of unfolded length {float(x2[0, -1] - x2[0, 0]):.6g} gives only {int(nwin[0])} "
                         f"windows of L={L:g} for blocks={blocks}; use a longer spectrum, smaller L, a smaller "
                         f"step or fewer blocks")
    rows, cols = np.nonzero(valid)                                        # row-major: sorted by row, then start
    # offset rows so that the flattened levels are sorted and windows never reach another row
    first = x2[:, 0]
    offset = np.arange(m) * (float(np.max(x2[:, -1] - first)) + L + 1.0) - first
    flat = (x2 + offset[:, None]).ravel()
    starts = grid[cols] + offset[rows]
    if x.ndim == 2:
        group = rows
    else:
        k = np.arange(rows.size)
        group = np.minimum((k * blocks) // rows.size, blocks - 1)
    return flat, starts, group


def _group_means(values: np.ndarray, group: np.ndarray) -> np.ndarray:
    counts = np.bincount(group)
    return np.bincount(group, weights=values) / counts


def _common(unfolded, blocks, step):
    x = _check_levels("unfolded", unfolded, min_levels=2)
    blocks = check_int("blocks", blocks, minimum=2)
    if step is not None:
        step = check_real("step", step, minimum=0.0, min_inclusive=False)
    if x.ndim == 2 and x.shape[0] < 2:
        raise ValueError("a batch needs at least 2 spectra for a standard error; pass one spectrum as "
                         "a 1-D array to use blocks")
    return x, blocks, step


@overload
def number_variance(unfolded: ArrayLike, L: float, *, step: float | None = None,
                    blocks: int = 10) -> Estimate: ...
@overload
def number_variance(unfolded: ArrayLike, L: np.ndarray | Sequence[float], *, step: float | None = None,
                    blocks: int = 10) -> CurveEstimate: ...


def number_variance(unfolded: ArrayLike, L: ArrayLike, *, step: float | None = None,
                    blocks: int = 10) -> Estimate | CurveEstimate:
    r"""Number variance :math:`\Sigma^2(L)` of unfolded levels with standard errors.

    :math:`\Sigma^2(L) = \langle n(a, L)^2\rangle - \langle n(a, L)\rangle^2`, where
    :math:`n(a, L)` counts the levels in :math:`[a, a + L)`; the average runs over window
    positions and spectra.

    Parameters
    ----------
    unfolded : array_like, shape (k,) or (m, k)
        Unfolded levels (unit mean spacing), one spectrum or a batch (sample axis first).
    L : float or 1-D array_like
        Window lengths > 0 in mean spacings.
    step : float, optional
        Distance between window starts (default ``max(L/4, 0.25)``).
    blocks : int
        Number of contiguous stretches one spectrum is cut into for the error (>= 2).

    Returns
    -------
    Estimate or CurveEstimate
        An :class:`~rmt_meso.compare.Estimate` for scalar ``L``, a :class:`CurveEstimate`
        for an array.

    Raises
    ------
    ValueError
        ``L <= 0``, L longer than a spectrum, unsorted / NaN / degenerate levels, a batch
        of fewer than 2 spectra.

    Notes
    -----
    With per-group means :math:`q_g = \langle n\rangle_g`, :math:`p_g = \langle n^2\rangle_g`
    over G groups (spectra or blocks), the estimate is :math:`\bar p - \bar q^2` and its
    standard error follows from the delta method,
    :math:`\mathrm{std}(p_g - 2\bar q\, q_g)/\sqrt{G}`.  The variance is taken about the
    measured mean count, so a constant density error of the unfolding does not bias it.
    Compare with :func:`rmt_meso.theory.number_variance`.

    References
    ----------
    M. L. Mehta, *Random Matrices*, 3rd ed. (2004), chapter 16.

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.spectral import number_variance
    >>> rng = np.random.default_rng(0)
    >>> x = np.cumsum(rng.exponential(size=(400, 100)), axis=1)   # Poisson: Sigma^2 = L
    >>> est = number_variance(x, 2.0)
    >>> bool(abs(est.value - 2.0) < 5 * est.stderr)
    True
    """
    x, blocks, step = _common(unfolded, blocks, step)
    Ls, scalar = _check_lengths(L)
    vals, errs, ngroups = [], [], 0
    for Lv in Ls:
        flat, starts, group = _layout(x, float(Lv), step, blocks)
        counts = (np.searchsorted(flat, starts + Lv, side="left")
                  - np.searchsorted(flat, starts, side="left")).astype(float)
        q = _group_means(counts, group)
        p = _group_means(counts * counts, group)
        ngroups = q.size
        qbar = q.mean()
        vals.append(p.mean() - qbar * qbar)
        errs.append((p - 2.0 * qbar * q).std(ddof=1) / np.sqrt(ngroups))
    if scalar:
        return Estimate(float(vals[0]), float(errs[0]), int(ngroups))
    return CurveEstimate(Ls.copy(), np.array(vals), np.array(errs), int(ngroups))


def _delta3_windows(flat: np.ndarray, starts: np.ndarray, L: float) -> np.ndarray:
    """Bohigas-Giannoni closed-form least-squares Delta_3 of each window [a, a + L).

    With the k levels of a window measured from its centre, y_1 < ... < y_k,

        Delta_3 = k^2/16 - (sum y)^2/L^2 + 3k sum y^2/(2L^2) - 3(sum y^2)^2/L^4
                  + (1/L) sum_i (k - 2i + 1) y_i,

    the exact minimum over A, B of (1/L) int (N(y) - A y - B)^2 dy for the staircase N
    (Bohigas & Giannoni, Ann. Phys. 89, 393 (1975); derivation: int N^2, int N and
    int y N are elementary sums over levels, and 1 and y are orthogonal on the window).
    """
    lo = np.searchsorted(flat, starts, side="left")
    hi = np.searchsorted(flat, starts + L, side="left")
    k = hi - lo
    out = np.empty(starts.size)
    kmax = max(int(k.max()), 1)
    chunk = max(1, _GATHER_LIMIT // kmax)
    j = np.arange(kmax)
    for s in range(0, starts.size, chunk):
        sl = slice(s, s + chunk)
        ks = k[sl].astype(float)
        mask = j[None, :] < k[sl, None]
        idx = np.minimum(lo[sl, None] + j[None, :], flat.size - 1)
        centre = starts[sl] + 0.5 * L
        y = np.where(mask, flat[idx] - centre[:, None], 0.0)
        s1 = y.sum(axis=1)
        s2 = (y * y).sum(axis=1)
        sw = ((ks[:, None] - 2.0 * (j[None, :] + 1) + 1.0) * y).sum(axis=1)
        out[sl] = (ks * ks / 16.0 - s1 * s1 / L ** 2 + 1.5 * ks * s2 / L ** 2
                   - 3.0 * s2 * s2 / L ** 4 + sw / L)
    return out


@overload
def rigidity(unfolded: ArrayLike, L: float, *, step: float | None = None,
             blocks: int = 10) -> Estimate: ...
@overload
def rigidity(unfolded: ArrayLike, L: np.ndarray | Sequence[float], *, step: float | None = None,
             blocks: int = 10) -> CurveEstimate: ...


def rigidity(unfolded: ArrayLike, L: ArrayLike, *, step: float | None = None,
             blocks: int = 10) -> Estimate | CurveEstimate:
    r"""Dyson-Mehta spectral rigidity :math:`\Delta_3(L)` of unfolded levels, with errors.

    For each window :math:`[a, a + L)` the least-squares deviation of the counting
    staircase from its best straight line,
    :math:`\min_{A,B} L^{-1}\int_a^{a+L} (N(x) - Ax - B)^2 dx`, is computed exactly by the
    closed formula of Bohigas and Giannoni (no numerical fit), then averaged over windows
    and spectra.

    Parameters
    ----------
    unfolded : array_like, shape (k,) or (m, k)
        Unfolded levels, one spectrum or a batch (sample axis first).
    L : float or 1-D array_like
        Window lengths > 0 in mean spacings.
    step : float, optional
        Distance between window starts (default ``max(L/4, 0.25)``).
    blocks : int
        Stretches of a single spectrum used for the error (>= 2).

    Returns
    -------
    Estimate or CurveEstimate
        Scalar ``L``: an Estimate; array: a CurveEstimate.  Errors: standard error of the
        per-spectrum (or per-block) window averages.

    Raises
    ------
    ValueError
        As :func:`number_variance`.

    Notes
    -----
    Compare with :func:`rmt_meso.theory.rigidity` (Poisson ``L/15``; GOE
    :math:`\simeq \pi^{-2}(\ln 2\pi L + \gamma - 5/4 - \pi^2/8)` at large L).  A single
    window has at most ``k`` levels; memory is chunked to ~4e6 entries.

    References
    ----------
    F. J. Dyson and M. L. Mehta, J. Math. Phys. 4, 701 (1963);
    O. Bohigas and M.-J. Giannoni, Ann. Phys. (N.Y.) 89, 393 (1975).

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.spectral import rigidity
    >>> x = np.arange(200.0)                       # picket fence: Delta_3 = 1/12
    >>> bool(abs(rigidity(x[None, :].repeat(2, 0) + [[0.0], [0.3]], 10.0).value - 1 / 12) < 1e-2)
    True
    """
    x, blocks, step = _common(unfolded, blocks, step)
    Ls, scalar = _check_lengths(L)
    vals, errs, ngroups = [], [], 0
    for Lv in Ls:
        flat, starts, group = _layout(x, float(Lv), step, blocks)
        d = _group_means(_delta3_windows(flat, starts, float(Lv)), group)
        ngroups = d.size
        vals.append(d.mean())
        errs.append(d.std(ddof=1) / np.sqrt(ngroups))
    if scalar:
        return Estimate(float(vals[0]), float(errs[0]), int(ngroups))
    return CurveEstimate(Ls.copy(), np.array(vals), np.array(errs), int(ngroups))


def form_factor(unfolded: ArrayLike, tau: ArrayLike, *, connected: bool = True,
                groups: int | None = None) -> CurveEstimate:
    r"""Spectral form factor :math:`K(\tau)` of a batch of unfolded spectra.

    With :math:`z(\tau) = \sum_j e^{2\pi i \tau x_j}` over the k unfolded levels of a
    spectrum, the total form factor is :math:`\langle |z|^2\rangle / k` and the connected
    part subtracts the disconnected (mean-density) piece,
    :math:`K_c(\tau) = (\langle |z|^2\rangle - |\langle z\rangle|^2)/k`, estimated without
    bias as the sample variance of z over the m spectra divided by k.

    Parameters
    ----------
    unfolded : array_like, shape (m, k)
        A batch of unfolded spectra (m >= 2, sample axis first).  A single spectrum has
        no ensemble average to subtract and is refused.
    tau : float or 1-D array_like
        Times >= 0 in units of the Heisenberg time (the inverse mean spacing).
    connected : bool
        Return the connected part (default) or the total form factor.
    groups : int, optional
        Average K over ``groups`` consecutive runs of equally many ``tau`` values (e.g. a
        fine grid cut into bins).  Each spectrum's average over a run is formed first, so
        the error stays the honest spread between spectra; values of tau closer than 1/k
        are correlated, which this accounts for.  ``len(tau)`` must be a multiple of
        ``groups``.

    Returns
    -------
    CurveEstimate
        ``x = tau`` (with ``groups``: the mean tau of each run); errors from the spread
        over spectra (delta method for the connected part).  K is not self-averaging: at a
        single tau its relative error is ~1/sqrt(m); averaging over a run of width w
        containing ~w k independent values reduces it by ~1/sqrt(w k).

    Raises
    ------
    ValueError
        Not a batch, negative tau, bad levels.

    Notes
    -----
    For large k the connected part approaches :func:`rmt_meso.theory.form_factor`
    (GUE: :math:`\min(\tau, 1)`), smeared on the scale :math:`1/k` by the sharp window of
    k levels.  The total form factor adds the window's diffraction peak
    :math:`\sim \sin^2(\pi\tau k)/(k\,\pi^2\tau^2)` at small :math:`\tau`.

    References
    ----------
    F. Haake, *Quantum Signatures of Chaos*, 3rd ed. (Springer, 2010), Sec. 4.14.

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.spectral import form_factor
    >>> rng = np.random.default_rng(3)
    >>> x = np.sort(rng.uniform(0, 200, size=(400, 200)), axis=1)   # Poisson: K = 1
    >>> k = form_factor(x, [0.5, 1.5])
    >>> bool(np.all(np.abs(k.value - 1) < 5 * k.stderr))
    True
    """
    connected = check_bool("connected", connected)
    x = _check_levels("unfolded", unfolded, min_levels=2)
    if x.ndim != 2 or x.shape[0] < 2:
        raise ValueError(f"form_factor needs a batch of at least 2 spectra (shape (m, k), m >= 2) to "
                         f"average over; got shape {x.shape}")
    t = check_array("tau", tau, ndim=(0, 1), min_size=1)
    if np.any(t < 0):
        raise ValueError(f"tau must be >= 0; got min(tau) = {t.min()}")
    t = np.atleast_1d(t)
    if groups is not None:
        groups = check_int("groups", groups, minimum=1)
        if t.size % groups:
            raise ValueError(f"len(tau)={t.size} must be a multiple of groups={groups}")
    m, k = x.shape
    xc = x - x.mean()   # one common shift multiplies every z by the same phase: K unchanged
    g_all = np.empty((m, t.size))                      # per-spectrum contributions

    def store(cols, z):
        if connected:
            # m/(m-1) |z - zbar|^2 averages to the unbiased variance of z over spectra
            g_all[:, cols] = np.abs(z - z.mean(axis=0)) ** 2 * (m / (m - 1.0))
        else:
            g_all[:, cols] = np.abs(z) ** 2

    dt = np.diff(t)
    if t.size > 2 and np.allclose(dt, dt[0], rtol=1e-12, atol=0.0):
        # arithmetic grid: phases by recurrence, exp(2 pi i (tau + dt) x) = exp(2 pi i tau x) w,
        # re-seeded exactly every 64 steps (round-off stays ~1e-14)
        w = np.exp(2j * np.pi * dt[0] * xc)
        ph: np.ndarray
        for j in range(t.size):
            ph = np.exp(2j * np.pi * t[j] * xc) if j % 64 == 0 else ph * w
            store(j, ph.sum(axis=1))
    else:
        chunk = max(1, _GATHER_LIMIT // (m * k))
        for s in range(0, t.size, chunk):
            ts = t[s:s + chunk]
            store(slice(s, s + chunk), np.exp(2j * np.pi * xc[:, :, None] * ts[None, None, :]).sum(axis=1))
    if groups is not None:
        g_all = g_all.reshape(m, groups, -1).mean(axis=2)
        t = t.reshape(groups, -1).mean(axis=1)
    vals = g_all.mean(axis=0) / k
    errs = g_all.std(axis=0, ddof=1) / (np.sqrt(m) * k)
    return CurveEstimate(t.copy(), vals, errs, int(m))


def filtered_form_factor(unfolded: ArrayLike, tau: ArrayLike, *, width: float | None = None,
                         groups: int | None = None) -> CurveEstimate:
    r"""Connected spectral form factor with a Gaussian filter, for a batch of unfolded spectra.

    With weights :math:`g_j = \exp[-(x_j - c)^2/(2\sigma^2)]` centred on the middle ``c`` of
    each spectrum, :math:`z(\tau) = \sum_j g_j e^{2\pi i\tau x_j}` and

    .. math:: K_c(\tau) = \frac{\langle|z|^2\rangle - |\langle z\rangle|^2}{\langle\sum_j g_j^2\rangle},

    which tends to the unfolded-bulk :func:`rmt_meso.theory.form_factor` (ramp and plateau)
    smeared on the scale :math:`1/(2\pi\sigma)`; the smooth filter removes the
    :math:`\sin^2(\pi\tau k)` ripples that a sharp window of k levels adds
    (Gharibyan, Hanada, Shenker & Tezuka 2018).

    Parameters
    ----------
    unfolded : array_like, shape (m, k)
        Batch of unfolded spectra (m >= 2).
    tau : float or 1-D array_like
        Times >= 0 in Heisenberg times.
    width : float, optional
        Filter width sigma in mean spacings; default k/8 (the edges of the window then
        carry weight e^-8).
    groups : int, optional
        Average over runs of tau values as in :func:`form_factor`.

    Returns
    -------
    CurveEstimate
        Errors from the spread between spectra (delta method).

    References
    ----------
    H. Gharibyan, M. Hanada, S. H. Shenker and M. Tezuka, JHEP 07 (2018) 124.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(3)
    >>> x = np.sort(rng.uniform(0, 200, size=(400, 200)), axis=1)   # Poisson: K = 1
    >>> k = filtered_form_factor(x, [0.5, 1.5])
    >>> bool(np.all(np.abs(k.value - 1) < 5 * k.stderr))
    True
    """
    x = _check_levels("unfolded", unfolded, min_levels=2)
    if x.ndim != 2 or x.shape[0] < 2:
        raise ValueError(f"filtered_form_factor needs a batch of at least 2 spectra (shape (m, k), m >= 2); "
                         f"got shape {x.shape}")
    m, k = x.shape
    t = np.atleast_1d(check_array("tau", tau, ndim=(0, 1), min_size=1))
    if np.any(t < 0):
        raise ValueError(f"tau must be >= 0; got min(tau) = {t.min()}")
    sigma = k / 8.0 if width is None else check_real("width", width, minimum=0.0, min_inclusive=False)
    if groups is not None:
        groups = check_int("groups", groups, minimum=1)
        if t.size % groups:
            raise ValueError(f"len(tau)={t.size} must be a multiple of groups={groups}")
    c = 0.5 * (x[:, :1] + x[:, -1:])
    xc = x - c
    g = np.exp(-0.5 * (xc / sigma) ** 2)
    norm = float(np.mean(np.sum(g * g, axis=1)))
    chunk = max(1, _GATHER_LIMIT // (m * k))
    z = np.empty((m, t.size), dtype=complex)
    for s in range(0, t.size, chunk):
        ts = t[s:s + chunk]
        z[:, s:s + chunk] = np.einsum("mk,mkt->mt", g, np.exp(2j * np.pi * xc[:, :, None] * ts[None, None, :]))
    contrib = np.abs(z - z.mean(axis=0)) ** 2 * (m / (m - 1.0))
    if groups is not None:
        contrib = contrib.reshape(m, groups, -1).mean(axis=2)
        t = t.reshape(groups, -1).mean(axis=1)
    vals = contrib.mean(axis=0) / norm
    errs = contrib.std(axis=0, ddof=1) / (np.sqrt(m) * norm)
    return CurveEstimate(t.copy(), vals, errs, int(m))
