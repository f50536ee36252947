"""Figures for chaotic cavities, dephasing, resonance widths and 2D magnetoconductance.

Every function overlays numerical points (± one standard error) with the exact theory and
returns ``(fig, ax)``.
"""

from __future__ import annotations

import numpy as np

from ._style import COLORS, new_figure, styled

__all__ = ["plot_backscattering", "plot_wl_ucf", "plot_dephasing", "plot_resonance_widths",
           "plot_hln", "plot_coherence_length", "plot_imaginary_potential", "plot_conductance_correlation"]

def _int_ticks(ax, values):
    """Plain integer tick labels on a log x axis."""
    from matplotlib.ticker import NullFormatter, NullLocator
    ax.xaxis.set_minor_locator(NullLocator())
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xticks(list(values))
    ax.set_xticklabels([f"{v:g}" for v in values])


_BETA_LABEL = {1: "β = 1 (COE)", 2: "β = 2 (CUE)", 4: "β = 4 (CSE)"}


@styled
def plot_backscattering(n, diag, diag_err, off, off_err, theory_diag, theory_off, betas):
    """⟨|S_aa|²⟩ and ⟨|S_ab|²⟩ vs N for each β (rows of the arrays), theory as lines."""
    fig, ax = new_figure()
    n = np.asarray(n)
    nn = np.linspace(n.min(), n.max(), 200)
    for i, b in enumerate(betas):
        c = COLORS[i]
        ax.errorbar(n, diag[i], yerr=diag_err[i], fmt="o", color=c, ms=4, label=f"{_BETA_LABEL[b]}: $|S_{{aa}}|^2$")
        ax.errorbar(n, off[i], yerr=off_err[i], fmt="s", mfc="none", color=c, ms=4,
                    label=f"{_BETA_LABEL[b]}: $|S_{{ab}}|^2$")
        ax.plot(nn, theory_diag(b, nn), "-", color=c, lw=1)
        ax.plot(nn, theory_off(b, nn), "--", color=c, lw=1)
    ax.set_xscale("log")
    ax.set_yscale("log")
    _int_ticks(ax, n)
    ax.set_xlabel("number of channels $N$")
    ax.set_ylabel(r"$\langle |S|^2 \rangle$")
    ax.set_title("Coherent backscattering (lines: exact)", fontsize="medium")
    ax.legend(fontsize="x-small")
    return fig, ax


@styled
def plot_wl_ucf(n, wl, wl_err, var, var_err, n_theory, wl_theory, var_theory, betas):
    """Two panels: δg = ⟨g⟩ − n²/2n and var g vs n (n1 = n2 = n), exact theory lines."""
    fig, axes = new_figure("double", aspect=0.38, ncols=2)
    for i, b in enumerate(betas):
        c = COLORS[i]
        axes[0].errorbar(n, wl[i], yerr=wl_err[i], fmt="o", ms=4, color=c, label=_BETA_LABEL[b])
        axes[0].plot(n_theory, wl_theory[i], "-", color=c, lw=1)
        axes[0].axhline((1 - 2 / b) / 4, color=c, lw=0.6, ls=":")
        axes[1].errorbar(n, var[i], yerr=var_err[i], fmt="o", ms=4, color=c, label=_BETA_LABEL[b])
        axes[1].plot(n_theory, var_theory[i], "-", color=c, lw=1)
        axes[1].axhline(1 / (8 * b), color=c, lw=0.6, ls=":")
    axes[0].set_xlabel("channels per lead $n_1 = n_2$")
    axes[0].set_ylabel(r"$\langle g\rangle - n/2$  (WL)")
    axes[1].set_xlabel("channels per lead $n_1 = n_2$")
    axes[1].set_ylabel(r"var $g$  (UCF)")
    for ax in axes:
        ax.set_xscale("log")
        _int_ticks(ax, n)
    axes[0].legend(fontsize="x-small", loc="center right", bbox_to_anchor=(1.0, 0.33))  # between the curves
    axes[1].set_title("lines: exact; dotted: $N\\to\\infty$", fontsize="small")
    return fig, axes


