"""Claim: Bohigas–Giannoni–Schmit — chaotic billiards have Wigner–Dyson level statistics, integrable ones Poisson."""

from __future__ import annotations

import math

import numpy as np

from ..compare import ratio_of_means, zscore
from . import ClaimResult, claim

NAME = "bohigas_giannoni_schmit"
FLUX = 0.012        # flux per plaquette (h/e) of the GUE billiards (~5 flux quanta through a billiard; cyclotron radius k/(2 pi FLUX) ~ 14)
EMAX = -2.6         # levels below E = -4t + t k^2 with k <= 1.18 (near the band bottom, nearly isotropic)
SKIP = 20           # lowest levels of each billiard dropped (fixed in advance: below the semiclassical regime)


def _ratio_sums(levels_of, shapes):
    """Per-billiard (sum of r~, number of r~) of the levels below EMAX after the lowest SKIP."""
    from ..spectral import spacing_ratios
    sums, counts = [], []
    for shape in shapes:
        e = levels_of(shape)
        e = e[e < EMAX][SKIP:]
        rr = spacing_ratios(e)
        sums.append(float(rr.sum()))
        counts.append(float(rr.size))
    return np.array(sums), np.array(counts)


def sinai_ratios(seed, n_shapes, flux):
    """Desymmetrised Sinai billiards: rectangle a x b minus a quarter disc of radius r at the corner,
    a ~ U(26, 32), b/a ~ U(0.6, 0.8), r/b ~ U(0.5, 0.7) (no mirror symmetry left)."""
    from ..transport.billiards import closed_hamiltonian, sinai_quarter
    from ..transport.lattice import square
    rng = np.random.default_rng(seed)
    shapes = []
    for _ in range(n_shapes):
        a = rng.uniform(26, 32)
        b = a * rng.uniform(0.6, 0.8)
        shapes.append(sinai_quarter(a, b, b * rng.uniform(0.5, 0.7)))
    return _ratio_sums(
        lambda s: np.linalg.eigvalsh(closed_hamiltonian(square(), s, flux=flux)[0].toarray()), shapes)


def rectangle_ratios(seed, n_shapes):
    """Integrable rectangles of Lx x Ly sites, Lx ~ U{26..32}, Ly = round(Lx U(0.6, 0.8)), with
    gcd(Lx + 1, Ly + 1) = 1 (no exact lattice degeneracies E_mn = E_m'n')."""
    from ..transport.billiards import closed_hamiltonian
    from ..transport.lattice import rectangle, square
    rng = np.random.default_rng(seed)
    shapes = []
    while len(shapes) < n_shapes:
        lx = int(rng.integers(26, 33))
        ly = int(round(lx * rng.uniform(0.6, 0.8)))
        if math.gcd(lx + 1, ly + 1) == 1:
            shapes.append(rectangle(0, lx - 1, 0, ly - 1))
    return _ratio_sums(lambda s: np.linalg.eigvalsh(closed_hamiltonian(square(), s)[0].toarray()), shapes)


