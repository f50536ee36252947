"""Benchmark: random-matrix ensemble eigenvalues, rmt_meso vs LAPACK alone vs peers.

Usage::

    python benchmarks/bench_ensembles.py [--peer-python .venv-bench/bin/python] [--quick]

Timings are best-of-k wall times in one process run, printed with ratios.  Peers
(scikit-rmt, beta-ensembles) pin old numpy/scipy and live in their own environment
(``bash benchmarks/peers/skrmt.sh .venv-bench``); they are timed by a subprocess running
that environment's python, so each peer is measured with its own numpy and LAPACK.

Cases
-----
* GOE eigenvalues, one spectrum at n = 1000, 4000, 16000 and a batch of 2000 spectra at
  n = 200: rmt_meso (tridiagonal model + LAPACK ``dsterf``), ``dsterf`` alone on a
  pre-drawn tridiagonal matrix (the practical floor), dense ``numpy.linalg.eigvalsh`` of a
  GOE matrix, scikit-rmt (dense and ``tridiagonal_form=True``) and beta-ensembles.
* COE n = 1000: rmt_meso (CMV band pencil, and the dense matrix route) vs scikit-rmt.
* CβE n = 1000 (β = 2.5): rmt_meso band pencil vs beta-ensembles (dense CMV ``eigvals``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

# BLAS threading of every contender (set before NumPy loads it, and passed to the peers'
# subprocess): BENCH_BLAS=one sets one thread, BENCH_BLAS=default removes the variables (the
# libraries' defaults, a user's plain process); unset leaves the environment as it is.
# benchmarks/run_all.py runs this module both ways.
BLAS_MODE = os.environ.get("BENCH_BLAS", "")
if "numpy" not in sys.modules:
    for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        if BLAS_MODE == "one":
            os.environ[_var] = "1"
        elif BLAS_MODE == "default":
            os.environ.pop(_var, None)

import numpy as np  # noqa: E402
from scipy.linalg.lapack import dsterf  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rmt_meso.ensembles import COE, GOE, CircularEnsemble, GaussianEnsemble  # noqa: E402


def best_of(fn, repeat):
    """Best wall time of ``repeat`` calls (seconds)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


# Runs inside the peers' environment; prints {case: seconds or error string} as JSON.
PEER_SCRIPT = r"""
import json, sys, time
import numpy as np
cases = json.loads(sys.argv[1])
out = {}

def best_of(fn, repeat):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter(); fn(); best = min(best, time.perf_counter() - t0)
    return best

try:
    from skrmt.ensemble import GaussianEnsemble as SkG, CircularEnsemble as SkC
except Exception as exc:
    SkG = SkC = None; out["skrmt_import"] = repr(exc)
try:
    from beta_ensembles import gaussian as be_g, circular as be_c
except Exception as exc:
    be_g = be_c = None; out["beta_ensembles_import"] = repr(exc)

def sk_goe(n, tri):
    ens = SkG(beta=1, n=n, tridiagonal_form=tri, random_state=1)
    def f():
        ens.resample(); ens._eigvals = None; ens.eigvals()
    return f

for key, (kind, n, reps, batch) in cases.items():
    try:
        if kind == "sk_dense" and SkG:
            f = sk_goe(n, False)
        elif kind == "sk_tri" and SkG:
            f = sk_goe(n, True)
        elif kind == "be_gauss" and be_g:
            rng = np.random.default_rng(1)
            f = lambda: be_g.spectra(1, n, batch, rng=rng, verbose=False)
        elif kind == "sk_coe" and SkC:
            ens = SkC(beta=1, n=n, random_state=1)
            def f():
                ens.resample(); ens._eigvals = None; ens.eigvals()
        elif kind == "be_cbe" and be_c:
            rng = np.random.default_rng(1)
            f = lambda: be_c.spectra(2.5, n, 1, normalize=False, rng=rng, verbose=False)
        else:
            continue
        if batch and kind.startswith("sk"):
            g = f
            f = lambda: [g() for _ in range(batch)]
        out[key] = best_of(f, reps)
    except Exception as exc:
        out[key] = "error: " + repr(exc)[:200]
print(json.dumps(out))
"""


