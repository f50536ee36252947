"""Kwant's transmissions (and timings) for a device described in an .npz file.

Run by the PEER interpreter (the venv of benchmarks/peers/kwant.sh, Kwant 1.5 with MUMPS),
never imported by rmt_meso:

    PEER_PYTHON benchmarks/peers/kwant_device.py IN.npz OUT.npz

The device is rebuilt natively in Kwant from its description, not from rmt_meso's matrices:
the lattice (Kwant's own ``square``/``general``), the set of region sites (positions), an
on-site energy per site, the leads (translation vector, transverse span along the axis
perpendicular to it, potential), nearest-neighbour hopping -t and a uniform field by Peierls
phases in the Landau gauge a = (y, 0), H_ij *= exp(2πiφ (x_i - x_j)(y_i + y_j)/2), which is
translation invariant along x.  With a field and a lead along y, Kwant's own gauge fixing
(``kwant.physics.magnetic_gauge``, the same uniform field in the region and in every lead) gives
the phases instead; only gauge-invariant quantities (T_ij, transmission eigenvalues) are
compared.  Kwant attaches the leads itself.

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

    # with a field and a lead along y, Kwant's own gauge fixing (kwant.physics.magnetic_gauge)
    # replaces the Landau gauge a = (y, 0), which is not periodic along y
    gauge_fix = flux != 0 and bool(np.any(np.asarray(data["lead_axis"]) == 1))

    if gauge_fix:
        def hop(s1, s2, peierls):
            return -peierls(s1, s2)
    else:
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
        if gauge_fix:
            lead = lead.substituted(peierls=f"peierls_lead{len(syst.leads)}")
        syst.attach_lead(lead)
    fsys = syst.finalized()
    if not gauge_fix:
        return fsys, {}
    # Kwant's field is in flux quanta per unit area with phases exp(iπ∫B) (φ0 = h/2e): B = ±2·flux
    # is flux h/e per unit area; the sign is the one whose phase around a closed loop of hoppings
    # equals that of the Landau-gauge formula above (the field, unlike the gauge, is physical)
    gauge = kwant.physics.magnetic_gauge(fsys)
    loop = _loop(fsys)
    want = _loop_phase(loop, lambda a, b: np.exp(2j * np.pi * flux * (a.pos[0] - b.pos[0])
                                                 * 0.5 * (a.pos[1] + b.pos[1])))
    for sign in (1.0, -1.0):
        phases = gauge(sign * 2 * flux, *([sign * 2 * flux] * len(fsys.leads)))
        if abs(_loop_phase(loop, phases[0]) - want) < 1e-9:
            break
    else:
        raise RuntimeError("Kwant's gauge does not reproduce the flux through a loop")
    params = {"peierls": phases[0]}
    params.update({f"peierls_lead{i}": ph for i, ph in enumerate(phases[1:])})
    return fsys, params


def _loop(fsys):
    """A closed loop of hoppings (list of sites, first = last): BFS from site 0 until an edge
    joins two tree branches."""
    parent = {0: None}
    queue = [0]
    while queue:
        a = queue.pop(0)
        for b in fsys.graph.out_neighbors(a):
            if b not in parent:
                parent[b] = a
                queue.append(b)
            elif parent[a] != b:
                def up(x):
                    path = []
                    while x is not None:
                        path.append(x)
                        x = parent[x]
                    return path
                pa, pb = up(a), up(b)
                common = next(x for x in pa if x in pb)
                cyc = pa[:pa.index(common) + 1] + pb[:pb.index(common)][::-1] + [a]
                return [fsys.sites[k] for k in cyc]
    raise RuntimeError("the system has no closed loop of hoppings")


def _loop_phase(loop, phase):
    """Product of the hopping phases H[b, a] = phase(b, a) along the loop a -> b."""
    out = 1.0 + 0j
    for a, b in zip(loop[:-1], loop[1:]):
        out *= phase(b, a)
    return out


def main(src, dst):
    import kwant

    data = np.load(src, allow_pickle=False)
    t0 = time.perf_counter()
    fsys, gauge_params = build(data)
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
            sm = kwant.smatrix(fsys, float(e), params=dict(pot=ons[k], **gauge_params))
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
