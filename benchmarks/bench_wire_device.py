"""Benchmark: a Wire against the same strip built as a Device (the cost of a "thin-device" Wire).

Issue 15: ``Wire`` is a thin :class:`~rmt_meso.transport.Device` (its transport methods run on
the cached Device of its geometry).  This times the operations Wire users run, on the Wire and
on the equal Device (square lattice, leads −x and +x, box disorder W = 1; the same Hamiltonian,
S-matrices equal to ~1e-14), best of a few repeats, and prints device time / wire time:

* build (``Wire(...)`` draws nothing and builds its Device on first use, once per geometry; a
  Device builds region, leads, slicing), and the first solve of a new geometry (both build),
* a 50-energy sweep of one realisation, 10 × 100 and 30 × 100,
* a loop of 30 realisations at one energy (``realisation(rng).conductance``),
* 200 realisations at one energy (``sample_conductance`` / ``sample_transmission``),
* 20 realisations × 20 energies, and 10 realisations of a 30-wide strip.

One BLAS thread per process (set before NumPy loads unless already loaded).

Usage::

    python benchmarks/bench_wire_device.py [--quick]
"""

from __future__ import annotations

import os
import sys

if "numpy" not in sys.modules:
    for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rmt_meso.transport import Device, Wire, lead, rectangle, square  # noqa: E402
from rmt_meso.transport import wire as _wire  # noqa: E402


def _new_geometry(wire):
    """Forget the cached devices, so that the next solve builds one (as a new geometry does)."""
    if wire:
        getattr(_wire, "_wire_device", None) and _wire._wire_device.cache_clear()
        return Wire(10, 100, W=1.0).realisation(1).conductance(-2.0)
    return _strip(10, 100).realisation(1).transmission(1, 0, -2.0)


def _best(fn, repeats):
    best = np.inf
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _strip(width, length, W=1.0):
    return Device(square(), rectangle(0, length - 1, 0, width - 1), [lead("-x"), lead("+x")], W=W)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="one repeat instead of three")
    args = p.parse_args(argv)
    rep = 1 if args.quick else 3
    energies = np.linspace(-3.0, -1.0, 50) + 1e-3 * np.sqrt(2)
    e20 = np.linspace(-3.0, -1.0, 20) + 1e-3 * np.sqrt(2)
    rows = []

    w10, d10 = Wire(10, 100, W=1.0), _strip(10, 100)
    w30, d30 = Wire(30, 100, W=1.0), _strip(30, 100)
    r10w, r30w = w10.realisation(rng=1), w30.realisation(rng=1)
    r10d, r30d = r10w.to_device(), r30w.to_device()          # the same on-site energies
    diff = abs(r10w.smatrix(-2.0).transmission(1, 0) - r10d.smatrix(-2.0).transmission(1, 0))

    def loop(obj, wire):
        gen = np.random.default_rng(1)
        if wire:
            return [obj.realisation(gen).conductance(-2.0) for _ in range(30)]
        return [obj.realisation(gen).transmission(1, 0, -2.0) for _ in range(30)]

    cases = [
        ("build 10x100", lambda: Wire(10, 100, W=1.0), lambda: _strip(10, 100)),
        ("new geometry + 1 solve, 10x100", lambda: _new_geometry(True), lambda: _new_geometry(False)),
        ("50-energy sweep 10x100", lambda: r10w.smatrix(energies), lambda: r10d.smatrix(energies)),
        ("50-energy sweep 30x100", lambda: r30w.smatrix(energies), lambda: r30d.smatrix(energies)),
        ("30 realisations x 1 E, 10x100", lambda: loop(w10, True), lambda: loop(d10, False)),
        ("sample 200 x 1 E, 10x100", lambda: w10.sample_conductance(-2.0, 200, rng=3),
         lambda: d10.sample_transmission(1, 0, -2.0, 200, rng=3)),
        ("sample 20 x 20 E, 10x100", lambda: w10.sample_conductance(e20, 20, rng=3),
         lambda: d10.sample_transmission(1, 0, e20, 20, rng=3)),
        ("sample 10 x 1 E, 30x100", lambda: w30.sample_conductance(-2.0, 10, rng=3),
         lambda: d30.sample_transmission(1, 0, -2.0, 10, rng=3)),
    ]
    print(f"Wire vs the equal Device (one BLAS thread unless preset); |dT| = {diff:.1e}")
    head = f"{'operation':>32} {'Wire':>10} {'Device':>10} {'Device/Wire':>12}"
    print(head)
    print("-" * len(head))
    for name, fw, fd in cases:
        fw(), fd()                                        # warm the leads' caches
        tw, td = _best(fw, rep), _best(fd, rep)
        print(f"{name:>32} {tw * 1e3:8.1f}ms {td * 1e3:8.1f}ms {td / tw:11.2f}x")
        rows.append((name, tw, td))
    return rows


if __name__ == "__main__":
    main()
