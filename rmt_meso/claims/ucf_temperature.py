"""Claim: conductance fluctuations of a wire shrink once k_B T exceeds the Thouless energy."""

from __future__ import annotations

import numpy as np

from ..compare import interval
from ..theory import anderson as tha
from ..theory import wire as tw
from .._blas import single_threaded_blas
from . import ClaimResult, claim

NAME = "ucf_temperature"
#: temperatures in units of the Thouless energy E_Th = hbar D / L^2
KT_OVER_ETH = (0.3, 1.0, 3.0, 10.0)


#: half-width (units of E_Th) of the band of T = 0 conductances averaged for var g(0)
T0_BAND = 10.0


def energy_grid(energy, e_th):
    """Energy grid for the thermal averages: fine near ``energy``, coarser outside.

    Spacing 0.15 E_Th within 3 E_Th, 0.5 E_Th within 10 E_Th, 1 E_Th within 30 E_Th and
    1.5 E_Th within 100 E_Th: it satisfies ``thermal_average``'s ``k_B T / 2`` rule in the
    ``+-10 k_B T`` window of every temperature of ``KT_OVER_ETH`` and resolves ``g(E)``,
    whose correlation energy is several ``E_Th``.
    """
    parts = [np.linspace(-half, half, int(np.ceil(2 * half / h)) + 1) * e_th
             for half, h in ((3.0, 0.15), (10.0, 0.5), (30.0, 1.0), (100.0, 1.5))]
    return energy + np.unique(np.round(np.concatenate(parts) / (0.05 * e_th)) * 0.05 * e_th)


def _sample(rng, n, *, width, length, W, energy, e_th):
    """Per realisation: the thermally averaged g at each ``KT_OVER_ETH``, then g(E) (T = 0) at
    the grid energies within ``T0_BAND`` E_Th of ``energy``; shape (n, 4 + k)."""
    from ..transport import Wire, thermal_average
    grid = energy_grid(energy, e_th)
    band = np.abs(grid - energy) <= T0_BAND * e_th * (1 + 1e-9)
    template = Wire(width, length, W=W)
    out = np.empty((n, len(KT_OVER_ETH) + int(band.sum())))
    with single_threaded_blas():   # small slices: BLAS threads only synchronise
        for i in range(n):
            g = np.array([s.conductance() for s in template.realisation(rng).smatrix(grid)])
            out[i, :len(KT_OVER_ETH)] = [thermal_average(grid, g, k * e_th, energy)
                                         for k in KT_OVER_ETH]
            out[i, len(KT_OVER_ETH):] = g[band]
    return out


def _variances(x):
    """(var g(0) band-averaged, var g(0) at E_F, var g(T_k)).

    The band average is the sample variance at fixed E averaged over the T = 0 band of
    energies (an ergodic average: the same law at every E there), a precise reference for
    the high temperatures; the value at E_F itself is the paired reference for the low ones.
    """
    k = len(KT_OVER_ETH)
    v = x.var(axis=0, ddof=1)
    centre = k + (x.shape[1] - k) // 2          # the band is symmetric about E_F
    return float(v[k:].mean()), float(v[centre]), v[:k]


def _variance_ratios(samples, n_boot, rng):
    """var g(T_k) / var g(0) (band average; paired value at E_F for the lowest T) and
    bootstrap (over realisations) standard errors."""
    def ratios(x):
        v0, v_centre, vt = _variances(x)
        r = vt / v0
        r[0] = vt[0] / v_centre
        return r
    r = ratios(samples)
    n = samples.shape[0]
    boot = np.array([ratios(samples[rng.integers(0, n, n)]) for _ in range(n_boot)])
    return r, boot.std(axis=0, ddof=1)


