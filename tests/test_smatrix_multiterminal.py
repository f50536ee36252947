"""The common SMatrix type: lead blocks, Kwant-style transmission(i, j), conductance matrix,
Büttiker resistances, batch axis, and every scattering object of the package being one."""

import numpy as np
import pytest

from rmt_meso.ensembles import COE, CUE
from rmt_meso.transport import (ChaoticCavity, HamiltonianCavity, ImaginaryPotentialCavity, SMatrix,
                                VoltageProbeCavity, Wire)
from rmt_meso.transport.dephasing import lead_transmissions


def test_blocks_and_transmissions_of_a_four_lead_cue_matrix():
    sizes = (2, 3, 1, 2)
    u = CUE(sum(sizes)).sample(rng=3)
    s = SMatrix(u, sizes, beta=2)
    edges = np.cumsum((0,) + sizes)
    for i in range(4):
        for j in range(4):
            blk = u[edges[i]:edges[i + 1], edges[j]:edges[j + 1]]
            np.testing.assert_allclose(s.block(i, j), blk)
            assert np.isclose(s.transmission(i, j), np.sum(np.abs(blk) ** 2))
            tn = s.transmission_eigenvalues(i, j)
            assert tn.shape == (min(sizes[i], sizes[j]),)
            assert np.isclose(tn.sum(), s.transmission(i, j))
    g = s.conductance_matrix()
    np.testing.assert_allclose(g.sum(axis=0), 0, atol=1e-12, err_msg="column sums (unitarity)")
    np.testing.assert_allclose(g.sum(axis=1), 0, atol=1e-12, err_msg="row sums (current conservation)")
    assert s.check_unitarity() is s


def test_resistance_reciprocity_and_two_terminal_limit():
    # beta = 1: S = S^T, so G is symmetric and R_ij,kl = R_kl,ij (Büttiker 1986)
    s = SMatrix(COE(8).sample(rng=4), (2, 2, 2, 2), beta=1)
    assert np.isclose(s.resistance(0, 2, 1, 3), s.resistance(1, 3, 0, 2))
    # voltage across the current leads of a 2-terminal conductor is I/T
    two = SMatrix(CUE(5).sample(rng=5), (2, 3), beta=2)
    assert np.isclose(two.resistance(0, 1, 0, 1), 1.0 / two.transmission(1, 0))
    assert np.isclose(two.conductance(), two.transmission(1, 0))


def test_batch_axis():
    u = CUE(4).sample(6, rng=1)
    s = SMatrix(u, (1, 3))
    assert s.batch_shape == (6,) and len(s) == 6
    assert s.transmission(1, 0).shape == (6,)
    assert s.conductance_matrix().shape == (6, 2, 2)
    assert np.isclose(s[2].transmission(1, 0), s.transmission(1, 0)[2])
    assert s.transmission_eigenvalues().shape == (6, 1)


def test_every_scattering_object_is_an_smatrix():
    assert isinstance(ChaoticCavity(2, 3, 1).sample(4, rng=1), SMatrix)
    hc = HamiltonianCavity(20, 2, 3, 2)
    h = hc.hamiltonians(3, rng=2)
    assert isinstance(hc.smatrix(h, 0.1), SMatrix) and isinstance(hc.sample(2, rng=1), SMatrix)
    ip = ImaginaryPotentialCavity(20, 2, 2, 1, gamma_phi=0.5)
    s_ip = ip.sample(3, rng=1)
    assert isinstance(s_ip, SMatrix) and np.all(s_ip.unitarity_error() > 1e-3)   # absorbing
    vp = VoltageProbeCavity(1, 2, 3, 2).sample(5, rng=2)
    assert isinstance(vp, SMatrix) and vp.n_leads == 3
    assert isinstance(Wire(4, 5).smatrix(0.3), SMatrix)


@pytest.mark.parametrize("beta", [1, 2, 4])
def test_voltage_probe_transmissions_agree_with_smatrix(beta):
    vp = VoltageProbeCavity(1, 2, 3, beta)
    s = vp.sample(4, rng=7)
    tm = lead_transmissions(s.matrix, [1, 2, 3], beta)
    for i in range(3):
        for j in range(3):
            np.testing.assert_allclose(s.transmission(i, j), tm[:, i, j], atol=1e-12)
    np.testing.assert_allclose(s.conductance_matrix().sum(axis=-1), 0, atol=1e-10)


def test_cavity_kramers_convention():
    sc = ChaoticCavity(2, 3, 4).sample(3, rng=2)
    assert sc.n_channels(0) == 2 and sc.transmission_eigenvalues().shape == (3, 2)
    np.testing.assert_allclose(sc.transmission(1, 0), sc.conductance(), atol=1e-12)


@pytest.mark.parametrize("call, err, match", [
    (lambda: SMatrix(np.eye(3), (1, 1)), ValueError, "partition"),
    (lambda: SMatrix(np.eye(2), (1, 1)).transmission(2, 0), ValueError, "lead index"),
    (lambda: SMatrix(np.eye(3), (1, 1, 1)).t, ValueError, "two leads"),
    (lambda: SMatrix(np.eye(2), (1, 1)).resistance(0, 0, 0, 1), ValueError, "current leads"),
    (lambda: SMatrix(np.eye(2)).transmission_eigenvalues(0), TypeError, "both leads"),
])
def test_bad_input(call, err, match):
    with pytest.raises(err, match=match):
        call()