@styled
def plot_dephasing(nphi, wl, wl_err, nphi_theory, wl_theory, wl_large_n, n):
    """WL correction ⟨g⟩_COE − ⟨g⟩_CUE vs probe channels, δ-method and large-N theory."""
    fig, ax = new_figure()
    ax.errorbar(nphi, wl, yerr=wl_err, fmt="o", ms=4, color=COLORS[0], label="voltage probe (numerics)")
    ax.plot(nphi_theory, wl_theory, "-", color=COLORS[1], lw=1, label="theory to $O(1/N)$")
    ax.plot(nphi_theory, wl_large_n, "--", color=COLORS[2], lw=1,
            label=r"$-n_1n_2/[(n_1+n_2)(n_1+n_2+N_\varphi)]$")
    ax.axhline(0, color="0.5", lw=0.6)
    ax.set_xlabel(r"probe channels $N_\varphi$  ($\hbar/\tau_\varphi = N_\varphi\Delta/2\pi$)")
    ax.set_ylabel(r"$\delta g = \langle g\rangle_{\beta=1} - \langle g\rangle_{\beta=2}$")
    ax.set_title(f"Dephasing of weak localization, $n_1 = n_2 = {n}$", fontsize="medium")
    ax.legend(fontsize="x-small", loc="lower right")
    return fig, ax


@styled
def plot_resonance_widths(t, width, width_err, t_theory, ms, weisskopf, pt_x, pt_hist, pt_err, pt_pdf, nu):
    """Mean width vs transmission (MS and Weisskopf) and the Porter–Thomas histogram."""
    fig, axes = new_figure("double", aspect=0.38, ncols=2)
    ax = axes[0]
    ax.errorbar(t, width, yerr=width_err, fmt="o", ms=4, color=COLORS[0], label="MW poles (numerics)")
    ax.plot(t_theory, ms, "-", color=COLORS[1], lw=1, label=r"Moldauer–Simonius $-\Sigma\ln(1-T)/2\pi$")
    ax.plot(t_theory, weisskopf, "--", color=COLORS[2], lw=1, label=r"Weisskopf $\Sigma T/2\pi$")
    ax.set_xlabel("transmission coefficient $T_c$ (all channels)")
    ax.set_ylabel(r"mean width $\langle\Gamma\rangle/\Delta$")
    ax.legend(fontsize="x-small")
    ax = axes[1]
    ax.errorbar(pt_x, pt_hist, yerr=pt_err, fmt="o", ms=3, color=COLORS[0], label="weak coupling")
    xx = np.linspace(max(pt_x.min(), 1e-3), pt_x.max(), 300)
    ax.plot(xx, pt_pdf(xx), "-", color=COLORS[1], lw=1, label=f"Porter–Thomas, ν = {nu}")
    ax.set_yscale("log")
    ax.set_xlabel(r"$y = \Gamma/\langle\Gamma\rangle$")
    ax.set_ylabel("density")
    ax.legend(fontsize="x-small")
    return fig, axes


