"""Claim: level statistics cross from GOE to Poisson at the 3D Anderson transition.

Estimator, fixed before the measurement (every preset and wrong world):

* sizes: periodic L^3 cubes, L = 6 (quick; 900 realisations per disorder) or L = 6, 8, 10
  (full; 600, 240, 90), box disorder, the 20 % of the levels nearest E = 0;
* grid: the geometric ladder W = W_c * 1.1**(i/m), i = -m..m (quick m = 1: 15.04, 16.54,
  18.19; full m = 3: seven points over the same range);
* crossing: the root of a weighted straight-line fit of <r~>_L(W) - r~_c over the grid for
  the largest L (:func:`rmt_meso.analysis.crossing`), compared with the literature W_c; from
  the same fit, <r~>_L(W_c) - r~_c;
* error: delta method on the fit (the per-disorder standard error of the realisation means),
  with the error of r~_c added in quadrature as theory error (through the fitted slope).

Resolution reached on the quick preset: sigma(W_c)/W_c = 1.4 %; the wrong worlds scale every
on-site energy by 1/1.1 and 1.1 (true W_c +10 %, -9.1 %) and share the ladder with the claim,
so they re-use its samples (Context.memo) and cost only their two new disorders.
"""

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
#: The disorder grid is the geometric ladder W_c * STEP**(i/m), i = -m..m (its ends lie a
#: factor STEP from W_c); a wrong world multiplies every on-site energy by STEP**e, e = +-1,
#: so the true critical disorder, in the nominal W of the claim, moves to W_c * STEP**(-e),
#: and the actual disorder of nominal grid point i is ladder point i + e*m: a world shares
#: m + 1 of its 2m + 1 grid disorders with the claim and re-uses their samples (ctx.memo).
STEP = 1.1
#: Wrong worlds: exponent e of the disorder factor STEP**e.
WORLDS = {"W_c_plus_10pct": -1, "W_c_minus_9pct": +1}


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
           "W_c_plus_10pct": "all disorder x 1/1.1: the true W_c moves to 1.1 x 16.54 = 18.19 (+10 %)",
           "W_c_minus_9pct": ("all disorder x 1.1: the true W_c moves to 16.54/1.1 = 15.04 (-9.1 %, "
                              "a smaller shift than -10 %)"),
       })
def run(ctx):
    from ..plot.anderson import plot_level_statistics_transition

    cp = tha.critical_point(3, 1)
    e = next((v for w, v in WORLDS.items() if ctx.wrong(w)), 0)
    scale = STEP ** e
    sizes = ctx.pick((6,), (6, 8, 10))
    # realisations per disorder of the crossing grid; the GOE and Poisson checks use n_lim
    n_real = dict(zip(sizes, ctx.pick((900,), (600, 240, 90))))
    n_lim = dict(zip(sizes, ctx.pick((32,), (250, 100, 37))))
    m = ctx.pick(1, 3)

    def ladder(i):   # the same float for the same ladder point in every world (memo key)
        return float(cp.W_c * STEP ** (i / m))

    W_cross = np.array([ladder(i) for i in range(-m, m + 1)])
    W_all = np.concatenate([[W_METAL], W_cross, [W_INSULATOR]])

    curves, found = {}, {}
    for L in sizes:
        # one seeded sweep per actual disorder: the sample at a given actual W is the same in
        # the claim and in every wrong world, which re-uses it
        grid = [ctx.sweep(_sample, [dict(L=L, W=ladder(i + e * m))], n_real[L],
                          rng=ctx.seed_for(f"{NAME}/L={L}/ladder={i + e * m}/m={m}"), memo=True)
                for i in range(-m, m + 1)]
        lim = ctx.sweep(_sample, [dict(L=L, W=float(W * scale)) for W in (W_METAL, W_INSULATOR)],
                        n_lim[L], rng=ctx.seed_for(f"{NAME}/L={L}/limits/e={e}"))
        g_mean = np.array([g.mean[0] for g in grid])
        g_err = np.array([g.stderr[0] for g in grid])
        r = np.concatenate([[lim.mean[0]], g_mean, [lim.mean[1]]])
        err = np.concatenate([[lim.stderr[0]], g_err, [lim.stderr[1]]])
        curves[L] = (r, err)
        # estimator fixed in advance: root of a weighted straight-line fit of <r~>_L(W) - r~_c
        # over the grid (rmt_meso.analysis.crossing, delta-method error)
        found[L] = crossing(W_cross, g_mean, g_err, cp.r_tilde_c, 0.0)

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
        "grid_ladder": {"step": STEP, "m": m, "world_exponent": e},
        "W_c_literature": cp.W_c,
    }
    res = float(np.hypot(x.stderr, rc_err_W)) / cp.W_c
    note = (f"Periodic L^3 cubes, box disorder, the {FRACTION:.0%} of levels nearest E = 0 "
            f"(|E| <~ 2 near W_c, where the mobility edge W_c(E) is close to its E = 0 value); "
            f"L = {', '.join(map(str, sizes))} with {', '.join(str(n_real[L]) for L in sizes)} "
            f"realisations per disorder. Estimator fixed before the measurement (every preset and "
            f"world): the disorder where <r~>_L(W) of the largest L reaches the scale-invariant "
            f"critical value r~_c = {cp.r_tilde_c:g} ± {cp.r_tilde_c_err:g}, root of a weighted "
            f"straight-line fit over the geometric grid W = W_c·1.1^(i/{m}), "
            f"W = {', '.join(f'{w:.2f}' for w in W_cross)} (rmt_meso.analysis.crossing, "
            f"delta-method error); the uncertainty of r~_c enters as theory error through the "
            f"fitted slope. From the same fit, <r~>_L(W_c) - r~_c (scale invariance at the "
            f"literature W_c; it gives a deviation in σ also where a shifted curve does not reach "
            f"r~_c in the grid). Resolution reached: σ(W)/W_c = {res:.1%} (r~_c error included). "
            f"Source of r~_c: {cp.r_tilde_c_reference}. No finite-size allowance: at W = 16.54 "
            f"<r~> = 0.5136(17), 0.5146(20), 0.5158(40) for L = 4, 6, 8 (3000/600/40 realisations, "
            f"separate runs) agree with r~_c. Why not the crossing of two sizes: near W_c the "
            f"slopes d<r~>/dW are 0.0037, 0.0042, 0.0048 per unit W for L = 4, 6, 8, so two curves "
            f"separate by ~0.0006 per unit W and their crossing is not resolved in the time of a "
            f"quick run; a single size against r~_c uses the full slope. Wrong worlds: every "
            f"on-site energy x 1/1.1 and x 1.1 (true W_c +10 % and -9.1 %, the log-symmetric pair; "
            f"-9.1 % is a smaller shift than -10 %); they lie on the grid's ladder, so each re-uses "
            f"the samples of the {m + 1} disorders it shares with the claim. The +10 % world is the "
            f"weaker one: there the grid samples the flatter metallic side of <r~>(W) (slope "
            f"0.0027(7) instead of 0.0049(7) at L = 6), so <r~>_L(W_c) - r~_c is only ~0.006, "
            f"about 6σ. The GOE "
            f"and Poisson checks use the largest L and {n_lim[L_head]} realisations; the Poisson "
            f"check is at W = {W_INSULATOR:g} because resonant pairs of sites still repel at "
            f"W = 100-300.")
    return ClaimResult(x.value if np.isfinite(x.value) else float("nan"),
                       x.stderr if np.isfinite(x.stderr) else float("nan"), cp.W_c, comparisons,
                       figure=fig, unit="t", details=details, note=note)
