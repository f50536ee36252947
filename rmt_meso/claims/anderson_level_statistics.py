"""Claim: level statistics cross from GOE to Poisson at the 3D Anderson transition."""

from __future__ import annotations

import numpy as np

from ..compare import interval, zscore
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
#: Disorder of the Wigner–Dyson and the Poisson checks.  (At W = 100 resonant pairs of
#: neighbouring sites still repel: <r~> = 0.3934(19) for L = 8, 3.7σ above Poisson.)
W_METAL, W_INSULATOR = 6.0, 300.0


def _sample(rng, n, *, L, W):
    """Per-realisation mean of r~ over the levels nearest E = 0 of a periodic L^3 cube."""
    cube = Anderson((L, L, L), W=W, boundary="periodic")
    k = max(8, int(round(FRACTION * cube.size)))
    with single_threaded_blas():
        e = cube.eigvals(n, rng=rng, k=k, target=0.0, method="dense")
    return spacing_ratios(e).mean(axis=1)


def crossing_point(W, r_small, r_large):
    """Disorder where two ``<r~>(W)`` curves cross: root of a straight-line fit of their
    difference ``D(W) = r_large - r_small`` (``nan`` if the fitted slope is not negative)."""
    D = np.asarray(r_large) - np.asarray(r_small)
    slope, icpt = np.polyfit(np.asarray(W, dtype=float), D, 1)
    return float(-icpt / slope) if slope < 0 else float("nan")


def bootstrap_crossing(W, samples_small, samples_large, rng, n_boot=400):
    """Crossing and its bootstrap uncertainty (half the 16–84 % range) over realisations."""
    base = crossing_point(W, [s.mean() for s in samples_small], [s.mean() for s in samples_large])
    reps = []
    for _ in range(n_boot):
        a = [rng.choice(s, s.size).mean() for s in samples_small]
        b = [rng.choice(s, s.size).mean() for s in samples_large]
        reps.append(crossing_point(W, a, b))
    reps = np.asarray(reps)
    ok = np.isfinite(reps)
    frac_ok = float(ok.mean())
    if frac_ok < 0.9:      # slope not resolved in > 10 % of resamples: no crossing found
        return base, float("inf"), frac_ok
    lo, hi = np.percentile(reps[ok], [16, 84])
    return base, float(0.5 * (hi - lo)), frac_ok


@claim(name=NAME, title="Level statistics across the 3D Anderson transition", section="anderson",
       statement=("For the cubic Anderson model (box disorder, beta = 1, levels near E = 0) the mean "
                  "spacing ratio <r~> goes from the GOE value 0.5307 in the metal to the Poisson value "
                  "2 ln 2 - 1 = 0.3863 in the insulator; being scale invariant at the transition, the "
                  "curves <r~>(W) for different L cross at the critical disorder W_c = 16.54(1) "
                  "(Slevin & Ohtsuki), up to finite-size corrections."),
       references=("K. Slevin and T. Ohtsuki, Phys. Rev. Lett. 82, 382 (1999)",
                   "K. Slevin and T. Ohtsuki, New J. Phys. 16, 015012 (2014)",
                   "B. I. Shklovskii et al., Phys. Rev. B 47, 11487 (1993)",
                   "Y. Y. Atas et al., Phys. Rev. Lett. 110, 084101 (2013)"))
