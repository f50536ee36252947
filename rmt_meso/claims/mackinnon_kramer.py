"""Claim: MacKinnon–Kramer ratios Lambda = xi_M/M of 3D bars cross at the Anderson transition."""

from __future__ import annotations

import math

import numpy as np

from ..compare import interval, zscore
from ..theory import anderson as ta
from . import ClaimResult, claim

NAME = "mackinnon_kramer"
_BARS = 8          # bars propagated together (batched) per sample chunk


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


def crossing_point(W_values, lam_a, err_a, lam_b, err_b, *, rng=None, n_boot=4000):
    """Crossing of two Lambda(W) curves from a weighted linear fit of their difference.

    Returns ``(W_star, stderr, (lo, hi), slope, slope_err)``: the crossing, its propagated
    (delta-method) standard error, the 16-84 % parametric-bootstrap interval and the fitted
    slope of ``Lambda_b - Lambda_a``.
    """
    W_values = np.asarray(W_values, float)
    d = np.asarray(lam_b) - np.asarray(lam_a)
    s = np.hypot(err_a, err_b)
    w0 = float(np.mean(W_values))
    A = np.vstack([np.ones_like(W_values), W_values - w0]).T
    wts = 1.0 / s ** 2
    cov = np.linalg.inv(A.T @ (A * wts[:, None]))
    a, b = cov @ (A.T @ (wts * d))
    W_star = w0 - a / b
    # delta method: dW*/da = -1/b, dW*/db = a/b^2
    g = np.array([-1.0 / b, a / b ** 2])
    err = float(math.sqrt(g @ cov @ g))
    gen = np.random.default_rng(rng)
    draws = gen.multivariate_normal([a, b], cov, size=n_boot)
    boot = w0 - draws[:, 0] / draws[:, 1]
    lo, hi = np.percentile(boot, [16, 84])
    return float(W_star), err, (float(lo), float(hi)), float(b), float(math.sqrt(cov[1, 1]))


@claim(
    name=NAME,
    title="Anderson transition in 3D: MacKinnon-Kramer scaling of xi_M/M",
    section="anderson",
    statement=(
        "For quasi-1D bars of cross-section M x M of the 3D Anderson model (box disorder, E = 0, "
        "periodic transverse boundaries) the normalised localization length Lambda = xi_M / M "
        "grows with M in the metal and decreases in the insulator; the curves Lambda(W) for "
        "different M cross at the critical disorder W_c = 16.54(1) (Slevin & Ohtsuki 2014)."),
    references=("A. MacKinnon and B. Kramer, Phys. Rev. Lett. 47, 1546 (1981); Z. Phys. B 53, 1 (1983)",
                "K. Slevin and T. Ohtsuki, New J. Phys. 16, 015012 (2014)"),
)
def run(ctx):
    from ..plot.localization import plot_mackinnon_kramer

    cp = ta.critical_point(3, 1)
    widths = ctx.pick(quick=[4, 6], full=[4, 6, 8, 10, 12])
    W_values = ctx.pick(quick=[12.5, 15.5, 16.5, 17.5, 20.0],
                        full=[12.5, 14.5, 15.5, 16.0, 16.5, 17.0, 17.5, 18.5, 20.0])
    n_blocks = ctx.pick(quick=48, full=128)
    block = ctx.pick(quick=200, full=500)

    def length(W):
        # more slices where precision matters: the metallic point (small gamma, largest
        # relative errors), the insulating one and the points next to W_c (the crossing)
        if W < cp.W_c - 3:
            return 3 * block
        return 2 * block if (abs(W - cp.W_c) <= 1.5 or W > cp.W_c + 3) else block

    points = [{"M": M, "W": W, "block": length(W)} for M in widths for W in W_values]
    res = ctx.sweep(_gamma_blocks, points, n_blocks, rng=ctx.seed_for(NAME))
    gam = res.mean.reshape(len(widths), len(W_values))
    gerr = res.stderr.reshape(len(widths), len(W_values))
    Mcol = np.asarray(widths, float)[:, None]
    lam = 1.0 / (gam * Mcol)
    lam_err = gerr / (gam ** 2 * Mcol)

    # crossing of the smallest and largest width, fitted on the points within 3 of W_c
    near = np.abs(np.asarray(W_values) - cp.W_c) <= 3.0
    Wn = np.asarray(W_values)[near]
    W_star, W_err, (b_lo, b_hi), slope, slope_err = crossing_point(
        Wn, lam[0, near], lam_err[0, near], lam[-1, near], lam_err[-1, near],
        rng=ctx.seed_for(NAME + "/bootstrap"))
    # finite-size allowance (1 sigma, systematic): irrelevant scaling corrections shift the
    # crossing of small bars; we allow 2 % of W_c for M = 4..6 and 1 % when M reaches 12
    allowance = ctx.pick(quick=0.02, full=0.01) * cp.W_c

    comparisons = [zscore(W_star, W_err, cp.W_c, theory_error=allowance, nsigma=4,
                          label=f"crossing of Lambda(W) for M = {widths[0]} and {widths[-1]} vs W_c")]
    i_metal = int(np.argmin(np.abs(np.asarray(W_values) - (cp.W_c - 3))))
    i_ins = int(np.argmin(np.abs(np.asarray(W_values) - (cp.W_c + 3))))
    z_metal = (lam[-1, i_metal] - lam[0, i_metal]) / math.hypot(lam_err[-1, i_metal], lam_err[0, i_metal])
    z_ins = (lam[0, i_ins] - lam[-1, i_ins]) / math.hypot(lam_err[-1, i_ins], lam_err[0, i_ins])
    comparisons.append(interval(z_metal, 4.0, np.inf,
                                label=f"metal W = {W_values[i_metal]}: Lambda grows with M (sigma)"))
    comparisons.append(interval(z_ins, 4.0, np.inf,
                                label=f"insulator W = {W_values[i_ins]}: Lambda falls with M (sigma)"))

    fig, _ = plot_mackinnon_kramer(W_values, {M: (lam[i], lam_err[i]) for i, M in enumerate(widths)},
                                   crossing=W_star, crossing_err=W_err, W_c=cp.W_c)
    return ClaimResult(
        value=W_star, error=W_err, theory=cp.W_c, comparisons=comparisons, figure=fig, unit="t",
        details={"widths": widths, "W": W_values, "Lambda": lam.tolist(), "Lambda_stderr": lam_err.tolist(),
                 "crossing": W_star, "crossing_stderr": W_err, "crossing_bootstrap_16_84": [b_lo, b_hi],
                 "difference_slope": slope, "difference_slope_stderr": slope_err,
                 "finite_size_allowance": allowance, "blocks_per_point": n_blocks,
                 "slices_per_block": block, "nu_literature": cp.nu, "reference": cp.reference},
        note=("Lambda from the smallest positive Lyapunov exponent (QR transfer matrix, E = 0, box "
              "disorder, periodic transverse boundaries); errors from the scatter of independent "
              "blocks. The crossing is the zero of a weighted linear fit of Lambda_M' - Lambda_M "
              "within 3 of W_c, with a delta-method error (bootstrap interval in details). Small "
              "bars carry irrelevant-scaling corrections, so the comparison with W_c includes a "
              "systematic allowance of 2% of W_c (1% in the full preset with M up to 12), fixed "
              "before looking at the data. That the curves cross at all is shown by the two sign "
              "checks at W_c -+ 3 (continuity does the rest); the quick preset locates the crossing "
              "only to about +-1."),
    )
