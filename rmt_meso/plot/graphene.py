"""Figures for graphene devices: ribbon conductance staircases and the armchair metallicity rule."""

from __future__ import annotations

import numpy as np

from ._style import COLORS, new_figure, styled

__all__ = ["plot_ribbon_conductance", "plot_klein_transmission", "plot_graphene_dos"]


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


@styled
def plot_klein_transmission(theta, transmission, kf_d, deviations):
    """Angle-resolved transmission of a p–n junction vs Cheianov–Fal'ko (left); convergence (right).

    Parameters
    ----------
    theta, transmission : array_like
        Angles (radians) and the per-valley transmission at ``kf_d``.
    kf_d : float
        :math:`k_F d` of the plotted junction.
    deviations : dict
        ``{k_F d: (sin^2 theta, ln T/ln T_CF - 1)}`` for the convergence panel.
    """
    th = np.asarray(theta, float)
    fig, (a1, a2) = new_figure(width="double", aspect=0.36, ncols=2)
    x = np.linspace(-th.max(), th.max(), 300)
    a1.plot(np.degrees(x), np.exp(-np.pi * kf_d * np.sin(x) ** 2), color="k", lw=1.0,
            label=rf"$e^{{-\pi k_F d\sin^2\theta}}$, $k_Fd={kf_d:g}$")
    if transmission is not None:
        t = np.asarray(transmission, float)
        a1.plot(np.degrees(np.concatenate([-th[::-1], th])), np.concatenate([t[::-1], t]), "o", ms=2.5,
                color=COLORS[0], label="lattice ($k_y$-resolved)")
    a1.plot(np.degrees(x), np.cos(x) ** 2, ":", color=COLORS[1], lw=1.0, label=r"sharp junction $\cos^2\theta$")
    a1.set_xlabel(r"angle of incidence $\theta$ (deg)")
    a1.set_ylabel(r"$T(\theta)$ per valley")
    a1.legend(fontsize="xx-small", loc="upper right")
    for i, (kd, (s2, dev)) in enumerate(sorted(deviations.items())):
        a2.plot(s2, dev, "o-", ms=3, lw=0.8, color=COLORS[i % len(COLORS)], label=f"$k_Fd={kd:g}$")
    a2.axhline(0.0, color="k", lw=0.6)
    a2.set_xlabel(r"$\sin^2\theta$")
    a2.set_ylabel(r"$\ln T/\ln T_{CF} - 1$")
    a2.set_yscale("symlog", linthresh=1e-3)
    a2.legend(fontsize="x-small")
    return fig, (a1, a2)


@styled
def plot_graphene_dos(energies, density, stderr, exact, dirac, *, resolution=None):
    """Graphene density of states by KPM with the exact lattice DOS and the Dirac cone.

    Parameters
    ----------
    energies, density, stderr : array_like
        KPM density (per atom and spin) with its standard error.
    exact : array_like
        The exact lattice DOS through the same kernel.
    dirac : array_like
        The Dirac-cone law :math:`|E|/(\\sqrt3\\pi t^2)`.
    resolution : float, optional
        The kernel's energy resolution (drawn as a bar).
    """
    e = np.asarray(energies, float)
    fig, ax = new_figure()
    ax.fill_between(e, np.asarray(density) - 2 * np.asarray(stderr), np.asarray(density) + 2 * np.asarray(stderr),
                    color=COLORS[0], alpha=0.3, lw=0, label=r"KPM $\pm 2\sigma$")
    ax.plot(e, density, color=COLORS[0], lw=0.8)
    ax.plot(e, exact, "--", color="k", lw=0.8, label="exact lattice DOS (same kernel)")
    ax.plot(e, dirac, ":", color=COLORS[1], lw=1.0, label=r"Dirac $|E|/\sqrt{3}\pi t^2$")
    if resolution is not None:
        ax.errorbar([2.2], [0.05], xerr=[resolution], color="k", capsize=2, lw=0.8)
        ax.text(2.2, 0.06, "kernel", ha="center", fontsize="x-small")
    ax.set_ylim(0, 1.15 * float(np.nanmax(exact)))
    ax.set_xlabel(r"$E$ ($t$)")
    ax.set_ylabel(r"$\rho(E)$ (per atom and spin, $1/t$)")
    ax.legend(fontsize="x-small", loc="upper left")
    return fig, ax
