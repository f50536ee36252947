"""Kwant's transmissions (and timings) for a device described in an .npz file.

Run by the PEER interpreter (the venv of benchmarks/peers/kwant.sh, Kwant 1.5 with MUMPS),
never imported by rmt_meso:

    PEER_PYTHON benchmarks/peers/kwant_device.py IN.npz OUT.npz

The device is rebuilt natively in Kwant from its description, not from rmt_meso's matrices:
the lattice (Kwant's own ``square``/``general``), the set of region sites (positions), an
on-site energy per site, the leads (translation vector, transverse span along the axis
perpendicular to it, potential), nearest-neighbour hopping -t and a uniform field by Peierls
phases in the Landau gauge a = (y, 0), H_ij *= exp(2πiφ (x_i - x_j)(y_i + y_j)/2), which is
translation invariant along x (only x-leads with a field).  Kwant attaches the leads itself.

IN.npz holds
    lattice    ()  str      "square" or "honeycomb" (rmt_meso's vectors and basis)
    positions  (N, 2)       region sites
    onsite     (K, N)       on-site energies of K realisations
    energies   (E,)
    flux       ()           flux per unit area (h/e)
    lead_tvec  (n, 2)       translation of each lead (pointing away from the region)
    lead_axis  (n,)         0 (x-lead) or 1 (y-lead)
    lead_span  (n, 2)       transverse interval
    lead_pot   (n,)
    mode       ()  str      "t": transmissions; "bench": also timings of the energy sweep

OUT.npz: T (K, E, n, n) total transmissions T[i, j] into lead i from lead j; tn (K, E, m)
eigenvalues of t^dag t for (1, 0) padded with NaN; n_open (K, E, n); t_build, t_sweep.
"""

import sys
import time

import numpy as np


def build(data):
    import kwant

    name = str(data["lattice"])
    if name == "square":
        lat = kwant.lattice.square(norbs=1)
        subs = [lat]
    else:
        lat = kwant.lattice.general([(1.0, 0.0), (0.5, np.sqrt(3) / 2)],
                                    [(0.0, 0.0), (0.0, 1 / np.sqrt(3))], norbs=1)
        subs = list(lat.sublattices)
    pos = data["positions"]
    flux = float(data["flux"])
    key = {tuple(np.round(p, 6)): k for k, p in enumerate(pos)}

    def site_of(p):
        for sub in subs:
            s = sub(*sub.closest(p))
            if np.allclose(s.pos, p, atol=1e-6):
                return s
        raise ValueError(f"no site at {p}")

    def onsite(site, pot):
        return pot[key[tuple(np.round(site.pos, 6))]]

    def hop(s1, s2):
        (x1, y1), (x2, y2) = s1.pos, s2.pos
        return -np.exp(2j * np.pi * flux * (x1 - x2) * 0.5 * (y1 + y2))

    syst = kwant.Builder()
    for p in pos:
        syst[site_of(p)] = onsite
    syst[lat.neighbors()] = hop
    for tv, axis, span, pot in zip(data["lead_tvec"], data["lead_axis"], data["lead_span"], data["lead_pot"]):
        other = 1 - int(axis)
        lead = kwant.Builder(kwant.TranslationalSymmetry(tuple(tv)))

        def shape(p, span=span, other=other):
            return span[0] - 1e-9 <= p[other] <= span[1] + 1e-9

        start = [0.0, 0.0]
        start[other] = 0.5 * (span[0] + span[1])
        start[int(axis)] = float(np.max(pos[:, int(axis)]) if tv[int(axis)] > 0 else np.min(pos[:, int(axis)]))
        # a lead site near the interface inside the span
        cand = pos[(pos[:, other] >= span[0] - 1e-9) & (pos[:, other] <= span[1] + 1e-9)]
        lead[lat.shape(shape, tuple(cand[0]))] = float(pot)
        lead[lat.neighbors()] = hop
        syst.attach_lead(lead)
    return syst.finalized()


def main(src, dst):
    import kwant

    data = np.load(src, allow_pickle=False)
    t0 = time.perf_counter()
    fsys = build(data)
    t_build = time.perf_counter() - t0
    ons = data["onsite"]
    energies = data["energies"]
    nl = len(fsys.leads)
    T = np.full((ons.shape[0], energies.size, nl, nl), np.nan)
    n_open = np.zeros((ons.shape[0], energies.size, nl), int)
    tn = np.full((ons.shape[0], energies.size, 64), np.nan)
    t_sweep = 0.0
    for k in range(ons.shape[0]):
        t0 = time.perf_counter()
        for j, e in enumerate(energies):
            sm = kwant.smatrix(fsys, float(e), params=dict(pot=ons[k]))
            for a in range(nl):
                n_open[k, j, a] = sm.num_propagating(a)
                for b in range(nl):
                    T[k, j, a, b] = sm.transmission(a, b)
            sv = np.linalg.svd(sm.submatrix(1, 0), compute_uv=False) ** 2 if nl > 1 else np.zeros(0)
            sv = np.sort(sv)
            tn[k, j, :sv.size] = sv
        t_sweep += time.perf_counter() - t0
    np.savez(dst, T=T, tn=tn, n_open=n_open, t_build=t_build, t_sweep=t_sweep / ons.shape[0],
             version=kwant.__version__)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
