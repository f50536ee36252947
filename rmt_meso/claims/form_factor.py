"""Claim: the spectral form factor of unfolded GOE and GUE spectra."""

from __future__ import annotations

import numpy as np

from ..compare import zscore
from ..theory import correlations as thc
from . import ClaimResult, claim

NAME = "form_factor"
BULK = 0.8
#: tau grid: GROUPS bins on (0, TAU_MAX), PER_GROUP equally spaced values in each
GROUPS, PER_GROUP, TAU_MAX = 20, 16, 2.0


def _sample(rng, size, *, beta, n):
    """``size`` GβE spectra of ``n`` levels (tridiagonal model), unfolded exactly with the
    semicircle law."""
    from ..ensembles import GaussianEnsemble
    from ..spectral import unfold
    e = GaussianEnsemble(beta, n).eigvals(size, rng=rng)
    return unfold(e, "semicircle", beta=beta, bulk=BULK)


@claim(name=NAME, title="Spectral form factor of GOE and GUE spectra", section="spectral",
       statement=("The connected spectral form factor K(tau) = (<|sum_j exp(2 pi i tau x_j)|^2> - "
                  "|<...>|^2)/N of unfolded levels x_j is the Fourier transform of 1 - Y2: the "
                  "'ramp' K = tau (tau <= 1) and 'plateau' K = 1 for GUE, "
                  "K = 2 tau - tau ln(1 + 2 tau) (tau <= 1), 2 - tau ln((2 tau + 1)/(2 tau - 1)) "
                  "for GOE; Poisson levels give K = 1."),
       references=("M. L. Mehta, Random Matrices, 3rd ed. (Elsevier, 2004), ch. 6-7",
                   "F. Haake, Quantum Signatures of Chaos, 3rd ed. (Springer, 2010), ch. 4"),
       wrong_worlds={"beta_swapped": "theory: GOE levels compared with the GUE form factor and "
                                     "vice versa"})
def run(ctx):
    from ..plot.spectral import plot_form_factor
    from ..spectral import form_factor

    size = ctx.pick(300, 1000)
    n_spec = ctx.pick(500, 4000)
    classes = [1, 2]
    tau = (np.arange(GROUPS * PER_GROUP) + 0.5) * (TAU_MAX / (GROUPS * PER_GROUP))
    res = ctx.sweep(_sample, [dict(beta=b, n=size) for b in classes], n_spec, rng=ctx.seed_for(NAME),
                    memo=True)

    names = {1: "GOE", 2: "GUE"}
    comparisons, series = [], []
    details = {"n": size, "spectra": n_spec, "bulk": BULK, "tau_bins": GROUPS, "values_per_bin": PER_GROUP}
    for beta, x in zip(classes, res.samples):
        k = form_factor(x, tau, groups=GROUPS)
        beta_th = 3 - beta if ctx.wrong("beta_swapped") else beta
        exact = thc.form_factor(tau, beta_th).reshape(GROUPS, PER_GROUP).mean(axis=1)
        for i in range(GROUPS):
            comparisons.append(zscore(k.value[i], k.stderr[i], exact[i], nsigma=4,
                                      label=f"K({k.x[i]:.2f}) {names[beta]} (bin mean)"))
        series.append(dict(beta=beta, tau=k.x, K=k.value, K_err=k.stderr))
        details[names[beta]] = {"tau": k.x.tolist(), "K": k.value.tolist(), "K_err": k.stderr.tolist(),
                                "K_exact": exact.tolist()}
    # headline: the GUE ramp at tau ~ 0.5
    head_index = GROUPS + int(np.argmin(np.abs(series[1]["tau"] - 0.5)))
    fig = ctx.plot(plot_form_factor, series)
    note = (f"{n_spec} spectra of n = {size} levels per class, exact semicircle unfolding, central "
            f"{BULK:.0%} of the levels (N = {res.samples[0].shape[1]}). K is averaged over {GROUPS} "
            f"bins of {PER_GROUP} equally spaced tau values each (per spectrum first, so the error "
            f"is the spread between spectra); the exact curve is averaged over the same values. "
            f"The sharp window of N levels smears K on the scale 1/N = "
            f"{1 / res.samples[0].shape[1]:.3f}, below the bin width {TAU_MAX / GROUPS:g}.")
    return ClaimResult.from_comparisons(comparisons, head=head_index, figure=fig, unit="",
                                        details=details, note=note)
