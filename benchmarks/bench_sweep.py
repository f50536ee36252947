"""Strong scaling of a UCF sweep: 2000 disordered wires (20 x 100, E = 0.5, W = 1.5) on 1 and 2
workers, for the process pool and for a dask LocalCluster.  Prints wall times and speedups
(target: >= 1.8x on 2 cores) and checks that every executor returns identical numbers.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import time

import numpy as np

from rmt_meso.sweeps import sweep
from rmt_meso.transport import Wire

WIDTH, LENGTH, ENERGY, DISORDER = 20, 100, 0.5, 1.5


def ucf_sample(rng, n, W=DISORDER):
    """Conductances of n independent wires (module level so it pickles)."""
    base = Wire(WIDTH, LENGTH, W=W)
    return np.array([base.realisation(rng).conductance(ENERGY) for _ in range(n)])


def _timed(label, **kwargs):
    start = time.perf_counter()
    res = sweep(ucf_sample, None, kwargs.pop("n"), rng=7, chunk=kwargs.pop("chunk"), progress=False, **kwargs)
    dt = time.perf_counter() - start
    print(f"  {label:<28s} {dt:7.2f} s   <g> = {res.mean[0]:.4f} ± {res.stderr[0]:.4f}, "
          f"var g = {res.variance[0]:.4f}", flush=True)
    return dt, res.samples[0]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2000, help="number of wires (default 2000)")
    parser.add_argument("--chunk", type=int, default=50)
    parser.add_argument("--peer-python", default=None, help="unused (no peer for sweeps)")
    args = parser.parse_args(argv)
    n, chunk = args.n, args.chunk
    print(f"UCF sweep: {n} wires {WIDTH}x{LENGTH}, chunk {chunk}")
    t_serial, ref = _timed("serial", n=n, chunk=chunk)
    results = {}
    for workers in (1, 2):
        with cf.ProcessPoolExecutor(workers) as ex:
            ex.submit(int, 0).result()          # start-up outside the timing
            results[f"processes x{workers}"] = _timed(f"processes x{workers}", n=n, chunk=chunk, executor=ex)
    try:
        from distributed import Client, LocalCluster
        for workers in (1, 2):
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster, Client(cluster) as client:
                results[f"dask x{workers}"] = _timed(f"dask LocalCluster x{workers}", n=n, chunk=chunk,
                                                     executor=client)
    except ImportError:
        print("  dask.distributed not installed: skipped")
    for label, (_, samples) in results.items():
        assert np.array_equal(samples, ref), f"{label} differs from the serial result"
    print("  identical samples on every executor: yes")
    for kind in ("processes", "dask"):
        if f"{kind} x1" in results:
            speedup = results[f"{kind} x1"][0] / results[f"{kind} x2"][0]
            print(f"  speedup 2 vs 1 workers ({kind}): {speedup:.2f}x (target >= 1.8x)")
    print(f"  overhead per task vs serial (processes x1): "
          f"{(results['processes x1'][0] - t_serial) / (n / chunk) * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
