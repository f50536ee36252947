"""Figures for disordered wires: Drude/Ohm crossover, weak localization, UCF, DMPK density.

Every function overlays the numerics (points with one-sigma error bars, or a histogram
with error bars) on the theory of :mod:`rmt_meso.theory.wire` and returns ``(fig, ax)``.
Conductances are in units of ``e^2/h`` per spin direction (``g = sum T_n``).
"""

from __future__ import annotations

import numpy as np

from ..theory import wire as tw
from ._style import COLORS, new_figure, styled

__all__ = ["plot_ballistic_diffusive", "plot_wl_wire", "plot_ucf_wire", "plot_ucf_temperature",
           "plot_transmission_density", "plot_magnetoconductance_wire", "plot_localization_wire",
           "plot_ucf_fingerprint", "plot_absorption_length", "plot_flux_magnetoconductance"]

_BETA_COLOR = {1: COLORS[0], 2: COLORS[1], 4: COLORS[2]}


@styled
def plot_ballistic_diffusive(lengths, g_mean, g_err, *, n_channels, mfp, mfp_born=None, beta=1):
    """``<g>`` vs ``L`` with the fitted ``N/(1 + L/l) + delta g(L/l)`` and Ohm's ``N l/L``.

    Parameters
    ----------
    lengths, g_mean, g_err : array_like
        Lengths (lattice constants), mean conductance and its standard error.
    n_channels : int
    mfp : float
        Fitted DMPK mean free path.
    mfp_born : float, optional
        Born-approximation estimate, drawn as a dotted Drude curve.
    beta : {1, 2, 4}
        Symmetry class of the data (sets the WL term of the fitted curve).
    """
    fig, ax = new_figure()
    lengths = np.asarray(lengths, float)
    x = np.linspace(0.0, lengths.max() * 1.1, 300)
    ax.errorbar(lengths, g_mean, yerr=g_err, fmt="o", color=COLORS[0], ms=4, capsize=2,
                label="numerics", zorder=3)
    fit = tw.mean_conductance(n_channels, x, mfp) + tw.wl_correction_length(beta, x, mfp)
    ax.plot(x, fit, color=COLORS[1], label=rf"$N/(1+L/l)+\delta g_{{\rm WL}}$, $l={mfp:.2f}$")
    ax.plot(x, tw.mean_conductance(n_channels, x, mfp), color=COLORS[1], ls="--", lw=1,
            label=r"Drude $N/(1+L/l)$")
    ohm = x[x > 2 * mfp]
    ax.plot(ohm, tw.ohmic_conductance(n_channels, ohm, mfp) + tw.wl_correction(beta), color=COLORS[2],
            ls=":", label=r"Ohm $Nl/L+\delta g$")
    if mfp_born is not None:
        born = tw.mean_conductance(n_channels, x, mfp_born) + tw.wl_correction_length(beta, x, mfp_born)
        ax.plot(x, born, color=COLORS[3], ls="-.", lw=1, label=rf"Born $l={mfp_born:.2f}$")
    ax.axhline(n_channels, color="0.6", lw=0.8)
    ax.set_xlim(0, x[-1])
    ax.set_ylim(0, n_channels * 1.05)
    ax.set_xlabel(r"wire length $L$ (lattice constants)")
    ax.set_ylabel(r"$\langle g\rangle$ ($e^2/h$ per spin)")
    ax.legend(fontsize="x-small")
    return fig, ax


