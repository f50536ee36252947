"""Spectra computed outside rmt_meso, by QuSpin, for the external-spectrum tests.

Run with an interpreter that has QuSpin (never the project's environment; see
``benchmarks/setup_quspin.sh``)::

    .venv-quspin/bin/python tools/quspin_spectra.py tests/data/quspin [--models NAME ...] [--realisations 8] [--L 14]

Writes one ``.npy`` per model (shape (realisations, levels): the central ``--keep`` fraction
of the sorted levels of each realisation, or all sorted eigenphases of a Floquet operator) and
``provenance.json`` (QuSpin and NumPy versions, parameters of each model, updated per run).  Nothing here imports rmt_meso:
the Hamiltonians are QuSpin's own operator strings, diagonalised by QuSpin
(``hamiltonian.eigvalsh``) and, for the kicked top, exponentiated by QuSpin (``exp_op``).

Models (spin-1/2 operators, S = sigma/2; J = 1):

* ``xxz_ergodic``:  H = sum_i [ (S+_i S-_{i+1} + h.c.)/2 + Delta Sz_i Sz_{i+1} ] + sum_i h_i Sz_i,
  open chain, Delta = 1, h_i uniform in [-W, W], W = 1 (GOE), S_z = 0 sector;
* ``xxz_localized``: the same with W = 8 (many-body localized: Poisson);
* ``xxz_flux``: periodic ring, hopping phase exp(i Phi / L) on every bond, Phi = pi/2, W = 1
  (time reversal broken: GUE);
* ``xxz_mirror``: open chain with mirror-symmetric fields h_i = h_{L-1-i}, W = 1; the
  reflection parity is *not* resolved (two GOE sectors superposed);
* ``kicked_top_coe`` / ``kicked_top_cue``: U = exp(-i(kz Jz^2/(2j+1) + pz Jz)) exp(-i py Jy)
  [x exp(-i kx Jx^2/(2j+1)) for the CUE top], kz = 10, pz = 0.3, py = 1.7, kx = 5,
  eigenphases (Haake, Kus & Scharf 1987).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import quspin
from quspin.basis import spin_basis_1d
from quspin.operators import exp_op, hamiltonian

NO_CHECKS = dict(check_symm=False, check_herm=False, check_pcon=False)


def xxz(L, fields, *, periodic=False, flux=0.0):
    basis = spin_basis_1d(L, Nup=L // 2, pauli=0)
    bonds = [(i, i + 1) for i in range(L - 1)] + ([(L - 1, 0)] if periodic else [])
    ph = np.exp(1j * flux / L)
    static = [["+-", [[0.5 * ph, i, j] for i, j in bonds]],
              ["-+", [[0.5 * np.conj(ph), i, j] for i, j in bonds]],
              ["zz", [[1.0, i, j] for i, j in bonds]],
              ["z", [[h, i] for i, h in enumerate(fields)]]]
    dtype = np.complex128 if flux else np.float64
    return hamiltonian(static, [], basis=basis, dtype=dtype, **NO_CHECKS)


def kicked_top_phases(j, *, kz=10.0, pz=0.3, py=1.7, kx=None):
    basis = spin_basis_1d(1, S=str(j))
    d = basis.Ns
    z = hamiltonian([["zz", [[kz / d, 0, 0]]], ["z", [[pz, 0]]]], [], basis=basis, dtype=np.complex128, **NO_CHECKS)
    # J_y = (J_+ - J_-) / 2i and J_x = (J_+ + J_-) / 2 (basis_1d takes "+", "-", "z" for spin > 1/2)
    y = hamiltonian([["+", [[-0.5j * py, 0]]], ["-", [[0.5j * py, 0]]]], [], basis=basis, dtype=np.complex128,
                    **NO_CHECKS)
    u = exp_op(z, a=-1j).get_mat(dense=True) @ exp_op(y, a=-1j).get_mat(dense=True)
    if kx is not None:
        x = hamiltonian([[op, [[0.25 * kx / d, 0, 0]]] for op in ("++", "+-", "-+", "--")], [], basis=basis,
                        dtype=np.complex128, **NO_CHECKS)
        u = u @ exp_op(x, a=-1j).get_mat(dense=True)
    u = np.asarray(u)
    return np.sort(np.angle(np.linalg.eigvals(u)))


XXZ = {"xxz_ergodic": dict(W=1.0), "xxz_localized": dict(W=8.0),
       "xxz_flux": dict(W=1.0, periodic=True, flux=np.pi / 2), "xxz_mirror": dict(W=1.0, mirror=True)}
TOPS = {"kicked_top_coe": None, "kicked_top_cue": 5.0}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--models", nargs="+", default=list(XXZ) + list(TOPS), choices=list(XXZ) + list(TOPS))
    ap.add_argument("--realisations", type=int, default=8)
    ap.add_argument("--L", type=int, default=14)
    ap.add_argument("--keep", type=float, default=0.5, help="central fraction of each spectrum saved")
    ap.add_argument("--j", type=int, default=300)
    ap.add_argument("--seed", type=int, default=20261207)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / "provenance.json"
    prov = json.loads(path.read_text()) if path.exists() else {"models": {}}
    prov.update({"generator": "tools/quspin_spectra.py", "quspin": getattr(quspin, "__version__", "?"),
                 "numpy": np.__version__, "python": sys.version.split()[0]})
    for name in args.models:
        if name in TOPS:
            np.save(args.out / f"{name}.npy", kicked_top_phases(args.j, kx=TOPS[name]))
            prov["models"][name] = {"j": args.j, "kz": 10.0, "pz": 0.3, "py": 1.7, "kx": TOPS[name]}
            continue
        sp = XXZ[name]
        index = list(XXZ).index(name)
        rng = np.random.default_rng([args.seed, index])   # realisation r is the same for any R >= r
        rows = []
        for _ in range(args.realisations):
            h = rng.uniform(-sp["W"], sp["W"], args.L)
            if sp.get("mirror"):
                h = 0.5 * (h + h[::-1])   # mirror-symmetric fields (uniform no longer, harmless)
            H = xxz(args.L, h, periodic=sp.get("periodic", False), flux=sp.get("flux", 0.0))
            e = np.sort(H.eigvalsh())
            cut = int(round(0.5 * (1.0 - args.keep) * e.size))
            rows.append(e[cut:e.size - cut])
        np.save(args.out / f"{name}.npy", np.array(rows))
        prov["models"][name] = {"L": args.L, "realisations": args.realisations, "seed": args.seed,
                                "keep": args.keep, "Delta": 1.0, "J": 1.0,
                                **{k: float(v) if not isinstance(v, bool) else v for k, v in sp.items()}}
    path.write_text(json.dumps(prov, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
