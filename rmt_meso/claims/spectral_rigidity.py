"""Claim: number variance and spectral rigidity of unfolded GOE and GUE spectra."""

from __future__ import annotations

import numpy as np

from ..compare import zscore
from ..theory import correlations as thc
from . import ClaimResult, claim

NAME = "spectral_rigidity"
BULK = 0.8
L_VALUES = (0.5, 1.0, 2.0, 3.0, 5.0, 8.0)


def _sample(rng, size, *, beta, n):
    """``size`` GβE spectra of ``n`` levels (tridiagonal model), unfolded exactly with the
    semicircle law."""
    from ..ensembles import GaussianEnsemble
    from ..spectral import unfold
    e = GaussianEnsemble(beta, n).eigvals(size, rng=rng)
    return unfold(e, "semicircle", beta=beta, bulk=BULK)


@claim(name=NAME, title="Number variance and spectral rigidity of GOE and GUE spectra",
       section="spectral",
       statement=("Unfolded random-matrix spectra are rigid: the variance of the number of levels in "
                  "an interval of L mean spacings grows only logarithmically, Sigma^2(L) = "
                  "L - 2 int_0^L (L - r) Y2(r) dr ~ (2/(beta pi^2)) ln L, and the Dyson-Mehta "
                  "rigidity Delta_3(L) = L/15 - (1/15L^4) int_0^L (L-r)^3 (2L^2 - 9Lr - 3r^2) Y2(r) dr "
                  "~ (1/(beta pi^2)) ln L, with the exact two-level cluster functions Y2 of the sine "
                  "kernel; Poisson levels give Sigma^2 = L and Delta_3 = L/15."),
       references=("F. J. Dyson and M. L. Mehta, J. Math. Phys. 4, 701 (1963)",
                   "M. L. Mehta, Random Matrices, 3rd ed. (Elsevier, 2004), ch. 16",
                   "O. Bohigas and M.-J. Giannoni, Ann. Phys. 89, 393 (1975)",
                   "A. Pandey, Ann. Phys. 119, 170 (1979)"),
       wrong_worlds={"beta_swapped": "theory: GOE levels compared with the GUE laws and vice versa"})
def run(ctx):
    from ..plot.spectral import plot_two_point
    from ..spectral import number_variance, rigidity

    size = ctx.pick(400, 1000)
    n_spec = ctx.pick(200, 2000)
    classes = [1, 2]
    L = np.array(L_VALUES)
    res = ctx.sweep(_sample, [dict(beta=b, n=size) for b in classes], n_spec, rng=ctx.seed_for(NAME),
                    memo=True)

    names = {1: "GOE", 2: "GUE"}
    comparisons, series, details = [], [], {"n": size, "spectra": n_spec, "bulk": BULK, "L": L.tolist()}
    headline = None
    for beta, x in zip(classes, res.samples):
        s2 = number_variance(x, L)
        d3 = rigidity(x, L)
        beta_th = 3 - beta if ctx.wrong("beta_swapped") else beta
        th_s2 = thc.number_variance(L, beta_th)
        th_d3 = thc.rigidity(L, beta_th)
        for i, Lv in enumerate(L):
            cd = zscore(d3.value[i], d3.stderr[i], th_d3[i], nsigma=4,
                        label=f"Delta_3({Lv:g}) {names[beta]}")
            cs = zscore(s2.value[i], s2.stderr[i], th_s2[i], nsigma=4,
                        label=f"Sigma^2({Lv:g}) {names[beta]}")
            if beta == 1 and Lv == 5.0:
                headline = cd
            comparisons += [cd, cs]
        series.append(dict(beta=beta, L=L, sigma2=s2.value, sigma2_err=s2.stderr,
                           delta3=d3.value, delta3_err=d3.stderr))
        details[names[beta]] = {"sigma2": s2.value.tolist(), "sigma2_err": s2.stderr.tolist(),
                                "sigma2_exact": th_s2.tolist(), "delta3": d3.value.tolist(),
                                "delta3_err": d3.stderr.tolist(), "delta3_exact": th_d3.tolist()}
    fig = ctx.plot(plot_two_point, series)
    note = (f"{n_spec} spectra of n = {size} levels per class (tridiagonal model), unfolded with the "
            f"exact semicircle staircase (radius sqrt(2 beta n)), central {BULK:.0%} of the levels. "
            f"Sigma^2 and Delta_3 average windows on a fixed grid over the spectrum; the errors are "
            f"the spread between independent spectra. Delta_3 per window uses the exact "
            f"Bohigas-Giannoni least-squares formula. Semicircle unfolding at finite n leaves an "
            f"O(1/n) density error (~0.1% at n = 200) that biases the smallest L by ~1 sigma at "
            f"this sample size.")
    return ClaimResult.from_comparisons(comparisons, head=headline, figure=fig, unit="",
                                        details=details, note=note)