def run_peers(peer_python, cases, timeout=900):
    if not peer_python or not Path(peer_python).exists():
        return {}
    try:
        env = dict(os.environ)              # same BLAS settings as this process
        proc = subprocess.run([peer_python, "-c", PEER_SCRIPT, json.dumps(cases)],
                              capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return {"error": "peer run timed out"}
    if proc.returncode != 0:
        return {"error": proc.stderr.strip()[-500:]}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def fmt(t):
    if isinstance(t, str):
        return t
    if t is None or not np.isfinite(t):
        return "—"
    return f"{t * 1e3:10.1f} ms" if t < 10 else f"{t:10.2f} s "


def table(title, rows, ref_name):
    ref = dict(rows).get(ref_name)
    print(f"\n{title}")
    for name, t in rows:
        if isinstance(t, (int, float)) and isinstance(ref, (int, float)) and np.isfinite(t):
            ratio = f"{t / ref:7.2f}x rmt_meso time"
        else:
            ratio = ""
        print(f"  {name:42s} {fmt(t):>14s}  {ratio}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--peer-python", default=str(ROOT / ".venv-bench" / "bin" / "python"),
                        help="python of the peers' environment (skipped if missing)")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    args = parser.parse_args(argv)

    sizes = [1000, 4000] if args.quick else [1000, 4000, 16000]
    reps = {1000: 5, 4000: 3, 16000: 2}
    dense_max = 4000
    batch_n, batch = 200, (200 if args.quick else 2000)

    peer_cases = {}
    for n in sizes:
        r = 1 if n >= 4000 else 3
        if n <= dense_max:
            peer_cases[f"sk_dense_{n}"] = ("sk_dense", n, r, 0)
        peer_cases[f"sk_tri_{n}"] = ("sk_tri", n, 1 if n > dense_max else max(1, reps[n] - 1), 0)
        peer_cases[f"be_gauss_{n}"] = ("be_gauss", n, max(1, reps[n] - 1), 1)
    peer_cases["sk_tri_batch"] = ("sk_tri", batch_n, 1, batch)
    peer_cases["sk_dense_batch"] = ("sk_dense", batch_n, 1, batch)
    peer_cases["be_gauss_batch"] = ("be_gauss", batch_n, 2, batch)
    peer_cases["sk_coe_1000"] = ("sk_coe", 1000, 1, 0)
    peer_cases["be_cbe_1000"] = ("be_cbe", 1000, 2, 0)
    peers = run_peers(args.peer_python, peer_cases)
    if peers.get("error"):
        print(f"peers unavailable: {peers['error']}")
    elif not peers:
        print(f"peers skipped: no python at {args.peer_python} (bash benchmarks/peers/skrmt.sh)")

    from threadpoolctl import threadpool_info
    threads = sorted({i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"})
    print(f"BLAS: {BLAS_MODE or 'as in the environment'} ({threads} threads per library; "
          "BENCH_BLAS=one|default; the same for rmt_meso and the peers)")
    rng = np.random.default_rng(0)
    summary = {}
    for n in sizes:
        ens = GaussianEnsemble(1, n)
        d, e = ens.sample(rng=1)
        t_ours = best_of(lambda: ens.eigvals(rng=rng), reps[n])
        t_sterf = best_of(lambda: dsterf(d, e), reps[n])
        rows = [("rmt_meso GOE(n).eigvals (tridiagonal)", t_ours),
                ("LAPACK dsterf alone (same tridiagonal)", t_sterf)]
        if n <= dense_max:
            h = GOE(n).sample(rng=2)
            rows.append(("numpy.linalg.eigvalsh (dense GOE)",
                         best_of(lambda: np.linalg.eigvalsh(h), 1 if n >= 4000 else 3)))
        rows += [("scikit-rmt dense", peers.get(f"sk_dense_{n}")),
                 ("scikit-rmt tridiagonal_form=True", peers.get(f"sk_tri_{n}")),
                 ("beta-ensembles gaussian.spectra", peers.get(f"be_gauss_{n}"))]
        table(f"GOE eigenvalues, one spectrum, n = {n}", rows, "rmt_meso GOE(n).eigvals (tridiagonal)")
        summary[f"goe_{n}"] = dict(rows)
        print(f"  -> rmt_meso / dsterf alone = {t_ours / t_sterf:.3f}")

    ens = GaussianEnsemble(1, batch_n)
    dd, ee = ens.sample(size=batch, rng=3)
    t_ours = best_of(lambda: ens.eigvals(size=batch, rng=rng), 3)
    t_sterf = best_of(lambda: [dsterf(a, b) for a, b in zip(dd, ee)], 3)
    part = max(1, batch // 10)
    t_dense = best_of(lambda: GOE(batch_n).eigvals(size=part, rng=rng, method="dense"), 1) * batch / part
    rows = [("rmt_meso GOE(200).eigvals(size)", t_ours),
            ("LAPACK dsterf alone (loop, same matrices)", t_sterf),
            (f"rmt_meso dense eigvalsh ({part} spectra x{batch // part})", t_dense),
            ("scikit-rmt dense (loop)", peers.get("sk_dense_batch")),
            ("scikit-rmt tridiagonal_form=True (loop)", peers.get("sk_tri_batch")),
            ("beta-ensembles gaussian.spectra(batch)", peers.get("be_gauss_batch"))]
    table(f"GOE eigenvalues, batch of {batch} spectra, n = {batch_n}", rows, "rmt_meso GOE(200).eigvals(size)")
    summary["goe_batch"] = dict(rows)

    n = 1000
    t_cmv = best_of(lambda: COE(n).eigphases(rng=rng), 3)
    t_dense = best_of(lambda: COE(n).eigphases(rng=rng, method="dense"), 1)
    rows = [("rmt_meso COE(1000).eigphases (CMV band)", t_cmv),
            ("rmt_meso COE(1000) dense UᵀU + eigvals", t_dense),
            ("scikit-rmt COE sample + eigvals", peers.get("sk_coe_1000"))]
    table("COE eigenphases, n = 1000", rows, "rmt_meso COE(1000).eigphases (CMV band)")
    summary["coe_1000"] = dict(rows)

    cbe = CircularEnsemble(2.5, n)
    t_band = best_of(lambda: cbe.eigphases(rng=rng), 3)
    rows = [("rmt_meso CircularEnsemble(2.5, 1000) band", t_band),
            ("beta-ensembles circular.spectra (dense CMV)", peers.get("be_cbe_1000"))]
    table("CβE eigenphases, β = 2.5, n = 1000", rows, "rmt_meso CircularEnsemble(2.5, 1000) band")
    summary["cbe_1000"] = dict(rows)
    return summary


if __name__ == "__main__":
    main()
