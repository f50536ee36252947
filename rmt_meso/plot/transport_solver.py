"""Figures for the transport solver: the conductance staircase and transmission spectra.

Both functions overlay the numerical result (points) on the exact reference (lines) and
return ``(fig, ax)``.  Conductances are dimensionless, :math:`g = \\sum_n T_n`
(multiply by :math:`G_0 = 2e^2/h` for a spin-degenerate wire).
"""

from __future__ import annotations

import numpy as np

from ._style import COLORS, new_figure, styled

__all__ = ["plot_conductance_staircase", "plot_transmission_spectrum"]


@styled
def plot_conductance_staircase(energies, g, n_open, *, width=None, extra=None):
    """Clean-wire conductance g(E) (points) over the number of open channels (steps).

    Parameters
    ----------
    energies : array_like
        Fermi energies (units of t).
    g : array_like
        Computed conductance :math:`\\sum T_n`.
    n_open : array_like of int
        Number of transverse modes with :math:`|E - \\varepsilon_k| < 2t` (exact count).
    width : int, optional
        Strip width, for the legend.
    extra : tuple (energies, g, label), optional
        A second computed curve (e.g. the same strip in a magnetic field), drawn as points.
    """
    fig, ax = new_figure()
    energies = np.asarray(energies, float)
    ax.step(energies, n_open, where="mid", color=COLORS[1], lw=1.2,
            label="open channels" + (f" ($M={width}$)" if width else ""), zorder=2)
    ax.plot(energies[::3], np.asarray(g)[::3], "o", ms=2.5, color=COLORS[0], label=r"$g=\sum_n T_n$ (RGF)",
            zorder=3)
    if extra is not None:
        e2, g2, lab = extra
        ax.plot(e2, g2, "s", ms=2, color=COLORS[2], label=lab, zorder=3, alpha=0.8)
    ax.set_xlabel(r"Fermi energy $E$ ($t$)")
    ax.set_ylabel(r"$G$ ($2e^2/h$)")
    ax.set_ylim(-0.2, max(np.max(n_open), np.max(g)) + 1.0)
    ax.legend(fontsize="x-small", loc="upper left")
    return fig, ax


@styled
def plot_transmission_spectrum(spectra, labels, *, reference=None):
    """Transmission eigenvalues :math:`T_n` (ascending) of one or more S-matrices.

    Parameters
    ----------
    spectra : sequence of array_like
        :math:`T_n` of each system, sorted ascending.
    labels : sequence of str
    reference : sequence of array_like, optional
        The same spectra by an independent route (e.g. eigenvalues of
        :math:`\\Gamma_L G \\Gamma_R G^\\dagger` from a dense Green's function), drawn as crosses.
    """
    fig, ax = new_figure()
    for i, (tn, lab) in enumerate(zip(spectra, labels)):
        n = np.arange(1, len(tn) + 1)
        ax.plot(n, tn, "o", ms=4, mfc="none", color=COLORS[i % len(COLORS)], label=lab)
        if reference is not None:
            ax.plot(n, reference[i], "x", ms=3, color=COLORS[i % len(COLORS)])
    if reference is not None:
        ax.plot([], [], "x", color="0.3", label=r"eigenvalues of $\Gamma_L G\,\Gamma_R G^\dagger$")
    ax.set_xlabel(r"channel index $n$ (ascending $T_n$)")
    ax.set_ylabel(r"transmission eigenvalue $T_n$")
    ax.axhline(1.0, color="0.7", lw=0.6, zorder=0)
    ax.set_ylim(-0.05, 1.72)
    ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    from matplotlib.ticker import MaxNLocator
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.legend(fontsize="x-small", loc="upper left", handletextpad=0.3, borderaxespad=0.3)
    return fig, ax
