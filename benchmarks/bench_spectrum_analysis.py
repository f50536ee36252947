"""Benchmark: analysing a user's spectrum and the many-body generators, rmt_meso vs alternatives.

Usage::

    python benchmarks/bench_spectrum_analysis.py [--quick] [--peer-python /path/to/python]

Cases (best-of-``repeat`` wall time, one process run, BLAS single-threaded):

* ``<r~>`` and the calibrated Dyson index (:func:`rmt_meso.spectral.inference.fit_beta`) on
  one spectrum of 1e7 levels (a GUE-like tridiagonal bulk is too slow to draw, so a Poisson
  sequence: the cost does not depend on the statistics), against the plain NumPy ``<r~>``
  and SciPy's generic maximum-likelihood ``rv_continuous.fit`` of the surmise on 1e5 ratios.
  Target: < 2 s.
* Spline unfolding of 1e6 levels (``spectral.unfold(method="spline")``), target < 1 s, against
  SciPy's FITPACK ``LSQUnivariateSpline`` (same knots; ours assembles the normal equations from
  per-interval power moments), and the automatic cross-validated choice
  (:func:`~rmt_meso.spectral.analysis.choose_unfolding`).  With ``--peer-python`` pointing at an
  environment holding empyricalRMT (``benchmarks/peers/empyricalrmt.sh``), its
  ``Eigenvalues.unfold`` (polynomial 7) and Brody fit are timed on the same 1e5 levels as
  ours (``unfold`` polynomial 7, ``fit_spacing_law(..., "brody")``), with both Brody q.
* XXZ chain L = 18, S_z = 0 (48 620 states): the 100 eigenvalues nearest the centre of the
  spectrum by shift-invert (:func:`rmt_meso.models.eigvals_near`), target < 60 s; dense
  ``eigvalsh`` is timed at L = 14 (3432 states) in the same run and extrapolated as n^3
  (at L = 18 it needs 19 GB).  The SuperLU orderings (``permc_spec``) and a reverse
  Cuthill-McKee preordering are compared by fill (nnz of L + U) and factorisation time at
  L = 14 and ``--order-L``; the fill decides the cost, and ``--xxz-L`` chooses the chain
  of the timed shift-invert run.
* SYK N = 24: building H (``models.syk_hamiltonian``) and the full spectrum from the two
  parity blocks (2 x ``eigvalsh`` of 2048) against ``eigvalsh`` of the full 4096 matrix.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rmt_meso.models import XXZChain, eigvals_near, syk_hamiltonian  # noqa: E402
from rmt_meso.spectral import unfold  # noqa: E402
from rmt_meso.spectral.analysis import choose_unfolding  # noqa: E402
from rmt_meso.spectral.inference import fit_beta, fit_spacing_law  # noqa: E402
from rmt_meso.theory.interpolating import ratio_beta_surmise  # noqa: E402

PEER = r"""
import json, sys, time
import numpy as np
from empyricalRMT.eigenvalues import Eigenvalues
e = np.load(sys.argv[1])
out = {}
t = time.perf_counter(); eigs = Eigenvalues(e); unf = eigs.unfold(smoother="poly", degree=7)
out["empyricalRMT unfold (poly 7)"] = time.perf_counter() - t
try:
    t = time.perf_counter(); res = unf.fit_brody(); out["empyricalRMT Brody fit"] = time.perf_counter() - t
    q = res["beta"] if hasattr(res, "__getitem__") else res
    out["empyricalRMT Brody q"] = repr(float(q.iloc[0]) if hasattr(q, "iloc") else q)
except Exception as exc:
    out["empyricalRMT Brody fit"] = f"error: {exc}"
