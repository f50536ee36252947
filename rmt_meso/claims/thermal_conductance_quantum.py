"""Claim: each open channel carries the thermal conductance quantum κ0 = π²k_B²T/(3h)."""

from __future__ import annotations

import numpy as np

from ..compare import zscore
from . import ClaimResult, claim
from .wiedemann_franz import plateau_energies, strip_sweep

NAME = "thermal_conductance_quantum"


def _flat_windows(energies, g, mu, half_width):
    """Chemical potentials whose sampled g(E) is one integer N over mu ± half_width, and N."""
    keep, counts = [], []
    for m in mu:
        near = g[np.abs(energies - m) <= half_width]
        n = np.rint(near)
        if near.size >= 3 and np.all(n == n[0]) and np.max(np.abs(near - n)) < 1e-8 and n[0] > 0:
            keep.append(m)
            counts.append(int(n[0]))
    return np.array(keep), np.array(counts)


@claim(
    name=NAME,
    title="Thermal conductance quantum pi^2 k_B^2 T/(3h) per open channel",
    section="thermodynamics",
    statement=(
        "A ballistic channel carries the heat current J = kappa0 dT with the thermal "
        "conductance quantum kappa0 = pi^2 k_B^2 T/(3h) = 9.464e-13 W/K^2 x T (per spin), "
        "independent of the material: the electronic thermal conductance of a clean strip, "
        "(L2 - L1^2/L0)/(hT) from its RGF transmission, equals N(mu) kappa0 on every plateau, "
        "also in a magnetic field where the channels are edge states."),
    references=("J. B. Pendry, J. Phys. A 16, 2161 (1983)",
                "L. G. C. Rego and G. Kirczenow, Phys. Rev. Lett. 81, 232 (1998)",
                "K. Schwab, E. A. Henriksen, J. M. Worlock and M. L. Roukes, Nature 404, 974 (2000)",
                "S. Jezouin et al., Science 342, 601 (2013)"),
    wrong_worlds={
        "kB2T_over_h": "theory: k_B^2 T/h per channel (the pi^2/3 of the Fermi window dropped)",
        "drude_lorenz": "theory: kappa = L G T with Drude's classical Lorenz number 3/2 (k_B/e)^2",
    },
)
def run(ctx):
    from ..plot.thermo import plot_thermal_conductance
    from ..theory import thermoelectric as th
    from ..theory.devices import strip_thresholds
    from ..transport.thermoelectric import thermoelectric_coefficients

    width, kt = 6, ctx.pick(0.01, 0.005)
    per_channel = 1.0
    if ctx.wrong("kB2T_over_h"):
        per_channel = 3.0 / np.pi ** 2
    if ctx.wrong("drude_lorenz"):
        per_channel = 1.5 / th.LORENZ_NUMBER

    # clean strip: thresholds known exactly
    thr, signs = strip_thresholds(width)
    energies = plateau_energies(thr, ctx.pick(6, 24))
    smats = ctx.memo(strip_sweep, width, tuple(energies))
    centres = 0.5 * (thr[1:] + thr[:-1])
    n_open = np.cumsum(signs)[:-1].astype(int)
    c = thermoelectric_coefficients(smats, mu=centres, temperature=kt, breakpoints=thr, fill=0.0)
    kappa, kerr = c.thermal_conductance, c.error("thermal_conductance")
    L = [th.staircase_integrals(thr, centres, kt, n, signs=signs) for n in range(3)]
    exact = (L[2] - L[1] ** 2 / L[0]) / (th.LORENZ_NUMBER * kt ** 2)
    tail = np.abs(exact - n_open)                      # computed tails of the neighbouring steps
    per = kappa / n_open
    per_err = np.hypot(kerr, tail) / n_open
    w = 1.0 / per_err ** 2
    mean = float(np.sum(w * per) / np.sum(w))
    mean_err = float(1.0 / np.sqrt(np.sum(w)))

    # strip in a magnetic field (edge states; thresholds not known in closed form): T(E) on a
    # uniform grid, kappa at lower temperature where the sampled g is flat over +-40 kT
    kt_f = kt / 2.5
    e_f = np.linspace(-4.6, 4.6, ctx.pick(231, 921)) + 1.234e-4
    s_f = ctx.memo(strip_sweep, 8, tuple(e_f), 0.04)
    g_f = np.array([s.conductance() for s in s_f])
    # flat over the window plus one grid spacing (the interpolation ramp to the next sample)
    mu_f, n_f = _flat_windows(e_f, g_f, np.linspace(-3.9, 3.9, ctx.pick(79, 313)),
                              40 * kt_f + (e_f[1] - e_f[0]))
    cf = thermoelectric_coefficients(s_f, mu=mu_f, temperature=kt_f, fill=0.0)
    kf, kf_err = cf.thermal_conductance, cf.error("thermal_conductance")
    zf = np.abs(kf - per_channel * n_f) / kf_err
    jf = int(np.argmax(zf))

    comparisons = [
        zscore(mean, mean_err, per_channel,
               label="kappa/(N kappa0) on the plateaus of a clean strip (weighted mean; allowance: "
                     "computed tails of the steps)"),
        zscore(float(kf[jf]), float(kf_err[jf]), float(per_channel * n_f[jf]),
               label=f"kappa/kappa0 = N in a field (flux 0.04 h/e per plaquette, kT = {kt_f:g}), "
                     f"worst of {mu_f.size} plateau mu (N = {n_f[jf]})"),
    ]
    mu_plot = np.linspace(-4.1, 4.1, ctx.pick(411, 1641))
    cp = thermoelectric_coefficients(smats, mu=mu_plot, temperature=kt, breakpoints=thr, fill=0.0)
    n_plot = np.array([int(np.sum(signs[thr < m])) for m in mu_plot])
    fig, _ = plot_thermal_conductance(mu_plot, cp.thermal_conductance, n_plot,
                                      extra=(mu_f, kf, r"$M=8$, flux $0.04\,h/e$"))
    return ClaimResult(
        value=mean, error=mean_err, theory=per_channel, comparisons=comparisons, figure=fig,
        unit="kappa0 per channel",
        details={"width": width, "kT": kt, "kappa_over_kappa0": kappa.tolist(),
                 "channels": n_open.tolist(), "field_points": int(mu_f.size),
                 "kappa0_over_T_W_per_K2": th.thermal_conductance_quantum(1.0),
                 "max_unitarity_error": float(max(s.unitarity_error() for s in smats))},
        note=("kappa in units of kappa0 = pi^2 k_B^2 T/(3h) per spin-resolved channel "
              "(9.464e-13 W/K^2 x T, from scipy.constants). Errors: interpolation estimate of the "
              "quadrature plus the S-matrix unitarity bound; the plateau values are allowed the "
              "computed exponentially small tails of the steps. In the field the thresholds are "
              "not known in closed form: the check uses chemical potentials where the sampled g(E) "
              "is one integer over +-40 kT (tails < 1e-14)."))
