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


if __name__ == "__main__":  # used by the kill-and-resume test
    from _sweep_helpers import slow_uniform as fn  # the importable name, as in the test
    from rmt_meso.sweep import sweep
    sweep(fn, [{"delay": float(sys.argv[2])}], 40, rng=11, chunk=2,
          checkpoint=sys.argv[1], progress=False)