@claim(
    name=NAME,
    title="Bohigas-Giannoni-Schmit: chaotic billiards follow GOE/GUE, integrable ones Poisson",
    section="chaos",
    statement=(
        "The quantum levels of a classically chaotic billiard have the spectral fluctuations of "
        "random matrices (Bohigas, Giannoni & Schmit): GOE with time reversal, GUE in a magnetic "
        "field; those of an integrable billiard are uncorrelated (Berry & Tabor). Hard-wall "
        "billiards on the square lattice near the band bottom (E = -4t + t k^2, k <= 1.18): "
        "desymmetrised Sinai billiards give <r~> = 0.5307 (GOE), in a field 0.5996 (GUE), "
        "rectangles 2 ln 2 - 1 = 0.3863 (Poisson); the spacing ratio needs no unfolding."),
    references=("O. Bohigas, M. J. Giannoni and C. Schmit, Phys. Rev. Lett. 52, 1 (1984)",
                "M. V. Berry and M. Tabor, Proc. R. Soc. A 356, 375 (1977)",
                "Y. Y. Atas, E. Bogomolny, O. Giraud and G. Roux, Phys. Rev. Lett. 110, 084101 (2013)",
                "Ya. G. Sinai, Russ. Math. Surveys 25, 137 (1970)"),
    wrong_worlds={
        "field_off": "physics: the GUE billiards without the magnetic field",
        "gue_theory_swapped": "theory: GOE statistics claimed for the billiards in the field",
        "chaotic_poisson": "theory: Poisson statistics claimed for the Sinai billiards",
        "rectangle_goe": "theory: GOE statistics claimed for the integrable rectangles",
    },
)
def run(ctx):
    from ..plot.chaos import plot_billiard_ratios
    from ..theory import mean_rtilde

    n_chaos, n_rect = ctx.pick(44, 80), ctx.pick(20, 60)
    root = ctx.seed_for(NAME).generate_state(2)
    # the same shapes with and without field: the field-off world reuses the GOE sample
    goe = ctx.memo(sinai_ratios, int(root[0]), n_chaos, 0.0)
    gue = ctx.memo(sinai_ratios, int(root[0]), n_chaos, 0.0 if ctx.wrong("field_off") else FLUX)
    poi = ctx.memo(rectangle_ratios, int(root[1]), n_rect)
    est = {k: ratio_of_means(*v) for k, v in (("goe", goe), ("gue", gue), ("poisson", poi))}
    theory = {"goe": mean_rtilde(0) if ctx.wrong("chaotic_poisson") else mean_rtilde(1),
              "gue": mean_rtilde(1) if ctx.wrong("gue_theory_swapped") else mean_rtilde(2),
              "poisson": mean_rtilde(1) if ctx.wrong("rectangle_goe") else mean_rtilde(0)}
    comparisons = [
        zscore(est["goe"].value, est["goe"].stderr, theory["goe"],
               label=f"<r~> of {n_chaos} desymmetrised Sinai billiards vs GOE"),
        zscore(est["gue"].value, est["gue"].stderr, theory["gue"],
               label=f"<r~> of the same billiards in a field (flux {FLUX} h/e per plaquette) vs GUE"),
        zscore(est["poisson"].value, est["poisson"].stderr, theory["poisson"],
               label=f"<r~> of {n_rect} rectangles vs Poisson 2 ln 2 - 1"),
    ]
    fig, _ = plot_billiard_ratios([est[k] for k in ("poisson", "goe", "gue")],
                                  ["rectangles", "Sinai", f"Sinai, $\\phi={FLUX}$"],
                                  {0: mean_rtilde(0), 1: mean_rtilde(1), 2: mean_rtilde(2)})
    return ClaimResult(
        value=est["goe"].value, error=est["goe"].stderr, theory=theory["goe"], comparisons=comparisons,
        figure=fig, unit="<r~>",
        details={k: {"mean_rtilde": e.value, "stderr": e.stderr, "billiards": e.n} for k, e in est.items()}
        | {"ratios": {"goe": int(goe[1].sum()), "gue": int(gue[1].sum()), "poisson": int(poi[1].sum())},
           "lowest_levels_skipped": SKIP, "energy_cut": EMAX, "flux": FLUX},
        note=("Levels by dense diagonalisation of lattice billiards of ~450 (Sinai) and ~500 "
              "(rectangle) sites; ratios pooled over random shapes, error from the scatter between "
              "billiards (compare.ratio_of_means). The lowest 20 levels of each billiard are dropped "
              "(not yet semiclassical). Rectangles with gcd(Lx+1, Ly+1) > 1 are excluded: their "
              "lattice spectra have exact degeneracies. The billiards in the field sit ~0.015 below "
              "GUE (2.4 sigma on the quick preset; flux 0.018 gave 0.574 +- 0.008, 0.025 gave 0.549 "
              "on another draw): the GOE-GUE crossover is not complete at these sizes, or the curved "
              "orbits leave regular islands. Observation (not a claim): desymmetrised lattice quarter "
              "stadia gave <r~> = 0.558 +- 0.007 (560 levels, R ~ 44, k <= 0.76), 4 sigma above GOE, "
              "unexplained (bouncing-ball family or slow semiclassical convergence); the dispersing "
              "Sinai billiard has no such family."))
