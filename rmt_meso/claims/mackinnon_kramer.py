"""Claim: MacKinnon–Kramer ratios Lambda = xi_M/M of 3D bars reach Lambda_c, and cross, at W_c.

Estimator, fixed before the measurement (every preset and wrong world):

* sizes: M x M bars, M = 4, 6 (quick; 32 blocks of 200 slices per point) or M = 4, 6, 8, 10
  (full; 40 blocks of 400 slices), E = 0, box disorder, periodic transverse boundaries;
* grid: W = 15, 16, 17, 18 (quick) or 15, 15.5, ..., 18 (full);
* crossing: the root of a weighted straight-line fit of ln Lambda_M(W) - ln Lambda_c over the
  grid for the widest bar (:func:`rmt_meso.analysis.crossing`), compared with the literature
  W_c; from a second fit, ln Lambda_Mmax - ln Lambda_Mmin at W_c (the curves cross there);
* error: delta method on the fit, with the per-point standard error from the scatter of
  independent blocks; the error of Lambda_c enters in quadrature (theory error).

Resolution reached on the quick preset: sigma(W_c)/W_c = 0.5 % (0.08 on W_c = 16.54, the
Lambda_c error included); the wrong worlds (all disorder x 1/1.1 and x 1/0.9: true W_c
+-10 %) are rejected at ~10σ.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from ..analysis import crossing
from ..compare import zscore
from ..theory import anderson as ta
from . import ClaimResult, claim

NAME = "mackinnon_kramer"
_BARS = 8          # bars propagated together (batched) per sample chunk
#: Disorder factors of the wrong worlds: every on-site energy is multiplied by the factor, so
#: the true critical disorder, in the nominal W of the claim, becomes W_c / factor (+-10 %).
WORLDS = {"W_c_plus_10pct": 1 / 1.1, "W_c_minus_10pct": 1 / 0.9}


def _gamma_blocks(rng, n, *, M, W, block):
    """Smallest positive Lyapunov exponent of ``n`` blocks of ``block`` slices of M x M bars.

    The blocks come from ``_BARS`` independent bars (``n / _BARS`` consecutive blocks each,
    after a warm-up of one block); consecutive blocks are independent to a good
    approximation because ``block >> xi_M ~ M``.
    """
    from ..transport.localization import lyapunov_exponents
    if n % _BARS:
        raise ValueError(f"n must be a multiple of {_BARS}; got {n}")
    per = n // _BARS
    res = lyapunov_exponents((M, M), 0.0, W, block * per, n_bars=_BARS, n_blocks=per, rng=rng)
    return res.block_estimates[:, M * M - 1]


@claim(
    name=NAME,
    title="Anderson transition in 3D: MacKinnon-Kramer scaling of xi_M/M",
    section="anderson",
    statement=(
        "For quasi-1D bars of cross-section M x M of the 3D Anderson model (box disorder, E = 0, "
        "periodic transverse boundaries) the normalised localization length Lambda = xi_M / M "
        "is scale invariant at the critical disorder W_c = 16.54(1), where it takes the value "
        "Lambda_c = 0.576(2) (Slevin & Ohtsuki); it grows with M in the metal and decreases in "
        "the insulator, so the curves Lambda_M(W) for different M cross at W_c."),
    references=("A. MacKinnon and B. Kramer, Phys. Rev. Lett. 47, 1546 (1981); Z. Phys. B 53, 1 (1983)",
                "K. Slevin and T. Ohtsuki, Phys. Rev. Lett. 82, 382 (1999)",
                "K. Slevin and T. Ohtsuki, New J. Phys. 16, 015012 (2014)",
                "Phys. Rev. B 63, 214202 (2001) (Lambda_0 = 0.576(2) quoted for the band centre)"),
    wrong_worlds={
        "W_c_plus_10pct": "all disorder x 1/1.1: the true W_c moves to 1.1 x 16.54 = 18.19",
        "W_c_minus_10pct": "all disorder x 1/0.9: the true W_c moves to 0.9 x 16.54 = 14.89",
    },
)
def run(ctx):
    from ..plot.localization import plot_mackinnon_kramer

    cp = ta.critical_point(3, 1)
    scale = next((f for w, f in WORLDS.items() if ctx.wrong(w)), 1.0)
    widths = ctx.pick(quick=[4, 6], full=[4, 6, 8, 10])
    W_values = np.array(ctx.pick(quick=[15.0, 16.0, 17.0, 18.0],
                                 full=[15.0, 15.5, 16.0, 16.5, 17.0, 17.5, 18.0]))
    n_blocks = ctx.pick(quick=32, full=40)
    block = ctx.pick(quick=200, full=400)

    points = [{"M": M, "W": float(W * scale), "block": block} for M in widths for W in W_values]
    res = ctx.sweep(_gamma_blocks, points, n_blocks, rng=ctx.seed_for(NAME))
    gam = res.mean.reshape(len(widths), len(W_values))
    gerr = res.stderr.reshape(len(widths), len(W_values))
    Mcol = np.asarray(widths, float)[:, None]
    lam = 1.0 / (gam * Mcol)
    lam_err = gerr / (gam ** 2 * Mcol)

    # estimators fixed before the measurement: straight-line fits in W over the grid, of
    # Lambda_M - Lambda_c for the widest bar (the W where Lambda_M reaches the critical value)
    # and of Lambda_Mmax - Lambda_Mmin (its value at W_c: scale invariance, the curves cross)
    # in ln Lambda, which one-parameter scaling makes linear in W near W_c
    # (ln Lambda = ln Lambda_c + a (W - W_c) M^(1/nu) + ...; a straight line through the convex
    # Lambda(W) would move the root by ~0.1)
    ln_lam, ln_err = np.log(lam), lam_err / lam
    top = crossing(W_values, ln_lam[-1], ln_err[-1], np.log(cp.Lambda_c), 0.0)
    pair = crossing(W_values, ln_lam[0], ln_err[0], ln_lam[-1], ln_err[-1])
    d_c = pair.difference_at(cp.W_c)
    # the uncertainty of Lambda_c, as an error in W, through the fitted slope
    lc_err_W = cp.Lambda_c_err / cp.Lambda_c / abs(top.slope)
    if top.resolved:
        head = zscore(top.value, top.stderr, cp.W_c, theory_error=lc_err_W, nsigma=4,
                      label=f"W where Lambda_{widths[-1]}(W) = Lambda_c = {cp.Lambda_c:g}, vs W_c")
    else:   # Lambda_M(W) not falling through Lambda_c within the grid: fail, never pass
        head = zscore(top.slope, top.slope_stderr, 0.0, nsigma=3,
                      label=f"Lambda_{widths[-1]}(W) does not cross Lambda_c (slope vs 0)")
        head = replace(head, passed=False)
    comparisons = [
        head,
        zscore(d_c.value, d_c.stderr, 0.0, nsigma=4,
               label=f"ln Lambda_{widths[-1]} - ln Lambda_{widths[0]} at W_c: scale invariant "
                     f"(curves cross)"),
    ]

    fig = ctx.plot(plot_mackinnon_kramer, W_values,
                   {M: (lam[i], lam_err[i]) for i, M in enumerate(widths)},
                   crossing=top.value, crossing_err=top.stderr, W_c=cp.W_c, Lambda_c=cp.Lambda_c)
    i_c = int(np.argmin(np.abs(W_values - cp.W_c)))
    return ClaimResult(
        value=top.value, error=top.stderr, theory=cp.W_c, comparisons=comparisons, figure=fig, unit="t",
        details={"widths": widths, "W": W_values.tolist(), "disorder_scale": scale,
                 "Lambda": lam.tolist(), "Lambda_stderr": lam_err.tolist(),
                 "Lambda_c": cp.Lambda_c, "Lambda_c_err": cp.Lambda_c_err,
                 "Lambda_c_reference": cp.Lambda_c_reference,
                 "W_at_Lambda_c": top.value, "W_at_Lambda_c_stderr": top.stderr,
                 "W_at_Lambda_c_chi2_dof": [top.chi2, top.dof], "Lambda_c_error_in_W": lc_err_W,
                 "slope_dlnLambda_dW": top.slope, "slope_stderr": top.slope_stderr,
                 "pair_crossing": pair.value, "pair_crossing_stderr": pair.stderr,
                 "pair_difference_at_W_c": [d_c.value, d_c.stderr],
                 "pair_slope": pair.slope, "pair_slope_stderr": pair.slope_stderr,
                 f"Lambda_at_W={W_values[i_c]:g}": {str(M): [lam[i, i_c], lam_err[i, i_c]]
                                                    for i, M in enumerate(widths)},
                 "resolution_W_c_fraction": float(np.hypot(top.stderr, lc_err_W)) / cp.W_c,
                 "blocks_per_point": n_blocks, "slices_per_block": block,
                 "nu_literature": cp.nu, "reference": cp.reference},
        note=("Lambda from the smallest positive Lyapunov exponent (QR transfer matrix, E = 0, box "
              "disorder, periodic transverse boundaries); errors from the scatter of independent "
              "blocks. Estimators fixed before the measurement, for every preset and world: the "
              "disorder where the widest bar reaches the literature Lambda_c (root of a weighted "
              "straight-line fit of ln Lambda_M(W) - ln Lambda_c over the grid; one-parameter scaling "
              "makes ln Lambda linear in W - W_c to first order, delta-method error, "
              "rmt_meso.analysis.crossing; the 0.002 uncertainty of Lambda_c enters as theory "
              "error through the fitted slope), and, from the same fit of ln Lambda_Mmax - ln Lambda_Mmin, "
              "its value at W_c (zero: the curves cross there; the crossing itself is in details, "
              "its error is large for bars this narrow). No finite-size allowance: the convergence sequence "
              "Lambda_M(16.54) = 0.5852(28), 0.5789(34), 0.5764(39), 0.5743(47) for M = 4, 6, 8, "
              "10 (256/256/192/128 blocks of 400 slices, a separate run) reaches Lambda_c within "
              "its errors from M = 6 on; the M = 4 excess (3σ) moves the pair crossing by "
              "~0.2 and the difference at W_c by ~0.006, below their errors. The wrong worlds scale every on-site energy so that the true W_c "
              "moves by +-10 %. "
              f"This run: M = {', '.join(map(str, widths))}, W = "
              f"{', '.join(f'{w:g}' for w in W_values)}, {n_blocks} blocks of {block} slices per "
              f"point; resolution reached σ(W)/W_c = "
              f"{float(np.hypot(top.stderr, lc_err_W)) / cp.W_c:.1%} (Lambda_c error included)."),
    )
