"""Figures for the Anderson lattice: level statistics across the transition, Thouless conductance.

Every function overlays numerics (points with one-sigma error bars) on the exact or
literature reference values and returns ``(fig, ax)``.
"""

from __future__ import annotations

import numpy as np

from ._style import COLORS, new_figure, styled

__all__ = ["plot_level_statistics_transition", "plot_thouless_conductance", "plot_thouless_scaling"]


@styled
def plot_level_statistics_transition(W_values, curves, *, r_wd, r_poisson, W_c, W_c_err=0.0,
                                     crossing=None, crossing_err=None, beta=1, r_c=None,
                                     zoom=None):
    """Mean spacing ratio ``<r~>`` vs disorder ``W`` for several linear sizes ``L``.

    Parameters
    ----------
    W_values : array_like
        Disorder strengths (units of ``t``); drawn on a logarithmic axis.
    curves : dict
        ``{L: (r, r_err)}`` with arrays over ``W_values``.
    r_wd, r_poisson : float
        Wigner–Dyson (for ``beta``) and Poisson reference values of ``<r~>``.
    W_c, W_c_err : float
        Literature critical disorder (vertical line).
    crossing, crossing_err : float, optional
        Measured crossing (e.g. where a curve reaches ``r_c``) and its uncertainty (shaded band).
    r_c : float, optional
        Scale-invariant critical value of ``<r~>`` (dash-dotted line).
    zoom : (float, float), optional
        Disorder range drawn again, on a linear axis, in an inset (the critical region).
    """
    fig, ax = new_figure()
    W_values = np.asarray(W_values, dtype=float)
    names = {1: "GOE", 2: "GUE", 4: "GSE"}
    ax.axhline(r_wd, color=COLORS[1], lw=1, ls="--", label=f"{names.get(beta, 'WD')} {r_wd:.4f}")
    ax.axhline(r_poisson, color=COLORS[2], lw=1, ls=":", label=f"Poisson {r_poisson:.4f}")
    ax.axvline(W_c, color="0.3", lw=1, label=rf"$W_c={W_c:g}$ (lit.)")
    if crossing is not None and np.isfinite(crossing):
        err = crossing_err if crossing_err is not None and np.isfinite(crossing_err) else 0.0
        ax.axvspan(crossing - err, crossing + err, color=COLORS[4], alpha=0.3, lw=0,
                   label=rf"crossing ${crossing:.1f}\pm{err:.1f}$")
    markers = "osD^v"
    size_colors = (0, 4, 3, 7, 5)     # blue, orange, purple, black, sky blue (no yellow)
    for i, (L, (r, e)) in enumerate(sorted(curves.items())):
        ax.errorbar(W_values, r, yerr=e, fmt=markers[i % len(markers)] + "-", ms=3.5, lw=0.8,
                    capsize=2, color=COLORS[size_colors[i % len(size_colors)]],
                    label=rf"$L={L}$", zorder=3)
    ax.set_xscale("log")
    ax.set_xlabel(r"disorder $W$ ($t$)")
    ax.set_ylabel(r"$\langle\tilde r\rangle$")
    lo = min(r_poisson, np.nanmin([np.nanmin(np.asarray(c[0]) - np.asarray(c[1])) for c in curves.values()]))
    hi = max(r_wd, np.nanmax([np.nanmax(np.asarray(c[0]) + np.asarray(c[1])) for c in curves.values()]))
    pad = 0.08 * (hi - lo)
    ax.set_ylim(lo - pad, hi + 3.5 * pad)
    ax.legend(fontsize="xx-small", ncol=2, loc="upper right")
    if r_c is not None:
        ax.axhline(r_c, color="0.4", lw=0.8, ls="-.")
    if zoom is not None:
        sel = (W_values >= zoom[0]) & (W_values <= zoom[1])
        ins = ax.inset_axes([0.08, 0.1, 0.42, 0.42])
        for i, (L, (r, e)) in enumerate(sorted(curves.items())):
            ins.errorbar(W_values[sel], np.asarray(r)[sel], yerr=np.asarray(e)[sel],
                         fmt=markers[i % len(markers)] + "-", ms=3, lw=0.8, capsize=2,
                         color=COLORS[size_colors[i % len(size_colors)]])
        ins.axvline(W_c, color="0.3", lw=1)
        if r_c is not None:
            ins.axhline(r_c, color="0.4", lw=0.8, ls="-.")
            ins.text(zoom[0], r_c, rf" $\tilde r_c={r_c:g}$", fontsize="xx-small", va="bottom")
        if crossing is not None and np.isfinite(crossing):
            ins.axvspan(crossing - err, crossing + err, color=COLORS[4], alpha=0.3, lw=0)
        ins.tick_params(labelsize="xx-small")
    return fig, ax


