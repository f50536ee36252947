"""Benchmark: rmt_meso's wire S-matrices against Kwant 1.5 + MUMPS on identical systems.

2D strips width × length (20×100, 40×200, 80×400), box disorder W = 1, hopping t = 1, at
Kwant's energy 0.5 in its band [0, 8] (on-site 4t), i.e. E = -3.5 in rmt_meso's band
[-4, 4].  For each size it times

* one S-matrix (rmt_meso: cold = new Wire with its lead solved; warm = a new realisation
  sharing the lead's cache; Kwant: ``kwant.smatrix`` on a finalized system, best of repeats),
* an ensemble of realisations at E (default 200),
* a sweep of energies for one realisation (default 100, Kwant energies 0.3 .. 0.7),

checks that the transmission eigenvalues agree to 1e-8 and prints the speed ratios
(Kwant time / rmt_meso time) from this one run.  Both processes run with the same BLAS
settings: the environment's (a plain process), or ``BENCH_BLAS=one`` (one thread) /
``BENCH_BLAS=default`` (the libraries' default threads); ``benchmarks/run_all.py`` runs
both.  rmt_meso's kernels limit BLAS to one thread themselves for small blocks, so its
times should not depend on the setting.

Usage::

    python benchmarks/bench_transport.py [--peer-python .venv-bench/bin/python] [--quick] [--full] [--wide]

``--quick`` runs only 20×100 and 40×200 with small ensembles; ``--full`` uses 200
realisations and 100 energies also at 80×400 (Kwant alone then needs ~2 minutes there);
the default uses them at the two smaller sizes and 40 / 20 at 80×400 (per-item times are
what is compared).
"""

from __future__ import annotations

import os
import sys

# BLAS threading of both processes (ours and Kwant's subprocess), fixed before NumPy loads:
# BENCH_BLAS=one sets one thread, BENCH_BLAS=default removes the variables (the library's
# defaults, as in a user's plain script); unset leaves the environment as it is.
# benchmarks/run_all.py runs this module both ways.
_BLAS_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
BLAS_MODE = os.environ.get("BENCH_BLAS", "")
if "numpy" not in sys.modules:
    for _var in _BLAS_VARS:
        if BLAS_MODE == "one":
            os.environ[_var] = "1"
        elif BLAS_MODE == "default":
            os.environ.pop(_var, None)

import argparse  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rmt_meso.transport import Wire  # noqa: E402
from rmt_meso.transport.rgf import choose_algorithm  # noqa: E402

SHIFT = 4.0          # Kwant's on-site 4t
E_KWANT = 0.5


