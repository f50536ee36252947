"""Figures for the exact spectral laws: bulk spacings (Gaudin–Mehta) and edge (Tracy–Widom).

Each function overlays histograms with one-sigma error bars (errors from independent
spectra) on the exact Fredholm-determinant curves of :mod:`rmt_meso.theory` and returns
``(fig, axes)``.
"""

from __future__ import annotations

import numpy as np

from ..theory.spacing import WignerSurmise, spacing_law
from ..theory.tracy_widom import tracy_widom_law
from ._style import COLORS, new_figure, styled

__all__ = ["plot_spacing_laws", "plot_tracy_widom"]

_NAMES = {1: "GOE", 2: "GUE", 4: "GSE"}


@styled
def plot_spacing_laws(series):
    r"""Bulk spacing histograms against the exact Gaudin–Mehta law and the Wigner surmise.

    Parameters
    ----------
    series : list of dict
        One dict per symmetry class with keys ``beta`` (1, 2, 4), ``centers``,
        ``density``, ``stderr`` (histogram of unfolded spacings, unit mean spacing, errors
        from independent spectra) and ``n_spacings`` (for the legend).

    Returns
    -------
    fig, axes
        ``axes[0, k]``: histogram (points ± σ), exact law (solid), surmise (dashed).
        ``axes[1, k]``: residuals ``p_data − p_exact`` (points ± σ) and
        ``p_surmise − p_exact`` (dashed), the scale on which the surmise's error shows.
    """
    fig, axes = new_figure("double", aspect=0.52, nrows=2, ncols=len(series), sharex=True,
                           squeeze=False, gridspec_kw={"height_ratios": [2.2, 1.0]})
    s = np.linspace(0.0, 4.0, 401)
    for k, d in enumerate(series):
        beta = int(d["beta"])
        color = COLORS[k % len(COLORS)]
        exact_law, surmise = spacing_law(beta), WignerSurmise(beta)
        p_exact, p_surmise = exact_law.pdf(s), surmise.pdf(s)
        centers = np.asarray(d["centers"])
        top, bottom = axes[0, k], axes[1, k]
        top.errorbar(centers, d["density"], yerr=d["stderr"], fmt="o", ms=2.0, color=color,
                     elinewidth=0.8, zorder=3, label=f"{_NAMES[beta]}, {d['n_spacings']:,} spacings")
        top.plot(s, p_exact, color="0.1", lw=1.0, zorder=2, label="exact (Gaudin–Mehta)")
        top.plot(s, p_surmise, color=COLORS[1] if k != 1 else COLORS[4], lw=1.0, ls="--", zorder=2,
                 label="Wigner surmise")
        top.set_xlim(0.0, 3.5 if beta == 1 else 3.0)
        top.set_ylim(0.0, 1.35 * float(np.max(p_exact)))
        top.legend(fontsize="xx-small", loc="upper right", frameon=False)
        if k == 0:
            top.set_ylabel(r"$p_\beta(s)$")
        resid = np.asarray(d["density"]) - exact_law.pdf(centers)
        bottom.axhline(0.0, color="0.1", lw=0.8)
        bottom.errorbar(centers, resid, yerr=d["stderr"], fmt="o", ms=2.0, color=color,
                        elinewidth=0.8, zorder=3)
        bottom.plot(s, p_surmise - p_exact, color=COLORS[1] if k != 1 else COLORS[4], lw=1.0,
                    ls="--", zorder=2)
        lim = max(0.02, 1.3 * float(np.max(np.abs(p_surmise - p_exact))),
                  1.3 * float(np.percentile(np.abs(resid) + np.asarray(d["stderr"]), 90)))
        bottom.set_ylim(-lim, lim)
        bottom.set_xlabel(r"spacing $s$ / mean spacing")
        if k == 0:
            bottom.set_ylabel(r"$p - p_{\rm exact}$")
    return fig, axes


@styled
def plot_tracy_widom(series):
    r"""Histograms of the scaled largest eigenvalue against the Tracy–Widom densities.

    Parameters
    ----------
    series : list of dict
        One dict per class with keys ``beta``, ``n`` (matrix size), ``centers``,
        ``density``, ``stderr`` (histogram of the centred and scaled largest eigenvalue
        ``χ``), ``mean`` and ``mean_err``.

    Returns
    -------
    fig, ax
        Points ± σ; solid lines: ``TracyWidom(beta, convention="beta-ensemble")``
        densities (the limit law of rmt_meso's Gaussian ensembles).
    """
    fig, ax = new_figure("single", aspect=0.8)
    x = np.linspace(-6.0, 3.5, 500)
    top = 0.0
    for k, d in enumerate(series):
        beta = int(d["beta"])
        color = COLORS[k % len(COLORS)]
        law = tracy_widom_law(beta, "beta-ensemble")
        label = (rf"{_NAMES[beta]} $n={d['n']}$: $\langle\chi\rangle = {d['mean']:.3f}\pm{d['mean_err']:.3f}$"
                 rf" vs ${law.mean():.3f}$")
        ax.errorbar(d["centers"], d["density"], yerr=d["stderr"], fmt="o", ms=2.0, color=color,
                    elinewidth=0.8, zorder=3, label=label)
        pdf = law.pdf(x)
        ax.plot(x, pdf, color=color, lw=1.0, zorder=2)
        top = max(top, float(np.max(pdf)))
    ax.plot([], [], color="0.3", lw=1.0, label=r"Tracy–Widom $F_\beta'$ (Fredholm)")
    ax.set_xlim(x[0], x[-1])
    ax.set_ylim(0.0, 1.45 * top)
    ax.set_xlabel(r"$\chi = \sqrt{2/\beta}\,n^{1/6}(\lambda_{\max} - \mu_n)$")
    ax.set_ylabel("probability density")
    ax.legend(fontsize="xx-small", loc="upper left", frameon=False)
    return fig, ax
