"""Level density (histogram) of one spectrum or a batch, with standard errors."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._typing import ArrayLike
from .._validate import check_array, check_choice, check_int, check_real

__all__ = ["DensityEstimate", "level_density"]


@dataclass(frozen=True)
class DensityEstimate:
    """A histogram density with standard errors.

    Attributes
    ----------
    edges : ndarray, shape (bins + 1,)
        Bin edges.
    centers : ndarray, shape (bins,)
        Bin centres.
    density, stderr : ndarray, shape (bins,)
        Density in each bin and its standard error.
    n : int
        Independent units behind the errors (spectra of a batch; 1 for one spectrum,
        whose errors are Poisson counting errors).
    """

    edges: np.ndarray
    centers: np.ndarray
    density: np.ndarray
    stderr: np.ndarray
    n: int


def level_density(eigenvalues: ArrayLike, bins: int = 50, range: tuple[float, float] | None = None, *, normalize: str = "level") -> DensityEstimate:
    r"""Histogram estimate of the level density with error bars.

    Parameters
    ----------
    eigenvalues : array_like, shape (n,) or (m, n)
        Levels (need not be sorted): one spectrum or a batch (sample axis first).
    bins : int
        Number of equal-width bins (>= 1).
    range : (float, float), optional
        Histogram range; default the minimum and maximum of all levels.
    normalize : {"level", "count"}
        ``"level"``: density per level, :math:`\rho(E) = \langle\#\{E_i \in \mathrm{bin}\}\rangle
        / (n\,\Delta E)`, which integrates to 1 over the full spectrum (the probability
        density of a randomly chosen level, e.g. the semicircle
        :math:`(2/\pi R^2)\sqrt{R^2 - E^2}`); ``"count"``: levels per unit energy,
        integrating to n.

    Returns
    -------
    DensityEstimate

    Raises
    ------
    ValueError
        Empty or non-finite input, bins < 1, an empty or reversed range.

    Notes
    -----
    Batch: each spectrum gives one histogram; the density is their mean and the error
    ``std/sqrt(m)``.  One spectrum: Poisson errors ``sqrt(count)`` (levels repel, so
    these overestimate the true scatter of a random-matrix spectrum).

    Examples
    --------
    >>> import numpy as np
    >>> from rmt_meso.spectral import level_density
    >>> d = level_density(np.linspace(0, 1, 1001)[:-1], bins=4, range=(0, 1))
    >>> bool(np.allclose(d.density, 1.0))
    True
    """
    e = check_array("eigenvalues", eigenvalues, ndim=(1, 2), min_size=1)
    if e.shape[-1] == 0:
        raise ValueError("eigenvalues must contain at least one level per spectrum; got an empty spectrum")
    bins = check_int("bins", bins, minimum=1)
    normalize = check_choice("normalize", normalize, ("level", "count"))
    if range is None:
        lo, hi = float(e.min()), float(e.max())
        if lo == hi:
            raise ValueError("all levels are equal; give an explicit range")
    else:
        try:
            lo, hi = range
        except (TypeError, ValueError) as exc:
            raise TypeError(f"range must be a pair (lo, hi); got {range!r}") from exc
        lo, hi = check_real("range[0]", lo), check_real("range[1]", hi)
        if not lo < hi:
            raise ValueError(f"range must satisfy lo < hi; got {range!r}")
    edges = np.linspace(lo, hi, bins + 1)
    width = np.diff(edges)
    n = e.shape[-1]
    norm = width * (n if normalize == "level" else 1.0)
    if e.ndim == 2:
        m = e.shape[0]
        if m < 2:
            raise ValueError("a batch needs at least 2 spectra for error bars; pass one spectrum as 1-D")
        idx = np.clip(np.searchsorted(edges, e, side="right") - 1, 0, bins - 1)
        inside = (e >= lo) & (e <= hi)
        rows = np.broadcast_to(np.arange(m)[:, None], e.shape)
        counts = np.zeros((m, bins))
        np.add.at(counts, (rows[inside], idx[inside]), 1.0)
        dens = counts / norm
        return DensityEstimate(edges, 0.5 * (edges[1:] + edges[:-1]), dens.mean(axis=0),
                               dens.std(axis=0, ddof=1) / np.sqrt(m), int(m))
    counts, _ = np.histogram(e, bins=edges)
    return DensityEstimate(edges, 0.5 * (edges[1:] + edges[:-1]), counts / norm,
                           np.sqrt(counts) / norm, 1)
