"""Figures for the random-matrix ensembles: eigenvalue densities against their limit laws.

Every function overlays the numerics (histograms with one-sigma error bars computed from
independent spectra) on the exact curve of :mod:`rmt_meso.theory.density` and returns
``(fig, axes)``.
"""

from __future__ import annotations

import numpy as np

from .._typing import ArrayLike
from ..theory.density import semicircle
from ._style import COLORS, new_figure, styled

__all__ = ["spectrum_histogram", "plot_semicircle", "plot_trace_powers"]


def spectrum_histogram(x: ArrayLike, bins: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Density histogram of pooled spectra with standard errors from independent spectra.

    Parameters
    ----------
    x : array_like, shape (n_spectra, n)
        One spectrum per row (rows are independent; levels within a row are not).
    bins : array_like
        Bin edges.

    Returns
    -------
    centres, density, stderr : ndarray
        The density is normalised over all levels (also those outside the bins); the error
        is the standard error of the per-spectrum densities.
    """
    x = np.asarray(x, dtype=float)
    bins = np.asarray(bins, dtype=float)
    width = np.diff(bins)
    per = np.array([np.histogram(row, bins=bins)[0] for row in x]) / (x.shape[1] * width)
    mean = per.mean(axis=0)
    err = per.std(axis=0, ddof=1) / np.sqrt(per.shape[0]) if per.shape[0] > 1 else np.zeros_like(mean)
    return 0.5 * (bins[1:] + bins[:-1]), mean, err


@styled
def plot_semicircle(series, *, bins=40):
    """Histograms of eigenvalues scaled by the semicircle radius against (2/π)√(1 − x²).

    Parameters
    ----------
    series : list of dict
        One dict per ensemble with keys ``x`` (array (n_spectra, n) of λ/R with
        R = √(2βn)), ``label`` and optionally ``pvalue`` (KS p-value shown in the legend).
    bins : int
        Number of bins on [−1.1, 1.1].

    Returns
    -------
    fig, axes
    """
    k = len(series)
    ncols = 2 if k > 1 else 1
    nrows = int(np.ceil(k / ncols))
    fig, axes = new_figure("double" if k > 1 else "single", aspect=0.32 * nrows if k > 1 else 0.75,
                           nrows=nrows, ncols=ncols, sharex=True, sharey=True, squeeze=False)
    edges = np.linspace(-1.1, 1.1, bins + 1)
    grid = np.linspace(-1.0, 1.0, 400)
    for i, d in enumerate(series):
        ax = axes.flat[i]
        c, y, e = spectrum_histogram(d["x"], edges)
        n_spec, n = np.shape(d["x"])
        label = f"{d['label']} ($n={n}$, {n_spec} spectra)"
        ax.errorbar(c, y, yerr=e, fmt="o", ms=2.5, color=COLORS[i % len(COLORS)], label=label,
                    zorder=3)
        ax.plot(grid, semicircle.pdf(grid), color="k", lw=1,
                label=r"$\frac{2}{\pi}\sqrt{1-x^2}$" if i == 0 else None)
        if "pvalue" in d:
            ax.text(0.03, 0.93, f"KS $p={d['pvalue']:.2g}$", transform=ax.transAxes,
                    fontsize="x-small", va="top")
        ax.set_ylim(0, 0.95)
        ax.legend(fontsize="x-small", loc="upper right")
    for ax in axes.flat[k:]:
        ax.set_visible(False)
    for ax in axes[-1, :]:
        ax.set_xlabel(r"$x=\lambda/\sqrt{2\beta n}$")
    for ax in axes[:, 0]:
        ax.set_ylabel(r"density $\rho(x)$")
    return fig, axes


@styled
def plot_trace_powers(k, mean, stderr, labels, n):
    """E|tr U^k|² against the CUE result min(k, n).

    Parameters
    ----------
    k : array_like
        Powers.
    mean, stderr : array_like, shape (n_series, len(k))
        Measured averages and their standard errors.
    labels : list of str
        One per series.
    n : int
        Matrix size.

    Returns
    -------
    fig, ax
    """
    fig, ax = new_figure()
    k = np.asarray(k)
    kk = np.linspace(0, k.max() + 0.5, 400)
    ax.plot(kk, np.minimum(kk, n), color="k", lw=1, label=r"$\min(k, n)$")
    offsets = np.linspace(-0.12, 0.12, len(labels))
    for i, label in enumerate(labels):
        ax.errorbar(k + offsets[i], mean[i], yerr=stderr[i], fmt="o" if i == 0 else "s", ms=3,
                    color=COLORS[i], label=label, zorder=3)
    ax.set_xlabel(r"power $k$")
    ax.set_ylabel(r"$\langle|\mathrm{tr}\,U^k|^2\rangle$")
    ax.set_xlim(0, k.max() + 0.5)
    ax.set_ylim(0, n * 1.35)
    from matplotlib.ticker import MaxNLocator
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(fontsize="x-small", loc="lower right", title=f"CUE, $n={n}$", title_fontsize="x-small")
    return fig, ax
