"""Claim: quantum Hall plateaus of a disordered Hall bar, R_xy = h/(nu e^2), R_xx = 0."""

from __future__ import annotations

import numpy as np

from ..compare import absolute
from . import ClaimResult, claim

NAME = "quantum_hall"
FLUX, W, SEED = 0.1, 0.5, 3


def _sweep(flux, W, seed, energies):
    """Resistances of one disordered Hall-bar realisation over ``energies``.

    Rows: (E, nu = lead modes, R_xy, R_xx, R_2t, unitarity error), resistances in h/e^2.
    """
    from ..transport.devices import hall_bar
    dev = hall_bar(flux=flux, W=W).realisation(rng=seed)
    rows = []
    for e in energies:
        s = dev.smatrix(float(e))
        nu = int(s.lead_sizes[0])
        if nu == 0:
            continue
        rows.append((e, nu, s.resistance(0, 3, 1, 5), s.resistance(0, 3, 1, 2), s.resistance(0, 3, 0, 3),
                     s.unitarity_error()))
    return np.array(rows)


def _plateau_centres(energies, nu):
    """Midpoints of the runs of constant lead-mode count (the plateaus), with their nu."""
    out = []
    start = 0
    for i in range(1, len(nu) + 1):
        if i == len(nu) or nu[i] != nu[start]:
            if i - start >= 3:
                out.append((0.5 * (energies[start] + energies[i - 1]), int(nu[start])))
            start = i
    return out


def _current(flux, W, seed, energy):
    from ..transport.devices import hall_bar
    dev = hall_bar(flux=flux, W=W).realisation(rng=seed)
    return dev, dev.wave_function(energy, 0)


@claim(
    name=NAME,
    title="Quantum Hall effect: R_xy = h/(nu e^2) and R_xx = 0 on the plateaus of a disordered Hall bar",
    section="devices",
    statement=(
        "In a strong perpendicular field the current of a two-dimensional conductor is carried "
        "by nu chiral edge channels; backscattering needs tunnelling across the bar, so on a "
        "plateau the four-terminal Hall resistance is R_xy = h/(nu e^2), the longitudinal "
        "R_xx = 0 and the two-terminal conductance g = nu, whatever the disorder (Büttiker's "
        "multi-terminal formula). Six-terminal disordered Hall bar 60 x 20, W = 0.5 t, flux 0.1 "
        "h/e per plaquette (l_B = 1.26): plateaus nu = 1, 2 to a stated precision; between "
        "plateaus R_xx is finite."),
    references=("K. von Klitzing, G. Dorda and M. Pepper, Phys. Rev. Lett. 45, 494 (1980)",
                "M. Büttiker, Phys. Rev. B 38, 9375 (1988)",
                "B. I. Halperin, Phys. Rev. B 25, 2185 (1982)"),
    wrong_worlds={
        "field_off": "physics: the same disordered bar without the field",
        "spin_split_half": "theory: R_xy = h/(2 nu e^2) (spin degeneracy double counted)",
    },
)
def run(ctx):
    from ..plot.hall import plot_hall_plateaus

    flux = 0.0 if ctx.wrong("field_off") else FLUX
    energies = np.round(np.arange(-3.35, -1.45, ctx.pick(0.1, 0.025)), 6) + 1.234e-4
    # plateau centres from the edge-channel count of the field's leads (the stated system)
    ref = ctx.memo(_sweep, FLUX, W, SEED, tuple(energies))
    centres = [(c, n) for c, n in _plateau_centres(ref[:, 0], ref[:, 1]) if n <= 2]
    data = ref if flux == FLUX else ctx.memo(_sweep, flux, W, SEED, tuple(energies))
    e, nu, rxy, rxx, r2t, unit = data.T
    half = 0.5 if ctx.wrong("spin_split_half") else 1.0
    precision = 1e-6
    rows = []
    for c, n in centres:
        i = int(np.argmin(np.abs(e - c)))
        rows.append((e[i], n, rxy[i], rxx[i], r2t[i]))      # nu: the stated plateau's filling
    rows = np.array(rows)
    dxy = np.abs(rows[:, 2] * rows[:, 1] - half)                    # nu R_xy - 1
    dxx = np.abs(rows[:, 3])
    d2t = np.abs(rows[:, 4] * rows[:, 1] - half)
    comparisons = [
        absolute(float(dxy.max()), 0.0, atol=precision,
                 label=f"max |nu R_xy/(h/e^2) - 1| on the plateau centres nu = "
                       f"{[int(r[1]) for r in rows]} (stated precision 1e-6)"),
        absolute(float(dxx.max()), 0.0, atol=precision, label="max R_xx/(h/e^2) on the plateau centres"),
        absolute(float(d2t.max()), 0.0, atol=precision,
                 label="two-terminal g = nu: max |nu R_2t/(h/e^2) - 1| on the plateau centres"),
        absolute(float(unit.max()), 0.0, atol=1e-10, label="max |S^dag S - 1| over the sweep"),
    ]
    between = rxx[(nu >= 1) & (nu <= 3)]
    fig = None
    if not ctx.wrong("field_off"):
        dev, psi = ctx.memo(_current, flux, W, SEED, float(rows[0, 0]))
        fig, _ = plot_hall_plateaus(e, rxy, rxx, nu, dev, psi, energy=float(rows[0, 0]))
    return ClaimResult(
        value=float(rows[0, 2]), error=float("nan"), theory=half,
        comparisons=comparisons, figure=fig, unit="h/e^2",
        details={"flux": flux, "W": W, "seed": SEED, "plateaus": rows.tolist(),
                 "precision_Rxy": float(dxy.max()), "precision_Rxx": float(dxx.max()),
                 "max_Rxx_between_plateaus": float(between.max()) if between.size else None,
                 "energies": int(len(e))},
        note=("Deterministic for one disorder realisation (seed 3): the deviations from exact "
              "quantization are physical (tunnelling across the bar through localized bulk states), "
              "exponentially small in the plateau centres; the claim states the precision 1e-6 and "
              "the report records the values reached (R_xy to ~1e-14 at nu = 1, ~1e-9 at nu = 2; "
              "R_xx ~ 1e-10 and 1e-6). Plateau centres: midpoints of the energy runs with a "
              "constant number nu of lead modes (edge channels)."))
