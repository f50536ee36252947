"""Claim: the cooperon's L_φ, fitted to the weak-field magnetoconductance, equals √(Dτ_φ).

The sample length was fixed by a convergence study (τ_φ = 80, circumference 26, 1200 samples
per length, 7 fluxes, the analysis of this claim): the one-loop fit gives L_φ/√(Dτ_φ) =
0.885 ± 0.027, 0.967 ± 0.021, 0.982 ± 0.012 and 0.986 ± 0.013 at lengths 33, 41, 49 and 65
(2.1, 2.6, 3.0 and 4.0 L_φ): converged, within the errors, from 3 L_φ on, so the claim uses
49.  A first version at length 41 with 5 fluxes failed its full preset (rate 1.174 ± 0.033, a
different seed and flux set; the series puts length 41 at 1.07 ± 0.05).
"""

from __future__ import annotations

import math

import numpy as np

from ..compare import fit_chi2, zscore
from ..theory.magnetoconductance import cylinder_flux_magnetotransmission, fit_cylinder_flux_magnetotransmission
from . import ClaimResult, claim

NAME = "cooperon_phase_coherence"
ENERGY = -1.0          # Fermi energy (units of t)
DISORDER = 3.0         # box disorder width (units of t): ℓ ≈ 3.4, k_Fℓ ≈ 4
WIDTH = 26             # circumference M: no subband within 1/3 of a flux quantum of E (M/3 = 8.67)
LENGTH = 49            # slices of the measured cylinders (odd: the reversed field of the Ohm set)
SHORT = 25             # the shorter length of the Ohm's-law pair
TAU_PHI = 80.0         # dephasing time ħ/η (units ħ/t): L_φ ≈ 16 ≈ 5ℓ ≈ 0.6 M
SPACING = 3            # probes on every third slice (rate 3/τ_φ each: mean rate 1/τ_φ; spacing < ℓ)
OHM_FLUX = 1.0 / 128   # perpendicular field (h/e per plaquette, reversed profile) of the Ohm set:
                       # magnetic length ≈ ℓ, weak localization gone, Drude σ unchanged
#: threaded fluxes Φ/Φ₀ (h/e), fixed in advance: up to the h/2e half-period's midpoint, where
#: the n = 0 cooperon mode has |q|ℓ = 4πΦℓ/M ≤ 0.41
FLUXES = (0.03, 0.06, 0.12, 0.16, 0.25)


def _sample(rng, n, *, tau_phi):
    """Columns: G at SHORT and LENGTH in the Ohm field, then G at LENGTH for Φ = 0 and FLUXES."""
    from ..transport.dephasing import cylinder_probe_conductance
    onsite = rng.uniform(-DISORDER / 2, DISORDER / 2, (n, LENGTH, WIDTH))
    kw = dict(tau_phi=tau_phi, probe_spacing=SPACING)
    cols = [cylinder_probe_conductance(onsite[:, :SHORT], ENERGY, flux=OHM_FLUX, field_profile="reversed", **kw),
            cylinder_probe_conductance(onsite, ENERGY, flux=OHM_FLUX, field_profile="reversed", **kw)]
    cols += [cylinder_probe_conductance(onsite, ENERGY, ab_flux=phi, **kw) for phi in (0.0,) + FLUXES]
    return np.stack(cols, axis=1)


def _analyse(g, nu, *, charge):
    """σ, z₀, D (Ohm + Einstein), √(Dτ_φ), ΔG(Φ) with covariance, and the one-loop fit (α = 1)."""
    n = g.shape[0]
    g_short, g_long = g[:, 0].mean(), g[:, 1].mean()
    sigma = (LENGTH - SHORT) / (WIDTH * (1.0 / g_long - 1.0 / g_short))   # 1/G = (L − 1 + 2z₀)/(Mσ)
    z0 = 0.5 * (WIDTH * sigma / g_long - (LENGTH - 1))
    d = sigma / (2.0 * math.pi * nu)
    l_nominal = math.sqrt(d * TAU_PHI)
    dg = g[:, 3:] - g[:, 2:3]
    mean, cov = dg.mean(axis=0), np.cov(dg.T) / n
    # charge 2e: the cooperon's transverse wave numbers shift by 4πΦ/(Φ₀M); the theory world
    # "charge e" evaluates the same theory at Φ/2
    phi = np.asarray(FLUXES) * (charge / 2.0)
    geom = dict(width=WIDTH, length=LENGTH - 1, extrapolation_length=max(z0, 0.0))
    fit = fit_cylinder_flux_magnetotransmission(phi, mean, covariance=cov, alpha=1.0, l_phi_guess=l_nominal, **geom)
    return {"sigma": sigma, "z0": z0, "D": d, "l_nominal": l_nominal, "mean": mean, "cov": cov, "phi": phi,
            "geom": geom, "fit": fit, "ratio": fit.l_phi / l_nominal, "rate": (l_nominal / fit.l_phi) ** 2}


