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
