"""Run every ``benchmarks/bench_*.py`` in one process run, printing timings and ratios.

Usage: ``python benchmarks/run_all.py [--peer-python PATH] [--only NAME ...]``.  Each
benchmark module has ``main(argv)``; peers (scikit-rmt, Kwant, beta-ensembles) are timed in
their own environment through ``--peer-python`` so that their pinned numpy/scipy never
touch the project's environment.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent


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
        print(f"\n=== {name} ===", flush=True)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        sys.path.insert(0, str(HERE))
        try:
            spec.loader.exec_module(module)
            start = time.perf_counter()
            module.main(["--peer-python", peer] if peer else [])
            print(f"[{name}: {time.perf_counter() - start:.1f} s]", flush=True)
        except Exception as exc:  # report and go on with the other benchmarks
            failed.append(name)
            print(f"benchmark {name} failed: {exc!r}", flush=True)
        finally:
            sys.path.remove(str(HERE))
    if failed:
        print(f"\nfailed benchmarks: {failed}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
