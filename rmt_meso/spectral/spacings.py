"""Nearest-neighbour spacings and spacing ratios of one spectrum or a batch of spectra.

Input convention for every function of :mod:`rmt_meso.spectral`: a spectrum is a sorted
1-D array of levels; a batch is a 2-D array, one spectrum per row (sample axis first).
Levels must be finite, sorted ascending along the last axis and non-degenerate (Kramers
pairs of spin-degenerate spectra are given once).
"""

from __future__ import annotations

import numpy as np

from typing import Any

from .._typing import ArrayLike
from .._validate import check_array, check_bool, check_fraction, check_int
from ..compare import Estimate

__all__ = ["spacings", "spacing_ratios", "mean_spacing_ratio"]


def _check_levels(name: str, values, *, min_levels: int = 2, strict: bool = True) -> np.ndarray:
    """Validate a sorted spectrum (1-D) or batch of spectra (2-D, sample axis first)."""
    arr = check_array(name, values, ndim=(1, 2))
    n = arr.shape[-1]
    if n < min_levels:
        raise ValueError(f"{name} must contain at least {min_levels} levels per spectrum; got {n}"
                         + (" (an empty spectrum)" if n == 0 else ""))
    if arr.ndim == 2 and arr.shape[0] == 0:
        raise ValueError(f"{name} must contain at least one spectrum; got shape {arr.shape}")
    d = np.diff(arr, axis=-1)
    if np.any(d < 0):
        raise ValueError(f"{name} must be sorted in ascending order along the last axis "
                         f"(use np.sort(..., axis=-1) or an eigvalsh routine)")
    if strict and np.any(d == 0):
        raise ValueError(f"{name} contains degenerate levels (zero spacings); exact degeneracies "
                         f"make ratios and unfolded spacings meaningless. For Kramers-degenerate "
                         f"spectra (GSE, time-reversal symmetric spin-orbit systems) keep one level "
                         f"per pair, e.g. levels[..., ::2]")
    return arr


def _bulk_slice(n: int, bulk: float) -> slice:
    """Central fraction ``bulk`` of ``n`` levels by index: drop (1 - bulk)/2 at each end."""
    cut = int(np.floor(n * (1.0 - bulk) / 2.0 + 1e-9))
    return slice(cut, n - cut)


def spacings(levels: ArrayLike, *, method: str | None = None, **unfold_options: Any) -> np.ndarray:
    """Nearest-neighbour spacings ``s_i = x_{i+1} - x_i`` of unfolded levels.

    Parameters
    ----------
    levels : array_like, shape (n,) or (m, n)
        Sorted levels, one spectrum or a batch (sample axis first).  With
        ``method=None`` they must already be unfolded (unit mean spacing), e.g. by
        :func:`rmt_meso.spectral.unfold`.
    method : str, optional
        If given, unfold first with ``unfold(levels, method, **unfold_options)``.
    **unfold_options
        Keyword arguments for :func:`~rmt_meso.spectral.unfold` (``bulk``, ``beta``, ...).

    Returns
    -------
    ndarray, shape (n - 1,) or (m, n - 1)
        Spacings in units of the local mean spacing (when the input is unfolded).

    Raises
    ------
    ValueError
        Fewer than 2 levels, unsorted, non-finite or degenerate levels.

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.spectral import spacings
    >>> bool(np.allclose(spacings([0.0, 1.0, 3.0]), [1.0, 2.0]))
    True
    """
    if method is not None:
        from .unfold import unfold
        levels = unfold(levels, method, **unfold_options)
    elif unfold_options:
        raise TypeError(f"unfolding options {sorted(unfold_options)} need method=...; "
                        f"with method=None the levels must already be unfolded")
    x = _check_levels("levels", levels, min_levels=2)
    return np.diff(x, axis=-1)


