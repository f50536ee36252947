"""Claim: the phase-coherence length L_φ = √(Dτ_φ), measured on dephased lattice strips."""

from __future__ import annotations

import math

import numpy as np

from ..compare import weighted_line, zscore
from ..theory.anderson import diffusion_constant, fermi_velocity, fermi_velocity_ratio
from ..theory.magnetoconductance import absorbing_strip_transmission, fit_absorbing_strip
from . import ClaimResult, claim

NAME = "phase_coherence_length"
ENERGY = -1.0          # Fermi energy (units of t)
DISORDER = 3.0         # box disorder width (units of t): ℓ ≈ 3.4, k_Fℓ ≈ 4, σ ≈ 3 e²/h per spin
WIDTH = 32             # circumference M of the cylinders (sites)
STEP = 4               # every sample length n has n − 1 a multiple of STEP ...
FLUX = 1.0 / (STEP * WIDTH)   # ... so that this flux per plaquette (h/e) threads an integer flux
TAU_PHI = (30.0, 60.0, 120.0)  # dephasing times ħ/(2η) (units ħ/t): L_φ ≈ 3ℓ, 4ℓ, 6ℓ
D_DESIGN = 3.3         # design value of D that places the lengths (the test uses the measured D)
OHM_MAX = 41           # longest strip of the Ohm's-law set (no dephasing)
DOS_SHAPE = (8, 512, WIDTH)   # realisations × slices × sites of the density-of-states count


def _lengths(tau_phi):
    """Sample lengths n = 1 + STEP·k from ~1.5ℓ to ~3.2 design decay lengths, fixed in advance."""
    top = STEP * math.ceil(3.2 * math.sqrt(D_DESIGN * tau_phi) / STEP)
    return tuple(int(n) for n in 1 + np.arange(STEP, top + 1, STEP))


OHM_LENGTHS = tuple(int(n) for n in 1 + np.arange(STEP, OHM_MAX, STEP))


def _sample(rng, n, *, sets, flux):
    """Transmissions of ``n`` cylinders, one disorder per sample shared by every set.

    ``sets`` is a tuple of (τ_φ, lengths); the columns of the result are the lengths of each
    set in turn (nested samples of one recursion per set), shape (n, Σ len(lengths)).
    """
    from ..transport.dephasing import cylinder_transmission
    longest = max(max(lengths) for _, lengths in sets)
    onsite = rng.uniform(-DISORDER / 2, DISORDER / 2, (n, longest, WIDTH))
    return np.concatenate([cylinder_transmission(onsite[:, :max(lengths)], ENERGY, tau_phi=tau, lengths=lengths,
                                                 flux=flux) for tau, lengths in sets], axis=1)


def _density_of_states(seed):
    """Density of states per site at ENERGY of the disordered strips (exact counts), windows 0.1 and 0.2."""
    from ..spectral.inertia import strip_density_of_states
    onsite = np.random.default_rng(seed).uniform(-DISORDER / 2, DISORDER / 2, DOS_SHAPE)
    return [strip_density_of_states(onsite, ENERGY, half_window=d) for d in (0.1, 0.2)]


def _columns(sets):
    out, start = [], 0
    for _, lengths in sets:
        out.append(slice(start, start + len(lengths)))
        start += len(lengths)
    return out


def _analyse(t, sets, nu, v2, d_fixed=None):
    """σ (Ohm), D, the decay lengths and L_φ/√(Dτ_φ) with its line in τ/τ_φ, from transmissions ``t``.

    ``d_fixed`` replaces the measured D = σ/(2πν) (the theory wrong world).
    """
    cols = _columns(sets)
    n = t.shape[0]
    mean, err = t.mean(axis=0), t.std(axis=0, ddof=1) / math.sqrt(n)
    # Ohm's law without dephasing: 1/⟨T⟩ = (L + 2 z₀)/(Wσ), L = n − 1 the field region
    x0 = np.asarray(sets[0][1], float) - 1.0
    m0, e0 = mean[cols[0]], err[cols[0]]
    c_ohm, b_ohm, _, _ = weighted_line(x0, 1.0 / m0, e0 / m0**2)
    sigma = 1.0 / (WIDTH * b_ohm)
    d = sigma / (2.0 * math.pi * nu) if d_fixed is None else d_fixed
    tau = d / v2                                     # transport time from the measured D
    fits = [fit_absorbing_strip(np.asarray(lengths, float) - 1.0, mean[c], stderr=err[c], width=WIDTH)
            for (_, lengths), c in zip(sets[1:], cols[1:])]
    taus = np.array([tp for tp, _ in sets[1:]])
    a = np.array([f.absorption_length for f in fits])
    ratio = a / np.sqrt(d * taus)
    x = tau / taus
    w = np.ones_like(x)
    c0, c1, _, _ = weighted_line(x, ratio, w)
    return {"sigma": sigma, "z0_ohm": 0.5 * c_ohm / b_ohm, "D": d, "tau": tau, "a": a, "ratio": ratio, "x": x,
            "intercept": c0, "slope": c1, "fits": fits, "mean": mean, "err": err}


