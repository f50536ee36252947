"""``Wire.sample_conductance`` over an array of energies: one solve per realisation (issue 18)."""

import warnings

import numpy as np
import pytest

from rmt_meso.transport import Wire


@pytest.mark.parametrize("kwargs", [dict(W=1.5), dict(W=1.0, spin_orbit=0.3), dict(W=0.8, flux=0.05)])
def test_energy_array_matches_loop_over_single_energies(kwargs):
    w = Wire(5, 12, **kwargs)
    energies = np.array([-1.3, -0.2, 0.41, 1.7])
    g = w.sample_conductance(energies, 6, rng=7)
    assert g.shape == (6, energies.size)
    loop = np.stack([w.sample_conductance(e, 6, rng=7) for e in energies], axis=1)
    np.testing.assert_allclose(g, loop, rtol=0, atol=1e-12)
    assert np.all(g > 0)          # disordered, but conducting: the test compares real numbers


@pytest.mark.parametrize("width, algorithm", [(5, "sparse"), (16, "auto")])
def test_per_realisation_path_matches_loop(width, algorithm):
    # sparse solver, or slices of >= 16 orbitals: one solve per realisation over all energies
    w = Wire(width, 3, W=1.2)
    energies = np.array([-0.7, 0.3, 1.1])
    g = w.sample_conductance(energies, 3, rng=11, algorithm=algorithm)
    loop = np.stack([w.sample_conductance(e, 3, rng=11) for e in energies], axis=1)
    np.testing.assert_allclose(g, loop, rtol=0, atol=1e-12)


def test_size_none_drops_sample_axis_and_clean_wire_counts_channels():
    w = Wire(4, 6)                 # W = 0: a ballistic wire, g = number of open channels
    energies = np.array([-0.5, 0.5, 3.5])
    g = w.sample_conductance(energies, rng=1)
    assert g.shape == (3,)
    np.testing.assert_allclose(g, [w.n_channels(e) for e in energies], atol=1e-9)


def test_energy_array_outside_band_gives_zero():
    w = Wire(3, 5, W=1.0)
    g = w.sample_conductance([0.2, 4.5], 3, rng=2)   # the band of a 2-D strip ends below |E| = 4
    assert np.all(g[:, 1] == 0) and np.all(g[:, 0] > 0)


def test_energy_array_bad_keyword_and_bad_energies():
    w = Wire(3, 5, W=1.0)
    with pytest.raises(TypeError, match="batch"):
        w.sample_conductance([0.1, 0.2], 2, rng=1, batch=4)
    with pytest.raises(ValueError, match="energy"):
        w.sample_conductance(np.zeros((2, 2)), 2, rng=1)


def test_progress_bar_option_is_silent_when_off(capsys):
    w = Wire(3, 5, W=1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        w.sample_conductance([0.1, 0.2], 2, rng=1, progress=False)
        w.sample_conductance([0.1, 0.2], 2, rng=1, progress=True)
    assert capsys.readouterr().out == ""


def test_device_sample_transmission_energy_array_matches_loop():
    from rmt_meso.transport.device import Device, lead
    from rmt_meso.transport.lattice import rectangle, square
    dev = Device(square(), rectangle(0, 9, 0, 4), [lead("-x"), lead("+x")], W=2.0)
    energies = np.array([-0.9, 0.3, 1.2])
    g = dev.sample_transmission(1, 0, energies, 4, rng=9)
    assert g.shape == (4, 3) and np.all(g > 0)
    loop = np.stack([dev.sample_transmission(1, 0, e, 4, rng=9) for e in energies], axis=1)
    np.testing.assert_allclose(g, loop, rtol=0, atol=1e-12)
    assert dev.sample_transmission(1, 0, energies, rng=9).shape == (3,)
    with pytest.raises(TypeError, match="batch"):
        dev.sample_transmission(1, 0, energies, 2, rng=1, batch=3)


def test_device_sample_transmission_energy_array_wide_slices_matches_loop():
    """Slices of >= 16 orbitals take the per-realisation branch of the shared loop."""
    from rmt_meso.transport.device import Device, lead
    from rmt_meso.transport.lattice import rectangle, square
    dev = Device(square(), rectangle(0, 5, 0, 19), [lead("-x"), lead("+x")], W=2.0)
    assert np.median(dev.slice_sizes()) >= 16
    energies = np.array([-1.1, 0.4])
    g = dev.sample_transmission(1, 0, energies, 2, rng=5)
    gen = np.random.default_rng(5)
    loop = np.array([[d.transmission(1, 0, e) for e in energies] for d in (dev.realisation(gen) for _ in range(2))])
    np.testing.assert_allclose(g, loop, rtol=0, atol=1e-12)
