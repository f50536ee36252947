"""Figures for graphene devices: ribbon conductance staircases and the armchair metallicity rule."""

from __future__ import annotations

import numpy as np

from ._style import COLORS, new_figure, styled

__all__ = ["plot_ribbon_conductance"]


@styled
def plot_ribbon_conductance(energies, g_zigzag, modes, n_lines, g_armchair):
    """Zigzag ribbon g(E) over its mode count (left); armchair g(E→0) vs N (right).

    Parameters
    ----------
    energies, g_zigzag, modes : array_like
        Energies (t), computed transmission and number of lead modes of the zigzag ribbon.
    n_lines, g_armchair : array_like
        Dimer lines N and g at E ≈ 0 of armchair ribbons.
    """
    fig, (a1, a2) = new_figure(width="double", aspect=0.36, ncols=2)
    a1.step(energies, modes, where="mid", color=COLORS[1], lw=1.0, label="lead modes")
    a1.plot(energies[::2], np.asarray(g_zigzag)[::2], "o", ms=2.2, color=COLORS[0], label="$g$ (RGF)")
    a1.set_yticks([0, 1, 3, 5, 7])
    a1.set_xlabel(r"$E$ ($t$)")
    a1.set_ylabel(r"$g$ ($e^2/h$ per spin)")
    a1.set_title("zigzag ribbon", fontsize="small")
    a1.legend(fontsize="x-small", loc="upper left")
    n_lines = np.asarray(n_lines)
    metallic = n_lines % 3 == 2
    a2.bar(n_lines, metallic.astype(float), width=0.7, color=COLORS[5], alpha=0.5, label="$N = 3p+2$")
    a2.plot(n_lines, g_armchair, "o", ms=3, color=COLORS[0], label=r"$g(E=0.02t)$")
    a2.set_xlabel("dimer lines $N$")
    a2.set_ylabel(r"$g$ ($e^2/h$ per spin)")
    a2.set_title("armchair ribbons", fontsize="small")
    a2.legend(fontsize="x-small", loc="center right")
    return fig, (a1, a2)
