"""Benchmark: transmission eigenvalues of a chaotic cavity, β-Jacobi model vs full circular S.

At N = n1 + n2 = 400 (n1 = n2 = 200) the transmission eigenvalues are drawn (a) from the
β-Jacobi tridiagonal matrix model (O(n²) per sample) and (b) by sampling the full
N × N circular S-matrix (Haar QR, COE = UᵀU, CSE 2N × 2N) and taking the singular values of
its transmission block (O(N³)).  Prints seconds per sample and the speed-up (target ≥ 20×),
plus a moment check that both routes sample the same law.

Usage: ``python benchmarks/bench_cavity.py [--n 400] [--circular-reps 4] [--jacobi-reps 200]``
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from rmt_meso.theory.cavity import mean_transmission, var_transmission
from rmt_meso.transport.cavity import ChaoticCavity


def _time(fn, reps):
    start = time.perf_counter()
    out = fn(reps)
    return (time.perf_counter() - start) / reps, out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=400, help="total channels N = n1 + n2 (even)")
    parser.add_argument("--circular-reps", type=int, default=4)
    parser.add_argument("--jacobi-reps", type=int, default=200)
    parser.add_argument("--peer-python", default=None, help="ignored (no peer for this benchmark)")
    args = parser.parse_args(argv)
    half = args.n // 2
    print(f"chaotic cavity n1 = n2 = {half} (N = {2 * half}); seconds per sample")
    print(f"{'beta':>4} {'circular S':>12} {'beta-Jacobi':>12} {'speed-up':>9}  "
          f"{'<g> jacobi':>11} {'<g> exact':>10}")
    worst = np.inf
    for beta in (1, 2, 4):
        cav = ChaoticCavity(half, half, beta)
        rng = np.random.default_rng(beta)
        t_circ, tn_c = _time(lambda k: cav.transmission_eigenvalues(k, rng=rng, method="circular"), args.circular_reps)
        t_jac, tn_j = _time(lambda k: cav.transmission_eigenvalues(k, rng=rng, method="jacobi"), args.jacobi_reps)
        g = tn_j.sum(axis=1)
        speed = t_circ / t_jac
        worst = min(worst, speed)
        print(f"{beta:>4} {t_circ:>12.4g} {t_jac:>12.4g} {speed:>8.1f}×  "
              f"{g.mean():>7.3f}±{g.std(ddof=1) / np.sqrt(g.size):.3f} {mean_transmission(half, half, beta):>10.3f}")
        print(f"     var g: jacobi {g.var(ddof=1):.4f} (exact {var_transmission(half, half, beta):.4f}); "
              f"circular <g> {tn_c.sum(axis=1).mean():.3f}")
    print(f"smallest speed-up {worst:.1f}× (target >= 20×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
