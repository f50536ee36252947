"""Benchmark: spectral statistics and their exact theory curves, rmt_meso vs peers.

Usage::

    python benchmarks/bench_spectral.py [--peer-python .venv-bench/bin/python] [--repeat 3]

Every case is timed (best-of-``repeat`` wall time) in one process run on the same spectra,
drawn once from ``rmt_meso.ensembles.GOE(n).eigvals(size, rng)`` with a fixed seed, and
printed with ratios.  Peers (scikit-rmt, beta-ensembles) pin old numpy/scipy and live in
their own environment (``bash benchmarks/setup_peers.sh``); ``PEER_SCRIPT`` runs there on
the same data, passed through a temporary ``.npz`` file, so each peer is timed with
its own numpy.  Where a peer computes the same quantity the outputs are compared and the
largest difference printed; the exit status is 1 if they disagree.  A ratio ``xR of Y``
means the row took R times as long as row Y.  Default run: about 30 s CPU, three quarters
of it drawing the 2000 x 1000 GOE spectra (72 s wall on the shared, loaded 2-core machine).

Cases
-----
* ``spectral.unfold`` (semicircle, polynomial, spline, local) on 500 GOE spectra, n = 400;
  semicircle also against scikit-rmt (``n * WignerSemicircleDistribution.cdf``, its only
  unfolding-like function) and beta-ensembles ``gaussian.unfold``.
* ``spectral.spacing_ratios`` / ``mean_spacing_ratio`` on 2000 spectra, n = 1000, against
  beta-ensembles ``statistics.ratios`` (must agree to 1e-12: ratios need no unfolding), and
  ``spectral.spacings`` of the unfolded levels against ``statistics.spacings``.
* ``spectral.number_variance`` and ``rigidity`` for 20 values of L on 200 unfolded spectra,
  n = 1000 (no peer computes them); the largest |z| against the exact curve is printed.
* ``spectral.form_factor`` on 500 unfolded spectra, n = 200, 200 values of tau, total and
  connected, against beta-ensembles ``sff.compute_sff`` (whose connected part uses the
  biased variance: rmt_meso's is m/(m-1) times it, which the check accounts for).
* Exact curves ``theory.number_variance`` / ``rigidity`` / ``form_factor`` on 200 points for
  beta = 1, 2, 4; Sigma^2 for GUE against its closed form with sine/cosine integrals (Mehta
  2004, eq. 16.1.3), K(tau) against beta-ensembles ``sff.predicted_sff``.  The Gaudin-Mehta
  density on 200 points is timed by ``bench_theory.py`` and not repeated here.
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

# Single-threaded BLAS for every contender (set before NumPy loads it; passed to the peers).
_THREADS = os.environ.get("BENCH_BLAS_THREADS", "1")
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, _THREADS)

import numpy as np  # noqa: E402
from scipy import special  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rmt_meso import spectral, theory  # noqa: E402
from rmt_meso.ensembles import GOE  # noqa: E402

SEED = 20261127
# Runs inside the peers' environment (never imports rmt_meso: the peers pin numpy <= 1.26) as
# ``python -c PEER_SCRIPT IN.npz OUT.npz REPEAT``: times the peers on the spectra in IN.npz,
# writes their outputs to OUT.npz for the agreement checks and prints {case: seconds or
# "error: ..."} as one JSON line.  What the installed peers offer (checked by introspection):
# scikit-rmt 2.1.1 has no unfolding, spacing, ratio or form-factor function, only the
# semicircle law's cdf (n * cdf(E) is the semicircle unfolding, sigma = R/2 at beta = 1);
# beta-ensembles 1.1.0 has gaussian.unfold, statistics.spacings/ratios, sff.compute_sff and
# sff.predicted_sff.
PEER_SCRIPT = r"""
import json
import sys
import time

import numpy as np


