"""Figures for thermoelectric transport and current noise.

Numerics are points (with error bars where statistical), exact theory lines; every function
returns ``(fig, axes)``.  Conductances in e²/h per spin (``g = L0``), thermal conductance in
units of :math:`\\kappa_0 = \\pi^2k_B^2T/3h`, Lorenz ratios in :math:`(k_B/e)^2`, Seebeck
coefficients in :math:`k_B/e`, noise in units of :math:`4k_BTG`.
"""

from __future__ import annotations

import math

import numpy as np

from ._style import COLORS, new_figure, styled

__all__ = ["plot_lorenz_ratio", "plot_thermal_conductance", "plot_seebeck_mott", "plot_fano_factors", "plot_qpc_noise",
           "plot_noise_crossover"]


@styled
def plot_lorenz_ratio(mu, lorenz, lorenz_theory, g, *, steps=None, step_values=None, temperature=None):
    """Conductance (top) and Lorenz ratio κ/(GT) (bottom) vs chemical potential.

    Parameters
    ----------
    mu : array_like
        Chemical potentials (units of t).
    lorenz, lorenz_theory : array_like
        Computed Lorenz ratio and its exact (staircase) theory.
    g : array_like
        Thermally averaged conductance L0.
    steps, step_values : array_like, optional
        Threshold energies and the predicted Lorenz ratio there (π²/3 − ln²2/(N+½)²).
    temperature : float, optional
        k_BT for the legend.
    """
    fig, (ax1, ax2) = new_figure(aspect=1.1, nrows=2, sharex=True)
    mu = np.asarray(mu, float)
    ax1.plot(mu, g, color=COLORS[0], lw=1.0, label=r"$g=L_0$")
    ax1.set_ylabel(r"$G$ ($e^2/h$)")
    ax1.legend(fontsize="x-small", loc="upper right")
    ax2.axhline(math.pi ** 2 / 3, color="0.5", ls="--", lw=0.8, label=r"Wiedemann–Franz $\pi^2/3$")
    ax2.plot(mu, lorenz_theory, color=COLORS[1], lw=1.0, label="exact staircase")
    ax2.plot(mu[::4], np.asarray(lorenz)[::4], "o", ms=1.8, color=COLORS[0],
             label="RGF + Sivan–Imry" + (rf", $k_BT={temperature:g}t$" if temperature else ""))
    if steps is not None:
        ax2.plot(steps, step_values, "x", ms=4, color=COLORS[2],
                 label=r"$\pi^2/3-\ln^2 2/(N+1/2)^2$")
    ax2.set_xlabel(r"chemical potential $\mu$ ($t$)")
    ax2.set_ylabel(r"$\kappa/GT$ ($k_B^2/e^2$)")
    ax2.legend(fontsize="xx-small", loc="lower right")
    return fig, (ax1, ax2)


@styled
def plot_thermal_conductance(mu, kappa, n_open, *, extra=None):
    """Thermal conductance in units of κ0 = π²k_B²T/3h (points) over the channel count (steps)."""
    fig, ax = new_figure()
    ax.step(mu, n_open, where="mid", color=COLORS[1], lw=1.0, label=r"open channels $N(\mu)$")
    ax.plot(mu[::3], np.asarray(kappa)[::3], "o", ms=2, color=COLORS[0], label=r"$\kappa/\kappa_0$")
    if extra is not None:
        m2, k2, lab = extra
        ax.plot(m2, k2, "s", ms=1.8, color=COLORS[2], label=lab, alpha=0.8)
    ax.set_xlabel(r"chemical potential $\mu$ ($t$)")
    ax.set_ylabel(r"$\kappa$ ($\pi^2k_B^2T/3h$)")
    ax.legend(fontsize="x-small", loc="upper left")
    return fig, ax


