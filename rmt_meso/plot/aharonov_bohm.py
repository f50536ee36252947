"""Figures for Aharonov–Bohm rings: conductance vs flux and its Fourier transform."""

from __future__ import annotations

import numpy as np

from ._style import COLORS, new_figure, styled

__all__ = ["plot_ab_oscillations"]


@styled
def plot_ab_oscillations(flux, g, energies, area_mean, area_band, peaks):
    """Two panels: g(flux) of a ring (one line per energy) and its Fourier amplitude vs area.

    Parameters
    ----------
    flux : ndarray, shape (n,)
        Flux per plaquette (h/e).
    g : ndarray, shape (n, m)
        Conductance (e^2/h) at each flux and energy.
    energies : sequence of float, length m
    area_mean : float
        pi r_mean^2 (plaquettes); the x axes are in units of it (flux quanta through it, area/it).
    area_band : (float, float)
        pi r_in^2, pi r_out^2: the h/e band.
    peaks : sequence of float
        Measured peak areas, one per energy.
    """
    from ..analysis import fourier_amplitude
    fig, (ax, bx) = new_figure("double", aspect=0.35, ncols=2)
    for j, e in enumerate(energies[:3]):
        ax.plot(flux * area_mean, g[:, j], color=COLORS[j], lw=0.9, label=f"$E={e:.2f}t$")
    ax.set_xlabel(r"$\Phi/\Phi_0$ through $\pi r_m^2$")
    ax.set_ylabel(r"$g$ ($e^2/h$)")
    ax.legend(fontsize="x-small")
    for j in range(len(energies)):
        f, a = fourier_amplitude(flux, g[:, j])
        bx.plot(f / area_mean, a / a.max(), color=COLORS[j % len(COLORS)], lw=0.7, alpha=0.8)
    bx.axvspan(area_band[0] / area_mean, area_band[1] / area_mean, color="0.85", zorder=0,
               label=r"$[\pi r_{in}^2, \pi r_{out}^2]$")
    bx.axvline(1.0, color="k", lw=0.8, ls="--", label="h/e")
    bx.axvline(2.0, color="k", lw=0.8, ls=":", label="h/2e")
    bx.plot(np.asarray(peaks) / area_mean, np.ones(len(peaks)), "kv", ms=3, label="peaks")
    bx.set_xlabel(r"area / $\pi r_m^2$")
    bx.set_ylabel("|Fourier amplitude| (normalised)")
    bx.legend(fontsize="x-small")
    return fig, (ax, bx)
