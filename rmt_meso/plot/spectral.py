"""Figures for spectral statistics: spacing ratios and two-point rigidity against exact theory.

Every function overlays numerics (histograms or points with one-sigma error bars computed
from independent spectra) on the exact curves of :mod:`rmt_meso.theory` and returns
``(fig, axes)``.
"""

from __future__ import annotations

import numpy as np

from ..theory import correlations as thc
from ..theory.ratio import ratio_law
from ._style import COLORS, new_figure, styled

__all__ = ["plot_ratio_distributions", "plot_two_point", "plot_form_factor"]

_NAMES = {0: "Poisson", 1: "GOE", 2: "GUE", 4: "GSE"}


@styled
def plot_ratio_distributions(series):
    r"""Histograms of the folded spacing ratio :math:`\tilde r` against the exact laws.

    Parameters
    ----------
    series : list of dict
        One dict per class with keys ``beta`` (0 = Poisson, 1, 2, 4), ``centers``,
        ``density``, ``stderr`` (histogram on [0, 1] with errors from independent spectra,
        e.g. :func:`rmt_meso.spectral.level_density` of the ratios), ``mean``,
        ``mean_err`` (measured :math:`\langle\tilde r\rangle`) and ``mean_theory``
        (large-n value).

    Returns
    -------
    fig, ax
        Points with error bars; solid lines: Atas surmise (Poisson: exact
        :math:`2/(1+\tilde r)^2`).
    """
    fig, ax = new_figure("single", aspect=0.8)
    grid = np.linspace(0.0, 1.0, 400)
    for i, d in enumerate(series):
        color = COLORS[i % len(COLORS)]
        beta = int(d["beta"])
        label = (rf"{_NAMES[beta]}: $\langle\tilde r\rangle = {d['mean']:.4f}({1e4 * d['mean_err']:.0f})$"
                 rf" vs ${d['mean_theory']:.4f}$")
        ax.errorbar(d["centers"], d["density"], yerr=d["stderr"], fmt="o", ms=2.2, color=color,
                    elinewidth=0.8, label=label, zorder=3)
        ax.plot(grid, ratio_law(beta).pdf(grid), color=color, lw=1.0, zorder=2)
    ax.plot([], [], color="0.3", lw=1.0, label="surmise (Atas 2013) / Poisson exact")
    ax.set_xlabel(r"spacing ratio $\tilde r = \min(r, 1/r)$")
    ax.set_ylabel(r"$P(\tilde r)$")
    ax.set_xlim(0, 1)
    top = max(float(np.max(np.asarray(d["density"]) + np.asarray(d["stderr"]))) for d in series)
    ax.set_ylim(0, 1.4 * top)          # head room for the legend above the data
    ax.legend(fontsize="xx-small", loc="upper right", frameon=False)
    return fig, ax


@styled
def plot_two_point(series, *, poisson: bool = True):
    r"""Number variance :math:`\Sigma^2(L)` and rigidity :math:`\Delta_3(L)` against exact theory.

    Parameters
    ----------
    series : list of dict
        One dict per class with keys ``beta`` (1, 2, 4), ``L``, ``sigma2``, ``sigma2_err``,
        ``delta3``, ``delta3_err`` (arrays over L) and optionally ``label``.
    poisson : bool
        Also draw the Poisson lines :math:`\Sigma^2 = L`, :math:`\Delta_3 = L/15`.

    Returns
    -------
    fig, axes
        Two panels; points with error bars are numerics, lines the exact Y2-based curves.
    """
    fig, axes = new_figure("double", aspect=0.36, nrows=1, ncols=2)
    Lmax = max(float(np.max(d["L"])) for d in series)
    grid = np.linspace(0.02, Lmax * 1.05, 200)
    for i, d in enumerate(series):
        color = COLORS[i % len(COLORS)]
        beta = int(d["beta"])
        label = d.get("label", _NAMES[beta])
        axes[0].errorbar(d["L"], d["sigma2"], yerr=d["sigma2_err"], fmt="o", ms=3, color=color,
                         label=f"{label} numerics", zorder=3)
        axes[0].plot(grid, thc.number_variance(grid, beta), color=color, lw=1.0,
                     label=f"{_NAMES[beta]} exact")
        axes[1].errorbar(d["L"], d["delta3"], yerr=d["delta3_err"], fmt="o", ms=3, color=color,
                         label=f"{label} numerics", zorder=3)
        axes[1].plot(grid, thc.rigidity(grid, beta), color=color, lw=1.0, label=f"{_NAMES[beta]} exact")
    if poisson:
        axes[0].plot(grid, grid, color="0.5", ls="--", lw=0.9, label=r"Poisson $L$")
        axes[1].plot(grid, grid / 15, color="0.5", ls="--", lw=0.9, label=r"Poisson $L/15$")
    axes[0].set_ylim(0, 1.6 * max(float(np.max(d["sigma2"])) for d in series))
    axes[1].set_ylim(0, 1.6 * max(float(np.max(d["delta3"])) for d in series))
    axes[0].set_ylabel(r"number variance $\Sigma^2(L)$")
    axes[1].set_ylabel(r"rigidity $\Delta_3(L)$")
    for ax in axes:
        ax.set_xlabel(r"$L$ (mean level spacings)")
        ax.set_xlim(0, Lmax * 1.05)
        ax.legend(fontsize="xx-small", loc="upper left", frameon=False)
    return fig, axes


@styled
def plot_form_factor(series):
    r"""Connected spectral form factor :math:`K(\tau)` against the exact closed forms.

    Parameters
    ----------
    series : list of dict
        One dict per class with keys ``beta`` (0, 1, 2, 4), ``tau``, ``K``, ``K_err``
        (bin-averaged numerics and errors) and optionally ``label``.

    Returns
    -------
    fig, ax
        Points with error bars (numerics, averaged over tau bins), lines the exact K of
        :func:`rmt_meso.theory.form_factor`.
    """
    fig, ax = new_figure("single", aspect=0.8)
    tmax = max(float(np.max(d["tau"])) for d in series) * 1.05
    grid = np.linspace(0.0, tmax, 600)
    for i, d in enumerate(series):
        color = COLORS[i % len(COLORS)]
        beta = int(d["beta"])
        ax.errorbar(d["tau"], d["K"], yerr=d["K_err"], fmt="o", ms=2.5, color=color,
                    label=d.get("label", f"{_NAMES[beta]} numerics"), zorder=3)
        with np.errstate(divide="ignore"):
            ax.plot(grid, thc.form_factor(grid, beta), color=color, lw=1.0, label=f"{_NAMES[beta]} exact")
    ax.axhline(1.0, color="0.5", ls="--", lw=0.9, label="Poisson")
    ax.set_xlabel(r"$\tau$ (Heisenberg times)")
    ax.set_ylabel(r"connected form factor $K(\tau)$")
    ax.set_xlim(0, tmax)
    ax.set_ylim(0, 1.45)
    ax.legend(fontsize="xx-small", loc="upper left", frameon=False, ncol=2)
    return fig, ax