def run(ctx):
    from ..plot.anderson import plot_level_statistics_transition

    cp = tha.critical_point(3, 1)
    quick = ctx.preset == "quick"
    sizes = ctx.pick((6, 8), (6, 8, 10, 12))
    n_real = dict(zip(sizes, ctx.pick((80, 32), (1500, 500, 160, 40))))
    W_cross = np.array(ctx.pick((12.0, cp.W_c, 24.0), (12.0, 15.0, cp.W_c, 18.0, 21.0, 24.0)))
    W_all = np.concatenate([[W_METAL], W_cross, [W_INSULATOR]])
    i_c = 1 + int(np.argmin(np.abs(W_cross - cp.W_c)))
    # finite-size allowance on the crossing (full preset; see note)
    allowance = 2.0

    root = ctx.seed_for(NAME)
    samples = {}
    for L, seed in zip(sizes, root.spawn(len(sizes))):
        res = ctx.sweep(_sample, [dict(L=L, W=float(W)) for W in W_all], n_real[L], rng=seed)
        samples[L] = res.samples
    curves = {L: (np.array([s.mean() for s in samples[L]]),
                  np.array([s.std(ddof=1) / np.sqrt(s.size) for s in samples[L]])) for L in sizes}

    # headline pair: the largest size against one two steps below it in the full preset; the
    # larger lever arm doubles the slope of their difference near W_c (L^(1/ν) scaling)
    small, large = ctx.pick((6, 8), (8, 12))
    r_goe, r_goe_err = MEAN_RTILDE_LARGE_N[1][:2]
    r_poi = mean_rtilde(0)
    # scale invariance at W_c: <r~> of the two largest sizes agree there
    d_c = curves[large][0][i_c] - curves[small][0][i_c]
    d_c_err = float(np.hypot(curves[large][1][i_c], curves[small][1][i_c]))
    scale_inv = zscore(d_c, d_c_err, 0.0, nsigma=4,
                       label=f"<r~>(L={large}) - <r~>(L={small}) at W_c = {cp.W_c:g}: scale invariant")
    limits = [
        zscore(curves[large][0][0], curves[large][1][0], r_goe, theory_error=r_goe_err, nsigma=4,
               label=f"<r~> at W={W_METAL:g}, L={large}: GOE"),
        zscore(curves[large][0][-1], curves[large][1][-1], r_poi, nsigma=4,
               label=f"<r~> at W={W_INSULATOR:g}, L={large}: Poisson"),
    ]

    Wx = Wx_err = float("nan")
    frac_ok = None
    pairs = {}
    if quick:
        comparisons = [scale_inv] + limits
        value, error, theory = d_c, d_c_err, 0.0
    else:
        boot_rng = np.random.default_rng(root.spawn(1)[0])
        sl = slice(1, 1 + W_cross.size)
        Wx, Wx_err, frac_ok = bootstrap_crossing(W_cross, samples[small][sl], samples[large][sl],
                                                 boot_rng)
        for a, b in zip(sizes[:-1], sizes[1:]):
            x = crossing_point(W_cross, curves[a][0][sl], curves[b][0][sl])
            pairs[f"{a}/{b}"] = x if np.isfinite(x) else None
        if np.isfinite(Wx) and np.isfinite(Wx_err):
            half = 4.0 * Wx_err + allowance
            head = interval(Wx, cp.W_c - half, cp.W_c + half, stderr=Wx_err, theory=cp.W_c,
                            label=f"crossing W_x of L={small},{large} within W_c ± (4σ + {allowance:g})")
        else:   # no crossing resolved: the claim fails, it does not pass on an infinite interval
            head = interval(1e300, cp.W_c - allowance, cp.W_c + allowance, theory=cp.W_c,
                            label=f"crossing of L={small},{large} NOT resolved by the bootstrap")
        comparisons = [head, scale_inv] + limits
        value, error, theory = Wx, Wx_err, cp.W_c

    fig, _ = plot_level_statistics_transition(
        W_all, curves, r_wd=r_goe, r_poisson=r_poi, W_c=cp.W_c, W_c_err=cp.W_c_err,
        crossing=Wx if np.isfinite(Wx) else None,
        crossing_err=Wx_err if np.isfinite(Wx_err) else None, beta=1)

    def clean(x):
        return float(x) if np.isfinite(x) else None

    details = {
        "sizes": list(sizes), "W": W_all.tolist(), "realisations": {str(L): n_real[L] for L in sizes},
        "fraction_of_levels": FRACTION,
        "r_mean": {str(L): curves[L][0].tolist() for L in sizes},
        "r_err": {str(L): curves[L][1].tolist() for L in sizes},
        "difference_at_W_c": d_c, "difference_at_W_c_err": d_c_err,
        "crossing": clean(Wx), "crossing_err": clean(Wx_err),
        "bootstrap_resolved_fraction": frac_ok, "pair_crossings": pairs,
        "finite_size_allowance": None if quick else allowance, "W_c_literature": cp.W_c,
    }
    common = (f"Periodic L^3 cubes, box disorder, the {FRACTION:.0%} of levels nearest E = 0 "
              f"(|E| <~ 2 near W_c, where the mobility edge W_c(E) is close to its E = 0 value). "
              f"The GOE and Poisson checks use the largest L. The approach to Poisson is slow: "
              f"neighbouring sites in resonance still repel, <r~> = 0.3934(19) at W = 100 for L = 8 "
              f"(3.7σ above Poisson), so the Poisson check uses W = {W_INSULATOR:g}. ")
    if quick:
        note = common + (
            "Quick preset: cubes of L = 6 and 8 cannot locate the crossing within a few seconds "
            "(near W_c the curves differ by ~0.001 per unit of W, below the statistical error "
            "0.005 of the quick sample), so the quick headline is the weaker statement that the "
            "two sizes agree at the literature W_c (scale invariance), next to the GOE and Poisson "
            "limits; the crossing itself, with a bootstrap error, is the headline of --full.")
    else:
        note = common + (
            f"The crossing is the root of a straight-line fit of <r~>_{large} - <r~>_{small} over "
            f"W = {', '.join(f'{w:g}' for w in W_cross)}; its uncertainty is the bootstrap "
            f"(realisations resampled) half 16-84 % range. Finite-size allowance {allowance:g}: "
            f"for such small cubes irrelevant-scaling corrections move the crossing; in our "
            f"full-preset run (seed 20261127) the pairwise straight-line crossings were 14.5 "
            f"(L = 6/8), 15.0 (8/10) and 16.5 (10/12), i.e. up to 2 below W_c and drifting "
            f"towards it with L. The verdict is 'consistent with W_c', not a precision estimate "
            f"(the transfer-matrix MacKinnon-Kramer claim is that).")
    return ClaimResult(value if np.isfinite(value) else float("nan"),
                       error if np.isfinite(error) else float("nan"), theory, comparisons,
                       figure=fig, unit="" if quick else "t", details=details, note=note)
