"""The boundary-sensitivity sampler behind the Thouless claims (the claims themselves are covered
by the end-to-end verify test and their wrong worlds; the crossing estimator by test_analysis)."""

import numpy as np
import pytest

from rmt_meso.spectral import anderson_boundary_sensitivity


def test_sampler_shape_seed_and_bad_input():
    a = anderson_boundary_sensitivity(5, 3, L=4, W=10.0)
    assert a.shape == (3, 3, 16)
    np.testing.assert_array_equal(a, anderson_boundary_sensitivity(5, 3, L=4, W=10.0))
    b = anderson_boundary_sensitivity(5, 3, L=4, W=10.0, curvature=False)
    np.testing.assert_allclose(b[:, :2], a[:, :2], atol=1e-10)     # same realisations
    assert not b[:, 2].any()
    with pytest.raises(ValueError, match="L"):
        anderson_boundary_sensitivity(0, 1, L=2, W=1.0)
    with pytest.raises(TypeError, match="curvature"):
        anderson_boundary_sensitivity(0, 1, L=4, W=1.0, curvature=1)


def test_shift_is_twice_the_curvature_deep_in_the_insulator():
    """A level localised much closer than L feels the boundary twist only through its first
    harmonic, E(θ) = E0 + a cos θ (higher windings cost exp(-2L/ξ) more), so the
    Edwards-Thouless shift E(π) - E(0) = -2a = 2 c: two independent computations (two
    diagonalisations vs second-order perturbation theory) agree, which is the conversion
    between the two g conventions of the Thouless claims."""
    x = anderson_boundary_sensitivity(np.random.SeedSequence(3), 6, L=6, W=100.0)
    shift = x[:, 1] - x[:, 0]
    ratio = shift / (2 * x[:, 2])
    # signs agree (E(π) - E(0) = 2c for E0 + a cos θ) and the magnitude to the next harmonic
    assert np.mean(ratio > 0) > 0.99
    assert np.median(np.abs(ratio - 1)) < 1e-3
    assert np.percentile(np.abs(ratio - 1), 90) < 1e-2