@styled
def plot_wl_wire(series):
    """WL correction ``<g> - N/(1 + s)`` vs ``s = L/l`` against ``(1 - 2/beta)/3 [1 - (1+s)^-3]``.

    Parameters
    ----------
    series : list of dict
        One dict per symmetry class with keys ``beta``, ``s`` (L/l), ``dg`` and ``err``
        (measured ``<g> - N/(1+s)`` and its standard error) and ``label``.
    """
    fig, ax = new_figure()
    smax = max(float(np.max(d["s"])) for d in series) * 1.15
    x = np.linspace(0, smax, 300)
    for d in series:
        c = _BETA_COLOR.get(d["beta"], COLORS[3])
        ax.errorbar(d["s"], d["dg"], yerr=d["err"], fmt="o", ms=4, capsize=2, color=c,
                    label=d["label"], zorder=3)
        ax.plot(x, tw.wl_correction_length(d["beta"], x, 1.0), color=c, lw=1)
        ax.axhline(tw.wl_correction(d["beta"]), color=c, ls=":", lw=0.8)
    ax.axhline(0, color="0.6", lw=0.8)
    ax.set_xlabel(r"$s = L/l$")
    ax.set_ylabel(r"$\langle g\rangle - N/(1+s)$ ($e^2/h$)")
    ax.legend(fontsize="x-small")
    return fig, ax


@styled
def plot_ucf_wire(points, *, square=None, xlabel=r"aspect ratio $L/W$"):
    """Conductance variance vs aspect ratio against the diffuson theory of a rectangle.

    Each symmetry class gets the Lee-Stone-Fukuyama curve
    :func:`rmt_meso.theory.wire.ucf_variance_rectangle` (solid) and its quasi-1D limit
    ``2/(15 beta)`` (dotted).

    Parameters
    ----------
    points : list of dict
        Keys ``beta``, ``x`` (aspect ratio ``L/W``), ``var``, ``err``, ``label``.
    square : dict, optional
        Keys ``x``, ``var``, ``err`` for a square sample (drawn as a square marker, beta = 1).
    xlabel : str
        Label of the abscissa.
    """
    fig, ax = new_figure()
    xs_all = [p["x"] for p in points] + ([square["x"]] if square else [])
    lo, hi = min(xs_all) - 0.3, max(xs_all) + 0.4
    a = np.linspace(max(lo, 0.5), hi, 120)
    for b in sorted({p["beta"] for p in points} | ({1} if square else set())):
        c = _BETA_COLOR.get(b, COLORS[3])
        ax.plot(a, [tw.ucf_variance_rectangle(x, 1.0, b) for x in a], color=c, lw=1,
                label=rf"LSF rectangle, $\beta={b}$")
        ax.axhline(tw.ucf_variance(b), color=c, ls=":", lw=0.8)
    for p in points:
        c = _BETA_COLOR.get(p["beta"], COLORS[3])
        ax.errorbar(p["x"], p["var"], yerr=p["err"], fmt="o", ms=4, capsize=2, color=c,
                    label=p["label"], zorder=3)
    if square is not None:
        ax.errorbar(square["x"], square["var"], yerr=square["err"], fmt="s", ms=5, capsize=2,
                    color=COLORS[4], label="square sample", zorder=3)
    top = max([p["var"] + p["err"] for p in points] + ([square["var"] + square["err"]] if square else []))
    ax.set_ylim(0, 1.7 * top)
    ax.set_xlim(lo, hi)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(r"var $g$ ($(e^2/h)^2$ per spin)")
    ax.legend(fontsize="xx-small", ncol=2, loc="upper center")
    ax.text(0.99, 0.02, r"dotted: $2/(15\beta)$", transform=ax.transAxes, ha="right",
            va="bottom", fontsize="xx-small")
    return fig, ax


