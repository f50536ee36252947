"""Wire is a thin Device (issue 15): one solver path, with the old Wire's S-matrices (channel
order and basis included), random streams, leads and errors."""

import numpy as np
import pytest

import rmt_meso.transport.device as dm
from rmt_meso import ConvergenceError
from rmt_meso.transport import Device, Wire, lead, rectangle, rgf_smatrix, square
from rmt_meso.transport.leads import shared_lead

CASES = {
    "2d": dict(width=5, length=8),
    "flux": dict(width=5, length=8, flux=0.07),
    "half-flux": dict(width=5, length=8, flux=0.5),
    "spin-orbit": dict(width=4, length=6, spin_orbit=np.pi / 5),
    "spin-orbit+flux": dict(width=4, length=6, spin_orbit=np.pi / 5, flux=0.05),
    "3d": dict(width=3, length=4, dim=3),
    "3d-spin-orbit-flux": dict(width=3, length=4, dim=3, spin_orbit=0.4, flux=0.03),
    "hopping": dict(width=6, length=5, t=1.7),
    "length-1": dict(width=4, length=1),                  # both leads on one slice
    "length-1-spin-orbit": dict(width=3, length=1, spin_orbit=0.5),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_wire_smatrix_equals_the_uniform_slice_recursion(name):
    """The whole S (channel order and mode basis included) equals the independent chain solver
    on the wire's slices with its lead on both ends, the solver path Wire had before it became
    a Device (degenerate channels: Kramers pairs, 3D cross-sections)."""
    wire = Wire(W=1.0, **CASES[name]).realisation(3)
    slices, hop = wire.hamiltonian_slices()
    es = [-2.3, 0.41]
    for e, sb in zip(es, wire.smatrix(es)):
        s = wire.smatrix(e)
        ref = rgf_smatrix(slices, hop, wire.lead, energy=e)
        assert s.lead_sizes == ref.lead_sizes and s.beta == sb.beta == wire.beta
        np.testing.assert_allclose(s.matrix, ref.matrix, atol=1e-12)
        np.testing.assert_allclose(sb.matrix, ref.matrix, atol=1e-12)


def test_wire_runs_on_its_device(monkeypatch):
    calls = []
    orig = dm.Device.smatrix
    monkeypatch.setattr(dm.Device, "smatrix", lambda self, *a, **k: calls.append(1) or orig(self, *a, **k))
    wire = Wire(4, 6, W=1.0).realisation(2)
    wire.conductance(-1.1)
    wire.smatrix([-1.1, 0.3])
    assert len(calls) == 2
    dev = wire.to_device()
    assert dev.leads[1].lead is wire.lead                      # the wire's lead is the device's
    assert wire._geometry() is Wire(4, 6, W=3.0).realisation(5)._geometry()   # built once
    assert Wire(4, 7)._geometry() is not wire._geometry()


def test_a_used_wire_pickles():
    """Sweeps hash and ship wires by pickle: the device (its shape is a closure) stays behind."""
    import pickle
    wire = Wire(4, 6, W=1.0).realisation(1)
    g = wire.conductance(-1.0)
    back = pickle.loads(pickle.dumps(wire))
    assert back.conductance(-1.0) == g and back.lead is wire.lead
    np.testing.assert_array_equal(back.onsite, wire.onsite)


def test_wire_streams_and_numbers_as_before():
    """Numbers of the Wire before it became a Device (commit ca534bc), same seeds: sampling at
    one energy and over energies, spin-orbit eigenvalues, 3D Gaussian and binary disorder,
    the threshold-aware thermal average."""
    np.testing.assert_allclose(Wire(5, 10, W=1.5).sample_conductance(0.3, 3, rng=7),
                               [2.571066987767128, 1.65403828351514, 1.86047338701271], atol=1e-12)
    np.testing.assert_allclose(Wire(4, 12, W=2.0, flux=0.05).sample_conductance([-1.1, 0.3], 2, rng=8),
                               [[1.569059614138855, 0.982530539334032], [1.599529333656344, 0.997639326364469]],
                               atol=1e-12)
    np.testing.assert_allclose(
        Wire(4, 8, W=1.0, spin_orbit=0.5).sample_transmission_eigenvalues(-0.7, 2, rng=9),
        [[0.502379958868505, 0.502379958868518, 0.800377152955441, 0.800377152955462, 0.996168125840083,
          0.996168125840099],
         [0.680913367631591, 0.680913367631596, 0.878668187587203, 0.878668187587207, 0.994210983657232,
          0.994210983657233]], atol=1e-12)
    np.testing.assert_allclose(Wire(3, 5, W=2.0, dim=3, disorder="gaussian").sample_conductance(-1.3, 2, rng=10),
                               [4.585214128269588, 4.485671981608692], atol=1e-12)
    assert Wire(6, 10, W=1.0, disorder="binary").realisation(11).conductance(-0.4) == \
        pytest.approx(2.448970198820962, abs=1e-12)
    assert Wire(5, 20, W=1.0).realisation(12).conductance(-2.9, temperature=0.05) == \
        pytest.approx(1.169067955551866, abs=1e-12)


def test_sampling_at_a_threshold_names_it():
    wire = Wire(5, 20, W=1.0)
    for call in (lambda: wire.sample_conductance(-3.0, 2, rng=1),
                 lambda: wire.realisation(1).smatrix([-3.5, -3.0])):
        with pytest.raises(ConvergenceError, match=r"energy -3.0 lies \+0.000e\+00 from the nearest subband "
                                                   r"threshold E_n = -3.0"):
            call()


def _strip(**kw):
    return Device(square(), rectangle(0, 9, 0, 3), [lead("-x"), lead("+x")], **kw)


def test_with_disorder_equals_a_device_built_with_it():
    clean = _strip()
    built = _strip(W=2.0, disorder="binary")
    a = clean.with_disorder(2.0, "binary").realisation(4).smatrix(-1.2).matrix
    np.testing.assert_allclose(a, built.realisation(4).smatrix(-1.2).matrix, atol=1e-14)
    np.testing.assert_allclose(clean.with_disorder(2.0, "binary").sample_transmission(1, 0, -1.2, 3, rng=5),
                               built.sample_transmission(1, 0, -1.2, 3, rng=5), atol=1e-14)
    assert clean.with_disorder(1.0).disorder == "box" and built.with_disorder(0.0).W == 0.0
    with pytest.raises(ValueError, match="W"):
        clean.with_disorder(-1.0)
    with pytest.raises(ValueError, match="disorder"):
        clean.with_disorder(1.0, "cauchy")
    with pytest.raises(ValueError, match="realisation"):
        clean.with_disorder(1.0).smatrix(0.1)


def test_devices_share_one_lead_per_cell():
    a, b = _strip(), Device(square(), rectangle(0, 20, 0, 3), [lead("-x"), lead("+x")], W=1.0)
    assert a.leads[0].lead is b.leads[0].lead and a.leads[1].lead is b.leads[1].lead
    assert _strip(flux=0.1).leads[1].lead is not a.leads[1].lead
    assert shared_lead(a.leads[1].lead.h0, a.leads[1].lead.h1) is a.leads[1].lead


def test_half_a_flux_quantum_keeps_the_hoppings_real():
    """Phases e^{2πi φ y} = ±1 at φ = 1/2: time-reversal invariant (β = 1, S = S^T), as Anderson."""
    dev = _strip(flux=0.5, W=2.5).realisation(3)
    assert dev.beta == 1 and not np.any(dev.hamiltonian.data.imag)
    s = dev.smatrix(-0.9).matrix
    np.testing.assert_allclose(s, s.T, atol=1e-12)
    assert _strip(flux=0.25).beta == 2
