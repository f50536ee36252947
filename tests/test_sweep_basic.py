"""Deterministic seeding of sweep (serial path)."""

import numpy as np
import pytest

from rmt_meso.sweep import sweep


def _normal(rng, n, scale=1.0):
    return scale * rng.standard_normal(n)


def test_same_seed_same_result_and_chunking_is_deterministic():
    a = sweep(_normal, [{"scale": 1.0}, {"scale": 2.0}], 100, rng=5, chunk=30)
    b = sweep(_normal, [{"scale": 1.0}, {"scale": 2.0}], 100, rng=5, chunk=30)
    for x, y in zip(a.samples, b.samples):
        np.testing.assert_array_equal(x, y)
    assert a.samples[0].shape == (100,)
    assert a.mean.shape == (2,) and a.stderr.shape == (2,)


def test_mean_and_stderr_definitions():
    r = sweep(_normal, None, 4000, rng=1)
    assert abs(r.mean[0]) < 5 * r.stderr[0]
    assert r.stderr[0] == pytest.approx(r.samples[0].std(ddof=1) / np.sqrt(4000))


def test_bad_inputs():
    with pytest.raises(TypeError, match="fn must be callable"):
        sweep(3, None, 10)
    with pytest.raises(ValueError, match="n_samples must be an integer >= 1"):
        sweep(_normal, None, 0)
    with pytest.raises(TypeError, match=r"params\[0\] must be a dict"):
        sweep(_normal, [1.0], 10)
    with pytest.raises(ValueError, match="first axis of length n"):
        sweep(lambda rng, n: np.zeros(n + 1), None, 5)
