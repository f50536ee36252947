"""Claim: the disorder-averaged conductance of a ring keeps only the h/(2e) harmonic, with the WL sign."""

from __future__ import annotations

import numpy as np

from ..compare import interval, zscore
from . import ClaimResult, claim

NAME = "altshuler_aronov_spivak"
R_IN, R_OUT = 12.0, 15.0                 # ring radii (lattice constants), arms 3 sites wide: one mode
ARM_OFFSET = 8.0                         # arms at y = 8: the two paths round the ring differ by ~34
W_DISORDER = 0.8                         # box disorder in the ring (units of t)
ENERGIES = np.linspace(-3.3, -2.1, 32)   # single transverse mode in arms and leads (-3.41 < E < -2)
PER_PERIOD = 8                           # tube fluxes per h/e period (c2 aliases only with c6, c10, ...)
SIGNIFICANCE = 3.0                       # the sign of <c2> is claimed at this one-sided significance


def ring_harmonics(seed, realisations):
    """g(Φ) of ``realisations`` disordered rings at all ENERGIES over one tube-flux period.

    Returns ``phi`` (M,) and ``g`` (realisations, energies, M).
    """
    from ..transport.devices import ab_ring
    ring = ab_ring(R_IN, R_OUT, arm_width=3, arm_length=3, W=W_DISORDER, arm_offset=ARM_OFFSET)
    phi = np.arange(PER_PERIOD) / PER_PERIOD
    g = np.empty((realisations, ENERGIES.size, PER_PERIOD))
    # flux outer, realisations inner: the leads are solved once per flux and energy (Device.with_flux)
    reals = [ring.realisation(s) for s in seed.spawn(realisations)]
    for m, f in enumerate(phi):
        for r, dev in enumerate(reals):
            g[r, :, m] = dev.with_flux(ab_flux=f).transmission(1, 0, ENERGIES)
    return phi, g