@claim(name=NAME, title="Temperature suppression of universal conductance fluctuations",
       section="wires",
       statement=("At temperature T the conductance is an average of g(E) over the Fermi window "
                  "of width ~ k_B T. Conductances at energies further apart than the Thouless "
                  "energy E_Th = hbar D / L^2 are uncorrelated, so var g keeps its T = 0 value "
                  "for k_B T << E_Th and decreases once k_B T exceeds E_Th, approaching "
                  "var g ~ E_Th / k_B T = (L_T / L)^2 (L_T = sqrt(hbar D / k_B T))."),
       references=("P. A. Lee, A. D. Stone and H. Fukuyama, Phys. Rev. B 35, 1039 (1987)",
                   "B. L. Altshuler and D. E. Khmelnitskii, JETP Lett. 42, 359 (1985)"))
def run(ctx):
    from ..plot.wires import plot_ucf_temperature

    # M = 8 strip, E = 0.7 t lies mid-way between subband thresholds
    width, length, W, energy = ctx.pick(8, 16), ctx.pick(24, 48), 2.0, ctx.pick(0.7, 0.658)
    d = float(tha.diffusion_constant(energy, W, 2))
    e_th = d / length**2
    n = ctx.pick(36, 400)
    res = ctx.sweep(_sample, dict(width=width, length=length, W=W, energy=energy, e_th=e_th), n,
                    rng=ctx.seed_for(NAME))
    x = res.samples[0]
    seed = ctx.seed_for(NAME).spawn(1)[0]
    r, r_err = _variance_ratios(x, ctx.pick(300, 1000), np.random.default_rng(seed))
    var0, _, var = _variances(x)
    var_err = var * r_err  # relative bootstrap error of the ratio, for the figure
    kts = np.asarray(KT_OVER_ETH)
    slope = float(np.log(r[-1] / r[-2]) / np.log(kts[-1] / kts[-2]))
    comparisons = [
        interval(r[-1], 0.0, 1.0 - 4 * r_err[-1], error=r_err[-1],
                 label=f"var g(kT={kts[-1]:g} E_Th)/var g(0) below 1 by > 4 sigma"),
        interval(r[0], 0.9, 1.0 + 4 * r_err[0], error=r_err[0], theory=1.0,
                 label=f"var g(kT={kts[0]:g} E_Th)/var g(0) within 10% of 1 (kT < E_Th)"),
    ]
    fig, _ = plot_ucf_temperature(kts, var, var_err, var0=var0)
    l_t = tw.thermal_length(d, kts * e_th)
    head = comparisons[0]
    return ClaimResult(
        value=head.value, error=head.error, theory=float("nan"), comparisons=comparisons,
        figure=fig, unit="", details={
            "width": width, "length": length, "W": W, "energy": energy, "samples": n,
            "diffusion_constant_born": d, "thouless_energy": e_th,
            "kT_over_ETh": kts.tolist(), "L_T_over_L": (l_t / length).tolist(),
            "var_T0": var0, "var_T": var.tolist(), "ratio": r.tolist(),
            "ratio_err": r_err.tolist(), "loglog_slope_last_two": slope,
            "grid_points": int(energy_grid(energy, e_th).size)},
        note=("Each realisation's g(E) is computed on one energy grid (0.15 to 1 E_Th spacing, "
              "+-100 E_Th) and averaged with -df/dE by transport.thermal_average. var g(0) is the "
              "T = 0 variance at fixed E averaged over the energies within 10 E_Th of E_F "
              "(ergodic average), except for the lowest temperature, compared with the paired "
              "T = 0 value at E_F itself; the ratio var g(T)/var g(0) uses the same realisations, with "
              "bootstrap errors over realisations. E_Th = D/L^2 "
              "uses the Born diffusion constant of the 2D lattice (hbar = t = a = 1), an "
              "order-of-magnitude scale. The asymptotic law var ~ E_Th/k_BT is a scaling law "
              "without a computed prefactor; the measured log-log slope between the two highest "
              "temperatures is reported (details) and approaches -1 only for k_BT >> E_Th."))
