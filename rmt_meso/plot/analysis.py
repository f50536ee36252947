"""The figure of :class:`rmt_meso.spectral.analysis.SpectrumAnalysis`: diagnostics and statistics."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ..theory import correlations as thc
from ..theory.interpolating import brody
from ..theory.ratio import ratio_law
from ..theory.spacing import spacing_law
from ._style import COLORS, new_figure, styled

if TYPE_CHECKING:
    from ..spectral.analysis import SpectrumAnalysis

__all__ = ["plot_spectrum_analysis"]

_NAMES = {0: "Poisson", 1: "GOE", 2: "GUE", 4: "GSE"}


def _hist(values, bins, rng):
    d, edges = np.histogram(values, bins=bins, range=rng, density=True)
    counts, _ = np.histogram(values, bins=bins, range=rng)
    width = edges[1] - edges[0]
    err = np.sqrt(np.maximum(counts, 1)) / (values.size * width)
    return 0.5 * (edges[1:] + edges[:-1]), d, err


@styled
def plot_spectrum_analysis(res: SpectrumAnalysis, *, classes: Sequence[int] = (0, 1, 2, 4)) -> tuple[Any, Any]:
    r"""Eight panels: unfolding diagnostics, P(r~), P(s), Sigma^2, Delta_3 and K(tau) against theory.

    Parameters
    ----------
    res : SpectrumAnalysis
        From :func:`rmt_meso.spectral.analyse_spectrum`.
    classes : sequence of {0, 1, 2, 4}
        Reference classes drawn in the statistics panels.

    Returns
    -------
    fig, axes
        (a) staircase and its smooth fit (first spectrum); (b) staircase minus fit;
        (c) mean unfolded spacing per bulk window with errors (should be 1); (d) folded ratio
        histogram with the Atas laws; (e) spacing histogram with the exact Gaudin-Mehta laws,
        Poisson and the Brody fit; (f) Sigma^2(L); (g) Delta_3(L); (h) connected K(tau).
        Points carry one-sigma errors.
    """
    fig, axes = new_figure("double", aspect=0.5, nrows=2, ncols=4)
    ax = axes.ravel()
    e, n, nfit = res.staircase
    ax[0].step(e, n, where="post", color="0.5", lw=0.6, label="N(E)")
    ax[0].plot(e, nfit, color=COLORS[0], lw=1.0, label=f"fit ({res.unfolding})")
    ax[0].set_xlabel("E")
    ax[0].set_ylabel("N(E)")
    ax[0].legend(fontsize="xx-small", frameon=False)
    ax[1].plot(e, n - nfit, color=COLORS[1], lw=0.6)
    ax[1].axhline(0, color="0.3", lw=0.5)
    ax[1].set_xlabel("E")
    ax[1].set_ylabel(r"$N - N_{\rm fit}$")
    w = res.window_spacing
    ax[2].errorbar(np.arange(len(w)) + 0.5, [x.value for x in w], yerr=[x.stderr for x in w], fmt="o", ms=3,
                   color=COLORS[0])
    ax[2].axhline(1.0, color="0.3", lw=0.6)
    ax[2].set_xlabel("bulk window")
    ax[2].set_ylabel(r"mean spacing")
    r = np.concatenate([np.minimum(np.diff(v)[1:] / np.diff(v)[:-1], np.diff(v)[:-1] / np.diff(v)[1:])
                        for v in res.levels])
    c, d, err = _hist(r, 25, (0.0, 1.0))
    ax[3].errorbar(c, d, yerr=err, fmt="o", ms=2, color="k", label="data")
    grid = np.linspace(0, 1, 300)
    for i, b in enumerate(classes):
        ax[3].plot(grid, ratio_law(b).pdf(grid), color=COLORS[(i + 1) % len(COLORS)], lw=1, label=_NAMES[b])
    ax[3].set_xlabel(r"$\tilde r$")
    ax[3].set_ylabel(r"$P(\tilde r)$")
    ax[3].set_title(rf"$\beta = {res.beta.beta.value:.2f}$ [{res.beta.beta.lo:.2f}, {res.beta.beta.hi:.2f}]",
                    fontsize="x-small")
    ax[3].legend(fontsize="xx-small", frameon=False)
    s = np.concatenate(res.spacings)
    c, d, err = _hist(s, 30, (0.0, 4.0))
    ax[4].errorbar(c, d, yerr=err, fmt="o", ms=2, color="k")
    sg = np.linspace(0, 4, 300)
    for i, b in enumerate(classes):
        y = spacing_law(b).pdf(sg)
        ax[4].plot(sg, y, color=COLORS[(i + 1) % len(COLORS)], lw=1)
    if "brody" in res.laws:
        q = res.laws["brody"].estimate.value
        ax[4].plot(sg, brody.pdf(sg, q), color="0.2", ls="--", lw=1, label=f"Brody q = {q:.2f}")
        ax[4].legend(fontsize="xx-small", frameon=False)
    ax[4].set_xlabel("s")
    ax[4].set_ylabel("P(s)")
    for k, (curve, fn, lab) in enumerate(((res.sigma2, thc.number_variance, r"$\Sigma^2(L)$"),
                                          (res.delta3, thc.rigidity, r"$\Delta_3(L)$"))):
        a = ax[5 + k]
        if curve is not None:
            a.errorbar(curve.x, curve.value, yerr=curve.stderr, fmt="o", ms=2, color="k")
            lg = np.geomspace(curve.x.min(), curve.x.max(), 60)
            for i, b in enumerate(classes):
                a.plot(lg, fn(lg, b), color=COLORS[(i + 1) % len(COLORS)], lw=1)
            a.set_xscale("log")
            a.set_yscale("log")
            if k == 0 and res.departure is not None and res.departure.L_departure is not None:
                a.axvline(res.departure.L_departure, color="0.4", ls=":", lw=1)
        a.set_xlabel("L")
        a.set_ylabel(lab)
    a = ax[7]
    if res.form_factor is not None:
        kf = res.form_factor
        a.errorbar(kf.x, kf.value, yerr=kf.stderr, fmt="o", ms=2, color="k")
        tg = np.linspace(0.0, float(kf.x.max()), 300)
        for i, b in enumerate(classes):
            with np.errstate(divide="ignore"):
                a.plot(tg, np.minimum(thc.form_factor(tg, b), 2.0), color=COLORS[(i + 1) % len(COLORS)], lw=1)
    else:
        a.text(0.5, 0.5, "K(tau) needs\nseveral spectra", ha="center", va="center", transform=a.transAxes,
               fontsize="x-small")
    a.set_xlabel(r"$\tau$")
    a.set_ylabel(r"$K(\tau)$")
    return fig, axes
