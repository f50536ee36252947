"""Figures for quantum chaos: level statistics of billiards against the random-matrix classes."""

from __future__ import annotations

import numpy as np

from .._typing import ArrayLike
from ._style import COLORS, new_figure, styled

__all__ = ["plot_billiard_ratios", "plot_poisson_kernel_conductance", "plot_wl_line_shapes", "plot_open_billiard"]

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


@styled
def plot_wl_line_shapes(fields: ArrayLike, panels, *, rmt_amplitude: float | None = None):
    """Weak-localization line shapes of open billiards: Δg(Φ) = ⟨g(Φ) − g(0)⟩ (points, paired 1σ)
    with the fitted Lorentzian (solid) and linear cusp exp(−|Φ|/Φ_c) (dashed), one panel per cavity.

    Parameters
    ----------
    fields : array_like, shape (k,)
        Flux Φ = BA through the cavity's area in units of h/e (``fields[0] = 0``).
    panels : sequence of (title, dg, err, lorentzian, cusp)
        ``dg``, ``err``: ⟨g(Φ) − g(0)⟩ (units of e²/h) and its standard error (paired samples);
        ``lorentzian``, ``cusp``: :class:`~rmt_meso.analysis.LineShapeFit` of ⟨g(Φ)⟩ with the
        two shapes (``cusp`` may be None), drawn as ``f(Φ) − f(0)``.
    rmt_amplitude : float, optional
        Full suppression of weak localization in random-matrix theory, ⟨g⟩_β=2 − ⟨g⟩_β=1,
        drawn as a dotted level.
    """
    x = np.asarray(fields, float)
    fig, axes = new_figure("double", 0.42, ncols=len(panels), sharey=True)
    axes = np.atleast_1d(axes)
    xf = np.linspace(0.0, x.max(), 300)
    for ax, (title, dg, err, lor, cusp) in zip(axes, panels):
        ax.errorbar(x, dg, yerr=err, fmt="o", ms=3, color=COLORS[0], capsize=2, label="lattice billiards")
        ax.plot(xf, lor.amplitude * (1 - 1 / (1 + (xf / lor.width) ** 2)), color=COLORS[1], lw=1.0,
                label=f"Lorentzian, χ²/dof = {lor.chi2:.1f}/{lor.dof}")
        if cusp is not None:
            ax.plot(xf, cusp.amplitude * (1 - np.exp(-xf / cusp.width)), color=COLORS[2], lw=1.0, ls="--",
                    label=f"linear cusp, χ²/dof = {cusp.chi2:.0f}/{cusp.dof}")
        if rmt_amplitude is not None:
            ax.axhline(rmt_amplitude, color="0.5", lw=0.8, ls=":",
                       label="RMT full suppression" if ax is axes[0] else None)
        top = max(float(np.max(np.asarray(dg) + np.asarray(err))), rmt_amplitude or 0.0)
        ax.set_ylim(top=1.45 * top)             # room for the legend above the data
        ax.set_title(title, fontsize="small")
        ax.set_xlabel(r"$\Phi = BA$ (h/e)")
        ax.legend(fontsize="x-small", loc="upper left")
    axes[0].set_ylabel(r"$\langle g(\Phi) - g(0)\rangle$ ($e^2/h$)")
    return fig, axes


@styled
def plot_open_billiard(edges: ArrayLike, density: ArrayLike, density_err: ArrayLike, circular: dict,
                       sequence: dict, *, radius: float | None = None):
    """Open chaotic billiard vs the circular ensemble: (a) the transmission-eigenvalue density,
    (b) the relative deviation of ⟨g⟩, var g and the Fano factor from the COE against the size.

    Parameters
    ----------
    edges : array_like, shape (k + 1,)
        Bin edges on [0, 1] of the billiard's density.
    density, density_err : array_like, shape (k,)
        Density of the transmission eigenvalues T (normalised to 1 per eigenvalue) and its 1σ.
    circular : dict {beta: array}
        Transmission eigenvalues sampled from the circular ensemble (drawn as step lines).
    sequence : dict {radius: {"mean_g" | "var_g" | "fano": {"rel_dev", "rel_err"}}}
        Relative deviation from the COE value (value/theory − 1) with its 1σ per cap radius.
    radius : float, optional
        Cap radius of the billiards in panel (a) (legend only).
    """
    e = np.asarray(edges, float)
    centres = 0.5 * (e[1:] + e[:-1])
    fig, (ax, bx) = new_figure("double", 0.38, ncols=2)
    label = "billiards" + (f", $R = {radius:g}$" if radius is not None else "")
    ax.errorbar(centres, density, yerr=density_err, fmt="o", ms=3, color=COLORS[0], capsize=2, label=label)
    for k, (beta, t) in enumerate(sorted(circular.items())):
        dens, _ = np.histogram(np.ravel(t), e, density=True)
        ax.step(centres, dens, where="mid", color=COLORS[1 + k], lw=1.0, ls="-" if beta == 1 else "--",
                label={1: "COE", 2: "CUE"}.get(beta, f"β = {beta}"))
    ax.set_xlabel("$T$")
    ax.set_ylabel(r"$\rho(T)$")
    ax.set_xlim(0.0, 1.0)
    ax.legend(fontsize="x-small", loc="upper center")
    radii = np.array(sorted(sequence))
    names = (("mean_g", r"$\langle g\rangle$"), ("var_g", r"var $g$"), ("fano", "$F$"))
    for k, (key, name) in enumerate(names):
        y = [sequence[r][key]["rel_dev"] for r in radii]
        dy = [sequence[r][key]["rel_err"] for r in radii]
        bx.errorbar(radii * (1 + 0.015 * (k - 1)), y, yerr=dy, fmt="o-", ms=3, lw=0.8, color=COLORS[k],
                    capsize=2, label=name)
    bx.axhline(0.0, color="0.5", lw=0.8, ls=":")
    bx.set_xlabel("cap radius $R$ (sites)")
    bx.set_ylabel("billiard / COE − 1")
    bx.legend(fontsize="x-small")
    return fig, (ax, bx)