def spacing_ratios(eigenvalues: ArrayLike, *, tilde: bool = True, bulk: float = 1.0) -> np.ndarray:
    r"""Ratios of consecutive level spacings; no unfolding needed.

    :math:`r_n = s_n / s_{n-1}` with :math:`s_n = E_{n+1} - E_n`, or the folded
    :math:`\tilde r_n = \min(r_n, 1/r_n) \in [0, 1]`.

    Parameters
    ----------
    eigenvalues : array_like, shape (n,) or (m, n)
        Sorted, non-degenerate levels; one spectrum or a batch (sample axis first).
    tilde : bool
        Return :math:`\tilde r` (default) or :math:`r`.
    bulk : float in (0, 1]
        Keep the central fraction of the levels (by index) before forming ratios; 1 keeps
        all.  Edge levels of Gaussian ensembles follow edge statistics, so compare with
        bulk theory using e.g. ``bulk=0.8``.

    Returns
    -------
    ndarray, shape (..., n_bulk - 2)

    Raises
    ------
    ValueError
        Fewer than 3 levels (after the bulk cut), unsorted, NaN or degenerate levels
        (keep one level per Kramers pair), bulk outside (0, 1].

    Notes
    -----
    The ratio is independent of the local density of states, which is why it needs no
    unfolding (Oganesyan & Huse 2007).  Compare with :func:`rmt_meso.theory.ratio_law`.

    References
    ----------
    V. Oganesyan and D. A. Huse, Phys. Rev. B 75, 155111 (2007);
    Y. Y. Atas et al., Phys. Rev. Lett. 110, 084101 (2013).

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.spectral import spacing_ratios
    >>> bool(np.allclose(spacing_ratios([0.0, 1.0, 3.0, 4.0]), [0.5, 0.5]))
    True
    """
    tilde = check_bool("tilde", tilde)
    bulk = check_fraction("bulk", bulk)
    e = _check_levels("eigenvalues", eigenvalues, min_levels=3)
    e = e[..., _bulk_slice(e.shape[-1], bulk)]
    if e.shape[-1] < 3:
        raise ValueError(f"eigenvalues must keep at least 3 levels after the bulk cut (bulk={bulk}); "
                         f"got {e.shape[-1]}")
    s = np.diff(e, axis=-1)
    r = s[..., 1:] / s[..., :-1]
    return np.minimum(r, 1.0 / r) if tilde else r


def mean_spacing_ratio(eigenvalues: ArrayLike, *, tilde: bool = True, bulk: float = 1.0,
                       block: int = 10) -> Estimate:
    r"""Mean spacing ratio :math:`\langle \tilde r\rangle` (or :math:`\langle r\rangle`) with its standard error.

    Parameters
    ----------
    eigenvalues : array_like, shape (n,) or (m, n)
        Sorted, non-degenerate levels; one spectrum or a batch (sample axis first).
    tilde : bool
        Average :math:`\tilde r` (default) or :math:`r` (whose mean is infinite for Poisson
        levels; use ``tilde=True`` there).
    bulk : float in (0, 1]
        Central fraction of levels kept (see :func:`spacing_ratios`).
    block : int
        Single spectrum only: the standard error is computed from means of consecutive
        blocks of ``block`` ratios.  Ignored for a batch.

    Returns
    -------
    Estimate
        ``value``, ``stderr`` and ``n`` (number of independent units: spectra of a batch,
        or blocks of one spectrum).

    Notes
    -----
    Batch: the value is the mean of the per-spectrum means and the standard error is
    ``std/sqrt(m)`` of these means, which are independent samples.

    One spectrum: neighbouring ratios share a spacing and are correlated (lag-1
    correlation about +0.24 for GOE), so ``std/sqrt(n)`` of single ratios underestimates the
    error (by ~14% for GOE).  Means of blocks of ``block`` consecutive ratios are nearly
    independent; the standard error is ``std/sqrt(k)`` of the ``k`` block means.  Long-range
    spectral correlations survive blocking weakly; prefer a batch of spectra where possible.

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.spectral import mean_spacing_ratio
    >>> rng = np.random.default_rng(0)
    >>> poisson = np.cumsum(rng.exponential(size=(200, 100)), axis=1)
    >>> est = mean_spacing_ratio(poisson)
    >>> bool(abs(est.value - (2 * np.log(2) - 1)) < 5 * est.stderr)
    True
    """
    block = check_int("block", block, minimum=1)
    r = spacing_ratios(eigenvalues, tilde=tilde, bulk=bulk)
    if r.ndim == 2:
        m = r.shape[0]
        if m < 2:
            raise ValueError("a batch needs at least 2 spectra for a standard error; pass a single "
                             "spectrum as a 1-D array to use blocking")
        means = r.mean(axis=1)
        return Estimate(float(means.mean()), float(means.std(ddof=1) / np.sqrt(m)), int(m))
    k = r.size // block
    if k < 2:
        raise ValueError(f"block={block} leaves {k} block(s) of ratios from {r.size} ratios; a standard "
                         f"error needs at least 2 blocks: use a smaller block or a longer spectrum")
    means = r[: k * block].reshape(k, block).mean(axis=1)
    return Estimate(float(r.mean()), float(means.std(ddof=1) / np.sqrt(k)), int(k))
