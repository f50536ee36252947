"""Module-level (picklable) samplers for the sweep tests; also run as a script by them."""

import sys
import time

import numpy as np


def gaussian_pair(rng, n, scale=1.0):
    """Two columns per sample: a normal variate and its square."""
    x = scale * rng.standard_normal(n)
    return np.stack([x, x**2], axis=1)


def slow_uniform(rng, n, delay=0.0):
    time.sleep(delay)
    return rng.random(n)


def blas_probe(rng, n, dim=96):
    """BLAS-heavy sample plus the number of BLAS threads the chunk ran under.

    Columns: the smallest and largest eigenvalue and a matrix-product trace of a random
    symmetric ``dim x dim`` matrix (LAPACK dsyevd and dgemm, whose last bits may depend on
    the thread count), and the BLAS thread count seen inside the chunk.
    """
    from threadpoolctl import threadpool_info
    threads = max(i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas")
    out = np.empty((n, 4))
    for i in range(n):
        a = rng.standard_normal((dim, dim))
        h = a + a.T
        w = np.linalg.eigvalsh(h)
        out[i] = w[0], w[-1], np.trace(h @ h @ h) / dim**2, threads
    return out


if __name__ == "__main__":  # used by the kill-and-resume test
    from _sweep_helpers import slow_uniform as fn  # the importable name, as in the test
    from rmt_meso.sweeps import sweep
    sweep(fn, [{"delay": float(sys.argv[2])}], 40, rng=11, chunk=2,
          checkpoint=sys.argv[1], progress=False)
