"""Benchmark: exact spacing and edge laws from Fredholm determinants.

Usage::

    python benchmarks/bench_theory.py [--repeat 3]

Cases (best-of-``repeat`` wall times in one process run, printed with ratios)
-----------------------------------------------------------------------------
* Gaudin–Mehta density ``p_β(s)`` on 200 points of [0, 4] for β = 1, 2, 4 (batched
  Nyström determinants with exact second derivatives), against the same computation
  point by point (one Python call per point) — the gain from batching.
* Tracy–Widom cdf on 200 points of [-6, 4] for β = 1, 2, 4, against the classical route
  for ``F_2``: integrating the Painlevé II (Hastings–McLeod) equation with SciPy's
  ``solve_ivp`` (DOP853, rtol 1e-13) once, with dense output at the 200 points.  The
  largest difference between the two is printed (an accuracy check as well).
* One-time costs: moments (mean, var, skewness, kurtosis) and the quantile table.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

_THREADS = os.environ.get("BENCH_BLAS_THREADS", "1")
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, _THREADS)

import numpy as np  # noqa: E402
from scipy import integrate, special  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rmt_meso.theory import GaudinMehta, TracyWidom  # noqa: E402


def best_of(fn, repeat):
    """Best wall time of ``repeat`` calls (seconds) and the last result."""
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def painleve_f2(s):
    """F_2 at the points ``s`` from the Hastings–McLeod solution (Tracy & Widom 1994)."""
    s0 = 8.0
    ai, aip, _, _ = special.airy(s0)
    quad = dict(epsabs=0.0, epsrel=1e-13, limit=200)
    u0 = -integrate.quad(lambda x: (x - s0) * special.airy(x)[0] ** 2, s0, np.inf, **quad)[0]
    du0 = integrate.quad(lambda x: special.airy(x)[0] ** 2, s0, np.inf, **quad)[0]

    def rhs(x, y):
        q, dq, _, du = y
        return [dq, x * q + 2 * q**3, du, -q * q]

    sol = integrate.solve_ivp(rhs, (s0, float(np.min(s))), [ai, aip, u0, du0], method="DOP853",
                              rtol=1e-13, atol=1e-20, dense_output=True)
    return np.exp(sol.sol(s)[2])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--peer-python", default=None, help="unused (no peer computes these laws)")
    args = parser.parse_args(argv)
    r = args.repeat

    print("Gaudin-Mehta p_beta(s), 200 points on [0, 4]")
    s = np.linspace(0.0, 4.0, 200)
    for beta in (1, 2, 4):
        law = GaudinMehta(beta)
        t_batch, p = best_of(lambda: law.pdf(s), r)
        t_loop, p_loop = best_of(lambda: np.array([law.pdf(x) for x in s]), 1)
        print(f"  beta={beta}: batched {t_batch * 1e3:7.1f} ms ({t_batch / s.size * 1e3:.2f} ms/point), "
              f"point by point {t_loop * 1e3:7.1f} ms  ->  x{t_loop / t_batch:.1f}; "
              f"max |difference| {np.max(np.abs(p - p_loop)):.1e}")
        t0 = time.perf_counter()
        law.stats(moments="mvsk")
        t_mom = time.perf_counter() - t0
        t0 = time.perf_counter()
        law.ppf(0.5)
        t_tab = time.perf_counter() - t0
        print(f"           one-time: moments {t_mom * 1e3:.0f} ms, quantile table + ppf {t_tab * 1e3:.0f} ms")

    print("Tracy-Widom cdf F_beta(s), 200 points on [-6, 4]")
    x = np.linspace(-6.0, 4.0, 200)
    t_pii, f2_pii = best_of(lambda: painleve_f2(x), r)
    for beta in (1, 2, 4):
        law = TracyWidom(beta)
        t_f, f = best_of(lambda: law.cdf(x), r)
        line = (f"  beta={beta}: Fredholm {t_f * 1e3:7.1f} ms ({t_f / x.size * 1e3:.2f} ms/point)")
        if beta == 2:
            line += (f"; Painleve II solve_ivp {t_pii * 1e3:7.1f} ms -> ratio {t_pii / t_f:.2f}; "
                     f"max |F2 difference| {np.max(np.abs(f - f2_pii)):.1e}")
        print(line)
        t0 = time.perf_counter()
        m = law.stats(moments="mvsk")
        t_mom = time.perf_counter() - t0
        print(f"           one-time: moments {t_mom * 1e3:.0f} ms (mean {float(m[0]):.12f}, "
              f"var {float(m[1]):.12f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
