"""One name, one default (issue 14, item 5): conductance units, spin degeneracy, unfolding."""

import numpy as np
import pytest
import scipy.constants as const

from rmt_meso.ensembles import GOE, CUE
from rmt_meso.spectral import unfold
from rmt_meso.theory import anderson as ta
from rmt_meso.theory import scales
from rmt_meso.theory import wire as tw
from rmt_meso.transport import ChaoticCavity, Wire, conductance
from rmt_meso.transport.smatrix import unit_factor


@pytest.mark.parametrize("spinful", [False, True])
def test_conductance_units_agree(spinful):
    tn = np.array([1.0, 0.5, 0.25])
    g = conductance(tn, spinful=spinful)
    per_spin = 1 if spinful else 2              # channels of a spinless model are spin degenerate
    assert conductance(tn, unit="e2/h", spinful=spinful) == pytest.approx(per_spin * g)
    assert conductance(tn, unit="2e2/h", spinful=spinful) == pytest.approx(per_spin * g / 2)
    assert conductance(tn, unit="S", spinful=spinful) == pytest.approx(
        conductance(tn, unit="e2/h", spinful=spinful) * const.e**2 / const.h, rel=1e-14)
    assert unit_factor(None, spinful) == 1.0
    with pytest.raises(ValueError, match="unit must be one of"):
        conductance(tn, unit="G0")


def test_units_on_samplers_and_wires():
    s = ChaoticCavity(2, 3, 1).sample(rng=1)
    assert s.conductance(unit="2e2/h") == pytest.approx(s.conductance())
    w = Wire(4, 3)
    assert w.conductance(0.3, unit="2e2/h") == pytest.approx(w.conductance(0.3))
    assert w.conductance(0.3, unit="e2/h") == pytest.approx(2 * w.conductance(0.3))


def test_one_spin_parameter_with_one_default():
    # spin_degeneracy: 1 (per spin direction) by default, 2 for spin-degenerate electrons
    assert tw.ucf_variance(1, spin_degeneracy=2) == pytest.approx(4 * tw.ucf_variance(1))
    assert scales.conductance_quantum(spin_degeneracy=2) == pytest.approx(2 * scales.conductance_quantum())
    assert ta.ioffe_regel_conductance_2d(1.0, spin_degeneracy=2) == pytest.approx(
        2 * ta.ioffe_regel_conductance_2d(1.0))
    with pytest.warns(DeprecationWarning, match="spin_degeneracy=2"):
        assert tw.wl_correction(1, spin_degenerate=True) == tw.wl_correction(1, spin_degeneracy=2)
    with pytest.raises(ValueError, match="spin_degeneracy must be an integer <= 2"):
        tw.ucf_variance(1, spin_degeneracy=3)
    with pytest.raises(TypeError, match="both 'spin_degeneracy' and its deprecated"):
        tw.ucf_variance(1, spin_degeneracy=2, spin_degenerate=True)


def test_unfold_default_works_on_any_spectrum():
    e = GOE(300).eigvals(rng=4)
    # without beta the default is a smooth fit, with beta the exact semicircle
    np.testing.assert_array_equal(unfold(e), unfold(e, "spline"))
    np.testing.assert_array_equal(unfold(e, beta=1), unfold(e, "semicircle", beta=1))
    assert abs(np.mean(np.diff(unfold(e))) - 1) < 0.02
    # and on a spectrum that is not Gaussian at all (eigenphases)
    th = CUE(200).eigphases(rng=5)
    assert abs(np.mean(np.diff(unfold(th))) - 1) < 0.02
