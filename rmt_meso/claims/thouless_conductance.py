"""Claim: the Thouless conductance grows with L in the 3D metal and decays in the insulator."""

from __future__ import annotations

import numpy as np

from .._validate import ConvergenceError
from ..compare import interval
from ..spectral import anderson_boundary_sensitivity
from ..theory import anderson as tha
from . import ClaimResult, claim

NAME = "thouless_conductance"
W_METAL, W_INSULATOR = 8.0, 30.0


def log_slope(L, g, g_err):
    """Weighted least-squares slope of ``ln g`` vs ``ln L``: (slope, stderr, intercept)."""
    x = np.log(np.asarray(L, dtype=float))
    y = np.log(np.asarray(g, dtype=float))
    w = (np.asarray(g, dtype=float) / np.asarray(g_err, dtype=float)) ** 2
    A = np.vstack([x, np.ones_like(x)]).T
    cov = np.linalg.inv(A.T @ (A * w[:, None]))
    p = cov @ (A.T @ (w * y))
    chi2 = float(np.sum(w * (y - A @ p) ** 2))
    dof = max(x.size - 2, 1)
    scale = max(1.0, np.sqrt(chi2 / dof))   # inflate when the power law fits worse than noise
    return float(p[0]), float(np.sqrt(cov[0, 0]) * scale), float(p[1])


@claim(name=NAME, title="Thouless conductance: growth in the metal, decay in the insulator",
       section="anderson",
       statement=("The Thouless conductance g_Th = E_Th/Δ, the sensitivity of the levels to the "
                  "boundary condition in units of the level spacing (level curvature <|∂²E/∂θ²|>/Δ, "
                  "Edwards-Thouless shift <|E(π) - E(0)|>/Δ), grows with L in the 3D metal "
                  "(d ln g/d ln L > 0, g ~ σ L^(d-2)) and decays in the insulator (d ln g/d ln L < 0, "
                  "g ~ exp(-2L/ξ)). A genuine inequality of the scaling theory (the sign of "
                  "β(g) = d ln g/d ln L on either side of the transition), without a theory value."),
       references=("J. T. Edwards and D. J. Thouless, J. Phys. C 5, 807 (1972)",
                   "D. J. Thouless, Phys. Rep. 13, 93 (1974)",
                   "E. Akkermans and G. Montambaux, Phys. Rev. Lett. 68, 642 (1992)",
                   "J. Šuntajs, T. Prosen and L. Vidmar, Ann. Phys. 435, 168469 (2021)"),
       inequality=True,
       wrong_worlds={
           "disorder_x2.5": "all disorder x 2.5: the 'metal' W = 8 becomes W = 20 > W_c (insulating)",
           "disorder_x0.4": "all disorder x 0.4: the 'insulator' W = 30 becomes W = 12 < W_c (metallic)",
       })
