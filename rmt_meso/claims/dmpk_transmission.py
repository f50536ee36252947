"""Claim: bimodal distribution of transmission eigenvalues of a diffusive wire and Fano factor 1/3."""

from __future__ import annotations

import math

import numpy as np

from ..compare import chi2_test, zscore
from ..theory import wire as tw
from .._blas import single_threaded_blas
from . import ClaimResult, claim

NAME = "dmpk_transmission"
#: window of T where the large-N density is compared (finite-N structure lies outside it:
#: the repulsion of the largest T_n from 1 and the exponentially small T_n near T_min)
T_WINDOW = (0.02, 0.95)


def _sample(rng, n, *, width, length, W, energy):
    """Transmission eigenvalues of ``n`` wire realisations, shape ``(n, N)`` (ascending)."""
    from ..transport import Wire
    template = Wire(width, length, W=W)
    with single_threaded_blas():   # small slices: BLAS threads only synchronise
        return np.stack([template.realisation(rng).transmission_eigenvalues(energy)
                         for _ in range(n)])


def ratio_of_means(a, b):
    """``mean(a)/mean(b)`` and its delta-method standard error (paired samples)."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    n = a.size
    ma, mb = a.mean(), b.mean()
    r = ma / mb
    c = np.cov(a, b, ddof=1)
    var = (c[0, 0] - 2 * r * c[0, 1] + r**2 * c[1, 1]) / (n * mb**2)
    return float(r), float(math.sqrt(max(var, 0.0)))


@claim(name=NAME, title="Bimodal transmission eigenvalues and Fano factor 1/3 of a diffusive wire",
       section="wires",
       statement=("The transmission eigenvalues of a diffusive wire (l << L << N l) have the "
                  "bimodal density rho(T) = (N l / 2L) / (T sqrt(1 - T)) (Dorokhov; DMPK): "
                  "most channels are closed, a fraction ~ l/L is open. Hence the shot-noise "
                  "Fano factor sum T(1-T)/sum T = 1/3, up to O(1/g) weak-localization terms "
                  "(de Jong & Beenakker)."),
       references=("O. N. Dorokhov, Solid State Commun. 51, 381 (1984)",
                   "C. W. J. Beenakker and M. Büttiker, Phys. Rev. B 46, 1889 (1992)",
                   "K. E. Nagaev, Phys. Lett. A 169, 103 (1992)",
                   "M. J. M. de Jong and C. W. J. Beenakker, Phys. Rev. B 46, 13400 (1992)",
                   "C. W. J. Beenakker, Rev. Mod. Phys. 69, 731 (1997), Sec. IV"))
def run(ctx):
    from scipy.optimize import brentq

    from ..plot.wires import plot_transmission_density

    # energy mid-way between subband thresholds (M = 24: 0.634, M = 48: 0.609)
    width, length, W, energy = ctx.pick(24, 48), ctx.pick(36, 72), 2.0, ctx.pick(0.634, 0.609)
    n = ctx.pick(600, 4000)
    res = ctx.sweep(_sample, dict(width=width, length=length, W=W, energy=energy), n,
                    rng=ctx.seed_for(NAME))
    tn = res.samples[0]
    n_ch = tn.shape[1]
    g = tn.sum(axis=1)
    noise = (tn * (1 - tn)).sum(axis=1)
    fano, fano_err = ratio_of_means(noise, g)
    g_mean = float(g.mean())
    fano_th = tw.fano_factor_wire(g_mean, 1)

    # s = L/l of the density from the Drude conductance g_D = <g> + 1/3 = N tanh(s)/s
    g_drude = g_mean - tw.wl_correction(1)
    s = brentq(lambda x: n_ch * math.tanh(x) / x - g_drude, 1e-6, 1e4)

    # shape of rho(T) inside the window: parameter free (the density is ~ 1/(T sqrt(1-T))
    # for T >= T_min), compared by chi-square with the counts normalised in the window
    lo, hi = T_WINDOW
    t = tn.ravel()
    inside = t[(t >= lo) & (t < hi)]
    edges = np.linspace(lo, hi, 19)
    counts, _ = np.histogram(inside, edges)
    expected = np.diff(tw.diffusive_transmission.cdf(edges, s))
    expected = expected * counts.sum() / expected.sum()

    comparisons = [
        zscore(fano, fano_err, 1 / 3, theory_error=abs(fano_th - 1 / 3), nsigma=4,
               label="Fano factor vs 1/3 (band: O(1/g) WL terms)"),
        zscore(fano, fano_err, fano_th, theory_error=abs(fano_th - 1 / 3) / g_mean, nsigma=4,
               label="Fano factor vs 1/3 + O(1/g) WL terms (band: next order, O(1/g^2))"),
        chi2_test(counts, expected, label=f"rho(T) ~ 1/(T sqrt(1-T)) on [{lo}, {hi})"),
    ]
    fig, _ = plot_transmission_density(t, n_channels=n_ch, s=s, n_samples=n)
    return ClaimResult(
        value=fano, error=fano_err, theory=1 / 3, comparisons=comparisons, figure=fig, unit="",
        details={"width": width, "length": length, "W": W, "energy": energy, "samples": n,
                 "n_channels": int(n_ch), "mean_g": g_mean, "s_L_over_l": s,
                 "fano": fano, "fano_err": fano_err, "fano_finite_g": fano_th,
                 "fraction_in_window": float(inside.size / t.size),
                 "fraction_in_window_theory": float(tw.diffusive_transmission.cdf(hi, s)
                                                    - tw.diffusive_transmission.cdf(lo, s))},
        note=("2D Anderson strip, box disorder W = 2, beta = 1. The Fano factor is the "
              "ratio of the ensemble averages (delta-method error). At the quick preset's "
              "<g> ~ 3 the weak-localization terms of numerator and denominator shift F by "
              "+1/(15 g) ~ 0.02; the headline allows that shift as a stated band and the second "
              "comparison includes it, with the unknown next order estimated as that shift "
              "divided by g. The density test compares the shape on [0.02, 0.95) "
              "(the large-N law is parameter free there); outside it finite-N structure (the "
              "largest T_n repelled from 1) is expected. Eigenvalues of one sample repel, so "
              "bin counts fluctuate less than Poisson and the chi-square test is conservative."))
