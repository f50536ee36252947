"""Claim: conductance quantization of clean graphene ribbons — zigzag odd plateaus, armchair metallic for N = 3p + 2."""

from __future__ import annotations

import numpy as np

from ..compare import zscore
from . import ClaimResult, claim

NAME = "graphene_ribbons"
ARMCHAIR_WIDTHS = np.arange(3.0, 9.01, 0.5)      # lattice constants: N = 7 ... 19 dimer lines
ZIGZAG_WIDTH = 6.0                                # 14 atom rows: 7 zigzag chains, zigzag edges


def _armchair(widths, energy):
    """(N dimer lines, g at ``energy``, unitarity bound) of clean armchair ribbons."""
    from ..transport.devices import armchair_ribbon
    out = []
    for w in widths:
        dev = armchair_ribbon(width=float(w), length=6.0)
        n_lines = np.unique(np.round(dev.positions[:, 0], 6)).size
        s = dev.smatrix(energy)
        out.append((n_lines, float(s.transmission(1, 0)), s.unitarity_error() * s.matrix.shape[-1]))
    return out


def _zigzag(width, energies):
    from ..transport.devices import zigzag_ribbon
    dev = zigzag_ribbon(width=width, length=6.0)
    rows = np.unique(np.round(dev.positions[:, 1], 6)).size
    g, bound, modes = [], 0.0, []
    for e in energies:
        s = dev.smatrix(float(e))
        g.append(float(s.transmission(1, 0)))
        modes.append(int(s.lead_sizes[0]))
        bound = max(bound, s.unitarity_error() * s.matrix.shape[-1])
    return rows, np.array(g), np.array(modes), bound


@claim(
    name=NAME,
    title="Graphene ribbons: zigzag plateaus at odd multiples, armchair metallic only for N = 3p + 2",
    section="graphene",
    statement=(
        "A clean graphene nanoribbon (honeycomb lattice, hopping -t) conducts through its "
        "transverse modes: near the Dirac point a zigzag ribbon has g = 1, 3, 5, ... (per spin; "
        "the zero-energy edge state adds one channel to the pairs of bulk modes), and an "
        "armchair ribbon of N dimer lines is metallic (g = 1 at E -> 0) if and only if "
        "N = 3p + 2, otherwise gapped (g = 0) (Brey & Fertig; Nakada et al.)."),
    references=("K. Nakada, M. Fujita, G. Dresselhaus and M. S. Dresselhaus, Phys. Rev. B 54, 17954 (1996)",
                "L. Brey and H. A. Fertig, Phys. Rev. B 73, 235411 (2006)",
                "N. M. R. Peres, A. H. Castro Neto and F. Guinea, Phys. Rev. B 73, 195411 (2006)"),
    wrong_worlds={
        "metallic_3p": "theory: armchair ribbons metallic for N = 3p instead of 3p + 2",
        "no_edge_state": "theory: zigzag plateaus at even values 0, 2, 4 (no edge-state channel)",
    },
)
def run(ctx):
    from ..plot.graphene import plot_ribbon_conductance

    # --- armchair: g(E = 0.02 t) of N = 7 ... 19
    arm = ctx.memo(_armchair, tuple(ARMCHAIR_WIDTHS), 0.02)
    n_lines = np.array([a[0] for a in arm])
    g_arm = np.array([a[1] for a in arm])
    bound_arm = max(max(a[2] for a in arm), 1e-14)
    residue = 0 if ctx.wrong("metallic_3p") else 2
    g_arm_th = (n_lines % 3 == residue).astype(float)
    dev_arm = np.abs(g_arm - g_arm_th)
    ia = int(np.argmax(dev_arm))

    # --- zigzag: g(E) over the first plateaus
    # up to 0.95t: at E = t the zigzag bands are flat at the zone boundary (a van Hove point)
    energies = np.linspace(0.01, 0.95, ctx.pick(60, 240)) + 1.37e-4
    rows, g_zz, modes, bound_zz = ctx.memo(_zigzag, ZIGZAG_WIDTH, tuple(energies))
    bound_zz = max(bound_zz, 1e-14)
    plateau = np.rint(g_zz)
    odd = plateau % 2 == (0 if ctx.wrong("no_edge_state") else 1)
    g_zz_th = np.where(odd, plateau, plateau + 1)        # nearest allowed value (odd, or even)
    dev_zz = np.abs(g_zz - g_zz_th)
    iz = int(np.argmax(dev_zz))
    first = g_zz[energies < 0.1]
    first_th = 0.0 if ctx.wrong("no_edge_state") else 1.0

    comparisons = [
        zscore(float(g_arm[ia]), bound_arm, float(g_arm_th[ia]),
               label=f"armchair ribbons N = {n_lines.min()}..{n_lines.max()}: g(E = 0.02t) vs "
                     f"1 if N = 3p+2 else 0 (worst: N = {n_lines[ia]})"),
        zscore(float(g_zz[iz]), bound_zz, float(g_zz_th[iz]),
               label=f"zigzag ribbon ({rows // 2} chains): g(E) on odd plateaus, worst of {energies.size} "
                     f"energies in (0, 0.95]t (E = {energies[iz]:.3f})"),
        zscore(float(first.mean()), bound_zz, first_th,
               label="zigzag ribbon: g = 1 down to the Dirac point (E < 0.1t, edge state)"),
    ]
    fig, _ = plot_ribbon_conductance(energies, g_zz, modes, n_lines, g_arm)
    return ClaimResult(
        value=float(first.mean()), error=bound_zz, theory=first_th, comparisons=comparisons, figure=fig,
        unit="e^2/h per spin",
        details={"armchair_N": n_lines.tolist(), "armchair_g": g_arm.tolist(),
                 "zigzag_rows": int(rows), "zigzag_plateaus": sorted(set(plateau.astype(int).tolist())),
                 "max_deviation_armchair": float(dev_arm.max()), "max_deviation_zigzag": float(dev_zz.max()),
                 "unitarity_bound": max(bound_arm, bound_zz)},
        note=("Deterministic: errors are the S-matrix unitarity bound (max|S^dag S - 1| x dim). "
              "Ribbons from transport.devices (honeycomb, a = 1, length 6). N counts the dimer "
              "lines (distinct x positions of the armchair ribbon's atoms). The zigzag widths are "
              "chosen with an even number of atom rows so that both edges are zigzag."))
