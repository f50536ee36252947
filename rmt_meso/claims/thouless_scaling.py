"""Claim: the scaling slope d ln g_Th/d ln L of 3D Anderson cubes changes sign at W_c.

Estimator, fixed before the measurement (every preset and wrong world):

* sizes: periodic L^3 cubes, L = 6 (quick; 32 realisations per disorder) or L = 6, 8, 10
  (full; 240, 72, 16), E = 0, box disorder, the L^3/4 levels nearest E = 0; g = typical
  curvature conductance exp<ln|d^2E/dθ^2|>/Δ;
* grid: W = 15, 16, 17, 18 (quick) or 15, 15.5, ..., 18 (full);
* crossing: the root of a weighted straight-line fit of ln g_L(W) - ln g_c over the grid for
  the largest L (:func:`rmt_meso.analysis.crossing`), compared with the literature W_c; from
  the same fit, ln g_L(W_c) - ln g_c;
* error: delta method on the fit, with the per-disorder standard error of <ln|c|> (the
  realisations are independent); the error of ln g_c enters in quadrature (theory error).

Resolution reached on the quick preset: sigma(W_c)/W_c = 0.9 % (0.14 on W_c = 16.54, the ln g_c
error included); the wrong worlds (all disorder x 1/1.1 and x 1/0.9: true W_c +-10 %) are
rejected at ~10σ.  ln g_c is our own calibration at the literature W_c (no literature value
exists in this convention), so the claim tests scale invariance at W_c.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ..analysis import crossing
from ..compare import zscore
from ..spectral import anderson_boundary_sensitivity
from ..theory import anderson as tha
from . import ClaimResult, claim

NAME = "thouless_scaling"
#: Disorder factors of the wrong worlds: every on-site energy is multiplied by the factor, so
#: the true critical disorder, in the nominal W of the claim, becomes W_c / factor.
WORLDS = {"W_c_plus_10pct": 1 / 1.1, "W_c_minus_10pct": 1 / 0.9}


@claim(name=NAME, title="One-parameter scaling of the Thouless conductance: β(g) changes sign at W_c",
       section="anderson",
       statement=("The Thouless conductance g_Th = E_Th/Δ of 3D box-disorder cubes (periodic, E = 0, "
                  "β = 1), measured by the typical level curvature exp<ln|∂²E/∂θ²|>/Δ, obeys "
                  "one-parameter scaling: its slope β = d ln g/d ln L, positive in the metal and "
                  "negative in the insulator (the thouless_conductance claim), vanishes at the "
                  "critical disorder W_c = 16.54(1), "
                  "where g takes a scale-invariant value g_c: the curve ln g_L(W) of a small cube "
                  "passes through the large-L critical value ln g_c at W_c."),
       references=("J. T. Edwards and D. J. Thouless, J. Phys. C 5, 807 (1972)",
                   "E. Abrahams, P. W. Anderson, D. C. Licciardello and T. V. Ramakrishnan, "
                   "Phys. Rev. Lett. 42, 673 (1979)",
                   "D. Braun, E. Hofstetter, G. Montambaux and A. MacKinnon, Phys. Rev. B 55, 7557 (1997)",
                   "K. Slevin and T. Ohtsuki, New J. Phys. 16, 015012 (2014)",
                   "J. Šuntajs, T. Prosen and L. Vidmar, Ann. Phys. 435, 168469 (2021)"),
       wrong_worlds={
           "W_c_plus_10pct": "all disorder x 1/1.1: the true W_c moves to 1.1 x 16.54 = 18.19",
           "W_c_minus_10pct": "all disorder x 1/0.9: the true W_c moves to 0.9 x 16.54 = 14.89",
       })
def run(ctx):
    from ..plot.anderson import plot_thouless_scaling
    from ..spectral import curvature_conductance, thouless_conductance

    cp = tha.critical_point(3, 1)
    scale = next((f for w, f in WORLDS.items() if ctx.wrong(w)), 1.0)
    Ws = np.array(ctx.pick((15.0, 16.0, 17.0, 18.0), (15.0, 15.5, 16.0, 16.5, 17.0, 17.5, 18.0)))
    # even sizes only (periodic cubes of odd L are not bipartite at E = 0: odd-even effect)
    sizes = ctx.pick((6,), (6, 8, 10))
    n_real = dict(zip(sizes, ctx.pick((32,), (240, 72, 16))))
    root = ctx.seed_for(NAME)

    ln_c = {}    # (W, L) -> Estimate of ln g_curv,typ
    g_et = {}    # (W, L) -> Edwards-Thouless number <|δE|>/Δ (Estimate)
    for L, seed in zip(sizes, root.spawn(len(sizes))):
        res = ctx.sweep(anderson_boundary_sensitivity,
                        [dict(L=L, W=float(W * scale), curvature=True) for W in Ws], n_real[L],
                        rng=seed)
        for W, x in zip(Ws, res.samples):
            ln_c[W, L] = curvature_conductance(x[:, 0], x[:, 2], log=True)
            g_et[W, L] = thouless_conductance(x[:, 0], x[:, 1]).g

    # estimator fixed in advance: the disorder where ln g_L(W) reaches ln g_c, root of a
    # weighted straight-line fit over the grid (rmt_meso.analysis.crossing, delta-method error;
    # the error of ln g_c enters through the fitted slope), for the largest L; from the same fit
    # ln g_L(W_c) - ln g_c (scale invariance at the literature W_c)
    found = {L: crossing(Ws, [ln_c[W, L].value for W in Ws], [ln_c[W, L].stderr for W in Ws],
                         cp.ln_g_curv_c, 0.0) for L in sizes}
    L_head = sizes[-1]
    x = found[L_head]
    d_c = x.difference_at(cp.W_c)
    gc_err_W = cp.ln_g_curv_c_err / abs(x.slope) if np.isfinite(x.slope) and x.slope else np.inf
    if x.resolved:
        head = zscore(x.value, x.stderr, cp.W_c, theory_error=gc_err_W, nsigma=4,
                      label=f"W where ln g_{L_head}(W) = ln g_c = {cp.ln_g_curv_c:g}, vs W_c")
    else:   # ln g_L(W) does not fall through ln g_c within the grid: fail, never pass
        head = replace(zscore(x.slope, x.slope_stderr, 0.0, nsigma=3,
                              label=f"ln g_{L_head}(W) does not cross ln g_c (slope vs 0)"),
                       passed=False)
    comparisons = [
        head,
        zscore(-d_c.value, d_c.stderr, 0.0, theory_error=cp.ln_g_curv_c_err, nsigma=4,
               label=f"ln g_{L_head}(W_c) - ln g_c: scale invariant at W_c = {cp.W_c:g}"),
    ]

    # one-parameter scaling plot: slopes between consecutive sizes vs ln g at their midpoint
    # (full preset); in the quick preset the slope between L and the large-L critical value
    pairs = []
    for W in Ws:
        for a, b in zip(sizes[:-1], sizes[1:]):
            da, db = ln_c[W, a], ln_c[W, b]
            d = np.log(b / a)
            pairs.append({"W": float(W), "L": [a, b], "ln_g": 0.5 * (da.value + db.value),
                          "ln_g_err": 0.5 * float(np.hypot(da.stderr, db.stderr)),
                          "beta": (db.value - da.value) / d,
                          "beta_err": float(np.hypot(da.stderr, db.stderr)) / d})
    y = np.array([ln_c[W, L_head].value for W in Ws])
    ye = np.array([ln_c[W, L_head].stderr for W in Ws])
    fig = ctx.plot(plot_thouless_scaling, pairs, Ws, y - cp.ln_g_curv_c, ye, W_c=cp.W_c,
                                   W_star=x.value if np.isfinite(x.value) else None,
                                   W_star_err=x.stderr if np.isfinite(x.stderr) else None,
                                   allowance=None, fit_sizes=[L_head],
                                   ylabel=rf"$\ln g_{{{L_head}}} - \ln g_c$", curve_label="measured")

    def clean(v):
        return None if not np.isfinite(v) else float(v)

    i_c = int(np.argmin(np.abs(Ws - cp.W_c)))
    details = {
        "W": Ws.tolist(), "sizes": list(sizes), "disorder_scale": scale,
        "realisations_per_W": {str(L): n_real[L] for L in sizes}, "levels_per_realisation": "L^3/4",
        "ln_g_curv_typ": {f"W={W:g}": [ln_c[W, L].value for L in sizes] for W in Ws},
        "ln_g_curv_typ_err": {f"W={W:g}": [ln_c[W, L].stderr for L in sizes] for W in Ws},
        "ln_g_c": cp.ln_g_curv_c, "ln_g_c_err": cp.ln_g_curv_c_err,
        "ln_g_c_source": cp.ln_g_curv_c_reference,
        "W_at_g_c": {str(L): [clean(found[L].value), clean(found[L].stderr)] for L in sizes},
        "slope_dlng_dW": {str(L): [clean(found[L].slope), clean(found[L].slope_stderr)] for L in sizes},
        "chi2_dof": {str(L): [found[L].chi2, found[L].dof] for L in sizes},
        "g_c_error_in_W": clean(gc_err_W), "ln_g_at_W_c_minus_ln_g_c": [-d_c.value, d_c.stderr],
        "resolution_W_c_fraction": clean(float(np.hypot(x.stderr, gc_err_W)) / cp.W_c),
        "pair_slopes": pairs, "W_c_literature": cp.W_c,
        # the Thouless number near W_c (no theory value: the Thouless criterion g_c ~ 1 is an
        # order of magnitude), shown, not checked
        f"thouless_number_at_W={Ws[i_c]:g}": {str(L): [g_et[Ws[i_c], L].value,
                                                       g_et[Ws[i_c], L].stderr] for L in sizes},
    }
    note = (
        f"Periodic L^3 cubes, box disorder, E = 0, the L^3/4 levels nearest E = 0 per realisation "
        f"(Δ from their span); L = {', '.join(map(str, sizes))} with "
        f"{', '.join(str(n_real[L]) for L in sizes)} realisations per disorder. g = typical "
        f"curvature conductance exp<ln|c|>/Δ, c = ∂²E/∂θ² at θ_x = 0 (exact second-order "
        f"perturbation theory); monotonic in W and not saturating in the metal, unlike the "
        f"index-matched Edwards-Thouless shift. Estimator fixed before the measurement, for every "
        f"preset and world: the disorder where ln g_L(W) reaches the scale-invariant critical "
        f"value ln g_c = {cp.ln_g_curv_c:g} ± {cp.ln_g_curv_c_err:g} (root of a weighted "
        f"straight-line fit over W = {', '.join(f'{w:g}' for w in Ws)}, "
        f"rmt_meso.analysis.crossing, delta-method error; the error of ln g_c enters through the "
        f"fitted slope), compared with W_c without allowance; from the same fit "
        f"ln g_L(W_c) - ln g_c. Source of ln g_c: {cp.ln_g_curv_c_reference}. This is "
        f"one-parameter scaling tested as scale invariance at W_c (beta = 0 between L and the "
        f"large-L cubes); the sign change of beta between two small sizes is not resolved in the "
        f"time of a quick run (ln g_8 - ln g_6 changes by only ~0.05 per unit W while a single "
        f"ln g_L changes by ~0.25; L = 6/8 pairs with 40/10 realisations put W* at 13.5 ± 5.9), "
        f"and L = 4 is excluded (its crossing with L = 6 lies near W = 14, an irrelevant-scaling "
        f"shift of ~15 %), odd L too (odd-even effect at E = 0). The full preset shows W at g_c "
        f"for L = 6, 8, 10 (convergence) and the pairwise slopes. The Thouless number "
        f"<|δE|>/Δ near W_c is in details (no theory value: g_c ~ 1 is an order of magnitude). "
        f"Resolution reached: σ(W)/W_c = {float(np.hypot(x.stderr, gc_err_W)) / cp.W_c:.1%} "
        f"(ln g_c error included).")
    return ClaimResult(x.value if np.isfinite(x.value) else float("nan"),
                       x.stderr if np.isfinite(x.stderr) else float("nan"), cp.W_c,
                       comparisons, figure=fig, unit="t", details=details, note=note)
