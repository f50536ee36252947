"""Regenerate the large-n tables of rmt_meso/theory/_ratio_tables.py (run: python tools/tabulate_ratio_tables.py).

1. For the beta-Hermite ensemble (Dumitriu-Edelman tridiagonal model, any real beta > 0) the
   bulk means <T(r~)> and <r~>, with T(r) = ln(r + r^2) - 1.5 ln(1 + r + r^2) the sufficient
   statistic of the Atas surmise family; n = N_LEVELS levels, central BULK fraction.
2. For superpositions of m independent equal-weight GOE / GUE sectors: <r~>, each sector a
   semicircle-unfolded bulk of a tridiagonal spectrum.

Prints a Python literal; paste it into rmt_meso/theory/_ratio_tables.py.
"""
import sys
import time

import numpy as np

from rmt_meso.ensembles import GaussianEnsemble
from rmt_meso.spectral import spacing_ratios, unfold

N_LEVELS = 1000
BULK = 0.5
BETAS = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0, 1.3, 1.6, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0]
RATIOS = 1_000_000
SECTOR_LEVELS = 400


def T(r):
    return np.log(r + r * r) - 1.5 * np.log1p(r + r * r)


def beta_row(beta, rng, n=None, total=RATIOS):
    # small beta converges more slowly in n (the bulk needs beta n >> 1): 1000 levels below
    # beta = 0.5, 400 above (the finite-n check below compares with 4x larger n)
    n = n or (N_LEVELS if beta < 0.5 else 400)
    ens = GaussianEnsemble(beta, n)
    per = int(n * BULK) - 2
    spectra = max(40, total // per)
    ts, rs = [], []
    for start in range(0, spectra, 200):
        e = ens.eigvals(size=min(200, spectra - start), rng=rng)
        r = spacing_ratios(e, bulk=BULK)
        ts.append(T(r).mean(axis=1))
        rs.append(r.mean(axis=1))
    ts, rs = np.concatenate(ts), np.concatenate(rs)
    m = ts.size
    return (float(ts.mean()), float(ts.std(ddof=1) / np.sqrt(m)),
            float(rs.mean()), float(rs.std(ddof=1) / np.sqrt(m)))


def mixed_row(beta, m, rng, n=SECTOR_LEVELS, total=RATIOS):
    ens = GaussianEnsemble(beta, n)
    per_draw = m * int(n * BULK)
    draws = max(40, total // per_draw)
    means = []
    for _ in range(draws):
        parts = []
        for _k in range(m):
            x = unfold(ens.eigvals(rng=rng), "semicircle", beta=beta, bulk=BULK)
            # each sector carries weight 1/m of the levels; independent random offsets
            parts.append((x - x[0] + rng.uniform()) * m)
        lo = max(p[0] for p in parts)
        hi = min(p[-1] for p in parts)
        lev = np.sort(np.concatenate([p[(p >= lo) & (p <= hi)] for p in parts]))
        means.append(spacing_ratios(lev).mean())
    means = np.array(means)
    return float(means.mean()), float(means.std(ddof=1) / np.sqrt(draws))


if __name__ == "__main__":
    # usage: python tools/tabulate_ratio_tables.py [beta|check|mixed] [ratios]
    mode = sys.argv[1] if len(sys.argv) > 1 else "beta"
    total = int(float(sys.argv[2])) if len(sys.argv) > 2 else RATIOS
    rng = np.random.default_rng({"beta": 20261207, "check": 20261208, "mixed": 20261209}[mode])
    t0 = time.time()
    if mode == "beta":
        print("BETA_TABLE = [  # beta, <T>, stderr, <r~>, stderr")
        for b in BETAS:
            row = beta_row(b, rng, total=total)
            print(f"    ({b!r}, {row[0]:.6f}, {row[1]:.6f}, {row[2]:.6f}, {row[3]:.6f}),", flush=True)
        print("]")
    elif mode == "check":
        print("# finite-n check: beta, n, <T>, stderr, <r~>, stderr")
        for b, n in ((0.05, 4000), (0.2, 4000), (1.0, 1600)):
            row = beta_row(b, rng, n=n, total=total)
            print(f"#   ({b!r}, {n}, {row[0]:.6f}, {row[1]:.6f}, {row[2]:.6f}, {row[3]:.6f}),", flush=True)
    else:
        print("MIXED_TABLE = {  # (beta, m): (<r~>, stderr)")
        for beta in (1, 2):
            for m in range(1, 9):
                v, e = mixed_row(beta, m, rng, total=total)
                print(f"    ({beta}, {m}): ({v:.6f}, {e:.6f}),", flush=True)
        print("}")
    print(f"# {time.time() - t0:.0f} s", flush=True)