def best_of(fn, repeat):
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    src, dst, repeat = argv[0], argv[1], int(argv[2])
    data = np.load(src)
    times, outputs = {}, {}

    def case(name, fn, reps=repeat):
        try:
            t, out = best_of(fn, reps)
        except Exception as exc:  # report the peer's failure, go on with the other cases
            times[name] = "error: " + repr(exc)[:200]
            return
        times[name] = t
        if isinstance(out, tuple):
            for i, o in enumerate(out):
                outputs[f"{name}_{i}"] = np.asarray(o)
        else:
            outputs[name] = np.asarray(out)

    e_unf = data["unfold_eigs"]
    n_unf = e_unf.shape[-1]
    radius = float(data["unfold_radius"])
    try:
        from skrmt.ensemble import WignerSemicircleDistribution
        law = WignerSemicircleDistribution(beta=1, sigma=radius / 2.0)
        case("skrmt_semicircle", lambda: n_unf * law.cdf(e_unf))
    except Exception as exc:
        times["skrmt_import"] = "error: " + repr(exc)[:200]

    try:
        from beta_ensembles import gaussian as be_gauss, sff as be_sff, statistics as be_stats
    except Exception as exc:
        times["beta_ensembles_import"] = "error: " + repr(exc)[:200]
    else:
        case("be_semicircle", lambda: be_gauss.unfold(e_unf, radius=radius))
        e_r = data["ratio_eigs"]
        case("be_ratios", lambda: be_stats.ratios(e_r, reduced=True))
        case("be_mean_ratio", lambda: be_stats.ratios(e_r, reduced=True).mean(axis=1))
        x_s = data["spacing_unfolded"]
        case("be_spacings", lambda: be_stats.spacings(x_s))
        x_ff, tau = data["ff_unfolded"], data["ff_tau"]
        case("be_sff", lambda: be_sff.compute_sff(x_ff, t_grid=tau, verbose=False), reps=1)
        tau_th = data["theory_tau"]
        for beta in (1, 2, 4):
            case(f"be_predicted_sff_{beta}", lambda beta=beta: be_sff.predicted_sff(beta, tau_th))
    np.savez(dst, **outputs)
    print(json.dumps(times))
    return 0


