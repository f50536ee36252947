"""Claim: a clean wire's conductance is quantised, G = (2e²/h) × (number of open channels)."""

from __future__ import annotations

import numpy as np

from ..compare import absolute, relative
from . import ClaimResult, claim

NAME = "conductance_quantization"


def _edges(width):
    """Energies where a transverse mode opens or closes: ε_k ± 2t."""
    eps = -2 * np.cos(np.pi * np.arange(1, width + 1) / (width + 1))
    return eps, np.concatenate([eps - 2, eps + 2])


@claim(
    name=NAME,
    title="Quantized conductance of a ballistic wire",
    section="wires",
    statement=(
        "A clean wire between ideal leads transmits every open channel perfectly, so its "
        "conductance is an integer multiple of the conductance quantum: G = G0 N(E) with "
        "G0 = 2e^2/h = 7.748091729e-5 S and N(E) the number of transverse modes with "
        "|E - eps_k| < 2t, eps_k = -2t cos(k pi/(M+1)), k = 1..M (2D strip of width M). "
        "The computed sum of transmission eigenvalues equals N(E) to 1e-10 at every energy, "
        "also with a magnetic flux (where N(E) is the number of propagating lead modes)."),
    references=("B. J. van Wees et al., Phys. Rev. Lett. 60, 848 (1988)",
                "D. A. Wharam et al., J. Phys. C 21, L209 (1988)",
                "R. Landauer, IBM J. Res. Dev. 1, 223 (1957)"),
    wrong_worlds={"weak_disorder": "physics: box disorder W = 0.3 t in the strip (not ballistic)",
                  "spin_not_counted": "theory: G0 = e^2/h (spin degeneracy omitted) for the "
                                      "spin-degenerate strip's conductance in siemens"},
)
def run(ctx):
    import scipy.constants as const

    from ..plot.transport_solver import plot_conductance_staircase
    from ..transport import G0, Wire

    width, length = 8, ctx.pick(quick=6, full=40)
    n_e = ctx.pick(quick=397, full=1597)
    eps, edges = _edges(width)
    energies = np.linspace(-3.995, 3.995, n_e)
    # stay 1e-6 away from the steps themselves (zero velocity: the current is undefined there)
    keep = np.min(np.abs(energies[:, None] - edges[None, :]), axis=1) > 1e-6
    energies = energies[keep]
    n_open = np.array([np.sum(np.abs(e - eps) < 2.0) for e in energies])

    wire = Wire(width, length, W=0.3 if ctx.wrong("weak_disorder") else 0.0).realisation(ctx.seed_for(NAME))
    smats = wire.smatrix(energies)
    g = np.array([s.conductance() for s in smats])
    g_si = np.array([s.conductance(unit="S") for s in smats])
    dev = float(np.max(np.abs(g - n_open)))
    quantum = G0 / 2 if ctx.wrong("spin_not_counted") else G0
    dev_si = float(np.max(np.abs(g_si / quantum - n_open)))
    tmin = min(float(np.min(s.transmission_eigenvalues(), initial=1.0)) for s in smats)

    # a magnetic flux changes the modes (edge states), never the quantisation
    flux_wire = Wire(width, length, flux=0.06,
                     W=0.3 if ctx.wrong("weak_disorder") else 0.0).realisation(ctx.seed_for(NAME))
    e_flux = energies[::4]
    g_flux = np.array([s.conductance() for s in flux_wire.smatrix(e_flux)])
    n_flux = np.array([flux_wire.n_channels(e) for e in e_flux])
    dev_flux = float(np.max(np.abs(g_flux - n_flux)))

    g0_codata = 2 * const.e ** 2 / const.h
    comparisons = [
        absolute(dev, 0.0, atol=1e-10, label="max |g(E) - N(E)| over the band (clean strip)"),
        absolute(1.0 - tmin, 0.0, atol=1e-10, label="every transmission eigenvalue equals 1"),
        absolute(dev_si, 0.0, atol=1e-10, label="G/G0 - N(E) with G in siemens"),
        relative(G0, 7.748091729e-5, rtol=1e-9, label="G0 = 2e^2/h in siemens (scipy.constants)"),
        relative(G0, g0_codata, rtol=1e-15, label="G0 equals 2e^2/h computed from e and h"),
        absolute(dev_flux, 0.0, atol=1e-10, label="max |g - N| with flux 0.06 h/e per plaquette"),
    ]
    fig = ctx.plot(plot_conductance_staircase, energies, g, n_open, width=width,
                                        extra=(e_flux, g_flux, r"$g$ with flux $\phi=0.06$"))
    return ClaimResult(
        value=dev, error=float("nan"), theory=0.0, comparisons=comparisons, figure=fig, unit="2e^2/h",
        details={"width": width, "length": length, "n_energies": int(len(energies)),
                 "max_deviation": dev, "max_deviation_flux": dev_flux, "G0_siemens": G0,
                 "max_channels": int(n_open.max())},
        note="Deterministic check (no sampling): absolute tolerances are round-off bounds. "
             "Energies within 1e-6 of a step are skipped: there a mode has zero velocity. "
             "This claim also carries the SI value of G0 (the former conductance_quantum "
             "claim's unit identities are unit tests in tests/test_theory_scales.py).")
