"""The first Riemann zeros, for the number-theoretic test of the spectrum analysis.

    .venv/bin/python tools/riemann_zeros.py tests/data/riemann_zeros.npy [--count 1000]

Imaginary parts t_n of the non-trivial zeros 1/2 + i t_n, n = 1..count, from
``mpmath.zetazero`` (Riemann-Siegel / Gram-point isolation, 20 digits), saved as float64.
Their local statistics are GUE (Montgomery 1973; Odlyzko 1987); the smooth counting
function is N(T) = T/(2 pi) log(T/(2 pi e)) + 7/8 + O(1/T) (Riemann-von Mangoldt).
"""

import argparse

import mpmath
import numpy as np


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=1000)
    args = ap.parse_args(argv)
    mpmath.mp.dps = 20
    zeros = np.array([float(mpmath.zetazero(n).imag) for n in range(1, args.count + 1)])
    np.save(args.out, zeros)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
