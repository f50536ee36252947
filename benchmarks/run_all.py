"""Run every ``benchmarks/bench_*.py``, printing timings and ratios.

Usage: ``python benchmarks/run_all.py [--peer-python PATH] [--only NAME ...]``.  Each
benchmark module has ``main(argv)``; peers (scikit-rmt, Kwant, beta-ensembles) are timed in
their own environment through ``--peer-python`` so that their pinned numpy/scipy never
touch the project's environment.

The transport and ensemble benchmarks run twice, each in a plain subprocess: with the BLAS
libraries' default threads (``BENCH_BLAS=default``, what a user's script gets) and with one
thread (``BENCH_BLAS=one``), the same setting for rmt_meso and its peers in each run.  The
others run in this process, imported as modules registered under their own names (so that
their sample functions pickle by reference for the process pools and dask workers).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent
#: Benchmarks whose speed depends on BLAS threading: run with default threads and with one.
BOTH_WAYS = ("transport", "ensembles")


def load_benchmark(path: Path):
    """Import ``benchmarks/bench_*.py`` as module ``bench_*`` registered in ``sys.modules``.

    Registering it makes ``pickle`` find its functions by name (``bench_sweep.ucf_sample``
    is the object pickle finds when it imports ``bench_sweep``), and ``benchmarks/`` on
    ``sys.path`` lets spawned workers import it.
    """
    name = path.stem
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    if name in sys.modules and getattr(sys.modules[name], "__file__", None) == str(path):
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def _run_subprocess(path: Path, mode: str, peer) -> bool:
    env = dict(os.environ, BENCH_BLAS=mode)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env.pop(var, None)
    cmd = [sys.executable, str(path)] + (["--peer-python", peer] if peer else [])
    return subprocess.run(cmd, env=env).returncode == 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--peer-python", default=None, help="python of the peers' environment")
    parser.add_argument("--only", nargs="+", default=None, help="benchmark names, e.g. ensembles transport")
    args = parser.parse_args(argv)
    peer = args.peer_python if args.peer_python and Path(args.peer_python).exists() else None
    failed = []
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem[len("bench_"):]
        if args.only and name not in args.only:
            continue
        if name in BOTH_WAYS:
            for mode, label in (("default", "default BLAS threads"), ("one", "one BLAS thread")):
                print(f"\n=== {name} ({label}, plain process) ===", flush=True)
                start = time.perf_counter()
                if _run_subprocess(path, mode, peer):
                    print(f"[{name}, {label}: {time.perf_counter() - start:.1f} s]", flush=True)
                else:
                    failed.append(f"{name} ({label})")
                    print(f"benchmark {name} ({label}) failed", flush=True)
            continue
        print(f"\n=== {name} ===", flush=True)
        try:
            module = load_benchmark(path)
            start = time.perf_counter()
            module.main(["--peer-python", peer] if peer else [])
            print(f"[{name}: {time.perf_counter() - start:.1f} s]", flush=True)
        except Exception as exc:  # report and go on with the other benchmarks
            failed.append(name)
            print(f"benchmark {name} failed: {exc!r}", flush=True)
    if failed:
        print(f"\nfailed benchmarks: {failed}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
