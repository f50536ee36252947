"""Figures for Aharonov–Bohm rings: conductance vs flux, its Fourier transform, the disorder-averaged h/(2e) harmonic."""

from __future__ import annotations

import numpy as np

from ._style import COLORS, new_figure, styled

__all__ = ["plot_ab_oscillations", "plot_aas_harmonic"]


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


@styled
def plot_aas_harmonic(phi, g_samples, examples, c, c_err):
    """Two panels: single-sample g(Φ) of disordered rings, and the ensemble average with its harmonics.

    Parameters
    ----------
    phi : ndarray, shape (M,)
        Tube flux over one period (units of h/e), uniform grid from 0.
    g_samples : ndarray, shape (n, M)
        g(Φ) per sample (realisation × energy), e²/h.
    examples : int
        Number of samples drawn in the left panel (spread evenly over the rows of ``g_samples``).
    c : (float, float)
        Measured cosine harmonics ⟨c1⟩ (h/e) and ⟨c2⟩ (h/2e).
    c_err : (float, float)
        Their standard errors.
    """
    fig, (ax, bx) = new_figure("double", aspect=0.35, ncols=2)
    x = np.append(phi, 1.0)
    picks = np.unique(np.linspace(0, g_samples.shape[0] - 1, max(int(examples), 1)).astype(int))
    for j, k in enumerate(picks):               # spread over realisations and energies
        ax.plot(x, np.append(g_samples[k], g_samples[k, 0]), "-o", ms=2, lw=0.8, color=COLORS[j % len(COLORS)])
    ax.set_xlabel(r"$\Phi/\Phi_0$ (flux tube, $\Phi_0 = h/e$)")
    ax.set_ylabel(r"$g$ ($e^2/h$), single samples")
    ax.set_title("h/e oscillations, random phase", fontsize="small")
    mean = g_samples.mean(axis=0)
    err = g_samples.std(axis=0, ddof=1) / np.sqrt(g_samples.shape[0])
    dm = mean - mean.mean()
    bx.errorbar(x, np.append(dm, dm[0]), yerr=np.append(err, err[0]), fmt="o", ms=3, color="k",
                label=r"$\langle g\rangle - \overline{\langle g\rangle}$")
    xx = np.linspace(0.0, 1.0, 201)
    bx.plot(xx, c[0] * np.cos(2 * np.pi * xx) + c[1] * np.cos(4 * np.pi * xx), color=COLORS[1], lw=1,
            label=(rf"$c_1\cos 2\pi\Phi + c_2\cos 4\pi\Phi$: $c_1 = {c[0]:.4f}\pm{c_err[0]:.4f}$, "
                   rf"$c_2 = {c[1]:.4f}\pm{c_err[1]:.4f}$"))
    bx.axhline(0.0, color="0.6", lw=0.6)
    bx.set_xlabel(r"$\Phi/\Phi_0$")
    bx.set_ylabel(r"ensemble average ($e^2/h$)")
    bx.set_title("h/(2e) Altshuler-Aronov-Spivak harmonic", fontsize="small")
    lo, hi = bx.get_ylim()
    bx.set_ylim(lo, hi + 0.35 * (hi - lo))      # room for the legend
    bx.legend(fontsize="xx-small", loc="upper center")
    return fig, (ax, bx)
