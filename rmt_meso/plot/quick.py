"""One-line figures from raw arrays or results, each returning ``(fig, ax)``.

The claim figures of :mod:`rmt_meso.plot` take pre-binned series built for ``rmt-meso
verify``; these take what a user has in hand (levels, spacings, a ``(size, n_energies)``
array of conductances, a list of :class:`~rmt_meso.compare.Estimate`) and draw it against
the exact laws of :mod:`rmt_meso.theory`:

* :func:`plot_spacings` -- spacing histogram vs the Gaudin–Mehta laws and Poisson;
* :func:`plot_ratios` -- folded spacing-ratio histogram vs the Atas et al. laws;
* :func:`plot_rigidity` -- number variance Σ²(L) and rigidity Δ₃(L) vs exact theory;
* :func:`plot_conductance_band` -- mean g(E) with sample-spread and standard-error bands;
* :func:`plot_estimates` -- a parameter scan of Estimates with error bars and theory.

Every function accepts ``ax=`` to draw into existing axes (then ``fig`` is ``ax.figure``).
Error bars are one standard error: from independent spectra (rows) when a batch is given,
else from Poisson counting statistics of the pooled histogram.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from .._validate import check_choice, check_int
from ._style import COLORS, new_figure, styled
from .ensembles import spectrum_histogram

__all__ = ["plot_spacings", "plot_ratios", "plot_rigidity", "plot_conductance_band", "plot_estimates"]

_NAMES = {0: "Poisson", 1: "GOE", 2: "GUE", 4: "GSE"}
_BETAS = (0, 1, 2, 4)


def _betas(beta) -> tuple[int, ...]:
    if beta is None:
        return _BETAS
    items = (beta,) if np.ndim(beta) == 0 else tuple(beta)
    out = []
    for b in items:
        if isinstance(b, bool) or not isinstance(b, (int, np.integer)) or int(b) not in _BETAS:
            raise ValueError(f"beta must be one of {_BETAS} (0 = Poisson) or a sequence of them; got {beta!r}")
        out.append(int(b))
    return tuple(out)


def _axes(ax, aspect=0.75):
    if ax is None:
        return new_figure("single", aspect=aspect)
    return ax.figure, ax


def _histogram(values, bins):
    """Centres, density and one-sigma errors: per-row spread for a batch, Poisson otherwise."""
    values = np.asarray(values, dtype=float)
    if values.ndim == 2 and values.shape[0] >= 2:
        return spectrum_histogram(values, bins)
    flat = values.ravel()
    counts, _ = np.histogram(flat, bins=bins)
    width = np.diff(bins)
    centres = 0.5 * (bins[1:] + bins[:-1])
    return centres, counts / (flat.size * width), np.sqrt(counts) / (flat.size * width)


def _is_levels(x: np.ndarray) -> bool:
    return x.shape[-1] >= 3 and bool(np.all(np.diff(x, axis=-1) >= 0))


def _as_2d_finite(name, x):
    x = np.asarray(x, dtype=float)
    if x.ndim not in (1, 2) or x.size == 0 or not np.all(np.isfinite(x)):
        raise ValueError(f"{name} must be a non-empty finite 1-D or 2-D array (spectra along the last "
                         f"axis); got shape {np.shape(x)}")
    return x


@styled
def plot_spacings(levels_or_spacings: ArrayLike, beta: int | Sequence[int] | None = None, *, kind: str = "auto",
                  unfold: str | None = "auto", bins: int | ArrayLike = 40, smax: float = 4.0,
                  ax: Any = None) -> tuple[Any, Any]:
    r"""Histogram of nearest-neighbour spacings against the exact spacing laws.

    Parameters
    ----------
    levels_or_spacings : array_like, shape (n,) or (m, n)
        Sorted levels (one spectrum or a batch, sample axis first) or spacings in units of
        the mean spacing.
    beta : int or sequence of int, optional
        Laws to draw: 0 (Poisson, :math:`e^{-s}`), 1, 2, 4 (exact Gaudin–Mehta laws,
        :func:`rmt_meso.theory.spacing_law`).  Default: all four.
    kind : {"auto", "levels", "spacings"}
        What the input holds; ``"auto"``: levels when every row is non-decreasing.
    unfold : str or None
        Unfolding method for levels (:func:`rmt_meso.spectral.unfold`); ``None`` when the
        levels are unfolded already.
    bins : int or array_like
        Number of bins on [0, smax] or bin edges.
    smax : float
        Upper end of the spacing axis (mean spacings).
    ax : matplotlib Axes, optional

    Returns
    -------
    fig, ax
        Points with one-sigma error bars (one ``errorbar`` container) and one line per law.

    References
    ----------
    M. L. Mehta, *Random Matrices*, 3rd ed. (Elsevier, 2004), ch. 6.

    Examples
    --------
    >>> import rmt_meso as rm
    >>> fig, ax = plot_spacings(rm.GOE(100).eigvals(size=20, rng=1), beta=1)
    >>> len(ax.lines) >= 1
    True
    """
    from ..spectral.spacings import spacings
    from ..theory.spacing import spacing_law
    check_choice("kind", kind, ("auto", "levels", "spacings"))
    x = _as_2d_finite("levels_or_spacings", levels_or_spacings)
    betas = _betas(beta)
    if kind == "levels" or (kind == "auto" and _is_levels(x)):
        s = spacings(x, method=unfold) if unfold is not None else spacings(x)
    else:
        s = x
        if np.any(s < 0):
            raise ValueError("spacings must be >= 0 (pass kind='levels' for levels)")
    edges = np.linspace(0.0, float(smax), check_int("bins", bins, minimum=2) + 1) if np.ndim(bins) == 0 \
        else np.asarray(bins, dtype=float)
    fig, ax = _axes(ax)
    centres, density, err = _histogram(s, edges)
    ax.errorbar(centres, density, yerr=err, fmt="o", ms=2.2, color="0.15", elinewidth=0.8, zorder=3,
                label=f"data ({s.size:,} spacings)")
    grid = np.linspace(0.0, edges[-1], 400)
    for k, b in enumerate(betas):
        ax.plot(grid, spacing_law(b).pdf(grid), color=COLORS[k % len(COLORS)], lw=1.0,
                ls="--" if b == 0 else "-", label=f"{_NAMES[b]} exact")
    ax.set_xlim(0.0, edges[-1])
    ax.set_ylim(0.0, None)
    ax.set_xlabel(r"spacing $s$ / mean spacing")
    ax.set_ylabel(r"$p(s)$")
    ax.legend(fontsize="xx-small", loc="upper right", frameon=True)
    return fig, ax


@styled
def plot_ratios(levels_or_ratios: ArrayLike, beta: int | Sequence[int] | None = None, *, kind: str = "auto",
                bulk: float = 1.0, bins: int | ArrayLike = 25, ax: Any = None) -> tuple[Any, Any]:
    r"""Histogram of the folded spacing ratio :math:`\tilde r = \min(r, 1/r)` against exact laws.

    Parameters
    ----------
    levels_or_ratios : array_like, shape (n,) or (m, n)
        Sorted levels (no unfolding needed) or folded ratios in [0, 1].
    beta : int or sequence of int, optional
        Laws to draw (0 = Poisson :math:`2/(1+\tilde r)^2`; 1, 2, 4 the Atas et al. surmise,
        :func:`rmt_meso.theory.ratio_law`).  Default: all four.
    kind : {"auto", "levels", "ratios"}
        ``"auto"``: levels when every row is non-decreasing.
    bulk : float in (0, 1]
        Central fraction of the levels kept (:func:`rmt_meso.spectral.spacing_ratios`).
    bins : int or array_like
        Number of bins on [0, 1] or bin edges.
    ax : matplotlib Axes, optional

    Returns
    -------
    fig, ax
        One ``errorbar`` container (data ± σ) and one line per law.

    References
    ----------
    Y. Y. Atas, E. Bogomolny, O. Giraud and G. Roux, Phys. Rev. Lett. 110, 084101 (2013).
    """
    from ..spectral.spacings import spacing_ratios
    from ..theory.ratio import ratio_law
    check_choice("kind", kind, ("auto", "levels", "ratios"))
    x = _as_2d_finite("levels_or_ratios", levels_or_ratios)
    betas = _betas(beta)
    if kind == "levels" or (kind == "auto" and _is_levels(x)):
        r = spacing_ratios(x, bulk=bulk)
    else:
        r = x
        if np.any((r < 0) | (r > 1)):
            raise ValueError("folded ratios must lie in [0, 1] (pass kind='levels' for levels)")
    edges = np.linspace(0.0, 1.0, check_int("bins", bins, minimum=2) + 1) if np.ndim(bins) == 0 \
        else np.asarray(bins, dtype=float)
    fig, ax = _axes(ax)
    centres, density, err = _histogram(r, edges)
    ax.errorbar(centres, density, yerr=err, fmt="o", ms=2.2, color="0.15", elinewidth=0.8, zorder=3,
                label=rf"data ({r.size:,} ratios, $\langle\tilde r\rangle$ = {r.mean():.4f})")
    grid = np.linspace(0.0, 1.0, 400)
    for k, b in enumerate(betas):
        ax.plot(grid, ratio_law(b).pdf(grid), color=COLORS[k % len(COLORS)], lw=1.0,
                ls="--" if b == 0 else "-", label=_NAMES[b])
    ax.set_xlim(0.0, 1.0)
    ax.set_ylim(0.0, None)
    ax.set_xlabel(r"spacing ratio $\tilde r$")
    ax.set_ylabel(r"$P(\tilde r)$")
    ax.legend(fontsize="xx-small", loc="upper left", frameon=True)
    return fig, ax


@styled
def plot_rigidity(unfolded: ArrayLike, L: ArrayLike | None = None, beta: int | Sequence[int] | None = None, *,
                  ax: Any = None) -> tuple[Any, Any]:
    r"""Number variance :math:`\Sigma^2(L)` and rigidity :math:`\Delta_3(L)` against theory.

    Parameters
    ----------
    unfolded : array_like, shape (k,) or (m, k)
        Unfolded levels (unit mean spacing, e.g. from :func:`rmt_meso.spectral.unfold`).
    L : array_like, optional
        Window lengths in mean spacings (default 12 values on [0.5, min(10, k/4)]).
    beta : int or sequence of int, optional
        Theory curves: 0 (Poisson: :math:`L`, :math:`L/15`), 1, 2, 4 (exact, from the
        two-level cluster function; :mod:`rmt_meso.theory.correlations`).  Default: all.
    ax : sequence of two matplotlib Axes, optional

    Returns
    -------
    fig, axes
        ``axes[0]``: Σ²; ``axes[1]``: Δ₃; each one ``errorbar`` container and one line per law.

    References
    ----------
    F. J. Dyson and M. L. Mehta, J. Math. Phys. 4, 701 (1963); Mehta, *Random Matrices*,
    ch. 16.
    """
    from ..spectral.correlations import number_variance, rigidity
    from ..theory import correlations as thc
    x = _as_2d_finite("unfolded", unfolded)
    betas = _betas(beta)
    if L is None:
        top = min(10.0, (x.shape[-1] - 1) / 4.0)
        L = np.linspace(0.5, max(top, 0.6), 12)
    L = np.asarray(L, dtype=float)
    if ax is None:
        fig, axes = new_figure("double", aspect=0.36, nrows=1, ncols=2)
    else:
        axes = list(ax)
        if len(axes) != 2:
            raise ValueError(f"ax must be a pair of Axes; got {len(axes)}")
        fig = axes[0].figure
    grid = np.linspace(0.02, 1.05 * float(L.max()), 200)
    for a, stat, law, poisson, name in ((axes[0], number_variance, thc.number_variance, grid,
                                         r"number variance $\Sigma^2(L)$"),
                                        (axes[1], rigidity, thc.rigidity, grid / 15,
                                         r"rigidity $\Delta_3(L)$")):
        est = stat(x, L)
        a.errorbar(L, est.value, yerr=est.stderr, fmt="o", ms=2.5, color="0.15", zorder=3, label="data")
        for k, b in enumerate(betas):
            y = poisson if b == 0 else law(grid, b)
            a.plot(grid, y, color=COLORS[k % len(COLORS)], lw=1.0, ls="--" if b == 0 else "-",
                   label=_NAMES[b])
        a.set_xlabel(r"$L$ (mean level spacings)")
        a.set_ylabel(name)
        a.set_xlim(0.0, grid[-1])
        a.set_ylim(0.0, 1.5 * float(np.max(est.value + est.stderr)))
        a.legend(fontsize="xx-small", loc="upper left", frameon=True)
    return fig, axes


@styled
def plot_conductance_band(energies: ArrayLike, g: ArrayLike, *, label: str = "g", ax: Any = None,
                          color: Any = None) -> tuple[Any, Any]:
    r"""Mean conductance :math:`\langle g\rangle(E)` with two bands from a sample of realisations.

    Parameters
    ----------
    energies : array_like, shape (K,)
    g : array_like, shape (size, K)
        Conductances of ``size >= 2`` realisations (rows) at each energy, e.g.
        ``Wire.sample_conductance(energies, size)``.
    label : str
        Legend label of the mean.
    ax : matplotlib Axes, optional
    color : matplotlib colour, optional

    Returns
    -------
    fig, ax
        One line (the mean), a light band ± one sample standard deviation (the
        sample-to-sample fluctuations, UCF) and a dark band ± one standard error of the mean.
    """
    e = np.asarray(energies, dtype=float)
    g = np.asarray(g, dtype=float)
    if e.ndim != 1 or g.ndim != 2 or g.shape[1] != e.size or g.shape[0] < 2:
        raise ValueError(f"g must have shape (size >= 2, len(energies) = {e.size}); got {g.shape}")
    order = np.argsort(e)
    e, g = e[order], g[:, order]
    mean, std = g.mean(axis=0), g.std(axis=0, ddof=1)
    err = std / np.sqrt(g.shape[0])
    fig, ax = _axes(ax)
    color = COLORS[0] if color is None else color
    ax.fill_between(e, mean - std, mean + std, color=color, alpha=0.2, lw=0,
                    label=r"$\pm$ std (sample spread)")
    ax.fill_between(e, mean - err, mean + err, color=color, alpha=0.5, lw=0,
                    label=rf"$\pm$ standard error ({g.shape[0]} samples)")
    ax.plot(e, mean, color=color, lw=1.0, label=rf"$\langle {label}\rangle$")
    ax.set_xlabel(r"energy $E$ ($t$)")
    ax.set_ylabel(rf"${label}$ ($e^2/h$)")
    ax.legend(fontsize="xx-small", loc="best", frameon=True)
    return fig, ax


@styled
def plot_estimates(x: ArrayLike, estimates: Sequence, *,
                   theory: float | Callable[[float], float] | tuple[ArrayLike, ArrayLike] | None = None,
                   xlabel: str = "parameter", ylabel: str = "estimate", label: str = "numerics",
                   theory_label: str = "theory", ax: Any = None) -> tuple[Any, Any]:
    """A parameter scan of :class:`~rmt_meso.compare.Estimate` values with error bars and theory.

    Parameters
    ----------
    x : array_like, shape (n,)
        Parameter values.
    estimates : sequence of Estimate (or of (value, stderr) pairs)
    theory : float, callable, (x, y) pair, optional
        A constant (horizontal line), ``f(x)`` evaluated on a fine grid, or a curve.
    xlabel, ylabel, label, theory_label : str
    ax : matplotlib Axes, optional

    Returns
    -------
    fig, ax
        One ``errorbar`` container (value ± standard error) and, with ``theory``, one line.
    """
    x = np.asarray(x, dtype=float)
    values, errors = [], []
    for i, est in enumerate(estimates):
        if hasattr(est, "value") and hasattr(est, "stderr"):
            values.append(float(est.value))
            errors.append(float(est.stderr))
        elif np.ndim(est) == 1 and len(est) == 2:
            values.append(float(est[0]))
            errors.append(float(est[1]))
        else:
            raise TypeError(f"estimates[{i}] must be an Estimate or a (value, stderr) pair; got {est!r}")
    if x.ndim != 1 or x.size != len(values):
        raise ValueError(f"x must be 1-D with one value per estimate ({len(values)}); got shape {x.shape}")
    fig, ax = _axes(ax)
    ax.errorbar(x, values, yerr=errors, fmt="o", ms=3, color=COLORS[0], elinewidth=0.8, zorder=3,
                label=label)
    if theory is not None:
        if callable(theory):
            grid = np.linspace(x.min(), x.max(), 300)
            ax.plot(grid, [theory(v) for v in grid], color="0.15", lw=1.0, label=theory_label)
        elif isinstance(theory, (int, float, np.number)):
            ax.axhline(float(theory), color="0.15", lw=1.0, ls="--", label=theory_label)
        else:
            tx, ty = theory
            ax.plot(np.asarray(tx, float), np.asarray(ty, float), color="0.15", lw=1.0, label=theory_label)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.margins(x=0.05, y=0.1)
    ax.legend(fontsize="xx-small", loc="best", frameon=True)
    return fig, ax
