"""Benchmark: devices of rmt_meso.transport.devices against Kwant 1.5 + MUMPS, and a 400×400 device.

For each device of the catalogue (QPC, AB ring, disordered T-junction, disordered quantum-Hall
strip, disordered zigzag and armchair graphene ribbons, stadium billiard) it times a sweep of
50 energies of one realisation: rmt_meso (building the device included, and the sweep alone)
against Kwant, which rebuilds the same device natively (benchmarks/peers/kwant_device.py; its
build and finalize time is reported apart), checks that the total transmissions agree to 1e-8
and prints Kwant time / rmt_meso time from this one run.  Then, in a fresh process, one energy
of a 400 × 400 square-lattice device (160 000 sites, two leads) with its peak memory.

BLAS threads: one per process unless NumPy was already loaded (under run_all.py), then the
default in both processes; ``--threads default`` forces the default.

Usage::

    python benchmarks/bench_devices.py [--peer-python .venv-bench/bin/python] [--quick] [--no-big]
"""

from __future__ import annotations

import os
import sys

_BLAS_VARS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
if "--threads" in sys.argv and "default" in sys.argv:
    SINGLE_THREADED = False
else:
    SINGLE_THREADED = "numpy" not in sys.modules
    if SINGLE_THREADED:
        for _var in _BLAS_VARS:
            os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rmt_meso.transport import devices  # noqa: E402

CATALOGUE = {   # name: (factory, energy window); same devices as tests/test_device_kwant.py
    "qpc (40x20, B)": (lambda: devices.qpc(flux=0.01), (-3.55, -2.45)),
    "AB ring (B)": (lambda: devices.ab_ring(flux=0.004), (-3.3, -2.2)),
    "T-junction, 3 leads, W=1.5": (lambda: devices.t_junction(W=1.5), (-3.0, -1.1)),
    "QH strip 30x12, W=1, B": (lambda: devices.strip(12, 30, W=1.0, flux=0.05), (-3.45, -2.85)),
    "zigzag ribbon, W=1": (lambda: devices.zigzag_ribbon(6, 15, W=1.0), (0.35, 1.15)),
    "armchair ribbon, W=1": (lambda: devices.armchair_ribbon(6, 15, W=1.0), (0.41, 1.13)),
    "stadium (B)": (lambda: devices.stadium_billiard(6, 6, flux=0.002), (-2.95, -2.25)),
}

BIG = """
import resource, time, numpy as np
from rmt_meso.transport import Device, lead, rectangle, square
t0 = time.perf_counter()
dev = Device(square(), rectangle(0, 399, 0, 399), [lead("-x"), lead("+x")], W=1.0).realisation(rng=1)
t1 = time.perf_counter()
s = dev.smatrix(-3.0 + 1e-3, algorithm="{alg}")
t2 = time.perf_counter()
print(dev.n_sites, s.lead_sizes[0], s.transmission(1, 0), s.unitarity_error(), t1 - t0, t2 - t1,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def _energies(window, n):
    # avoid thresholds: an irrational offset off the grid
    return np.linspace(window[0], window[1], n) + 1e-3 * np.sqrt(2)


def ours(factory, energies):
    t0 = time.perf_counter()
    base = factory()
    dev = base.realisation(rng=0) if base.W > 0 else base
    t1 = time.perf_counter()
    smats = dev.smatrix(energies)
    t2 = time.perf_counter()
    T = np.array([[[s.transmission(a, b) for b in range(s.n_leads)] for a in range(s.n_leads)] for s in smats])
    return dev, t1 - t0, t2 - t1, T


def kwant(peer, dev, energies):
    sys.path.insert(0, str(ROOT / "tests"))
    from test_device_kwant import describe
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "in.npz", Path(tmp) / "out.npz"
        describe(dev, [dev.onsite], energies, src)
        res = subprocess.run([peer, str(ROOT / "benchmarks" / "peers" / "kwant_device.py"), str(src), str(dst)],
                             capture_output=True, text=True, timeout=1200, env=dict(os.environ))
        if res.returncode != 0:
            raise RuntimeError(res.stderr[-1500:])
        out = np.load(dst)
        return float(out["t_build"]), float(out["t_sweep"]), out["T"][0]


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--peer-python", default=os.environ.get("RMT_MESO_PEER_PYTHON", ".venv-bench/bin/python"))
    p.add_argument("--quick", action="store_true", help="10 energies instead of 50")
    p.add_argument("--no-big", action="store_true", help="skip the 400x400 device")
    p.add_argument("--threads", default="one", choices=("one", "default"))
    args = p.parse_args(argv)
    peer = Path(args.peer_python)
    if not peer.is_absolute():
        peer = ROOT / peer
    have_kwant = peer.exists() and subprocess.run([str(peer), "-c", "import kwant"],
                                                  capture_output=True).returncode == 0
    n = 10 if args.quick else 50
    print(f"devices: {n}-energy sweep, rmt_meso vs Kwant{'' if have_kwant else ' (absent)'}; BLAS "
          f"{'one thread' if SINGLE_THREADED else 'default threads'}")
    head = (f"{'device':>28} {'sites':>6} {'ours build':>10} {'ours sweep':>10} {'kwant build':>11} "
            f"{'kwant sweep':>11} {'ratio':>6} {'max|dT|':>8}")
    print(head)
    print("-" * len(head))
    rows = []
    for name, (factory, window) in CATALOGUE.items():
        energies = _energies(window, n)
        dev, tb, ts, T = ours(factory, energies)
        if have_kwant:
            kb, ks, TK = kwant(str(peer), dev, energies)
            diff = float(np.nanmax(np.abs(T - TK)))
            ratio = (kb + ks) / (tb + ts)
            print(f"{name:>28} {dev.n_sites:6d} {tb * 1e3:8.1f}ms {ts * 1e3:8.1f}ms {kb * 1e3:9.1f}ms "
                  f"{ks * 1e3:9.1f}ms {ratio:5.1f}x {diff:8.1e}")
            rows.append((name, tb, ts, kb, ks, ratio, diff))
        else:
            print(f"{name:>28} {dev.n_sites:6d} {tb * 1e3:8.1f}ms {ts * 1e3:8.1f}ms {'-':>11} {'-':>11}")
    if rows:
        print(f"ratio = (Kwant build + sweep) / (rmt_meso build + sweep); largest |T_ij| difference "
              f"{max(r[-1] for r in rows):.1e}")
    if not args.no_big:
        for alg in ("rgf",):
            res = subprocess.run([sys.executable, "-c", BIG.format(alg=alg)], capture_output=True, text=True,
                                 timeout=1200, env=dict(os.environ))
            if res.returncode != 0:
                print(f"400x400 ({alg}) failed: {res.stderr[-800:]}")
                continue
            sites, nopen, tr, err, tb, ts, mem = res.stdout.split()
            print(f"400x400 square device, {sites} sites, {nopen} channels, W=1, E=-3+1e-3 ({alg}): build "
                  f"{float(tb):.1f} s, one energy {float(ts):.1f} s, peak memory {float(mem):.0f} MB, "
                  f"T={float(tr):.4f}, unitarity {float(err):.1e}")
    return rows


if __name__ == "__main__":
    main()
