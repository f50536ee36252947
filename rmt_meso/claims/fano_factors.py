"""Claim: universal shot-noise Fano factors — tunnel barrier 1, diffusive wire 1/3, chaotic cavity 1/4."""

from __future__ import annotations

import numpy as np

from ..compare import zscore
from . import ClaimResult, claim

NAME = "fano_factors"


def _wire_eigenvalues(rng, *, width, length, W, energy, size):
    """Transmission eigenvalues of ``size`` disordered-wire realisations (library sampler)."""
    from ..transport import Wire
    return Wire(width, length, W=W).sample_transmission_eigenvalues(energy, size, rng=rng)


def _cavity_eigenvalues(rng, *, n1, n2, beta, size):
    from ..transport import ChaoticCavity
    return ChaoticCavity(n1, n2, beta).transmission_eigenvalues(size, rng=rng)


@claim(
    name=NAME,
    title="Shot-noise Fano factors: tunnel barrier 1, diffusive wire 1/3, chaotic cavity 1/4",
    section="thermodynamics",
    statement=(
        "The Fano factor F = <sum T_n(1-T_n)>/<sum T_n> measures how the transmission "
        "eigenvalues are distributed: a tunnel barrier (all T_n << 1) gives Poissonian noise, "
        "F = 1 - sum T^2/sum T -> 1; a diffusive wire's bimodal density gives 1/3 plus "
        "O(1/g) weak-localization terms; a chaotic cavity with two equal ideal leads gives "
        "F = (n-1+2/beta)^2/((2n-2+2/beta)(2n-1+4/beta)) -> 1/4 (Savin-Sommers)."),
    references=("W. Schottky, Ann. Phys. 57, 541 (1918)",
                "C. W. J. Beenakker and M. Büttiker, Phys. Rev. B 46, 1889 (1992)",
                "R. A. Jalabert, J.-L. Pichard and C. W. J. Beenakker, Europhys. Lett. 27, 255 (1994)",
                "D. V. Savin and H.-J. Sommers, Phys. Rev. B 73, 081307(R) (2006)",
                "Ya. M. Blanter and M. Büttiker, Phys. Rep. 336, 1 (2000)"),
    wrong_worlds={
        "double_barrier_half": "theory: the symmetric double-barrier value F = 1/2 for the tunnel barrier",
        "wire_quarter": "theory: the chaotic-cavity value 1/4 for the diffusive wire",
        "cavity_large_n": "theory: the cavity's large-N value 1/4 without the finite-N terms",
        "cavity_field_on": "physics: the cavity sampled with broken time reversal (CUE) against "
                           "the beta = 1 theory",
    },
)
def run(ctx):
    from ..compare import ratio_of_means
    from ..plot.thermo import plot_fano_factors
    from ..theory import noise as tn_
    from ..theory import wire as tw
    from ..theory.devices import barrier_transmission
    from ..transport import Wire
    from ..transport.noise import ensemble_fano_factor

    # --- tunnel barrier: one slice of height U across a clean strip (deterministic)
    width, barrier, energy = 8, 12.0, 0.37
    onsite = np.zeros((3, width))
    onsite[1] = barrier
    s = Wire(width, 3, onsite=onsite).smatrix(energy)
    tb = s.transmission_eigenvalues()
    f_tb = float(np.sum(tb * (1 - tb)) / np.sum(tb))
    err_tb = s.unitarity_error() * (s.n_left + s.n_right) / float(np.sum(tb)) + 1e-15
    exact = barrier_transmission(energy, width, barrier)
    f_exact = float(np.sum(exact * (1 - exact)) / np.sum(exact))
    f_tb_theory = 0.5 if ctx.wrong("double_barrier_half") else 1.0
    correction = abs(f_exact - 1.0)                  # computed: 1 - F = sum T^2 / sum T

    # --- diffusive wire: ensemble of disordered strips
    wire_kw = dict(width=14, length=40, W=1.6, energy=0.55)
    n_wire = ctx.pick(300, 2000)
    tw_eigs = ctx.memo(_wire_eigenvalues, ctx.seed_for(NAME + "/wire"), size=n_wire, **wire_kw)
    g = tw_eigs.sum(axis=1)
    f_wire = ensemble_fano_factor(tw_eigs)
    f_wire_th = tw.fano_factor_wire(float(g.mean()), 1, n_channels=int(tw_eigs.shape[1]))
    wire_next = abs(f_wire_th - 1 / 3) / float(g.mean())   # next order, O(1/g^2)
    if ctx.wrong("wire_quarter"):
        f_wire_th = 0.25

    # --- chaotic cavity with two equal leads
    n_lead = 8
    beta_sample = 2 if ctx.wrong("cavity_field_on") else 1
    n_cav = ctx.pick(6000, 40000)
    tc = ctx.memo(_cavity_eigenvalues, ctx.seed_for(NAME + "/cavity"), n1=n_lead, n2=n_lead,
                  beta=beta_sample, size=n_cav)
    f_cav = ensemble_fano_factor(tc)
    f_cav_th = 0.25 if ctx.wrong("cavity_large_n") else tn_.cavity_fano_factor(n_lead, n_lead, 1)
    noise_ratio = ratio_of_means((tc * (1 - tc)).sum(axis=1), np.ones(tc.shape[0]))

    comparisons = [
        zscore(f_cav.value, f_cav.stderr, f_cav_th,
               label=f"chaotic cavity n1 = n2 = {n_lead}, beta = 1: F vs Savin-Sommers "
                     f"{tn_.cavity_fano_factor(n_lead, n_lead, 1):.4f} (-> 1/4)"),
        zscore(f_tb, err_tb, f_tb_theory, theory_error=correction,
               label=f"tunnel barrier U = {barrier:g}t: F vs 1 (allowance: computed sum T^2/sum T "
                     f"= {correction:.4f})"),
        zscore(f_tb, err_tb, f_exact if not ctx.wrong("double_barrier_half") else 0.5,
               label="tunnel barrier: F (RGF) vs exact mode transmissions v^2/(v^2 + U^2)"),
        zscore(f_wire.value, f_wire.stderr, f_wire_th, theory_error=wire_next,
               label=f"diffusive wire <g> = {g.mean():.2f}: F vs 1/3 + O(1/g) WL terms "
                     f"(allowance: next order {wire_next:.4f})"),
        zscore(noise_ratio.value, noise_ratio.stderr, tn_.cavity_shot_noise(n_lead, n_lead, 1)
               if not ctx.wrong("cavity_large_n") else n_lead / 8,
               label="chaotic cavity: <sum T(1-T)> vs Savin-Sommers"),
    ]
    labels = [f"barrier\nU={barrier:g}t", f"wire\ng={g.mean():.1f}", f"cavity\nN={2 * n_lead}"]
    fig, _ = plot_fano_factors(labels, [f_tb, f_wire.value, f_cav.value],
                               [err_tb, f_wire.stderr, f_cav.stderr], [f_exact, f_wire_th, f_cav_th])
    return ClaimResult(
        value=f_cav.value, error=f_cav.stderr, theory=f_cav_th, comparisons=comparisons,
        figure=fig, unit="",
        details={"tunnel_fano": f_tb, "tunnel_fano_exact": f_exact, "tunnel_channels": int(tb.size),
                 "wire": wire_kw, "wire_samples": n_wire, "wire_mean_g": float(g.mean()),
                 "wire_fano": f_wire.value, "wire_fano_err": f_wire.stderr,
                 "wire_fano_theory": f_wire_th, "cavity_samples": n_cav, "cavity_fano": f_cav.value,
                 "cavity_fano_err": f_cav.stderr, "cavity_fano_theory": f_cav_th,
                 "cavity_fano_large_n": 0.25},
        note=("Fano factors are ratios of ensemble averages (delta-method errors). Tunnel "
              "barrier: deterministic, error = unitarity bound; F = 1 - sum T^2/sum T is allowed "
              "its computed deviation from 1. Wire: 2D strip W = 1.6, beta = 1, theory "
              "theory.wire.fano_factor_wire with the ballistic-diffusive Drude terms, allowance "
              "its O(1/g) shift divided by g. Cavity: COE, exact finite-N value (0.2664 for "
              "n = 8; 1/4 at large N)."))
