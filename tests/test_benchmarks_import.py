"""Every benchmark module imports the way ``benchmarks/run_all.py`` imports it, and its
module-level functions (the samplers a process pool or dask worker receives) pickle by
reference (issue 13, item 8: ``bench_sweep.ucf_sample`` was not the object pickle found)."""

import importlib.util
import inspect
import pickle
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "benchmarks"


def _run_all():
    spec = importlib.util.spec_from_file_location("_run_all_under_test", BENCH / "run_all.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("path", sorted(BENCH.glob("bench_*.py")), ids=lambda p: p.stem)
def test_benchmark_imports_and_its_functions_pickle(path):
    module = _run_all().load_benchmark(path)
    assert sys.modules[path.stem] is module
    assert callable(module.main)
    functions = [f for _, f in inspect.getmembers(module, inspect.isfunction)
                 if f.__module__ == module.__name__ and f.__qualname__ == f.__name__]
    assert functions
    for f in functions:
        assert pickle.loads(pickle.dumps(f)) is f, f"{path.stem}.{f.__name__} does not pickle by reference"


def test_sweep_benchmark_sampler_runs_on_a_process_pool():
    import concurrent.futures as cf
    module = _run_all().load_benchmark(BENCH / "bench_sweep.py")
    from rmt_meso.sweeps import sweep
    with cf.ProcessPoolExecutor(1) as ex:
        res = sweep(module.ucf_sample, None, 2, rng=1, chunk=1, executor=ex, progress=False)
    serial = sweep(module.ucf_sample, None, 2, rng=1, chunk=1, progress=False)
    assert (res.samples[0] == serial.samples[0]).all()
