"""Claim: weak-field magnetoconductance of a disordered wire (WL dip, antilocalization peak)."""

from __future__ import annotations

import math

import numpy as np

from ..compare import interval
from ..theory import wire as tw
from .._blas import single_threaded_blas
from . import ClaimResult, claim

NAME = "magnetoconductance_wire"


def _sample(rng, n, *, width, length, W, energy, fluxes, spin_orbit=None):
    """``g(Phi) - g(0)`` for the same disorder at each total flux ``Phi`` (units h/e), shape (n, k).

    Paired samples: one on-site disorder per realisation, solved at every flux, so the
    sample-to-sample fluctuations of ``g`` cancel in the difference at small fields.
    """
    from ..transport import Wire
    per = 2.0 if spin_orbit is not None else 1.0
    wires = [Wire(width, length, W=W, flux=f / (width * length), spin_orbit=spin_orbit)
             for f in fluxes]
    out = np.empty((n, len(fluxes)))
    with single_threaded_blas():   # small slices: BLAS threads only synchronise
        for i in range(n):
            onsite = wires[0].realisation(rng).onsite
            g = np.array([w.with_onsite(onsite).conductance(energy) / per for w in wires])
            out[i] = g - g[0]
    return out


def half_rise_flux(phi, dg):
    """Smallest flux at which ``|dg|`` reaches half its maximum (linear interpolation)."""
    a = np.abs(np.asarray(dg, float))
    half = 0.5 * a.max()
    k = int(np.argmax(a >= half))
    if k == 0:
        return float(phi[0])
    return float(phi[k - 1] + (half - a[k - 1]) * (phi[k] - phi[k - 1]) / (a[k] - a[k - 1]))


@claim(name=NAME, title="Magnetoconductance of a disordered wire: weak-localization dip",
       section="wires",
       statement=("A weak magnetic field destroys the interference of time-reversed paths: the "
                  "conductance of a time-reversal-symmetric wire rises with field (the "
                  "weak-localization dip at B = 0, of full size 1/3 in the diffusive limit), that "
                  "of a spin-orbit wire falls (antilocalization peak, full size 1/6). The field "
                  "scale is set by about one flux quantum h/e through the phase-coherent area "
                  "W x L (dirty limit: L/L_B = 2 pi Phi / sqrt 3, L_B = sqrt(3) l_m^2 / W)."),
       references=("B. L. Altshuler and A. G. Aronov, JETP Lett. 33, 499 (1981)",
                   "C. W. J. Beenakker and H. van Houten, Phys. Rev. B 38, 3232 (1988)",
                   "C. W. J. Beenakker and H. van Houten, Solid State Phys. 44, 1 (1991)",
                   "T. Ando, Phys. Rev. B 40, 5325 (1989)"))
def run(ctx):
    from ..plot.wires import plot_magnetoconductance_wire

    fluxes = [0.0, 0.25, 0.5, 1.0, 2.0, 4.0]
    # energies mid-way between subband thresholds (as in the other wire claims)
    systems = [
        (1, "beta=1 (spinless)", dict(width=ctx.pick(12, 24), length=ctx.pick(48, 96), W=2.0,
                                      energy=ctx.pick(0.68, 0.634), fluxes=fluxes)),
        (4, "beta=4 (spin-orbit)", dict(width=ctx.pick(8, 16), length=ctx.pick(36, 72), W=2.0,
                                        energy=ctx.pick(0.33, 0.68), fluxes=fluxes,
                                        spin_orbit=math.pi / 4)),
    ]
    n = ctx.pick(300, 2500)
    res = ctx.sweep(_sample, [p for _, _, p in systems], n, rng=ctx.seed_for(NAME))
    phi = np.asarray(fluxes)
    series, details = [], {"fluxes_h_over_e": fluxes, "samples": n, "systems": []}
    for (beta, label, p), dg, err in zip(systems, res.mean, res.stderr):
        series.append({"beta": beta, "Phi": phi, "dg": dg, "err": err,
                       "label": f"{label}, M={p['width']}, L={p['length']}"})
        details["systems"].append({"beta": beta, **{k: v for k, v in p.items() if k != "fluxes"},
                                   "dg": dg.tolist(), "dg_err": err.tolist(),
                                   "half_rise_flux": half_rise_flux(phi, dg)})
    dg1, e1 = res.mean[0], res.stderr[0]
    dg4, e4 = res.mean[1], res.stderr[1]
    k1 = int(np.argmax(dg1))            # largest rise of the beta = 1 wire
    i4 = fluxes.index(1.0)              # beta = 4 at one flux quantum
    phi_half = details["systems"][0]["half_rise_flux"]
    full1, full4 = -tw.wl_correction(1), -tw.wl_correction(4)
    comparisons = [
        interval(dg1[k1], 4 * e1[k1], full1 + 4 * e1[k1], stderr=e1[k1], theory=full1,
                 label=f"beta=1: g(Phi={fluxes[k1]:g}) - g(0) > 0 at 4 sigma and <= 1/3"),
        interval(dg4[i4], full4 - 4 * e4[i4], -4 * e4[i4], stderr=e4[i4], theory=full4,
                 label="beta=4: g(Phi=1) - g(0) < 0 at 4 sigma and >= -1/6"),
        interval(phi_half, 0.25, 4.0, theory=1.0,
                 label="beta=1: half-rise flux within [1/4, 4] h/e (about one flux quantum)"),
    ]
    fig, _ = plot_magnetoconductance_wire(series)
    head = comparisons[0]
    return ClaimResult(
        value=head.value, error=head.stderr, theory=full1, comparisons=comparisons, figure=fig,
        unit="e^2/h", details=details,
        note=("Paired samples: one disorder realisation solved at every flux (uniform field in "
              "wire and leads, Landau gauge). The comparisons are qualitative by design "
              "(interval checks): in these lattice wires the width is comparable to the mean "
              "free path, so boundary scattering weakens the magnetic dephasing (flux "
              "cancellation, Beenakker & van Houten 1988) and the rise is slower and smaller "
              "than the dirty-limit curve drawn for reference; at a few flux quanta the "
              "classical magnetoresistance and the field's shift of the lead subbands "
              "(N changes for the spin-orbit wire from Phi = 2) set in before the full 1/3 "
              "(1/6) is reached. The full WL correction itself is measured at zero field in "
              "weak_localization_wire."))
