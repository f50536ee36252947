"""Figures for quantum chaos: level statistics of billiards against the random-matrix classes."""

from __future__ import annotations

import numpy as np

from ._style import COLORS, new_figure, styled

__all__ = ["plot_billiard_ratios"]

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
