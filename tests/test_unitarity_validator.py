"""One unitarity tolerance and one validator for every S-matrix of the transport layer.

The transmission check of :mod:`rmt_meso.transport.smatrix` must accept every S that the
unitarity validator accepted (Gershgorin: ``max|S†S − 1| <= ε`` bounds every ``T_n`` by
``1 + Dε``), and reject what lies beyond that bound.
"""

import numpy as np
import pytest
from scipy.linalg import sqrtm

from rmt_meso import ConvergenceError
from rmt_meso.transport import (UNITARITY_TOL, SMatrix, Wire, check_unitarity, conductance,
                                unitarity_error)
from rmt_meso.transport.smatrix import transmission_tolerance


def _haar(n, seed):
    rng = np.random.default_rng(seed)
    z = (rng.standard_normal((n, n)) + 1j * rng.standard_normal((n, n))) / np.sqrt(2)
    q, r = np.linalg.qr(z)
    return q * (np.diag(r) / np.abs(np.diag(r)))


def _worst_case_smatrix(n, eps):
    """S = swap · sqrt(1 + eps J_L): max|S†S − 1| = eps exactly, largest T_n = 1 + n eps.

    ``J_L`` is the all-ones matrix on the left lead's n channels, so ``S†S − 1 = eps J_L``
    has entries at most ``eps`` and the eigenvalue ``n eps`` (the Gershgorin bound for the
    left block); the swap sends the left lead entirely to the right (t = sqrt(1 + eps J_L)).
    """
    c = sqrtm(np.eye(n) + eps * np.ones((n, n)))
    z = np.zeros((n, n), complex)
    return SMatrix(t=c.astype(complex), r=z, tp=np.eye(n, dtype=complex), rp=z.copy(),
                   energy=0.0, n_left=n, n_right=n)


def test_one_constant_everywhere():
    from rmt_meso.transport import cavity, dephasing, rgf, wire
    import inspect
    assert dephasing.SUBUNITARY_TOL == UNITARITY_TOL
    assert cavity.UNITARITY_TOL is UNITARITY_TOL
    for fn in (rgf.rgf_smatrix, wire.Wire.smatrix, wire.Wire.sample_transmission_eigenvalues,
               dephasing.lead_transmissions, SMatrix.check_unitarity):
        assert inspect.signature(fn).parameters["tol"].default == UNITARITY_TOL, fn.__qualname__


def test_validator_accepts_unitary_and_names_the_failure():
    u = np.stack([_haar(6, s) for s in range(3)])
    assert check_unitarity(u) < 1e-13
    np.testing.assert_array_less(unitarity_error(u), 1e-13)
    assert unitarity_error(u).shape == (3,)
    bad = u.copy()
    bad[1] *= 1.0 + 1e-6
    with pytest.raises(ConvergenceError, match=r"my S at E=0.3 is not unitary: max\|S\^dag S - 1\| = 2\.0"):
        check_unitarity(bad, what="my S at E=0.3")
    with pytest.raises(ValueError, match="s is not unitary"):
        check_unitarity(bad, what="s", error=ValueError)
    assert check_unitarity(bad, tol=1e-5) == pytest.approx(2e-6, rel=1e-3)
    # sub-unitary: singular values <= 1 + tol only
    assert check_unitarity(0.5 * u, subunitary=True) == 0.0
    with pytest.raises(ConvergenceError, match="largest singular value 1.000001"):
        check_unitarity(bad, subunitary=True)
    assert check_unitarity(np.zeros((0, 0))) == 0.0
    with pytest.raises(ValueError, match=r"shape \(\.\.\., D, D\); got shape \(2, 3\)"):
        check_unitarity(np.zeros((2, 3)))
    with pytest.raises(ValueError, match="tol"):
        check_unitarity(u, tol=-1.0)


@pytest.mark.parametrize("n", [1, 3, 8])
def test_transmission_check_accepts_what_the_validator_accepts(n):
    s = _worst_case_smatrix(n, 0.999 * UNITARITY_TOL)
    assert s.unitarity_error() == pytest.approx(0.999 * UNITARITY_TOL, rel=1e-3)
    s.check_unitarity()
    tn = s.transmission_eigenvalues()
    assert tn.max() == 1.0                       # clipped, not rejected
    assert s.conductance() == pytest.approx(n)
    assert transmission_tolerance(2 * n) >= n * UNITARITY_TOL


def test_transmission_check_rejects_beyond_the_bound():
    n = 4
    s = _worst_case_smatrix(n, 3 * UNITARITY_TOL)  # T_max = 1 + 12e-10 > D tol = 8e-10
    with pytest.raises(ConvergenceError, match="not unitary"):
        s.check_unitarity()
    with pytest.raises(ConvergenceError, match="leave \\[0, 1\\]"):
        s.transmission_eigenvalues()
    with pytest.raises(ValueError, match="transmissions must lie in"):
        conductance([1.0, 1.0 + 1e-8])
    assert conductance([1.0, 1.0 + 1e-11]) == 2.0


@pytest.mark.parametrize("wire, energy", [
    (Wire(5, 20), -1.999999999),                        # issue 13: a threshold of the strip
    (Wire(4, 10, spin_orbit=0.5), -3.5282751343417),     # issue 13: spin-orbit threshold
], ids=["strip", "spin-orbit"])
def test_conductance_after_smatrix_passes(wire, energy):
    s = wire.smatrix(energy)                            # passed the unitarity check
    g = wire.conductance(energy)                        # so the transmissions pass too
    assert g == pytest.approx(s.n_left, abs=1e-6)