def run(ctx):
    from ..plot.anderson import plot_thouless_conductance
    from ..spectral import curvature_conductance, thouless_conductance

    # even L only: at E = 0 periodic cubes of odd L are not bipartite (odd-even effect)
    sizes = {W_METAL: ctx.pick((4, 8), (4, 6, 8, 10)),
             W_INSULATOR: ctx.pick((4, 6), (4, 6, 8, 10))}
    # realisations per size: the small cubes fluctuate most and cost least
    n_real = {W_METAL: ctx.pick({4: 96, 8: 12}, dict.fromkeys((4, 6, 8, 10), 72)),
              W_INSULATOR: ctx.pick({4: 48, 6: 48}, dict.fromkeys((4, 6, 8, 10), 72))}
    scale = 2.5 if ctx.wrong("disorder_x2.5") else 0.4 if ctx.wrong("disorder_x0.4") else 1.0
    root = ctx.seed_for(NAME)
    est, unresolved = {}, []
    for W, seed in zip((W_METAL, W_INSULATOR), root.spawn(2)):
        curv = W == W_METAL
        for L, s in zip(sizes[W], seed.spawn(len(sizes[W]))):
            res = ctx.sweep(anderson_boundary_sensitivity, [dict(L=L, W=W * scale, curvature=curv)], n_real[W][L], rng=s)
            x = res.samples[0]
            try:
                est[W, L, "shift"] = thouless_conductance(x[:, 0], x[:, 1])
            except ConvergenceError:
                # shifts below double-precision round-off (g_ET < ~1e-12): an insulator too deep
                # for its size to be resolved; that size is left out of the fit (details say so)
                unresolved.append((W * scale, L))
            if curv:
                est[W, L, "curv"] = curvature_conductance(x[:, 0], x[:, 2])
                est[W, L, "curv_typ"] = curvature_conductance(x[:, 0], x[:, 2], log=True)
                est[W, L, "abs_c"] = float(np.mean(np.abs(x[:, 2])))

    # typical values (log averages): the self-averaging quantity in the insulator and the
    # low-noise one for the heavy-tailed curvatures of the metal
    curves, slopes, fits, Ls = {}, {}, {}, {}
    for W, kind, name in ((W_METAL, "curv_typ", "curvature"), (W_METAL, "shift", "level shift"),
                          (W_INSULATOR, "shift", "level shift")):
        label = f"W={W:g}, {name}"
        sizes_used = [L for L in sizes[W] if (W, L, kind if kind != "curv_typ" else "curv") in est]
        if len(sizes_used) < 2 and (W, kind) == (W_METAL, "shift"):
            continue                                # drawn for comparison only
        if len(sizes_used) < 2:
            raise ConvergenceError(f"{label}: fewer than two sizes with level shifts above round-off "
                                   f"(unresolved: {unresolved}); use smaller sizes or less disorder")
        if kind == "curv_typ":
            y = np.array([est[W, L, kind].value for L in sizes_used])
            ye = np.array([est[W, L, kind].stderr for L in sizes_used])
            mean = [est[W, L, "curv"].value for L in sizes_used]
        else:
            y = np.array([est[W, L, kind].ln_g_typ.value for L in sizes_used])
            ye = np.array([est[W, L, kind].ln_g_typ.stderr for L in sizes_used])
            mean = [est[W, L, kind].g.value for L in sizes_used]
        g, ge = np.exp(y), np.exp(y) * ye
        curves[label], Ls[label] = (g, ge), sizes_used
        s, se, c = log_slope(sizes_used, g, ge)
        slopes[label] = (s, se, c)
        fits[label] = {"g_typ": g.tolist(), "g_typ_err": ge.tolist(), "g_mean": mean,
                       "slope": s, "slope_err": se}

    sm, sme, _ = slopes[f"W={W_METAL:g}, curvature"]
    si, sie, _ = slopes[f"W={W_INSULATOR:g}, level shift"]
    # Thouless energy from the Born diffusion constant (ħ = t = a = 1)
    D = float(tha.diffusion_constant(0.0, W_METAL, 3))
    L_max = int(sizes[W_METAL][-1])
    ratio = est[W_METAL, L_max, "abs_c"] / (D / L_max**2)
    comparisons = [
        interval(sm, 4 * sme, np.inf, stderr=sme,
                 label=f"metal W={W_METAL:g}: d ln g_curv/d ln L > 4σ (grows)"),
        interval(-si, 4 * sie, np.inf, stderr=sie,
                 label=f"insulator W={W_INSULATOR:g}: -d ln g_ET/d ln L > 4σ (decays)"),
    ]
    fig = ctx.plot(plot_thouless_conductance, Ls, curves, slopes=slopes,
                                       ylabel=r"typical $g_{\mathrm{Th}} = e^{\langle\ln(\cdot)\rangle}/\Delta$")
    details = {
        "sizes": {f"W={W:g}": list(v) for W, v in sizes.items()},
        "realisations": {f"W={W:g}": {str(L): n for L, n in v.items()} for W, v in n_real.items()},
        "levels_per_realisation": "L^3/4", "fits": fits, "D_born": D,
        "abs_curvature_over_E_Th": ratio,
    }
    note = (f"Periodic L^3 cubes, box disorder, the L^3/4 levels nearest E = 0 (Δ from their span); "
            f"twist θ on the x boundary bonds. Curvatures from exact second-order perturbation "
            f"theory (one dense diagonalisation), Edwards-Thouless shifts between θ = 0 and π with "
            f"levels matched by index. g is the typical value exp<ln(.)>/Δ (self-averaging in the "
            f"insulator; the curvature mean has a |c|^-3 tail); arithmetic means are in details. "
            f"Slopes: weighted fits of ln g vs ln L, errors inflated by sqrt(chi2/dof) when above 1 (two sizes in the quick preset: the exact two-point slope). The metal is W = {W_METAL:g}, not W = 4: at W = 4 the "
            f"mean free path (Born l = 2.2) is comparable to L <= 8 and g_curv(L) is non-monotonic "
            f"(shell effects of the clean cube: 4.1, 3.4, 2.9, 3.9, 5.3 for L = 4..8); at "
            f"W = 8 (l = 0.55) the cubes are diffusive, with g ~ 1, so the slope is below the "
            f"deep-metal value d - 2 = 1. The Edwards-Thouless shift saturates at ~Δ in a metal "
            f"(levels with the same index cannot move past their neighbours), so it is used for "
            f"the insulator and shown for the metal only for comparison; the curvature does not "
            f"saturate. Declared inequality (no theory value): the verdict is the sign of the "
            f"slope at 4σ on each side of the transition; the wrong worlds scale all disorder so "
            f"that the 'metal' is insulating (x2.5) or the 'insulator' metallic (x0.4). Only even L "
            f"(odd-even effect of periodic cubes at E = 0). Not a check: <|c|>/E_Th with "
            f"E_Th = D_Born/L² is {ratio:.2f} (details); the Born D at k_F l = 1.7 is only an "
            f"estimate and the ratio's prefactor depends on the curvature convention, so it has "
            f"no theory value to be held to."
            + (f" Left out of the fits, their level shifts below double-precision round-off "
               f"(too deep in the insulator for their size): (W, L) = {unresolved}." if unresolved else ""))
    details["disorder_scale"] = scale
    details["unresolved_W_L"] = [list(u) for u in unresolved]
    return ClaimResult(sm, sme, float("nan"), comparisons, figure=fig, unit="",
                       details=details, note=note)