def blas_setting() -> str:
    """How BLAS is configured in this process (threads per library, from threadpoolctl)."""
    from threadpoolctl import threadpool_info
    threads = sorted({i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"})
    mode = {"one": "one thread (BENCH_BLAS=one)", "default": "default threads (BENCH_BLAS=default)"}
    return f"BLAS {mode.get(BLAS_MODE, 'as in the environment')}: {threads} threads"


def best_of(fn, repeat):
    best = np.inf
    out = None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def ours(width, length, onsite, energies, repeat, algorithm):
    e0 = energies[0]
    res = {}

    def cold():
        return Wire(width, length, onsite=onsite[0]).smatrix(e0, algorithm=algorithm).transmission_eigenvalues()

    res["t_cold"], tn_single = best_of(cold, repeat)
    base = Wire(width, length)
    base.lead.modes(e0)

    def warm():
        return base.with_onsite(onsite[0]).smatrix(e0, algorithm=algorithm).transmission_eigenvalues()

    res["t_single"], _ = best_of(warm, repeat)
    fresh = Wire(width, length)              # ensemble timing includes solving the lead once
    t0 = time.perf_counter()
    ens = [fresh.with_onsite(o).smatrix(e0, algorithm=algorithm).transmission_eigenvalues() for o in onsite]
    res["t_ensemble"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    sweep = [s.transmission_eigenvalues()
             for s in Wire(width, length, onsite=onsite[0]).smatrix(energies, algorithm=algorithm)]
    res["t_sweep"] = time.perf_counter() - t0
    res["tn_single"], res["tn_ensemble"], res["tn_sweep"] = [tn_single], ens, sweep
    return res


def kwant(peer, onsite, energies, repeat):
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "in.npz", Path(tmp) / "out.npz"
        np.savez(src, onsite=onsite, energies=energies, flux=0.0, t=1.0, shift=SHIFT, mode="bench",
                 repeat=repeat)
        env = dict(os.environ)              # same BLAS settings as this process
        proc = subprocess.run([peer, str(ROOT / "benchmarks" / "peers" / "kwant_tn.py"), str(src), str(dst)],
                              capture_output=True, text=True, env=env, timeout=3600)
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr.strip())
        out = np.load(dst)
        return {k: out[k] for k in out.files}


def max_diff(a_rows, b_rows):
    worst = 0.0
    for a, b in zip(a_rows, b_rows):
        b = b[~np.isnan(b)]
        if len(a) != len(b):
            return np.inf
        if len(a):
            worst = max(worst, float(np.max(np.abs(a - b))))
    return worst


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--peer-python", default=os.environ.get("RMT_MESO_PEER_PYTHON", ".venv-bench/bin/python"))
    p.add_argument("--quick", action="store_true")
    p.add_argument("--full", action="store_true")
    p.add_argument("--algorithm", default="auto", choices=("auto", "rgf", "sparse"))
    p.add_argument("--seed", type=int, default=20261127)
    p.add_argument("--wide", action="store_true",
                   help="also time single S-matrices of wide strips (160x100, 300x40) with both "
                        "algorithms: where the recursion and the sparse LU win")
    args = p.parse_args(argv)
    peer = Path(args.peer_python)
    if not peer.is_absolute():
        peer = ROOT / peer
    have_kwant = peer.exists() and subprocess.run([str(peer), "-c", "import kwant"], capture_output=True).returncode == 0
    sizes = [(20, 100, 200, 100), (40, 200, 200, 100), (80, 400, 40, 20)]
    if args.full:
        sizes[-1] = (80, 400, 200, 100)
    if args.quick:
        sizes = [(20, 100, 20, 10), (40, 200, 20, 10)]
    rng = np.random.default_rng(args.seed)
    print(f"rmt_meso vs Kwant {'(absent: ' + str(peer) + ')' if not have_kwant else ''}: 2D strips, W=1, "
          f"E = {E_KWANT} in Kwant's band [0, 8]; {blas_setting()}; "
          f"algorithm={args.algorithm} "
          f"(auto: the recursion at every measured shape; --wide compares with the sparse LU)")
    header = (f"{'size':>8} {'what':>22} {'rmt_meso':>11} {'kwant':>11} {'ratio':>7} {'max|dT|':>9}")
    print(header)
    print("-" * len(header))
    summary = []
    for width, length, n_ens, n_en in sizes:
        onsite = rng.random((n_ens, length, width)) - 0.5
        energies = np.concatenate([[E_KWANT], np.linspace(0.3, 0.7, n_en - 1)]) - SHIFT
        repeat = 5 if width <= 40 else 3
        mine = ours(width, length, onsite, energies, repeat, args.algorithm)
        kw = kwant(str(peer), onsite, energies, repeat) if have_kwant else None
        rows = [("one S-matrix (warm)", mine["t_single"], "t_single", "tn_single", 1),
                ("one S-matrix (cold)", mine["t_cold"], "t_single", "tn_single", 1),
                (f"ensemble of {n_ens}", mine["t_ensemble"], "t_ensemble", "tn_ensemble", n_ens),
                (f"sweep of {n_en} energies", mine["t_sweep"], "t_sweep", "tn_sweep", n_en)]
        for label, t_me, key, tn_key, n in rows:
            if kw is not None:
                t_kw = float(kw[key])
                diff = max_diff(mine[tn_key], kw[tn_key])
                ratio = t_kw / t_me
                print(f"{width}x{length:<4} {label:>22} {t_me * 1e3:9.1f}ms {t_kw * 1e3:9.1f}ms {ratio:6.1f}x {diff:9.1e}")
                summary.append((width, length, label, t_me, t_kw, ratio, diff))
            else:
                print(f"{width}x{length:<4} {label:>22} {t_me * 1e3:9.1f}ms {'-':>11} {'-':>7} {'-':>9}")
    if args.wide:
        print(f"\nwide strips, one S-matrix (warm lead), best of 2: rgf vs sparse LU vs Kwant")
        for width, length in [(160, 100), (300, 40)]:
            onsite = rng.random((1, length, width)) - 0.5
            energies = np.array([E_KWANT - SHIFT])
            t_alg = {alg: ours(width, length, onsite, energies, 2, alg)["t_single"] for alg in ("rgf", "sparse")}
            line = f"{width}x{length:<4} rgf {t_alg['rgf'] * 1e3:8.1f}ms  sparse {t_alg['sparse'] * 1e3:8.1f}ms"
            if have_kwant:
                kw = kwant(str(peer), onsite, energies, 2)
                line += f"  kwant {float(kw['t_single']) * 1e3:8.1f}ms"
            print(line + f"  (auto picks {choose_algorithm(width, length)})")
    if summary:
        worst = max(s[-1] for s in summary)
        print(f"largest |T_n(rmt_meso) - T_n(Kwant)| over all runs: {worst:.1e} "
              f"({'OK' if worst < 1e-8 else 'DISAGREEMENT'} at 1e-8)")
    return summary


if __name__ == "__main__":
    main()