print(json.dumps(out))
"""


def superlu_orderings(h):
    """Fill (nnz of L + U) and factorisation time of H - sigma for each SuperLU ordering."""
    import scipy.sparse as sp
    import scipy.sparse.linalg as spla
    from scipy.sparse.csgraph import reverse_cuthill_mckee
    a = h.tocsc()
    sym = dict(diag_pivot_thresh=0.01, options=dict(SymmetricMode=True))
    cases = {"MMD_AT_PLUS_A, symmetric mode (Anderson default)": (a, dict(permc_spec="MMD_AT_PLUS_A", **sym)),
             "COLAMD, partial pivoting": (a, dict(permc_spec="COLAMD")),
             "MMD_ATA, partial pivoting": (a, dict(permc_spec="MMD_ATA"))}
    perm = reverse_cuthill_mckee(sp.csr_matrix(a), symmetric_mode=True)
    cases["reverse Cuthill-McKee + NATURAL, symmetric mode (eigvals_near default)"] = (a[perm][:, perm].tocsc(),
                                                                 dict(permc_spec="NATURAL", **sym))
    out = {}
    for name, (m, opts) in cases.items():
        t = time.perf_counter()
        lu = spla.splu(m, **opts)
        out[name] = (time.perf_counter() - t, lu.L.nnz + lu.U.nnz)
    return out


def best(fn, repeat):
    t_best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        t_best = min(t_best, time.perf_counter() - t)
    return t_best, out


def row(name, seconds, note=""):
    print(f"{name:<58s} {seconds:9.3f} s  {note}", flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="smaller sizes (a smoke run)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--peer-python", default=None)
    ap.add_argument("--xxz-L", type=int, default=18, help="chain length of the shift-invert case")
    ap.add_argument("--order-L", type=int, default=16, help="chain length of the ordering comparison")
    args = ap.parse_args(argv)
    rng = np.random.default_rng(20261207)
    n_levels = 10**6 if args.quick else 10**7
    ok = True

    print("-- ratios and the Dyson index")
    e = np.cumsum(rng.exponential(size=n_levels))
    t_np, r_np = best(lambda: (lambda s: np.minimum(s[1:] / s[:-1], s[:-1] / s[1:]).mean())(np.diff(e)),
                      args.repeat)
    row(f"numpy <r~>, {n_levels:.0e} levels", t_np)
    t_fit, fit = best(lambda: fit_beta(e), args.repeat)
    row(f"rmt_meso fit_beta (<r~>, beta, interval), {n_levels:.0e} levels", t_fit,
        f"beta = {fit.beta}; target < 2 s; x{t_fit / t_np:.1f} of numpy <r~>")
    ok &= t_fit < 2.0 or args.quick
    assert abs(fit.mean_rtilde.value - r_np) < 1e-12
    small = np.minimum(np.diff(e[:100002])[1:] / np.diff(e[:100002])[:-1], 1)
    small = np.minimum(small, 1 / small)
    t_sc, _ = best(lambda: ratio_beta_surmise.fit(small, 1.0, floc=0, fscale=1), 1)
    row("scipy rv_continuous.fit of the beta surmise, 1e5 ratios", t_sc, "(generic MLE, no interval)")

    print("-- unfolding")
    x1 = np.sort(rng.normal(size=10**6 // (10 if args.quick else 1)))
    t_sp, _ = best(lambda: unfold(x1, "spline", knots=16, bulk=1.0), args.repeat)
    from scipy.interpolate import LSQUnivariateSpline
    knots = np.interp(np.linspace(0, x1.size - 1, 18)[1:-1], np.arange(x1.size), x1)
    t_raw, _ = best(lambda: LSQUnivariateSpline(x1, np.arange(x1.size) + 0.5, knots, k=3)(x1), args.repeat)
    row(f"scipy LSQUnivariateSpline fit + evaluation, {x1.size:.0e} levels", t_raw)
    row(f"rmt_meso unfold spline (16 knots), {x1.size:.0e} levels", t_sp,
        f"target < 1 s; x{t_raw / t_sp:.1f} faster than the scipy fit")
    ok &= t_sp < 1.0 or args.quick
    t_cv, choice = best(lambda: choose_unfolding([x1]), 1)
    row("rmt_meso choose_unfolding (cross-validated)", t_cv, str(choice))
    if args.peer_python:
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "e.npy")
            np.save(path, x1[: 10**5])
            t_ours, u5 = best(lambda: unfold(x1[: 10**5], "polynomial", degree=7), args.repeat)
            row("rmt_meso unfold polynomial 7, 1e5 levels", t_ours)
            t_br, br = best(lambda: fit_spacing_law(np.diff(u5), "brody"), args.repeat)
            row("rmt_meso fit_spacing_law brody (MLE + sandwich SE), 1e5 levels", t_br,
                f"q = {br.estimate}")
            proc = subprocess.run([args.peer_python, "-c", PEER, path], capture_output=True, text=True)
            try:
                for k, v in json.loads(proc.stdout.strip().splitlines()[-1]).items():
                    if isinstance(v, float) and not k.endswith(" q"):
                        row(k + ", 1e5 levels", v)
                    else:
                        print(k, v)
            except (IndexError, json.JSONDecodeError):
                print("peer failed:", proc.stderr[-500:])

    print("-- XXZ chain, shift-invert")
    L_dense, L_big = (12, 14) if args.quick else (14, args.xxz_L)
    ch = XXZChain(L_dense, W=1.0)
    h = ch.hamiltonian(rng=1)
    t_dense, full = best(lambda: np.linalg.eigvalsh(h.toarray()), 1)
    t_si, near = best(lambda: eigvals_near(h, 100), 1)
    row(f"dense eigvalsh L = {L_dense} ({ch.dim} states)", t_dense)
    row(f"rmt_meso eigvals_near L = {L_dense}, 100 levels", t_si)
    mid = 0.5 * (full[0] + full[-1])
    assert np.allclose(near, np.sort(full[np.argsort(np.abs(full - mid))[:100]]), atol=1e-8)
    for L_ord in sorted({L_dense, L_dense if args.quick else args.order_L}):
        ho = XXZChain(L_ord, W=1.0).hamiltonian(rng=2)
        for name, (t_f, fill) in superlu_orderings(ho).items():
            row(f"splu L = {L_ord}: {name}", t_f, f"fill {fill:.3e} ({fill / ho.shape[0] ** 2:.1%} of dense)")
    big = XXZChain(L_big, W=1.0)
    hb = big.hamiltonian(rng=2)
    t_big, _ = best(lambda: eigvals_near(hb, 100), 1)
    extrap = t_dense * (big.dim / ch.dim) ** 3
    row(f"rmt_meso eigvals_near L = {L_big} ({big.dim} states), 100 levels", t_big,
        f"target < 60 s; dense eigvalsh extrapolated (n^3): ~{extrap:.0f} s and {8 * big.dim**2 / 1e9:.0f} GB")
    ok &= t_big < 60 or args.quick

    print("-- SYK")
    N = 20 if args.quick else 24
    t_h, hs = best(lambda: syk_hamiltonian(N, rng=3), 1)
    row(f"rmt_meso syk_hamiltonian N = {N} (dim {hs.shape[0]})", t_h)
    t_full, ev_full = best(lambda: np.linalg.eigvalsh(hs), 1)
    row(f"eigvalsh of the full matrix ({hs.shape[0]})", t_full)
    pop = np.array([bin(i).count("1") % 2 for i in range(hs.shape[0])])
    blocks = [hs[np.ix_(pop == p, pop == p)] for p in (0, 1)]
    t_blk, ev_blk = best(lambda: np.sort(np.concatenate([np.linalg.eigvalsh(b) for b in blocks])), 1)
    row(f"eigvalsh of the two parity blocks (2 x {blocks[0].shape[0]})", t_blk,
        f"x{t_full / t_blk:.1f} faster; spectra agree to {np.max(np.abs(ev_full - ev_blk)):.1e}")
    print("all targets met" if ok else "SOME TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