@styled
def plot_ucf_temperature(kt_over_eth, var, err, *, var0, var0_err=None, curve=None,
                         asymptote=None):
    """Conductance variance vs ``k_B T / E_Th`` with the ``E_Th / k_B T`` scaling guide.

    Parameters
    ----------
    kt_over_eth, var, err : array_like
        Temperatures in units of the Thouless energy (``> 0``), variance and error.
    var0 : float
        Zero-temperature variance (drawn as a horizontal band).
    curve : (x, y), optional
        The thermal convolution of the measured T = 0 correlation function.
    asymptote : float, optional
        Prefactor ``a`` of the high-temperature law ``var g = a E_Th / k_B T``.
    """
    fig, ax = new_figure()
    x = np.asarray(kt_over_eth, float)
    ax.errorbar(x, var, yerr=err, fmt="o", ms=4, capsize=2, color=COLORS[0],
                label=r"numerics, $T>0$", zorder=3)
    if curve is not None:
        ax.plot(curve[0], curve[1], color=COLORS[3], lw=1.2,
                label=r"$\int\!\!\int f'f'\,C(E-E')$, measured $C$")
    if asymptote is not None:
        xa = np.geomspace(max(1.0, x.min()), x.max() * 1.5, 50)
        ax.plot(xa, asymptote / xa, color=COLORS[4], ls="-.", lw=1,
                label=r"$\int C\,d\varepsilon\,/\,6k_BT$")
    ax.axhline(var0, color=COLORS[1], ls="--", lw=1, label=r"$T=0$ numerics")
    if var0_err is not None:
        ax.axhspan(var0 - var0_err, var0 + var0_err, color=COLORS[1], alpha=0.15, lw=0)
    # scaling guide anchored at the highest temperature, drawn where k_BT > E_Th
    xs = np.geomspace(max(1.0, x.min()), x.max() * 1.5, 100)
    scale = float(np.asarray(var)[-1] * x[-1])
    ax.plot(xs, scale / xs, color=COLORS[2], ls=":", label=r"$\propto E_{\rm Th}/k_BT$ (guide)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    from matplotlib.ticker import NullFormatter
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_xlabel(r"$k_BT / E_{\rm Th}$")
    ax.set_ylabel(r"var $g$ ($(e^2/h)^2$)")
    ax.legend(fontsize="x-small")
    return fig, ax


@styled
def plot_transmission_density(transmissions, *, n_channels, s, n_samples, bins=30):
    """Histogram of transmission eigenvalues vs the bimodal density ``rho(T)/N``.

    Parameters
    ----------
    transmissions : array_like
        All ``T_n`` pooled over ``n_samples`` realisations.
    n_channels : int
    s : float
        ``L/l`` of the theory curve.
    n_samples : int
        Number of realisations (normalises the histogram to ``rho(T)``).
    """
    fig, ax = new_figure()
    t = np.asarray(transmissions, float)
    edges = np.linspace(0, 1, bins + 1)
    counts, _ = np.histogram(t, edges)
    width = np.diff(edges)
    centres = 0.5 * (edges[1:] + edges[:-1])
    dens = counts / (n_samples * width)
    err = np.sqrt(counts) / (n_samples * width)
    ax.errorbar(centres, dens, yerr=err, fmt="o", ms=3, capsize=2, color=COLORS[0],
                label="numerics", zorder=3)
    x = np.linspace(1e-3, 1 - 1e-4, 600)
    ax.plot(x, tw.transmission_density(x, n_channels, s, 1.0), color=COLORS[1],
            label=r"$\frac{Nl}{2L}\,\frac{1}{T\sqrt{1-T}}$")
    ax.set_yscale("log")
    ax.set_xlabel(r"transmission eigenvalue $T$")
    ax.set_ylabel(r"density $\rho(T)$")
    ax.legend(fontsize="x-small")
    return fig, ax


@styled
def plot_magnetoconductance_wire(series, *, dirty_limit=True):
    """Magnetoconductance ``<g>(Phi) - <g>(0)`` vs the flux through the sample (``h/e``).

    Parameters
    ----------
    series : list of dict
        Keys ``beta`` (symmetry class at zero field, 1 or 4), ``Phi`` (flux ``phi W L``
        through the sample in units of ``h/e``), ``dg``, ``err`` and ``label``; optional
        ``fit_scale`` and ``amplitude`` draw the fitted line shape ``A [1 - F(c Phi)]``.
    dirty_limit : bool
        Draw the dirty-limit Cooperon prediction ``-delta g_beta [1 - F(2 pi Phi/sqrt 3)]``
        (:func:`rmt_meso.theory.wire.wl_crossover` with ``L/L_B = 2 pi Phi / sqrt 3``).
    """
    fig, ax = new_figure()
    top = max(float(np.max(d["Phi"])) for d in series)
    x = np.linspace(0, top * 1.05, 300)
    for d in series:
        c = _BETA_COLOR.get(d["beta"], COLORS[3])
        ax.errorbar(d["Phi"], d["dg"], yerr=d["err"], fmt="o", ms=4, capsize=2, color=c,
                    label=d["label"], zorder=3)
        full = tw.wl_correction(d["beta"])
        if "fit_scale" in d:
            ax.plot(x, d["amplitude"] * (1 - tw.wl_crossover(d["fit_scale"] * x)), color=c, lw=1.2,
                    label=rf"$1-F(c\Phi)$, fitted $c={d['fit_scale']:.2f}$")
        if dirty_limit:
            ax.plot(x, -full * (1 - tw.wl_crossover(2 * np.pi * x / np.sqrt(3))), color=c, ls="--",
                    lw=1, label=rf"dirty-limit theory, $\beta={d['beta']}$")
        ax.axhline(-full, color=c, ls=":", lw=0.8)
    ax.axhline(0, color="0.7", lw=0.8)
    fulls = [-tw.wl_correction(d["beta"]) for d in series]
    ax.set_ylim(min(min(fulls), 0) - 0.06, max(max(fulls), 0) + 0.16)
    ax.set_xlabel(r"flux through the wire $\Phi = \phi WL$ ($h/e$)")
    ax.set_ylabel(r"$\langle g\rangle(\Phi)-\langle g\rangle(0)$ ($e^2/h$)")
    ax.legend(fontsize="xx-small", ncol=2, loc="upper center")
    return fig, ax


@styled
def plot_localization_wire(lengths, mean_log_g, err, *, xi, intercept, xi_fit=None,
                           intercept_fit=None):
    """``<ln g>`` vs ``L`` in the localized regime with the line ``c - 2 L / xi``.

    Parameters
    ----------
    lengths, mean_log_g, err : array_like
        Lengths, mean of ``ln g`` and its standard error.
    xi : float
        Localization length of the theory line (e.g. from transfer matrices).
    intercept : float
        ``c`` of the theory line (fitted with the slope fixed, the ``O(1)`` offset).
    xi_fit, intercept_fit : float, optional
        Straight line fitted to the RGF data (drawn dashed).
    """
    fig, ax = new_figure()
    lengths = np.asarray(lengths, float)
    x = np.linspace(0, lengths.max() * 1.08, 200)
    ax.errorbar(lengths, mean_log_g, yerr=err, fmt="o", ms=4, capsize=2, color=COLORS[0],
                label=r"numerics $\langle\ln g\rangle$", zorder=3)
    ax.plot(x, intercept + tw.mean_log_conductance(x, xi), color=COLORS[1],
            label=rf"$c-2L/\xi$, transfer matrix $\xi={xi:.1f}$")
    if xi_fit is not None:
        c_fit = intercept if intercept_fit is None else intercept_fit
        ax.plot(x, c_fit + tw.mean_log_conductance(x, xi_fit), color=COLORS[2], ls="--", lw=1,
                label=rf"fit $\xi={xi_fit:.1f}$")
    ax.set_xlabel(r"wire length $L$ (lattice constants)")
    ax.set_ylabel(r"$\langle \ln g\rangle$")
    ax.legend(fontsize="x-small")
    return fig, ax


@styled
def plot_ucf_fingerprint(x, traces, *, mean, rms, beta=1, x_points=None, points=None,
                         xlabel=r"Fermi energy $E$ ($t$)", labels=None):
    """Conductance fingerprints: ``g`` along a parameter for a few individual samples.

    Each sample's trace is a reproducible function of the parameter (energy or flux);
    different samples give different traces of the same typical size.  The ensemble mean
    ``<g>`` is drawn with a band of one ensemble standard deviation ``sqrt(var g)``, and
    dotted lines mark ``<g> ± sqrt(2/(15 beta))``, the universal rms of a quasi-1D wire.

    Parameters
    ----------
    x : array_like, shape (P,)
        Parameter values of the traces (energy in units of t, or flux).
    traces : array_like, shape (K, P)
        ``g`` (``e^2/h`` per spin) of K samples, one row per sample (2-3 are readable).
    mean : float or array_like of shape (P,)
        Ensemble mean ``<g>`` at each ``x`` (a constant or a curve).
    rms : float
        Ensemble standard deviation ``sqrt(var g)`` at fixed ``x``.
    beta : {1, 2, 4}
        Symmetry class, for the universal reference ``sqrt(2/(15 beta))``.
    x_points, points : array_like, optional
        The same samples computed in an independent run on a coarser grid, shape (P',) and
        (K, P'): drawn as open markers on the lines (reproducibility).
    xlabel : str
    labels : sequence of str, optional
        One legend entry per trace (default "sample 1", "sample 2", ...).
    """
    fig, ax = new_figure(aspect=0.8)
    x = np.asarray(x, float)
    traces = np.atleast_2d(np.asarray(traces, float))
    mean = np.broadcast_to(np.asarray(mean, float), x.shape)
    ax.fill_between(x, mean - rms, mean + rms, color="0.85", lw=0,
                    label=r"$\langle g\rangle \pm \sqrt{{\rm var}\, g}$ (ensemble)")
    ax.plot(x, mean, color="0.35", lw=1.0)
    ref = float(np.sqrt(tw.ucf_variance(beta)))
    ax.plot(x, mean + ref, color="0.35", ls=":", lw=0.9,
            label=rf"$\langle g\rangle \pm \sqrt{{2/15\beta}}$, $\beta={beta}$")
    ax.plot(x, mean - ref, color="0.35", ls=":", lw=0.9)
    labels = labels or [f"sample {k + 1}" for k in range(len(traces))]
    for k, (tr, lab) in enumerate(zip(traces, labels)):
        c = COLORS[k % len(COLORS)]
        ax.plot(x, tr, color=c, lw=1.1, label=lab)
        if points is not None:
            ax.plot(x_points, np.asarray(points, float)[k], "o", ms=2.5, mfc="none", mew=0.7,
                    color=c, label="same samples, first run" if k == 0 else None)
    lo = min(traces.min(), (mean - rms).min())
    hi = max(traces.max(), (mean + rms).max())
    ax.set_ylim(lo - 0.15 * (hi - lo), hi + 0.55 * (hi - lo))
    ax.set_xlim(x[0], x[-1])
    ax.set_xlabel(xlabel)
    ax.set_ylabel(r"$g$ ($e^2/h$ per spin)")
    ax.legend(fontsize="xx-small", ncol=2, loc="upper center")
    return fig, ax


@styled
def plot_absorption_length(series, *, ohm, x, ratio, ratio_err, intercept, slope, boltzmann_slope=None):
    """Decay of the mean transmission of dephased strips and the ratio L_φ/√(Dτ_φ).

    Left: ⟨T(L)⟩ on a log scale for each dephasing time, with the fitted diffusion law
    ``Wσκ/sinh(κ(L + 2z₀))`` (κ = 1/L_φ), and Ohm's law of the strip without dephasing.
    Right: the measured L_φ over √(Dτ_φ) (D from Ohm's law and the density of states) against
    τ/τ_φ, with the straight line whose intercept is the diffusion limit τ/τ_φ → 0.

    Parameters
    ----------
    series : list of dict
        One per τ_φ: ``tau_phi``, ``lengths``, ``mean``, ``stderr`` (⟨T⟩ and its error) and
        ``curve`` (callable L -> fitted ⟨T⟩).
    ohm : dict
        ``lengths``, ``mean``, ``stderr`` and ``curve`` of the strip without dephasing.
    x, ratio, ratio_err : array_like
        τ/τ_φ, L_φ/√(Dτ_φ) and its standard error.
    intercept, slope : float
        The fitted line ``intercept + slope·x``.
    boltzmann_slope : float, optional
        Slope of the first-order Boltzmann correction, drawn dotted from 1.
    """
    fig, (ax, bx) = new_figure("double", aspect=0.38, ncols=2)
    for i, s in enumerate([dict(ohm, tau_phi=np.inf)] + list(series)):
        lab = r"$\tau_\varphi=\infty$ (Ohm)" if np.isinf(s["tau_phi"]) else rf"$\tau_\varphi={s['tau_phi']:g}$"
        c = COLORS[i % len(COLORS)]
        lengths = np.asarray(s["lengths"], float)
        ax.errorbar(lengths, s["mean"], yerr=s["stderr"], fmt="o", ms=3, capsize=2, color=c, label=lab)
        ll = np.linspace(lengths.min(), lengths.max(), 100)
        ax.plot(ll, s["curve"](ll), color=c, lw=1)
    ax.set_yscale("log")
    ax.set_xlabel(r"strip length $L$ (lattice constants)")
    ax.set_ylabel(r"$\langle T\rangle$ ($e^2/h$)")
    ax.legend(fontsize="x-small")
    x = np.asarray(x, float)
    bx.errorbar(x, ratio, yerr=ratio_err, fmt="o", ms=4, capsize=2, color=COLORS[0], label="numerics", zorder=3)
    xx = np.linspace(0.0, x.max() * 1.1, 50)
    bx.plot(xx, intercept + slope * xx, color=COLORS[1], label=rf"fit, intercept ${intercept:.4f}$")
    if boltzmann_slope is not None:
        bx.plot(xx, 1.0 + boltzmann_slope * xx, color=COLORS[2], ls=":", label="Boltzmann, first order")
    bx.axhline(1.0, color="0.5", lw=0.8, ls="--")
    bx.set_xlabel(r"$\tau/\tau_\varphi$")
    bx.set_ylabel(r"$L_\varphi/\sqrt{D\tau_\varphi}$")
    bx.legend(fontsize="x-small")
    return fig, ax


@styled
def plot_flux_magnetoconductance(flux, delta_g, stderr, fine, curves):
    """Weak-localization magnetoconductance ΔG(Φ) of flux-threaded cylinders with theory curves.

    Parameters
    ----------
    flux, delta_g, stderr : array_like
        Threaded flux Φ/Φ₀ (h/e), ⟨G(Φ)⟩ − ⟨G(0)⟩ (e²/h per spin) and its standard error.
    fine : array_like
        Fluxes at which the ``curves`` are given.
    curves : dict
        Label -> ΔG on ``fine`` (e.g. the one-loop cooperon theory at L_φ = √(Dτ_φ) and the fit).
    """
    fig, ax = new_figure()
    for i, (label, y) in enumerate(curves.items()):
        ax.plot(fine, y, color=COLORS[(i + 1) % len(COLORS)], lw=1, ls="-" if i else "--", label=label)
    ax.errorbar(flux, delta_g, yerr=stderr, fmt="o", ms=3, capsize=2, color=COLORS[0], label="lattice", zorder=3)
    ax.axvline(0.25, color="0.6", lw=0.6, ls=":")
    ax.set_xlabel(r"threaded flux $\Phi/\Phi_0$ ($\Phi_0 = h/e$)")
    ax.set_ylabel(r"$\langle G(\Phi)\rangle - \langle G(0)\rangle$ ($e^2/h$)")
    ax.legend(fontsize="x-small")
    return fig, ax
