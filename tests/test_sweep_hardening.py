"""Checkpoint fuzzing and executor identity of :func:`rmt_meso.sweeps.sweep` (issue 13, items 1-2).

A checkpoint directory must never feed numbers of another computation into a sweep: garbage,
truncated, swapped or reshaped chunk files, manifests of the wrong JSON type, and every
change of the function (code, lambdas, closures, defaults, module helpers) or of the
arguments are refused with :class:`CheckpointError`.  Every chunk runs under one BLAS
thread, so serial, thread-pool, process-pool and dask ``LocalCluster`` runs agree bit for
bit even when the calling process uses several BLAS threads.
"""

import concurrent.futures as cf
import functools
import json
import types

import numpy as np
import pytest
from threadpoolctl import threadpool_limits

from _sweep_helpers import blas_probe, gaussian_pair
from rmt_meso.sweeps import CheckpointError, _function_fingerprint, sweep

POINTS = [{"scale": 1.0}, {"scale": 2.0}]


def _run(tmp_path, fn=gaussian_pair, points=POINTS, n=12, **kw):
    kw = {"rng": 7, "chunk": 4, "progress": False, **kw}
    return sweep(fn, points, n, checkpoint=tmp_path, **kw)


@pytest.fixture
def filled(tmp_path):
    ref = _run(tmp_path)
    assert len(list(tmp_path.glob("chunk-*.npz"))) == 6
    return tmp_path, ref


# -- damaged chunk files -------------------------------------------------------------------

def _garbage(p):
    p.write_bytes(b"\x00garbage" * 7)


def _truncate(p):
    p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2])


def _empty(p):
    p.write_bytes(b"")


def _text(p):
    p.write_text("not an npz at all")


@pytest.mark.parametrize("damage", [_garbage, _truncate, _empty, _text])
def test_damaged_chunk_is_refused(filled, damage):
    d, _ = filled
    damage(d / "chunk-1-2.npz")
    with pytest.raises(CheckpointError, match=r"chunk-1-2\.npz is corrupted"):
        _run(d)


def _rewrite(path, **changes):
    with np.load(path) as f:
        arrays = {k: f[k] for k in f.files}
    arrays.update(changes)
    arrays = {k: v for k, v in arrays.items() if v is not None}
    with open(path, "wb") as fh:
        np.savez(fh, **arrays)
    return arrays


def test_swapped_chunks_are_refused(filled):
    d, _ = filled
    a, b = d / "chunk-0-0.npz", d / "chunk-0-1.npz"
    tmp = d / "x"
    a.rename(tmp), b.rename(a), tmp.rename(b)
    with pytest.raises(CheckpointError, match=r"belongs to another sweep or chunk \(key \(0, 1\), expected \(0, 0\)\)"):
        _run(d)


def test_chunk_of_another_point_is_refused(filled):
    d, _ = filled
    (d / "chunk-0-2.npz").write_bytes((d / "chunk-1-2.npz").read_bytes())
    with pytest.raises(CheckpointError, match="belongs to another sweep or chunk"):
        _run(d)


@pytest.mark.parametrize("data, match", [
    (np.zeros((4, 3)), r"trailing shape \(3,\)"),                 # wrong trailing shape
    (np.zeros(4), r"trailing shape \(\)"),                        # lost axis
    (np.zeros((5, 2)), r"holds shape \(5, 2\), expected first axis 4"),
    (np.zeros((4, 2), dtype="M8[s]"), "dtype datetime64"),        # not numbers
    (np.zeros((4, 2), dtype=np.float32), "dtype <f4"),            # other dtype than its siblings
    (np.float64(1.0), r"holds shape \(\)"),
], ids=["trailing", "lost-axis", "rows", "datetime", "float32", "scalar"])
def test_chunk_of_wrong_layout_is_refused(filled, data, match):
    d, _ = filled
    _rewrite(d / "chunk-1-1.npz", data=np.asarray(data))
    with pytest.raises(CheckpointError, match=match):
        _run(d)


