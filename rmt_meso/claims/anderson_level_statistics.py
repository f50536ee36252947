"""Claim: level statistics cross from GOE to Poisson at the 3D Anderson transition."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ..analysis import crossing
from ..compare import zscore
from ..ensembles import Anderson
from ..spectral import spacing_ratios
from ..theory import anderson as tha
from ..theory import mean_rtilde
from ..theory.ratio import MEAN_RTILDE_LARGE_N
# threaded LAPACK on matrices of a few hundred rows only synchronises threads (10-100x slower
# on a loaded machine); realisations are independent, parallelism belongs to the sweep
from .._blas import single_threaded_blas
from . import ClaimResult, claim

NAME = "anderson_level_statistics"
#: Fraction of the spectrum (nearest E = 0) used per realisation: |E| <~ 2 near W_c.
FRACTION = 0.2
#: Disorder of the Wigner–Dyson and the Poisson checks.  At W = 100-300 neighbouring sites in
#: resonance (|eps_i - eps_j| < t, probability ~ t/W per bond) still repel: <r~> = 0.3934(19)
#: at W = 100 (L = 8), 0.3927(26) at W = 300 (L = 6), so the Poisson check uses W = 1000.
W_METAL, W_INSULATOR = 6.0, 1000.0
#: Disorder factors of the wrong worlds: every on-site energy is multiplied by the factor, so
#: the true critical disorder, in the nominal W of the claim, becomes W_c / factor.
WORLDS = {"W_c_plus_25pct": 0.8, "W_c_minus_20pct": 1.25}


def _sample(rng, n, *, L, W):
    """Per-realisation mean of r~ over the levels nearest E = 0 of a periodic L^3 cube."""
    cube = Anderson((L, L, L), W=W, boundary="periodic")
    k = max(8, int(round(FRACTION * cube.size)))
    with single_threaded_blas():
        e = cube.eigvals(n, rng=rng, k=k, target=0.0, method="dense")
    return spacing_ratios(e).mean(axis=1)


@claim(name=NAME, title="Level statistics across the 3D Anderson transition", section="anderson",
       statement=("For the cubic Anderson model (box disorder, beta = 1, levels near E = 0) the mean "
                  "spacing ratio <r~> goes from the GOE value 0.5307 in the metal to the Poisson value "
                  "2 ln 2 - 1 = 0.3863 in the insulator; at the transition it takes a scale-invariant "
                  "critical value r~_c, so the curve <r~>_L(W) of a cube of size L passes through "
                  "r~_c at the critical disorder W_c = 16.54(1) (Slevin & Ohtsuki), up to "
                  "finite-size corrections."),
       references=("K. Slevin and T. Ohtsuki, Phys. Rev. Lett. 82, 382 (1999)",
                   "K. Slevin and T. Ohtsuki, New J. Phys. 16, 015012 (2014)",
                   "B. I. Shklovskii et al., Phys. Rev. B 47, 11487 (1993)",
                   "Y. Y. Atas et al., Phys. Rev. Lett. 110, 084101 (2013)",
                   "J. Šuntajs, T. Prosen and L. Vidmar, Ann. Phys. 435, 168469 (2021)"),
       wrong_worlds={
           "W_c_plus_25pct": "all disorder x 0.8: the true W_c moves to 16.54/0.8 = 20.7",
           "W_c_minus_20pct": "all disorder x 1.25: the true W_c moves to 16.54/1.25 = 13.2",
       })
def run(ctx):
    from ..plot.anderson import plot_level_statistics_transition

    cp = tha.critical_point(3, 1)
    scale = next((f for w, f in WORLDS.items() if ctx.wrong(w)), 1.0)
    sizes = ctx.pick((6,), (6, 8, 10))
    # realisations per disorder of the crossing grid; the limits use a quarter of them
    n_real = dict(zip(sizes, ctx.pick((200,), (1000, 400, 150))))
    W_cross = np.array(ctx.pick((15.0, 16.0, 17.0, 18.0), (15.0, 15.5, 16.0, 16.5, 17.0, 17.5, 18.0)))
    W_all = np.concatenate([[W_METAL], W_cross, [W_INSULATOR]])

    root = ctx.seed_for(NAME)
    curves, found = {}, {}
    for L, seed in zip(sizes, root.spawn(len(sizes))):
        n_lim = max(n_real[L] // 4, 32)
        s_lim, s_grid = seed.spawn(2)
        lim = ctx.sweep(_sample, [dict(L=L, W=float(W * scale)) for W in (W_METAL, W_INSULATOR)],
                        n_lim, rng=s_lim)
        grid = ctx.sweep(_sample, [dict(L=L, W=float(W * scale)) for W in W_cross], n_real[L],
                         rng=s_grid)
        r = np.concatenate([[lim.mean[0]], grid.mean, [lim.mean[1]]])
        e = np.concatenate([[lim.stderr[0]], grid.stderr, [lim.stderr[1]]])
        curves[L] = (r, e)
        # estimator fixed in advance: root of a weighted straight-line fit of <r~>_L(W) - r~_c
        # over the grid (rmt_meso.analysis.crossing, delta-method error)
        found[L] = crossing(W_cross, grid.mean, grid.stderr, cp.r_tilde_c, 0.0)

    L_head = sizes[-1]
    x = found[L_head]
    rc_err_W = cp.r_tilde_c_err / abs(x.slope) if np.isfinite(x.slope) and x.slope else np.inf
    if x.resolved:
        head = zscore(x.value, x.stderr, cp.W_c, theory_error=rc_err_W, nsigma=4,
                      label=f"W where <r~>_{L_head}(W) = r~_c = {cp.r_tilde_c:g}, vs W_c")
    else:   # the curve does not fall through r~_c within the grid: fail, never pass
        head = replace(zscore(x.slope, x.slope_stderr, 0.0, nsigma=3,
                              label=f"<r~>_{L_head}(W) does not cross r~_c (slope vs 0)"), passed=False)
    # scale invariance at the literature W_c: the fitted <r~>_L(W_c) equals r~_c
    d_c = x.difference_at(cp.W_c)
    at_c = zscore(-d_c.value, d_c.stderr, 0.0, theory_error=cp.r_tilde_c_err, nsigma=4,
                  label=f"<r~>_{L_head}(W_c) - r~_c (fitted at W_c = {cp.W_c:g})")
    r_goe, r_goe_err = MEAN_RTILDE_LARGE_N[1][:2]
    r_poi = mean_rtilde(0)
    comparisons = [
        head, at_c,
        zscore(curves[L_head][0][0], curves[L_head][1][0], r_goe, theory_error=r_goe_err, nsigma=4,
               label=f"<r~> at W={W_METAL:g}, L={L_head}: GOE"),
        zscore(curves[L_head][0][-1], curves[L_head][1][-1], r_poi, nsigma=4,
               label=f"<r~> at W={W_INSULATOR:g}, L={L_head}: Poisson"),
    ]

    fig = ctx.plot(plot_level_statistics_transition,
        W_all, curves, r_wd=r_goe, r_poisson=r_poi, W_c=cp.W_c, W_c_err=cp.W_c_err,
        crossing=x.value if np.isfinite(x.value) else None,
        crossing_err=x.stderr if np.isfinite(x.stderr) else None, beta=1, r_c=cp.r_tilde_c,
        zoom=(W_cross[0], W_cross[-1]))

    def clean(v):
        return float(v) if np.isfinite(v) else None

    details = {
        "sizes": list(sizes), "W": W_all.tolist(), "disorder_scale": scale,
        "realisations_per_W": {str(L): n_real[L] for L in sizes}, "fraction_of_levels": FRACTION,
        "r_mean": {str(L): curves[L][0].tolist() for L in sizes},
        "r_err": {str(L): curves[L][1].tolist() for L in sizes},
        "r_tilde_c": cp.r_tilde_c, "r_tilde_c_err": cp.r_tilde_c_err,
        "r_tilde_c_source": cp.r_tilde_c_reference,
        "W_at_r_c": {str(L): [clean(found[L].value), clean(found[L].stderr)] for L in sizes},
        "slope_dr_dW": {str(L): [clean(found[L].slope), clean(found[L].slope_stderr)] for L in sizes},
        "chi2_dof": {str(L): [found[L].chi2, found[L].dof] for L in sizes},
        "r_c_error_in_W": clean(rc_err_W),
        "r_at_W_c_minus_r_c": [-d_c.value, d_c.stderr],
        "resolution_W_c_fraction": clean(float(np.hypot(x.stderr, rc_err_W)) / cp.W_c),
        "W_c_literature": cp.W_c,
    }
    note = (f"Periodic L^3 cubes, box disorder, the {FRACTION:.0%} of levels nearest E = 0 "
            f"(|E| <~ 2 near W_c, where the mobility edge W_c(E) is close to its E = 0 value). "
            f"Estimator fixed before the measurement (every preset and world): the disorder where "
            f"<r~>_L(W) reaches the scale-invariant critical value r~_c = {cp.r_tilde_c:g} ± "
            f"{cp.r_tilde_c_err:g}, root of a weighted straight-line fit over "
            f"W = {', '.join(f'{w:g}' for w in W_cross)} (rmt_meso.analysis.crossing, delta-method "
            f"error); the uncertainty of r~_c enters as theory error through the fitted slope. From "
            f"the same fit, <r~>_L(W_c) - r~_c (scale invariance at the literature W_c; it gives a "
            f"deviation in σ also where the shifted curve does not reach r~_c in the grid). "
            f"Source of r~_c: {cp.r_tilde_c_reference}. No finite-size allowance: at W = 16.54 "
            f"<r~> = 0.5136(17), 0.5146(20), 0.5158(40) for L = 4, 6, 8 (3000/600/40 realisations, "
            f"separate runs) agree with r~_c. Why not the crossing of two sizes: near W_c the "
            f"slopes d<r~>/dW are 0.0037, 0.0042, 0.0048 per unit W for L = 4, 6, 8, so two curves "
            f"separate by ~0.0006 per unit W and their crossing is not resolved in the time of a "
            f"quick run; a single size against r~_c uses the full slope. The resolution (stderr "
            f"of W over W_c, r~_c error included) is in details: about 2-3 % of W_c, so a 10 % shift "
            f"of W_c is expected at ~4-5σ only, and the declared wrong worlds move W_c by 20-25 %. "
            f"The GOE and Poisson checks use the largest L and a quarter of the realisations; "
            f"the Poisson check is at W = {W_INSULATOR:g} because resonant pairs of sites still "
            f"repel at W = 100-300.")
    return ClaimResult(x.value if np.isfinite(x.value) else float("nan"),
                       x.stderr if np.isfinite(x.stderr) else float("nan"), cp.W_c, comparisons,
                       figure=fig, unit="t", details=details, note=note)