@claim(
    name=NAME,
    title="Altshuler-Aronov-Spivak: the disorder-averaged ring keeps the h/(2e) harmonic, minimum at zero flux",
    section="devices",
    statement=(
        "The conductance of one disordered ring oscillates with the Aharonov-Bohm flux with period "
        "h/e, with a sample- and energy-specific phase, so the h/e harmonic averages away over "
        "disorder and energy; the pairs of time-reversed paths that circle the ring once interfere "
        "with a phase 2x2 pi Phi/Phi0 independent of the sample, so the h/(2e) harmonic survives the "
        "average with the sign of weak localization: <g(Phi)> has a minimum at Phi = 0 for beta = 1 "
        "(Altshuler, Aronov & Spivak; Sharvin & Sharvin). Square-lattice ring r = 12..15, one "
        "transverse mode, arms at y = 8 (paths round the ring of unequal length), box disorder "
        "W = 0.8, a thin flux tube through the hole (no field in the arms); cosine harmonics c1 "
        "(h/e) and c2 (h/2e) of g(Phi) over one period, averaged over realisations and 32 energies "
        "of the single-mode window: <c2> < 0 at more than 3 sigma (declared sign claim: no theory "
        "value for the amplitude in this regime) and <c1> = 0 within 4 sigma."),
    references=("B. L. Altshuler, A. G. Aronov and B. Z. Spivak, JETP Lett. 33, 94 (1981)",
                "D. Yu. Sharvin and Yu. V. Sharvin, JETP Lett. 34, 272 (1981)",
                "A. G. Aronov and Yu. V. Sharvin, Rev. Mod. Phys. 59, 755 (1987)",
                "S. Washburn and R. A. Webb, Adv. Phys. 35, 375 (1986)"),
    wrong_worlds={
        "antilocalization_sign": "theory: the beta = 4 sign (maximum of <g> at zero flux, <c2> > 0)",
        "period_h_e": "theory: the weak-localization harmonic at h/e (<c1> < 0, and <c2> = 0)",
    },
    inequality=True,
)
def run(ctx):
    from ..analysis import periodic_harmonics
    from ..plot.aharonov_bohm import plot_aas_harmonic

    n_real = ctx.pick(8, 100)
    phi, g = ctx.memo(ring_harmonics, ctx.seed_for(NAME), n_real)
    c, s = periodic_harmonics(g, (1, 2), axis=2)                 # (2, realisations, energies)
    per_real_c = c.mean(axis=2)                                  # energies of one sample are correlated
    mean_c = per_real_c.mean(axis=1)
    err_c = per_real_c.std(axis=1, ddof=1) / np.sqrt(n_real)
    c1, c2 = mean_c
    e1, e2 = err_c
    k = SIGNIFICANCE
    if ctx.wrong("antilocalization_sign"):
        comparisons = [interval(c2, k * e2, np.inf, stderr=e2,
                                label=f"<c2> > {k:g} sigma (maximum at zero flux, beta = 4 sign)")]
    elif ctx.wrong("period_h_e"):
        comparisons = [interval(-c1, k * e1, np.inf, stderr=e1,
                                label=f"-<c1> > {k:g} sigma (WL harmonic at h/e)"),
                       zscore(c2, e2, 0.0, label="<c2> = 0 (no h/2e harmonic)")]
    else:
        comparisons = [interval(-c2, k * e2, np.inf, stderr=e2,
                                label=f"-<c2> > {k:g} sigma: minimum of <g> at zero flux (h/2e, WL sign)"),
                       zscore(c1, e1, 0.0, label="<c1> = 0: the h/e harmonic averages away")]
    samples = g.reshape(-1, g.shape[-1])
    rms_c1 = float(np.sqrt(np.mean(c[0] ** 2)))
    fig = ctx.plot(plot_aas_harmonic, phi, samples, 4, (c1, c2), (e1, e2))
    return ClaimResult(
        value=float(c2), error=float(e2), theory=float("nan"), comparisons=comparisons, figure=fig, unit="e^2/h",
        details={"c1": float(c1), "c1_err": float(e1), "c2": float(c2), "c2_err": float(e2),
                 "c2_sigma": float(c2 / e2), "c1_sigma": float(c1 / e1),
                 "s_max": float(np.abs(s).max()), "rms_c1_single_sample": rms_c1,
                 "mean_g": float(g.mean()), "realisations": n_real, "energies": ENERGIES.tolist(),
                 "flux_points": PER_PERIOD, "W": W_DISORDER, "radii": [R_IN, R_OUT]},
        note=(f"{n_real} realisations x {ENERGIES.size} energies, g(Phi) at {PER_PERIOD} tube fluxes per "
              "h/e period (Device.with_flux: one geometry, leads solved once per flux and energy); "
              "harmonics by analysis.periodic_harmonics (exact for a period sampled uniformly; c2 "
              "aliases only with c6, c10). Errors from the scatter of the per-realisation means "
              "(the energies of one ring are correlated). A single sample's h/e harmonic has rms "
              f"{rms_c1:.3f} but averages to {c1:.4f} +- {e1:.4f}; the sine harmonics vanish to "
              f"{np.abs(s).max():.1e} (Onsager: g(Phi) = g(-Phi) for two terminals). The arms are "
              "offset (y = 8) so that the two paths round the ring differ by 4 r_m asin(8/r_m) = 34 "
              "and the clean ring's h/e phase k dL turns ~4 times over the energy window: with equal "
              "paths (arms on the axis) that phase is the same at every energy, and at W = 1 with "
              "24 energies in -3.3..-2.9 the full preset measured <c1> = +0.022 +- 0.005 (4.6 sigma, "
              "a residual of the mirror-symmetric ring, not averaged by a mean free path ~ L). "
              "Declared sign "
              "claim: the amplitude of the AAS harmonic depends on the ring's mean free path and "
              "localization length (mean g = "
              f"{g.mean():.3f}, a weakly localized ring), for which no closed theory is used here."))
