"""Benchmark: eigenvalues of the 3D Anderson model near E = 0, shift-invert vs dense.

3D cube L = 20 (8000 sites), W = 16.5 (critical), periodic, the k = 50 eigenvalues nearest
E = 0: one sparse LU factorisation of H (SuperLU) reused by ARPACK shift-invert Lanczos,
against LAPACK ``eigvalsh`` of the dense matrix.  Each method runs in its own subprocess
so that its peak resident memory (``ru_maxrss``) is its own; the script prints the timings,
the speed-up, the memory and a check that both methods return the same eigenvalues.

Run: ``OPENBLAS_NUM_THREADS=1 python benchmarks/bench_anderson.py [--L 20] [--k 50] [--no-dense]``
(one thread: SuperLU and ARPACK are sequential, so this compares like with like).
Default run: about a minute on one idle modern core (the dense part dominates).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time


def _child(method: str, L: int, k: int, W: float, seed: int) -> dict:
    import numpy as np
    import scipy.sparse.linalg as spla

    from rmt_meso.ensembles import Anderson

    cube = Anderson((L, L, L), W=W, boundary="periodic")
    H = cube.hamiltonian(rng=seed)
    eps = cube.onsite(rng=seed)
    start = time.perf_counter()
    e = cube.eigvals(onsite=eps, k=k, target=0.0, method=method)
    seconds = time.perf_counter() - start
    out = {"method": method, "seconds": seconds, "eigvals": e.tolist(),
           "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
           "nnz_H": int(H.nnz)}
    if method == "shift-invert":
        # the factorisation eigvals uses (SuperLU symmetric mode, see Anderson.eigvals)
        lu = spla.splu(H.tocsc(), permc_spec="MMD_AT_PLUS_A", diag_pivot_thresh=0.01,
                       options=dict(SymmetricMode=True))
        out["nnz_LU"] = int(lu.L.nnz + lu.U.nnz)
        out["LU_mb"] = out["nnz_LU"] * (8 + 4) / 2**20
    np.asarray(e)
    return out


def _run(method: str, args) -> dict:
    cmd = [sys.executable, __file__, "--child", method, "--L", str(args.L), "--k", str(args.k),
           "--W", str(args.W), "--seed", str(args.seed)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--L", type=int, default=20)
    parser.add_argument("--k", type=int, default=50)
    parser.add_argument("--W", type=float, default=16.5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-dense", action="store_true", help="skip the dense reference")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--peer-python", default=None, help="unused: no peer for this benchmark")
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args.child, args.L, args.k, args.W, args.seed)))
        return {}

    n = args.L ** 3
    print(f"3D Anderson model L={args.L} ({n} sites), W={args.W}, periodic, k={args.k} nearest E=0")
    si = _run("shift-invert", args)
    print(f"  shift-invert (SuperLU + ARPACK): {si['seconds']:8.3f} s   peak RSS {si['peak_rss_mb']:7.1f} MB"
          f"   nnz(H) = {si['nnz_H']}, nnz(L+U) = {si['nnz_LU']} ({si['LU_mb']:.1f} MB)")
    result = {"L": args.L, "k": args.k, "shift_invert_s": si["seconds"],
              "shift_invert_rss_mb": si["peak_rss_mb"], "lu_mb": si["LU_mb"]}
    if not args.no_dense:
        de = _run("dense", args)
        dense_mb = n * n * 8 / 2**20
        print(f"  dense eigvalsh (LAPACK):          {de['seconds']:8.3f} s   peak RSS {de['peak_rss_mb']:7.1f} MB"
              f"   (the dense matrix alone: {dense_mb:.0f} MB)")
        import numpy as np
        diff = float(np.max(np.abs(np.asarray(si["eigvals"]) - np.asarray(de["eigvals"]))))
        ratio = de["seconds"] / si["seconds"]
        print(f"  speed-up dense/shift-invert: {ratio:.1f}x (target >= 20x);  "
              f"memory ratio {de['peak_rss_mb'] / si['peak_rss_mb']:.1f}x;  "
              f"max |difference| of the eigenvalues {diff:.1e}")
        result.update(dense_s=de["seconds"], dense_rss_mb=de["peak_rss_mb"], speedup=ratio,
                      max_abs_diff=diff)
    return result


if __name__ == "__main__":
    main()
