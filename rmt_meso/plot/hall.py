"""Quantum Hall figures: Hall and longitudinal resistances vs energy, and the edge-state current."""

from __future__ import annotations

import numpy as np

from ._style import COLORS, new_figure, styled
from .device import plot_current

__all__ = ["plot_hall_plateaus"]


@styled
def plot_hall_plateaus(energies, rxy, rxx, nu, system, psi, *, energy=None):
    """R_xy and R_xx (h/e²) vs Fermi energy with 1/ν (left); current map of one state (right)."""
    fig, (a1, a2) = new_figure(width="double", aspect=0.36, ncols=2)
    e = np.asarray(energies, float)
    a1.step(e, 1.0 / np.asarray(nu, float), where="mid", color="0.6", lw=0.8, label=r"$1/\nu$ (edge channels)")
    a1.plot(e, rxy, "o-", ms=2.5, lw=0.8, color=COLORS[0], label=r"$R_{xy}$")
    a1.plot(e, rxx, "s-", ms=2.0, lw=0.8, color=COLORS[1], label=r"$R_{xx}$")
    if energy is not None:
        a1.axvline(energy, color=COLORS[2], lw=0.6, ls=":")
    a1.set_xlabel(r"Fermi energy $E$ ($t$)")
    a1.set_ylabel(r"resistance ($h/e^2$)")
    a1.legend(fontsize="x-small", loc="upper right")
    plot_current(system, psi, ax=a2, arrows=True)
    a2.set_title(rf"edge-state current, $E={energy:.2f}t$" if energy is not None else "current",
                 fontsize="small")
    return fig, (a1, a2)
