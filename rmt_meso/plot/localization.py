"""Figures for localization lengths: 1D chain vs theory, MacKinnon–Kramer scaling, Ioffe–Regel.

Every function overlays numerics (points with one-sigma error bars) on the theory of
:mod:`rmt_meso.theory.anderson` and returns ``(fig, ax)``.
"""

from __future__ import annotations

import numpy as np

from ..theory import anderson as ta
from ._style import COLORS, new_figure, styled

__all__ = ["plot_localization_1d", "plot_mackinnon_kramer", "plot_ioffe_regel"]


@styled
def plot_localization_1d(energies, xi_w2, xi_w2_err, *, W, exact=None):
    """``xi W^2`` of the 1D chain vs ``E`` with ``24 (4 - E^2)`` and the band-centre value.

    Parameters
    ----------
    energies, xi_w2, xi_w2_err : array_like
        Energies, measured ``xi * W^2`` and its standard error (``E = 0`` included if
        measured: it is drawn against the Kappus–Wegner value ``105.045``).
    W : float
        Box disorder strength of the data (for the legend).
    exact : tuple of arrays, optional
        ``(E, xi W^2)`` from the all-orders invariant-measure solution, drawn as crosses.
    """
    fig, ax = new_figure()
    e = np.linspace(-1.9, 1.9, 400)
    ax.plot(e, 24 * (4 - e ** 2), color=COLORS[1], label=r"Thouless $24(4-E^2)$")
    ax.errorbar(energies, xi_w2, yerr=xi_w2_err, fmt="o", ms=4, capsize=2, color=COLORS[0],
                label=rf"transfer matrix, $W={W:g}$", zorder=3)
    kw = 1.0 / ta.lyapunov_1d_band_centre(1.0)
    ax.plot([0.0], [kw], marker="*", ms=10, ls="none", color=COLORS[2],
            label=rf"band centre: Kappus–Wegner ${kw:.2f}$")
    if exact is not None:
        ax.plot(exact[0], exact[1], marker="x", ms=6, ls="none", color=COLORS[3],
                label="invariant measure (all orders)")
    ax.set_xlim(-2, 2)
    ax.set_ylim(0, 110)
    ax.set_xlabel(r"energy $E$ ($t$)")
    ax.set_ylabel(r"$\xi\,W^2$ (lattice constants $\times\,t^2$)")
    ax.legend(fontsize="x-small", loc="lower center")
    return fig, ax


@styled
def plot_mackinnon_kramer(W_values, curves, *, crossing=None, crossing_err=None, W_c=16.54,
                          Lambda_c=None):
    """MacKinnon–Kramer ratio ``Lambda = xi_M / M`` vs ``W`` for several bar widths.

    Parameters
    ----------
    W_values : array_like
        Disorder strengths.
    curves : dict
        ``{M: (Lambda, Lambda_err)}``, arrays over ``W_values``.
    crossing, crossing_err : float, optional
        Estimated crossing and its standard error (shaded band).
    W_c : float
        Literature critical disorder (dashed line).
    Lambda_c : float, optional
        Literature scale-invariant value of ``Lambda`` at ``W_c`` (dotted line).
    """
    fig, ax = new_figure()
    W_values = np.asarray(W_values, float)
    if Lambda_c is not None:
        ax.axhline(Lambda_c, color="0.5", ls=":", lw=1, label=rf"$\Lambda_c={Lambda_c:g}$")
    for i, (M, (lam, err)) in enumerate(sorted(curves.items())):
        ax.errorbar(W_values, lam, yerr=err, fmt="o-", ms=4, lw=1, capsize=2,
                    color=COLORS[i % len(COLORS)], label=rf"$M={M}$")
    ax.axvline(W_c, color="0.3", ls="--", lw=1, label=rf"$W_c={W_c}$ (Slevin–Ohtsuki)")
    if crossing is not None and crossing_err is not None and np.isfinite(crossing):
        ax.axvspan(crossing - crossing_err, crossing + crossing_err, color=COLORS[4], alpha=0.3,
                   label=rf"crossing ${crossing:.2f}\pm{crossing_err:.2f}$")
    ax.set_xlabel(r"disorder $W$ ($t$)")
    ax.set_ylabel(r"$\Lambda = \xi_M/M$")
    ax.legend(fontsize="x-small")
    return fig, ax


@styled
def plot_ioffe_regel(W_values, kfl, curves, *, W_ir, target=0.5):
    """2D strips: ``Lambda = xi_M/M`` (sheet conductance per spin, ``e^2/h``) and ``k_F l`` vs ``W``.

    Parameters
    ----------
    W_values : array_like
        Disorder strengths of the numerics.
    kfl : callable
        ``W -> k_F l`` (Born), drawn in the lower panel.
    curves : dict
        ``{M: (Lambda, Lambda_err)}`` over ``W_values``.
    W_ir : float
        Disorder where ``k_F l = 1``.
    target : float
        Ioffe–Regel conductance per spin in ``e^2/h`` (``1/2``, i.e. ``1/(2 pi) e^2/hbar``
        with spin degeneracy 2).

    Returns
    -------
    fig, axes
        The figure and its two axes (``Lambda`` on top, ``k_F l`` below).
    """
    from matplotlib.ticker import FormatStrFormatter, LogLocator

    fig, (ax, bx) = new_figure(nrows=2, aspect=1.15, sharex=True, height_ratios=[2, 1])
    W_values = np.asarray(W_values, float)
    for i, (M, (lam, err)) in enumerate(sorted(curves.items())):
        ax.errorbar(W_values, lam, yerr=err, fmt="o-", ms=4, lw=1, capsize=2,
                    color=COLORS[i % len(COLORS)], label=rf"$M={M}$")
    ax.axhline(target, color=COLORS[3], ls=":", lw=1.5,
               label=r"$k_Fl=1$: $\frac{1}{2}\,e^2/h$ per spin")
    for a in (ax, bx):
        a.axvline(W_ir, color="0.3", ls="--", lw=1)
        a.set_yscale("log")
        a.yaxis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
        a.yaxis.set_major_formatter(FormatStrFormatter("%g"))
        a.yaxis.set_minor_formatter(FormatStrFormatter(""))
    ax.set_ylabel(r"$\Lambda=\xi_M/M$ ($e^2/h$ per spin)")
    ax.legend(fontsize="x-small", loc="upper right")
    w = np.linspace(W_values.min(), W_values.max(), 200)
    bx.plot(w, [kfl(x) for x in w], color=COLORS[2], label=r"Born $k_Fl$")
    bx.axhline(1.0, color=COLORS[3], ls=":", lw=1.5)
    bx.set_ylabel(r"$k_F l$")
    bx.set_xlabel(rf"disorder $W$ ($t$); dashed: $k_Fl=1$ at $W={W_ir:.2f}$")
    return fig, (ax, bx)
