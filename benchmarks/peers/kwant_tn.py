"""Kwant's transmission eigenvalues (and timings) for 2D strips given in an .npz file.

Run by the PEER interpreter (the venv of benchmarks/peers/kwant.sh, where Kwant 1.5 lives
with NumPy < 2), never imported by rmt_meso:

    PEER_PYTHON benchmarks/peers/kwant_tn.py IN.npz OUT.npz

IN.npz holds
    onsite    (K, L, M) float   on-site energies of K realisations (rmt_meso convention,
                                band of the clean strip [-4t, 4t])
    energies  (E,) float        energies in rmt_meso's convention
    flux      ()  float         flux per plaquette (h/e), Landau gauge
                                H[(x+1,y),(x,y)] = -t exp(2πiφy), the same in the leads
    t         ()  float         hopping
    shift     ()  float         constant added to every on-site energy and energy on the
                                Kwant side (4t: Kwant's usual band [0, 8t]; the physics is
                                identical)
    mode      ()  str           "tn": Tn for every (realisation, energy);
                                "bench": timings of one S-matrix, the K-realisation ensemble
                                at energies[0] and the sweep over all energies for realisation 0
    repeat    ()  int           (bench) repetitions of the single S-matrix timing

OUT.npz holds tn (K, E, nmax) padded with NaN, n_open (K, E), version and, for "bench",
t_single, t_ensemble, t_sweep (seconds) and t_finalize.
"""

import sys
import time

import numpy as np


def build(L, M, t, shift, flux):
    import kwant

    lat = kwant.lattice.square(norbs=1)

    def onsite(site, pot):
        x, y = site.tag
        return pot[x, y] + shift

    def hop_x(site_to, site_from):
        y = site_from.tag[1]
        return -t * np.exp(2j * np.pi * flux * y)

    syst = kwant.Builder()
    syst[(lat(x, y) for x in range(L) for y in range(M))] = onsite
    syst[((lat(x + 1, y), lat(x, y)) for x in range(L - 1) for y in range(M))] = hop_x
    syst[((lat(x, y + 1), lat(x, y)) for x in range(L) for y in range(M - 1))] = -t
    lead = kwant.Builder(kwant.TranslationalSymmetry((-1, 0)))
    lead[(lat(0, y) for y in range(M))] = shift
    lead[((lat(1, y), lat(0, y)) for y in range(M))] = hop_x
    lead[((lat(0, y + 1), lat(0, y)) for y in range(M - 1))] = -t
    syst.attach_lead(lead)
    syst.attach_lead(lead.reversed())
    return syst.finalized()


def transmissions(fsys, energy, pot):
    import kwant
    sm = kwant.smatrix(fsys, energy, params=dict(pot=pot))
    t = sm.submatrix(1, 0)
    if t.size == 0:
        return np.zeros(0)
    return np.sort(np.linalg.svd(t, compute_uv=False) ** 2)


def main(argv):
    import kwant
    src, dst = argv[1], argv[2]
    data = np.load(src, allow_pickle=False)
    onsite = np.asarray(data["onsite"], float)
    energies = np.asarray(data["energies"], float)
    flux, t, shift = float(data["flux"]), float(data["t"]), float(data["shift"])
    mode = str(data["mode"])
    K, L, M = onsite.shape
    t0 = time.perf_counter()
    fsys = build(L, M, t, shift, flux)
    out = {"version": np.array(kwant.__version__), "t_finalize": np.array(time.perf_counter() - t0)}
    if mode == "tn":
        tn = np.full((K, len(energies), M), np.nan)
        n_open = np.zeros((K, len(energies)), int)
        for k in range(K):
            for j, e in enumerate(energies):
                vals = transmissions(fsys, e + shift, onsite[k])
                tn[k, j, :len(vals)] = vals
                n_open[k, j] = len(vals)
        out.update(tn=tn, n_open=n_open)
    elif mode == "bench":
        repeat = int(data["repeat"])
        e0 = energies[0] + shift
        transmissions(fsys, e0, onsite[0])                 # warm-up
        best = np.inf
        for _ in range(repeat):
            t1 = time.perf_counter()
            first = transmissions(fsys, e0, onsite[0])
            best = min(best, time.perf_counter() - t1)
        t1 = time.perf_counter()
        ens = [transmissions(fsys, e0, onsite[k]) for k in range(K)]
        t_ens = time.perf_counter() - t1
        t1 = time.perf_counter()
        sweep = [transmissions(fsys, e + shift, onsite[0]) for e in energies]
        t_sweep = time.perf_counter() - t1
        nmax = M
        pad = lambda rows: np.array([np.concatenate([r, np.full(nmax - len(r), np.nan)]) for r in rows])
        out.update(t_single=np.array(best), t_ensemble=np.array(t_ens), t_sweep=np.array(t_sweep),
                   tn_single=pad([first]), tn_ensemble=pad(ens), tn_sweep=pad(sweep))
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    np.savez(dst, **out)


if __name__ == "__main__":
    main(sys.argv)