sys.exit(main())
"""


def best_of(fn, repeat):
    """Best wall time of ``repeat`` calls (seconds) and the last result."""
    best, out = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t0)
    return best, out


def fmt(t):
    if isinstance(t, str):
        return t
    if t is None:
        return "-"
    return f"{t * 1e3:9.2f} ms" if t < 10 else f"{t:9.2f} s "


def line(name, t, ref=None, ref_name="", extra=""):
    ratio = ""
    if isinstance(t, float) and isinstance(ref, float) and ref > 0:
        ratio = f"x{t / ref:7.2f} of {ref_name}"
    print(f"  {name:48s} {fmt(t):>12s}  {ratio:28s} {extra}".rstrip())


def run_peers(peer_python, data, repeat, timeout=600):
    """Time the peers on ``data`` in their own environment: ({case: s or str}, outputs)."""
    if not peer_python or not Path(peer_python).exists():
        return {"skipped": f"no python at {peer_python} (bash benchmarks/setup_peers.sh)"}, {}
    with tempfile.TemporaryDirectory(prefix="bench_spectral_") as tmp:
        src, dst = Path(tmp) / "in.npz", Path(tmp) / "out.npz"
        np.savez(src, **data)
        env = dict(os.environ)
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            env[var] = os.environ.get(var, _THREADS)
        try:
            proc = subprocess.run([peer_python, "-c", PEER_SCRIPT, str(src), str(dst), str(repeat)],
                                  capture_output=True, text=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired:
            return {"error": "peer run timed out"}, {}
        if proc.returncode != 0:
            return {"error": proc.stderr.strip()[-500:]}, {}
        times = json.loads(proc.stdout.strip().splitlines()[-1])
        with np.load(dst) as f:
            outputs = {k: f[k] for k in f.files}
    return times, outputs


def gue_number_variance(L):
    """Closed form of the GUE number variance (Mehta, Random Matrices, 2004, ch. 16; Dyson & Mehta 1963)."""
    x = 2.0 * np.pi * np.asarray(L, dtype=float)
    si, ci = special.sici(x)
    return ((np.log(x) + np.euler_gamma + 1.0 - np.cos(x) - ci) / np.pi ** 2
            + x / (2 * np.pi) * (1.0 - 2.0 * si / np.pi))


class Checks:
    """Collects agreement checks; a failed one makes ``main`` return 1."""

    def __init__(self):
        self.failed = []

    def __call__(self, label, diff, tol):
        ok = bool(np.isfinite(diff) and diff <= tol)
        if not ok:
            self.failed.append(label)
        return f"max |diff| {diff:.1e} ({'ok' if ok else 'DISAGREES'}, tol {tol:.0e})"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer-python", default=str(ROOT / ".venv-bench" / "bin" / "python"),
                        help="python of the peers' environment (peers skipped if missing)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    r = max(1, args.repeat)
    check = Checks()
    rng = np.random.default_rng(SEED)
    wall0, cpu0 = time.perf_counter(), time.process_time()

    t0, c0 = time.perf_counter(), time.process_time()
    e_unf = GOE(400).eigvals(500, rng=rng)                    # (500, 400)
    e_rat = GOE(1000).eigvals(2000, rng=rng)                  # (2000, 1000)
    e_ff = GOE(200).eigvals(500, rng=rng)                     # (500, 200)
    x_nv = spectral.unfold(e_rat[:200], "semicircle", beta=1, bulk=0.8)   # (200, 800)
    x_ff = spectral.unfold(e_ff, "semicircle", beta=1, bulk=0.8)          # (500, 160)
    tau = np.linspace(0.0, 2.0, 201)[1:]                  # 200 times, arithmetic grid
    Ls = np.linspace(1.0, 20.0, 20)
    L_th = np.linspace(0.1, 20.0, 200)
    tau_th = np.linspace(0.0, 3.0, 200)                   # avoids tau = 1 (GSE log singularity)
    print(f"data: GOE spectra drawn in {time.perf_counter() - t0:.1f} s wall, "
          f"{time.process_time() - c0:.1f} s CPU (seed {SEED}); "
          f"BLAS threads {os.environ['OPENBLAS_NUM_THREADS']}")

    peer_data = dict(unfold_eigs=e_unf, unfold_radius=np.sqrt(2.0 * 400), ratio_eigs=e_rat,
                     spacing_unfolded=x_nv, ff_unfolded=x_ff, ff_tau=tau, theory_tau=tau_th)
    t0 = time.perf_counter()
    peers, pout = run_peers(args.peer_python, peer_data, r)
    print(f"peers: {time.perf_counter() - t0:.1f} s in their own process "
          f"(scikit-rmt 2.1.1 offers no unfolding/spacing/ratio/form-factor function: only its "
          f"semicircle cdf is comparable)")
    for key in ("skipped", "error", "skrmt_import", "beta_ensembles_import"):
        if key in peers:
            print(f"  peers {key}: {peers[key]}")

    def peer(name):
        return peers.get(name)

    # --- unfolding ---------------------------------------------------------------------------
    print("\nunfold: 500 GOE spectra, n = 400 (bulk 0.8 unless stated)")
    t_semi, x_semi = best_of(lambda: spectral.unfold(e_unf, "semicircle", beta=1), r)
    line("rmt_meso semicircle", t_semi)
    t_semi_full, x_full = best_of(lambda: spectral.unfold(e_unf, "semicircle", beta=1, bulk=1.0), r)
    line("rmt_meso semicircle, bulk 1.0", t_semi_full)
    for name, key in (("scikit-rmt n * WignerSemicircle.cdf (bulk 1.0)", "skrmt_semicircle"),
                      ("beta-ensembles gaussian.unfold (bulk 1.0)", "be_semicircle")):
        extra = check(key, float(np.max(np.abs(pout[key] - x_full))), 1e-10) if key in pout else ""
        line(name, peer(key), t_semi_full, "rmt_meso bulk 1.0", extra)
    for method in ("polynomial", "spline", "local"):
        t, _ = best_of(lambda method=method: spectral.unfold(e_unf, method), r)
        line(f"rmt_meso {method}", t, t_semi, "semicircle")

    # --- spacings and ratios -----------------------------------------------------------------
    print("\nspacing ratios: 2000 GOE spectra, n = 1000 (all levels, tilde r)")
    t_rat, rat = best_of(lambda: spectral.spacing_ratios(e_rat), r)
    line("rmt_meso spacing_ratios", t_rat)
    extra = ""
    if "be_ratios" in pout:
        extra = check("be_ratios", float(np.max(np.abs(pout["be_ratios"] - rat))), 1e-12)
    line("beta-ensembles statistics.ratios", peer("be_ratios"), t_rat, "rmt_meso", extra)
    t_mr, est = best_of(lambda: spectral.mean_spacing_ratio(e_rat), r)
    line("rmt_meso mean_spacing_ratio (value + stderr)", t_mr, t_rat, "spacing_ratios",
         f"<r~> = {est.value:.5f} +- {est.stderr:.5f}")
    extra = ""
    if "be_mean_ratio" in pout:
        extra = check("be_mean_ratio", abs(float(pout["be_mean_ratio"].mean()) - est.value), 1e-12)
    line("beta-ensembles ratios(...).mean(axis=1)", peer("be_mean_ratio"), t_mr, "rmt_meso", extra)
    print("spacings of unfolded levels: 200 spectra, n = 1000, semicircle, bulk 0.8")
    t_sp, sp = best_of(lambda: spectral.spacings(x_nv), r)
    line("rmt_meso spacings (validated)", t_sp)
    extra = ""
    if "be_spacings" in pout:
        extra = check("be_spacings", float(np.max(np.abs(pout["be_spacings"] - sp))), 1e-12)
    line("beta-ensembles statistics.spacings", peer("be_spacings"), t_sp, "rmt_meso", extra)

    # --- number variance and rigidity --------------------------------------------------------
    print(f"\nnumber variance and rigidity: 200 unfolded spectra (n = 1000, bulk 0.8), "
          f"20 L in [{Ls[0]:g}, {Ls[-1]:g}]; no peer")
    t_nv, nv = best_of(lambda: spectral.number_variance(x_nv, Ls), r)
    z_nv = np.max(np.abs(nv.value - theory.number_variance(Ls, 1)) / nv.stderr)
    line("rmt_meso number_variance", t_nv, extra=f"max |z| vs exact GOE {z_nv:.1f}")
    t_d3, d3 = best_of(lambda: spectral.rigidity(x_nv, Ls), r)
    z_d3 = np.max(np.abs(d3.value - theory.rigidity(Ls, 1)) / d3.stderr)
    line("rmt_meso rigidity (Bohigas-Giannoni closed form)", t_d3, t_nv, "number_variance",
         f"max |z| vs exact GOE {z_d3:.1f}")

    # --- form factor -------------------------------------------------------------------------
    print("\nform factor: 500 unfolded spectra (n = 200, bulk 0.8), 200 tau in (0, 2]")
    t_ffc, ffc = best_of(lambda: spectral.form_factor(x_ff, tau), r)
    line("rmt_meso form_factor connected", t_ffc)
    t_fft, fft = best_of(lambda: spectral.form_factor(x_ff, tau, connected=False), r)
    line("rmt_meso form_factor total", t_fft, t_ffc, "connected")
    extra = ""
    if "be_sff_0" in pout:
        m = x_ff.shape[0]
        d_tot = float(np.max(np.abs(pout["be_sff_0"] - fft.value)))
        d_con = float(np.max(np.abs(pout["be_sff_1"] * m / (m - 1.0) - ffc.value)))
        extra = (f"total {check('be_sff_total', d_tot, 1e-10)}; "
                 f"connected {check('be_sff_conn', d_con, 1e-10)}")
    line("beta-ensembles sff.compute_sff (both)", peer("be_sff"), t_ffc + t_fft, "rmt_meso both", extra)

    # --- exact theory curves -----------------------------------------------------------------
    print(f"\nexact curves on 200 points (L in [{L_th[0]:g}, {L_th[-1]:g}], tau in [0, 3])")
    for beta in (1, 2, 4):
        t_tnv, tnv = best_of(lambda beta=beta: theory.number_variance(L_th, beta), r)
        extra = ""
        if beta == 2:
            t_cf, cf = best_of(lambda: gue_number_variance(L_th), r)
            extra = (f"closed form (sici) {fmt(t_cf).strip()}: "
                     + check("gue_sigma2", float(np.max(np.abs(tnv - cf))), 1e-10))
        line(f"theory.number_variance beta={beta}", t_tnv, extra=extra)
        t_tr, _ = best_of(lambda beta=beta: theory.rigidity(L_th, beta), r)
        line(f"theory.rigidity beta={beta}", t_tr, t_tnv, "number_variance")
        t_tk, tk = best_of(lambda beta=beta: theory.form_factor(tau_th, beta), r)
        key = f"be_predicted_sff_{beta}"
        extra = check(key, float(np.max(np.abs(pout[key] - tk))), 1e-12) if key in pout else ""
        line(f"theory.form_factor beta={beta}", t_tk)
        line(f"beta-ensembles sff.predicted_sff beta={beta}", peer(key), t_tk, "rmt_meso", extra)
    print("  theory.GaudinMehta(beta).pdf on 200 points: timed by bench_theory.py")
    print(f"\ntotal: {time.perf_counter() - wall0:.1f} s wall, {time.process_time() - cpu0:.1f} s CPU "
          f"in this process (drawing the 2000 x 1000 spectra dominates; wall exceeds CPU on a loaded machine)")

    if check.failed:
        print(f"\noutputs DISAGREE: {check.failed}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