@claim(
    name=NAME,
    title="Phase-coherence length of the cooperon from the weak-field magnetoconductance",
    section="dephasing",
    statement=(
        "Weak localization is cut off at the phase-coherence length L_φ = √(Dτ_φ), and a magnetic "
        "flux Φ shifts the cooperon (charge 2e) by 4πΦ/Φ₀ around a cylinder (Altshuler–Aronov–Spivak, "
        "Sharvin–Sharvin), so the rise of the conductance with Φ measures L_φ. Disordered "
        "square-lattice cylinders (E = −t, box disorder 3t, circumference 26, length 49, ℓ ≈ 3.4) "
        "threaded by a flux Φ (no field on the surface; leads threaded too) lose phase coherence "
        "to Büttiker voltage probes on every third slice at the mean rate 1/τ_φ, τ_φ = 80 ħ/t "
        "(current conserved). ΔG(Φ) = ⟨G(Φ)⟩ − ⟨G(0)⟩ at Φ = 0.03–0.25 h/e is fitted (GLS, "
        "ensemble covariance) by the one-loop cooperon of the finite cylinder (transverse modes "
        "q_n = (2π/M)(n − 2Φ/Φ₀), Dirichlet at the extrapolated leads, prefactor 1) for L_φ, and "
        "the cooperon's dephasing rate D/L_φ² is compared with the probes' rate 1/τ_φ (ratio vs 1, "
        "z-test at 4σ; delete-a-group jackknife over the whole analysis, ν's error added; the GLS "
        "χ² of the one-loop fit is tested too), with D from the same samples: σ from Ohm's law at lengths 25 "
        "and 49 in a perpendicular field of 1/128 h/e per plaquette (weak localization removed) "
        "and Einstein's relation σ = 2πνD with the density of states ν counted exactly. The "
        "temperature law L_φ ∝ T^(−1/2) in 2D follows when τ_φ ∝ 1/T, an input here."),
    references=("B. L. Altshuler, A. G. Aronov and B. Z. Spivak, JETP Lett. 33, 94 (1981)",
                "D. Yu. Sharvin and Yu. V. Sharvin, JETP Lett. 34, 272 (1981)",
                "S. Hikami, A. I. Larkin and Y. Nagaoka, Prog. Theor. Phys. 63, 707 (1980)",
                "M. Büttiker, Phys. Rev. B 33, 3020 (1986)",
                "J. L. D'Amato and H. M. Pastawski, Phys. Rev. B 41, 7411 (1990)"),
    wrong_worlds={"tau_phi_doubled": "physics: probes at half the rate (τ_φ doubled) in the samples, "
                                     "theory unchanged: L_φ → √2 √(Dτ_φ)",
                  "cooperon_charge_e": "theory: a cooperon of charge e (period h/e instead of h/2e): "
                                       "the flux shifts the modes by 2πΦ/(Φ₀M)"},
)
def run(ctx):
    from ..plot.wires import plot_flux_magnetoconductance
    from .phase_coherence_length import _density_of_states

    n_samples = ctx.pick(quick=128, full=1200)
    seeds = ctx.seed_for(NAME).spawn(2)
    tau = TAU_PHI * (2.0 if ctx.wrong("tau_phi_doubled") else 1.0)
    charge = 1.0 if ctx.wrong("cooperon_charge_e") else 2.0
    res = ctx.sweep(_sample, [{"tau_phi": tau}], n_samples, rng=seeds[0], memo=True)
    g = np.asarray(res.samples[0], float)
    nu_est = ctx.memo(_density_of_states, seeds[1])[0]
    nu, nu_err = nu_est.value, nu_est.stderr
    out = _analyse(g, nu, charge=charge)
    groups = np.array_split(np.arange(g.shape[0]), 16)
    reps = [_analyse(np.delete(g, k, axis=0), nu, charge=charge) for k in groups]
    ratio_err = math.sqrt((len(groups) - 1) * np.var([r["ratio"] for r in reps]))
    rate_err = math.sqrt((len(groups) - 1) * np.var([r["rate"] for r in reps]))
    fit = out["fit"]
    free = fit_cylinder_flux_magnetotransmission(out["phi"], out["mean"], covariance=out["cov"], alpha=None,
                                                 l_phi_guess=out["l_nominal"], **out["geom"])
    # the test is on the dephasing rate D/L_φ² (linear in 1/τ_φ, so that weak dephasing — a long
    # L_φ that the sample's ends cut off — is not a long lever arm with a large error) in units
    # of the probes' rate 1/τ_φ; ν enters it as ν^{-1}
    comps = [zscore(out["rate"], rate_err, 1.0, theory_error=nu_err / nu, nsigma=4,
                    label="cooperon dephasing rate D/L_φ² (one-loop fit of ΔG(Φ)) × τ_φ"),
             fit_chi2(fit.chi2, fit.dof, label=f"one-loop cooperon theory through ΔG at {len(FLUXES)} fluxes (GLS χ²)")]
    err = np.sqrt(np.diag(out["cov"]))
    fine = np.linspace(0.0, 0.5, 101)
    curves = {"one loop, L_φ = √(Dτ_φ)": cylinder_flux_magnetotransmission(
                  fine * charge / 2.0, l_phi=out["l_nominal"], **out["geom"]),
              f"fit, L_φ = {fit.l_phi:.1f}": cylinder_flux_magnetotransmission(
                  fine * charge / 2.0, l_phi=fit.l_phi, **out["geom"])}
    fig = ctx.plot(plot_flux_magnetoconductance, np.asarray(FLUXES), out["mean"], err, fine, curves)
    details = {
        "n_samples": int(g.shape[0]), "fluxes": list(FLUXES), "tau_phi": TAU_PHI, "tau_phi_samples": tau,
        "width": WIDTH, "length": LENGTH, "probe_spacing": SPACING,
        "sigma_ohm": out["sigma"], "z0_ohm": out["z0"], "dos": nu, "dos_err": nu_err,
        "diffusion_constant": out["D"], "sqrt_D_tau_phi": out["l_nominal"],
        "delta_g": out["mean"].tolist(), "delta_g_err": err.tolist(),
        "l_phi_fit": fit.l_phi, "l_phi_fit_err": fit.l_phi_stderr, "chi2": fit.chi2, "dof": fit.dof,
        "ratio": out["ratio"], "ratio_err": ratio_err, "rate_ratio": out["rate"], "rate_ratio_err": rate_err,
        "free_prefactor": free.alpha, "free_prefactor_err": free.alpha_stderr,
        "free_prefactor_ratio": free.l_phi / out["l_nominal"],
        "free_prefactor_ratio_err": free.l_phi_stderr / out["l_nominal"],
    }
    return ClaimResult.from_comparisons(
        comps, figure=fig, unit="", details=details,
        note=(f"One-loop fit: χ² = {fit.chi2:.1f} for {fit.dof} dof. With the prefactor free the same data "
              f"give α = {free.alpha:.2f} ± {free.alpha_stderr:.2f} and L_φ/√(Dτ_φ) = "
              f"{free.l_phi / out['l_nominal']:.2f} ± {free.l_phi_stderr / out['l_nominal']:.2f}: the "
              "lattice's ΔG is ~0.8 of the one-loop amplitude with a slightly wider flux scale "
              "(1200–2000-sample studies: α = 0.78–0.82 ± 0.07 at lengths 41–65 and τ_φ = 80, "
              "0.76 ± 0.07 at τ_φ = 160 — higher-loop and non-diffusive corrections at k_Fℓ ≈ 4, not "
              "modelled), so the test holds α at its one-loop value. The length 49 = 3 L_φ is where "
              "the one-loop fit has converged (L_φ/√(Dτ_φ) = 0.885 ± 0.027, 0.967 ± 0.021, "
              "0.982 ± 0.012, 0.986 ± 0.013 at lengths 33, 41, 49, 65; the cooperon's finite-length "
              "form is only exact in the diffusive limit). "
              "The threaded flux leaves the classical conductance unchanged (no field on the surface; "
              "the leads keep their channel count), so ΔG is the cooperon's alone; ΔG is even and "
              "h/2e-periodic in Φ."))

