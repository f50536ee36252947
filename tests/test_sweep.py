"""Sweeps: identical numbers on every executor, resume without loss, refuse foreign checkpoints."""

import concurrent.futures as cf
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from _sweep_helpers import gaussian_pair, slow_uniform
from rmt_meso.sweeps import CheckpointError, sweep

HERE = Path(__file__).parent
POINTS = [{"scale": 1.0}, {"scale": 2.5}]


def _reference():
    return sweep(gaussian_pair, POINTS, 60, rng=123, chunk=7, progress=False)


def _assert_same(a, b):
    assert len(a.samples) == len(b.samples)
    for x, y in zip(a.samples, b.samples):
        np.testing.assert_array_equal(x, y)
    np.testing.assert_array_equal(a.mean, b.mean)
    np.testing.assert_array_equal(a.stderr, b.stderr)


def test_process_pool_equals_serial():
    ref = _reference()
    _assert_same(ref, sweep(gaussian_pair, POINTS, 60, rng=123, chunk=7, executor="processes",
                            workers=2, progress=False))
    with cf.ThreadPoolExecutor(3) as ex:
        _assert_same(ref, sweep(gaussian_pair, POINTS, 60, rng=123, chunk=7, executor=ex, progress=False))


@pytest.mark.slow
def test_dask_local_cluster_equals_serial():
    distributed = pytest.importorskip("distributed", reason="dask.distributed not installed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        res = sweep(gaussian_pair, POINTS, 60, rng=123, chunk=7, executor=client, progress=False)
    _assert_same(_reference(), res)


def test_statistics_are_right():
    res = sweep(gaussian_pair, POINTS, 4000, rng=5, chunk=1000, progress=False)
    # column 0 ~ N(0, s^2), column 1 = x^2 with mean s^2
    for (m0, m1), (e0, e1), s in zip(res.mean, res.stderr, (1.0, 2.5)):
        assert abs(m0) < 4.5 * e0
        assert abs(m1 - s**2) < 4.5 * e1
    np.testing.assert_allclose(res.stderr[1, 0], res.samples[1][:, 0].std(ddof=1) / np.sqrt(4000))


def test_moments_mode_matches_samples_mode():
    a = _reference()
    b = sweep(gaussian_pair, POINTS, 60, rng=123, chunk=7, keep="moments", progress=False)
    assert b.samples is None
    np.testing.assert_allclose(a.mean, b.mean, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(a.stderr, b.stderr, rtol=1e-12)


def test_xarray_view():
    pytest.importorskip("xarray", reason="xarray not installed")
    ds = _reference().to_xarray()
    assert ds["samples"].shape == (2, 60, 2)
    assert list(ds["scale"].values) == [1.0, 2.5]


def test_checkpoint_resume_gives_same_result(tmp_path):
    ref = _reference()
    first = sweep(gaussian_pair, POINTS, 60, rng=123, chunk=7, checkpoint=tmp_path, progress=False)
    _assert_same(ref, first)
    files = sorted(tmp_path.glob("chunk-*.npz"))
    assert len(files) == 2 * 9
    # lose some chunks: a rerun recomputes exactly those
    for f in files[::3]:
        f.unlink()
    _assert_same(ref, sweep(gaussian_pair, POINTS, 60, rng=123, chunk=7, checkpoint=tmp_path, progress=False))
    assert len(list(tmp_path.glob("chunk-*.npz"))) == 18


def test_foreign_checkpoint_is_refused(tmp_path):
    sweep(gaussian_pair, POINTS, 60, rng=123, chunk=7, checkpoint=tmp_path, progress=False)
    with pytest.raises(CheckpointError, match="different arguments.*seed_entropy"):
        sweep(gaussian_pair, POINTS, 60, rng=124, chunk=7, checkpoint=tmp_path, progress=False)
    with pytest.raises(CheckpointError, match="different arguments.*n_samples"):
        sweep(gaussian_pair, POINTS, 61, rng=123, chunk=7, checkpoint=tmp_path, progress=False)


def test_corrupted_chunk_is_detected(tmp_path):
    sweep(gaussian_pair, POINTS, 60, rng=123, chunk=7, checkpoint=tmp_path, progress=False)
    victim = tmp_path / "chunk-1-3.npz"
    victim.write_bytes(victim.read_bytes()[:50])
    with pytest.raises(CheckpointError, match="chunk-1-3.npz is corrupted"):
        sweep(gaussian_pair, POINTS, 60, rng=123, chunk=7, checkpoint=tmp_path, progress=False)


def test_chunk_from_another_sweep_is_detected(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    sweep(gaussian_pair, POINTS, 60, rng=123, chunk=7, checkpoint=a, progress=False)
    sweep(gaussian_pair, POINTS, 60, rng=999, chunk=7, checkpoint=b, progress=False)
    (a / "chunk-0-0.npz").write_bytes((b / "chunk-0-0.npz").read_bytes())
    with pytest.raises(CheckpointError, match="belongs to another sweep"):
        sweep(gaussian_pair, POINTS, 60, rng=123, chunk=7, checkpoint=a, progress=False)


def test_corrupted_manifest_is_detected(tmp_path):
    sweep(gaussian_pair, POINTS, 60, rng=123, chunk=7, checkpoint=tmp_path, progress=False)
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(CheckpointError, match="manifest .* is corrupted"):
        sweep(gaussian_pair, POINTS, 60, rng=123, chunk=7, checkpoint=tmp_path, progress=False)


@pytest.mark.slow
def test_killed_sweep_resumes_without_loss(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(HERE) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen([sys.executable, str(HERE / "_sweep_helpers.py"), str(tmp_path), "0.05"], env=env)
    deadline = time.time() + 60
    while len(list(tmp_path.glob("chunk-*.npz"))) < 5 and time.time() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = len(list(tmp_path.glob("chunk-*.npz")))
    assert 5 <= done < 20, "the sweep must be killed part-way for this test to mean anything"
    resumed = sweep(slow_uniform, [{"delay": 0.05}], 40, rng=11, chunk=2, checkpoint=tmp_path, progress=False)
    fresh = sweep(slow_uniform, [{"delay": 0.0}], 40, rng=11, chunk=2, progress=False)
    np.testing.assert_array_equal(resumed.samples[0], fresh.samples[0])
    assert len(list(tmp_path.glob("chunk-*.npz"))) == 20
    assert json.loads((tmp_path / "manifest.json").read_text())["n_samples"] == 40


def test_bad_arguments():
    with pytest.raises(TypeError, match="fn must be callable"):
        sweep(3, None, 10)
    with pytest.raises(ValueError, match="n_samples must be an integer >= 1"):
        sweep(gaussian_pair, None, 0)
    with pytest.raises(TypeError, match=r"params\[0\] must be a dict"):
        sweep(gaussian_pair, [1.0], 10)
    with pytest.raises(ValueError, match="params must contain at least one"):
        sweep(gaussian_pair, [], 10)
    with pytest.raises(ValueError, match="first axis of length n"):
        sweep(lambda rng, n: np.zeros(n + 1), None, 5, progress=False)
    with pytest.raises(ValueError, match="checkpoint needs a reproducible rng"):
        sweep(gaussian_pair, None, 5, rng=None, checkpoint="x")
    with pytest.raises(ValueError, match="executor must be one of"):
        sweep(gaussian_pair, None, 5, executor="threads")
    with pytest.raises(TypeError, match="executor must be None"):
        sweep(gaussian_pair, None, 5, executor=3)
    with pytest.raises(ValueError, match="keep must be one of"):
        sweep(gaussian_pair, None, 5, keep="all")
    with pytest.raises(ValueError, match="workers must be an integer >= 1"):
        sweep(gaussian_pair, None, 5, workers=0)


def _grid_draw(rng, n, a, b):
    return np.stack([a + 10 * b + rng.standard_normal(n), rng.standard_normal(n)], axis=1)


def test_xarray_full_grid_is_n_dimensional_in_any_point_order():
    xr = pytest.importorskip("xarray", reason="xarray not installed")
    import itertools
    pts = [{"a": a, "b": b} for a, b in itertools.product([0.5, 2.0], [3, 1, 2])]
    pts = [pts[k] for k in (4, 0, 5, 2, 1, 3)]            # shuffled: cells are found by value
    res = sweep(_grid_draw, pts, 5, rng=3, progress=False)
    assert res.grid() == {"a": [0.5, 2.0], "b": [1, 2, 3]}
    ds = res.to_xarray()
    assert ds["samples"].dims == ("a", "b", "sample", "dim_1")
    assert ds["samples"].shape == (2, 3, 5, 2) and ds["mean"].shape == (2, 3, 2)
    for i, p in enumerate(pts):
        cell = ds.sel(a=p["a"], b=p["b"])
        np.testing.assert_array_equal(cell["samples"].values, res.samples[i])
        np.testing.assert_array_equal(cell["stderr"].values, res.stderr[i])
    assert isinstance(ds, xr.Dataset) and ds.attrs["n_samples"] == 5
    flat = res.to_xarray(grid=False)
    assert flat["samples"].dims == ("point", "sample", "dim_1")


def test_xarray_incomplete_grid_falls_back_to_points():
    pytest.importorskip("xarray", reason="xarray not installed")
    pts = [{"a": 1.0, "b": 0}, {"a": 1.0, "b": 1}, {"a": 2.0, "b": 0}]      # (2.0, 1) missing
    res = sweep(_grid_draw, pts, 4, rng=1, progress=False)
    assert res.grid() is None
    ds = res.to_xarray()
    assert ds["mean"].dims == ("point", "dim_1")
    assert list(ds["b"].values) == [0, 1, 0]
    with pytest.raises(ValueError, match="grid=True"):
        res.to_xarray(grid=True)
    ragged = sweep(_grid_draw, [{"a": 1.0, "b": 0}, {"a": 2.0, "b": 0, }], 2, rng=1, progress=False)
    assert ragged.grid() == {"a": [1.0, 2.0], "b": [0]}   # a 2 x 1 grid is a grid
    with pytest.raises(TypeError, match="grid"):
        res.to_xarray(grid="yes")
