"""Check rmt_meso.transport.from_kwant inside the peers' environment (Kwant 1.5 importable).

Run by the PEER interpreter with the repository on sys.path:

    PEER_PYTHON benchmarks/peers/kwant_from_kwant.py

Builds Kwant systems (a disordered three-terminal square-lattice junction with a
non-trivial interface, and a spinful Rashba strip, norbs = 2), converts them with
``from_kwant`` and prints the largest difference of total transmissions and transmission
eigenvalues between Kwant's solver and rmt_meso's.
"""

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def junction():
    import kwant
    lat = kwant.lattice.square(norbs=1)
    rng = np.random.default_rng(3)
    pot = {}

    def onsite(site):
        return pot.setdefault(site.tag, rng.uniform(-1, 1))

    def hop(s1, s2, phi):
        (x1, y1), (x2, y2) = s1.pos, s2.pos
        return -np.exp(2j * np.pi * phi * (x1 - x2) * 0.5 * (y1 + y2))

    syst = kwant.Builder()
    syst[(lat(x, y) for x in range(20) for y in range(8))] = onsite
    syst[(lat(x, y) for x in range(7, 14) for y in range(8, 20))] = onsite
    syst[lat.neighbors()] = hop
    left = kwant.Builder(kwant.TranslationalSymmetry((-1, 0)))
    left[(lat(0, y) for y in range(8))] = 0
    left[lat.neighbors()] = hop
    syst.attach_lead(left)
    syst.attach_lead(left.reversed())
    top = kwant.Builder(kwant.TranslationalSymmetry((0, 1)))
    top[(lat(x, 0) for x in range(7, 14))] = 0
    top[lat.neighbors()] = hop                           # phi = 0 here: no field
    syst.attach_lead(top)
    return syst.finalized(), dict(phi=0.0)


def rashba():
    import kwant
    s0 = np.eye(2)
    sx = np.array([[0, 1], [1, 0]])
    sy = np.array([[0, -1j], [1j, 0]])
    sz = np.diag([1, -1])
    lat = kwant.lattice.square(norbs=2)
    syst = kwant.Builder()
    syst[(lat(x, y) for x in range(12) for y in range(6))] = 0.2 * sz
    syst[kwant.builder.HoppingKind((1, 0), lat, lat)] = -s0 + 0.3j * sy
    syst[kwant.builder.HoppingKind((0, 1), lat, lat)] = -s0 - 0.3j * sx
    lead = kwant.Builder(kwant.TranslationalSymmetry((-1, 0)))
    lead[(lat(0, y) for y in range(6))] = 0.2 * sz
    lead[kwant.builder.HoppingKind((1, 0), lat, lat)] = -s0 + 0.3j * sy
    lead[kwant.builder.HoppingKind((0, 1), lat, lat)] = -s0 - 0.3j * sx
    syst.attach_lead(lead)
    syst.attach_lead(lead.reversed())
    return syst.finalized(), {}


def main():
    import kwant
    from rmt_meso.transport.device import from_kwant
    worst = 0.0
    for build, energies in ((junction, (-2.5, -1.3)), (rashba, (-2.2, -1.0))):
        fsys, params = build()
        ours = from_kwant(fsys, params=params)
        for e in energies:
            sk = kwant.smatrix(fsys, e, params=params)
            sm = ours.smatrix(e, algorithm="sparse")   # SciPy 1.12 here lacks zsytri (recursion)
            n = len(fsys.leads)
            for a in range(n):
                for b in range(n):
                    worst = max(worst, abs(sk.transmission(a, b) - sm.transmission(a, b)))
            tk = np.sort(np.linalg.svd(sk.submatrix(1, 0), compute_uv=False) ** 2)
            worst = max(worst, float(np.max(np.abs(tk - sm.transmission_eigenvalues(1, 0)), initial=0.0)))
            worst = max(worst, abs(sum(sm.lead_sizes) - sum(sk.num_propagating(i) for i in range(n))))
    print(f"{worst:.3e}")


if __name__ == "__main__":
    main()