@styled
def plot_thouless_conductance(L_values, curves, *, slopes=None,
                              ylabel=r"Thouless conductance $g_{\mathrm{Th}}$"):
    """Thouless conductance ``g`` vs system size ``L`` (log–log) for several disorders.

    Parameters
    ----------
    L_values : dict or array_like
        Sizes, either shared by all curves or ``{label: sizes}``.
    curves : dict
        ``{label: (g, g_err)}``; ``label`` is a legend string (e.g. ``"W=8, curvature"``).
    slopes : dict, optional
        ``{label: (slope, slope_err, intercept)}`` of the fit ``ln g = slope ln L + c``,
        drawn as lines.
    ylabel : str
        Label of the vertical axis.
    """
    from matplotlib.ticker import NullFormatter, ScalarFormatter

    fig, ax = new_figure()
    markers = "osD^v<>"
    ticks = set()
    for i, (label, (g, e)) in enumerate(curves.items()):
        Ls = np.asarray(L_values[label] if isinstance(L_values, dict) else L_values, dtype=float)
        ticks.update(Ls.tolist())
        color = COLORS[i % len(COLORS)]
        text = label
        if slopes is not None and label in slopes:
            s, se, c = slopes[label]
            x = np.linspace(Ls.min() * 0.9, Ls.max() * 1.1, 50)
            ax.plot(x, np.exp(c) * x ** s, color=color, lw=0.8, ls="--")
            text = rf"{label}: slope ${s:.2f}\pm{se:.2f}$"
        ax.errorbar(Ls, g, yerr=e, fmt=markers[i % len(markers)], ms=4, capsize=2, color=color,
                    label=text, zorder=3)
    ax.axhline(1.0, color="0.5", lw=0.8, ls=":")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks(sorted(ticks))
    ax.xaxis.set_major_formatter(ScalarFormatter())
    ax.xaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel(r"linear size $L$ (lattice constants)")
    ax.set_ylabel(ylabel)
    ax.legend(fontsize="xx-small", loc="best")
    return fig, ax


