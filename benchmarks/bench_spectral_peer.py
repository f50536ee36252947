"""Peer side of ``bench_spectral.py``: run inside the peers' environment (``.venv-bench``).

Usage (called by ``bench_spectral.py``, not by hand)::

    .venv-bench/bin/python benchmarks/bench_spectral_peer.py IN.npz OUT.npz REPEAT

Reads the spectra written by ``bench_spectral.py``, times the peers' equivalents of
``rmt_meso.spectral`` on them (best of ``REPEAT`` wall times), writes their outputs to
``OUT.npz`` for the agreement checks and prints one JSON line ``{case: seconds or
"error: ..."}``.  Imports only numpy, scipy and the peers, never ``rmt_meso`` (the peers pin
numpy <= 1.26).

What the peers offer (checked by introspection of the installed versions):

* scikit-rmt 2.1.1 has no unfolding, spacing or form-factor functions; the nearest
  equivalent is ``WignerSemicircleDistribution.cdf``, so ``n * cdf(E)`` is the semicircle
  unfolding (``sigma = R / 2`` for radius R at beta = 1).
* beta-ensembles 1.1.0: ``gaussian.unfold`` (semicircle, per-spectrum ``np.piecewise``),
  ``statistics.spacings`` / ``statistics.ratios``, ``sff.compute_sff`` (total and connected
  form factor, loop over spectra and times) and ``sff.predicted_sff`` (theory K(tau)).
"""

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


if __name__ == "__main__":
    sys.exit(main())
