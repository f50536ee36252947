"""Open chaotic billiard vs the Poisson kernel of its own <S> (a study, not a verify claim).

Run: python tools/study_open_billiard.py [radius] [shapes] [seed]   (defaults 20 240 1;
CPU ~0.21 s per shape at R = 20, 0.11 s at R = 16, 0.06 s at R = 12).

A lattice quarter stadium (cap radius R U(0.9, 1.1), straight half-length R U(0.4, 0.6)) with
two 3-site leads (one open channel for -3.41 < E < -2), each behind a one-row tunnel barrier
U = 1t in a short stub: lead 0 ("-x") at y = 0.5 R .. 0.5 R + 2, lead 1 ("-y") at
x = 0.7 R .. 0.7 R + 2; zero field (beta = 1); 32 energies in -3.2..-2.3.
<S(E)> is measured from the same shapes (the shape average at each energy; with >= 40 shapes
its noise is negligible), the Poisson kernel (rmt_meso.transport.PoissonKernelCavity: Mello,
Pereyra & Seligman 1985; Brouwer, PRB 51, 16878 (1995)) is sampled with it at each energy, and
<g>, var g of the billiard are compared with the kernel's and with the ideal-lead COE.
Errors: delete-a-group jackknife over 8 groups of shapes of the difference billiard - kernel
(the <S> noise and its covariance with the billiard's g included), plus the kernel's
Monte-Carlo error.  Results are in the notes of the helper openbilliard16 (/work/wt).
"""
import sys
import time

import numpy as np

from rmt_meso.theory.cavity import mean_transmission, var_transmission
from rmt_meso.transport.billiards import quarter_stadium
from rmt_meso.transport.cavity import ChaoticCavity, PoissonKernelCavity
from rmt_meso.transport.device import Device, lead
from rmt_meso.transport.lattice import rectangle, square

ENERGIES = np.linspace(-3.2, -2.3, 32)
WIDTH, BARRIER, GROUPS, KERNEL_PER_ENERGY = 3, 1.0, 8, 2000


def billiard_smatrices(radius, n_shapes, seed):
    """S-matrices (n_shapes, len(ENERGIES), 2, 2) of the barrier-coupled quarter stadia."""
    rng = np.random.default_rng(seed)
    y0, x0, w = int(round(0.5 * radius)), int(round(0.7 * radius)), WIDTH

    def barrier(x, y):
        return BARRIER * (((x == 0) & (y >= y0) & (y <= y0 + w - 1)) | ((y == 0) & (x >= x0) & (x <= x0 + w - 1)))

    out = np.empty((n_shapes, ENERGIES.size, 2, 2), complex)
    for k in range(n_shapes):
        r = radius * rng.uniform(0.9, 1.1)
        half = r * rng.uniform(0.4, 0.6)
        shape = (quarter_stadium(r, 2 * half) | rectangle(-1, 0.5, y0, y0 + w - 1)
                 | rectangle(x0, x0 + w - 1, -1, 0.5))
        dev = Device(square(), shape, [lead("-x", (y0, y0 + w - 1)), lead("-y", (x0, x0 + w - 1))], onsite=barrier)
        out[k] = [s.matrix for s in dev.smatrix(ENERGIES)]
    return out


def kernel_conductance(mean_s, u, beta):
    """g of the Poisson kernel at each energy, (nE, samples), from circular draws u (nE, samples, 2, 2)."""
    g = np.empty(u.shape[:2])
    for j in range(mean_s.shape[0]):
        a = 0.5 * (mean_s[j] + mean_s[j].T) if beta == 1 else mean_s[j]
        g[j] = np.abs(PoissonKernelCavity(a, 1, 1, beta).from_circular(u[j])[:, 1, 0]) ** 2
    return g


def jackknife_se(values):
    v = np.asarray(values, float)
    return float(np.sqrt((v.size - 1) / v.size * np.sum((v - v.mean()) ** 2)))


def main(radius=20.0, n_shapes=240, seed=1):
    t0 = time.process_time()
    s = billiard_smatrices(radius, n_shapes, seed)
    t1 = time.process_time()
    g = np.abs(s[:, :, 1, 0]) ** 2
    groups = np.array_split(np.arange(n_shapes), GROUPS)
    print(f"R = {radius:g}, {n_shapes} shapes x {ENERGIES.size} energies; billiard CPU {t1 - t0:.1f} s")
    for beta in (1, 2):
        u = ChaoticCavity(1, 1, beta).sample(ENERGIES.size * KERNEL_PER_ENERGY, rng=seed + 10 * beta).s
        u = u.reshape(ENERGIES.size, KERNEL_PER_ENERGY, 2, 2)
        gk = kernel_conductance(s.mean(axis=0), u, beta)
        reps = [kernel_conductance(np.delete(s, idx, axis=0).mean(axis=0), u, beta) for idx in groups]
        for name, stat in (("<g>", lambda x: x.mean()), ("var g", lambda x: x.var(ddof=1))):
            b = stat(g)
            k = stat(gk)
            diffs = [stat(np.delete(g, idx, axis=0)) - stat(r) for idx, r in zip(groups, reps)]
            se_d = jackknife_se(diffs)
            boot = [stat(gk[:, np.random.default_rng(i).integers(0, KERNEL_PER_ENERGY, KERNEL_PER_ENERGY)])
                    for i in range(20)]
            mc = float(np.std(boot, ddof=1))
            err = float(np.hypot(se_d, mc))
            print(f"  beta={beta} kernel: {name}: billiard {b:.4f} vs kernel {k:.4f}  diff {b - k:+.4f} +- {err:.4f} "
                  f"({(b - k) / err:+.1f} sigma)")
    gb = g.mean(axis=1)
    for name, b, th, se in (("<g>", g.mean(), mean_transmission(1, 1, 1), gb.std(ddof=1) / np.sqrt(n_shapes)),
                            ("var g", g.var(ddof=1), var_transmission(1, 1, 1),
                             jackknife_se([np.delete(g, idx, axis=0).var(ddof=1) for idx in groups]))):
        print(f"  ideal leads: {name}: billiard {b:.4f} +- {se:.4f} vs {float(th):.4f} ({(b - th) / se:+.1f} sigma)")
    t = 1.0 - np.abs(s.mean(axis=0)[:, 0, 0]) ** 2
    print(f"  lead transparency 1 - |<S_11>|^2: {t.min():.2f}..{t.max():.2f}; total CPU {time.process_time() - t0:.1f} s")


if __name__ == "__main__":
    args = sys.argv[1:]
    main(float(args[0]) if args else 20.0, int(args[1]) if len(args) > 1 else 240, int(args[2]) if len(args) > 2 else 1)