@styled
def plot_seebeck_mott(mu, seebeck, mott, *, temperatures=None, deviations=None, predicted=None):
    """Seebeck coefficient vs μ with Mott's formula (left); relative deviation vs k_BT (right).

    Parameters
    ----------
    mu, seebeck, mott : array_like
        Chemical potentials, S from the Sivan–Imry integrals, Mott's formula (k_B/e).
    temperatures, deviations, predicted : array_like, optional
        k_BT values, the measured S/S_Mott − 1 and the Sommerfeld prediction for it.
    """
    ncols = 2 if temperatures is not None else 1
    fig, axes = new_figure(width="double" if ncols == 2 else "single", aspect=0.38 if ncols == 2 else 0.75,
                           ncols=ncols)
    ax = axes[0] if ncols == 2 else axes
    ax.plot(mu, mott, color=COLORS[1], lw=1.0, label="Mott")
    ax.plot(mu[::2], np.asarray(seebeck)[::2], "o", ms=2, color=COLORS[0], label="Sivan–Imry (RGF)")
    ax.set_xlabel(r"$\mu$ ($t$)")
    ax.set_ylabel(r"$S$ ($k_B/e$)")
    ax.legend(fontsize="x-small")
    if ncols == 2:
        a2 = axes[1]
        a2.loglog(temperatures, np.abs(deviations), "o", color=COLORS[0], label=r"$|S/S_{\rm Mott}-1|$")
        a2.loglog(temperatures, np.abs(predicted), "-", color=COLORS[1], label=r"Sommerfeld $c\,(k_BT)^2$")
        from matplotlib.ticker import NullFormatter
        a2.xaxis.set_minor_formatter(NullFormatter())
        a2.set_xlabel(r"$k_BT$ ($t$)")
        a2.legend(fontsize="x-small")
    return fig, axes


@styled
def plot_fano_factors(labels, values, errors, theory):
    """Measured Fano factors (points with 1σ bars) and their theory values (bars)."""
    fig, ax = new_figure()
    x = np.arange(len(labels))
    ax.bar(x, theory, width=0.6, color=COLORS[5], alpha=0.5, label="theory")
    ax.errorbar(x, values, yerr=errors, fmt="o", ms=3, color=COLORS[0], capsize=2, label="computed")
    for ref, lab in ((1.0, "1"), (1 / 3, "1/3"), (0.25, "1/4")):
        ax.axhline(ref, color="0.6", lw=0.6, ls=":")
        ax.text(len(labels) - 0.45, ref, lab, fontsize="xx-small", va="bottom", color="0.4")
    ax.set_xticks(x)
    ax.set_xticklabels(labels, fontsize="x-small")
    ax.set_ylabel(r"Fano factor $F$")
    ax.legend(fontsize="x-small", loc="upper right")
    return fig, ax


@styled
def plot_noise_crossover(u, ratio, error, theory, *, fano, poisson=None):
    """Noise S/(4k_BTG) vs eV/2k_BT: thermal (1) to shot noise (F u) crossover."""
    fig, ax = new_figure()
    u = np.asarray(u, float)
    ax.plot(u, theory, color=COLORS[1], lw=1.0, label=rf"$1+F(u\coth u-1)$, $F={fano:.3f}$")
    if poisson is not None:
        ax.plot(u, poisson, color="0.5", ls="--", lw=0.8, label="Poisson ($F=1$)")
    ax.errorbar(u[::2], np.asarray(ratio)[::2], yerr=np.asarray(error)[::2], fmt="o", ms=2.5,
                color=COLORS[0], label="cavity ensemble")
    ax.set_xlabel(r"$u=eV/2k_BT$")
    ax.set_ylabel(r"$S/4k_BTG$")
    ax.legend(fontsize="x-small", loc="upper left")
    return fig, ax


@styled
def plot_qpc_noise(energies, g, fano, half_energies, half_theory):
    """Point-contact conductance steps (top) and Fano factor (bottom) vs Fermi energy."""
    fig, (ax1, ax2) = new_figure(aspect=1.1, nrows=2, sharex=True)
    ax1.plot(energies, g, color=COLORS[0], lw=1.0)
    ax1.set_ylabel(r"$g=\sum_n T_n$")
    ax2.plot(energies, fano, color=COLORS[0], lw=1.0, label=r"$F=\sum T(1-T)/\sum T$")
    ax2.plot(half_energies, half_theory, "x", ms=5, color=COLORS[1], label=r"$1/(4N+2)$ at the half-steps")
    ax2.set_xlabel(r"Fermi energy $E$ ($t$)")
    ax2.set_ylabel("Fano factor")
    ax2.legend(fontsize="x-small", loc="upper right")
    return fig, (ax1, ax2)
