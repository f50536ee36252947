"""Benchmark: transfer-matrix throughput (slices per second) of rmt_meso.transport.localization.

Systems (E = 0, box disorder; W near the 3D transition for bars, W = 5 for the strip):

* 2D strip M = 10 (N = 10 sites per slice), one bar and 16 bars batched,
* 3D bars M = 6 (N = 36) and M = 10 (N = 100), the non-negative half of the spectrum
  (``exponents="positive"``, what xi needs) and, for M = 10, the full spectrum.

Each is compared with a textbook reference written here: the full 2N x 2N transfer matrix
is formed for every slice, multiplied into a 2N x K frame and re-orthonormalised by a QR
decomposition after every slice.  Both give the same smallest exponent within errors (the
script checks it) and the ratio of their throughputs is printed.  One run prints all
numbers; the default takes well under 2 minutes.

Usage::

    python benchmarks/bench_localization.py [--quick]
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rmt_meso.transport.localization import lyapunov_exponents, transverse_hamiltonian  # noqa: E402


def reference_gamma_min(cross_section, energy, W, n_slices, rng):
    """Textbook method: full 2N x 2N transfer matrix per slice, QR after every slice."""
    h = transverse_hamiltonian(cross_section)
    N = h.shape[0]
    gen = np.random.default_rng(rng)
    Q = np.linalg.qr(gen.standard_normal((2 * N, N)))[0]
    acc = np.zeros(N)
    T = np.zeros((2 * N, 2 * N))
    T[N:, :N] = np.eye(N)
    T[:N, N:] = -np.eye(N)
    for _ in range(n_slices):
        T[:N, :N] = energy * np.eye(N) - h - np.diag(gen.uniform(-W / 2, W / 2, N))
        Q, R = np.linalg.qr(T @ Q)
        acc += np.log(np.abs(np.diag(R)))
    return float(np.sort(acc / n_slices)[0])


def time_rmt(cross_section, energy, W, n_slices, **kw):
    t0, c0 = time.perf_counter(), time.process_time()
    res = lyapunov_exponents(cross_section, energy, W, n_slices, rng=1, **kw)
    dt, dc = time.perf_counter() - t0, time.process_time() - c0
    bars = kw.get("n_bars", 1)
    # slices actually computed per bar: the averaged ones plus the warm-up block
    total = bars * (res.n_slices + res.n_slices // res.n_blocks)
    return total / dt, total / dc, res


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer slices")
    parser.add_argument("--peer-python", default=None, help="unused: no peer for this benchmark")
    args = parser.parse_args(argv)
    scale = 0.25 if args.quick else 1.0

    cases = [
        ("2D strip M=10", (10,), 5.0, dict(), 20000, 3000),
        ("2D strip M=10, 16 bars", (10,), 5.0, dict(n_bars=16), 5000, None),
        ("3D bar M=6", (6, 6), 16.5, dict(), 10000, 1500),
        ("3D bar M=10", (10, 10), 16.5, dict(), 3000, 300),
        ("3D bar M=10, all exponents", (10, 10), 16.5, dict(exponents="all"), 1500, None),
    ]
    print(f"{'system':28s} {'slices/s':>10s} {'per CPU-s':>10s} {'ref slices/s':>13s} {'ratio':>7s}   "
          "xi_M (rmt)      xi_M (ref)")
    for name, cs, W, kw, n, n_ref in cases:
        n = max(int(n * scale), 160)
        rate, cpu_rate, res = time_rmt(cs, 0.0, W, n, **kw)
        line = f"{name:28s} {rate:10.0f} {cpu_rate:10.0f}"
        if n_ref is not None:
            n_ref = max(int(n_ref * scale), 100)
            t0 = time.perf_counter()
            g_ref = reference_gamma_min(cs, 0.0, W, n_ref, rng=2)
            ref_rate = n_ref / (time.perf_counter() - t0)
            line += f" {ref_rate:13.0f} {rate / ref_rate:7.1f}   {res.xi:6.3f} ± {res.xi_stderr:5.3f}   {1 / g_ref:6.3f}"
        else:
            line += f" {'':13s} {'':7s}   {res.xi:6.3f} ± {res.xi_stderr:5.3f}"
        print(line, flush=True)
    print("(slices/s: wall clock; per CPU-s: process time, which discounts a loaded machine; both "
          "count slices x bars, warm-up included; reference: full transfer matrix and QR every "
          "slice, wall clock; BLAS single-threaded)")


if __name__ == "__main__":
    main()
