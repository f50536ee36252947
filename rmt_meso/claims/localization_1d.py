"""Claim: the 1D Anderson chain localizes with 1/xi = W^2 / [24 (4 - E^2)], anomalous at E = 0."""

from __future__ import annotations

import numpy as np

from ..compare import zscore
from ..theory import anderson as ta
from . import ClaimResult, claim

NAME = "localization_1d"


def _gamma_chains(rng, n, *, energy, W, length):
    """Lyapunov exponent of ``n`` independent chains of ``length`` slices each (one per row)."""
    from ..transport.localization import lyapunov_exponents
    n_blocks = 4
    res = lyapunov_exponents((), energy, W, length, n_bars=n, n_blocks=n_blocks, rng=rng)
    est = res.block_estimates[:, 0].reshape(-1, n)      # (blocks, chains)
    return est.mean(axis=0)


@claim(
    name=NAME,
    title="1D localization length: Thouless formula and the band-centre anomaly",
    section="anderson",
    statement=(
        "In the 1D Anderson chain with box disorder of width W every state is localized; to "
        "lowest order in W the inverse localization length is 1/xi = W^2 / [24 (4 - E^2)] "
        "(Thouless), i.e. xi W^2 = 24 (4 - E^2), away from the band edges and the band centre. "
        "At E = 0 the commensurate phase gives the Kappus-Wegner anomaly xi W^2 = 105.045 = "
        "96 x 1.0942 instead of 96."),
    references=("D. J. Thouless, in Ill-Condensed Matter (Les Houches 1978), North-Holland (1979)",
                "M. Kappus and F. Wegner, Z. Phys. B 45, 15 (1981)",
                "B. Derrida and E. Gardner, J. Physique 45, 1283 (1984)",
                "A. MacKinnon and B. Kramer, Z. Phys. B 53, 1 (1983)"),
    wrong_worlds={
        "disorder_x1.05": "all disorder x 1.05 (xi W^2 at the nominal W falls by 1/1.05^2 = 9 %)",
        "band_centre_naive_96": "theory: the band-centre value without the Kappus-Wegner anomaly, "
                                "xi W^2 = 24 x 4 = 96 at E = 0",
    },
)
def run(ctx):
    from ..plot.localization import plot_localization_1d

    # bias of the W^2 law ~ 0.25 % (W/0.4)^2 must stay below the statistical error:
    # W = 0.4 with ~0.7 % errors (quick), W = 0.2 with ~0.25 % errors (full)
    W = ctx.pick(quick=0.4, full=0.2)
    energies = [0.5, 0.8, 1.1, 1.4]
    chains = ctx.pick(quick=1000, full=8000)
    length = ctx.pick(quick=10000, full=40000)
    W_true = W * (1.05 if ctx.wrong("disorder_x1.05") else 1.0)
    points = [{"energy": e, "W": W_true, "length": length} for e in energies + [0.0]]
    res = ctx.sweep(_gamma_chains, points, chains, rng=ctx.seed_for(NAME))
    gam, gerr = res.mean, res.stderr
    xiw2 = W ** 2 / gam
    xiw2_err = W ** 2 * gerr / gam ** 2

    # O(W^4) bias of the W^2 law, measured with the all-orders invariant-measure solution at
    # E = 1.1 (a representative energy of the list): |xi_exact - xi_pert| / xi ~ 0.25 % at W = 0.4
    e_ref = 1.1
    g_exact = ta.lyapunov_1d_exact(e_ref, W, *ctx.pick(quick=(800, 24), full=(1600, 48)))
    bias_rel = abs(g_exact / ta.lyapunov_1d_perturbative(e_ref, W) - 1)

    comparisons = []
    order = [energies.index(1.1)] + [i for i in range(len(energies)) if energies[i] != 1.1]
    for i in order:
        e = energies[i]
        comparisons.append(zscore(xiw2[i], xiw2_err[i], 24 * (4 - e ** 2), nsigma=4,
                                  label=f"xi W^2 at E = {e} vs 24(4 - E^2)"))
    kw = 96.0 if ctx.wrong("band_centre_naive_96") else 1.0 / ta.lyapunov_1d_band_centre(1.0)
    comparisons.append(zscore(xiw2[-1], xiw2_err[-1], kw, nsigma=4,
                              label=f"xi W^2 at E = 0 vs band-centre theory {kw:.6g}"))
    z_naive = abs(xiw2[-1] - 96.0) / xiw2_err[-1]
    i_ref = energies.index(e_ref)
    comparisons.append(zscore(gam[i_ref], gerr[i_ref], g_exact, theory_error=1e-3 * g_exact,
                              nsigma=4, label=f"gamma at E = {e_ref} vs all-orders invariant measure"))

    fig = ctx.plot(plot_localization_1d, energies + [0.0], xiw2, xiw2_err, W=W,
                                  exact=([e_ref], [W ** 2 / g_exact]))
    head = order[0]
    return ClaimResult(
        value=float(xiw2[head]), error=float(xiw2_err[head]), theory=24 * (4 - energies[head] ** 2),
        comparisons=comparisons, figure=fig, unit="lattice constants x t^2",
        details={"W": W, "energies": energies + [0.0], "xi_W2": xiw2.tolist(),
                 "xi_W2_stderr": xiw2_err.tolist(), "chains": chains, "slices_per_chain": length,
                 "kappus_wegner": kw, "naive_band_centre": 96.0, "z_naive_E0": float(z_naive),
                 "gamma_exact_ref": g_exact, "perturbative_bias_rel_ref": bias_rel,
                 "relative_stderr": (xiw2_err / xiw2).tolist()},
        note=("Transfer-matrix (QR) Lyapunov exponents of independent chains; the error is the "
              "standard error over chains (each ~20 xi long after a warm-up). W = 0.4 (full: 0.2) is "
              "chosen so that the O(W^4) bias of the W^2 law (0.25% at E = 1.1 and W = 0.4, measured "
              "with the all-orders invariant-measure solution and reported in details) stays below "
              "the ~0.7% (full: ~0.25%) statistical error; the energies avoid the band-centre crossover |E| < W^2 and the "
              "band edges. The last check compares with the all-orders solution itself (its "
              "quadrature accuracy, ~1e-3 relative at W = 0.4, as theory error)."),
    )
