"""Claim: a uniform imaginary potential suppresses weak localization like a voltage probe."""

from __future__ import annotations

import math

import numpy as np

from ..compare import fit_chi2, weighted_line, zscore
from ..plot.cavity import plot_imaginary_potential
from ..theory.cavity import dephasing_weak_localization, mean_transmission
from ..transport.dephasing import ImaginaryPotentialCavity
from . import ClaimResult, claim

NAME = "dephasing_imaginary_potential"
#: dephasing strength N_φ = 2πΓ_φ/Δ per lead channel: N_φ = _RATIO (n1 + n2); the large-N law
#: -n1n2/[(n1+n2)(n1+n2+N_φ)] is then the same, -1/8, at every size n1 = n2 = n
_RATIO = 1.0
#: levels per channel of the Mahaux–Weidenmüller Hamiltonian, M = _LEVELS (n1 + n2)
_LEVELS = 8
_COHERENT_N = 2      # size of the Γ_φ = 0 control (exact COE − CUE)


def _sample(rng, n_samples, n, nphi, beta):
    """Current-conserving conductance of n_samples absorbing cavities, shape (n_samples,)."""
    cav = ImaginaryPotentialCavity(_LEVELS * 2 * n, n, n, beta, gamma_phi=nphi / (2 * math.pi))
    return cav.conductance(n_samples, rng=rng, method="block")


@claim(
    name=NAME,
    title="Dephasing of weak localization by an imaginary potential",
    section="cavities",
    statement=(
        "A chaotic cavity (Mahaux–Weidenmüller, M = 8(n1 + n2) levels, n1 = n2 = n ideal channels) "
        "with a uniform absorption H → H − iΓ_φ/2 has a sub-unitary S. With the absorbed current "
        "re-injected so that no net current is lost (Brouwer & Beenakker 1997), "
        "g = T21 + T2φTφ1/(Tφ1 + Tφ2) with Tφj the current absorbed from lead j. Its weak-"
        "localization correction δg = ⟨g⟩_GOE − ⟨g⟩_GUE tends for large N to the voltage-probe law "
        "−n1n2/[(n1 + n2)(n1 + n2 + N_φ)] with N_φ = 2πΓ_φ/Δ (the dephasing rate equals the escape "
        "rate into N_φ ideal channels). At N_φ = n1 + n2 the law is −1/8 for every n: the sizes "
        "n = 1, 2, 3 (full: 1, 2, 3, 4, 6) are extrapolated as δg = a + c/N_tot "
        "(N_tot = n1 + n2 + N_φ) and a is compared with −1/8 (z-test at 4σ); the fit's χ² and the "
        "coherent control Γ_φ = 0 (exact COE − CUE) are checked too."
    ),
    references=("P. W. Brouwer and C. W. J. Beenakker, Phys. Rev. B 55, 4695 (1997)",
                "M. Büttiker, Phys. Rev. B 33, 3020 (1986)",
                "C. Mahaux and H. A. Weidenmüller, Shell-Model Approach to Nuclear Reactions (1969)"),
    wrong_worlds={"rate_doubled": "absorption rate Γ_φ doubled in the cavities, theory unchanged",
                  "dephasing_off": "no absorption (Γ_φ = 0) in the cavities, theory unchanged"},
)
def run(ctx):
    n_samples = ctx.pick(quick=3000, full=20000)
    sizes = ctx.pick((1, 2, 3), (1, 2, 3, 4, 6))
    scale = 0.0 if ctx.wrong("dephasing_off") else 2.0 if ctx.wrong("rate_doubled") else 1.0
    params = ([{"n": n, "nphi": scale * _RATIO * 2 * n, "beta": b} for n in sizes for b in (1, 2)]
              + [{"n": _COHERENT_N, "nphi": 0.0, "beta": b} for b in (1, 2)])
    res = ctx.sweep(_sample, params, n_samples, rng=ctx.seed_for(NAME), memo=True)
    mean, err = np.asarray(res.mean, float), np.asarray(res.stderr, float)
    wl = mean[0::2] - mean[1::2]
    wl_e = np.hypot(err[0::2], err[1::2])
    k = len(sizes)
    n_tot = np.array([(2 + 2 * _RATIO) * n for n in sizes], float)
    a, c, cov, chi2 = weighted_line(1 / n_tot, wl[:k], wl_e[:k])
    a_err = float(math.sqrt(cov[0, 0]))
    law = float(dephasing_weak_localization(1, 1, 2 * _RATIO, 1))     # -1/8, size independent
    exact0 = float(mean_transmission(_COHERENT_N, _COHERENT_N, 1)
                   - mean_transmission(_COHERENT_N, _COHERENT_N, 2))
    comps = [
        zscore(a, a_err, law, nsigma=4,
               label="δg extrapolated to N → ∞ (a of a + c/N_tot) vs −n1n2/[(n1+n2)(n1+n2+N_φ)]"),
        fit_chi2(chi2, k - 2, label=f"δg(N) = a + c/N_tot over n = {list(sizes)} (χ², {k - 2} dof)"),
        zscore(wl[k], wl_e[k], exact0, nsigma=4,
               label=f"Γ_φ = 0, n = {_COHERENT_N}: δg vs exact COE − CUE (finite-M control)"),
    ]
    fig, _ = plot_imaginary_potential(1 / n_tot, wl[:k], wl_e[:k], a, c, law,
                                      coherent=(1 / (2 * _COHERENT_N), wl[k], wl_e[k], exact0))
    return ClaimResult(
        a, a_err, law, comps, figure=fig, unit="",
        details={"n_samples_per_beta": n_samples, "sizes_n": list(sizes), "nphi_over_n_leads": _RATIO,
                 "levels_per_channel": _LEVELS, "N_tot": n_tot.tolist(),
                 "wl": wl[:k].tolist(), "wl_err": wl_e[:k].tolist(),
                 "large_n_law": law, "fit_intercept": a, "fit_intercept_err": a_err,
                 "fit_slope_c": c, "fit_chi2": chi2, "coherent_wl": float(wl[k]),
                 "coherent_wl_err": float(wl_e[k]), "coherent_exact": exact0,
                 "mean_g_beta2": mean[1:2 * k:2].tolist()},
        note=("The finite-N correction of the imaginary-potential model is not known in closed form; "
              "it is measured instead: at fixed N_φ/N (and M/N = 8) the sizes n = 1, 2, 3 give "
              "δg − law ≈ c/N_tot with c ≈ 0.08 (a high-statistics sequence n = 1..4 with 2e4 samples "
              "per point gave (δg − law)·N_tot = 0.078, 0.069, 0.073, 0.100, each ± 0.007..0.025), and "
              "the N → ∞ intercept is tested against the law without any allowance. The cavities are "
              "sampled in the block-tridiagonal (Householder) form of the GOE/GUE Hamiltonian, whose "
              "distribution of S equals the dense one (tests/test_dephasing_imaginary.py). Doubling "
              "Γ_φ moves the intercept to −1/12 and switching it off to −1/4, each many standard "
              "errors away."))