@styled
def plot_hln(curves, temps, l_fit, l_err, l_true, extra=None):
    """Left: Δσ(B) data and HLN fits per temperature; right: fitted L_φ(T) with T^(−1/2).

    ``curves`` is a list of ``(b, data, err, fit)`` arrays in tesla and e²/(πh).  ``extra``
    optionally ``(x, y, yerr, x_theory, y_theory, label)`` for a lattice comparison panel.
    """
    ncols = 3 if extra is not None else 2
    fig, axes = new_figure("double", aspect=0.36, ncols=ncols)
    for i, ((b, data, err, fit), t) in enumerate(zip(curves, temps)):
        c = COLORS[i % len(COLORS)]
        axes[0].errorbar(b * 1e3, data, yerr=err, fmt="o", ms=2.5, color=c, label=f"T = {t:g} K")
        axes[0].plot(b * 1e3, fit, "-", color=c, lw=1)
    axes[0].set_xscale("log")
    axes[0].set_xlabel("$B$ (mT)")
    axes[0].set_ylabel(r"$\Delta\sigma$ ($e^2/\pi h$)")
    axes[0].legend(fontsize="x-small")
    temps = np.asarray(temps)
    axes[1].errorbar(temps, np.asarray(l_fit) * 1e6, yerr=np.asarray(l_err) * 1e6, fmt="o", ms=4,
                     color=COLORS[0], label="HLN fit")
    axes[1].plot(temps, np.asarray(l_true) * 1e6, "-", color=COLORS[1], lw=1,
                 label=r"$\sqrt{D\tau_\varphi}\propto T^{-1/2}$")
    axes[1].set_xscale("log")
    axes[1].set_yscale("log")
    _int_ticks(axes[1], temps)
    axes[1].set_xlabel("$T$ (K)")
    axes[1].set_ylabel(r"$L_\varphi$ (µm)")
    axes[1].legend(fontsize="x-small")
    if extra is not None:
        x, y, yerr, xt, yt, label = extra
        axes[2].errorbar(x, y, yerr=yerr, fmt="o", ms=3, color=COLORS[0], label=label)
        axes[2].plot(xt, yt, "-", color=COLORS[1], lw=1, label="HLN (fitted $L_\\varphi$, amplitude)")
        axes[2].set_xlabel(r"flux per plaquette $\phi$ ($h/e$)")
        axes[2].set_ylabel(r"$\langle g(\phi)\rangle - \langle g(0)\rangle$")
        axes[2].legend(fontsize="x-small", loc="upper left")
    return fig, axes


@styled
def plot_coherence_length(temps, l_phi, slope, g0):
    """L_φ(T) of the AAK law on log–log axes, with the fitted slope and G0 in the title."""
    fig, ax = new_figure()
    ax.plot(temps, np.asarray(l_phi) * 1e6, "o-", ms=4, color=COLORS[0],
            label=rf"AAK $L_\varphi$, slope {slope:.4f}")
    ax.plot(temps, np.asarray(l_phi)[0] * 1e6 * (np.asarray(temps) / temps[0]) ** -0.5, "--",
            color=COLORS[1], lw=1, label=r"$T^{-1/2}$")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("$T$ (K)")
    ax.set_ylabel(r"$L_\varphi$ (µm)")
    ax.set_title(f"$G_0 = 2e^2/h = {g0 * 1e6:.6f}$ µS", fontsize="medium")
    ax.legend(fontsize="x-small")
    return fig, ax


@styled
def plot_imaginary_potential(inv_n, wl, wl_err, intercept, slope, law, coherent=None):
    """WL correction of the imaginary-potential cavity vs 1/N_tot at a fixed ratio N_φ/N.

    ``inv_n``: 1/(n1 + n2 + N_φ) of each size; ``wl``, ``wl_err``: δg and its error;
    ``intercept``, ``slope``: the fitted δg = a + c/N_tot; ``law``: the large-N law (the
    value at 1/N_tot = 0); ``coherent``: optional ``(inv_n, δg, err, exact)`` of Γ_φ = 0.
    """
    fig, ax = new_figure()
    inv_n = np.asarray(inv_n, float)
    ax.errorbar(inv_n, wl, yerr=wl_err, fmt="o", ms=4, color=COLORS[0],
                label=r"$\delta g$, absorbed current re-injected")
    xt = np.linspace(0, inv_n.max() * 1.05, 50)
    ax.plot(xt, intercept + slope * xt, "-", color=COLORS[0], lw=0.8,
            label=r"fit $a + c/N_{\rm tot}$")
    ax.plot([0], [law], "*", ms=9, color=COLORS[2],
            label=r"large-$N$ law $-n_1n_2/[(n_1+n_2)(n_1+n_2+N_\varphi)]$")
    if coherent is not None:
        cx, cy, ce, cexact = coherent
        ax.errorbar(cx, cy, yerr=ce, fmt="s", mfc="none", ms=4, color=COLORS[3],
                    label=r"$\Gamma_\varphi = 0$")
        ax.plot(cx, cexact, "x", ms=6, color=COLORS[1], label=r"exact COE$-$CUE")
    ax.set_xlim(left=-0.005)
    ax.set_xlabel(r"$1/N_{\rm tot} = 1/(n_1 + n_2 + N_\varphi)$")
    ax.set_ylabel(r"$\delta g = \langle g\rangle_{\beta=1} - \langle g\rangle_{\beta=2}$")
    ax.set_title(r"Imaginary-potential dephasing: convergence in $N$", fontsize="medium")
    ax.legend(fontsize="xx-small", loc="lower left")
    return fig, ax