def test_chunk_with_pickled_objects_or_missing_fields_is_refused(filled):
    d, _ = filled
    with open(d / "chunk-0-1.npz", "wb") as fh:
        np.savez(fh, data=np.array([{"a": 1}] * 4, dtype=object), digest=np.array("x"), key=np.array([0, 1]))
    with pytest.raises(CheckpointError, match=r"chunk-0-1\.npz is corrupted"):
        _run(d)
    _rewrite(d / "chunk-0-2.npz", key=None)
    (d / "chunk-0-1.npz").unlink()
    with pytest.raises(CheckpointError, match=r"chunk-0-2\.npz is corrupted .*not data/digest/key"):
        _run(d)


def test_damaged_chunk_is_recomputed_after_deletion(filled):
    d, ref = filled
    _garbage(d / "chunk-0-1.npz")
    with pytest.raises(CheckpointError):
        _run(d)
    (d / "chunk-0-1.npz").unlink()
    again = _run(d)
    for x, y in zip(again.samples, ref.samples):
        np.testing.assert_array_equal(x, y)


# -- damaged manifests ---------------------------------------------------------------------

@pytest.mark.parametrize("text", ["null", "[1, 2]", "3", '"text"', "{", "", "\xff"],
                         ids=["null", "list", "number", "string", "truncated", "empty", "binary"])
def test_damaged_manifest_is_refused(filled, text):
    d, _ = filled
    (d / "manifest.json").write_bytes(text.encode("latin-1"))
    with pytest.raises(CheckpointError, match="manifest .* is corrupted"):
        _run(d)


