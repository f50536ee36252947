"""Graphene: the k_y-resolved honeycomb strip against the band structure, Klein tunnelling, the DOS."""

import numpy as np
import pytest

from rmt_meso.theory.graphene import dirac_dos, dirac_velocity, dos, klein_transmission
from rmt_meso.transport.devices import honeycomb_bloch_blocks, honeycomb_bloch_strip

S3 = np.sqrt(3.0)


def _f(kx, ky):
    """|f(k)| of the primitive honeycomb lattice (a1 = (1, 0), a2 = (1/2, sqrt3/2))."""
    k_a1 = kx
    k_a2 = 0.5 * kx + 0.5 * S3 * ky
    return np.abs(1 + np.exp(-1j * k_a2) + np.exp(1j * (k_a1 - k_a2)))


@pytest.mark.parametrize("ky", [0.0, 0.37, -1.1])
def test_bloch_blocks_reproduce_the_folded_band_structure(ky):
    h, hop, pos = honeycomb_bloch_blocks(ky)
    np.testing.assert_allclose(h, h.conj().T, atol=1e-15)
    for kx in np.linspace(-np.pi, np.pi, 13):
        bands = np.linalg.eigvalsh(h + hop * np.exp(1j * kx) + hop.conj().T * np.exp(-1j * kx))
        e1, e2 = _f(kx, ky), _f(kx, ky + 2 * np.pi / S3)
        np.testing.assert_allclose(bands, np.sort([-e1, -e2, e1, e2]), atol=1e-12, err_msg=f"kx={kx}")
    # nearest-neighbour geometry: every A has three B neighbours at a/sqrt3
    assert np.allclose(np.linalg.norm(pos[1] - pos[0]), 1 / S3)


@pytest.mark.parametrize("energy,ky", [(0.2, 0.0), (0.2, 0.1), (-0.7, 0.3), (1.5, 0.2)])
def test_clean_strip_transmits_every_right_moving_band_state(energy, ky):
    """g = number of k_x in the zone with E(k_x) = E and dE/dk_x > 0, from the folded bands."""
    kx = np.linspace(-np.pi, np.pi, 20001)
    count = 0
    for sign in (1, -1):
        for shift in (0.0, 2 * np.pi / S3):
            e = sign * _f(kx, ky + shift) - energy
            count += int(np.sum((e[:-1] < 0) & (e[1:] >= 0)))          # upward crossings: v > 0
    s = honeycomb_bloch_strip(3, ky).smatrix(energy)
    assert s.lead_sizes[0] == count
    assert s.transmission(1, 0) == pytest.approx(count, abs=1e-9)


def test_smooth_pn_junction_klein_tunnelling():
    """T(0) = 1 (Klein), T(k_y) = T(-k_y), valleys degenerate, and Cheianov-Fal'ko at k_F d = 5 to 6 %."""
    v0, kfd = 0.2, 5.0
    kf = v0 / dirac_velocity()
    d = kfd / kf
    length = int(2 * d + 40)

    def pot(x):
        return -v0 * np.clip((x - length / 2) / d, -1, 1)
    t = {}
    for s in (0.0, 0.3, -0.3):
        t[s] = np.sort(honeycomb_bloch_strip(length, kf * s, onsite=pot).smatrix(0.0).transmission_eigenvalues(1, 0))
    np.testing.assert_allclose(t[0.0], 1.0, atol=1e-5)        # 7e-7: lattice backscattering at the kinks
    np.testing.assert_allclose(t[0.3], t[-0.3], atol=1e-9)
    assert t[0.3][1] - t[0.3][0] < 0.01 * t[0.3].mean()       # valleys alike up to trigonal warping O(k_F a)
    cf = klein_transmission(np.arcsin(0.3), kfd)
    assert abs(np.log(t[0.3].mean()) / np.log(cf) - 1) < 0.06   # the ramp's kinks at k_F d = 5: a few %
    # an abrupt step is far more transparent at this angle than the smooth junction
    sharp = honeycomb_bloch_strip(length, kf * 0.3, onsite=lambda x: -v0 * np.sign(x - length / 2 - 0.25))
    assert sharp.smatrix(0.0).transmission(1, 0) / 2 > 2 * cf


def test_bloch_strip_bad_input():
    with pytest.raises(ValueError, match="length"):
        honeycomb_bloch_strip(0, 0.1)
    with pytest.raises(ValueError, match="onsite"):
        honeycomb_bloch_strip(3, 0.1, onsite=lambda x: np.zeros(2))
    with pytest.raises(ValueError, match="ky"):
        honeycomb_bloch_blocks(np.nan)


def test_dos_against_brillouin_zone_histogram():
    """Exact DOS (per atom and spin) vs a histogram of the bands over a fine k grid, normalisation, Dirac limit."""
    from scipy.integrate import quad
    n = 1500
    k1, k2 = np.meshgrid(2 * np.pi * (np.arange(n) + 0.5) / n, 2 * np.pi * (np.arange(n) + 0.3) / n)
    f = np.abs(1 + np.exp(1j * k1) + np.exp(1j * k2)).ravel()       # |E| of the two bands
    edges = np.array([0.2, 0.4, 0.6, 0.8, 1.0, 1.2, 1.6, 2.0, 2.4, 2.8])
    counts = np.histogram(f, edges)[0] / (2 * f.size)                # per atom, per sign of E
    expected = np.array([quad(lambda e: float(dos(e)), a, b)[0] for a, b in zip(edges[:-1], edges[1:])])
    np.testing.assert_allclose(counts, expected, rtol=3e-3)
    total = 2 * (quad(lambda e: float(dos(e)), 0, 1)[0] + quad(lambda e: float(dos(e)), 1, 3)[0])
    assert total == pytest.approx(1.0, abs=1e-9)
    e = np.array([1e-4, 1e-3, 0.01])
    np.testing.assert_allclose(dos(e) / dirac_dos(e), 1.0, atol=1e-3)
    assert dos(3.5) == 0.0 and dos(-0.3) == dos(0.3)
    assert dirac_velocity(2.0, 3.0) == pytest.approx(S3 / 2 * 6.0)


def test_klein_transmission_values_and_bad_input():
    np.testing.assert_allclose(klein_transmission([0.0, np.pi / 2], 2.0), [1.0, np.exp(-2 * np.pi)])
    with pytest.raises(ValueError, match="kf_d"):
        klein_transmission(0.1, 0.0)
