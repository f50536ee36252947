"""cylinder_transmission: recursive Caroli transmission of absorbing cylinders in a field."""

import numpy as np
import pytest
from _cylinder import ring as _ring

from rmt_meso.transport import Lead, cylinder_transmission, rgf_smatrix


def _dense(onsite, energy, flux, tau_phi):
    """Independent route: one dense inverse of the whole cylinder, lead self-energies from Lead."""
    length, width = onsite.shape
    n = length * width
    h = np.zeros((n, n), complex)
    for x in range(length):
        blk = slice(x * width, (x + 1) * width)
        h[blk, blk] = _ring(width, 2 * np.pi * flux * x) + np.diag(onsite[x])
        if x + 1 < length:
            nxt = slice((x + 1) * width, (x + 2) * width)
            h[nxt, blk] = -np.eye(width)
            h[blk, nxt] = -np.eye(width)
    left = Lead(_ring(width, 0.0), -np.eye(width))
    right = Lead(_ring(width, 2 * np.pi * flux * (length - 1)), -np.eye(width))
    sl = np.zeros((n, n), complex)
    sr = np.zeros((n, n), complex)
    sl[:width, :width] = left.self_energy(energy, side="left")
    sr[-width:, -width:] = right.self_energy(energy, side="right")
    gam = 0.0 if np.isinf(tau_phi) else 0.5 / tau_phi
    g = np.linalg.inv((energy + 1j * gam) * np.eye(n) - h - sl - sr)
    gl, gr = 1j * (sl - sl.conj().T), 1j * (sr - sr.conj().T)
    return float(np.trace(gl @ g.conj().T @ gr @ g).real)


@pytest.mark.parametrize("flux,tau_phi", [(0.0, np.inf), (0.0, 3.0), (1 / 24, np.inf), (2 / 24, 4.0)],
                         ids=["clean-field-free", "absorbing", "one-quantum", "two-quanta-absorbing"])
def test_matches_dense_caroli(flux, tau_phi):
    rng = np.random.default_rng(11)
    onsite = rng.uniform(-1.5, 1.5, (3, 7, 4))         # L = 7, M = 4: flux quantum 1/(4*6)
    got = cylinder_transmission(onsite, -0.7, flux=flux, tau_phi=tau_phi)
    want = [_dense(o, -0.7, flux, tau_phi) for o in onsite]
    np.testing.assert_allclose(got[:, 0], want, rtol=1e-10, atol=1e-12,
                               err_msg="recursion disagrees with the dense Caroli formula")


def test_no_absorption_no_field_is_landauer_conductance():
    rng = np.random.default_rng(3)
    onsite = rng.uniform(-2, 2, (9, 6))
    lead = Lead(_ring(6, 0.0), -np.eye(6))
    slices = [_ring(6, 0.0) + np.diag(o) for o in onsite]
    s = rgf_smatrix(slices, -np.eye(6), lead, energy=-1.1)
    assert np.isclose(cylinder_transmission(onsite, -1.1)[0], s.conductance(), rtol=1e-10)


def test_reciprocity():
    """Onsager: T_{R<-L}(B) = T_{L<-R}(-B).  Without absorption (unitary S) the two-terminal
    T is even in B; with absorption it is not, but T_{L<-R}(-B) is T_{R<-L} of the x-mirrored
    sample at -B (the mirror reverses the flux), so T(sample, B) = T(mirror, B)."""
    rng = np.random.default_rng(5)
    onsite = rng.uniform(-2, 2, (4, 9, 5))
    q = 3 / (5 * 8)
    np.testing.assert_allclose(cylinder_transmission(onsite, -1.3, flux=q),
                               cylinder_transmission(onsite, -1.3, flux=-q), rtol=1e-10,
                               err_msg="T(B) != T(-B) without absorption")
    tp = cylinder_transmission(onsite, -1.3, flux=q, tau_phi=6.0)
    np.testing.assert_allclose(tp, cylinder_transmission(onsite[:, ::-1], -1.3, flux=q, tau_phi=6.0),
                               rtol=1e-10, err_msg="T(sample, B) != T(mirror, B)")
    tm = cylinder_transmission(onsite, -1.3, flux=-q, tau_phi=6.0)
    assert np.max(np.abs(tp - tm)) > 1e-3            # absorption breaks the B -> -B symmetry
    t0 = cylinder_transmission(onsite, -1.3, tau_phi=6.0)
    assert np.max(np.abs(tp - t0)) > 1e-4            # the field does act


def test_nested_lengths_equal_separate_samples():
    rng = np.random.default_rng(8)
    onsite = rng.uniform(-2, 2, (2, 12, 5))
    nested = cylinder_transmission(onsite, -0.4, tau_phi=9.0, lengths=[1, 4, 12])
    for i, n in enumerate([1, 4, 12]):
        np.testing.assert_allclose(nested[:, i], cylinder_transmission(onsite[:, :n], -0.4, tau_phi=9.0)[:, 0],
                                   rtol=1e-10)


def test_absorption_only_removes_current():
    rng = np.random.default_rng(9)
    onsite = rng.uniform(-1, 1, (6, 20, 8))
    clean_channels = cylinder_transmission(np.zeros((20, 8)), -1.0)[0]
    ts = [cylinder_transmission(onsite, -1.0, tau_phi=tp)[:, 0] for tp in (np.inf, 40.0, 10.0, 2.5)]
    assert np.all(ts[0] <= clean_channels + 1e-9)
    for a, b in zip(ts, ts[1:]):
        assert np.all(b < a), "more absorption must transmit less"


@pytest.mark.parametrize("kwargs,match", [
    ({"flux": 0.01}, "flux quanta"),
    ({"tau_phi": 0.0}, "tau_phi"),
    ({"lengths": [0]}, "lengths"),
    ({"lengths": [11]}, "lengths"),
    ({"energy": 4.5}, "energy"),
])
def test_bad_input(kwargs, match):
    args = {"energy": -1.0, **kwargs}
    energy = args.pop("energy")
    with pytest.raises(ValueError, match=match):
        cylinder_transmission(np.zeros((10, 6)), energy, **args)


def test_bad_shape_and_type():
    with pytest.raises(ValueError, match="M >= 3"):
        cylinder_transmission(np.zeros((4, 2)), -1.0)
    with pytest.raises(TypeError, match="onsite"):
        cylinder_transmission(np.zeros((4, 5)) + 0j, -1.0)
