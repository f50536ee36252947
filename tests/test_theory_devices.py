"""Exact device transmissions against the recursive Green's function solver."""

import numpy as np
import pytest

from rmt_meso.theory.devices import barrier_transmission, strip_subbands, strip_thresholds
from rmt_meso.transport import Wire


@pytest.mark.parametrize("barrier", [0.7, 4.0, -2.5])
def test_single_slice_barrier_matches_rgf(barrier):
    width = 5
    onsite = np.zeros((3, width))
    onsite[1] = barrier
    wire = Wire(width, 3, onsite=onsite)
    for e in (-3.3, -1.1, 0.25, 2.9):
        exact = np.sort(barrier_transmission(e, width, barrier))
        tn = wire.transmission_eigenvalues(e)
        np.testing.assert_allclose(tn, exact[exact > 0], atol=1e-11, err_msg=f"E = {e}")


def test_strip_thresholds_count_open_modes():
    wire = Wire(4, 1)
    e, s = strip_thresholds(4)
    for energy in (-3.9, -2.0, 0.1, 3.5):
        assert int(np.sum(s[e < energy])) == wire.n_channels(energy)
    assert strip_subbands(3) == pytest.approx([-np.sqrt(2), 0.0, np.sqrt(2)])


def test_barrier_derivatives_match_finite_differences():
    from rmt_meso.theory.devices import barrier_transmission_derivatives
    e0, h = 0.12, 1e-3
    d = barrier_transmission_derivatives(e0, 4, 1.5, 3)

    def f(e):
        return barrier_transmission(e, 4, 1.5).sum(axis=-1)
    assert d[0] == pytest.approx(f(e0), rel=1e-14)
    assert d[1] == pytest.approx((f(e0 + h) - f(e0 - h)) / (2 * h), rel=1e-5)
    d4 = barrier_transmission_derivatives(e0, 4, 1.5, 4)
    h4 = 5e-3
    fd4 = (f(e0 + 2 * h4) - 4 * f(e0 + h4) + 6 * f(e0) - 4 * f(e0 - h4) + f(e0 - 2 * h4)) / h4 ** 4
    assert d4[4] == pytest.approx(fd4, rel=2e-3)
    assert d[2] == pytest.approx((f(e0 + h) - 2 * f(e0) + f(e0 - h)) / h ** 2, rel=1e-4)
    with pytest.raises(ValueError, match="threshold"):
        barrier_transmission_derivatives(strip_thresholds(4)[0][3], 4, 1.5, 1)