@styled
def plot_thouless_scaling(pairs, W_values, slope, slope_err, *, W_c, W_star=None, W_star_err=None,
                          allowance=None, fit_sizes=None, ylabel=None, curve_label=None):
    """One-parameter scaling of the Thouless conductance: ``β = d ln g/d ln L``.

    Left: ``β`` between consecutive sizes against ``ln g`` at their midpoint, one colour per
    disorder (one-parameter scaling puts all points on a single curve ``β(g)``).  Right: the
    fitted slope against ``W`` with the sign change ``W*`` and the literature ``W_c``.

    Parameters
    ----------
    pairs : list of dict
        Each with keys ``W``, ``L`` (the two sizes), ``ln_g``, ``ln_g_err``, ``beta``,
        ``beta_err``; empty for a single size (then only the right panel is drawn).
    W_values, slope, slope_err : array_like
        Disorders (units of ``t``) and the fitted slope with its standard error.
    W_c : float
        Literature critical disorder (vertical line).
    W_star, W_star_err : float, optional
        Measured sign change and its standard error (shaded band).
    allowance : float, optional
        Finite-size allowance; ``W_c ± allowance`` is hatched.
    fit_sizes : sequence of int, optional
        Sizes entering the fitted slope (for the legend).
    ylabel, curve_label : str, optional
        Label of the right panel's axis and curve when it shows another quantity that changes
        sign at the transition (e.g. ``ln g_L - ln g_c``); default the slope.
    """
    from matplotlib import colormaps
    from matplotlib.cm import ScalarMappable
    from matplotlib.colors import ListedColormap, Normalize

    W_values = np.asarray(W_values, dtype=float)
    if not pairs:      # a single size: only the right panel
        fig, bx = new_figure()
        ax = None
    else:
        fig, (ax, bx) = new_figure("double", aspect=0.38, ncols=2)
    if ax is not None:
        norm = Normalize(W_values.min(), W_values.max())
        # viridis without its light-yellow end, which is hard to read on white
        cmap = ListedColormap(colormaps["viridis"](np.linspace(0.0, 0.9, 256)))
        markers = "osD^v<>"
        size_pairs = sorted({tuple(p["L"]) for p in pairs})
        for W in W_values:
            color = cmap(norm(W))
            for j, sp_ in enumerate(size_pairs):
                sel = [p for p in pairs if p["W"] == W and tuple(p["L"]) == sp_]
                if not sel:
                    continue
                p = sel[0]
                ax.errorbar(p["ln_g"], p["beta"], xerr=p["ln_g_err"], yerr=p["beta_err"],
                            fmt=markers[j % len(markers)], ms=4, capsize=2, color=color, zorder=3)
        for j, sp_ in enumerate(size_pairs):
            ax.plot([], [], markers[j % len(markers)], color="0.4", ms=4, label=rf"$L={sp_[0]}\to{sp_[1]}$")
        ax.axhline(0.0, color="0.3", lw=0.8)
        ax.axhline(1.0, color="0.5", lw=0.8, ls=":", label=r"ohmic $d-2=1$")
        ax.set_xlabel(r"$\ln g_{\mathrm{Th}}$ (typical curvature $g$)")
        ax.set_ylabel(r"$\beta = d\ln g/d\ln L$")
        ax.legend(fontsize="xx-small", loc="lower right")
        cbar = fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), ax=ax, pad=0.01, fraction=0.05)
        cbar.set_ticks(W_values)
        cbar.ax.tick_params(labelsize="xx-small")
        cbar.set_label(r"disorder $W$ ($t$)", fontsize="x-small")

    bx.axhline(0.0, color="0.3", lw=0.8)
    if allowance is not None:
        bx.axvspan(W_c - allowance, W_c + allowance, color="0.85", lw=0, zorder=0,
                   label=rf"$W_c\pm{allowance:g}$ (finite-size allowance)")
    bx.axvline(W_c, color="0.3", lw=1, ls="--", label=rf"$W_c={W_c:g}$ (lit.)")
    if W_star is not None and np.isfinite(W_star):
        err = W_star_err if W_star_err is not None and np.isfinite(W_star_err) else 0.0
        bx.axvspan(W_star - err, W_star + err, color=COLORS[4], alpha=0.35, lw=0,
                   label=rf"$W^*={W_star:.1f}\pm{err:.1f}$")
    sizes = "" if fit_sizes is None else rf" ($L={','.join(str(s) for s in fit_sizes)}$)"
    bx.errorbar(W_values, slope, yerr=slope_err, fmt="o-", ms=4, lw=0.8, capsize=2,
                color=COLORS[0], label=(curve_label or "fitted slope") + sizes, zorder=3)
    bx.set_xlabel(r"disorder $W$ ($t$)")
    bx.set_ylabel(ylabel or r"$d\ln g/d\ln L$")
    bx.legend(fontsize="xx-small", loc="lower left")
    return fig, (ax, bx)
