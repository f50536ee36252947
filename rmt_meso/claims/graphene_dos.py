"""Claim: the density of states of graphene vanishes linearly at the Dirac point, slope set by v_F."""

from __future__ import annotations

import numpy as np

from ..compare import mean_with_error, zscore
from . import ClaimResult, claim

NAME = "graphene_dos"
SLOPE_E = np.linspace(0.06, 0.22, 9)       # energies of the slope fit (units of t)
BAND_E = np.array([0.5, 1.5, 2.5])          # away from the Dirac point: the exact lattice DOS
PLOT_E = np.linspace(-2.95, 2.95, 237)
N_MOMENTS = 256


def _kpm(cells, n_twists, seed):
    """KPM density of honeycomb tori (cells x cells) at random boundary twists, one vector each."""
    from ..spectral import kpm_density
    from ..transport.billiards import torus_hamiltonian
    from ..transport.lattice import honeycomb
    rng = np.random.default_rng(seed)
    mats = [torus_hamiltonian(honeycomb(), (cells, cells), twist=2 * np.pi * rng.random(2))
            for _ in range(n_twists)]
    energies = np.concatenate([SLOPE_E, BAND_E, PLOT_E])
    return kpm_density(mats, energies, n_moments=N_MOMENTS, n_vectors=1, bounds=(-3.0, 3.0), rng=rng)


def _slope(e, rho):
    """Least-squares slope through the origin of rho(E) (last axis) over the energies e."""
    return rho @ e / (e @ e)


@claim(
    name=NAME,
    title="Graphene density of states: linear at the Dirac point, rho = |E|/(sqrt3 pi t^2) per atom",
    section="graphene",
    statement=(
        "Near the Dirac point the two valleys of graphene's cone give a density of states "
        "rho(E) = A |E|/(pi hbar^2 v_F^2) per spin over the area A of one atom, i.e. "
        "|E|/(sqrt3 pi t^2) per atom with hbar v_F = (sqrt3/2) t a (a = sqrt3 a_cc the lattice "
        "constant). Measured by the kernel polynomial method (spectral.kpm_density, Jackson kernel, "
        "256 moments) on honeycomb tori at random boundary twists (the twist average samples the "
        "whole Brillouin zone): the slope of rho(E) over 0.06..0.22t is compared with the same fit "
        "of the exact lattice DOS (Hobson-Nierenberg, theory.graphene.dos) smoothed by the same "
        "kernel, which differs from the pure Dirac slope by the computed lattice and kernel "
        "corrections; the DOS at 0.5t, 1.5t, 2.5t is compared with the smoothed exact DOS."),
    references=("P. R. Wallace, Phys. Rev. 71, 622 (1947)",
                "A. H. Castro Neto, F. Guinea, N. M. R. Peres, K. S. Novoselov and A. K. Geim, Rev. Mod. Phys. 81, 109 (2009)",
                "J. P. Hobson and W. A. Nierenberg, Phys. Rev. 89, 662 (1953)",
                "A. Weiße, G. Wellein, A. Alvermann and H. Fehske, Rev. Mod. Phys. 78, 275 (2006)"),
    wrong_worlds={
        "vf_3ta_over_2": "theory: hbar v_F = (3/2) t a with a the lattice constant (instead of the C-C "
                         "distance): v_F too large by sqrt3, slope 3 times too small",
        "one_valley": "theory: a single Dirac cone (valley degeneracy forgotten): slope halved",
    },
)
def run(ctx):
    from ..plot.graphene import plot_graphene_dos
    from ..theory.graphene import dirac_dos, dos

    cells, twists = ctx.pick((110, 16), (300, 48))
    d = ctx.memo(_kpm, cells, twists, int(ctx.seed_for(NAME).generate_state(1)[0]))
    ns, nb = SLOPE_E.size, BAND_E.size
    exact = d.smooth(density=lambda e: np.where(np.abs(e) < 3.0, dos(e), 0.0))
    factor = 1.0
    if ctx.wrong("vf_3ta_over_2"):
        factor = 1.0 / 3.0
    if ctx.wrong("one_valley"):
        factor = 0.5
    slope = mean_with_error(_slope(SLOPE_E, d.samples[:, :ns]))
    slope_th = factor * float(_slope(SLOPE_E, exact[:ns]))
    dirac = float(dirac_dos(1.0))                                 # 1/(sqrt3 pi t^2)
    comparisons = [zscore(slope.value, slope.stderr, slope_th,
                          label=f"slope of rho(E) over {SLOPE_E[0]:g}..{SLOPE_E[-1]:g}t vs the kernel-smoothed "
                                f"exact lattice DOS (Dirac slope 1/(sqrt3 pi t^2) = {factor * dirac:.5f}; "
                                f"computed correction {slope_th / (factor * dirac) - 1:+.4f})")]
    for i, e in enumerate(BAND_E):
        comparisons.append(zscore(float(d.density[ns + i]), float(d.stderr[ns + i]),
                                  float(exact[ns + i]) * (factor if e < 1 else 1.0),
                                  label=f"rho({e:g}t) vs the kernel-smoothed exact lattice DOS"))
    fig = ctx.plot(plot_graphene_dos, PLOT_E, d.density[ns + nb:], d.stderr[ns + nb:], exact[ns + nb:],
                   dirac_dos(PLOT_E), resolution=d.resolution)
    return ClaimResult(
        value=slope.value, error=slope.stderr, theory=slope_th, comparisons=comparisons, figure=fig,
        unit="1/t^2 per atom and spin",
        details={"torus_cells": cells, "twists": twists, "n_moments": N_MOMENTS,
                 "kernel_resolution_t": d.resolution, "dirac_slope": dirac,
                 "smoothed_exact_slope": float(_slope(SLOPE_E, exact[:ns])),
                 "slope_over_dirac": slope.value / dirac},
        note=("KPM with one random-phase vector per torus (honeycomb, periodic, 2 x cells^2 atoms) at a "
              "uniform random twist of both boundaries: each sample is an unbiased estimate of the "
              "infinite lattice's kernel-smoothed DOS, so the standard error is the spread over the "
              "samples (the slope is fitted per sample). The theory is the exact DOS put through the "
              "same Chebyshev expansion (KPMDensity.smooth), which states the small correction to the "
              "pure Dirac slope (kernel broadening and the O(E^2) band curvature). In the wrong worlds "
              "the Dirac-point theory is rescaled (rho at 0.5t with it)."))
