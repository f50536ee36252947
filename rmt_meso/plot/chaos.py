"""Figures for quantum chaos: level statistics of billiards against the random-matrix classes."""

from __future__ import annotations

import numpy as np

from .._typing import ArrayLike
from ._style import COLORS, new_figure, styled

__all__ = ["plot_billiard_ratios", "plot_poisson_kernel_conductance"]

_NAMES = {0: "Poisson", 1: "GOE", 2: "GUE"}


@styled
def plot_billiard_ratios(estimates, labels, theory):
    """Mean spacing ratio ⟨r̃⟩ of billiard ensembles (points, 1σ) against Poisson/GOE/GUE (lines).

    Parameters
    ----------
    estimates : sequence of Estimate
    labels : sequence of str
    theory : dict {beta: <r~>}
    """
    fig, ax = new_figure()
    x = np.arange(len(estimates))
    for k, (beta, value) in enumerate(sorted(theory.items())):
        ax.axhline(value, color=COLORS[1 + k], lw=0.9, ls="--", label=f"{_NAMES.get(beta, beta)} {value:.4f}")
    ax.errorbar(x, [e.value for e in estimates], yerr=[e.stderr for e in estimates], fmt="o", ms=4,
                color=COLORS[0], capsize=3, label="lattice billiards")
    ax.set_xticks(x)
    ax.set_xticklabels(labels, fontsize="small")
    ax.set_xlim(-0.5, len(estimates) - 0.5)
    ax.set_ylabel(r"$\langle \tilde r \rangle$")
    ax.legend(fontsize="x-small", loc="center left")
    return fig, ax


@styled
def plot_poisson_kernel_conductance(g_billiard: ArrayLike, g_kernel: ArrayLike, g_ideal: ArrayLike, *,
                                    bins: int = 20):
    """Distribution of the conductance of an open billiard (histogram, Poisson errors) against the
    Poisson-kernel cavity with the billiard's own ⟨S⟩ (line) and the ideal-lead cavity (dashed).

    Parameters
    ----------
    g_billiard, g_kernel, g_ideal : array_like
        Samples of g = Σ T_n (units of e²/h per spin) from the billiard, the Poisson kernel and
        the circular ensemble.
    bins : int
        Number of equal bins on [0, max g].
    """
    gb, gk, gi = (np.ravel(np.asarray(v, float)) for v in (g_billiard, g_kernel, g_ideal))
    top = max(1.0, float(np.ceil(max(gb.max(), gk.max(), gi.max()))))
    edges = np.linspace(0.0, top, int(bins) + 1)
    centres, width = 0.5 * (edges[1:] + edges[:-1]), edges[1] - edges[0]
    fig, ax = new_figure()
    counts, _ = np.histogram(gb, edges)
    ax.errorbar(centres, counts / (gb.size * width), yerr=np.sqrt(counts) / (gb.size * width), fmt="o",
                ms=3, color=COLORS[0], capsize=2, label=f"billiard ({gb.size} samples)")
    for data, color, ls, label in ((gk, COLORS[1], "-", "Poisson kernel, billiard's ⟨S⟩"),
                                   (gi, COLORS[2], "--", "ideal leads (⟨S⟩ = 0)")):
        dens, _ = np.histogram(data, edges, density=True)
        ax.step(centres, dens, where="mid", color=color, ls=ls, lw=1.0, label=label)
    ax.set_xlabel("$g$")
    ax.set_ylabel("$P(g)$")
    ax.set_xlim(0.0, top)
    ax.legend(fontsize="x-small")
    return fig, ax