@styled
def plot_conductance_correlation(energies, fingerprints, curves, gamma, param=None):
    """Fingerprint g(E) of single cavities, the normalised C(ε)/C(0) with the Lorentzian of
    half-width Γ = NΔ/2π, and optionally C(δX)/C(0) with the squared Lorentzian.

    ``fingerprints``: {beta: g(E) of one cavity}; ``curves``: {beta: (lag, C, C_err)};
    ``param``: ``(x_over_xc, {beta: (C, C_err)}, x_theory, shape_theory)`` or None.
    """
    ncols = 3 if param is not None else 2
    fig, axes = new_figure("double", aspect=0.34, ncols=ncols)
    ax = axes[0]
    for i, (b, g) in enumerate(sorted(fingerprints.items())):
        ax.plot(energies, g, "-", lw=0.9, color=COLORS[i], label=_BETA_LABEL[b].split(" (")[0])
    ax.axvspan(-gamma, gamma, color="0.85", lw=0, label=r"$\pm\Gamma = \pm N\Delta/2\pi$")
    ax.set_xlabel(r"energy $E/\Delta$")
    ax.set_ylabel("$g(E)$ of one cavity")
    ax.set_title("UCF fingerprint", fontsize="small")
    ax.legend(fontsize="xx-small", loc="lower left", ncols=3)
    lo, hi = ax.get_ylim()
    ax.set_ylim(lo - 0.25 * (hi - lo), hi)
    ax = axes[1]
    emax = 0.0
    for i, (b, (lag, c, ce)) in enumerate(sorted(curves.items())):
        ax.errorbar(lag, c / c[0], yerr=ce / c[0], fmt="o", ms=2.5, color=COLORS[i], label=_BETA_LABEL[b])
        emax = max(emax, float(np.max(lag)))
    ee = np.linspace(0, emax, 300)
    ax.plot(ee, 1 / (1 + (ee / gamma) ** 2), "-", color="k", lw=1, label=r"$1/[1 + (\varepsilon/\Gamma)^2]$")
    ax.axhline(0, color="0.5", lw=0.6)
    ax.set_xlabel(r"energy difference $\varepsilon/\Delta$")
    ax.set_ylabel(r"$C(\varepsilon)/C(0)$")
    ax.set_title(r"energy correlation, $\Gamma = N\Delta/2\pi$", fontsize="small")
    ax.legend(fontsize="xx-small")
    if param is not None:
        ax = axes[2]
        xr, cs, xt, yt = param
        for i, (b, (c, ce)) in enumerate(sorted(cs.items())):
            ax.errorbar(xr, c / c[0], yerr=ce / c[0], fmt="s", ms=2.5, color=COLORS[i], label=_BETA_LABEL[b])
        ax.plot(xt, yt, "-", color="k", lw=1, label=r"$1/[1 + 4M(1-\cos\delta X)/N]^2$")
        ax.axhline(0, color="0.5", lw=0.6)
        ax.set_xlabel(r"rotation $\delta X / X_c$")
        ax.set_ylabel(r"$C(\delta X)/C(0)$")
        ax.set_title(r"rotation $H_1\cos X + H_2\sin X$", fontsize="small")
        ax.legend(fontsize="xx-small")
    return fig, axes