def test_checkpoint_path_that_is_a_file_is_refused(tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    with pytest.raises(CheckpointError, match="is an existing file"):
        sweep(gaussian_pair, POINTS, 4, rng=1, checkpoint=f, progress=False)


def test_leftover_temporaries_are_removed(filled):
    d, ref = filled
    junk = [d / "chunk-0-1.npz.abc123.tmp", d / "manifest.json.q1w2.tmp"]
    for j in junk:
        j.write_bytes(b"partial")
    other = d / "notes.txt"
    other.write_text("keep me")
    res = _run(d)
    assert not any(j.exists() for j in junk)
    assert other.exists()
    np.testing.assert_array_equal(res.samples[1], ref.samples[1])


# -- a different computation ---------------------------------------------------------------

def _mk(src, name="f", glb=None):
    """Compile ``src`` as if it were module ``sampler_mod`` (same module and qualname each time)."""
    ns = {"np": np, "__name__": "sampler_mod", **(glb or {})}
    exec(compile(src, "<sampler_mod>", "exec"), ns)
    return ns[name]


def _closure(offset):
    def f(rng, n):
        return offset + rng.random(n)
    return f


CHANGES = {
    "lambda-body": (lambda r, n: r.random(n), lambda r, n: 1000 + r.random(n)),
    "edited-function": (_mk("def f(rng, n):\n    return rng.random(n)\n"),
                        _mk("def f(rng, n):\n    return 2 * rng.random(n)\n")),
    "default": (_mk("def f(rng, n, a=1.0):\n    return a * rng.random(n)\n"),
                _mk("def f(rng, n, a=2.0):\n    return a * rng.random(n)\n")),
    "closure": (_closure(0.0), _closure(1.0)),
    "module-helper": (_mk("def g(x):\n    return x\ndef f(rng, n):\n    return g(rng.random(n))\n"),
                      _mk("def g(x):\n    return -x\ndef f(rng, n):\n    return g(rng.random(n))\n")),
    "module-constant": (_mk("def f(rng, n):\n    return K * rng.random(n)\n", glb={"K": 1.0}),
                        _mk("def f(rng, n):\n    return K * rng.random(n)\n", glb={"K": 3.0})),
    "nested-lambda": (_mk("def f(rng, n):\n    h = lambda x: x\n    return h(rng.random(n))\n"),
                      _mk("def f(rng, n):\n    h = lambda x: x + 1\n    return h(rng.random(n))\n")),
    "partial": (functools.partial(gaussian_pair, scale=1.0), functools.partial(gaussian_pair, scale=2.0)),
    "other-function": (gaussian_pair, _mk("def gaussian_pair(rng, n):\n    return rng.random((n, 2))\n",
                                          "gaussian_pair")),
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_changed_function_is_refused(tmp_path, name):
    old, new = CHANGES[name]
    assert _function_fingerprint(old) != _function_fingerprint(new)
    sweep(old, None, 4, rng=1, checkpoint=tmp_path, progress=False)
    with pytest.raises(CheckpointError, match="differs in: .*fn_code.*function's code, defaults, closure"):
        sweep(new, None, 4, rng=1, checkpoint=tmp_path, progress=False)


def test_issue_example_lambda_is_refused(tmp_path):
    d = tmp_path / "ck"
    a = sweep(lambda r, n: r.random(n), None, 4, rng=1, checkpoint=d, progress=False)
    assert a.mean[()] < 1
    with pytest.raises(CheckpointError, match="fn_code"):
        sweep(lambda r, n: 1000 + r.random(n), None, 4, rng=1, checkpoint=d, progress=False)


def test_same_function_rebuilt_is_accepted(tmp_path):
    """Identical code compiled twice (a rerun of a script) reuses the checkpoint."""
    src = "def f(rng, n):\n    return rng.random(n)\n"
    a = sweep(_mk(src), None, 8, rng=3, chunk=2, checkpoint=tmp_path, progress=False)
    b = sweep(_mk(src), None, 8, rng=3, chunk=2, checkpoint=tmp_path, progress=False)
    np.testing.assert_array_equal(a.samples[0], b.samples[0])
    assert _function_fingerprint(_closure(1.0)) == _function_fingerprint(_closure(1.0))


@pytest.mark.parametrize("change, field", [
    ({"points": [{"scale": 1.0}, {"scale": 2.5}]}, "params"),
    ({"n": 16}, "n_samples"),
    ({"chunk": 3}, "chunk"),
    ({"rng": 8}, "seed_entropy"),
    ({"rng": np.random.SeedSequence(7).spawn(1)[0]}, "spawn_key"),
])
def test_changed_arguments_are_refused(filled, change, field):
    d, _ = filled
    with pytest.raises(CheckpointError, match=f"differs in: .*{field}"):
        _run(d, **change)


def test_other_package_version_is_refused(filled):
    d, _ = filled
    m = json.loads((d / "manifest.json").read_text())
    m["rmt_meso_version"] = "0.0.1"
    (d / "manifest.json").write_text(json.dumps(m))
    with pytest.raises(CheckpointError, match="rmt_meso_version: written by another rmt_meso version"):
        _run(d)


# -- executor identity ---------------------------------------------------------------------

BLAS_POINTS = [{"dim": 64}, {"dim": 130}]


def _assert_bits(a, b, label):
    for x, y in zip(a.samples, b.samples):
        np.testing.assert_array_equal(x, y, err_msg=f"{label} differs from serial")


@pytest.mark.slow
def test_executors_bit_identical_under_user_blas_threads():
    # the calling process runs BLAS on 2 threads (a user's default); chunks must not
    with threadpool_limits(limits=2, user_api="blas"):
        serial = sweep(blas_probe, BLAS_POINTS, 6, rng=2024, chunk=2, progress=False)
    for x in serial.samples:
        np.testing.assert_array_equal(x[:, 3], 1.0, err_msg="a serial chunk ran on several BLAS threads")
    # (OpenBLAS ignores thread-count changes requested from a non-main thread, so a thread
    # pool runs with the process's setting: compared here with the one-thread default)
    with cf.ThreadPoolExecutor(2) as ex:
        threads = sweep(blas_probe, BLAS_POINTS, 6, rng=2024, chunk=2, executor=ex, progress=False)
    _assert_bits(serial, threads, "thread pool")
    procs = sweep(blas_probe, BLAS_POINTS, 6, rng=2024, chunk=2, executor="processes", workers=2,
                  progress=False)
    _assert_bits(serial, procs, "process pool")
    distributed = pytest.importorskip("distributed", reason="dask.distributed not installed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        dask = sweep(blas_probe, BLAS_POINTS, 6, rng=2024, chunk=2, executor=client, progress=False)
    _assert_bits(serial, dask, "dask LocalCluster")