def _jackknife(t, sets, nu, v2, d_fixed=None, groups=20):
    """Delete-a-group jackknife standard errors of the scalar and array outputs of :func:`_analyse`."""
    idx = np.array_split(np.arange(t.shape[0]), groups)
    reps = [_analyse(np.delete(t, g, axis=0), sets, nu, v2, d_fixed) for g in idx]
    out = {}
    for key in ("sigma", "D", "a", "ratio", "intercept", "slope"):
        vals = np.array([r[key] for r in reps], float)
        out[key] = np.sqrt((groups - 1) / groups * np.sum((vals - vals.mean(axis=0))**2, axis=0))
    return out


@claim(
    name=NAME,
    title="Phase-coherence length L_φ = √(Dτ_φ) of a dephased disordered conductor",
    section="dephasing",
    statement=(
        "An electron that loses phase coherence at the rate 1/τ_φ diffuses a distance L_φ = √(Dτ_φ) "
        "before it does. Disordered square-lattice cylinders (E = −t, box disorder 3t, circumference "
        "32, ℓ ≈ 3.4) are dephased by a uniform imaginary potential −iħ/(2τ_φ) on every site, which "
        "absorbs particles at the rate 1/τ_φ (amplitudes decay as e^{−t/2τ_φ}, the diffuson and the "
        "cooperon as e^{−t/τ_φ}), for τ_φ = 30, 60, 120 ħ/t (L_φ ≈ 3ℓ–6ℓ). Their mean transmission "
        "⟨T(L)⟩ = Wσκ/sinh[κ(L + 2z₀)] decays with κ = 1/L_φ, fitted (σ, z₀, κ free) at 8–16 "
        "lengths from 1.5ℓ to 3.2 L_φ. "
        "D comes from the same kind of samples without dephasing: σ from Ohm's law 1/⟨T⟩ = "
        "(L + 2z₀)/(Wσ) and Einstein's relation σ = 2πνD (e²/h per spin), with ν the disordered "
        "lattice's density of states counted exactly (Sylvester inertia of 8 strips of 512 × 32). "
        "A perpendicular field of 1/128 h/e per plaquette (magnetic length ≈ ℓ) removes weak "
        "localization, which would otherwise shorten the decay length by a width-dependent amount "
        "(quasi-1D interference: 12 % at circumference 16, 4 % at 64 for τ_φ = 120, with D from "
        "the dephased fit). Test: "
        "L_φ/√(Dτ_φ) is fitted by a straight line in τ/τ_φ (τ = D/⟨v_x²⟩) and its intercept — the "
        "diffusion limit — compared with 1 (z-test at 4σ; delete-a-group jackknife over the whole "
        "analysis, ν's error added). The slope (the non-diffusive correction at k_Fℓ ≈ 4) is "
        "reported next to the first-order Boltzmann value −(2 − r)/2, r = ⟨v_x⁴⟩/⟨v_x²⟩², not "
        "tested. L_φ ∝ T^(−1/2) in 2D follows when τ_φ ∝ 1/T (electron–electron dephasing), an "
        "input, not a result of this claim."),
    references=("B. L. Altshuler, A. G. Aronov and D. E. Khmelnitsky, J. Phys. C 15, 7367 (1982)",
                "S. Chakravarty and A. Schmid, Phys. Rep. 140, 193 (1986)",
                "J. J. Sylvester, Philos. Mag. 4, 138 (1852)",
                "P. A. Lee and T. V. Ramakrishnan, Rev. Mod. Phys. 57, 287 (1985)"),
    wrong_worlds={"tau_phi_doubled": "physics: the samples dephased at half the rate (τ_φ doubled), "
                                     "theory unchanged: L_φ → √2 √(Dτ_φ)",
                  "born_diffusion": "theory: D from the Born approximation (v_F ℓ/2 with the clean "
                                    "density of states) instead of the samples' Ohm's law"},
)
def run(ctx):
    from ..plot.wires import plot_absorption_length

    n_samples = ctx.pick(quick=300, full=2400)
    seeds = ctx.seed_for(NAME).spawn(2)
    scale = 2.0 if ctx.wrong("tau_phi_doubled") else 1.0
    flux = FLUX
    # the lengths are set by the theory's τ_φ; the samples carry the (perturbed) physical one
    sets = ((np.inf, OHM_LENGTHS),) + tuple((tp, _lengths(tp)) for tp in TAU_PHI)
    sampled = ((np.inf, OHM_LENGTHS),) + tuple((scale * tp, _lengths(tp)) for tp in TAU_PHI)
    res = ctx.sweep(_sample, [{"sets": sampled, "flux": flux}], n_samples, rng=seeds[0], memo=True)
    t = np.asarray(res.samples[0], float)
    nu_est, nu_wide = ctx.memo(_density_of_states, seeds[1])
    nu, nu_err = nu_est.value, nu_est.stderr
    v2 = float(fermi_velocity(ENERGY, 2)) ** 2 / 2.0          # ⟨v_x²⟩ on the Fermi line
    r = float(fermi_velocity_ratio(ENERGY))
    # theory world: the Born D (v_F ℓ/2, clean density of states) replaces the measured one
    d_fixed = float(diffusion_constant(ENERGY, DISORDER, 2)) if ctx.wrong("born_diffusion") else None
    out = _analyse(t, sets, nu, v2, d_fixed)
    jk = _jackknife(t, sets, nu, v2, d_fixed)
    # ν enters as L_φ/√(Dτ_φ) ∝ ν^{1/2}: its (independent) error is added to the theory side
    theory_err = 0.5 * nu_err / nu
    comps = [zscore(out["intercept"], float(jk["intercept"]), 1.0, theory_error=theory_err, nsigma=4,
                    label="L_φ/√(Dτ_φ) in the diffusion limit τ/τ_φ → 0 (intercept of the line in τ/τ_φ)")]
    boltzmann_slope = -(2.0 - r) / 2.0
    cols = _columns(sets)
    series = []
    for (tp, lengths), c, f in zip(sets[1:], cols[1:], out["fits"]):
        series.append({"tau_phi": tp, "lengths": np.asarray(lengths), "mean": out["mean"][c], "stderr": out["err"][c],
                       "curve": (lambda ll, f=f: absorbing_strip_transmission(
                           ll - 1.0, WIDTH, f.sigma, absorption_length=f.absorption_length,
                           extrapolation_length=f.extrapolation_length))})
    ohm = {"lengths": np.asarray(OHM_LENGTHS), "mean": out["mean"][cols[0]], "stderr": out["err"][cols[0]],
           "curve": (lambda ll: WIDTH * out["sigma"] / (ll - 1.0 + 2.0 * out["z0_ohm"]))}
    fig = ctx.plot(plot_absorption_length, series, ohm=ohm, x=out["x"], ratio=out["ratio"], ratio_err=jk["ratio"],
                   intercept=out["intercept"], slope=out["slope"], boltzmann_slope=boltzmann_slope)
    details = {
        "n_samples": int(t.shape[0]), "tau_phi": list(TAU_PHI), "tau_phi_samples": [scale * tp for tp in TAU_PHI],
        "flux_per_plaquette": flux, "lengths": [list(l) for _, l in sets],
        "sigma_ohm": out["sigma"], "sigma_ohm_err": float(jk["sigma"]), "z0_ohm": out["z0_ohm"],
        "dos": nu_est.value, "dos_err": nu_est.stderr, "dos_window_0.2": nu_wide.value,
        "dos_window_0.2_err": nu_wide.stderr,
        "diffusion_constant": out["D"], "diffusion_constant_err": float(jk["D"]),
        "diffusion_constant_born": float(diffusion_constant(ENERGY, DISORDER, 2)),
        "transport_time": out["tau"], "velocity_ratio_r": r,
        "decay_length": out["a"].tolist(), "decay_length_err": jk["a"].tolist(),
        "sqrt_D_tau_phi": np.sqrt(out["D"] * np.array(TAU_PHI)).tolist(),
        "ratio": out["ratio"].tolist(), "ratio_err": jk["ratio"].tolist(), "tau_over_tau_phi": out["x"].tolist(),
        "slope": out["slope"], "slope_err": float(jk["slope"]), "slope_boltzmann_first_order": boltzmann_slope,
        "sigma_absorbing_fits": [f.sigma for f in out["fits"]],
        "z0_absorbing_fits": [f.extrapolation_length for f in out["fits"]],
    }
    return ClaimResult.from_comparisons(
        comps, figure=fig, unit="", details=details,
        note=(f"Slope of L_φ/√(Dτ_φ) in τ/τ_φ: {out['slope']:+.2f} ± {float(jk['slope']):.2f} (first-order "
              f"Boltzmann with s-wave scattering: {boltzmann_slope:+.2f}; at k_Fℓ ≈ 4 the lattice's "
              "non-diffusive correction is not the Boltzmann one, so only the diffusion limit is "
              "tested). The decay is fitted with σ, z₀ and κ free at each τ_φ (the dephased σ in "
              "details agrees with Ohm's). The cooperon's own L_φ, from the weak-field "
              "magnetoconductance of flux-threaded cylinders dephased by voltage probes, is the "
              "claim cooperon_phase_coherence."))
