"""Closed lattice billiards: exact rectangle spectrum, gauge and time-reversal properties."""

import numpy as np
import pytest

from rmt_meso.transport.billiards import (billiard_levels, closed_hamiltonian, quarter_disc,
                                          quarter_stadium, sinai_quarter)
from rmt_meso.transport.lattice import annulus, honeycomb, rectangle, square


def test_rectangle_spectrum_is_separable():
    h, pos = closed_hamiltonian(square(), rectangle(0, 11, 0, 6))
    assert pos.shape == (12 * 7, 2)
    ex = np.sort((-2 * np.cos(np.pi * np.arange(1, 13) / 13))[:, None]
                 + (-2 * np.cos(np.pi * np.arange(1, 8) / 8))[None, :], axis=None)
    np.testing.assert_allclose(np.linalg.eigvalsh(h.toarray()), ex, atol=1e-12)
    np.testing.assert_allclose(billiard_levels(h, 10), ex[:10], atol=1e-10)


def test_field_is_hermitian_and_time_reversal_flips_it():
    shape = quarter_stadium(8, 6)
    hp, _ = closed_hamiltonian(square(), shape, flux=0.03)
    hm, _ = closed_hamiltonian(square(), shape, flux=-0.03)
    assert abs(hp - hp.conj().T).max() < 1e-14
    np.testing.assert_allclose(hm.toarray(), hp.toarray().conj(), atol=1e-14)
    # gauge invariance: the spectrum of a ring depends on the enclosed flux only through
    # the Peierls phases; B -> -B leaves it unchanged (time reversal)
    np.testing.assert_allclose(np.linalg.eigvalsh(hp.toarray()), np.linalg.eigvalsh(hm.toarray()), atol=1e-12)


def test_flux_quantum_through_every_plaquette_is_invisible():
    h0, _ = closed_hamiltonian(square(), annulus(3, 7))
    h1, _ = closed_hamiltonian(square(), annulus(3, 7), flux=1.0)
    np.testing.assert_allclose(np.linalg.eigvalsh(h0.toarray()), np.linalg.eigvalsh(h1.toarray()), atol=1e-10)


def test_shapes_and_errors():
    for shape in (quarter_stadium(6, 4), sinai_quarter(9, 7, 4), quarter_disc(8)):
        h, pos = closed_hamiltonian(square(), shape)
        assert np.all(pos >= 0.5) and h.shape[0] == pos.shape[0] > 10
    h, _ = closed_hamiltonian(honeycomb(), rectangle(0, 4, 0.3, 3.3))
    e = np.linalg.eigvalsh(h.toarray())
    assert np.all(np.abs(e) <= 3 + 1e-12)
    with pytest.raises(ValueError, match="no lattice site"):
        closed_hamiltonian(square(), rectangle(0.2, 0.4, 0.2, 0.4))
    with pytest.raises(ValueError, match="n_levels"):
        billiard_levels(h, 0)


def test_closed_hamiltonian_flux_tube_matches_device_and_loop_phase():
    from rmt_meso.transport import Device, lead, rectangle, square
    from rmt_meso.transport.billiards import closed_hamiltonian
    rect = rectangle(0, 9, 0, 5)
    for flux, tube in ((0.0, 0.3), (0.07, 0.3), (0.07, 0.0)):
        dev = Device(square(), rect, [lead("-x"), lead("+x")], flux=flux, ab_flux=tube, ab_center=(4.5, 2.5))
        h, _ = closed_hamiltonian(square(), rect, flux=flux, ab_flux=tube, ab_center=(4.5, 2.5))
        np.testing.assert_allclose(np.linalg.eigvalsh(h.toarray()), np.linalg.eigvalsh(dev.hamiltonian.toarray()),
                                   atol=1e-12)
    # the plaquette round the tube: counter-clockwise product of H[next, current]/(-t) = e^{-2 pi i Phi}
    h, pos = closed_hamiltonian(square(), rect, ab_flux=0.3, ab_center=(4.5, 2.5))
    h = h.toarray()
    idx = {tuple(np.round(p).astype(int)): k for k, p in enumerate(pos)}
    path = [(4, 2), (5, 2), (5, 3), (4, 3), (4, 2)]
    prod = np.prod([-h[idx[b], idx[a]] for a, b in zip(path[:-1], path[1:])])
    assert abs(prod - np.exp(-2j * np.pi * 0.3)) < 1e-12


def test_aharonov_bohm_areas_of_loops_and_rings():
    from rmt_meso.transport import annulus, rectangle, square
    from rmt_meso.transport.billiards import aharonov_bohm_areas
    # a one-site-wide 12 x 7 rectangular loop encloses exactly 84 plaquettes, every state
    loop = rectangle(0, 12, 0, 7) - rectangle(1, 11, 1, 6)
    e, a = aharonov_bohm_areas(square(), loop, ab_center=(6.3, 3.2), tube_flux=0.2)
    assert e.size == 38                          # the loop's sites: 2 (12 + 7)
    np.testing.assert_allclose(a, 84.0, rtol=1e-6)
    # a ring of finite width: the transverse mode's area pi/<r^-2> lies below pi r_m^2 and
    # grows with energy (the mode spreads outwards)
    e, a = aharonov_bohm_areas(square(), annulus(12, 15), energy_range=(-3.3, -2.9))
    assert np.all(a < np.pi * 13.5 ** 2) and np.all(a > np.pi * 12.5 ** 2)
    assert np.all(np.diff(a) > 0)
    with pytest.raises(ValueError, match="tube_flux"):
        aharonov_bohm_areas(square(), loop, ab_center=(6.3, 3.2), tube_flux=0.5)
    with pytest.raises(ValueError, match="does not enclose"):
        aharonov_bohm_areas(square(), rectangle(0, 5, 0, 5), ab_center=(20.3, 20.2))
